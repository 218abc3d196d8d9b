import type { Account, AccountDirectory, AccountKind, HostInfo } from './model';
import type { GroupDirectory } from './token';
import { accountShortName, normalizeAccountName, wellKnownSidForNormalizedName, wellKnownSidName } from './sids';

/**
 * Looks accounts up by name or SID. Names compare case-insensitively; a bare name (`Guest`,
 * as secedit writes local accounts) matches `MACHINE\\Guest` for this host, and otherwise any
 * account whose short name is unique.
 */
export interface AccountIndex {
  bySid(sid: string): Account | undefined;
  byName(name: string): Account | undefined;
  /** byName(`IIS APPPOOL\\<pool>`): the pool's virtual account, when accounts.json lists it. */
  poolAccount(poolName: string): Account | undefined;
  /** Display name for a SID: the collected name, else the well-known name, else the SID. */
  displayName(sid: string): string;
  isKnownUnresolved(name: string): boolean;
  /** Group nesting and local alias members as collected; empty when accounts.json has none. */
  groups: GroupDirectory;
}

export function buildAccountIndex(directory: AccountDirectory | null, host: HostInfo | null): AccountIndex {
  const accounts = directory?.accounts ?? [];
  const sidMap = new Map<string, Account>();
  const nameMap = new Map<string, Account>();
  const shortNameMap = new Map<string, Account | null>();
  for (const account of accounts) {
    if (!sidMap.has(account.sid)) sidMap.set(account.sid, account);
    nameMap.set(normalizeAccountName(account.name), account);
    const short = normalizeAccountName(accountShortName(account.name));
    const previous = shortNameMap.get(short);
    // null marks an ambiguous short name: two accounts share it, so a bare name cannot pick one.
    shortNameMap.set(short, previous === undefined || previous?.sid === account.sid ? account : null);
  }
  const unresolvedNames = new Set((directory?.unresolved ?? []).map((entry) => normalizeAccountName(entry.name)));
  const computerName = host?.computerName ? normalizeAccountName(host.computerName) : undefined;

  const byName = (name: string): Account | undefined => {
    const normalized = normalizeAccountName(name);
    const exact = nameMap.get(normalized);
    if (exact) return exact;
    if (!normalized.includes('\\')) {
      if (computerName) {
        const local = nameMap.get(`${computerName}\\${normalized}`);
        if (local) return local;
      }
      const short = shortNameMap.get(normalized);
      if (short) return short;
    }
    const wellKnown = wellKnownSidForNormalizedName(normalized);
    if (wellKnown) return { name: wellKnownSidName(wellKnown) ?? name, sid: wellKnown, kind: 'builtin', groups: [] };
    return undefined;
  };

  // Most accounts.json files list no pool's virtual account: then no pool's lookup can find one
  // (no well-known name begins so either), and 10,000 pools need not fold and hash their names.
  let collectsPoolAccounts = false;
  for (const name of nameMap.keys()) if (name.startsWith(POOL_ACCOUNT_PREFIX)) collectsPoolAccounts = true;

  const aliases = new Map<string, readonly string[]>();
  for (const account of accounts)
    if (account.members !== undefined && !aliases.has(account.sid)) aliases.set(account.sid, account.members);
  const groups: GroupDirectory = { groupsOf: (sid) => sidMap.get(sid)?.groups, aliases };

  return {
    groups,
    bySid: (sid) => sidMap.get(sid),
    byName,
    poolAccount: (poolName) => (collectsPoolAccounts ? byName(`IIS APPPOOL\\${poolName}`) : undefined),
    displayName: (sid) => sidMap.get(sid)?.name ?? wellKnownSidName(sid) ?? sid,
    isKnownUnresolved: (name) => unresolvedNames.has(normalizeAccountName(name)),
  };
}

/** How every ApplicationPoolIdentity account's name begins, normalized (normalizeAccountName). */
export const POOL_ACCOUNT_PREFIX = 'iis apppool\\';

/** Decides local vs domain from the name when accounts.json does not say. */
export function guessAccountKind(name: string, host: HostInfo | null): AccountKind | undefined {
  const slash = name.indexOf('\\');
  if (slash === -1) return undefined;
  const domain = normalizeAccountName(name.slice(0, slash));
  if (host?.computerName && domain === normalizeAccountName(host.computerName)) return 'local';
  if (domain === '.') return 'local';
  if (host?.domain && domain === normalizeAccountName(host.domain)) return 'domain';
  return undefined;
}
