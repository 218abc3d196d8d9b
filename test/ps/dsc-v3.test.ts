import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { readVendorSchema } from '../helpers/vendor-schemas';
import {
  analyzePowerShellFile,
  manifestValue,
  psQuote,
  runPowerShell,
  skipUnlessPsTool,
  REPO_ROOT,
  type PsEvalResult,
} from './ps-tools';

// The native DSC v3 resource: its manifest against the official 3.1.0 manifest schema (its
// embedded instance schema and exit codes are generated: docs/tables.md), the meaning of its exit
// codes, the example configuration document against the official document schema,
// and the entry script it calls, executed in a PowerShell runspace with the module's boundary
// functions replaced (see module-eval-helpers.ts).

const V3_DIR = join(REPO_ROOT, 'dsc', 'v3');
const MANIFEST_PATH = join(V3_DIR, 'IisLogonRights.AnonymousLogonRight.dsc.resource.json');
const ENTRY = join(V3_DIR, 'IisLogonRights.AnonymousLogonRight.ps1');
const CONFIG_DOCUMENT = join(REPO_ROOT, 'dsc', 'examples', 'iis-logon-rights.dsc.config.json');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'ps-module');
const MODULE_MANIFEST = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1');
const EXAMPLE = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch');
const CANONICAL_IN_DESIRED_STATE = 'https://aka.ms/dsc/schemas/v3/resource/properties/inDesiredState.json';
const TOOL_SETUP_TIMEOUT_MS = 10 * 60_000;

interface Operation {
  executable: string;
  args: (string | Record<string, unknown>)[];
  input?: string;
  return?: string;
  implementsPretest?: boolean;
}

interface ResourceManifest {
  $schema: string;
  type: string;
  version: string;
  get: Operation;
  set: Operation;
  whatIf: Operation;
  test: Operation;
  exitCodes: Record<string, string>;
  schema: { embedded: { properties: Record<string, unknown> } & Record<string, unknown> };
}

const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as ResourceManifest;
const instanceSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'dsc-instance.schema.json'), 'utf8')) as {
  properties: Record<string, { type?: unknown; readOnly?: boolean }>;
} & Record<string, unknown>;

/** ajv for the vendored DSC schemas: their embedded-schema rule refers to the 2019-09 and draft-07 meta-schemas. */
function vendorAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-07.json'));
  return ajv;
}

function vendorSchema(file: string): Record<string, unknown> & { $defs: Record<string, Record<string, unknown>> } {
  return readVendorSchema('dsc-v3.1.0', file) as ReturnType<typeof vendorSchema>;
}

