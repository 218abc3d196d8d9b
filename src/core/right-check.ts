import type { AccountIndex } from './accounts';
import type { EvaluationInput, RightCheck } from './finding';
import { SELF_GRANT_HOLDER } from './finding-messages';
import {
  matchHolders,
  type HolderIndexer,
  type MatchedIdentity,
  type SidMatch,
  type UnresolvedHolder,
} from './holder-match';
import type { AnonymousIdentity } from './identity';
import type { JudgedFinding } from './judged-finding';
import type { GroupPolicyObjectRef } from './model';
import type { PolicyView } from './policy';
import type { TemplateVerdict } from './template-verdict';
import { selfGrantCounts, type RuleRow, type RuleSetName } from './rules';
import { describeRight } from './rights';
import type { FindingStatus } from './status';
import type { TokenSid } from './token';
import type { IdentityKinds } from './once-per-evaluation';

// One identity against one rule: which SIDs of its token the allow and deny rights name, now and
// after the next refresh, the status that follows, and what the verdict rests on that the
// snapshot did not establish. evaluate-identities.ts walks the configuration and calls these per identity.

export interface EvaluationContext {
  input: EvaluationInput;
  accounts: AccountIndex;
  indexHolders: HolderIndexer;
  iis6: boolean;
  /**
   * What each distinct identity and rule came to (once-per-evaluation.ts), judged once per
   * evaluation, kept with what identities alike but for their own SID share.
   */
  kinds: IdentityKinds;
  /** Each assumed default's note, shared by the findings that carry it (evaluate-identities.ts). */
  assumptionNotes: Map<string, readonly string[]>;
  /** The first finding of each identity judged, whose verdict the identity's later findings share. */
  judgedIdentities: Map<AnonymousIdentity, JudgedFinding>;
  /** The first finding where anonymous authentication is disabled, whose verdict the later ones share. */
  disabledFinding: JudgedFinding | undefined;
  /** A pool account's finding with the outcome every later pool account nobody read the SID of takes. */
  unreadPools: { finding: JudgedFinding; alike: TemplateVerdict } | undefined;
}

/**
 * What judging one identity against one rule finds, whichever scope it was found at: thousands
 * of sites share IUSR or a pool identity, and their findings share these (read-only) values.
 */
export interface IdentityVerdict {
  token: TokenSid[];
  current: RightCheck;
  afterRefresh: RightCheck;
  /** The findings' `matches`: both checks, one object for every finding of this verdict. */
  matches: { current: RightCheck; afterRefresh: RightCheck };
  grantedBy: string[];
  deniedBy: string[];
  afterRefreshSids: { grantedBy: string[]; deniedBy: string[] } | null;
  unresolvedHolders: UnresolvedHolder[];
  tokenNotes: string[];
}

/**
 * What the verdict rests on that the snapshot did not establish: a grant only through an
 * inferred membership, or a token SID whose presence is unconfirmed and that a deny list names.
 */
export function tokenNotes(
  matches: { current: RightCheck; afterRefresh: RightCheck },
  rule: RuleRow,
  token: readonly TokenSid[],
  context: EvaluationContext,
): string[] {
  return withInferredUsersNote(matches, unconfirmedDenyNotes(rule, token, context));
}

/** The notes, led by the inferred-Users note when the grant rests on it; `notes` itself when not. */
export function withInferredUsersNote(
  matches: { current: RightCheck; afterRefresh: RightCheck },
  notes: string[],
): string[] {
  return grantRestsOnInferredUsers(matches.current.grantedBy) ||
    grantRestsOnInferredUsers(matches.afterRefresh.grantedBy)
    ? ledByInferredUsersNote(notes)
    : notes;
}

/** The notes led by the note that the grant rests on BUILTIN\\Users inferred. */
export function ledByInferredUsersNote(notes: readonly string[]): string[] {
  return [INFERRED_USERS_NOTE, ...notes];
}

const INFERRED_USERS_NOTE =
  "The grant rests on BUILTIN\\Users, inferred because accounts.json listed neither the account's groups nor the members of Users; hardened hosts remove Authenticated Users from Users, so collect them to be sure.";

