import type { AccountKind, HostInfo } from './model';
import type { Evidence, IdentitySource, LogonType } from './rules';

/** One SID in the identity's logon token, with why it is there and how sure we are. */
export interface TokenSid {
  sid: string;
  origin: string;
  evidence: Evidence;
}

export interface TokenInput {
  sid: string;
  accountKind: AccountKind | 'unknown';
  /** Group SIDs collected on the host for this account (accounts.json). */
  groups: readonly string[];
  source: IdentitySource;
  logonType: LogonType;
  host: HostInfo | null;
  /**
   * accounts.json listed this account's groups: no alias is then added by inference (hardened
   * hosts take Authenticated Users and INTERACTIVE out of BUILTIN\\Users).
   */
  groupsCollected?: boolean;
  /** What accounts.json says about groups, for nesting and local alias membership. */
  directory?: GroupDirectory;
}

/** Group facts collected on the host (accounts.json). */
export interface GroupDirectory {
  /** The groups a group's own token entry lists (a domain group nested in others). */
  groupsOf(sid: string): readonly string[] | undefined;
  /** Local aliases whose direct members were collected, with those members. */
  aliases: ReadonlyMap<string, readonly string[]>;
}

/** The origin of the identity's own SID, the first entry of every token. */
export const OWN_SID_ORIGIN = 'the identity itself';

/** The built-in Guest account (RID 501): not in Authenticated Users, so not in Users by default. */
export function isGuestAccountSid(sid: string): boolean {
  return /^S-1-5-21-\d+-\d+-\d+-501$/.test(sid);
}

const LOGON_TYPE_SIDS: Partial<Record<LogonType, { sid: string; name: string }>> = {
  Network: { sid: 'S-1-5-2', name: 'NETWORK' },
  NetworkCleartext: { sid: 'S-1-5-2', name: 'NETWORK' },
  Batch: { sid: 'S-1-5-3', name: 'BATCH' },
  Interactive: { sid: 'S-1-5-4', name: 'INTERACTIVE' },
  Service: { sid: 'S-1-5-6', name: 'SERVICE' },
};

/**
 * The SIDs a logon token of this identity carries: its own SID, the groups collected for it,
 * and the SIDs Windows computes at logon. docs/windows-behaviour.md ("The SIDs in a logon token")
 * gives the evidence for each: Microsoft's well-known SIDs reference for the computed SIDs, public
 * `whoami /all` output for the IUSR token, the IIS documentation for IIS_IUSRS. Without its own
 * SID (`withOwnSid` false) it is the part identities alike share (verdict-template.ts).
 */
export function computeTokenSids(input: TokenInput, withOwnSid = true): TokenSid[] {
  const token = new Map<string, TokenSid>();
  const add = (sid: string, origin: string, evidence: Evidence) => {
    const existing = token.get(sid);
    // Keep the strongest reason a SID is present: a collected membership beats an inference.
    if (!existing || evidenceRank(evidence) > evidenceRank(existing.evidence))
      token.set(sid, { sid, origin, evidence });
  };

  if (withOwnSid) add(input.sid, OWN_SID_ORIGIN, 'confirmed');
  for (const group of input.groups) add(group, 'group membership collected on the host (accounts.json)', 'confirmed');
  addNestedGroups(token, add, input.directory);

  if (input.source === 'iis-builtin-iusr') {
    // Everyone is in every token, and the security-identifiers page says IIS's anonymous user is
    // a member of Authenticated Users; the rest was observed in `whoami /all` run as
    // NT AUTHORITY\IUSR on Server 2008 R2 and 2019.
    add('S-1-1-0', 'Everyone: in every logon token', 'confirmed');
    add('S-1-5-11', 'Authenticated Users: the IIS anonymous user is a member (security-identifiers.md)', 'confirmed');
    if (!input.directory?.aliases.has('S-1-5-32-545'))
      add('S-1-5-32-545', 'Users: contains Authenticated Users by default', 'inferred');
    for (const [sid, name] of [
      ['S-1-5-15', 'This Organization'],
      ['S-1-2-0', 'LOCAL'],
      ['S-1-2-1', 'CONSOLE LOGON'],
      ['S-1-5-32-568', 'IIS_IUSRS'],
    ] as const) {
      add(sid, `${name}: present in the IUSR token (observed in public whoami /all output)`, 'observed');
    }
    // Users was handled above; other collected aliases count as for any account.
    addLocalAliases(token, add, { ...input, groupsCollected: true });
    return [...token.values()];
  }

  add('S-1-1-0', 'Everyone: in every logon token', 'confirmed');
  if (!isGuestAccountSid(input.sid))
    add('S-1-5-11', 'Authenticated Users: every authenticated logon except the Guest account', 'confirmed');
  const logonSid = LOGON_TYPE_SIDS[input.logonType];
  if (logonSid)
    add(logonSid.sid, `${logonSid.name}: added by a ${describeLogonType(input.logonType)} logon`, 'confirmed');

  if (input.accountKind === 'local') {
    const support = localAccountSidSupport(input.host);
    if (support !== undefined) {
      add('S-1-5-113', `Local account: added to the logon of every local account (${support.why})`, support.evidence);
      if (input.groups.includes('S-1-5-32-544'))
        add(
          'S-1-5-114',
          `Local account and member of Administrators group: a local account in Administrators (${support.why})`,
          support.evidence,
        );
    }
  }
  if (input.accountKind === 'domain')
    add('S-1-5-15', 'This Organization: added for accounts of the same forest', 'inferred');
  addLocalAliases(token, add, input);

  if (input.source === 'app-pool-specific-user') {
    add(
      'S-1-5-32-568',
      'IIS_IUSRS: WAS adds it to worker process identities (a domain pool account fails when IIS_IUSRS loses the batch right)',
      'observed',
    );
  }
  if (input.source === 'app-pool-identity') {
    add(
      'S-1-5-32-568',
      'IIS_IUSRS: injected into the worker token at run time; whether it counts at logon is unconfirmed',
      'unconfirmed',
    );
  }
  return [...token.values()];
}

