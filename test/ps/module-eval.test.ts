import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { escapeText } from '../../src/render/text-escape';
import { runBundle } from '../helpers/cli';
import { checkPlanStructure } from '../../src/core/check-plan';
import type { PlanDocument } from '../../src/core/plan';
import { psQuote, runPowerShell, skipUnlessPsTool, REPO_ROOT, type PsErrorRecord, type PsEvalResult } from './ps-tools';

// Runs the module's own functions in a runspace of the real PowerShell engine: tools/ps-ast
// (System.Management.Automation 7.6.9, Core cmdlets only) here, pwsh where it exists. The
// module is imported from its manifest, so the psm1, the class and the format file load as they
// would on Windows. What cannot run here is replaced at the module's boundary functions
// (test/fixtures/ps-module/Use-IisLogonRightsTestBoundary.ps1): collecting the facts (secedit,
// IIS files, WMI, account lookups) and the three LSA calls. The engine is the real bundle, run
// by the module through node. ConvertFrom-Json, absent from the Core-only engine, is replaced
// by a Newtonsoft-based stand-in (test/fixtures/ps-module/ConvertFrom-Json.StandIn.ps1) there.

const MODULE_MANIFEST = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'ps-module');
const EXAMPLES = join(REPO_ROOT, 'examples', 'snapshots');
const MISSING_BATCH = join(EXAMPLES, 'iis10-specificuser-pool-missing-batch');
const GPO_BLOCKED = join(EXAMPLES, 'iis10-gpo-blocked');
const REPORTS_SID = 'S-1-5-21-2060260628-1893702904-3285376245-1604';
const TOOL_SETUP_TIMEOUT_MS = 10 * 60_000;
const EVAL_TIMEOUT_MS = 120_000;

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const schema = (name: string) =>
  ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', `${name}.schema.json`), 'utf8')));
const validateFacts = schema('facts');
const validateAccounts = schema('accounts');
const validateRsop = schema('rsop');
const validatePlan = schema('plan');

/** Imports the module, then runs `body` inside the module's scope (private functions callable). */
function evalInModule(body: string): PsEvalResult {
  return runPowerShell(`
    if ($null -eq (Get-Command -Name 'ConvertFrom-Json' -CommandType Cmdlet -ErrorAction SilentlyContinue)) { . ${psQuote(join(FIXTURES, 'ConvertFrom-Json.StandIn.ps1'))} }
    . ${psQuote(join(FIXTURES, 'Use-IisLogonRightsTestBoundary.ps1'))}
    Import-Module ${psQuote(MODULE_MANIFEST)} -Force
    & (Get-Module -Name 'IisLogonRightsDsc') {
${body}
    }
  `);
}

function values(result: PsEvalResult): unknown[] {
  return result.output.map((item) => item.value);
}

function assertClean(result: PsEvalResult): void {
  assert.deepEqual(
    result.errors.map((error) => `${error.fullyQualifiedErrorId}: ${error.message}`),
    [],
  );
  assert.equal(result.terminatingError, null, result.terminatingError?.message ?? '');
}

/** A copy of a snapshot folder whose secedit.inf grants `right` to `sid` as well (the state after Set). */
function grantedCopy(folder: string, right: string, sid: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'iislr-after-'));
  cpSync(folder, copy, { recursive: true });
  const path = join(copy, 'secedit.inf');
  const text = readFileSync(path)
    .toString('utf16le')
    .replace(/^\uFEFF/, '');
  const changed = text.replace(new RegExp(`^(${right} = .*)$`, 'm'), `$1,*${sid}`);
  assert.notEqual(changed, text, `${right} line found`);
  writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(changed, 'utf16le')]));
  return copy;
}

