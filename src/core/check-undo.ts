import { checkPlanStructure, type PlanProblem } from './check-plan';
import type { Evaluation } from './evaluate-identities';
import type { PlanDocument } from './plan';

/** What a backup recorded at Set time: each affected SID's own rights before the change. */
export type RightsBefore = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Undo is checked like Set: against the facts collected now and the backup's own record of the
 * rights before the change. Each undo entry must touch the own SID of an identity IIS logs on with
 * now, in a right that identity needs or is denied by, and must restore exactly the recorded
 * state: revoke only a right the SID did not hold before (the change granted it), grant back only
 * a deny right it held before (the change removed it). Whether the change is still in place is
 * read at the moment of each call, by the module.
 */
export function checkUndoAgainstFacts(
  plan: PlanDocument,
  evaluation: Evaluation,
  rightsBefore: RightsBefore,
): PlanProblem | undefined {
  const structural = checkPlanStructure(plan);
  if (structural !== undefined) return structural;
  const identityRights = new Map<string, Set<string>>();
  for (const finding of evaluation.findings) {
    const sid = finding.identity.sid?.toUpperCase();
    if (sid === undefined || finding.right === null) continue;
    const rights = identityRights.get(sid) ?? new Set<string>();
    rights.add(finding.right);
    if (finding.denyRight !== null) rights.add(finding.denyRight);
    identityRights.set(sid, rights);
  }
  for (const [index, entry] of plan.undo.entries()) {
    const pointer = `/undo/${index}`;
    const sid = entry.sid.toUpperCase();
    const rights = identityRights.get(sid);
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
