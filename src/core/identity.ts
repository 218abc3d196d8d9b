import type { AccountIndex } from './accounts';
import type {
  AccountKind,
  AnonymousScope,
  ApplicationPool,
  AppPoolIdentityType,
  HostInfo,
  IisConfiguration,
} from './model';
import { accountIdentity, LOGON_METHOD_TO_LOGON_TYPE } from './account-identity';
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
  /** A default the engine had to assume to name this identity (said in the finding). */
  assumption?: string;
  /** accounts.json listed the account's groups (so no alias is inferred for it). */
  groupsCollected?: boolean;
  /** accounts.json says the account's domain groups could not be read, and why. */
  groupsIncomplete?: string;
}

export type IdentityResolution =
  | { kind: 'anonymous-disabled' }
  | { kind: 'identity'; identity: AnonymousIdentity }
  | { kind: 'unknown-pool'; poolName: string | null };

/**
 * The groups of the built-in pool accounts and of every pool account accounts.json does not
 * list: none, in one array nothing changes.
 */
const NO_GROUPS = Object.freeze([]) as unknown as string[];

/** The identity of each built-in pool account: read-only, so the pools that run as one share it. */
const BUILTIN_POOL_ACCOUNTS = {
  LocalSystem: builtinPoolAccount('NT AUTHORITY\\SYSTEM', 'S-1-5-18'),
  LocalService: builtinPoolAccount('NT AUTHORITY\\LOCAL SERVICE', 'S-1-5-19'),
  NetworkService: builtinPoolAccount('NT AUTHORITY\\NETWORK SERVICE', 'S-1-5-20'),
};

function builtinPoolAccount(name: string, sid: string): AnonymousIdentity {
  return Object.freeze({
    name,
    sid,
    source: 'app-pool-builtin-account',
    accountKind: 'builtin',
    groups: NO_GROUPS,
    logonType: 'BuiltInServiceAccount',
  });
}

const BUILTIN_IUSR_NAMES = new Set(['iusr', 'nt authority\\iusr']);

export function resolveAnonymousIdentity(
  scope: AnonymousScope,
  iis: IisConfiguration,
  accounts: AccountIndex,
  host: HostInfo | null,
): IdentityResolution {
  if (!scope.anonymous.enabled) return { kind: 'anonymous-disabled' };
  const userName = scope.anonymous.userName.trim();
  const logonType = LOGON_METHOD_TO_LOGON_TYPE[scope.anonymous.logonMethod];

  if (iis.format === 'MetaBase.xml') {
    return {
      kind: 'identity',
      identity: accountIdentity(userName, 'iis6-anonymous-account', logonType, accounts, host),
    };
  }
  if (userName === '') return resolvePoolIdentity(scope.applicationPool, iis, accounts, host);
  if (BUILTIN_IUSR_NAMES.has(normalizeAccountName(userName))) {
    return {
      kind: 'identity',
      identity: {
        name: 'NT AUTHORITY\\IUSR',
        sid: 'S-1-5-17',
        source: 'iis-builtin-iusr',
        accountKind: 'builtin',
        groups: [],
        logonType: 'WasSuppliedToken',
      },
    };
  }
  return {
    kind: 'identity',
    identity: accountIdentity(userName, 'custom-anonymous-account', logonType, accounts, host),
  };
}

/**
 * An ApplicationPoolIdentity account accounts.json does not list: its SID is the SHA-1 of the
 * pool's name (sids.ts), worked out the first time it is read. At 10,000 sites about 6,000
 * pools are such accounts, and judging most of them needs only to know that the SID begins
 * with S-1-5-82- (template-verdict.ts); P2 and a report worker's statuses never read it.
 */
export class PoolVirtualAccount implements AnonymousIdentity {
  // The same for every such account: on the prototype (below), not in each of 6,000 objects.
  declare readonly source: 'app-pool-identity';
  declare readonly accountKind: 'virtual';
  declare readonly groups: string[];
  declare readonly logonType: 'Service';
  private workedOut: string | undefined = undefined;

  constructor(
    readonly name: string,
    private readonly poolName: string,
  ) {}

  get sid(): string {
    return (this.workedOut ??= applicationPoolSid(this.poolName));
  }

  /** Whether the SID was read, so judging it costs nothing more. */
  get sidWorkedOut(): boolean {
    return this.workedOut !== undefined;
  }
}

Object.assign(PoolVirtualAccount.prototype, {
  source: 'app-pool-identity',
  accountKind: 'virtual',
  groups: NO_GROUPS,
  logonType: 'Service',
});

