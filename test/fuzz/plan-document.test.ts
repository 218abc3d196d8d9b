import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { buildPlan } from '../../src/core/plan';
import { LOGON_RIGHTS } from '../../src/core/rights';
import { normalizeSid } from '../../src/core/sids';
import type { PlanDocument } from '../../src/core/plan';
import { buildPlanDocument, readPlanDocument } from '../../src/io/plan-document';
import { loadSnapshotFolder } from '../../src/io/snapshot';
import { REPO_ROOT } from '../helpers/cli';
import { mutatedJsonValues, mutatedSeeds, runFuzz, type FuzzTarget, type Seed } from './harness';

/**
 * Saved plans (`check-plan --plan`): the document a person or a pipeline hands back before
 * anything is applied. Seeds are the real plans of every example snapshot under both rule sets,
 * with and without --allow-temporary-fix.
 */

function examplePlans(): Seed[] {
  const root = join(REPO_ROOT, 'examples', 'snapshots');
  const seeds: Seed[] = [];
  for (const name of readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()) {
    const snapshot = loadSnapshotFolder(join(root, name));
    for (const ruleSet of ['documented', 'conservative'] as const) {
      for (const allowTemporaryFix of [false, true]) {
        const { evaluation, policy } = judgeSnapshot(snapshot, { ruleSet, withGpo: [] });
        const document = buildPlanDocument(
          snapshot.name,
          ruleSet,
          [],
          buildPlan(evaluation, policy, { allowTemporaryFix }),
        );
        seeds.push({
          origin: `plan of ${name} (${ruleSet}${allowTemporaryFix ? ', temporary fixes allowed' : ''})`,
          bytes: Buffer.from(JSON.stringify(document, null, 2), 'utf8'),
        });
      }
    }
  }
  return seeds;
}

const target: FuzzTarget<PlanDocument> = {
  name: 'plan document (check-plan)',
  label: 'plan.json',
  parse: (bytes, label) => readPlanDocument(bytes, label),
  checkModel: (plan) => {
    // Nothing invalid may reach an action: every SID normalised, every right a logon right.
    for (const action of [...plan.actions, ...plan.undo]) {
      assert.equal(normalizeSid(action.sid), action.sid, `action SID ${action.sid} is normalised`);
      assert.ok(LOGON_RIGHTS.has(action.right), `action right ${action.right} is a logon right`);
      assert.ok(action.action === 'grant' || action.action === 'revoke', `action ${String(action.action)}`);
    }
  },
};

describe('fuzz: plan documents', () => {
  it('mutated plans of the example snapshots give a plan with only valid actions, or a located InputError', () => {
    const seeds = examplePlans();
    assert.ok(
      seeds.some((seed) => (JSON.parse(Buffer.from(seed.bytes).toString('utf8')) as PlanDocument).actions.length > 0),
      'some seed plan has actions',
    );
    const values = seeds.map((seed) => ({
      origin: seed.origin,
      value: JSON.parse(Buffer.from(seed.bytes).toString('utf8')) as unknown,
    }));
    runFuzz(target, fc.oneof(mutatedSeeds(seeds, 'json'), mutatedJsonValues(fc.constantFrom(...values))));
  });
});
