import type { Finding } from './finding';
import { dedupeUnresolved, type MatchedIdentity, type UnresolvedHolder } from './holder-match';
import { PoolVirtualAccount, POOL_SID_PREFIX, type AnonymousIdentity } from './identity';
import type { PolicyView } from './policy';
import { checkRight, tokenNotes, type EvaluationContext, type IdentityVerdict } from './right-check';
import { findRule, isEnforced, type IdentitySource, type LogonType, type RuleRow } from './rules';
import type { GroupPolicyObjectRef } from './model';
import { normalizeAccountName } from './sids';
import { computeTokenSids, isGuestAccountSid } from './token';
import { templateVerdict, unreadPoolVerdict } from './template-verdict';
import {
  assembleVerdict,
  fitsTemplate,
  newTemplate,
  ownSidStandsApart,
  tokenInputOf,
  type TokenTemplate,
} from './verdict-template';

/**
 * What evaluate-identities.ts works out once per evaluation and shares between findings: each
 * rule's `rule` member, and each distinct identity's verdict (the identity each distinct
 * anonymous setting resolves to is resolution-memo.ts's). Every value here is read-only once made.
 */

/**
 * The rule an identity is judged by, as this evaluation applies it: whether it is enforced, the
 * findings' `rule` member (one read-only object per rule, shared by every finding of that rule
 * instead of one copy each) and who owns its rights.
 */
export interface RuleInForce {
  rule: RuleRow | undefined;
  enforced: boolean;
  ruleOut: Finding['rule'];
  /** The owners of the rule's rights, where it is enforced with an allow right (else null). */
  allowRightOwner: GroupPolicyObjectRef | null;
  denyRightOwner: GroupPolicyObjectRef | null;
}

function ruleInForce(context: EvaluationContext, source: IdentitySource, logonType: LogonType): RuleInForce {
  const { input } = context;
  const rule = findRule(source, logonType);
  const enforced = rule !== undefined && isEnforced(rule, input.ruleSet);
  const ruleOut = rule ? { id: rule.id, evidence: rule.evidence, enforced, citation: rule.citation } : null;
  const owned = rule !== undefined && enforced && rule.allowRight !== null;
  return {
    rule,
    enforced,
    ruleOut,
    allowRightOwner: owned ? input.policy.owner(rule.allowRight!) : null,
    denyRightOwner: owned && rule.denyRight !== null ? input.policy.owner(rule.denyRight) : null,
  };
}

/**
 * The token and the matches of an identity against its rule, computed once per distinct
 * identity: everything they depend on is in the key (the kind: rule, groups, account kind,
 * source, logon type, whether its groups were collected and it is the Guest account; then the
 * SID and the name an entry may be written as), the policy is the evaluation's. At 10,000 sites
 * this judges about 7,000 identities instead of 37,500, most of them from their kind's template.
 */
export function verdictFor(context: EvaluationContext, identity: AnonymousIdentity, rule: RuleRow): IdentityVerdict {
  if (identity instanceof PoolVirtualAccount && !identity.sidWorkedOut) {
    const verdict = unreadPoolSidVerdict(context, identity, rule);
    if (verdict !== undefined) return verdict;
  }
  const sid = identity.sid!;
  const kind = context.kinds.of(identity, isGuestAccountSid(sid), rule);
  const first = kind.verdicts.get(sid);
  for (let known = first; known !== undefined; known = known.other)
    if (known.name === identity.name) return known.verdict;
  const matched = { name: identity.name, sid, normalizedName: normalizeAccountName(identity.name) };
  let verdict: IdentityVerdict | undefined;
  if (ownSidStandsApart(context, identity, sid, context.kinds.aliasMembers(context))) {
    kind.template ??= newTemplate(context, tokenInputOf(context, identity, sid), rule);
    if (fitsTemplate(kind.template, matched))
      verdict = templateVerdict(kind.template, identity, matched.normalizedName);
  }
  verdict ??= wholeVerdict(context, identity, matched, rule);
  kind.verdicts.set(sid, { name: identity.name, verdict, other: first });
  return verdict;
}

/**
 * The verdict of an ApplicationPoolIdentity account whose SID nobody read yet, from its kind's
 * template, where no SID the judgement compares it with could be an application pool's (none
 * begins with S-1-5-82-): the SID then stands apart and fits the template as verdictFor would
 * find, and the template's verdict works it out only where a list names pool SIDs and the status
 * or a note depends on it. Undefined where a SID could be one, to judge the account with its SID.
 * Such accounts are not kept by SID: each pool's is judged once (the resolution memo), and
 * accounts of other pools have other names.
 */
function unreadPoolSidVerdict(
  context: EvaluationContext,
  identity: PoolVirtualAccount,
  rule: RuleRow,
): IdentityVerdict | undefined {
  const { kinds } = context;
  if (kinds.poolSidsCollected(context)) return undefined;
  const kind = kinds.ofUnreadPool(identity, rule);
  kind.template ??= newTemplate(context, tokenInputOf(context, identity, identity.sid), rule);
  // The rest of the token holds no pool SID either: beyond SIDs every such token has, it holds
  // only the account's groups (none) and aliases, which are accounts.json's accounts.
  return unreadPoolVerdict(kind.template, identity);
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
  /** Each source and logon type's rule in force: found once, not by a search of the rule table per identity. */
  private readonly rules = new Map<IdentitySource, Map<LogonType, RuleInForce>>();
  private members: Set<string> | undefined;
  private poolSids: boolean | undefined;
  private unreadPoolKind: { rule: RuleRow; kind: IdentityKind } | undefined;

  ruleFor(context: EvaluationContext, identity: AnonymousIdentity): RuleInForce {
    const { source, logonType } = identity;
    let byLogonType = this.rules.get(source);
    if (byLogonType === undefined) {
      byLogonType = new Map();
      this.rules.set(source, byLogonType);
    }
    let rule = byLogonType.get(logonType);
    if (rule === undefined) {
      rule = ruleInForce(context, source, logonType);
      byLogonType.set(logonType, rule);
    }
    return rule;
  }

  /**
   * The kind of an ApplicationPoolIdentity account nobody read the SID of: the same for every
   * such account under one rule (the class gives them the same members), so found once. A pool
   * SID is never the Guest account's (RID 501 of a machine or domain).
   */
  ofUnreadPool(identity: PoolVirtualAccount, rule: RuleRow): IdentityKind {
    if (this.unreadPoolKind === undefined || this.unreadPoolKind.rule !== rule)
      this.unreadPoolKind = { rule, kind: this.of(identity, false, rule) };
    return this.unreadPoolKind.kind;
  }

  of(identity: AnonymousIdentity, guest: boolean, rule: RuleRow): IdentityKind {
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

  /**
   * Whether accounts.json gives any account or alias member an application pool's SID: then an
   * ApplicationPoolIdentity account could be a member of a group, or have groups, by its SID.
   */
  poolSidsCollected(context: EvaluationContext): boolean {
    if (this.poolSids === undefined) {
      const isPoolSid = (sid: string) => sid.startsWith(POOL_SID_PREFIX);
      this.poolSids =
        (context.input.accounts?.accounts ?? []).some((account) => isPoolSid(account.sid)) ||
        [...this.aliasMembers(context)].some(isPoolSid);
    }
    return this.poolSids;
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
