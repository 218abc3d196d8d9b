import assert from 'node:assert/strict';
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020';
import { buildAccountIndex } from '../../src/core/accounts';
import type { SecurityTemplate } from '../../src/core/model';
import { buildPlan, type Plan } from '../../src/core/plan';
import { applyActionsToPolicy } from '../helpers/policy-simulator';
import { caseArbitrary, evaluate, HOST, RIGHTS, type GeneratedCase } from '../helpers/plan-cases';
import { FINDING_STATUSES } from '../../src/core/status';
import { buildPlanDocument } from '../../src/io/plan-document';

/**
 * The plan's safety properties, checked against the simulator (which applies actions the way
 * LsaAddAccountRights / LsaRemoveAccountRights would) over generated policies, identities,
 * group memberships and GPO ownerships. PLAN_PROPERTY_RUNS raises or lowers the count.
 */
const RUNS = Number(process.env.PLAN_PROPERTY_RUNS ?? 10_000);

function resolverFor(testCase: GeneratedCase): (name: string) => string | undefined {
  const index = buildAccountIndex({ accounts: testCase.accounts, unresolved: [] }, HOST);
  return (name) => index.byName(name)?.sid;
}

function sidsOf(policy: SecurityTemplate, right: string, resolve: (name: string) => string | undefined): Set<string> {
  return new Set(
    (policy.privilegeRights?.get(right)?.holders ?? []).map((holder) =>
      holder.kind === 'sid' ? holder.sid : (resolve(holder.name) ?? `name:${holder.name}`),
    ),
  );
}

const counts = { cases: 0, actions: 0, grants: 0, revokes: 0, temporary: 0, refused: 0, inDesiredState: 0 };

function checkCase(testCase: GeneratedCase): void {
  const { evaluation, policy } = evaluate(testCase, testCase.local);
  const plan: Plan = buildPlan(evaluation, policy, { allowTemporaryFix: testCase.allowTemporaryFix });
  const resolve = resolverFor(testCase);
  counts.cases++;
  counts.actions += plan.actions.length;
  counts.grants += plan.actions.filter((action) => action.action === 'grant').length;
  counts.revokes += plan.actions.filter((action) => action.action === 'revoke').length;
  counts.temporary += plan.actions.filter((action) => action.temporary).length;
  counts.refused += plan.refused.length;

  // 1. Identity-scoped: every action's SID is the identity SID of a finding it fixes, and no SID
  //    other than a revoked identity's own ever leaves any right.
  const identitySids = new Set(evaluation.findings.map((finding) => finding.identity.sid));
  for (const action of plan.actions) {
    assert.ok(identitySids.has(action.sid), `action on ${action.sid}, which is no finding's identity`);
    for (const fix of action.fixes)
      assert.ok(
        evaluation.findings.some(
          (finding) => finding.site === fix.site && finding.path === fix.path && finding.identity.sid === action.sid,
        ),
      );
    if (action.action === 'revoke') assert.match(action.right, /^SeDeny/, 'revoke only from deny rights');
    if (action.action === 'grant') assert.doesNotMatch(action.right, /^SeDeny/, 'grant only allow rights');
  }
  const applied = applyActionsToPolicy(testCase.local, plan.actions, resolve);
  const revoked = new Set(
    plan.actions.filter((action) => action.action === 'revoke').map((action) => `${action.right} ${action.sid}`),
  );
  for (const right of RIGHTS) {
    const before = sidsOf(testCase.local, right, resolve);
    const after = sidsOf(applied, right, resolve);
    for (const sid of before)
      if (!after.has(sid))
        assert.ok(
          revoked.has(`${right} ${sid}`),
          `${sid} was removed from ${right} without a revoke of the identity's own SID`,
        );
  }

  // 2. Idempotent: planning again on the applied policy yields no action.
  const again = evaluate(testCase, applied);
  const replan = buildPlan(again.evaluation, again.policy, { allowTemporaryFix: testCase.allowTemporaryFix });
  assert.deepEqual(replan.actions, [], 'a second plan after applying the first must be empty');

  // 3. After applying, every finding is in the desired state, or the plan said why not (refused,
  //    or fixed only temporarily under a GPO-owned right).
  for (const finding of again.evaluation.findings) {
    if (FINDING_STATUSES[finding.status].inDesiredState) continue;
    const explained =
      plan.refused.some((entry) => entry.site === finding.site && entry.path === finding.path) ||
      plan.actions.some(
        (action) =>
          action.temporary && action.fixes.some((fix) => fix.site === finding.site && fix.path === finding.path),
      );
    assert.ok(
      explained,
      `after applying, ${finding.site}${finding.path} is ${finding.status} and the plan did not say why`,
    );
  }

  // 4. A snapshot in the desired state gets an empty plan.
  if (evaluation.inDesiredState) {
    counts.inDesiredState++;
    assert.deepEqual(plan.actions, []);
    assert.deepEqual(plan.refused, []);
  }

  // Undo restores exactly what changed.
  const undone = applyActionsToPolicy(applied, plan.undo, resolve);
  for (const right of RIGHTS)
    assert.deepEqual(
      [...sidsOf(undone, right, resolve)].sort(),
      [...sidsOf(testCase.local, right, resolve)].sort(),
      `undo of ${right}`,
    );
}

describe('plan properties (simulator as oracle)', function () {
  this.timeout(600_000);

  after(() => {
    console.log(
      `      plan properties: ${counts.cases} generated cases, ${counts.actions} actions (${counts.grants} grants, ${counts.revokes} revokes, ${counts.temporary} temporary), ${counts.refused} refusals, ${counts.inDesiredState} cases already in the desired state`,
    );
  });

  it(`holds for ${RUNS} generated policies, identities, groups and GPO ownerships`, () => {
    fc.assert(fc.property(caseArbitrary, checkCase), { numRuns: RUNS });
    assert.ok(
      counts.grants > 0 && counts.revokes > 0 && counts.temporary > 0 && counts.refused > 0,
      `the generator must reach every kind of outcome: ${JSON.stringify(counts)}`,
    );
  });

  it('produces plans that validate against schemas/plan.schema.json', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    const validate = ajv.compile(require('../../schemas/plan.schema.json'));
    fc.assert(
      fc.property(caseArbitrary, (testCase) => {
        const { evaluation, policy } = evaluate(testCase, testCase.local);
        const document = buildPlanDocument(
          'generated',
          testCase.ruleSet,
          [],
          buildPlan(evaluation, policy, { allowTemporaryFix: testCase.allowTemporaryFix }),
        );
        assert.ok(validate(JSON.parse(JSON.stringify(document))), JSON.stringify(validate.errors));
      }),
      { numRuns: 300 },
    );
  });
});
