import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readVendorSchema } from '../helpers/vendor-schemas';
import { REPO_ROOT } from './ps-tools';
import { plainTextEnvironment, skipUnlessPwsh } from './pwsh';

// The DSC v3 entry driven the way dsc 3.1 drives a command resource (dsc_lib command_resource):
// a process started with the manifest's own args in the manifest's folder, the desired instance
// on stdin, one JSON line on stdout, one-key JSON trace lines on stderr, the exit code looked up
// in the manifest. The results are then put together as `dsc resource get|test|set` returns them
// and validated against the vendored 3.1.0 output schemas. The module runs from a throw-away
// copy whose Windows boundary (collection, LSA, the backup folder) is replaced by
// test/fixtures/ps-module/Zz-ProcessTestBoundary.ps1; the manifest's executable, Windows
// PowerShell, is stood in for by the installed pwsh.

const V3_DIR = join(REPO_ROOT, 'dsc', 'v3');
const MANIFEST = JSON.parse(
  readFileSync(join(V3_DIR, 'IisLogonRights.AnonymousLogonRight.dsc.resource.json'), 'utf8'),
) as {
  exitCodes: Record<string, string>;
  schema: { embedded: object };
} & Record<'get' | 'test' | 'set' | 'whatIf', { executable: string; args: string[]; input: string }>;
const SNAPSHOTS = join(REPO_ROOT, 'examples', 'snapshots');
const REPORTS_SID = 'S-1-5-21-2060260628-1893702904-3285376245-1604';
const RUN_TIMEOUT_MS = 5 * 60_000;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const outputSchema = (operation: string) =>
  ajv.compile(readVendorSchema('dsc-v3.1.0', `outputs_resource_${operation}.json`) as object);
const validateInstance = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(MANIFEST.schema.embedded);

interface EntryRun {
  exitCode: number;
  state: Record<string, unknown> | null;
  trace: Record<string, string>[];
}

/** What dsc_lib's get_diff reports: each desired property whose actual value differs. */
function differingProperties(desired: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  return Object.keys(desired).filter(
    (name) => !name.startsWith('_') && JSON.stringify(desired[name]) !== JSON.stringify(actual[name]),
  );
}

