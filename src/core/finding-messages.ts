import { describeAccount, describeMatches, type Finding } from './finding';
import { describeGpo } from './group-policy';
import type { AnonymousIdentity } from './identity';
import { describeRight } from './rights';
import { briefSymptom, symptomFor, type IdentityRole } from './roles';
import type { RuleRow, RuleSetName } from './rules';
import { FINDING_STATUSES } from './status';

/** The sentences of findings: what holds or lacks the right, and what a client sees when it fails. */

/** `anonymous account X (SID)`, `worker process identity X (SID) of application pool "P"`, ... */
export function describeRoleHolder(role: IdentityRole, name: string, sid: string | null, pool: string | null): string {
  const account = describeAccount(name, sid);
  switch (role) {
    case 'anonymous-user':
      return `anonymous account ${account}`;
    case 'worker-process':
      return pool === null
        ? `worker process identity ${account}`
        : `worker process identity ${account} of application pool "${pool}"`;
    case 'connect-as':
      return `connect-as account ${account}`;
  }
}

/** The sentence appended to every finding that is not in the desired state. */
export function symptomSentence(finding: Pick<Finding, 'role' | 'symptom'>, afterRefresh: boolean): string {
  const brief = briefSymptom(finding.role, finding.symptom !== symptomFor(finding.role, false));
  return afterRefresh ? ` After that refresh ${brief}.` : ` Symptom: ${brief}.`;
}

export function disabledMessage(where: string): string {
  return `${where}: anonymous authentication is disabled, so no anonymous identity needs a logon right.`;
}

export function notRequiredMessage(
  where: string,
  role: IdentityRole,
  identity: AnonymousIdentity,
  rule: RuleRow | undefined,
  ruleSet: RuleSetName,
): string {
  const who =
    role === 'anonymous-user'
      ? describeAccount(identity.name, identity.sid)
      : describeRoleHolder(role, identity.name, identity.sid, null);
  if (!rule) return `${where}: ${who} logs on as ${identity.logonType}; no rule requires a logon right for it.`;
  if (rule.allowRight === null) return `${where}: ${who} needs no logon right from policy (${rule.citation}).`;
  return `${where}: ${who} is not checked under the ${ruleSet} rules: the evidence that it needs ${describeRight(rule.allowRight)} is ${rule.evidence} (${rule.citation}). Use --rules conservative to enforce it.`;
}

export function unresolvedMessage(where: string, finding: Finding, identity: AnonymousIdentity, right: string): string {
  return `${where}: ${describeRoleHolder(finding.role, identity.name, null, finding.applicationPool)} needs ${describeRight(right)}, but ${identity.unresolvedReason ?? 'its SID is unknown'}; resolve the account on the host and collect again.${symptomSentence(finding, false)}`;
}

/** Whether the only thing granting the right after the refresh is IIS's own grant at worker start. */
function healedByIis(finding: Finding): boolean {
  const after = finding.matches!.afterRefresh.grantedBy;
  return after.length > 0 && after.every((match) => match.holder === SELF_GRANT_HOLDER);
}

/** The `holder` of the match that stands for IIS granting the right to the identity itself. */
export const SELF_GRANT_HOLDER = '(granted by IIS at worker process start)';

/** `judgedNotes`: the notes judging found, without the configuration's (which the caller appends). */
export function statusMessage(
  finding: Finding,
  rule: RuleRow,
  identity: AnonymousIdentity,
  where: string,
  judgedNotes: readonly string[],
): string {
  const who = describeRoleHolder(finding.role, identity.name, identity.sid, finding.applicationPool);
  const right = describeRight(rule.allowRight!);
  const denyRight = rule.denyRight ? describeRight(rule.denyRight) : '';
  const matches = finding.matches!;
  const unresolvedNote =
    finding.unresolvedHolders.length > 0
      ? ` Policy entries that could not be resolved: ${finding.unresolvedHolders.map((entry) => `"${entry.name}" in ${entry.right}`).join(', ')}.`
      : '';
  const notes = judgedNotes.length > 0 ? ` Note: ${judgedNotes.join(' ')}` : '';
  const symptom = (afterRefresh: boolean) => symptomSentence(finding, afterRefresh);
  switch (finding.status) {
    case 'ok': {
      const keeps = finding.allowRightOwner
        ? healedByIis(finding)
          ? `; ${describeGpo(finding.allowRightOwner)} defines the right without it, but IIS adds the pool's own SID back whenever it starts a worker process`
          : `, and ${describeGpo(finding.allowRightOwner)} keeps granting it`
        : '';
      return `${where}: ${who} holds ${right} through ${describeMatches(matches.current.grantedBy)}${keeps}.${unresolvedNote}${notes}`;
    }
    case 'missing': {
      const pending = matches.afterRefresh.holdsRight
        ? ` The owning ${describeGpo(finding.allowRightOwner!)} grants it, so the next Group Policy refresh should add it.`
        : '';
      return `${where}: ${who} lacks ${right}; no SID in its token holds it.${pending}${unresolvedNote}${notes}${symptom(false)}`;
    }
    case 'denied':
      return `${where}: ${who} is denied ${right} by ${denyRight} held by ${describeMatches(matches.current.deniedBy)}.${unresolvedNote}${notes}${symptom(false)}`;
    case 'revoked-at-refresh': {
      const cause =
        matches.afterRefresh.deniedBy.length > 0 && finding.denyRightOwner
          ? `${describeGpo(finding.denyRightOwner)} defines ${denyRight} with ${describeMatches(matches.afterRefresh.deniedBy)}`
          : `${describeGpo(finding.allowRightOwner!)} defines ${right} without any SID in the account's token`;
      return `${where}: ${who} holds ${right} now through ${describeMatches(matches.current.grantedBy)}, but ${cause}, so the next Group Policy refresh removes it.${unresolvedNote}${notes}${symptom(true)}`;
    }
    case 'gpo-blocked': {
      const cause =
        matches.afterRefresh.deniedBy.length > 0 && finding.denyRightOwner
          ? `is denied ${right} by ${denyRight} held by ${describeMatches(matches.afterRefresh.deniedBy)}, which ${describeGpo(finding.denyRightOwner)} defines`
          : `lacks ${right}, which ${describeGpo(finding.allowRightOwner!)} defines without any SID in the account's token`;
      return `${where}: ${who} ${cause}; a local change would be undone at the next refresh, so the fix belongs in the GPO.${unresolvedNote}${notes}${symptom(false)}`;
    }
    default:
      return `${where}: ${who}: ${FINDING_STATUSES[finding.status].summary}`;
  }
}
