import { evaluateSnapshot, type Evaluation } from './evaluate';
import { winningAssignments } from './group-policy';
import type { GroupPolicyResult, Snapshot } from './model';
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
  const layers = [...snapshot.groupPolicy, ...options.withGpo].map((result) => winningAssignments(result));
  const hasGroupPolicyData = snapshot.groupPolicy.length > 0 || options.withGpo.length > 0;
  const policy = projectPolicy(snapshot.localPolicy, layerWinningAssignments(layers), hasGroupPolicyData);
  const evaluation = evaluateSnapshot({ iis: snapshot.iis, policy, accounts: snapshot.accounts, host: snapshot.host, ruleSet: options.ruleSet });
  const diagnostics = [
    ...snapshot.localPolicy.diagnostics,
    ...snapshot.groupPolicy.flatMap((result) => result.diagnostics),
    ...options.withGpo.flatMap((result) => result.diagnostics),
    ...evaluation.diagnostics,
  ];
  return { evaluation: { ...evaluation, diagnostics }, policy };
}