describe('DSC v3 resource manifest and configuration document (official 3.1.0 schemas)', function () {
  it('the manifest validates against resource_manifest.json (draft 2020-12)', function () {
    const schema = vendorSchema('resource_manifest.json');
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const validate = vendorAjv().compile(schema);
    assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
  });

  it('what-if is the whatIf method: 3.1.0 rejects set\'s {"whatIfArg"} argument, which only the 3.2 engine reads', function () {
    const validate = vendorAjv().compile(vendorSchema('resource_manifest.json'));
    const withWhatIfArg = structuredClone(manifest);
    withWhatIfArg.set.args.push({ whatIfArg: '--what-if' });
    assert.equal(validate(withWhatIfArg), false);
    assert.ok(
      validate.errors?.some((error) => error.instancePath === `/set/args/${withWhatIfArg.set.args.length - 1}`),
    );
    assert.equal(manifest.whatIf.args.at(-1), 'whatif');
  });

  it('has no remote $ref anywhere: dsc 3.1 builds its validator without remote resolution, so one would fail every operation', function () {
    const remote: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}/${index}`));
      else if (typeof value === 'object' && value !== null) {
        for (const [key, child] of Object.entries(value)) {
          if (key === '$ref' && !(typeof child === 'string' && child.startsWith('#')))
            remote.push(`${path}/$ref: ${String(child)}`);
          walk(child, `${path}/${key}`);
        }
      }
    };
    walk(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')), '');
    assert.deepEqual(remote, []);
  });

  // The embedded schema is written from schemas/dsc-instance.schema.json by scripts/generate-tables.ts
  // (test/unit/generated-tables.test.ts fails when it is stale).
  it("the instance schema has _inDesiredState inline as DSC's canonical property defines it", function () {
    const canonical =
      vendorSchema('resource_manifest.json').$defs[
        'https://raw.githubusercontent.com/PowerShell/DSC/main/schemas/v3.1.0/resource/properties/inDesiredState.json'
      ]!;
    const ours = (
      instanceSchema as unknown as { patternProperties: Record<string, { type: string; readOnly: boolean }> }
    ).patternProperties['^_inDesiredState$']!;
    assert.ok(
      (canonical.type as string[]).includes(ours.type),
      'our _inDesiredState type is one the canonical property allows',
    );
    assert.equal(canonical.readOnly, ours.readOnly);
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(instanceSchema);
    assert.ok(validate({ scope: '*', _inDesiredState: true }), "the test output's _inDesiredState is accepted");
    assert.equal(validate({ scope: '*', _inDesiredState: 'yes' }), false);
    assert.equal(validate({ scope: '*', _inDesired: true }), false, 'no other extra property');
  });

  it('why a patternProperty: the 3.1.0 manifest schema accepts _inDesiredState under properties only as the remote $ref', function () {
    const validate = vendorAjv().compile(vendorSchema('resource_manifest.json'));
    const inline = structuredClone(manifest);
    inline.schema.embedded.properties._inDesiredState = { type: 'boolean', readOnly: true };
    assert.equal(validate(inline), false);
    assert.ok(
      validate.errors?.some(
        (error) => error.instancePath === '/schema/embedded/properties/_inDesiredState' && error.keyword === 'enum',
      ),
    );
    inline.schema.embedded.properties._inDesiredState = { $ref: CANONICAL_IN_DESIRED_STATE };
    assert.ok(validate(inline), 'it wants the $ref that dsc 3.1 cannot resolve (PowerShell/DSC issue 1033)');
  });

  it('the example configuration document validates against config_document.json, and its instances against the resource schemas', function () {
    const document = JSON.parse(readFileSync(CONFIG_DOCUMENT, 'utf8')) as {
      parameters: Record<string, { defaultValue: unknown }>;
      resources: {
        type: string;
        properties: Record<string, unknown> & { resources?: { type: string; properties: Record<string, unknown> }[] };
      }[];
    };
    const ajv = vendorAjv();
    const validateDocument = ajv.compile(vendorSchema('config_document.json'));
    assert.ok(validateDocument(document), JSON.stringify(validateDocument.errors, null, 2));
    const native = document.resources.find((resource) => resource.type === manifest.type);
    assert.ok(native, `the document uses ${manifest.type}`);
    // Parameters resolved to their defaults, the way DSC would without --parameters.
    const resolved = Object.fromEntries(
      Object.entries(native.properties).map(([name, value]) => {
        const reference = typeof value === 'string' ? /^\[parameters\('(\w+)'\)\]$/.exec(value) : null;
        return [name, reference ? document.parameters[reference[1]!]!.defaultValue : value];
      }),
    );
    const validateInstance = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(instanceSchema);
    assert.ok(validateInstance(resolved), JSON.stringify(validateInstance.errors));
    const adapted = document.resources
      .flatMap((resource) => resource.properties.resources ?? [])
      .find((resource) => resource.type === 'IisLogonRightsDsc/IisAnonymousLogonRight');
    assert.ok(adapted, 'the class resource through the adapter');
    const schemaNames = Object.keys(instanceSchema.properties).map((name) => name.toLowerCase());
    assert.deepEqual(
      Object.keys(adapted.properties).filter((name) => !schemaNames.includes(name.toLowerCase())),
      [],
    );
  });
});

describe('DSC v3 resource manifest against the repository', function () {
  it('type, version and the operations: stdin input, the entry script beside the manifest, test and set return state', function () {
    const packageVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    assert.equal(manifest.type, 'IisLogonRights/AnonymousLogonRight');
    assert.equal(manifest.version, packageVersion);
    for (const [name, operation] of Object.entries({
      get: manifest.get,
      test: manifest.test,
      set: manifest.set,
      whatif: manifest.whatIf,
    })) {
      assert.equal(operation.executable, 'powershell', `${name}: Windows PowerShell 5.1 exists on every Windows host`);
      assert.equal(operation.input, 'stdin', `${name}: JSON on stdin, never in argv`);
      assert.deepEqual(operation.args.slice(-3), ['-File', './IisLogonRights.AnonymousLogonRight.ps1', name]);
      assert.ok(operation.args.includes('-NonInteractive') && operation.args.includes('-NoProfile'));
      assert.ok(existsSync(join(dirname(MANIFEST_PATH), 'IisLogonRights.AnonymousLogonRight.ps1')));
    }
    assert.equal(
      manifest.test.return,
      'state',
      'test is implemented (not synthetic) and returns the state with _inDesiredState',
    );
    assert.equal(manifest.set.return, 'state');
    assert.equal(
      manifest.set.implementsPretest,
      true,
      'set computes its own plan, which is empty in the desired state',
    );
    assert.equal(manifest.whatIf.return, 'state');
  });

  it("exitCodes: the engine's codes with the engine's meanings, plus 1 for a set that did not reach the state and 5 for host errors", function () {
    const codes = Object.keys(manifest.exitCodes)
      .map(Number)
      .sort((a, b) => a - b);
    assert.deepEqual(
      codes,
      [...Object.values(EXIT_CODES).map((entry) => entry.code), 5].sort((a, b) => a - b),
    );
    for (const entry of Object.values(EXIT_CODES)) {
      if (entry.code === EXIT_CODES.notInDesiredState.code) continue;
      assert.equal(manifest.exitCodes[String(entry.code)], entry.meaning, `exit code ${entry.code}`);
    }
    assert.match(manifest.exitCodes['1']!, /set only: .*still not in the desired state/);
    assert.match(manifest.exitCodes['5']!, /^Host error:/);
  });
});

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
