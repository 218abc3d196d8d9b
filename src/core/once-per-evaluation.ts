import type { Finding } from './finding';
import { dedupeUnresolved, type UnresolvedHolder } from './holder-match';
import {
  resolveAnonymousIdentity,
  resolvePoolIdentity,
  type AnonymousIdentity,
  type IdentityResolution,
} from './identity';
import type { AnonymousScope } from './model';
import type { PolicyView } from './policy';
import { checkRight, sidsOf, tokenNotes, type EvaluationContext, type IdentityVerdict } from './right-check';
import type { RuleRow } from './rules';
import { normalizeAccountName } from './sids';
import { computeTokenSids } from './token';

/**
 * What evaluate-identities.ts works out once per evaluation and shares between findings: the
 * identity each distinct anonymous setting resolves to, each rule's `rule` member, and each
 * distinct identity's verdict. Every value here is read-only once made.
 */

/**
 * Identity resolutions kept for an evaluation (read-only once made): thousands of scopes name
 * the same anonymous account, and a site's scopes share their pool. An account named by
 * userName is kept by name (few are distinct); what depends on the pool is kept for the last
 * pool only, because scopes come site by site and most sites have their own pool, so keeping
 * every one would only hold memory.
 */
export class ResolutionMemo {
  private readonly byAccount = new Map<string, IdentityResolution>();
  private readonly lastPoolIdentity = new LastOne<IdentityResolution>();
  private readonly lastAnonymousPool = new LastOne<IdentityResolution>();

  constructor(private readonly context: EvaluationContext) {}

  /** resolveAnonymousIdentity, which reads only these members of the scope. */
  anonymous(scope: AnonymousScope): IdentityResolution {
    const { input, accounts } = this.context;
    const resolve = () => resolveAnonymousIdentity(scope, input.iis, accounts, input.host);
    if (!scope.anonymous.enabled) return resolve();
    const { userName, logonMethod } = scope.anonymous;
    if (userName.trim() === '')
      return this.lastAnonymousPool.get(
        `${logonMethod}\u0000${userName}\u0000${scope.applicationPool ?? '\u0001'}`,
        resolve,
      );
    const key = `${logonMethod}\u0000${userName}`;
    let resolution = this.byAccount.get(key);
    if (resolution === undefined) {
      resolution = resolve();
      this.byAccount.set(key, resolution);
    }
    return resolution;
  }

  pool(poolName: string): IdentityResolution {
    const { input, accounts } = this.context;
    return this.lastPoolIdentity.get(poolName, () => resolvePoolIdentity(poolName, input.iis, accounts, input.host));
  }
}

/** The value for the last key asked for, computed again when the key changes. */
class LastOne<T> {
  private key: string | undefined;
  private value: T | undefined;

  get(key: string, compute: () => T): T {
    if (key !== this.key) {
      this.value = compute();
      this.key = key;
    }
    return this.value as T;
  }
}

/**
 * A finding's `rule`: one read-only object per rule in an evaluation (the rule set is the
 * evaluation's), shared by every finding of that rule instead of one copy each.
 */
export function ruleOutFor(context: EvaluationContext, rule: RuleRow, enforced: boolean): NonNullable<Finding['rule']> {
  const known = context.ruleOuts.get(rule.id);
  if (known !== undefined && known.enforced === enforced) return known;
  const ruleOut = { id: rule.id, evidence: rule.evidence, enforced, citation: rule.citation };
  context.ruleOuts.set(rule.id, ruleOut);
  return ruleOut;
}

/**
 * The token and the matches of an identity against its rule, computed once per distinct
 * identity: everything they depend on is in the key (the token: SID, kind, groups, source,
 * logon type; the matches: also the name an entry may be written as), the policy is the
 * evaluation's. At 10,000 sites this judges a few thousand identities instead of 21,000.
 */
export function verdictFor(
  context: EvaluationContext,
  identity: AnonymousIdentity,
  sid: string,
  rule: RuleRow,
): IdentityVerdict {
  // A template, not an array join: this runs for every judged finding (21,000 at 10,000 sites).
  const groups = identity.groups.length === 0 ? '' : identity.groups.join(',');
  const key = `${rule.id}\u0000${sid}\u0000${identity.name}\u0000${identity.accountKind}\u0000${identity.source}\u0000${identity.logonType}\u0000${identity.groupsCollected === true}\u0000${groups}`;
  const known = context.verdicts.get(key);
  if (known !== undefined) return known;
  const { input } = context;
  const token = computeTokenSids({
    sid,
    accountKind: identity.accountKind,
    groups: identity.groups,
    source: identity.source,
    logonType: identity.logonType,
    host: input.host,
    groupsCollected: identity.groupsCollected === true,
    directory: context.accounts.groups,
  });
  const unresolvedHolders: UnresolvedHolder[] = [];
  const matched = { name: identity.name, sid, normalizedName: normalizeAccountName(identity.name) };
  const check = (view: PolicyView) => checkRight(view, rule, matched, token, context, unresolvedHolders);
  const current = check(input.policy.current);
  const afterRefresh = check(input.policy.afterRefresh);
  const verdict: IdentityVerdict = {
    token,
    current,
    afterRefresh,
    matches: { current, afterRefresh },
    grantedBy: sidsOf(current.grantedBy),
    deniedBy: sidsOf(current.deniedBy),
    afterRefreshSids: input.policy.hasGroupPolicyData
      ? { grantedBy: sidsOf(afterRefresh.grantedBy), deniedBy: sidsOf(afterRefresh.deniedBy) }
      : null,
    unresolvedHolders: dedupeUnresolved(unresolvedHolders),
    tokenNotes: tokenNotes({ current, afterRefresh }, rule, token, context),
  };
  context.verdicts.set(key, verdict);
  return verdict;
}
