import { POOL_ACCOUNT_PREFIX } from './accounts';
import type { RightCheck } from './finding';
import type { MatchedIdentity, SidMatch } from './holder-match';
import { PoolVirtualAccount, type AnonymousIdentity } from './identity';
import type { GroupPolicyObjectRef } from './model';
import {
  decideStatus,
  grantRestsOnInferredUsers,
  ledByInferredUsersNote,
  selfGrant,
  type CheckOutline,
  type IdentityVerdict,
} from './right-check';
import { selfGrantCounts } from './rules';
import type { FindingStatus } from './status';
import { normalizeAccountName } from './sids';
import { OWN_SID_ORIGIN, type TokenSid } from './token';
import { assembleVerdict, type TemplateCheck, type TemplateList, type TokenTemplate } from './verdict-template';

/**
 * The verdict of an identity that fits its template (verdict-template.ts): the template's with
 * its own SID's matches put in place. At 10,000 sites about 6,000 application pools take one,
 * and most findings are never rendered one by one (P2 renders none; a report worker sends only
 * the status), so its token, matches and SID lists, a dozen arrays and objects, are made the
 * first time something reads them. What the status and the notes need is decided here, eagerly
 * and exactly, from whether each list the rule reads names the own SID: the status never waits
 * on anything made later.
 */
export function templateVerdict(
  template: TokenTemplate,
  account: AnonymousIdentity,
  normalizedName: string,
): IdentityVerdict {
  return new TemplateVerdict(template, account, normalizedName);
}

/**
 * The verdict of an ApplicationPoolIdentity account nobody read the SID of, from its kind's
 * template; undefined where a list names it by name, to judge it whole. Once one such verdict was
 * made without reading the SID, the lists that might name a pool SID were not read for it: the
 * status and notes then rest on the template alone, so every later such account's are that
 * verdict's, and only its lists, made when read, are its own.
 */
export function unreadPoolVerdict(template: TokenTemplate, account: PoolVirtualAccount): IdentityVerdict | undefined {
  const alike = template.unreadPoolsAlike;
  if (alike !== undefined) return alike.forUnreadPool(account);
  template.namesPoolAccounts ??= template.lists.some(namesPoolAccounts);
  let normalizedName: string | undefined;
  if (template.namesPoolAccounts) {
    normalizedName = normalizeAccountName(account.name);
    for (const list of template.lists) if (list.index.byName.has(normalizedName)) return undefined;
  }
  const verdict = new TemplateVerdict(template, account, normalizedName);
  if (!template.namesPoolAccounts && !account.sidWorkedOut) template.unreadPoolsAlike = verdict;
  return verdict;
}

/**
 * The verdict every later pool account nobody read the SID of takes its outcome from
 * (unreadPoolVerdict), where `verdict` has that outcome too: the same outlines and notes, which
 * decide its status and its finding's notes. Undefined where no such verdict was made yet.
 */
export function unreadPoolsAlikeTo(verdict: IdentityVerdict): TemplateVerdict | undefined {
  if (!(verdict instanceof TemplateVerdict)) return undefined;
  const alike = verdict.template.unreadPoolsAlike;
  return alike !== undefined &&
    alike.currentOutline === verdict.currentOutline &&
    alike.afterRefreshOutline === verdict.afterRefreshOutline &&
    alike.tokenNotes === verdict.tokenNotes
    ? alike
    : undefined;
}

/** Whether a list has an entry written as an ApplicationPoolIdentity account's name. */
function namesPoolAccounts(list: TemplateList): boolean {
  for (const name of list.index.byName.keys()) if (name.startsWith(POOL_ACCOUNT_PREFIX)) return true;
  return false;
}

/** The status of a verdict, without making the lists of one made when read. */
export function verdictStatus(
  verdict: IdentityVerdict,
  allowRightOwner: GroupPolicyObjectRef | null,
  denyRightOwner: GroupPolicyObjectRef | null,
): FindingStatus {
  return verdict instanceof TemplateVerdict
    ? decideStatus(verdict.currentOutline, verdict.afterRefreshOutline, allowRightOwner, denyRightOwner)
    : decideStatus(verdict.current, verdict.afterRefresh, allowRightOwner, denyRightOwner);
}

