import assert from 'node:assert/strict';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { REPO_ROOT, runBundle } from '../helpers/cli';
import { factsFromFolder } from '../helpers/facts';

const EXAMPLE = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch');
const instanceSchema = require('../../schemas/dsc-instance.schema.json');
const validateInstance = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(instanceSchema);

function dsc(operation: string, desired: Record<string, unknown>, folder = EXAMPLE) {
  return runBundle(['dsc', operation], JSON.stringify({ desired, facts: factsFromFolder(folder, 'WEB03') }));
}

describe('dsc <get|test|set> (DSC v3 protocol through the bundle)', () => {
  it('test returns the actual instance with _inDesiredState false and exit 0 when out of desired state', () => {
    const run = dsc('test', { scope: 'Reports' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim().split('\n').length, 1, 'one JSON line');
    const instance = JSON.parse(run.stdout) as Record<string, any>;
    assert.ok(validateInstance(instance), JSON.stringify(validateInstance.errors));
    assert.equal(instance._inDesiredState, false);
    assert.deepEqual(
      instance.findings.map((finding: { site: string; status: string }) => `${finding.site} ${finding.status}`),
      ['Reports missing'],
    );
    assert.equal(instance.reasons[0].code, 'IisAnonymousLogonRight:IisAnonymousLogonRight:Missing');
  });

  it('get with scope * covers every site; Docs alone is in the desired state', () => {
    const all = JSON.parse(dsc('get', { scope: '*' }).stdout) as Record<string, any>;
    assert.ok(validateInstance(all));
    // Default Web Site has two findings: IUSR and the DefaultAppPool worker process.
    assert.deepEqual(all.findings.map((finding: { site: string }) => finding.site).sort(), [
      'Default Web Site',
      'Default Web Site',
      'Docs',
      'Reports',
    ]);
    assert.equal(all._inDesiredState, undefined, 'get does not claim a test result');
    const docs = JSON.parse(dsc('test', { scope: 'docs', ruleSet: 'documented' }).stdout);
    assert.equal(docs._inDesiredState, true);
  });

  it('set prints the identity-scoped plan that the entry applies', () => {
    const plan = JSON.parse(dsc('set', { scope: 'Reports', allowTemporaryFix: false }).stdout);
    assert.deepEqual(
      plan.actions.map(
        (action: { action: string; right: string; account: string }) =>
          `${action.action} ${action.right} ${action.account}`,
      ),
      ['grant SeBatchLogonRight CONTOSO\\svc-reports'],
    );
    assert.equal(plan.options.allowTemporaryFix, false);
  });

  it('errors are one-key JSON lines on stderr with the documented exit code', () => {
    const unknownSite = dsc('get', { scope: 'Nope' });
    assert.equal(unknownSite.status, 3);
    assert.equal(unknownSite.stdout, '');
    const line = JSON.parse(unknownSite.stderr.trim());
    assert.deepEqual(Object.keys(line), ['error']);
    assert.match(line.error, /\/desired\/scope.*"Default Web Site", "Reports", "Docs".*found "Nope"/);
    const badRequest = runBundle(['dsc', 'test'], JSON.stringify({ desired: {} }));
    assert.equal(badRequest.status, 3);
    assert.deepEqual(Object.keys(JSON.parse(badRequest.stderr.trim())), ['error']);
    const badOperation = runBundle(['dsc', 'export'], '{}');
    assert.equal(badOperation.status, 2);
    assert.match(
      JSON.parse(badOperation.stderr.trim()).error,
      /unknown dsc operation "export" \(expected get, test, set/,
    );
  });

  it('--site narrows test to one site and --log-format json reports diagnostics as warn lines', () => {
    const run = runBundle([
      'test',
      '--snapshot',
      EXAMPLE,
      '--site',
      'REPORTS',
      '--format',
      'json',
      '--log-format',
      'json',
    ]);
    assert.equal(run.status, 1);
    assert.deepEqual(
      JSON.parse(run.stdout).findings.map((finding: { site: string }) => finding.site),
      ['Reports'],
    );
    for (const line of run.stderr.trim().split('\n').filter(Boolean))
      assert.equal(Object.keys(JSON.parse(line)).length, 1);
    const usage = runBundle(['test', '--snapshot', EXAMPLE, '--log-format', 'yaml']);
    assert.equal(usage.status, 2);
  });
});
