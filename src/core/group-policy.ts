import type { GpoRightAssignment, GroupPolicyObjectRef, GroupPolicyResult } from './model';

/**
 * Pure helpers over Group Policy results, shared by the gpresult/GPO-report and RSoP parsers and
 * by the engine. RSoP gives every setting a precedence; 1 is the GPO whose value is applied
 * (RSOP_PolicySetting; docs/windows-behaviour.md), larger numbers lost.
 */

/** What gpresult and RSoP call the machine's Local Group Policy object, which has no GUID. */
export const LOCAL_GPO_ID = 'LocalGPO';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A GPO identifier in the model's form, `{GUID}` upper case, from the spellings the sources use:
 * `{guid}` or a bare guid (any case; the Default Domain Controllers Policy GUID famously carries
 * a lower-case `f`), an RSoP `GPOID` directory path `CN={guid},CN=Policies,CN=System,DC=...`
 * (optionally `LDAP://`-prefixed), or `LocalGPO`. Undefined for anything else.
 */
export function normalizeGpoId(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === LOCAL_GPO_ID.toLowerCase()) return LOCAL_GPO_ID;
  const directoryPath = /^(?:LDAP:\/\/)?CN=([^,]*),CN=Policies,CN=System(?:,|$)/i.exec(trimmed);
  const candidate = directoryPath === null ? trimmed : directoryPath[1]!.trim();
  const braced = candidate.startsWith('{') && candidate.endsWith('}');
  const bare = braced ? candidate.slice(1, -1) : candidate;
  if (!GUID.test(bare)) return undefined;
  return `{${bare.toUpperCase()}}`;
}

/**
 * `GPO "Contoso Server Baseline" {GUID}`, or `GPO {GUID}` when the source gave no name; a
 * baseline given with --with-gpo is named by its file: `baseline GptTmpl.inf (not linked)`.
 */
export function describeGpo(gpo: GroupPolicyObjectRef): string {
  if (gpo.baseline !== undefined)
    return gpo.name === gpo.baseline
      ? `baseline ${gpo.baseline} (not linked)`
      : `baseline GPO "${gpo.name}" from ${gpo.baseline} (not linked)`;
  return gpo.name === gpo.id ? `GPO ${gpo.id}` : `GPO "${gpo.name}" ${gpo.id}`;
}

/** Two assignments of one right that claim the same precedence, which RSoP never records. */
export interface PrecedenceClash {
  right: string;
  precedence: number;
  first: GpoRightAssignment;
  second: GpoRightAssignment;
}

/** Every pair (earlier, later in list order) of assignments sharing right and precedence. */
export function findPrecedenceClashes(assignments: readonly GpoRightAssignment[]): PrecedenceClash[] {
  const seen = new Map<string, GpoRightAssignment>();
  const clashes: PrecedenceClash[] = [];
  for (const assignment of assignments) {
    const key = `${assignment.precedence}\u0000${assignment.right}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, assignment);
    else clashes.push({ right: assignment.right, precedence: assignment.precedence, first, second: assignment });
  }
  return clashes;
}

/**
 * The assignment that Group Policy applies for each right: the precedence-1 entry. Rights whose
 * entries all lost (none at precedence 1) are absent, since no GPO in the result owns them. The
 * parsers reject two precedence-1 entries for one right; should a hand-built result carry two
 * anyway, the first in list order is kept.
 */
export function winningAssignments(result: GroupPolicyResult): Map<string, GpoRightAssignment> {
  const winners = new Map<string, GpoRightAssignment>();
  for (const assignment of result.assignments) {
    if (assignment.precedence === 1 && !winners.has(assignment.right)) winners.set(assignment.right, assignment);
  }
  return winners;
}