/** The four outlines a check can have, by whether anything grants and whether anything denies. */
const OUTLINES: readonly CheckOutline[] = [false, true].flatMap((granted) =>
  [false, true].map((denied) =>
    Object.freeze({
      holdsRight: granted && !denied,
      grantedBy: Object.freeze({ length: granted ? 1 : 0 }),
      deniedBy: Object.freeze({ length: denied ? 1 : 0 }),
    }),
  ),
);

export class TemplateVerdict implements IdentityVerdict {
  readonly currentOutline: CheckOutline;
  readonly afterRefreshOutline: CheckOutline;
  readonly tokenNotes: string[];
  private made: IdentityVerdict | undefined;

  /**
   * Seven members and no closures: 6,000 are kept until rendering (the rule and context are the
   * template's). `normalizedName` is worked out when read where judging did not need it; `alike`
   * is the verdict of another account whose outlines and notes this one's are (unreadPoolVerdict).
   */
  constructor(
    readonly template: TokenTemplate,
    private readonly account: AnonymousIdentity,
    private normalizedName: string | undefined,
    alike?: TemplateVerdict,
  ) {
    if (alike !== undefined) {
      this.currentOutline = alike.currentOutline;
      this.afterRefreshOutline = alike.afterRefreshOutline;
      this.tokenNotes = alike.tokenNotes;
      return;
    }
    const { rule } = template;
    const selfGrants = selfGrantCounts(rule, template.context.input.ruleSet);
    const unread = account instanceof PoolVirtualAccount && !account.sidWorkedOut;
    this.currentOutline = outlineOf(template.current, account, unread, selfGrants);
    this.afterRefreshOutline =
      template.afterRefresh === template.current
        ? this.currentOutline
        : outlineOf(template.afterRefresh, account, unread, selfGrants);
    this.tokenNotes =
      this.restsOnUsers(template.current, unread, selfGrants) ||
      this.restsOnUsers(template.afterRefresh, unread, selfGrants)
        ? (template.usersNotes ??= ledByInferredUsersNote(template.denyNotes))
        : template.denyNotes;
  }

  /**
   * withInferredUsersNote of one check, read from the template's matches. The own SID's match is
   * confirmed, so a grant it is part of does not rest on an inference.
   */
  private restsOnUsers(parts: TemplateCheck, unread: boolean, selfGrants: boolean): boolean {
    const { account } = this;
    const rule = this.template.rule;
    return parts.allow.matches.length > 0
      ? grantRestsOnInferredUsers(parts.allow.matches) && !namesOwnSid(parts.allow, account, unread)
      : // Nothing else matched: IIS's own grant alone, when it counts (an empty grant rests on nothing).
        selfGrants &&
          rule.selfGranted!.evidence === 'inferred' &&
          !namesOwnSid(parts.allow, account, unread) &&
          grantRestsOnInferredUsers([selfGrant(rule, this.matched())]);
  }

  /** The verdict of another pool account nobody read the SID of: this one's outcome, its own lists. */
  forUnreadPool(account: PoolVirtualAccount): TemplateVerdict {
    return new TemplateVerdict(this.template, account, undefined, this);
  }

  get token(): TokenSid[] {
    return this.whole().token;
  }
  get current(): RightCheck {
    return this.whole().current;
  }
  get afterRefresh(): RightCheck {
    return this.whole().afterRefresh;
  }
  get matches(): IdentityVerdict['matches'] {
    return this.whole().matches;
  }
  get grantedBy(): string[] {
    return this.whole().grantedBy;
  }
  get deniedBy(): string[] {
    return this.whole().deniedBy;
  }
  get afterRefreshSids(): IdentityVerdict['afterRefreshSids'] {
    return this.whole().afterRefreshSids;
  }
  get unresolvedHolders(): IdentityVerdict['unresolvedHolders'] {
    return this.template.unresolvedHolders;
  }

