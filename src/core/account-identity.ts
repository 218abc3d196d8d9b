import type { AccountIndex } from './accounts';
import { guessAccountKind } from './accounts';
import type { AnonymousIdentity } from './identity';
import type { ConnectAsCredentials, HostInfo, IisConfiguration, LogonMethod } from './model';
import type { IdentitySource, LogonType } from './rules';

// Identities named by an account (a custom anonymous user, a pool's SpecificUser, a connect-as
// account), as accounts.json resolves them (identity.ts resolves the rest).

/** The logon type each IIS logonMethod asks Windows for. */
export const LOGON_METHOD_TO_LOGON_TYPE: Record<LogonMethod, LogonType> = {
  Interactive: 'Interactive',
  Batch: 'Batch',
  Network: 'Network',
  ClearText: 'NetworkCleartext',
};

/** The account a virtual directory's connect-as credentials name. */
export function resolveConnectAs(
  connectAs: ConnectAsCredentials,
  iis: IisConfiguration,
  accounts: AccountIndex,
  host: HostInfo | null,
): AnonymousIdentity {
  if (iis.format === 'MetaBase.xml')
    return accountIdentity(connectAs.userName.trim(), 'iis6-connect-as-account', 'NetworkCleartext', accounts, host);
  return accountIdentity(
    connectAs.userName.trim(),
    'connect-as-account',
    LOGON_METHOD_TO_LOGON_TYPE[connectAs.logonMethod],
    accounts,
    host,
  );
}

export function accountIdentity(
  name: string,
  source: IdentitySource,
  logonType: LogonType,
  accounts: AccountIndex,
  host: HostInfo | null,
): AnonymousIdentity {
  if (name === '') {
    return {
      name: '(none)',
      sid: null,
      source,
      accountKind: 'unknown',
      groups: [],
      logonType,
      unresolvedReason: 'no anonymous account name is configured',
    };
  }
  const account = accounts.byName(name);
  if (!account) {
    const reason = accounts.isKnownUnresolved(name)
      ? `the host could not resolve "${name}" to a SID (listed as unresolved in accounts.json)`
      : `"${name}" is not in accounts.json, so its SID and groups are unknown`;
    return {
      name,
      sid: null,
      source,
      accountKind: guessAccountKind(name, host) ?? 'unknown',
      groups: [],
      logonType,
      unresolvedReason: reason,
    };
  }
  const identity: AnonymousIdentity = {
    name: account.name,
    sid: account.sid,
    source,
    accountKind: account.kind,
    groups: [...account.groups],
    logonType,
  };
  if (account.groupsCollected) identity.groupsCollected = true;
  if (account.groupsIncomplete !== undefined) identity.groupsIncomplete = account.groupsIncomplete;
  return identity;
}
