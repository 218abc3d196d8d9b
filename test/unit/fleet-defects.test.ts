import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { GroupPolicyResult } from '../../src/core/model';
import { judgeFleet } from '../../src/io/judge-fleet';
import { EXAMPLES } from '../helpers/fleet';

/**
 * A defect while judging one snapshot (here provoked with a baseline that is not a
 * GroupPolicyResult, which no parser can produce) is that snapshot's failed outcome, named as a
 * defect, and the snapshots after it are still judged (issue 15).
 */
describe('report: a defect on one snapshot costs only that snapshot', () => {
  it('records the defect as the failed outcome and judges the rest', () => {
    const broken = { kind: 'security-template', gpos: null, assignments: null } as unknown as GroupPolicyResult;
    const paths = [join(EXAMPLES, 'iis10-healthy'), join(EXAMPLES, 'iis10-gpo-blocked')];
    const outcomes = judgeFleet(
      paths.map((path) => ({ kind: 'snapshot', path })),
      { ruleSet: 'documented', withGpo: [broken], keepPolicy: false },
    );
    assert.equal(outcomes.length, 2);
    for (const [index, outcome] of outcomes.entries()) {
      assert.equal(outcome.kind, 'failed');
      if (outcome.kind !== 'failed') continue;
      assert.equal(outcome.name, paths[index]);
      assert.match(
        outcome.error,
        /internal error while judging this snapshot: .* \(a defect in iis-logon-rights; please report it with this snapshot\)$/,
      );
      assert.ok(!outcome.error.includes('\n'), 'one line');
    }
    const good = judgeFleet([{ kind: 'snapshot', path: paths[0]! }], {
      ruleSet: 'documented',
      withGpo: [],
      keepPolicy: false,
    });
    assert.equal(good[0]!.kind, 'judged', 'the same snapshot judges without the broken baseline');
  });
});
