import {
  accountIdentity,
  resolveAnonymousIdentity,
  type AccountResolver,
  resolvePoolIdentity,
  type AnonymousIdentity,
  type IdentityResolution,
} from './identity';
import type { AnonymousScope, LogonMethod } from './model';
import type { EvaluationContext } from './right-check';
import type { IdentitySource, LogonType } from './rules';
import type { NamedPool } from './scope-pools';

/**
 * Identity resolutions kept for an evaluation (read-only once made): thousands of scopes name
 * the same anonymous account, and every scope a pool serves asks for its identity. An account
 * named by userName is kept by logon method and name (few are distinct), a pool's identity with
 * the pool (scope-pools.ts; the findings hold each identity anyway); an empty userName stands for the
 * scope's pool, so under applicationHost.config it takes the pool's. Pools that run as the same
 * account (a built-in one, or one SpecificUser) share one identity object, so the findings of
 * every such pool take the first one's verdict (evaluate-identities.ts).
 */
export class ResolutionMemo {
  private readonly byAccount = new Map<LogonMethod, Map<string, IdentityResolution>>();
  /** Pool identities other than ApplicationPoolIdentity, by name, each equal to none of the others. */
  private readonly poolAccounts = new Map<string, IdentityResolution[]>();
  /** The resolution shared for each such identity object (SpecificUser and built-in accounts come as one object each). */
  private readonly byIdentity = new Map<AnonymousIdentity, IdentityResolution>();
  /** SpecificUser pool accounts by logon type and name: thousands of pools share a few accounts. */
  private readonly specificUsers = new Map<LogonType, Map<string, AnonymousIdentity>>();

  /** specificUser as resolvePoolIdentity calls it, made once rather than per pool. */
  private readonly resolveAccount: AccountResolver = (name, source, logonType) =>
    this.specificUser(name, source, logonType);

  constructor(private readonly context: EvaluationContext) {}

  /** resolveAnonymousIdentity, which reads only these members of the scope; `pool` is the scope's. */
  anonymous(scope: AnonymousScope, pool: NamedPool | null): IdentityResolution {
    const { input, accounts } = this.context;
    if (!scope.anonymous.enabled) return resolveAnonymousIdentity(scope, input.iis, accounts, input.host);
    const { userName, logonMethod } = scope.anonymous;
    // resolveAnonymousIdentity gives resolvePoolIdentity(scope.applicationPool) for these.
    if (pool !== null && userName.trim() === '' && input.iis.format !== 'MetaBase.xml') return this.pool(pool);
    let byName = this.byAccount.get(logonMethod);
    if (byName === undefined) {
      byName = new Map();
      this.byAccount.set(logonMethod, byName);
    }
    let resolution = byName.get(userName);
    if (resolution === undefined) {
      resolution = resolveAnonymousIdentity(scope, input.iis, accounts, input.host);
      byName.set(userName, resolution);
    }
    return resolution;
  }

  /** The identity of the pool, resolved once per name the scopes write. */
  pool(pool: NamedPool): IdentityResolution {
    let resolution = pool.resolution;
    if (resolution === undefined) {
      const { input, accounts } = this.context;
      resolution = this.shared(resolvePoolIdentity(pool.name, input.iis, accounts, input.host, this.resolveAccount));
      pool.resolution = resolution;
    }
    return resolution;
  }

  /**
   * accountIdentity of a SpecificUser pool's account, once per name and logon type (the source
   * is the configuration's). The identity is read-only, so pools naming one account share it.
   */
  private specificUser(name: string, source: IdentitySource, logonType: LogonType): AnonymousIdentity {
    let byName = this.specificUsers.get(logonType);
    if (byName === undefined) {
      byName = new Map();
      this.specificUsers.set(logonType, byName);
    }
    let identity = byName.get(name);
    if (identity === undefined || identity.source !== source) {
      const { input, accounts } = this.context;
      identity = accountIdentity(name, source, logonType, accounts, input.host);
      byName.set(name, identity);
    }
    return identity;
  }

  /** The first resolution to an identity equal to this one in every member, when it is not a pool's own virtual account. */
  private shared(resolution: IdentityResolution): IdentityResolution {
    if (resolution.kind !== 'identity' || resolution.identity.source === 'app-pool-identity') return resolution;
    const identity = resolution.identity;
    let sharedResolution = this.byIdentity.get(identity);
    if (sharedResolution === undefined) {
      sharedResolution = this.firstEqual(resolution, identity);
      this.byIdentity.set(identity, sharedResolution);
    }
    return sharedResolution;
  }

  private firstEqual(resolution: IdentityResolution, identity: AnonymousIdentity): IdentityResolution {
    const known = this.poolAccounts.get(identity.name);
    if (known === undefined) {
      this.poolAccounts.set(identity.name, [resolution]);
      return resolution;
    }
    const equal = known.find((other) => sameIdentity((other as { identity: AnonymousIdentity }).identity, identity));
    if (equal !== undefined) return equal;
    known.push(resolution);
    return resolution;
  }
}

/** Whether two identities are equal in every member. */
function sameIdentity(one: AnonymousIdentity, other: AnonymousIdentity): boolean {
  return (
    one === other ||
    (one.name === other.name &&
      one.sid === other.sid &&
      one.source === other.source &&
      one.accountKind === other.accountKind &&
      one.logonType === other.logonType &&
      one.unresolvedReason === other.unresolvedReason &&
      one.assumption === other.assumption &&
      (one.groupsCollected === true) === (other.groupsCollected === true) &&
      one.groupsIncomplete === other.groupsIncomplete &&
      one.groups.length === other.groups.length &&
      one.groups.every((group, index) => other.groups[index] === group))
  );
}