/** A note for each token SID whose presence is unconfirmed and that the deny right lists (documented rules). */
export function unconfirmedDenyNotes(rule: RuleRow, token: readonly TokenSid[], context: EvaluationContext): string[] {
  const notes: string[] = [];
  const { denyRight } = rule;
  if (context.input.ruleSet === 'documented' && denyRight !== null) {
    // By SID, whichever way an entry is written: `IIS_IUSRS` denies as `*S-1-5-32-568` does.
    const listed = [context.input.policy.current, context.input.policy.afterRefresh].map(
      (view) => context.indexHolders(view.holders(denyRight)).bySid,
    );
    for (const entry of token) {
      if (entry.evidence !== 'unconfirmed' || !listed.some((bySid) => bySid.has(entry.sid))) continue;
      notes.push(
        `${describeRight(denyRight)} lists ${entry.sid}, and whether this account's token carries it is unconfirmed (${entry.origin}); the documented rules leave it out, so the verdict depends on it: --rules conservative assumes it.`,
      );
    }
  }
  return notes;
}

/**
 * Whether holding the right, now or after the refresh, rests on BUILTIN\\Users inferred: every
 * grant of that check is an inference, and Users is one of them.
 */
export function grantRestsOnInferredUsers(grantedBy: readonly SidMatch[]): boolean {
  return (
    grantedBy.every((match) => match.evidence === 'inferred') && grantedBy.some((match) => match.sid === 'S-1-5-32-545')
  );
}

/**
 * What the status reads of a check: whether the right is held, and whether anything grants or
 * denies it (a RightCheck is one; a verdict made when read gives these before its lists).
 */
export interface CheckOutline {
  holdsRight: boolean;
  grantedBy: { readonly length: number };
  deniedBy: { readonly length: number };
}

/**
 * The status rules (README, "Statuses"). `afterRefresh` equals `current` where no
 * GPO owns a right, so without Group Policy data only ok, missing and denied can come out.
 */
export function decideStatus(
  current: CheckOutline,
  afterRefresh: CheckOutline,
  allowRightOwner: GroupPolicyObjectRef | null,
  denyRightOwner: GroupPolicyObjectRef | null,
): FindingStatus {
  if (current.holdsRight) return afterRefresh.holdsRight ? 'ok' : 'revoked-at-refresh';
  const blockedByGpo =
    (afterRefresh.grantedBy.length === 0 && allowRightOwner !== null) ||
    (afterRefresh.deniedBy.length > 0 && denyRightOwner !== null);
  if (blockedByGpo) return 'gpo-blocked';
  return current.deniedBy.length > 0 ? 'denied' : 'missing';
}

export function checkRight(
  view: PolicyView,
  rule: RuleRow,
  identity: MatchedIdentity,
  token: readonly TokenSid[],
  context: EvaluationContext,
  unresolved: UnresolvedHolder[],
): RightCheck {
  const { accounts, indexHolders, input } = context;
  const ruleSet: RuleSetName = input.ruleSet;
  const grantedBy = matchHolders(
    indexHolders(view.holders(rule.allowRight!)),
    rule.allowRight!,
    'allow',
    identity,
    token,
    accounts,
    ruleSet,
    unresolved,
  );
  if (grantedBy.length === 0 && selfGrantCounts(rule, ruleSet)) grantedBy.push(selfGrant(rule, identity));
  const deniedBy =
    rule.denyRight === null
      ? []
      : matchHolders(
          indexHolders(view.holders(rule.denyRight)),
          rule.denyRight,
          'deny',
          identity,
          token,
          accounts,
          ruleSet,
          unresolved,
        );
  return { grantedBy, deniedBy, holdsRight: grantedBy.length > 0 && deniedBy.length === 0 };
}

/** IIS writes the identity's own SID into the right before the logon that needs it. */
export function selfGrant(rule: RuleRow, identity: MatchedIdentity): SidMatch {
  return {
    sid: identity.sid!,
    name: identity.name,
    holder: SELF_GRANT_HOLDER,
    origin: rule.selfGranted!.citation,
    evidence: rule.selfGranted!.evidence,
  };
}

export function sidsOf(matches: readonly SidMatch[]): string[] {
  return matches.map((match) => match.sid);
}
