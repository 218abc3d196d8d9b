import type { Finding } from './finding';
import { dedupeUnresolved, type MatchedIdentity, type UnresolvedHolder } from './holder-match';
import {
  resolveAnonymousIdentity,
  resolvePoolIdentity,
  type AnonymousIdentity,
  type IdentityResolution,
} from './identity';
import type { AnonymousScope, LogonMethod } from './model';
import type { PolicyView } from './policy';
import { checkRight, tokenNotes, type EvaluationContext, type IdentityVerdict } from './right-check';
import type { RuleRow } from './rules';
import { normalizeAccountName } from './sids';
import { computeTokenSids, isGuestAccountSid } from './token';
import {
  assembleVerdict,
  fitsTemplate,
  newTemplate,
  ownSidStandsApart,
  templateVerdict,
  tokenInputOf,
  type TokenTemplate,
} from './verdict-template';

/**
 * What evaluate-identities.ts works out once per evaluation and shares between findings: the
 * identity each distinct anonymous setting resolves to, each rule's `rule` member, and each
 * distinct identity's verdict. Every value here is read-only once made.
 */

/**
 * Identity resolutions kept for an evaluation (read-only once made): thousands of scopes name
 * the same anonymous account, and every scope a pool serves asks for its identity. An account
 * named by userName is kept by logon method and name (few are distinct), a pool's identity by
 * the pool's name (the findings hold each identity anyway); an empty userName, which stands for
 * the scope's pool, is kept for the last scope only.
 */
export class ResolutionMemo {
  private readonly byAccount = new Map<LogonMethod, Map<string, IdentityResolution>>();
  private readonly byPool = new Map<string, IdentityResolution>();
  private lastAnonymousPool:
    { anonymous: AnonymousScope['anonymous']; pool: string | null; resolution: IdentityResolution } | undefined;

  constructor(private readonly context: EvaluationContext) {}

  /** resolveAnonymousIdentity, which reads only these members of the scope. */
  anonymous(scope: AnonymousScope): IdentityResolution {
    const { input, accounts } = this.context;
    if (!scope.anonymous.enabled) return resolveAnonymousIdentity(scope, input.iis, accounts, input.host);
    const { userName, logonMethod } = scope.anonymous;
    if (userName.trim() === '') {
      const last = this.lastAnonymousPool;
      if (
        last !== undefined &&
        last.anonymous.logonMethod === logonMethod &&
        last.anonymous.userName === userName &&
        last.pool === scope.applicationPool
      )
        return last.resolution;
      const resolution = resolveAnonymousIdentity(scope, input.iis, accounts, input.host);
      this.lastAnonymousPool = { anonymous: scope.anonymous, pool: scope.applicationPool, resolution };
      return resolution;
    }
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

  pool(poolName: string): IdentityResolution {
    let resolution = this.byPool.get(poolName);
    if (resolution === undefined) {
      const { input, accounts } = this.context;
      resolution = resolvePoolIdentity(poolName, input.iis, accounts, input.host);
      this.byPool.set(poolName, resolution);
    }
    return resolution;
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
 * identity: everything they depend on is in the key (the kind: rule, groups, account kind,
 * source, logon type, whether its groups were collected and it is the Guest account; then the
 * SID and the name an entry may be written as), the policy is the evaluation's. At 10,000 sites
 * this judges about 7,000 identities instead of 37,500, most of them from their kind's template.
 */
export function verdictFor(
  context: EvaluationContext,
  identity: AnonymousIdentity,
  sid: string,
  rule: RuleRow,
): IdentityVerdict {
  const kind = context.kinds.of(identity, sid, rule);
  const first = kind.verdicts.get(sid);
  for (let known = first; known !== undefined; known = known.other)
    if (known.name === identity.name) return known.verdict;
  const matched = { name: identity.name, sid, normalizedName: normalizeAccountName(identity.name) };
  let verdict: IdentityVerdict | undefined;
  if (ownSidStandsApart(context, identity, sid, context.kinds.aliasMembers(context))) {
    kind.template ??= newTemplate(context, tokenInputOf(context, identity, sid), rule);
    if (fitsTemplate(kind.template, matched)) verdict = templateVerdict(context, kind.template, matched, rule);
  }
  verdict ??= wholeVerdict(context, identity, matched, rule);
  kind.verdicts.set(sid, { name: identity.name, verdict, other: first });
  return verdict;
}

/** Identities judged alike but for their SID and name, with the verdicts made for them. */
export interface IdentityKind {
  accountKind: AnonymousIdentity['accountKind'];
  source: AnonymousIdentity['source'];
  logonType: AnonymousIdentity['logonType'];
  groupsCollected: boolean;
  guest: boolean;
  /** By SID; a SID judged under several names has a verdict for each. */
  verdicts: Map<string, NamedVerdict>;
  template?: TokenTemplate;
}

interface NamedVerdict {
  name: string;
  verdict: IdentityVerdict;
  other: NamedVerdict | undefined;
}

/** The kinds of identity of an evaluation, found by rule and groups without building a key for each. */
export class IdentityKinds {
  private readonly byRule = new Map<RuleRow, Map<string, IdentityKind[]>>();
  private members: Set<string> | undefined;

  of(identity: AnonymousIdentity, sid: string, rule: RuleRow): IdentityKind {
    let byGroups = this.byRule.get(rule);
    if (byGroups === undefined) {
      byGroups = new Map();
      this.byRule.set(rule, byGroups);
    }
    const groups = identity.groups.length === 0 ? '' : identity.groups.join(',');
    let kinds = byGroups.get(groups);
    if (kinds === undefined) {
      kinds = [];
      byGroups.set(groups, kinds);
    }
    const groupsCollected = identity.groupsCollected === true;
    const guest = isGuestAccountSid(sid);
    // A handful at most: the members below take few values each.
    let kind = kinds.find(
      (known) =>
        known.accountKind === identity.accountKind &&
        known.source === identity.source &&
        known.logonType === identity.logonType &&
        known.groupsCollected === groupsCollected &&
        known.guest === guest,
    );
    if (kind === undefined) {
      const { accountKind, source, logonType } = identity;
      kind = { accountKind, source, logonType, groupsCollected, guest, verdicts: new Map() };
      kinds.push(kind);
    }
    return kind;
  }

  /** Every SID a local alias lists as a member (accounts.json). */
  aliasMembers(context: EvaluationContext): ReadonlySet<string> {
    if (this.members === undefined) {
      this.members = new Set();
      for (const members of context.accounts.groups.aliases.values())
        for (const member of members) this.members.add(member);
    }
    return this.members;
  }
}

/** The verdict worked out from the whole token, for an identity that does not fit its template. */
export function wholeVerdict(
  context: EvaluationContext,
  identity: AnonymousIdentity,
  matched: MatchedIdentity,
  rule: RuleRow,
): IdentityVerdict {
  const { input } = context;
  const token = computeTokenSids(tokenInputOf(context, identity, matched.sid!));
  const unresolvedHolders: UnresolvedHolder[] = [];
  const check = (view: PolicyView) => checkRight(view, rule, matched, token, context, unresolvedHolders);
  const current = check(input.policy.current);
  const afterRefresh = check(input.policy.afterRefresh);
  const notes = tokenNotes({ current, afterRefresh }, rule, token, context);
  return assembleVerdict(context, token, current, afterRefresh, dedupeUnresolved(unresolvedHolders), notes);
}
