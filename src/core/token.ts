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
 * `whoami /all` output for the IUSR token, the IIS documentation for IIS_IUSRS.
 */
export function computeTokenSids(input: TokenInput): TokenSid[] {
  const token = new Map<string, TokenSid>();
  const add = (sid: string, origin: string, evidence: Evidence) => {
    const existing = token.get(sid);
    // Keep the strongest reason a SID is present: a collected membership beats an inference.
    if (!existing || evidenceRank(evidence) > evidenceRank(existing.evidence)) token.set(sid, { sid, origin, evidence });
  };

  add(input.sid, 'the identity itself', 'confirmed');
  for (const group of input.groups) add(group, 'group membership collected on the host (accounts.json)', 'confirmed');

  if (input.source === 'iis-builtin-iusr') {
    // Everyone is in every token, and the security-identifiers page says IIS's anonymous user is
    // a member of Authenticated Users; the rest was observed in `whoami /all` run as
    // NT AUTHORITY\IUSR on Server 2008 R2 and 2019.
    add('S-1-1-0', 'Everyone: in every logon token', 'confirmed');
    add('S-1-5-11', 'Authenticated Users: the IIS anonymous user is a member (security-identifiers.md)', 'confirmed');
    add('S-1-5-32-545', 'Users: contains Authenticated Users by default', 'inferred');
    for (const [sid, name] of [
      ['S-1-5-15', 'This Organization'],
      ['S-1-2-0', 'LOCAL'],
      ['S-1-2-1', 'CONSOLE LOGON'],
      ['S-1-5-32-568', 'IIS_IUSRS'],
    ] as const) {
      add(sid, `${name}: present in the IUSR token (observed in public whoami /all output)`, 'observed');
    }
    return [...token.values()];
  }

  add('S-1-1-0', 'Everyone: in every logon token', 'confirmed');
  const isGuestAccount = /^S-1-5-21-\d+-\d+-\d+-501$/.test(input.sid);
  if (!isGuestAccount) {
    add('S-1-5-11', 'Authenticated Users: every authenticated logon except the Guest account', 'confirmed');
    add('S-1-5-32-545', 'Users: contains Authenticated Users by default', 'inferred');
  }
  const logonSid = LOGON_TYPE_SIDS[input.logonType];
  if (logonSid) add(logonSid.sid, `${logonSid.name}: added by a ${describeLogonType(input.logonType)} logon`, 'confirmed');

  if (input.accountKind === 'local' && supportsLocalAccountSids(input.host)) {
    add('S-1-5-113', 'Local account: added to the logon of every local account (Windows 8.1 / Server 2012 R2 and later)', 'inferred');
    if (input.groups.includes('S-1-5-32-544')) {
      add('S-1-5-114', 'Local account and member of Administrators group: a local account in Administrators', 'inferred');
    }
  }
  if (input.accountKind === 'domain') add('S-1-5-15', 'This Organization: added for accounts of the same forest', 'inferred');

  if (input.source === 'app-pool-specific-user') {
    add('S-1-5-32-568', 'IIS_IUSRS: WAS adds it to worker process identities (a domain pool account fails when IIS_IUSRS loses the batch right)', 'observed');
  }
  if (input.source === 'app-pool-identity') {
    add('S-1-5-32-568', 'IIS_IUSRS: injected into the worker token at run time; whether it counts at logon is unconfirmed', 'unconfirmed');
  }
  return [...token.values()];
}

function evidenceRank(evidence: Evidence): number {
  return { unconfirmed: 0, inferred: 1, observed: 2, confirmed: 3 }[evidence];
}

/** S-1-5-113/114 exist from Windows 8.1 / Server 2012 R2 (NT 6.3); unknown versions are assumed recent. */
function supportsLocalAccountSids(host: HostInfo | null): boolean {
  const match = host?.osVersion?.match(/(\d+)\.(\d+)/);
  if (!match) return true;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 6 || (major === 6 && minor >= 3);
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
