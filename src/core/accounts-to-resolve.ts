import type { PolicyHolder, Snapshot } from './model';
import { canonicalRightName, isLogonRight } from './rights';
import { normalizeAccountName, normalizeSid } from './sids';

/**
 * What the collector must look up on the host so that accounts.json answers every name the
 * engine will ask it for: the account names the IIS configuration and the policies mention.
 */
export interface AccountsToResolve {
  names: string[];
}

/**
 * The names the engine looks up in accounts.json when it judges this snapshot, each once
 * (compared as Windows compares account names), in the order they are found: anonymous
 * accounts, the accounts of application pools (IIS APPPOOL\<pool> for ApplicationPoolIdentity),
 * connect-as accounts, then holders of logon rights written by name in the local policy and in
 * the Group Policy results. Every site counts, whatever scope is judged later. A holder written
 * as a SID needs no lookup to be matched, so it is not listed.
 */
export function accountsToResolve(snapshot: Snapshot): AccountsToResolve {
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (name: string) => {
    const trimmed = name.trim();
    if (trimmed === '' || normalizeSid(trimmed.replace(/^\*/, '')) !== undefined) return;
    const key = normalizeAccountName(trimmed);
    if (seen.has(key)) return;
    seen.add(key);
    names.push(trimmed);
  };

  const { iis } = snapshot;
  // The built-in IUSR too: its SID is known, but the groups the host gives it are not.
  for (const scope of iis.scopes) add(scope.anonymous.userName);
  for (const pool of iis.applicationPools.values()) {
    if (pool.identityType === 'ApplicationPoolIdentity') add(`IIS APPPOOL\\${pool.name}`);
    if (pool.identityType === 'SpecificUser') add(pool.userName);
  }
  for (const scope of iis.scopes) if (scope.connectAs !== undefined) add(scope.connectAs.userName);

  const addHolders = (right: string, holders: readonly PolicyHolder[]) => {
    const canonical = canonicalRightName(right);
    if (canonical === undefined || !isLogonRight(canonical)) return;
    for (const holder of holders) if (holder.kind === 'name') add(holder.name);
  };
  for (const assignment of snapshot.localPolicy.privilegeRights?.values() ?? [])
    addHolders(assignment.right, assignment.holders);
  for (const result of snapshot.groupPolicy)
    for (const assignment of result.assignments) addHolders(assignment.right, assignment.holders);

  return { names };
}
