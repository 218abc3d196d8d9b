import type { PlanProblem } from '../../src/core/check-plan';
import type { Evaluation } from '../../src/core/evaluate-identities';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import type { Snapshot } from '../../src/core/model';
import { buildPlan, type Plan, type PlanDocument } from '../../src/core/plan';
import { buildPlanDocument } from '../../src/io/plan-document';
import { accounts, gpoAssignment, groupPolicyResult, iis, LOCAL_ANON, scope, template, WEB01 } from './builders';

/**
 * Plans the engine wrote, for tests that change one element and read check-plan's refusal: the
 * element (pointer), what was expected and what was found.
 */

export const ANON = LOCAL_ANON.sid;
/** How a refusal names the anonymous user's action after "grant <right> to" or "revoke <right> from". */
export const WHO = `${ANON} ("WEB01\\\\anon")`;

/** WEB01 serving two sites whose anonymous user is the local account WEB01\\anon. */
export function snapshot(overrides: Partial<Snapshot>): Snapshot {
  return {
    name: 'WEB01',
    localPolicy: template({}),
    iis: iis([scope({ userName: 'WEB01\\anon' }), scope({ site: 'Shop', userName: 'WEB01\\anon' })]),
    groupPolicy: [],
    accounts: accounts(LOCAL_ANON),
    host: WEB01,
    ...overrides,
  };
}

export interface Planned {
  document: PlanDocument;
  derived: Plan;
  evaluation: Evaluation;
}

export function planned(of: Snapshot, allowTemporaryFix: boolean): Planned {
  const { evaluation, policy } = judgeSnapshot(of, { ruleSet: 'documented', withGpo: [] });
  const derived = buildPlan(evaluation, policy, { allowTemporaryFix });
  return { document: buildPlanDocument('WEB01', 'documented', [], derived), derived, evaluation };
}

/**
 * Two sites whose anonymous user is the local account WEB01\\anon. `local`: local policy owns
 * SeNetworkLogonRight (not granted) and SeDenyNetworkLogonRight (lists the account), so the plan
 * grants one and revokes the other; `localOptedIn`: the same with --allow-temporary-fix, nothing
 * temporary; `gpo`: a GPO owns both rights, so with --allow-temporary-fix the plan makes a
 * temporary grant and two GPO edits, one removing a baseline's deny entry (S-1-5-113).
 * Call it inside before() or it(): a mutant is active only while tests run.
 */
export function enginePlans(): { local: Planned; localOptedIn: Planned; gpo: Planned } {
  const localOwned = snapshot({
    localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544'], SeDenyNetworkLogonRight: [`*${ANON}`] }),
  });
  return {
    local: planned(localOwned, false),
    localOptedIn: planned(localOwned, true),
    gpo: planned(
      snapshot({
        groupPolicy: [
          groupPolicyResult([
            gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544']),
            gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-32-545', '*S-1-5-113']),
          ]),
        ],
      }),
      true,
    ),
  };
}

/** The refusal as check-plan prints it after the file name. */
export function say(problem: PlanProblem | undefined): string | undefined {
  return problem && `${problem.pointer}: expected ${problem.expected}, found ${problem.found}`;
}

/** A copy of the plan, changed by `change`, so every case starts from the engine's own plan. */
export function tampered(plan: Planned, change: (document: PlanDocument) => void): PlanDocument {
  const copy = structuredClone(plan.document);
  change(copy);
  return copy;
}