  /** The verdict's members as a plain object, as a verdict judged whole has them. */
  toJSON(): IdentityVerdict {
    return this.whole();
  }

  /** The plain verdict, its lists made on the first call. */
  whole(): IdentityVerdict {
    return (this.made ??= this.make());
  }

  /** Who is matched, with the SID (worked out here for a pool account's). */
  private matched(): MatchedIdentity {
    const { account } = this;
    this.normalizedName ??= normalizeAccountName(account.name);
    return { name: account.name, sid: account.sid, normalizedName: this.normalizedName };
  }

  private make(): IdentityVerdict {
    const { template } = this;
    const { context, rule } = template;
    const identity = this.matched();
    const own: TokenSid = { sid: identity.sid!, origin: OWN_SID_ORIGIN, evidence: 'confirmed' };
    const check = (parts: TemplateCheck): RightCheck => {
      let grantedBy = withOwnMatch(parts.allow, own, identity);
      if (grantedBy.length === 0 && selfGrantCounts(rule, context.input.ruleSet))
        grantedBy = [selfGrant(rule, identity)];
      const deniedBy = parts.deny === null ? [] : withOwnMatch(parts.deny, own, identity);
      return { grantedBy, deniedBy, holdsRight: grantedBy.length > 0 && deniedBy.length === 0 };
    };
    const current = check(template.current);
    // Equal checks are one object, never changed, as the verdicts of identities alike share theirs.
    const afterRefresh = template.afterRefresh === template.current ? current : check(template.afterRefresh);
    const token = [own, ...template.rest];
    return assembleVerdict(context, token, current, afterRefresh, template.unresolvedHolders, this.tokenNotes);
  }
}

/**
 * Whether the list names the account's own SID. A pool account's SID nobody read yet begins with
 * S-1-5-82-, so a list naming no such SID does not name it: it is worked out only for a list
 * that might (`unread`: nobody read it yet), and only when the answer counts (callers test it last).
 */
function namesOwnSid(list: TemplateList, account: AnonymousIdentity, unread: boolean): boolean {
  return (!unread || list.namesPoolSids) && list.index.bySid.has(account.sid!);
}

/** As the lists withOwnMatch makes: the template's matches, and the own SID's where a list names it. */
function outlineOf(
  parts: TemplateCheck,
  account: AnonymousIdentity,
  unread: boolean,
  selfGrants: boolean,
): CheckOutline {
  const granted = parts.allow.matches.length > 0 || selfGrants || namesOwnSid(parts.allow, account, unread);
  const denied = parts.deny !== null && (parts.deny.matches.length > 0 || namesOwnSid(parts.deny, account, unread));
  return OUTLINES[(granted ? 2 : 0) + (denied ? 1 : 0)]!;
}

/**
 * The template's matches of a list with the own SID's put in list order; the template's own
 * array (never changed) when the list does not name the SID. As matchHolders: the first entry
 * naming the SID, shown by the entry's name or else the identity's.
 */
function withOwnMatch(list: TemplateList, own: TokenSid, identity: MatchedIdentity): SidMatch[] {
  const naming = list.index.bySid.get(own.sid);
  if (naming === undefined) return list.matches;
  const entry = naming[0]!;
  const match: SidMatch = {
    sid: own.sid,
    name: entry.holder.kind === 'sid' && entry.holder.name ? entry.holder.name : identity.name,
    holder: entry.holder.written,
    origin: own.origin,
    evidence: own.evidence,
  };
  // The entry names only the own SID, so no match of the rest has its position.
  const { placed, matches } = list;
  const merged: SidMatch[] = [];
  let index = 0;
  while (index < placed.length && placed[index]!.position < entry.position) merged.push(matches[index++]!);
  merged.push(match);
  while (index < matches.length) merged.push(matches[index++]!);
  return merged;
}