type AddSid = (sid: string, origin: string, evidence: Evidence) => void;

/** Groups of groups, as accounts.json lists them, followed to the end (a group seen once is not walked again). */
function addNestedGroups(token: Map<string, TokenSid>, add: AddSid, directory: GroupDirectory | undefined): void {
  if (directory === undefined) return;
  const pending = [...token.keys()];
  const seen = new Set(pending);
  while (pending.length > 0) {
    const group = pending.pop()!;
    for (const parent of directory.groupsOf(group) ?? []) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      add(
        parent,
        `group membership collected on the host (accounts.json): nested, ${group} is a member of it`,
        'confirmed',
      );
      pending.push(parent);
    }
  }
}

/**
 * Local aliases (BUILTIN\\Users and the like) are in a token only because one of the token's SIDs
 * is a member. Where the members were collected, membership is computed from them, to a fixed
 * point (a member may itself be an alias's member). Where nothing was collected for the account,
 * BUILTIN\\Users is inferred from its default membership (Authenticated Users, INTERACTIVE) and
 * marked inferred; where the account's groups were collected, nothing is inferred.
 */
function addLocalAliases(token: Map<string, TokenSid>, add: AddSid, input: TokenInput): void {
  const aliases = input.directory?.aliases ?? new Map<string, readonly string[]>();
  for (let changed = true; changed;) {
    changed = false;
    for (const [alias, members] of aliases) {
      if (token.has(alias)) continue;
      const member = members.find((sid) => token.has(sid));
      if (member === undefined) continue;
      add(
        alias,
        `group membership collected on the host (accounts.json): ${member} is a member of local group ${alias}`,
        'confirmed',
      );
      changed = true;
    }
  }
  if (!input.groupsCollected && !aliases.has('S-1-5-32-545') && !isGuestAccountSid(input.sid)) {
    add(
      'S-1-5-32-545',
      "Users: inferred from its default members (Authenticated Users); accounts.json listed neither this account's groups nor the members of Users",
      'inferred',
    );
  }
}

/**
 * Whether a local account's token carries S-1-5-113/114. Windows 8.1 / Server 2012 R2 (NT 6.3)
 * and later always add them; NT 6.1 and 6.2 only with KB 2871997 (Microsoft Security Guidance
 * blog, "Blocking Remote Use of Local Accounts"), which host.json records as localAccountSids;
 * older versions never. Unknown on 6.1/6.2: unconfirmed, so the conservative rules let it deny
 * and the documented rules leave it out and say the verdict depends on it.
 */
function localAccountSidSupport(host: HostInfo | null): { evidence: Evidence; why: string } | undefined {
  const match = host?.osVersion?.match(/(\d+)\.(\d+)/);
  const collected = host?.localAccountSids;
  if (!match) {
    if (collected === false) return undefined;
    return collected === true
      ? { evidence: 'confirmed', why: 'the host translates S-1-5-113 to a name' }
      : { evidence: 'inferred', why: 'the OS version is unknown; assumed Windows 8.1 / Server 2012 R2 or later' };
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major > 6 || (major === 6 && minor >= 3))
    return { evidence: 'inferred', why: 'Windows 8.1 / Server 2012 R2 and later' };
  if (major === 6 && minor >= 1) {
    if (collected === true)
      return { evidence: 'confirmed', why: 'NT 6.1/6.2 with KB 2871997: the host translates S-1-5-113 to a name' };
    if (collected === false) return undefined;
    return {
      evidence: 'unconfirmed',
      why: 'NT 6.1/6.2: only with KB 2871997, and host.json does not say whether it is installed',
    };
  }
  return undefined;
}

function evidenceRank(evidence: Evidence): number {
  return { unconfirmed: 0, inferred: 1, observed: 2, confirmed: 3 }[evidence];
}

export function describeLogonType(logonType: LogonType): string {
  switch (logonType) {
    case 'Interactive':
      return 'interactive (LOGON32_LOGON_INTERACTIVE)';
    case 'Batch':
      return 'batch (LOGON32_LOGON_BATCH)';
    case 'Network':
      return 'network (LOGON32_LOGON_NETWORK)';
    case 'NetworkCleartext':
      return 'network cleartext (LOGON32_LOGON_NETWORK_CLEARTEXT)';
    case 'Service':
      return 'service (LOGON32_LOGON_SERVICE)';
    case 'WasSuppliedToken':
      return 'WAS-supplied token (no LogonUser call)';
    case 'BuiltInServiceAccount':
      return 'built-in service account';
  }
}