describe('IisLogonRightsDsc functions executed in a PowerShell runspace (boundary functions replaced)', function () {
  this.timeout(EVAL_TIMEOUT_MS);
  const temporary: string[] = [];

  before(function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    skipUnlessPsTool(this, 'IisLogonRightsDsc runspace tests');
    if (!existsSync(join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'bin', 'iis-logon-rights.cjs'))) {
      throw new Error('dsc/IisLogonRightsDsc/bin/iis-logon-rights.cjs is missing: run node build.mjs (npm test does)');
    }
  });

  after(function () {
    for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
  });

  const tempFolder = (prefix: string) => {
    const folder = mkdtempSync(join(tmpdir(), prefix));
    temporary.push(folder);
    return folder;
  };

  it("Test-ModuleManifest accepts the manifest, and the help system finds every command's help and the about topic", function () {
    const result = runPowerShell(`
      $manifest = Test-ModuleManifest -Path ${psQuote(MODULE_MANIFEST)}
      $manifest.Version.ToString()
      @($manifest.ExportedDscResources) -join ','
      Import-Module ${psQuote(MODULE_MANIFEST)}
      foreach ($command in @((Get-Module -Name 'IisLogonRightsDsc').ExportedFunctions.Keys)) {
        $help = Get-Help -Name $command -Full
        '{0}|{1}|{2}|{3}' -f $command, ($help.Synopsis.Length -gt 20), @($help.Examples.Example).Count, (@($help.Parameters.Parameter | ForEach-Object { $_.Name }) -join ',')
      }
      ([System.String] (Get-Help -Name 'about_IisLogonRightsDsc')).StartsWith('TOPIC')
    `);
    assertClean(result);
    const output = values(result);
    assert.equal(
      output[0],
      (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
    assert.equal(output[1], 'IisAnonymousLogonRight');
    const help = new Map(
      (output.slice(2, -1) as string[]).map((line) => [line.split('|')[0]!, line.split('|').slice(1)]),
    );
    assert.deepEqual([...help.keys()].sort(), [
      'Export-IisLogonRightsSnapshot',
      'Get-IisAnonymousLogonRight',
      'Set-IisAnonymousLogonRight',
      'Set-IisLogonRightsEngineHost',
      'Set-IisLogonRightsNodeJsPath',
      'Test-IisAnonymousLogonRight',
      'Undo-IisAnonymousLogonRight',
    ]);
    for (const [command, [synopsis, examples]] of help) {
      assert.equal(synopsis, 'True', `${command} synopsis`);
      assert.ok(Number(examples) >= 1, `${command} examples`);
    }
    assert.deepEqual(help.get('Set-IisAnonymousLogonRight')![2]!.split(','), [
      'Scope',
      'RuleSet',
      'AllowTemporaryFix',
      'BackupPath',
      'BackupRetention',
      'GroupPolicySource',
      'PassThru',
      'WhatIf',
      'Confirm',
    ]);
    assert.equal(output.at(-1), true);
  });

  it('ConvertTo-IisLogonRightsJson writes ASCII JSON: escapes, order, one-element and empty arrays, custom objects, enums', function () {
    const result = evalInModule(`
      ConvertTo-IisLogonRightsJson -InputObject ([ordered] @{ z = 'q"b\\s'; a = @('one'); e = @(); n = $null; t = $true; i = 42; d = 1.5; o = [pscustomobject] @{ k = 'v' }; w = [System.DayOfWeek]::Monday; u = "caf$([char] 0xE9) $([char] 0xD83D)$([char] 0xDE00) tab$([char] 9)" })
      ConvertTo-IisLogonRightsJson -InputObject @('only') -Indent
      ConvertTo-IisLogonRightsJson -InputObject ([ordered] @{ nested = @{ deeper = @{ deepest = @(1, @(2, 3)) } } })
      $big = 'name="x" ' * 250000
      $json = ConvertTo-IisLogonRightsJson -InputObject $big
      [pscustomobject] @{ Length = $json.Length }
      try { ConvertTo-IisLogonRightsJson -InputObject ([System.IO.FileInfo]::new('x')) } catch { 'refused: ' + $_.Exception.Message }
    `);
    assertClean(result);
    const [first, indented, nested, big, refused] = values(result) as [
      string,
      string,
      string,
      { Length: number },
      string,
    ];
    assert.match(first, /^[\x20-\x7e]*$/, 'ASCII only');
    assert.deepEqual(JSON.parse(first), {
      z: 'q"b\\s',
      a: ['one'],
      e: [],
      n: null,
      t: true,
      i: 42,
      d: 1.5,
      o: { k: 'v' },
      w: 'Monday',
      u: 'caf\u00e9 \u{1f600} tab\t',
    });
    assert.deepEqual(
      Object.keys(JSON.parse(first)),
      ['z', 'a', 'e', 'n', 't', 'i', 'd', 'o', 'w', 'u'],
      'ordered keys kept',
    );
    assert.equal(indented, '[\n  "only"\n]');
    assert.deepEqual(JSON.parse(nested), { nested: { deeper: { deepest: [1, [2, 3]] } } }, 'no depth cut-off');
    // A 2.25 MB string, written whole (its time is the mocha timeout's business, not an assertion's).
    assert.equal(big.Length, 9 * 250000 + 2 + 250000 * 2, 'every quote escaped');
    assert.match(refused, /^refused: ConvertTo-IisLogonRightsJson: cannot write a value of type System.IO.FileInfo/);
  });

  it("maps each engine exit code to an ErrorRecord with the table's ErrorId and category, and back to the v3 exit code", function () {
    const result = evalInModule(`
      foreach ($code in 2, 3, 4, 137) {
        ConvertTo-IisLogonRightsEngineError -ExitCode $code -ErrorMessage @('invalid input: secedit.inf line 3: expected a SID', '') -Command 'dsc get'
      }
      foreach ($entry in (Get-IisLogonRightsEngineContract).ExitCodes) { [System.String] [System.Management.Automation.ErrorCategory] $entry.Category }
      $records = @(
        (ConvertTo-IisLogonRightsEngineError -ExitCode 2 -Command 'test'),
        (ConvertTo-IisLogonRightsEngineError -ExitCode 3 -Command 'test'),
        (ConvertTo-IisLogonRightsEngineError -ExitCode 4 -Command 'test'),
        (New-IisLogonRightsErrorRecord -ErrorId 'IisLogonRightsNotInDesiredState' -Message 'remains' -Category InvalidResult),
        (New-IisLogonRightsErrorRecord -ErrorId 'IisLogonRightsNodeJsNotFound' -Message 'no node' -Category ObjectNotFound),
        (ConvertTo-IisLogonRightsEngineError -ExitCode 137 -Command 'test')
      )
      $thrown = try { throw 'something else' } catch { $_ }
      @(foreach ($record in $records + $thrown) { Get-IisLogonRightsExitCode -ErrorRecord $record }) -join ','
    `);
    assertClean(result);
    const output = values(result);
    const records = output.slice(0, 4) as PsErrorRecord[];
    assert.deepEqual(
      records.map((record) => [record.fullyQualifiedErrorId, record.category, record.targetObject]),
      [
        ['IisLogonRightsEngineUsageError', 'InvalidArgument', 'dsc get'],
        ['IisLogonRightsEngineInvalidInput', 'InvalidData', 'dsc get'],
        ['IisLogonRightsEngineInternalError', 'NotSpecified', 'dsc get'],
        ['IisLogonRightsEngineCrashed', 'OperationStopped', 'dsc get'],
      ],
    );
    assert.equal(
      records[1]!.message,
      'iis-logon-rights dsc get failed with exit code 3 (invalidInput): invalid input: secedit.inf line 3: expected a SID',
    );
    assert.match(records[1]!.recommendedAction ?? '', /collect the snapshot again/);
    assert.match(records[3]!.message ?? '', /exit code 137, which the engine never returns itself/);
    assert.deepEqual(
      output.slice(4, 11),
      [
        'NotSpecified',
        'InvalidResult',
        'InvalidArgument',
        'InvalidData',
        'NotSpecified',
        'OperationStopped',
        'WriteError',
      ],
      'every table category is an ErrorCategory',
    );
    assert.equal(
      output[11],
      `${EXIT_CODES.usage.code},${EXIT_CODES.invalidInput.code},${EXIT_CODES.internal.code},1,5,5,5`,
    );
  });

  it("replays the engine's stderr: warn to Warning, info to Verbose, debug and trace to Debug; error and non-JSON lines returned", function () {
    const result = evalInModule(`
      $VerbosePreference = 'Continue'
      $DebugPreference = 'Continue'
      $lines = @(
        '{"warn":"no Group Policy facts: ownership unknown"}',
        '{"info":"3 sites judged"}',
        '{"debug":"token of IUSR"}',
        '{"trace":"parsed 12 lines"}',
        '{"error":"invalid input: secedit.inf: expected [Privilege Rights]"}',
        'node:internal/modules/cjs/loader:1228 throw err;',
        '{"warn":"a","info":"two keys"}',
        '{"warn": 3}',
        '{not json',
        ''
      ) -join "\`r\`n"
      $returned = Write-IisLogonRightsEngineDiagnostic -StandardError $lines
      @($returned).Count
      $returned
    `);
    assertClean(result);
    assert.deepEqual(result.warnings, ['no Group Policy facts: ownership unknown']);
    assert.deepEqual(result.debug, ['token of IUSR', 'parsed 12 lines']);
    assert.deepEqual(result.verbose, [
      '3 sites judged',
      'iis-logon-rights: invalid input: secedit.inf: expected [Privilege Rights]',
      'iis-logon-rights: node:internal/modules/cjs/loader:1228 throw err;',
      'iis-logon-rights: {"warn":"a","info":"two keys"}',
      'iis-logon-rights: {"warn": 3}',
      'iis-logon-rights: {not json',
    ]);
    assert.deepEqual(values(result), [
      5,
      'invalid input: secedit.inf: expected [Privilege Rights]',
      'node:internal/modules/cjs/loader:1228 throw err;',
      '{"warn":"a","info":"two keys"}',
      '{"warn": 3}',
      '{not json',
    ]);
  });

  it("shows every character in messages as the engine's escapeText does: the same class, the same escapes", function () {
    // Every BMP code point but the surrogates, in one string, through the module's helper.
    let text = '';
    for (let code = 0; code < 0x10000; code++) if (code < 0xd800 || code > 0xdfff) text += String.fromCharCode(code);
    const result = evalInModule(`
      $text = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('${Buffer.from(text, 'utf8').toString('base64')}'))
      $shown = ConvertTo-IisLogonRightsDisplayText -Text $text
      [System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($shown))
      ConvertTo-IisLogonRightsDisplayText -Text $shown
      ConvertTo-IisLogonRightsDisplayText -Text ''
    `);
    assertClean(result);
    const [shown, twice, empty] = values(result) as [string, string, string];
    assert.equal(Buffer.from(shown, 'base64').toString('utf8'), escapeText(text));
    assert.equal(twice, escapeText(text), 'escaping twice changes nothing');
    assert.equal(empty, '');
  });

  it('quotes arguments so node receives them unchanged, and carries UTF-8 both ways through System.Diagnostics.Process', function () {
    const tricky = [
      'plain',
      'Default Web Site',
      '',
      'with "quotes"',
      'C:\\Program Files\\x\\',
      'a\\\\"b',
      '*',
      'caf\u00e9',
    ];
    const script =
      "process.stdout.write(JSON.stringify({ argv: process.argv.slice(1), stdin: require('fs').readFileSync(0, 'utf8') })); process.stderr.write('{\"warn\":\"\\u00fcber\"}\\n'); process.exitCode = 7;";
    const result = evalInModule(`
      ConvertTo-IisLogonRightsArgumentString -Argument @('test', '--site', 'Default Web Site', '', 'say "hi"', 'C:\\dir\\', 'a\\b')
      $node = Find-IisLogonRightsNodeJs
      $arguments = @('-e', ${psQuote(script)}, '--') + @(${tricky.map(psQuote).join(', ')})
      $run = Invoke-IisLogonRightsProcess -FilePath $node -ArgumentList $arguments -InputText "stdin: caf$([char] 0xE9) $([char] 0x3A9) $([char] 0xD83D)$([char] 0xDE00)"
      $run.ExitCode
      $run.StandardOutput
      $run.StandardError.Trim()
    `);
    assertClean(result);
    const [quoted, exitCode, stdout, stderr] = values(result) as [string, number, string, string];
    // Unquoted arguments keep their backslashes as they are; inside quotes, trailing ones are doubled.
    assert.equal(quoted, 'test --site "Default Web Site" "" "say \\"hi\\"" C:\\dir\\ a\\b');
    assert.equal(exitCode, 7);
    const echoed = JSON.parse(stdout) as { argv: string[]; stdin: string };
    assert.deepEqual(echoed.argv, tricky, 'node takes -- as the end of its own options');
    assert.equal(echoed.stdin, 'stdin: caf\u00e9 \u03a9 \u{1f600}', 'UTF-8 on stdin, no byte order mark');
    assert.equal(stderr, '{"warn":"\u00fcber"}', 'UTF-8 from stderr');
  });

  it('finds node by setting, environment variable and PATH; explicit paths that do not exist and an empty search are errors naming SYSTEM', function () {
    const fakeBundle = join(tempFolder('iislr-bundle-'), 'old.cjs');
    writeFileSync(fakeBundle, "process.stdout.write('0.0.9\\n');");
    const result = evalInModule(`
      $real = Find-IisLogonRightsNodeJs
      $env:IIS_LOGON_RIGHTS_NODE = $real
      (Find-IisLogonRightsNodeJs) -eq $real
      $env:IIS_LOGON_RIGHTS_NODE = '/no/such/node'
      try { Find-IisLogonRightsNodeJs } catch { $_ }
      $env:IIS_LOGON_RIGHTS_NODE = ''
      try { Set-IisLogonRightsNodeJsPath -Path '/no/such/node' } catch { $_ }
      Set-IisLogonRightsNodeJsPath -Path $real
      $script:IisLogonRightsNodeJsPath -eq $real
      Set-IisLogonRightsNodeJsPath -Path ''
      $null -eq $script:IisLogonRightsNodeJsPath
      $savedPath = $env:PATH
      $env:PATH = ''
      $env:ProgramFiles = ''
      try { Find-IisLogonRightsNodeJs } catch { $_ }
      $env:PATH = $savedPath
      Assert-IisLogonRightsEngineVersion -NodePath $real -BundlePath (Get-IisLogonRightsBundlePath)
      'version matches'
      try { Assert-IisLogonRightsEngineVersion -NodePath $real -BundlePath ${psQuote(fakeBundle)} } catch { $_ }
    `);
    assertClean(result);
    const output = values(result);
    assert.equal(output[0], true);
    const [envMissing, settingMissing] = output.slice(1, 3) as PsErrorRecord[];
    assert.equal(envMissing!.fullyQualifiedErrorId, 'IisLogonRightsNodeJsNotFound,Find-IisLogonRightsNodeJs');
    assert.match(
      envMissing!.message ?? '',
      /"\/no\/such\/node" by the environment variable IIS_LOGON_RIGHTS_NODE, but that file does not exist/,
    );
    assert.equal(settingMissing!.fullyQualifiedErrorId, 'IisLogonRightsNodeJsNotFound,Set-IisLogonRightsNodeJsPath');
    assert.deepEqual(output.slice(3, 5), [true, true]);
    const nothing = output[5] as PsErrorRecord;
    assert.equal(nothing.category, 'ObjectNotFound');
    assert.match(
      nothing.message ?? '',
      /Tried: Set-IisLogonRightsNodeJsPath \(not set\), IIS_LOGON_RIGHTS_NODE \(not set in the process or the machine\), PATH\. The DSC Local Configuration Manager runs as SYSTEM/,
    );
    assert.match(nothing.recommendedAction ?? '', /machine environment variable IIS_LOGON_RIGHTS_NODE/);
    assert.equal(output[6], 'version matches');
    const mismatch = output[7] as PsErrorRecord;
    assert.equal(mismatch.fullyQualifiedErrorId, 'IisLogonRightsVersionMismatch,Assert-IisLogonRightsEngineVersion');
    assert.match(
      mismatch.message ?? '',
      /reports version "0\.0\.9" \(exit code 0\), but the module is version 0\.1\.0/,
    );
  });

  it('builds a facts document the engine accepts and judges exactly like the snapshot folder', function () {
    const result = evalInModule(`
      $folder = ${psQuote(MISSING_BATCH)}
      $files = [ordered] @{}
      foreach ($name in 'host.json', 'secedit.inf', 'applicationHost.config', 'gpresult.xml', 'accounts.json') {
        $files[$name] = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($folder, $name))
      }
      New-IisLogonRightsFactsDocument -Name 'WEB03' -Files $files
      $objects = [ordered] @{ 'secedit.inf' = $files['secedit.inf']; 'applicationHost.config' = $files['applicationHost.config']; 'host.json' = [ordered] @{ computerName = 'WEB03'; domainJoined = $true }; 'accounts.json' = [ordered] @{ accounts = @([ordered] @{ name = 'CONTOSO\\svc-reports'; sid = '${REPORTS_SID}'; kind = 'domain'; groups = @('S-1-5-32-545') }); unresolved = @([ordered] @{ name = 'CONTOSO\\gone'; reason = 'not found' }) }; 'rsop.json' = @() }
      New-IisLogonRightsFactsDocument -Name 'WEB03' -Files $objects
      try { New-IisLogonRightsFactsDocument -Name 'x' -Files @{ 'secedit.inf' = ''; 'web.config' = '' } } catch { $_.Exception.Message }
    `);
    assertClean(result);
    const [fromText, fromObjects, unknown] = values(result) as [string, string, string];
    for (const document of [fromText, fromObjects]) {
      assert.match(document, /^[\x20-\x7e]*$/, 'ASCII only');
      assert.ok(validateFacts(JSON.parse(document)), JSON.stringify(validateFacts.errors));
    }
    assert.deepEqual(
      Object.keys(JSON.parse(fromText).files),
      ['secedit.inf', 'applicationHost.config', 'gpresult.xml', 'accounts.json', 'host.json'],
      'the known order',
    );
    const viaStdin = runBundle(['get', '--snapshot', '-', '--format', 'json'], fromText);
    const viaFolder = runBundle(['get', '--snapshot', MISSING_BATCH, '--format', 'json']);
    assert.equal(viaStdin.status, 0, viaStdin.stderr);
    const strip = (text: string) => (JSON.parse(text) as { findings: unknown[] }).findings;
    assert.deepEqual(strip(viaStdin.stdout), strip(viaFolder.stdout));
    const objectRun = runBundle(['get', '--snapshot', '-', '--format', 'json'], fromObjects);
    assert.equal(objectRun.status, 0, objectRun.stderr);
    assert.match(unknown, /unknown snapshot file "web\.config"/);
  });

  it('redacts every password value in applicationHost.config and MetaBase.xml text, keeping lines and empty passwords', function () {
    const original = readFileSync(join(GPO_BLOCKED, 'applicationHost.config'), 'utf8');
    const secrets = [...original.matchAll(/password="([^"]+)"/g)].map((match) => match[1]!);
    assert.ok(secrets.length >= 1);
    const result = evalInModule(`
      ConvertTo-IisLogonRightsRedactedText -Text ([System.IO.File]::ReadAllText(${psQuote(join(GPO_BLOCKED, 'applicationHost.config'))}))
      ConvertTo-IisLogonRightsRedactedText -Text "<IIsWebVirtualDir AnonymousUserName='WEB01\\IUSR_WEB01'\`n  AnonymousUserPass='4963446270000000220000004000000' WAMUserPass=\`"\`" AnonymousPasswordSync='FALSE' passAnonymousToken=\`"true\`" />"
    `);
    assertClean(result);
    const [redacted, metabase] = values(result) as [string, string];
    for (const secret of secrets) assert.ok(!redacted.includes(secret), 'secret gone');
    assert.equal(redacted.split('\n').length, original.split('\n').length);
    assert.equal([...redacted.matchAll(/password="\[redacted\]"/g)].length, secrets.length);
    assert.equal(
      metabase,
      "<IIsWebVirtualDir AnonymousUserName='WEB01\\IUSR_WEB01'\n  AnonymousUserPass='[redacted]' WAMUserPass=\"\" AnonymousPasswordSync='FALSE' passAnonymousToken=\"true\" />",
    );
    const folder = tempFolder('iislr-redacted-');
    cpSync(GPO_BLOCKED, folder, { recursive: true });
    writeFileSync(join(folder, 'applicationHost.config'), redacted);
    const before = JSON.parse(runBundle(['get', '--snapshot', GPO_BLOCKED, '--format', 'json']).stdout) as {
      findings: unknown[];
    };
    const after = JSON.parse(runBundle(['get', '--snapshot', folder, '--format', 'json']).stdout) as {
      findings: unknown[];
    };
    assert.deepEqual(after.findings, before.findings, 'the engine judges the redacted file the same way');
  });

  it('follows redirection.config to shared configuration only when it is enabled', function () {
    const result = evalInModule(`
      $default = 'C:\\Windows\\System32\\inetsrv\\config'
      Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText '' -DefaultFolder $default
      Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText '<configuration><configSections /><configurationRedirection /></configuration>' -DefaultFolder $default
      Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText '<configuration><configurationRedirection enabled="false" path="\\\\files\\iis" /></configuration>' -DefaultFolder $default
      Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText '<?xml version="1.0" encoding="UTF-8"?><configuration><configurationRedirection enabled="true" path="\\\\files\\iis-shared" userName="CONTOSO\\iisshare" password="[enc:IISCngProvider:x:enc]" /></configuration>' -DefaultFolder $default
      try { Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><configuration />' -DefaultFolder $default } catch { 'refused: ' + $_.Exception.GetBaseException().GetType().Name }
    `);
    assertClean(result);
    assert.deepEqual(values(result), [
      'C:\\Windows\\System32\\inetsrv\\config',
      'C:\\Windows\\System32\\inetsrv\\config',
      'C:\\Windows\\System32\\inetsrv\\config',
      '\\\\files\\iis-shared',
      'refused: XmlException',
    ]);
  });

  it('joins RSOP_UserPrivilegeRight with RSOP_GPO into rsop.json entries the schema and the engine accept', function () {
    const gpo = 'CN={31B2F340-016D-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=contoso,DC=com';
    const result = evalInModule(`
      $rights = @(
        [pscustomobject] @{ UserRight = 'SeNetworkLogonRight'; AccountList = @('*S-1-5-32-544', '*S-1-5-11'); precedence = [uint32] 2; GPOID = 'LocalGPO' },
        [pscustomobject] @{ UserRight = 'SeNetworkLogonRight'; AccountList = @('*S-1-5-32-544'); precedence = [uint32] 1; GPOID = ${psQuote(gpo)} },
        [pscustomobject] @{ UserRight = 'SeBatchLogonRight'; AccountList = $null; precedence = [uint32] 1; GPOID = ${psQuote(gpo.toLowerCase())} }
      )
      $gpos = @([pscustomobject] @{ id = ${psQuote(gpo)}; name = 'CONTOSO Servers - User Rights' })
      ConvertTo-IisLogonRightsJson -InputObject (ConvertTo-IisLogonRightsRsopDocument -Right $rights -Gpo $gpos)
      ConvertTo-IisLogonRightsJson -InputObject (ConvertTo-IisLogonRightsRsopDocument -Right @() -Gpo @())
    `);
    assertClean(result);
    const [joined, empty] = values(result) as [string, string];
    const entries = JSON.parse(joined) as unknown[];
    assert.ok(validateRsop(entries), JSON.stringify(validateRsop.errors));
    assert.deepEqual(entries, [
      {
        right: 'SeBatchLogonRight',
        accounts: [],
        precedence: 1,
        gpoId: gpo.toLowerCase(),
        gpoName: 'CONTOSO Servers - User Rights',
      },
      {
        right: 'SeNetworkLogonRight',
        accounts: ['*S-1-5-32-544'],
        precedence: 1,
        gpoId: gpo,
        gpoName: 'CONTOSO Servers - User Rights',
      },
      {
        right: 'SeNetworkLogonRight',
        accounts: ['*S-1-5-32-544', '*S-1-5-11'],
        precedence: 2,
        gpoId: 'LocalGPO',
        gpoName: null,
      },
    ]);
    assert.equal(empty, '[]');
    const facts = {
      factsVersion: 1,
      name: 'WEB03',
      files: {
        'secedit.inf': readFileSync(join(MISSING_BATCH, 'secedit.inf'))
          .toString('utf16le')
          .replace(/^\uFEFF/, ''),
        'applicationHost.config': readFileSync(join(MISSING_BATCH, 'applicationHost.config'), 'utf8'),
        'rsop.json': entries,
      },
    };
    const run = runBundle(['get', '--snapshot', '-', '--format', 'json'], JSON.stringify(facts));
    assert.equal(run.status, 0, run.stderr);
  });

  it('accounts.json: canonical names and the spellings IIS used, token groups through local groups and well-known SIDs, unresolved kept', function () {
    const result = evalInModule(`
      $local = @{
        'S-1-5-32-545' = @('S-1-5-4', 'S-1-5-11', 'S-1-5-21-9-9-9-513')
        'S-1-5-32-568' = @('S-1-5-17')
        'S-1-5-32-546' = @('S-1-5-21-1-2-3-501')
        'S-1-5-32-555' = @('S-1-5-21-1-2-3-1001')
        'S-1-5-32-544' = @('S-1-5-21-1-2-3-500', 'S-1-5-21-9-9-9-512')
      }
      (Resolve-IisLogonRightsTokenGroup -Sid 'S-1-5-21-1-2-3-1001' -Kind local -LocalGroupMember $local) -join ','
      (Resolve-IisLogonRightsTokenGroup -Sid 'S-1-5-21-1-2-3-501' -Kind local -LocalGroupMember $local) -join ','
      (Resolve-IisLogonRightsTokenGroup -Sid 'S-1-5-21-9-9-9-1604' -Kind domain -DomainGroup @('S-1-5-21-9-9-9-513', 'S-1-5-21-9-9-9-1605') -LocalGroupMember $local) -join ','
      (Resolve-IisLogonRightsTokenGroup -Sid 'S-1-5-82-1-2-3-4-5' -Kind virtual -LocalGroupMember $local) -join ','
      (Resolve-IisLogonRightsTokenGroup -Sid 'S-1-5-17' -Kind builtin -LocalGroupMember $local) -join ','
      @(
        (Get-IisLogonRightsAccountKind -Sid 'S-1-5-21-1-2-3-1001' -CanonicalName 'WEB01\\anon' -ComputerName 'web01'),
        (Get-IisLogonRightsAccountKind -Sid 'S-1-5-21-9-9-9-1604' -CanonicalName 'CONTOSO\\svc-reports' -ComputerName 'WEB01'),
        (Get-IisLogonRightsAccountKind -Sid 'S-1-5-82-1-2-3-4-5' -CanonicalName 'IIS APPPOOL\\Docs' -ComputerName 'WEB01'),
        (Get-IisLogonRightsAccountKind -Sid 'S-1-5-17' -CanonicalName 'NT AUTHORITY\\IUSR' -ComputerName 'WEB01'),
        (Get-IisLogonRightsAccountKind -Sid 'S-1-5-32-568' -CanonicalName 'BUILTIN\\IIS_IUSRS' -ComputerName 'WEB01')
      ) -join ','
      $document = ConvertTo-IisLogonRightsAccountsDocument -Resolution @(
        [pscustomobject] @{ Name = '.\\anon'; Error = $null; Sid = 'S-1-5-21-1-2-3-1001'; CanonicalName = 'WEB01\\anon'; Kind = 'local'; Groups = @('S-1-5-32-545') },
        [pscustomobject] @{ Name = 'svc-reports@contoso.com'; Error = $null; Sid = 'S-1-5-21-9-9-9-1604'; CanonicalName = 'CONTOSO\\svc-reports'; Kind = 'domain'; Groups = @(); GroupsIncomplete = 'The server is not operational.' },
        [pscustomobject] @{ Name = 'Guest'; Error = $null; Sid = 'S-1-5-21-1-2-3-501'; CanonicalName = 'WEB01\\Guest'; Kind = 'local'; Groups = @('S-1-5-32-546') },
        [pscustomobject] @{ Name = 'web01\\anon'; Error = $null; Sid = 'S-1-5-21-1-2-3-1001'; CanonicalName = 'WEB01\\anon'; Kind = 'local'; Groups = @('S-1-5-32-545') },
        [pscustomobject] @{ Name = 'CONTOSO\\gone'; Error = 'Some or all identity references could not be translated.' }
      )
      ConvertTo-IisLogonRightsJson -InputObject $document
    `);
    assertClean(result);
    const output = values(result);
    assert.deepEqual(output.slice(0, 5), [
      'S-1-5-32-545,S-1-5-32-555',
      'S-1-5-32-546',
      'S-1-5-21-9-9-9-1605,S-1-5-21-9-9-9-513,S-1-5-32-545', // Users through Domain Users; not Administrators (Domain Admins is not among its groups)
      'S-1-5-32-545,S-1-5-32-568',
      'S-1-5-32-545,S-1-5-32-568',
    ]);
    assert.equal(output[5], 'local,domain,virtual,builtin,builtin');
    const accounts = JSON.parse(output[6] as string) as {
      accounts: { name: string; sid: string }[];
      unresolved: unknown[];
    };
    assert.ok(validateAccounts(accounts), JSON.stringify(validateAccounts.errors));
    assert.deepEqual(
      accounts.accounts.map((account) => `${account.name}=${account.sid}`),
      [
        'WEB01\\anon=S-1-5-21-1-2-3-1001',
        'CONTOSO\\svc-reports=S-1-5-21-9-9-9-1604',
        'svc-reports@contoso.com=S-1-5-21-9-9-9-1604',
        'WEB01\\Guest=S-1-5-21-1-2-3-501',
      ],
    );
    assert.deepEqual(accounts.unresolved, [
      { name: 'CONTOSO\\gone', reason: 'Some or all identity references could not be translated.' },
    ]);
    // Both spellings of svc-reports carry why its domain groups are missing; the others (no such property) carry nothing.
    assert.deepEqual(
      accounts.accounts.map((account) => (account as { groupsIncomplete?: string }).groupsIncomplete ?? '-'),
      ['-', 'The server is not operational.', 'The server is not operational.', '-'],
    );
  });

  it('secedit and gpresult exports: unique temp files, exit code checked, files removed either way', function () {
    const result = evalInModule(`
      $global:NativeCalls = [System.Collections.Generic.List[object]]::new()
      function script:Invoke-IisLogonRightsNativeCommand {
        param ([string] $FilePath, [string[]] $ArgumentList)
        $global:NativeCalls.Add([pscustomobject] @{ File = [System.IO.Path]::GetFileName($FilePath); Arguments = $ArgumentList })
        $out = $ArgumentList[[System.Array]::IndexOf($ArgumentList, $(if ($ArgumentList -contains '/cfg') { '/cfg' } else { '/x' })) + 1]
        if ($global:NativeExit -eq 0) { [System.IO.File]::WriteAllText($out, "[Unicode]\`r\`nUnicode=yes\`r\`n[Privilege Rights]\`r\`nSeNetworkLogonRight = *S-1-5-11\`r\`n", [System.Text.Encoding]::Unicode) }
        elseif ($ArgumentList -contains '/log') { [System.IO.File]::WriteAllText($ArgumentList[[System.Array]::IndexOf($ArgumentList, '/log') + 1], 'Task is completed. Errors were encountered.') }
        [pscustomobject] @{ ExitCode = $global:NativeExit; Output = 'secedit output' }
      }
      $global:NativeExit = 0
      Export-IisLogonRightsUserRightsPolicy
      Export-IisLogonRightsGroupPolicyResult
      $global:NativeExit = 3
      try { Export-IisLogonRightsUserRightsPolicy } catch { $_ }
      try { Export-IisLogonRightsGroupPolicyResult } catch { $_ }
      foreach ($call in $global:NativeCalls) { ($call.File + ' ' + ($call.Arguments -join ' ')) }
      @(foreach ($call in $global:NativeCalls) { foreach ($argument in $call.Arguments) { if ($argument -like '*iis-logon-rights-*' -and [System.IO.File]::Exists($argument)) { $argument } } }).Count
    `);
    assertClean(result);
    const output = values(result);
    assert.equal(
      output[0],
      '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeNetworkLogonRight = *S-1-5-11\r\n',
      'UTF-16LE file read through its BOM',
    );
    assert.equal(output[1], output[0]);
    const [seceditFailed, gpresultFailed] = output.slice(2, 4) as PsErrorRecord[];
    assert.equal(
      seceditFailed!.fullyQualifiedErrorId,
      'IisLogonRightsSeceditFailed,Export-IisLogonRightsUserRightsPolicy',
    );
    assert.match(
      seceditFailed!.message ?? '',
      /failed with exit code 3 and wrote no file\. secedit output Task is completed\. Errors were encountered\./,
    );
    assert.equal(
      gpresultFailed!.fullyQualifiedErrorId,
      'IisLogonRightsGpresultFailed,Export-IisLogonRightsGroupPolicyResult',
    );
    const calls = output.slice(4, 8) as string[];
    assert.match(
      calls[0]!,
      /^secedit\.exe \/export \/areas USER_RIGHTS \/cfg \S+iis-logon-rights-[0-9a-f]{32}\.inf \/log \S+iis-logon-rights-[0-9a-f]{32}\.log \/quiet$/,
    );
    assert.match(calls[1]!, /^gpresult\.exe \/scope computer \/x \S+iis-logon-rights-[0-9a-f]{32}\.xml \/f$/);
    assert.notEqual(calls[0], calls[2], 'a new temp name each time');
    assert.equal(output[8], 0, 'no temp file left behind');
  });

  it('the collector with only the Windows calls replaced: Export-IisLogonRightsSnapshot writes a folder the engine judges like the original', function () {
    const out = tempFolder('iislr-export-');
    const snapshot = join(out, 'WEB03');
    const gpo = 'CN={6AC1786C-016F-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=contoso,DC=com';
    const result = evalInModule(`
      $global:Example = ${psQuote(MISSING_BATCH)}
      function script:Export-IisLogonRightsUserRightsPolicy { [System.IO.File]::ReadAllText([System.IO.Path]::Combine($global:Example, 'secedit.inf')) }
      function script:Get-IisLogonRightsIisConfiguration {
        [pscustomobject] @{ FileName = 'applicationHost.config'; Path = 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config'; Text = ConvertTo-IisLogonRightsRedactedText -Text ([System.IO.File]::ReadAllText([System.IO.Path]::Combine($global:Example, 'applicationHost.config'))) }
      }
      function script:Get-IisLogonRightsCimInstance {
        param ([string] $Namespace, [string] $ClassName)
        if ($ClassName -eq 'RSOP_GPO') { return @([pscustomobject] @{ id = ${psQuote(gpo)}; name = 'CONTOSO Servers - User Rights' }) }
        return @([pscustomobject] @{ UserRight = 'SeNetworkLogonRight'; AccountList = @('*S-1-5-32-544', '*S-1-5-11'); precedence = [uint32] 1; GPOID = ${psQuote(gpo)} })
      }
      function script:Get-IisLogonRightsHostFact { [ordered] @{ computerName = 'WEB03'; domain = 'CONTOSO'; domainJoined = $true; osVersion = '10.0.20348'; iisVersion = '10.0'; collectedAt = '2024-09-17T07:52:40Z' } }
      function script:Get-IisLogonRightsLocalGroupMember { @{ 'S-1-5-32-545' = @('S-1-5-4', 'S-1-5-11', 'S-1-5-21-2060260628-1893702904-3285376245-513'); 'S-1-5-32-568' = @('S-1-5-17'); 'S-1-5-32-546' = @('S-1-5-21-496250926-734067688-4248505504-501') } }
      function script:Get-IisLogonRightsDomainGroup { param ([string] $Sid) @('S-1-5-21-2060260628-1893702904-3285376245-513', 'S-1-5-21-2060260628-1893702904-3285376245-1605') }
      function script:Resolve-IisLogonRightsSidName {
        param ([string] $Sid)
        @{ 'S-1-5-113' = 'NT AUTHORITY\\Local account'; 'S-1-5-32-545' = 'BUILTIN\\Users'; 'S-1-5-32-546' = 'BUILTIN\\Guests'; 'S-1-5-32-568' = 'BUILTIN\\IIS_IUSRS' }[$Sid]
      }
      function script:Resolve-IisLogonRightsAccountSid {
        param ([string] $Name, [string] $ComputerName)
        $known = @{
          'CONTOSO\\svc-reports' = @('S-1-5-21-2060260628-1893702904-3285376245-1604', 'CONTOSO\\svc-reports')
          'IUSR' = @('S-1-5-17', 'NT AUTHORITY\\IUSR')
          'IIS APPPOOL\\Docs' = @('S-1-5-82-148096289-3303703753-901187016-2394630330-3443985100', 'IIS APPPOOL\\Docs')
          'IIS APPPOOL\\DefaultAppPool' = @('S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415', 'IIS APPPOOL\\DefaultAppPool')
          'Guest' = @('S-1-5-21-496250926-734067688-4248505504-501', 'WEB03\\Guest')
        }
        if (-not $known.ContainsKey($Name)) { throw 'Some or all identity references could not be translated.' }
        [pscustomobject] @{ Sid = $known[$Name][0]; CanonicalName = $known[$Name][1] }
      }
      $written = Export-IisLogonRightsSnapshot -Path ${psQuote(snapshot)}
      $written.PSObject.TypeNames[0] + ' ' + $written.ComputerName + ' ' + ($written.Files -join ',')
      try { Export-IisLogonRightsSnapshot -Path ${psQuote(snapshot)} } catch { $_.FullyQualifiedErrorId }
      $null = Export-IisLogonRightsSnapshot -Path ${psQuote(snapshot)} -Force
      'forced'
    `);
    assertClean(result);
    assert.deepEqual(values(result), [
      'IisLogonRightsDsc.Snapshot WEB03 secedit.inf,applicationHost.config,rsop.json,accounts.json,host.json',
      'IisLogonRightsSnapshotExists,Export-IisLogonRightsSnapshot',
      'forced',
    ]);
    assert.deepEqual(readdirSync(snapshot).sort(), [
      'accounts.json',
      'applicationHost.config',
      'host.json',
      'rsop.json',
      'secedit.inf',
    ]);
    const accounts = JSON.parse(readFileSync(join(snapshot, 'accounts.json'), 'utf8')) as {
      accounts: { name: string; kind: string; groups?: string[]; members?: string[] }[];
      unresolved: { name: string }[];
    };
    assert.ok(validateAccounts(accounts), JSON.stringify(validateAccounts.errors));
    assert.deepEqual(
      accounts.accounts.map(
        (account) =>
          `${account.name} ${account.kind} ${account.groups?.join(',') ?? `members ${account.members!.join(',')}`}`,
      ),
      [
        // In the order the engine's accounts command lists the names: anonymous, then pools.
        'NT AUTHORITY\\IUSR builtin S-1-5-32-545,S-1-5-32-568',
        'IIS APPPOOL\\DefaultAppPool virtual S-1-5-32-545,S-1-5-32-568',
        'CONTOSO\\svc-reports domain S-1-5-21-2060260628-1893702904-3285376245-1605,S-1-5-21-2060260628-1893702904-3285376245-513,S-1-5-32-545',
        'IIS APPPOOL\\Docs virtual S-1-5-32-545,S-1-5-32-568',
        'WEB03\\Guest local S-1-5-32-546', // Guests only: the built-in Guest gets no Authenticated Users, so no Users
        // Every local group with its members, under the name the host gives it, for the engine's alias membership.
        'BUILTIN\\Users builtin members S-1-5-4,S-1-5-11,S-1-5-21-2060260628-1893702904-3285376245-513',
        'BUILTIN\\Guests builtin members S-1-5-21-496250926-734067688-4248505504-501',
        'BUILTIN\\IIS_IUSRS builtin members S-1-5-17',
      ],
    );
    assert.equal(
      JSON.parse(readFileSync(join(snapshot, 'host.json'), 'utf8')).localAccountSids,
      true,
      'S-1-5-113 translates on this host',
    );
    // ReportsPool runs as CONTOSO\\svc-reports, so IIS APPPOOL\\ReportsPool is never looked up.
    assert.deepEqual(
      accounts.unresolved.map((entry) => entry.name),
      [],
    );
    assert.ok(validateRsop(JSON.parse(readFileSync(join(snapshot, 'rsop.json'), 'utf8'))));
    assert.doesNotMatch(
      readFileSync(join(snapshot, 'applicationHost.config'), 'utf8'),
      /\[enc:/,
      'no encrypted password leaves the host',
    );
    const judged = JSON.parse(runBundle(['get', '--snapshot', snapshot, '--format', 'json']).stdout) as {
      findings: { site: string; status: string }[];
    };
    const original = JSON.parse(runBundle(['get', '--snapshot', MISSING_BATCH, '--format', 'json']).stdout) as {
      findings: { site: string; status: string }[];
    };
    assert.deepEqual(
      judged.findings.map((finding) => `${finding.site} ${finding.status}`),
      original.findings.map((finding) => `${finding.site} ${finding.status}`),
    );
  });

  it('Get- and Test-IisAnonymousLogonRight judge a snapshot through node, take site names from the pipeline, and fail with stable ids', function () {
    const result = evalInModule(`
      $state = Get-IisAnonymousLogonRight -SnapshotPath ${psQuote(MISSING_BATCH)}
      $state.PSObject.TypeNames[0]
      $state.InDesiredState
      @($state.Findings | ForEach-Object { '{0}{1} {2} {3} {4}' -f $_.Site, $_.Path, $_.Account, $_.Status, $_.InDesiredState }) -join '|'
      @($state.Reasons | ForEach-Object { $_.Code }) -join '|'
      @([pscustomobject] @{ Name = 'Reports' }, [pscustomobject] @{ Name = 'Docs' } | Test-IisAnonymousLogonRight -SnapshotPath ${psQuote(MISSING_BATCH)}) -join ','
      @('reports' | Test-IisAnonymousLogonRight -SnapshotPath ${psQuote(MISSING_BATCH)} -Detailed | ForEach-Object { $_.PSObject.TypeNames[0] + ' ' + $_.Right + ' ' + $_.Status }) -join '|'
      Test-IisAnonymousLogonRight -SnapshotPath ${psQuote(MISSING_BATCH)} -RuleSet conservative
      try { Get-IisAnonymousLogonRight -Scope 'Nope' -SnapshotPath ${psQuote(MISSING_BATCH)} } catch { $_ }
    `);
    assertClean(result);
    const output = values(result);
    assert.deepEqual(output.slice(0, 7), [
      'IisLogonRightsDsc.State',
      false,
      'Default Web Site/ NT AUTHORITY\\IUSR not-required True|Default Web Site/ IIS APPPOOL\\DefaultAppPool ok True|Reports/ CONTOSO\\svc-reports missing False|Docs/ IIS APPPOOL\\Docs ok True',
      'IisAnonymousLogonRight:IisAnonymousLogonRight:Missing',
      'False,True',
      'IisLogonRightsDsc.Finding SeBatchLogonRight missing',
      false,
    ]);
    const failure = output[7] as PsErrorRecord;
    assert.equal(failure.fullyQualifiedErrorId, 'IisLogonRightsEngineInvalidInput,Get-IisAnonymousLogonRight');
    assert.match(failure.message ?? '', /found "Nope"/);
  });

  it('the class resource: Get, Test and Set delegate to the cmdlets; Set applies the plan through LSA and checks the result', function () {
    const after = grantedCopy(MISSING_BATCH, 'SeBatchLogonRight', REPORTS_SID);
    temporary.push(after);
    const backups = tempFolder('iislr-backup-');
    const result = evalInModule(`
      function script:Get-IisLogonRightsDefaultBackupRoot { ${psQuote(backups)} }
      $type = [IisAnonymousLogonRight]
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}, ${psQuote(after)}
      $resource = $type::new()
      $resource.Scope = 'Reports'
      $current = $resource.Get()
      $current.GetType().Name
      $current.InDesiredState
      @($current.Reasons | ForEach-Object { $_.GetType().Name + ' ' + $_.Code }) -join '|'
      @($current.Findings | ForEach-Object { $_.GetType().Name + ' ' + $_.Account + ' ' + $_.Right + ' ' + $_.Status }) -join '|'
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}, ${psQuote(after)}
      $resource.Test()
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}, ${psQuote(after)}
      $resource.Set()
      $global:IisLogonRightsTestLsaCalls -join '|'
      $global:IisLogonRightsTestSnapshotCalls
      $resource.Test()
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}
      try { $resource.Set() } catch { $_ }
    `);
    assertClean(result);
    const output = values(result);
    assert.deepEqual(output.slice(0, 8), [
      'IisAnonymousLogonRight',
      false,
      'IisLogonRightsReason IisAnonymousLogonRight:IisAnonymousLogonRight:Missing',
      'IisLogonRightsFinding CONTOSO\\svc-reports SeBatchLogonRight missing',
      false,
      `get ${REPORTS_SID}|add ${REPORTS_SID} SeBatchLogonRight`,
      2,
      true,
    ]);
    const failed = output[8] as PsErrorRecord;
    assert.equal(failed.fullyQualifiedErrorId, 'IisLogonRightsNotInDesiredState,Set-IisAnonymousLogonRight');
    assert.match(
      failed.message ?? '',
      /Scope Reports is still not in the desired state after Set \(1 change\(s\) applied\)\. What remains: Site "Reports" path \/: worker process identity CONTOSO\\svc-reports .* lacks Log on as a batch job.* HTTP 503/,
    );
    assert.equal(readdirSync(backups).length, 2, 'one backup per Set that changed something');
  });

  it('Set -WhatIf changes nothing and writes no backup; Set writes the backup first; Undo restores and checks rights-before.json', function () {
    const after = grantedCopy(MISSING_BATCH, 'SeBatchLogonRight', REPORTS_SID);
    temporary.push(after);
    const backups = tempFolder('iislr-backup-');
    const result = evalInModule(`
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}, ${psQuote(after)}
      Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath ${psQuote(backups)} -WhatIf
      'whatif: ' + ($global:IisLogonRightsTestLsaCalls -join '|') + ' / collections: ' + $global:IisLogonRightsTestSnapshotCalls
      [System.IO.Directory]::Exists(${psQuote(backups)}) -and @([System.IO.Directory]::GetDirectories(${psQuote(backups)})).Count -gt 0
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}, ${psQuote(after)}
      $change = Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath ${psQuote(backups)} -PassThru -Confirm:$false
      $change.PSObject.TypeNames[0] + ' ' + $change.InDesiredState + ' ' + @($change.Applied).Count + ' ' + $change.Applied[0].PSObject.TypeNames[0]
      $change.BackupPath
      $global:IisLogonRightsTestLsa[${psQuote(REPORTS_SID)}] -join ','
      $change | Undo-IisAnonymousLogonRight -WhatIf
      'undo whatif: ' + ($global:IisLogonRightsTestLsa[${psQuote(REPORTS_SID)}] -join ',')
      $undone = Undo-IisAnonymousLogonRight -BackupPath $change.BackupPath -PassThru -Confirm:$false
      $undone.Operation + ' ' + (@($undone.Applied | ForEach-Object { $_.Action + ' ' + $_.Right }) -join ',')
      'after undo: [' + ($global:IisLogonRightsTestLsa[${psQuote(REPORTS_SID)}] -join ',') + ']'
      $global:IisLogonRightsTestLsa[${psQuote(REPORTS_SID)}].Add('SeBatchLogonRight')
      function script:Remove-IisLogonRightsAccountRight { param ([string] $Sid, [string] $Right) }
      try { Undo-IisAnonymousLogonRight -BackupPath ([System.IO.Path]::Combine($change.BackupPath, 'plan.json')) -Confirm:$false } catch { $_ }
      try { Undo-IisAnonymousLogonRight -BackupPath ${psQuote(join(backups, 'nothing-here'))} } catch { $_ }
    `);
    assertClean(result);
    const output = values(result);
    assert.equal(output[0], 'whatif:  / collections: 1', 'WhatIf: no LSA call at all, and no second collection');
    assert.equal(output[1], false, 'WhatIf writes no backup');
    assert.equal(output[2], 'IisLogonRightsDsc.ChangeResult True 1 IisLogonRightsDsc.PlanAction');
    const backup = output[3] as string;
    assert.deepEqual(readdirSync(backup).sort(), [
      'README.txt',
      'manifest.json',
      'plan.json',
      'rights-before.json',
      'secedit.inf',
    ]);
    const plan = JSON.parse(readFileSync(join(backup, 'plan.json'), 'utf8')) as {
      actions: { action: string; sid: string }[];
      undo: { action: string; right: string }[];
    };
    assert.ok(validatePlan(plan), JSON.stringify(validatePlan.errors));
    assert.deepEqual(
      plan.actions.map((action) => `${action.action} ${action.sid}`),
      [`grant ${REPORTS_SID}`],
    );
    assert.deepEqual(
      plan.undo.map((action) => `${action.action} ${action.right}`),
      ['revoke SeBatchLogonRight'],
    );
    assert.deepEqual(JSON.parse(readFileSync(join(backup, 'rights-before.json'), 'utf8')), { [REPORTS_SID]: [] });
    assert.match(
      readFileSync(join(backup, 'secedit.inf'), 'utf8'),
      /^SeBatchLogonRight = \*S-1-5-32-544,\*S-1-5-32-551,\*S-1-5-32-559\r?$/m,
      'the export from before the change',
    );
    assert.equal(output[4], 'SeBatchLogonRight');
    assert.equal(output[5], 'undo whatif: SeBatchLogonRight', 'Undo -WhatIf changes nothing');
    assert.equal(output[6], 'Undo revoke SeBatchLogonRight');
    assert.equal(output[7], 'after undo: []');
    const incomplete = output[8] as PsErrorRecord;
    assert.equal(incomplete.fullyQualifiedErrorId, 'IisLogonRightsUndoIncomplete,Undo-IisAnonymousLogonRight');
    assert.match(
      incomplete.message ?? '',
      /CONTOSO\\svc-reports holds SeBatchLogonRight now, but did not hold it before the change/,
    );
    assert.equal(
      (output[9] as PsErrorRecord).fullyQualifiedErrorId,
      'IisLogonRightsBackupNotFound,Undo-IisAnonymousLogonRight',
    );
  });

  it('a finding under a GPO-owned right is refused with its GPO fix: nothing applied, no backup, and Set fails naming it', function () {
    const backups = tempFolder('iislr-backup-');
    const result = evalInModule(`
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(GPO_BLOCKED)}
      try { Set-IisAnonymousLogonRight -BackupPath ${psQuote(backups)} -Confirm:$false } catch { $_ }
      'lsa calls: ' + $global:IisLogonRightsTestLsaCalls.Count
    `);
    assert.equal(result.terminatingError, null);
    const output = values(result);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /^Not changed: CONTOSO\\svc-anon at .* \(gpo-blocked\): .* Fix: /);
    const failed = output[0] as PsErrorRecord;
    assert.equal(failed.fullyQualifiedErrorId, 'IisLogonRightsNotInDesiredState,Set-IisAnonymousLogonRight');
    assert.match(failed.message ?? '', /\(0 change\(s\) applied\)\. What remains: .*CONTOSO\\svc-anon/);
    assert.equal(output[1], 'lsa calls: 0');
    assert.deepEqual(readdirSync(backups), []);
  });

  it("a plan narrowed to the approved actions keeps only their undo entries and still passes check-plan's structural rules", function () {
    const grant = {
      action: 'grant',
      right: 'SeNetworkLogonRight',
      sid: 'S-1-5-21-1-2-3-1001',
      account: 'WEB01\\anon',
      temporary: false,
    };
    const revoke = {
      action: 'revoke',
      right: 'SeDenyNetworkLogonRight',
      sid: 'S-1-5-21-1-2-3-1002',
      account: 'WEB01\\anon2',
      temporary: true,
    };
    const plan = {
      planVersion: 1,
      tool: { name: 'iis-logon-rights', version: '0.1.0' },
      snapshot: 'WEB01',
      ruleSet: 'documented',
      options: { allowTemporaryFix: true },
      actions: [
        { ...grant, fixes: [{ site: 'A', path: '/', status: 'missing' }] },
        { ...revoke, fixes: [{ site: 'B', path: '/', status: 'denied' }] },
      ],
      undo: [
        { ...revoke, action: 'grant' },
        { ...grant, action: 'revoke' },
      ],
      refused: [],
      gpoEdits: [],
      verify: 'collect again and test',
    };
    assert.ok(validatePlan(plan), JSON.stringify(validatePlan.errors));
    const result = evalInModule(`
      $checked = [pscustomobject] @{ Plan = ConvertFrom-Json -InputObject ${psQuote(JSON.stringify(plan))} }
      $subset = Select-IisLogonRightsApprovedPlan -Plan $checked.Plan -ApprovedIndex 1
      ConvertTo-IisLogonRightsJson -InputObject $subset
      @(foreach ($action in $checked.Plan.actions) { Get-IisLogonRightsActionDescription -Action $action }) -join '|'
    `);
    assertClean(result);
    const [subsetText, descriptions] = values(result) as [string, string];
    const subset = JSON.parse(subsetText) as typeof plan;
    // Read-IisLogonRightsPlan checks it against the facts in Set; here the structural rules.
    assert.ok(validatePlan(subset), JSON.stringify(validatePlan.errors));
    assert.equal(checkPlanStructure(subset as unknown as PlanDocument), undefined);
    assert.deepEqual(
      subset.actions.map((action) => `${action.action} ${action.right} ${action.sid}`),
      ['revoke SeDenyNetworkLogonRight S-1-5-21-1-2-3-1002'],
    );
    assert.deepEqual(
      subset.undo.map((action) => `${action.action} ${action.right} ${action.sid}`),
      ['grant SeDenyNetworkLogonRight S-1-5-21-1-2-3-1002'],
    );
    assert.deepEqual(
      { ...subset, actions: [], undo: [] },
      { ...plan, actions: [], undo: [] },
      'everything else unchanged',
    );
    assert.equal(
      descriptions,
      'Grant SeNetworkLogonRight to WEB01\\anon (S-1-5-21-1-2-3-1001)|Remove WEB01\\anon2 (S-1-5-21-1-2-3-1002) from SeDenyNetworkLogonRight (temporary: a GPO owns this right, so the next Group Policy refresh undoes it)',
    );
  });
});
