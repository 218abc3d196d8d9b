import type { RightCheck } from './finding';
import {
  dedupeUnresolved,
  placeMatches,
  type HolderIndex,
  type MatchedIdentity,
  type PlacedMatch,
  type SidMatch,
  type UnresolvedHolder,
} from './holder-match';
import { POOL_SID_PREFIX, type AnonymousIdentity } from './identity';
import type { PolicyView } from './policy';
import { sidsOf, unconfirmedDenyNotes, type EvaluationContext, type IdentityVerdict } from './right-check';
import type { RuleRow } from './rules';
import type { TemplateVerdict } from './template-verdict';
import { computeTokenSids, type TokenInput, type TokenSid } from './token';

/**
 * Identities alike but for their own SID share most of their verdict. On a large server nearly
 * every application pool runs as its own ApplicationPoolIdentity account, whose tokens differ
 * only in the pool's SID, so 10,000 sites make 10,000 verdicts that are the same but for one SID.
 * A template holds what they share, worked out once: the rest of the token, what it matches in
 * each list the rule reads, the entries nobody resolves, and the notes on unconfirmed SIDs a
 * deny list names. An identity fits the template when its own SID changes none of that (see
 * fitsTemplate); its verdict is then the template's with its own SID's matches put in place
 * (template-verdict.ts).
 * The others are judged whole (once-per-evaluation.ts).
 */
export interface TokenTemplate {
  /** The evaluation and the rule the template was made in and for. */
  context: EvaluationContext;
  rule: RuleRow;
  /** The token without the identity's own SID, as computeTokenSids orders it. */
  rest: TokenSid[];
  restSids: ReadonlySet<string>;
  current: TemplateCheck;
  /** The same object as `current` when the refresh leaves the rule's lists as they are. */
  afterRefresh: TemplateCheck;
  /** The lists of both checks. */
  lists: readonly TemplateList[];
  /** The unresolved entries of the four lists, in the order a whole judgement finds them. */
  unresolvedHolders: UnresolvedHolder[];
  denyNotes: string[];
  /** `denyNotes` led by the inferred-Users note, made when a verdict first needs it. */
  usersNotes?: string[];
  /** Whether a list has an entry written as an ApplicationPoolIdentity account's name (template-verdict.ts). */
  namesPoolAccounts?: boolean;
  /** The verdict every later pool account nobody read the SID of is alike to (template-verdict.ts). */
  unreadPoolsAlike?: TemplateVerdict;
}

export interface TemplateList {
  index: HolderIndex;
  /** Whether an entry stands for a SID that begins as an application pool's (S-1-5-82-). */
  namesPoolSids: boolean;
  /** The rest of the token's matches in this list, in list order; `matches` holds the same. */
  placed: PlacedMatch[];
  matches: SidMatch[];
}

export interface TemplateCheck {
  allow: TemplateList;
  deny: TemplateList | null;
}

/** The token computeTokenSids is asked for, for this identity and SID. */
export function tokenInputOf(context: EvaluationContext, identity: AnonymousIdentity, sid: string): TokenInput {
  return {
    sid,
    accountKind: identity.accountKind,
    groups: identity.groups,
    source: identity.source,
    logonType: identity.logonType,
    host: context.input.host,
    groupsCollected: identity.groupsCollected === true,
    directory: context.accounts.groups,
  };
}

/**
 * The template of identities alike to one with this token input: its token without the own SID,
 * and that rest's matches in the lists the rule reads, now and after the refresh.
 */
