import type { AccountIndex } from './accounts';
import { guessAccountKind } from './accounts';
import type { AccountKind, AnonymousScope, HostInfo, IisConfiguration, LogonMethod } from './model';
import type { IdentitySource, LogonType } from './rules';
import { applicationPoolSid, normalizeAccountName } from './sids';

/** The account IIS uses for anonymous requests at one scope, with how it logs on. */
export interface AnonymousIdentity {
  name: string;
  sid: string | null;
  source: IdentitySource;
  accountKind: AccountKind | 'unknown';
  groups: string[];
  logonType: LogonType;
  /** Why the SID is unknown, when it is. */
  unresolvedReason?: string;
}

export type IdentityResolution =
  | { kind: 'anonymous-disabled' }
  | { kind: 'identity'; identity: AnonymousIdentity }
  | { kind: 'unknown-pool'; poolName: string | null };

const LOGON_METHOD_TO_LOGON_TYPE: Record<LogonMethod, LogonType> = {
  Interactive: 'Interactive',
  Batch: 'Batch',
  Network: 'Network',
  ClearText: 'NetworkCleartext',
};

const BUILTIN_POOL_ACCOUNTS = {
  LocalSystem: { name: 'NT AUTHORITY\\SYSTEM', sid: 'S-1-5-18' },
  LocalService: { name: 'NT AUTHORITY\\LOCAL SERVICE', sid: 'S-1-5-19' },
  NetworkService: { name: 'NT AUTHORITY\\NETWORK SERVICE', sid: 'S-1-5-20' },
} as const;

const BUILTIN_IUSR_NAMES = new Set(['iusr', 'nt authority\\iusr']);

export function resolveAnonymousIdentity(scope: AnonymousScope, iis: IisConfiguration, accounts: AccountIndex, host: HostInfo | null): IdentityResolution {
  if (!scope.anonymous.enabled) return { kind: 'anonymous-disabled' };
  const userName = scope.anonymous.userName.trim();
  const logonType = LOGON_METHOD_TO_LOGON_TYPE[scope.anonymous.logonMethod];

  if (iis.format === 'MetaBase.xml') {
    return { kind: 'identity', identity: accountIdentity(userName, 'iis6-anonymous-account', logonType, accounts, host) };
  }
  if (userName === '') return resolvePoolIdentity(scope, iis, accounts, host);
  if (BUILTIN_IUSR_NAMES.has(normalizeAccountName(userName))) {
    return {
      kind: 'identity',
      identity: { name: 'NT AUTHORITY\\IUSR', sid: 'S-1-5-17', source: 'iis-builtin-iusr', accountKind: 'builtin', groups: [], logonType: 'WasSuppliedToken' },
    };
  }
  return { kind: 'identity', identity: accountIdentity(userName, 'custom-anonymous-account', logonType, accounts, host) };
}

function resolvePoolIdentity(scope: AnonymousScope, iis: IisConfiguration, accounts: AccountIndex, host: HostInfo | null): IdentityResolution {
  const pool = scope.applicationPool === null ? undefined : iis.applicationPools.get(scope.applicationPool.toLowerCase());
  if (!pool) return { kind: 'unknown-pool', poolName: scope.applicationPool };
  switch (pool.identityType) {
    case 'ApplicationPoolIdentity': {
      const name = `IIS APPPOOL\\${pool.name}`;
      const collected = accounts.byName(name);
      // The host's own lookup wins over the computed SID: the case folding of non-ASCII pool names is unconfirmed.
      return {
        kind: 'identity',
        identity: {
          name,
          sid: collected?.sid ?? applicationPoolSid(pool.name),
          source: 'app-pool-identity',
          accountKind: 'virtual',
          groups: collected?.groups ?? [],
          logonType: 'Service',
        },
      };
    }
    case 'SpecificUser': {
      const logonType: LogonType = pool.logonType === 'LogonService' ? 'Service' : 'Batch';
      if (pool.userName.trim() === '') {
        return {
          kind: 'identity',
          identity: { name: `(SpecificUser of pool ${pool.name} with no userName)`, sid: null, source: 'app-pool-specific-user', accountKind: 'unknown', groups: [], logonType, unresolvedReason: `application pool "${pool.name}" is SpecificUser but names no account` },
        };
      }
      return { kind: 'identity', identity: accountIdentity(pool.userName.trim(), 'app-pool-specific-user', logonType, accounts, host) };
    }
    default: {
      const builtin = BUILTIN_POOL_ACCOUNTS[pool.identityType];
      return {
        kind: 'identity',
        identity: { name: builtin.name, sid: builtin.sid, source: 'app-pool-builtin-account', accountKind: 'builtin', groups: [], logonType: 'BuiltInServiceAccount' },
      };
    }
  }
}

function accountIdentity(name: string, source: IdentitySource, logonType: LogonType, accounts: AccountIndex, host: HostInfo | null): AnonymousIdentity {
  if (name === '') {
    return { name: '(none)', sid: null, source, accountKind: 'unknown', groups: [], logonType, unresolvedReason: 'no anonymous account name is configured' };
  }
  const account = accounts.byName(name);
  if (!account) {
    const reason = accounts.isKnownUnresolved(name)
      ? `the host could not resolve "${name}" to a SID (listed as unresolved in accounts.json)`
      : `"${name}" is not in accounts.json, so its SID and groups are unknown`;
    return { name, sid: null, source, accountKind: guessAccountKind(name, host) ?? 'unknown', groups: [], logonType, unresolvedReason: reason };
  }
  return { name: account.name, sid: account.sid, source, accountKind: account.kind, groups: [...account.groups], logonType };
}
