import { checkPlanStructure, type PlanProblem } from './check-plan';
import type { Evaluation } from './evaluate-identities';
import type { Finding } from './finding';
import type { PlanDocument } from './plan';
import { RULE_TABLE, type RuleSetName } from './rules';

/** What a backup recorded at Set time: each affected SID's own rights before the change. */
export type RightsBefore = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Undo is checked like Set: against the facts collected now and the backup's own record of the
 * rights before the change. Each undo entry must touch the own SID of an identity IIS logs on with
 * now, in a right that identity needs or is denied by, and must restore exactly the recorded
 * state: revoke only a right the SID did not hold before (the change granted it), grant back only
 * a deny right it held before (the change removed it). Whether the change is still in place is
 * read at the moment of each call, by the module. Only a finding whose rule the plan's rule set
 * enforces (any status but not-required, unresolved included: its rule is enforced, only its
 * groups are unread) counts as needing a right: no plan grants a right for a rule that is not
 * enforced, so an undo of one could only take back a right that someone else granted.
 */
export function checkUndoAgainstFacts(
  plan: PlanDocument,
  evaluation: Evaluation,
  rightsBefore: RightsBefore,
): PlanProblem | undefined {
  const structural = checkPlanStructure(plan);
  if (structural !== undefined) return structural;
  const identityRights = new Map<string, Set<string>>();
  /** Identities IIS logs on with that need no right: why, for the refusal (the first finding says it). */
  const needNoRight = new Map<string, string>();
  /** Per SID, each right a rule names that the rule set does not enforce, to the rule's id. */
  const unenforced = new Map<string, Map<string, string>>();
  for (const finding of evaluation.findings) {
    const sid = finding.identity.sid?.toUpperCase();
    if (sid === undefined) continue;
    if (finding.status === 'not-required' || finding.right === null) {
      if (!needNoRight.has(sid)) needNoRight.set(sid, whyNoRight(finding, evaluation.ruleSet));
      const ruleId = finding.rule?.id;
      if (ruleId === undefined || finding.right === null) continue;
      const named = unenforced.get(sid) ?? new Map<string, string>();
      for (const right of [finding.right, finding.denyRight]) if (right !== null) named.set(right, ruleId);
      unenforced.set(sid, named);
      continue;
    }
    const rights = identityRights.get(sid) ?? new Set<string>();
    rights.add(finding.right);
    if (finding.denyRight !== null) rights.add(finding.denyRight);
    identityRights.set(sid, rights);
  }
  for (const [index, entry] of plan.undo.entries()) {
    const pointer = `/undo/${index}`;
    const sid = entry.sid.toUpperCase();
    const rights = identityRights.get(sid);
    const noRight = needNoRight.get(sid);
    const ruleId = unenforced.get(sid)?.get(entry.right);
    if (ruleId !== undefined && rights?.has(entry.right) !== true)
      return {
        pointer,
        expected: `an undo entry for a right whose rule the ${evaluation.ruleSet} rules enforce`,
        found: `${entry.action} ${entry.right} for ${entry.sid} (${JSON.stringify(entry.account)}): rule ${ruleId} is not enforced under the ${evaluation.ruleSet} rules, so no plan grants it${enforcedBy(ruleId)}`,
      };
    if (rights === undefined && noRight !== undefined)
      return {
        pointer: `${pointer}/sid`,
        expected: 'the SID of an identity that needs a logon right from policy now',
        found: `${entry.sid} (${JSON.stringify(entry.account)}), which IIS logs on with but which ${noRight}, so no plan grants it one`,
      };
    if (rights === undefined)
      return {
        pointer: `${pointer}/sid`,
        expected: 'the SID of an identity IIS logs on with now',
        found: `${entry.sid} (${JSON.stringify(entry.account)}), which no site, application or pool uses`,
      };
    if (!rights.has(entry.right))
      return {
        pointer: `${pointer}/right`,
        expected: `a right that ${entry.sid} needs or is denied by now (${[...rights].join(', ')})`,
        found: entry.right,
      };
    const before = rightsBefore.get(sid);
    if (before === undefined)
      return {
        pointer,
        expected: `rights-before.json to record the rights ${entry.sid} held before the change`,
        found: 'no entry for it',
      };
    if (entry.action === 'revoke' && before.has(entry.right))
      return {
        pointer,
        expected: 'an undo that revokes only a right the change granted',
        found: `revoke ${entry.right} from ${entry.sid}, which held it before the change`,
      };
    if (entry.action === 'grant' && !before.has(entry.right))
      return {
        pointer,
        expected: 'an undo that grants back only a deny right the change removed',
        found: `grant ${entry.right} to ${entry.sid}, which did not hold it before the change`,
      };
  }
  return undefined;
}

/** NetworkService, LocalSystem and LocalService hold their right by definition; other logons may need none. */
function whyNoRight(finding: Finding, ruleSet: RuleSetName): string {
  if (finding.rule !== null && !finding.rule.enforced && finding.right !== null)
    return `needs no logon right under the ${ruleSet} rules (rule ${finding.rule.id} is not enforced)`;
  if (finding.rule !== null) return `needs no logon right from policy (rule ${finding.rule.id})`;
  return `logs on as ${finding.logonType ?? 'an unknown logon type'}, for which no rule requires a logon right`;
}

/** Which rule sets would have granted it, so the refusal says what the plan would have needed. */
function enforcedBy(ruleId: string): string {
  const sets = RULE_TABLE.find((row) => row.id === ruleId)?.enforcedIn ?? [];
  return sets.length === 0 ? '' : `; only ${sets.map((set) => `--rules ${set}`).join(' or ')} would have`;
}