export function newTemplate(context: EvaluationContext, input: TokenInput, rule: RuleRow): TokenTemplate {
  const rest = computeTokenSids(input, false);
  const { policy } = context.input;
  const unresolved: UnresolvedHolder[] = [];
  const list = (view: PolicyView, right: string, purpose: 'allow' | 'deny'): TemplateList => {
    const index = context.indexHolders(view.holders(right));
    const { accounts, input } = context;
    const placed = placeMatches(index, right, purpose, null, rest, accounts, input.ruleSet, unresolved);
    const namesPoolSids = [...index.bySid.keys()].some((sid) => sid.startsWith(POOL_SID_PREFIX));
    return { index, namesPoolSids, placed, matches: placed.map((entry) => entry.match) };
  };
  // In the order checkRight reads the lists, so the unresolved entries come in its order too.
  const check = (view: PolicyView): TemplateCheck => {
    const allow = list(view, rule.allowRight!, 'allow');
    return { allow, deny: rule.denyRight === null ? null : list(view, rule.denyRight, 'deny') };
  };
  const current = check(policy.current);
  const refreshed = check(policy.afterRefresh);
  // Where no GPO owns the rule's rights, the refresh leaves the same lists: one check for both.
  const sameLists = refreshed.allow.index === current.allow.index && refreshed.deny?.index === current.deny?.index;
  const afterRefresh = sameLists ? current : refreshed;
  return {
    context,
    rule,
    rest,
    restSids: new Set(rest.map((entry) => entry.sid)),
    current,
    afterRefresh,
    lists: (sameLists ? [current] : [current, refreshed]).flatMap((parts) =>
      parts.deny === null ? [parts.allow] : [parts.allow, parts.deny],
    ),
    unresolvedHolders: dedupeUnresolved(unresolved),
    denyNotes: unconfirmedDenyNotes(rule, rest, context),
  };
}

/**
 * Whether the identity's own SID leaves the rest of the token and its matches as the template
 * has them, once ownSidStandsApart held: the SID is not in the rest (it was not also reached as
 * a group, alias or computed SID), and no list entry is written as the identity's name (such an
 * entry stands for its SID, and is not reported unresolved).
 */
export function fitsTemplate(template: TokenTemplate, identity: MatchedIdentity): boolean {
  if (template.restSids.has(identity.sid!)) return false;
  for (const list of template.lists) if (list.index.byName.has(identity.normalizedName)) return false;
  return true;
}

/**
 * What a template needs of the own SID before the template is made: no local alias lists it as
 * a member (it could bring the alias in), and every group accounts.json lists for the SID itself
 * is one of the identity's own groups (the token holds those before it adds nested groups, so
 * they add nothing; another would be added early, as the SID's nested group). `aliasMembers`
 * holds every alias's members.
 */
export function ownSidStandsApart(
  context: EvaluationContext,
  identity: AnonymousIdentity,
  sid: string,
  aliasMembers: ReadonlySet<string>,
): boolean {
  if (aliasMembers.has(sid)) return false;
  const parents = context.accounts.groups.groupsOf(sid);
  if (parents === undefined || parents.length === 0) return true;
  const groups = identity.groups;
  // An account's identity lists the account's own groups, in the same order.
  if (parents.length === groups.length && parents.every((group, index) => groups[index] === group)) return true;
  const own = new Set(groups);
  return parents.every((group) => own.has(group));
}

/** A verdict from its token and checks: the findings' SID lists are derived here. */
export function assembleVerdict(
  context: EvaluationContext,
  token: TokenSid[],
  current: RightCheck,
  afterRefresh: RightCheck,
  unresolvedHolders: UnresolvedHolder[],
  tokenNotes: string[],
): IdentityVerdict {
  const grantedBy = sidsOf(current.grantedBy);
  const deniedBy = sidsOf(current.deniedBy);
  return {
    token,
    current,
    afterRefresh,
    matches: { current, afterRefresh },
    grantedBy,
    deniedBy,
    afterRefreshSids: !context.input.policy.hasGroupPolicyData
      ? null
      : afterRefresh === current
        ? { grantedBy, deniedBy }
        : { grantedBy: sidsOf(afterRefresh.grantedBy), deniedBy: sidsOf(afterRefresh.deniedBy) },
    unresolvedHolders,
    tokenNotes,
  };
}
