import { configurationNotes } from './configuration-notes';
import { describeScope, poolDefinedAt, type Finding, type FindingIdentity } from './finding';
import { symptomOf, type IdentityRole } from './roles';
import { disabledMessage, notRequiredMessage, statusMessage, unresolvedMessage } from './finding-messages';
import type { AnonymousIdentity } from './identity';
import type { AnonymousScope } from './model';
import type { IdentityVerdict } from './right-check';
import type { SharedVerdict, Wording } from './shared-verdict';
import { TemplateVerdict } from './template-verdict';
import type { LogonType } from './rules';

/**
 * A finding as judging makes it: its scope, role and identity, and a reference to the verdict of
 * its identity and rule, which the other findings of that identity share. Everything else is
 * read from those two (getters), and the texts (15 MB of messages at 10,000 sites, most of them
 * alike) are written when something reads them, so judging and the memory it holds pay for what
 * the verdict needs only: a finding is four members, not twenty-six.
 *
 * Most members are getters of the class, so a spread or a structured clone (a worker's
 * postMessage) of a JudgedFinding loses them: copy a finding with plainFinding() instead.
 * JSON.stringify calls toJSON, which gives the plain finding, members in output order.
 */

const SCOPE = Symbol('scope');
const VERDICT = Symbol('verdict');
const IDENTITY = Symbol('identity');

/**
 * Where a worker process finding's account was defined: the scope's pool, written out from the
 * scope when read (15,000 pool findings at 10,000 sites kept five concatenated strings each).
 */
export const SERVING_POOL = Symbol('the application pool serving the scope');

/** Where a judged account was defined: written out, or the scope's pool. */
export type DefinedAt = string | typeof SERVING_POOL;

/** The identity of a scope where anonymous authentication is disabled, written from the scope when read. */
export const ANONYMOUS_DISABLED = Symbol('no anonymous identity: anonymous authentication is disabled');

/** Where the identity was defined, or the identity written out or to be. */
type IdentityOrigin = FindingIdentity | DefinedAt | typeof ANONYMOUS_DISABLED;

/** The empty lists of a finding nothing was matched for, one for all (nothing changes a finding's lists). */
const NONE = Object.freeze([]) as unknown as never[];

export class JudgedFinding implements Finding {
  role: Finding['role'];
  /** The identity written out, or where the judged account was defined (the rest is the account's). */
  private readonly [IDENTITY]: IdentityOrigin;
  private readonly [SCOPE]: AnonymousScope;
  private [VERDICT]: SharedVerdict;

  /**
   * A finding holding `verdict`, which judging then fills in or which other findings share.
   * `identity` is written out, or is where a judged account was defined: the identity is then
   * made from the account when read.
   */
  constructor(scope: AnonymousScope, role: IdentityRole, identity: IdentityOrigin, verdict: SharedVerdict) {
    this.role = role;
    this[IDENTITY] = identity;
    this[SCOPE] = scope;
    this[VERDICT] = verdict;
  }

  /**
   * A finding at another scope for the identity this one judged: the same verdict (shared, not
   * copied), with the scope's own place, role and identity.
   */
  sameVerdictAt(scope: AnonymousScope, role: IdentityRole, identity: IdentityOrigin): JudgedFinding {
    const verdict = this[VERDICT];
    verdict.shared = true;
    return new JudgedFinding(scope, role, identity, verdict);
  }

  /** A finding of another account whose verdict `held` comes to this one's outcome (evaluate-identities.ts). */
  sameOutcomeAt(
    scope: AnonymousScope,
    role: IdentityRole,
    identity: DefinedAt,
    account: AnonymousIdentity,
    held: IdentityVerdict,
  ): JudgedFinding {
    return new JudgedFinding(scope, role, identity, this[VERDICT].copy(account, held));
  }

  /** The held verdict; one made when read is replaced by the plain one it makes (its getters cost renderers). */
  private lists(): IdentityVerdict | undefined {
    const shared = this[VERDICT];
    const held = shared.held;
    if (held instanceof TemplateVerdict) return (shared.held = held.whole());
    return held;
  }

  /** The verdict this finding alone holds, to change it. */
  private own(): SharedVerdict {
    if (this[VERDICT].shared) this[VERDICT] = this[VERDICT].copy();
    return this[VERDICT];
  }

