import type { AccountIndex } from './accounts';
import { describeScope } from './finding';
import type { JudgedFinding } from './judged-finding';
import { symptomSentence, describeRoleHolder } from './finding-messages';
import type { AnonymousIdentity } from './identity';
import type { PolicyHolder } from './model';
import type { PolicyView } from './policy';
import { describeRight } from './rights';
import { capitalize } from './sentence';

/**
 * A domain account whose domain groups the collector could not read (accounts.json
 * `groupsIncomplete`) may carry groups the snapshot does not list. Deny wins over allow, so such
 * a group can turn a grant into a denial: a verdict that the identity holds its right is
 * confirmed only when no deny holder could be such a group or have one among its members. A
 * verdict that it lacks the right or is denied stands (a deny found is final; a missing grant
 * is fixed additively), with a note that an unlisted group might grant it.
 */
export function judgeIncompleteGroups(
  finding: JudgedFinding,
  identity: AnonymousIdentity,
  views: readonly PolicyView[],
  accounts: AccountIndex,
): void {
  const reason = identity.groupsIncomplete;
  if (reason === undefined || finding.denyRight === null || finding.right === null) return;
  const lead = `the domain groups of ${identity.name} could not be read (${reason})`;
  if (finding.status !== 'ok') {
    finding.addNotes([
      `${capitalize(lead)}; a group that was not listed might grant ${describeRight(finding.right)}, but no unlisted group can undo what was found.`,
    ]);
    return;
  }
  const token = new Set((finding.token ?? []).map((entry) => entry.sid));
  const suspects = new Set<string>();
  for (const view of views) {
    for (const holder of view.holders(finding.denyRight))
      if (couldHoldUnlistedGroup(holder, identity.sid, token, accounts)) suspects.add(holder.written);
  }
  if (suspects.size === 0) {
    finding.addNotes([
      `${capitalize(lead)}; no entry of ${describeRight(finding.denyRight)} could be or contain such a group, so the verdict stands.`,
    ]);
    return;
  }
  finding.status = 'unresolved';
  const who = describeRoleHolder(finding.role, identity.name, identity.sid, finding.applicationPool);
  finding.word(
    `${describeScope(finding)}: ${who} holds ${describeRight(finding.right)} by what was collected, but ${lead}, and ${describeRight(finding.denyRight)} lists ${[...suspects].join(', ')}, which a group missing from the snapshot could be or be a member of: the verdict cannot be confirmed. Collect the snapshot again where a domain controller is reachable.${symptomSentence(finding, false)}`,
  );
}

/**
 * Whether a deny entry could match a domain group the snapshot does not list: a domain or local
 * principal (S-1-5-21-...) that is neither the identity nor already in its token, an alias whose
 * members were not collected or include such a principal, or a name nobody resolved. Computed
 * well-known SIDs (Everyone, NETWORK, Local account, ...) have no members and cannot.
 */
function couldHoldUnlistedGroup(
  holder: PolicyHolder,
  identitySid: string | null,
  token: ReadonlySet<string>,
  accounts: AccountIndex,
): boolean {
  const sid = holder.kind === 'sid' ? holder.sid : accounts.byName(holder.name)?.sid;
  if (sid === undefined) return true;
  if (sid === identitySid || token.has(sid)) return false;
  if (sid.startsWith('S-1-5-21-')) return true;
  if (sid.startsWith('S-1-5-32-')) {
    const members = accounts.groups.aliases.get(sid);
    return members === undefined || members.some((member) => member.startsWith('S-1-5-21-') && member !== identitySid);
  }
  return false;
}
