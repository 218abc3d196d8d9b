import assert from 'node:assert/strict';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { REPO_ROOT, runBundle } from '../helpers/cli';
import { factsFromFolder } from '../helpers/facts';

// dsc whatif prints the instance as it will be once set's plan is applied: DSC compares it with
// get's instance to report what set would change, so it must be the predicted after-state, not
// the current one. Refused findings stay as they are; temporary grants only with the opt-in.

const SNAPSHOTS = join(REPO_ROOT, 'examples', 'snapshots');
const instanceSchema = require('../../schemas/dsc-instance.schema.json');
const validateInstance = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(instanceSchema);

interface Instance {
  inDesiredState: boolean;
  findings: { site: string; status: string }[];
  _inDesiredState?: boolean;
}

function dsc(operation: string, example: string, desired: Record<string, unknown>): Instance {
  const run = runBundle(
    ['dsc', operation],
    JSON.stringify({ desired, facts: factsFromFolder(join(SNAPSHOTS, example), 'WEB') }),
  );
  assert.equal(run.status, 0, run.stderr);
  const instance = JSON.parse(run.stdout) as Instance;
  assert.ok(validateInstance(instance), JSON.stringify(validateInstance.errors));
  return instance;
}

const statuses = (instance: Instance) => instance.findings.map((finding) => `${finding.site} ${finding.status}`);

describe('dsc whatif: the predicted after-state', () => {
  it('a missing right that set grants is ok in the what-if instance, while get still reports it missing', () => {
    assert.deepEqual(statuses(dsc('get', 'iis10-specificuser-pool-missing-batch', { scope: 'Reports' })), [
      'Reports missing',
    ]);
    const predicted = dsc('whatif', 'iis10-specificuser-pool-missing-batch', { scope: 'Reports' });
    assert.deepEqual(statuses(predicted), ['Reports ok']);
    assert.equal(predicted.inDesiredState, true);
    assert.equal(predicted._inDesiredState, undefined, 'what-if is not a test result');
  });

  it('a GPO-owned right is refused without allowTemporaryFix, so nothing is predicted to change', () => {
    const current = dsc('get', 'iis10-gpo-blocked', { scope: 'Partners' });
    const predicted = dsc('whatif', 'iis10-gpo-blocked', { scope: 'Partners' });
    assert.deepEqual(predicted, current);
    assert.equal(predicted.inDesiredState, false);
  });

  it('with allowTemporaryFix the grant is predicted, held until the refresh, and in the desired state', () => {
    const predicted = dsc('whatif', 'iis10-gpo-blocked', { scope: 'Partners', allowTemporaryFix: true });
    // The anonymous user, then the Partners pool's worker process (ok).
    assert.deepEqual(statuses(predicted), ['Partners revoked-at-refresh', 'Partners ok']);
    assert.equal(predicted.inDesiredState, true);
  });

  it('a scope already in the desired state is predicted unchanged', () => {
    assert.deepEqual(dsc('whatif', 'iis10-healthy', { scope: '*' }), dsc('get', 'iis10-healthy', { scope: '*' }));
  });
});