  get identity(): FindingIdentity {
    const identity = this[IDENTITY];
    if (typeof identity === 'object') return identity;
    if (identity === ANONYMOUS_DISABLED) return disabledIdentity(this[SCOPE]);
    const account = this[VERDICT].account!;
    return {
      name: account.name,
      sid: account.sid,
      kind: account.source,
      accountKind: account.accountKind,
      definedAt: identity === SERVING_POOL ? poolDefinedAt(this[SCOPE]) : identity,
    };
  }
  /** The role's symptom under the judged IIS version (read, not kept by each of 37,500 findings). */
  get symptom(): Finding['symptom'] {
    return symptomOf(this[VERDICT].symptoms, this.role);
  }
  get site(): string {
    return this[SCOPE].site;
  }
  get path(): string {
    return this[SCOPE].path;
  }
  get scopeKind(): Finding['scopeKind'] {
    return this[SCOPE].kind;
  }
  get applicationPool(): string | null {
    return this[SCOPE].applicationPool;
  }
  get logonType(): LogonType | null {
    const account = this[VERDICT].account;
    return account === null ? null : account.logonType;
  }
  get right(): string | null {
    const rule = this[VERDICT].ruleRow;
    return rule === undefined ? null : rule.allowRight;
  }
  get denyRight(): string | null {
    const rule = this[VERDICT].ruleRow;
    return rule === undefined ? null : rule.denyRight;
  }
  get rule(): Finding['rule'] {
    return this[VERDICT].rule;
  }
  get status(): Finding['status'] {
    return this[VERDICT].status;
  }
  set status(status: Finding['status']) {
    this.own().status = status;
  }
  get grantedBy(): string[] {
    return this.lists()?.grantedBy ?? NONE;
  }
  get deniedBy(): string[] {
    return this.lists()?.deniedBy ?? NONE;
  }
  get afterRefresh(): Finding['afterRefresh'] {
    return this.lists()?.afterRefreshSids ?? null;
  }
  get allowRightOwner(): Finding['allowRightOwner'] {
    return this[VERDICT].allowRightOwner;
  }
  set allowRightOwner(owner: Finding['allowRightOwner']) {
    this.own().allowRightOwner = owner;
  }
  get denyRightOwner(): Finding['denyRightOwner'] {
    return this[VERDICT].denyRightOwner;
  }
  set denyRightOwner(owner: Finding['denyRightOwner']) {
    this.own().denyRightOwner = owner;
  }
  get token(): Finding['token'] {
    return this.lists()?.token ?? NONE;
  }
  get matches(): Finding['matches'] {
    return this.lists()?.matches ?? null;
  }
  get unresolvedHolders(): Finding['unresolvedHolders'] {
    return this.lists()?.unresolvedHolders ?? NONE;
  }

  /** Takes the members of an identity's verdict (shared, never changed) and says the status. */
  holdVerdict(verdict: IdentityVerdict): void {
    const own = this.own();
    own.held = verdict;
    this.addNotes(verdict.tokenNotes);
    own.wording = 'status';
  }

  /** Says the message with `wording`, or with `text` written out. */
  word(wording: Wording | string): void {
    this.own().wording = wording;
  }

  /** Adds notes judging found; `shared` may be another finding's array, which is never changed. */
  addNotes(shared: readonly string[]): void {
    if (shared.length === 0) return;
    const own = this.own();
    const notes = own.judgedNotes;
    own.judgedNotes = notes.length === 0 ? shared : [...notes, ...shared];
  }

  /** What the verdict rests on beyond the snapshot, the configuration's notes last. */
  get notes(): string[] {
    const configuration = configurationNotes(this[SCOPE], this.role);
    const judged = this[VERDICT].judgedNotes;
    return configuration.length === 0 ? [...judged] : [...judged, ...configuration];
  }

  get message(): string {
    let text = this.messageBeginning();
    for (const note of configurationNotes(this[SCOPE], this.role)) text += ` Note: ${note}`;
    // Reading a character makes V8 copy a concatenated string into one piece in place, so a kept
    // message (a reason's phrase) holds one string, not the 30 pieces it was joined from.
    text.charCodeAt(0);
    return text;
  }

  private messageBeginning(): string {
    const { wording, account, ruleRow: rule, ruleSet, judgedNotes } = this[VERDICT];
    const where = describeScope(this[SCOPE]);
    switch (wording) {
      case 'not-required':
        return notRequiredMessage(where, this.role, account!, rule, ruleSet);
      case 'unresolved':
        return unresolvedMessage(where, this, account!, rule!.allowRight!);
      case 'status':
        return statusMessage(this, rule!, account!, where, judgedNotes);
      case 'disabled':
        return disabledMessage(where);
      default:
        return wording;
    }
  }

  toJSON(): Finding {
    return plainFinding(this);
  }
}

/** Who a scope's anonymous setting names while anonymous authentication is off there. */
function disabledIdentity(scope: AnonymousScope): FindingIdentity {
  const { userName, definedAt } = scope.anonymous;
  return {
    name: userName || '(application pool identity)',
    sid: null,
    kind: 'unknown',
    accountKind: 'unknown',
    definedAt,
  };
}

/** The finding as a plain object, its members in the order every output writes them. */
export function plainFinding(finding: Finding): Finding {
  return {
    site: finding.site,
    path: finding.path,
    scopeKind: finding.scopeKind,
    applicationPool: finding.applicationPool,
    role: finding.role,
    symptom: finding.symptom,
    identity: finding.identity,
    logonType: finding.logonType,
    right: finding.right,
    denyRight: finding.denyRight,
    rule: finding.rule,
    status: finding.status,
    grantedBy: finding.grantedBy,
    deniedBy: finding.deniedBy,
    afterRefresh: finding.afterRefresh,
    allowRightOwner: finding.allowRightOwner,
    denyRightOwner: finding.denyRightOwner,
    token: finding.token,
    matches: finding.matches,
    unresolvedHolders: finding.unresolvedHolders,
    notes: finding.notes,
    message: finding.message,
  };
}
