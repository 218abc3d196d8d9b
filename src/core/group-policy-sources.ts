import { describeGpo, winningAssignments } from './group-policy';
import type { Diagnostic, GpoRightAssignment, GroupPolicyResult, PolicyHolder } from './model';
import { normalizeAccountName } from './sids';

/**
 * gpresult.xml and rsop.json describe the same Resultant Set of Policy, from two tools. When both
 * are in a snapshot and name a different winning GPO or a different list for one right, the
 * snapshot contradicts itself; the engine says so and applies one documented precedence:
 * rsop.json wins, because it is read from the RSoP WMI namespace (RSOP_UserPrivilegeRight) at
 * collection time with each holder as the GPO's template wrote it, while gpresult's report is a
 * rendering of the same data with names resolved for display.
 */
/**
 * Where the PowerShell collector reads a host's Group Policy (-GroupPolicySource of the module's
 * commands): Rsop, the RSoP WMI namespace (written as rsop.json); RsopThenGpresult, RSoP and
 * gpresult /x when RSoP fails; Gpresult, gpresult /x only (gpresult.xml); None, no Group Policy
 * facts, so the engine judges without GPO ownership and says so. The module's ValidateSets are
 * generated from this list.
 */
export const GROUP_POLICY_SOURCES = ['Rsop', 'RsopThenGpresult', 'Gpresult', 'None'] as const;

export const GROUP_POLICY_SOURCE_PRECEDENCE = 'rsop.json over gpresult.xml';

export function compareGroupPolicySources(results: readonly GroupPolicyResult[]): Diagnostic[] {
  const report = results.find((result) => result.kind === 'gpresult');
  const rsop = results.find((result) => result.kind === 'rsop');
  if (report === undefined || rsop === undefined) return [];
  const fromReport = winningAssignments(report);
  const fromRsop = winningAssignments(rsop);
  const rights = [...new Set([...fromReport.keys(), ...fromRsop.keys()])].sort();
  const diagnostics: Diagnostic[] = [];
  for (const right of rights) {
    const a = fromReport.get(right);
    const b = fromRsop.get(right);
    if (a !== undefined && b !== undefined && a.gpo.id === b.gpo.id && sameHolders(a.holders, b.holders)) continue;
    diagnostics.push({
      code: 'group-policy-sources-disagree',
      severity: 'warning',
      message: `${report.file} and ${rsop.file} disagree on ${right}: ${report.file} says ${describeWinner(a)}, ${rsop.file} says ${describeWinner(b)}; ${rsop.file} is used (precedence ${GROUP_POLICY_SOURCE_PRECEDENCE}). Collect both again at the same time to be sure.`,
      file: rsop.file,
      ...(b?.line !== undefined ? { line: b.line } : {}),
    });
  }
  return diagnostics;
}

function describeWinner(assignment: GpoRightAssignment | undefined): string {
  if (assignment === undefined) return 'no GPO defines it';
  const count = assignment.holders.length;
  return `${describeGpo(assignment.gpo)} defines it with ${count} holder${count === 1 ? '' : 's'} (${assignment.holders.map((holder) => holder.written).join(', ') || 'none'})`;
}

/** Holders compared as SIDs where both give one, else by name; order does not matter. */
function sameHolders(a: readonly PolicyHolder[], b: readonly PolicyHolder[]): boolean {
  const key = (holder: PolicyHolder) =>
    holder.kind === 'sid' ? holder.sid : `name:${normalizeAccountName(holder.name)}`;
  const setA = new Set(a.map(key));
  const setB = new Set(b.map(key));
  return setA.size === setB.size && [...setA].every((entry) => setB.has(entry));
}
