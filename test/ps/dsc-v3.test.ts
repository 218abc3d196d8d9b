import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { EXIT_CODES } from '../../src/core/exit-codes';
import {
  analyzePowerShellFile,
  manifestValue,
  psQuote,
  runPowerShell,
  skipUnlessPsTool,
  type PsEvalResult,
} from './ps-tools';
import {
  ENTRY,
  EXAMPLE,
  FIXTURES,
  MODULE_MANIFEST,
  TOOL_SETUP_TIMEOUT_MS,
  instanceSchema,
  manifest,
} from './dsc-v3-helpers';

describe('DSC v3 entry script (real PowerShell parser and runspace)', function () {
  this.timeout(120_000);

  before(function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    skipUnlessPsTool(this, 'DSC v3 entry script');
  });

  it("accepts exactly the manifest's operations, and its exit codes are the module table's DscV3 texts", function () {
    const entry = analyzePowerShellFile('dsc/v3/IisLogonRights.AnonymousLogonRight.ps1');
    assert.deepEqual(entry.parseErrors, []);
    assert.deepEqual(
      entry.functions.map((fn) => fn.name),
      ['ConvertTo-IisLogonRightsDscTraceLine', 'Invoke-IisLogonRightsDscEntry'],
    );
    const scriptParameters = readFileSync(ENTRY, 'utf8').match(
      /ValidateSet\(([^)]*)\)\]\s*\[System\.String\]\s*\$Operation/,
    );
    assert.ok(scriptParameters);
    assert.deepEqual([...scriptParameters[1]!.matchAll(/'(\w+)'/g)].map((match) => match[1]).sort(), [
      'get',
      'set',
      'test',
      'whatif',
    ]);
    const table = manifestValue(
      analyzePowerShellFile('dsc/IisLogonRightsDsc/Data/EngineContract.psd1').manifest!,
      'ExitCodes',
    ) as { Code: number; DscV3: string }[];
    assert.deepEqual(Object.fromEntries(table.map((row) => [String(row.Code), row.DscV3])), manifest.exitCodes);
  });

  it('set applies the plan and returns the after state when collecting again shows the desired state', function () {
    const after = mkdtempSync(join(tmpdir(), 'iislr-v3-after-'));
    try {
      cpSync(EXAMPLE, after, { recursive: true });
      const secedit = readFileSync(join(after, 'secedit.inf'))
        .toString('utf16le')
        .replace(/^\uFEFF/, '');
      writeFileSync(
        join(after, 'secedit.inf'),
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(
            secedit.replace(/^(SeBatchLogonRight = .*)$/m, '$1,*S-1-5-21-2060260628-1893702904-3285376245-1604'),
            'utf16le',
          ),
        ]),
      );
      const result = runPowerShell(`
        if ($null -eq (Get-Command -Name 'ConvertFrom-Json' -CommandType Cmdlet -ErrorAction SilentlyContinue)) { . ${psQuote(join(FIXTURES, 'ConvertFrom-Json.StandIn.ps1'))} }
        . ${psQuote(join(FIXTURES, 'Use-IisLogonRightsTestBoundary.ps1'))}
        Import-Module ${psQuote(MODULE_MANIFEST)} -Force
        . ${psQuote(ENTRY)} -Operation set
        & (Get-Module IisLogonRightsDsc) { param ($root) $script:TestBackupRoot = $root; function script:Get-IisLogonRightsDefaultBackupRoot { $script:TestBackupRoot } } ${psQuote(join(after, 'backups'))}
        Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(EXAMPLE)}, ${psQuote(after)}
        $run = Invoke-IisLogonRightsDscEntry -Operation set -InputText '{"scope":"Reports"}'
        [pscustomobject] @{ ExitCode = $run.ExitCode; Output = $run.Output; Trace = @($run.Trace); Lsa = $global:IisLogonRightsTestLsaCalls.ToArray() }
      `);
      assert.deepEqual(result.errors, []);
      const run = result.output[0]!.value as { ExitCode: number; Output: string; Trace: string[]; Lsa: string[] };
      assert.equal(run.ExitCode, 0, run.Trace.join('\n'));
      const instance = JSON.parse(run.Output) as { inDesiredState: boolean; findings: { status: string }[] };
      assert.equal(instance.inDesiredState, true);
      assert.deepEqual(
        instance.findings.map((finding) => finding.status),
        ['ok'],
      );
      assert.deepEqual(run.Lsa, [
        'get S-1-5-21-2060260628-1893702904-3285376245-1604',
        'add S-1-5-21-2060260628-1893702904-3285376245-1604 SeBatchLogonRight',
      ]);
      assert.ok(
        run.Trace.some((line) => /^\{"warn":"Changed 1 logon right assignment\(s\); backup and undo plan: /.test(line)),
        run.Trace.join('\n'),
      );
    } finally {
      rmSync(after, { recursive: true, force: true });
    }
  });

  it('get, test, whatif and set write one instance line and one-key JSON trace lines, with the declared exit codes', function () {
    const result: PsEvalResult = runPowerShell(`
      if ($null -eq (Get-Command -Name 'ConvertFrom-Json' -CommandType Cmdlet -ErrorAction SilentlyContinue)) { . ${psQuote(join(FIXTURES, 'ConvertFrom-Json.StandIn.ps1'))} }
      . ${psQuote(join(FIXTURES, 'Use-IisLogonRightsTestBoundary.ps1'))}
      Import-Module ${psQuote(MODULE_MANIFEST)} -Force
      . ${psQuote(ENTRY)} -Operation get
      $backups = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), ('iislr-v3-' + [System.Guid]::NewGuid().ToString('N')))
      & (Get-Module IisLogonRightsDsc) { param ($root) $script:TestBackupRoot = $root; function script:Get-IisLogonRightsDefaultBackupRoot { $script:TestBackupRoot } } $backups
      foreach ($case in @(
          @('get', '{"scope":"*"}'),
          @('test', '{"scope":"Reports","ruleSet":"documented"}'),
          @('test', '{"scope":"Docs"}'),
          @('whatif', '{"scope":"Reports"}'),
          @('set', '{"scope":"Reports","allowTemporaryFix":false}'),
          @('get', '{"scope":"Nope"}'),
          @('test', 'not json')
      )) {
        Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(EXAMPLE)}
        $run = Invoke-IisLogonRightsDscEntry -Operation $case[0] -InputText $case[1]
        [pscustomobject] @{ Operation = $case[0]; ExitCode = $run.ExitCode; Output = $run.Output; Trace = @($run.Trace); Lsa = $global:IisLogonRightsTestLsaCalls.ToArray() }
      }
      if ([System.IO.Directory]::Exists($backups)) { [System.IO.Directory]::Delete($backups, $true) }
    `);
    assert.deepEqual(result.errors, []);
    assert.equal(result.terminatingError, null);
    const runs = result.output.map(
      (item) =>
        item.value as { Operation: string; ExitCode: number; Output: string | null; Trace: string[]; Lsa: string[] },
    );
    const validateInstance = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(instanceSchema);
    for (const run of runs) {
      for (const line of run.Trace) {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        assert.equal(Object.keys(parsed).length, 1, line);
        assert.ok(['error', 'warn', 'info', 'debug', 'trace'].includes(Object.keys(parsed)[0]!), line);
        assert.match(line, /^[\x20-\x7e]*$/, 'trace lines are ASCII JSON');
      }
      if (run.Output !== null) {
        assert.equal(run.Output.split('\n').length, 1, 'one JSON line');
        assert.ok(validateInstance(JSON.parse(run.Output)), JSON.stringify(validateInstance.errors));
      }
    }
    const [getAll, testReports, testDocs, whatIf, set, unknownSite, notJson] = runs;
    assert.equal(getAll!.ExitCode, 0);
    assert.deepEqual(
      (JSON.parse(getAll!.Output!) as { findings: { site: string }[] }).findings.map((finding) => finding.site),
      ['Default Web Site', 'Default Web Site', 'Reports', 'Docs'],
    );
    assert.equal(JSON.parse(getAll!.Output!)._inDesiredState, undefined);
    assert.equal(testReports!.ExitCode, 0, 'out of desired state is data, not an error');
    assert.equal(JSON.parse(testReports!.Output!)._inDesiredState, false);
    assert.equal(JSON.parse(testDocs!.Output!)._inDesiredState, true);
    assert.equal(whatIf!.ExitCode, 0);
    assert.deepEqual(whatIf!.Lsa, [], 'what-if changes nothing');
    assert.ok(
      whatIf!.Trace.includes(
        '{"warn":"what-if: Grant SeBatchLogonRight to CONTOSO\\\\svc-reports (S-1-5-21-2060260628-1893702904-3285376245-1604)"}',
      ),
      whatIf!.Trace.join('\n'),
    );
    assert.deepEqual(
      JSON.parse(whatIf!.Output!).findings.map((finding: { status: string }) => finding.status),
      ['ok'],
      'what-if returns the state after the plan, for DSC to compare with get',
    );
    assert.equal(JSON.parse(whatIf!.Output!).inDesiredState, true);
    // The boundary returns the same snapshot after the change, so set must report that it did not reach the state.
    assert.equal(set!.ExitCode, 1);
    assert.equal(set!.Output, null);
    assert.deepEqual(
      set!.Lsa.filter((call) => !call.startsWith('get ')),
      ['add S-1-5-21-2060260628-1893702904-3285376245-1604 SeBatchLogonRight'],
    );
    assert.match(
      set!.Trace.at(-1)!,
      /^\{"error":"Scope Reports is still not in the desired state after Set \(1 change\(s\) applied\)\. What remains: Site \\"Reports\\" path \/: worker process identity CONTOSO\\\\svc-reports .* lacks Log on as a batch job/,
    );
    assert.equal(unknownSite!.ExitCode, EXIT_CODES.invalidInput.code);
    assert.match(
      unknownSite!.Trace.at(-1)!,
      /^\{"error":"iis-logon-rights dsc get failed with exit code 3 \(invalidInput\): .*found \\"Nope\\"/,
    );
    assert.equal(notJson!.ExitCode, EXIT_CODES.invalidInput.code);
    assert.match(notJson!.Trace.at(-1)!, /^\{"error":"The desired instance on stdin is not a JSON object/);
  });
});
