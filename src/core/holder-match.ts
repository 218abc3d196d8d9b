import type { AccountIndex } from './accounts';
import type { Evidence, RuleSetName } from './rules';
import { tokenSidCounts } from './rules';
import type { PolicyHolder } from './model';
import { normalizeAccountName } from './sids';
import type { TokenSid } from './token';

/** One SID of the identity's token that matched a holder of a right. */
export interface SidMatch {
  sid: string;
  name: string;
  /** The policy entry that matched, as written (`*S-1-5-113`, `Guest`); `(IIS)` for IIS's own grant. */
  holder: string;
  origin: string;
  evidence: Evidence;
}

export interface UnresolvedHolder {
  right: string;
  name: string;
}

/** One entry of a right's holder list, resolved to a SID once per evaluation. */
export interface IndexedHolder {
  position: number;
  holder: PolicyHolder;
  /** The SID the entry stands for; undefined for a name the account index cannot resolve. */
  sid: string | undefined;
  /** The normalized account name, for entries written as a name; null for SID entries. */
  normalizedName: string | null;
}

/**
 * A holder list prepared for matching. Lists grow with the server (every started pool's SID is
 * in "Log on as a service"), so matching walks the token's few SIDs through these maps instead
 * of walking the whole list for every scope.
 */
export interface HolderIndex {
  bySid: Map<string, IndexedHolder[]>;
  /** Name entries by normalized name: an entry naming the identity itself stands for its SID. */
  byName: Map<string, IndexedHolder[]>;
  /** Name entries the account index cannot resolve, in list order. */
  unresolved: IndexedHolder[];
}

export type HolderIndexer = (holders: readonly PolicyHolder[]) => HolderIndex;

/** Indexes each distinct holder list once per evaluation (the views hand out the same arrays). */
export function holderIndexer(accounts: AccountIndex): HolderIndexer {
  const cache = new Map<readonly PolicyHolder[], HolderIndex>();
  return (holders) => {
    let index = cache.get(holders);
    if (index === undefined) {
      index = buildHolderIndex(holders, accounts);
      cache.set(holders, index);
    }
    return index;
  };
}

function buildHolderIndex(holders: readonly PolicyHolder[], accounts: AccountIndex): HolderIndex {
  const index: HolderIndex = { bySid: new Map(), byName: new Map(), unresolved: [] };
  holders.forEach((holder, position) => {
    const normalizedName = holder.kind === 'name' ? normalizeAccountName(holder.name) : null;
    const sid = holder.kind === 'sid' ? holder.sid : accounts.byName(holder.name)?.sid;
    const entry: IndexedHolder = { position, holder, sid, normalizedName };
    if (normalizedName !== null) appendTo(index.byName, normalizedName, entry);
    if (sid !== undefined) appendTo(index.bySid, sid, entry);
    else index.unresolved.push(entry);
  });
  return index;
}

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Who is being matched: the identity's name and SID, for entries that name it directly. */
export interface MatchedIdentity {
  name: string;
  sid: string | null;
  /** normalizeAccountName(name), worked out once for the four lists an identity is matched against. */
  normalizedName: string;
}

/** A match with the position of the list entry that made it (matches come in list order). */
export interface PlacedMatch {
  position: number;
  match: SidMatch;
}

/**
 * The token SIDs that hold the right, each through the first list entry that names it, in list
 * order. An entry written as the identity's own name stands for the identity's SID (whatever
 * else the name resolves to); an unresolvable name that is not the identity is reported.
 */
export function matchHolders(
  index: HolderIndex,
  right: string,
  purpose: 'allow' | 'deny',
  identity: MatchedIdentity,
  token: readonly TokenSid[],
  accounts: AccountIndex,
  ruleSet: RuleSetName,
  unresolved: UnresolvedHolder[],
): SidMatch[] {
  return placeMatches(index, right, purpose, identity, token, accounts, ruleSet, unresolved).map(
    (placed) => placed.match,
  );
}

/**
 * matchHolders with each match's list position. With no identity (null) the token is matched
 * as nobody's: no entry stands for it by name, and no SID is shown by an identity's name (the
 * part of a token that identities alike share, verdict-template.ts).
 */
export function placeMatches(
  index: HolderIndex,
  right: string,
  purpose: 'allow' | 'deny',
  identity: MatchedIdentity | null,
  token: readonly TokenSid[],
  accounts: AccountIndex,
  ruleSet: RuleSetName,
  unresolved: UnresolvedHolder[],
): PlacedMatch[] {
  const identityName = identity === null ? null : identity.normalizedName;
  const notIdentity = (entry: IndexedHolder) => identityName === null || entry.normalizedName !== identityName;
  for (const entry of index.unresolved) {
    if (entry.holder.kind === 'name' && notIdentity(entry)) unresolved.push({ right, name: entry.holder.name });
  }
  const found: { entry: IndexedHolder; sid: string; tokenEntry: TokenSid }[] = [];
  // computeTokenSids gives each SID once, so the token is walked as it is (no map per call).
  for (const tokenEntry of token) {
    if (!tokenSidCounts(tokenEntry.evidence, purpose, ruleSet)) continue;
    const sid = tokenEntry.sid;
    let first = index.bySid.get(sid)?.find(notIdentity);
    if (identity !== null && sid === identity.sid) {
      const naming = index.byName.get(identity.normalizedName)?.[0];
      if (naming !== undefined && (first === undefined || naming.position < first.position)) first = naming;
    }
    if (first !== undefined) found.push({ entry: first, sid, tokenEntry });
  }
  found.sort((a, b) => a.entry.position - b.entry.position);
  return found.map(({ entry, sid, tokenEntry }) => ({
    position: entry.position,
    match: {
      sid,
      // A pool's virtual account is rarely in accounts.json: its own SID is shown by the identity's name.
      name:
        entry.holder.kind === 'sid' && entry.holder.name
          ? entry.holder.name
          : identity !== null && sid === identity.sid
            ? identity.name
            : accounts.displayName(sid),
      holder: entry.holder.written,
      origin: tokenEntry.origin,
      evidence: tokenEntry.evidence,
    },
  }));
}

export function dedupeUnresolved(entries: readonly UnresolvedHolder[]): UnresolvedHolder[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.right}\u0000${normalizeAccountName(entry.name)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
