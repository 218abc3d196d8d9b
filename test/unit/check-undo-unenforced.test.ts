import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkUndoAgainstFacts } from '../../src/core/check-undo';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { buildPlan, type PlanDocument } from '../../src/core/plan';
import type { RuleSetName } from '../../src/core/rules';
import { buildPlanDocument } from '../../src/io/plan-document';
import { say, snapshot } from '../helpers/check-plan-cases';
import { iis, scope, template } from '../helpers/builders';
import { REPO_ROOT } from '../helpers/cli';
import { factsFromFolder } from '../helpers/facts';
import { runInProcess } from '../helpers/in-process';

/**
 * An undo entry may only take back what a plan of ours could have granted. No plan grants a right
 * for a rule the rule set does not enforce (the built-in IUSR's SeNetworkLogonRight under the
 * documented rules), so an undo entry for it could only remove a right someone else granted.
 */

const IUSR = 'S-1-5-17';
const DEFAULT_APP_POOL = 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415';
const REFUSAL =
  'expected an undo entry for a right whose rule the documented rules enforce, found revoke SeNetworkLogonRight for S-1-5-17 ("NT AUTHORITY\\\\IUSR"): rule iis-builtin-iusr is not enforced under the documented rules, so no plan grants it; only --rules conservative would have';

describe('check-plan --undo: an entry for a right whose rule is not enforced', () => {
  /** The default site's anonymous user is IUSR, and only Administrators hold SeNetworkLogonRight. */
  const machine = snapshot({
    localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544'], SeServiceLogonRight: [`*${DEFAULT_APP_POOL}`] }),
    iis: iis([scope({})]),
  });
  const judged = (ruleSet: RuleSetName) => judgeSnapshot(machine, { ruleSet, withGpo: [] });
  const planUnder = (ruleSet: RuleSetName): PlanDocument => {
    const { evaluation, policy } = judged(ruleSet);
    return buildPlanDocument('WEB01', ruleSet, [], buildPlan(evaluation, policy, { allowTemporaryFix: false }));
  };
  const rightsBefore = new Map([[IUSR, new Set<string>()]]);

  it('passes the undo of the conservative plan that granted IUSR SeNetworkLogonRight', () => {
    const plan = planUnder('conservative');
    assert.deepEqual(
      plan.undo.map((entry) => [entry.action, entry.right, entry.sid]),
      [['revoke', 'SeNetworkLogonRight', IUSR]],
    );
    assert.equal(say(checkUndoAgainstFacts(plan, judged('conservative').evaluation, rightsBefore)), undefined);
  });

  it('refuses the same entry under the documented rules, naming the rule and the rule set that enforces it', () => {
    assert.deepEqual(planUnder('documented').undo, [], 'no documented plan grants IUSR a right');
    const plan = { ...planUnder('conservative'), ruleSet: 'documented' as const };
    assert.equal(
      say(checkUndoAgainstFacts(plan, judged('documented').evaluation, rightsBefore)),
      `/undo/0: ${REFUSAL}`,
    );
  });

  it('refuses an entry for another right of IUSR under the documented rules: it needs none', () => {
    const plan = structuredClone({ ...planUnder('conservative'), ruleSet: 'documented' as const });
    plan.actions[0]!.right = 'SeBatchLogonRight';
    plan.undo[0]!.right = 'SeBatchLogonRight';
    assert.equal(
      say(checkUndoAgainstFacts(plan, judged('documented').evaluation, rightsBefore)),
      `/undo/0/sid: expected the SID of an identity that needs a logon right from policy now, found ${IUSR} ("NT AUTHORITY\\\\IUSR"), which IIS logs on with but which needs no logon right under the documented rules (rule iis-builtin-iusr is not enforced), so no plan grants it one`,
    );
  });

  it('gives the one-line refusal through check-plan --undo, and passes under the conservative plan', () => {
    const facts = factsFromFolder(join(REPO_ROOT, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch'));
    // Only Administrators hold SeNetworkLogonRight, in local policy alone: IUSR lacks it.
    facts.files['secedit.inf'] = facts.files['secedit.inf']!.replace('*S-1-5-11,*S-1-5-32-544', '*S-1-5-32-544');
    delete facts.files['gpresult.xml'];
    const planned = runInProcess(
      ['plan', '--snapshot', '-', '--rules', 'conservative', '--format', 'json'],
      JSON.stringify(facts),
    );
    const plan = JSON.parse(planned.stdout) as PlanDocument;
    const iusr = plan.undo.findIndex((entry) => entry.sid === IUSR && entry.right === 'SeNetworkLogonRight');
    assert.notEqual(iusr, -1, planned.stdout);
    const before = Object.fromEntries(plan.undo.map((entry) => [entry.sid, []]));
    const check = (document: PlanDocument) =>
      runInProcess(
        ['check-plan', '--undo', '--plan', '-', '--snapshot', '-'],
        JSON.stringify({ plan: document, facts, rightsBefore: before }),
      );
    const passed = check(plan);
    assert.equal(passed.status, 0, passed.stderr);
    const refused = check({ ...plan, ruleSet: 'documented' });
    assert.equal(refused.status, 3);
    assert.equal(refused.stderr, `iis-logon-rights: invalid input: stdin:/plan (at /undo/${iusr}): ${REFUSAL}\n`);
  });
});