/** Whether the identity's SID is unknown, without working out a pool account's. */
export function sidIsUnknown(identity: AnonymousIdentity): boolean {
  return !(identity instanceof PoolVirtualAccount) && identity.sid === null;
}

/** The beginning of every ApplicationPoolIdentity account's SID: an entry without it is not one. */
export const POOL_SID_PREFIX = 'S-1-5-82-';

/** The account a name stands for, logging on so (accountIdentity, or a memo of it). */
export type AccountResolver = (name: string, source: IdentitySource, logonType: LogonType) => AnonymousIdentity;

/** The identity the worker processes of a pool log on as (IIS 7+ processModel, IIS 6 AppPoolIdentityType). */
export function resolvePoolIdentity(
  poolName: string | null,
  iis: IisConfiguration,
  accounts: AccountIndex,
  host: HostInfo | null,
  resolveAccount: AccountResolver = (name, source, logonType) =>
    accountIdentity(name, source, logonType, accounts, host),
): IdentityResolution {
  const pool = poolName === null ? undefined : iis.applicationPools.get(poolName.toLowerCase());
  if (!pool) return { kind: 'unknown-pool', poolName };
  // Most pools set identityType, so the common case builds no object to say the type and no assumption.
  let identityType = pool.identityType;
  let assumption: string | undefined;
  if (pool.identityTypeDefaulted && iis.format === 'applicationHost.config')
    ({ identityType, assumption } = defaultedIdentityType(pool, host));
  switch (identityType) {
    case 'ApplicationPoolIdentity': {
      const name = `IIS APPPOOL\\${pool.name}`;
      const collected = accounts.poolAccount(pool.name);
      if (collected === undefined && assumption === undefined)
        return {
          kind: 'identity',
          identity: new PoolVirtualAccount(name, pool.name),
        };
      // The host's own lookup wins over the computed SID: the case folding of non-ASCII pool names is unconfirmed.
      const identity: AnonymousIdentity = {
        name,
        sid: collected?.sid ?? applicationPoolSid(pool.name),
        source: 'app-pool-identity',
        accountKind: 'virtual',
        groups: collected?.groups ?? [],
        logonType: 'Service',
      };
      if (collected?.groupsCollected) identity.groupsCollected = true;
      return withAssumption(identity, assumption);
    }
    case 'SpecificUser': {
      const iis6 = iis.format === 'MetaBase.xml';
      const source: IdentitySource = iis6 ? 'iis6-pool-specific-user' : 'app-pool-specific-user';
      // IIS 6 has no logonType: a configurable identity always logs on as a batch job.
      const logonType: LogonType = !iis6 && pool.logonType === 'LogonService' ? 'Service' : 'Batch';
      if (pool.userName.trim() === '') {
        return withAssumption(
          {
            name: `(SpecificUser of pool ${pool.name} with no userName)`,
            sid: null,
            source,
            accountKind: 'unknown',
            groups: [],
            logonType,
            unresolvedReason: `application pool "${pool.name}" is SpecificUser but names no account`,
          },
          assumption,
        );
      }
      return withAssumption(resolveAccount(pool.userName.trim(), source, logonType), assumption);
    }
    default:
      return withAssumption(BUILTIN_POOL_ACCOUNTS[identityType], assumption);
  }
}

function withAssumption(identity: AnonymousIdentity, assumption: string | undefined): IdentityResolution {
  return {
    kind: 'identity',
    identity: assumption === undefined ? identity : { ...identity, assumption },
  };
}

/**
 * A pool whose identityType no attribute sets gets the IIS version's default: NetworkService in
 * IIS 7.0, ApplicationPoolIdentity from IIS 7.5 (the parser records the latter). Without the IIS
 * version the stricter ApplicationPoolIdentity stays, and the finding says it was assumed.
 */
function defaultedIdentityType(
  pool: ApplicationPool,
  host: HostInfo | null,
): { identityType: AppPoolIdentityType; assumption?: string } {
  const version = host?.iisVersion?.trim().match(/^(\d+)(?:\.(\d+))?/);
  if (!version) {
    return {
      identityType: pool.identityType,
      assumption: `pool "${pool.name}" sets no identityType and host.json gives no IIS version, so the IIS 7.5+ default ${pool.identityType} was assumed (IIS 7.0 defaulted to NetworkService)`,
    };
  }
  const major = Number(version[1]);
  const minor = Number(version[2] ?? '0');
  if (major === 7 && minor === 0) return { identityType: 'NetworkService' };
  return { identityType: pool.identityType };
}

export { accountIdentity, resolveConnectAs } from './account-identity';
