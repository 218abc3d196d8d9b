import { evaluateIdentities, type Evaluation } from './evaluate-identities';
import { LOCAL_GPO_ID, winningAssignments } from './group-policy';
import { compareGroupPolicySources } from './group-policy-sources';
import type { GpoRightAssignment, GroupPolicyResult, Snapshot } from './model';
import { layerWinningAssignments, projectPolicy, type PolicyProjection } from './policy';
import type { RuleSetName } from './rules';

export interface JudgeOptions {
  ruleSet: RuleSetName;
  /** Baselines projected as winning GPOs over the snapshot's own Group Policy (--with-gpo). */
  withGpo: readonly GroupPolicyResult[];
}

export interface Judgement {
  evaluation: Evaluation;
  /** The policy now and after the next refresh, for explanations and plans. */
  policy: PolicyProjection;
}

/** Judges one snapshot: projects Group Policy, then evaluates every anonymous identity. */
export function judgeSnapshot(snapshot: Snapshot, options: JudgeOptions): Judgement {
  // rsop.json wins over gpresult.xml wherever they disagree (group-policy-sources.ts), whatever the order they were given in.
  const sources = [
    ...snapshot.groupPolicy.filter((result) => result.kind !== 'rsop'),
    ...snapshot.groupPolicy.filter((result) => result.kind === 'rsop'),
  ];
  const layers = [...sources, ...options.withGpo].map((result) => domainOwnedWinners(result));
  const hasGroupPolicyData = snapshot.groupPolicy.length > 0 || options.withGpo.length > 0;
  const policy = projectPolicy(snapshot.localPolicy, layerWinningAssignments(layers), hasGroupPolicyData);
  const evaluation = evaluateIdentities({
    iis: snapshot.iis,
    policy,
    accounts: snapshot.accounts,
    host: snapshot.host,
    ruleSet: options.ruleSet,
  });
  const diagnostics = [
    ...snapshot.localPolicy.diagnostics,
    ...snapshot.groupPolicy.flatMap((result) => result.diagnostics),
    ...compareGroupPolicySources(snapshot.groupPolicy),
    ...options.withGpo.flatMap((result) => result.diagnostics),
    ...evaluation.diagnostics,
  ];
  return { evaluation: { ...evaluation, diagnostics }, policy };
}

/**
 * Rights whose winner is the Local Group Policy object are owned by local policy: no refresh
 * replaces them with another list, and a local change to them lasts.
 */
function domainOwnedWinners(result: GroupPolicyResult): Map<string, GpoRightAssignment> {
  const winners = winningAssignments(result);
  for (const [right, assignment] of winners) if (assignment.gpo.id === LOCAL_GPO_ID) winners.delete(right);
  return winners;
}