describe('DSC v3 entry as dsc 3.1 runs it: a process per operation, outputs against the 3.1.0 output schemas', function () {
  this.timeout(RUN_TIMEOUT_MS);
  let pwsh: string;
  let work: string;

  before(function () {
    pwsh = skipUnlessPwsh(this, 'DSC v3 entry processes');
    if (!existsSync(join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'bin', 'iis-logon-rights.cjs')))
      throw new Error('run node build.mjs first: the module has no engine bundle');
    work = mkdtempSync(join(tmpdir(), 'iislr-v3-process-'));
    cpSync(V3_DIR, join(work, 'v3'), { recursive: true });
    cpSync(join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc'), join(work, 'IisLogonRightsDsc'), { recursive: true });
    cpSync(
      join(REPO_ROOT, 'test', 'fixtures', 'ps-module', 'Zz-ProcessTestBoundary.ps1'),
      join(work, 'IisLogonRightsDsc', 'Private', 'Zz-ProcessTestBoundary.ps1'),
    );
  });

  after(function () {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  function run(
    method: 'get' | 'test' | 'set' | 'whatIf',
    desired: object,
    state: string,
    before: string,
    afterGrant = before,
  ): EntryRun {
    const operation = MANIFEST[method];
    assert.equal(operation.input, 'stdin');
    const child = spawnSync(pwsh, operation.args, {
      cwd: join(work, 'v3'),
      input: JSON.stringify(desired),
      encoding: 'utf8',
      timeout: RUN_TIMEOUT_MS,
      env: {
        ...plainTextEnvironment(),
        IISLR_TEST_STATE: state,
        IISLR_TEST_BEFORE: before,
        IISLR_TEST_AFTER: afterGrant,
      },
    });
    assert.equal(child.error, undefined);
    const exitCode = child.status!;
    assert.ok(
      Object.hasOwn(MANIFEST.exitCodes, String(exitCode)),
      `exit code ${exitCode} is one the manifest declares: ${child.stderr}`,
    );
    const trace = child.stderr
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, string>);
    for (const line of trace) assert.equal(Object.keys(line).length, 1, JSON.stringify(line));
    const lines = child.stdout.split('\n').filter((line) => line !== '');
    assert.ok(lines.length <= 1, `at most one JSON line on stdout: ${child.stdout}`);
    return { exitCode, state: lines.length === 1 ? (JSON.parse(lines[0]!) as Record<string, unknown>) : null, trace };
  }

  function stateFolder(): string {
    return mkdtempSync(join(work, 'state-'));
  }

  it('get: {actualState} validates against outputs/resource/get.json, the instance against the embedded schema', function () {
    const get = run('get', { scope: '*' }, stateFolder(), join(SNAPSHOTS, 'iis10-specificuser-pool-missing-batch'));
    assert.equal(get.exitCode, 0, JSON.stringify(get.trace));
    assert.ok(validateInstance(get.state), JSON.stringify(validateInstance.errors));
    const validate = outputSchema('get');
    assert.ok(validate({ actualState: get.state }), JSON.stringify(validate.errors));
  });

  it('test: out of the desired state is exit 0 with _inDesiredState false, and the test result validates', function () {
    const desired = { scope: 'Reports' };
    const test = run('test', desired, stateFolder(), join(SNAPSHOTS, 'iis10-specificuser-pool-missing-batch'));
    assert.equal(test.exitCode, 0, JSON.stringify(test.trace));
    assert.ok(validateInstance(test.state), JSON.stringify(validateInstance.errors));
    assert.equal(test.state!._inDesiredState, false);
    const result = {
      desiredState: desired,
      actualState: test.state,
      inDesiredState: test.state!._inDesiredState,
      differingProperties: differingProperties(desired, test.state!),
    };
    const validate = outputSchema('test');
    assert.ok(validate(result), JSON.stringify(validate.errors));
  });

  it("whatIf then set: the predicted and the reached after-state agree, one grant to the identity's own SID, and the set result validates", function () {
    const desired = { scope: 'Reports' };
    const before = join(SNAPSHOTS, 'iis10-specificuser-pool-missing-batch');
    const state = stateFolder();
    const after = join(state, 'after');
    cpSync(before, after, { recursive: true });
    const secedit = readFileSync(join(after, 'secedit.inf'))
      .toString('utf16le')
      .replace(/^\uFEFF/, '');
    const granted = secedit.replace(/^(SeBatchLogonRight = .*)$/m, `$1,*${REPORTS_SID}`);
    assert.notEqual(granted, secedit);
    writeFileSync(
      join(after, 'secedit.inf'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(granted, 'utf16le')]),
    );

    const current = run('get', desired, state, before, after);
    const whatIf = run('whatIf', desired, state, before, after);
    assert.equal(whatIf.exitCode, 0, JSON.stringify(whatIf.trace));
    assert.equal(existsSync(join(state, 'lsa-calls.txt')), false, 'what-if calls no LSA function');
    const set = run('set', desired, state, before, after);
    assert.equal(set.exitCode, 0, JSON.stringify(set.trace));
    assert.deepEqual(
      readFileSync(join(state, 'lsa-calls.txt'), 'utf8')
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('get ')),
      [`add ${REPORTS_SID} SeBatchLogonRight`],
    );
    assert.deepEqual(set.state, whatIf.state, 'what-if predicted the state set reached');
    const validate = outputSchema('set');
    for (const result of [whatIf, set]) {
      assert.ok(validateInstance(result.state), JSON.stringify(validateInstance.errors));
      const output = {
        beforeState: current.state,
        afterState: result.state,
        changedProperties: differingProperties(current.state!, result.state!),
      };
      assert.deepEqual(output.changedProperties, ['inDesiredState', 'reasons', 'findings']);
      assert.ok(validate(output), JSON.stringify(validate.errors));
    }
  });
});
