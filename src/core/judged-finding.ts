import { configurationNotes } from './configuration-notes';
import { describeScope, type Finding, type FindingIdentity } from './finding';
import type { IdentityRole, Symptom } from './roles';
import { notRequiredMessage, statusMessage, unresolvedMessage } from './finding-messages';
import type { AnonymousIdentity } from './identity';
import type { AnonymousScope } from './model';
import type { IdentityVerdict } from './right-check';
import type { LogonType, RuleRow, RuleSetName } from './rules';

/**
 * A finding as judging makes it: the verdict's members, most of them shared with the other
 * findings of the same identity and rule, and what its notes and message are made from. The
 * texts (15 MB of messages at 10,000 sites, most of them alike) are written when something reads
 * them, so judging and the memory it holds pay for what the verdict needs only.
 *
 * `notes` and `message` are getters of the class, so a spread or a structured clone (a worker's
 * postMessage) of a JudgedFinding loses them: copy a finding with plainFinding() instead.
 * JSON.stringify calls toJSON, which gives the plain finding, members in output order.
 */

/** How the message begins: one of the sentences of finding-messages.ts, or a text written out. */
export type Wording = 'status' | 'not-required' | 'unresolved';

const SCOPE = Symbol('scope');
const ACCOUNT = Symbol('account');
const RULE_ROW = Symbol('rule row');
const RULE_SET = Symbol('rule set');
const WORDING = Symbol('wording');
const JUDGED_NOTES = Symbol('judged notes');

const NO_NOTES: readonly string[] = Object.freeze([]);

/** The empty lists of a finding nothing was matched for, one for all (nothing changes a finding's lists). */
const NONE = Object.freeze([]) as unknown as never[];

export class JudgedFinding implements Finding {
  declare site: string;
  declare path: string;
  declare scopeKind: Finding['scopeKind'];
  declare applicationPool: string | null;
  declare role: Finding['role'];
  declare symptom: Finding['symptom'];
  declare identity: FindingIdentity;
  declare logonType: LogonType | null;
  declare right: string | null;
  declare denyRight: string | null;
  declare rule: Finding['rule'];
  declare status: Finding['status'];
  declare grantedBy: string[];
  declare deniedBy: string[];
  declare afterRefresh: Finding['afterRefresh'];
  declare allowRightOwner: Finding['allowRightOwner'];
  declare denyRightOwner: Finding['denyRightOwner'];
  declare token: Finding['token'];
  declare matches: Finding['matches'];
  declare unresolvedHolders: Finding['unresolvedHolders'];
  declare [SCOPE]: AnonymousScope;
  declare [ACCOUNT]: AnonymousIdentity | null;
  declare [RULE_ROW]: RuleRow | undefined;
  declare [RULE_SET]: RuleSetName;
  /** A wording, or the message's beginning written out. */
  declare [WORDING]: Wording | string;
  /** The notes judging found (an assumed default, the token's, the domain groups'), before the configuration's. */
  declare [JUDGED_NOTES]: readonly string[];

  /**
   * A finding in the not-required shape that judging then fills in (the members are assigned
   * in one order, so every finding has one shape).
   */
  constructor(
    scope: AnonymousScope,
    role: IdentityRole,
    symptom: Symptom,
    identity: FindingIdentity,
    account: AnonymousIdentity | null,
    rule: RuleRow | undefined,
    ruleOut: Finding['rule'],
    ruleSet: RuleSetName,
    wording: Wording | string,
  ) {
    this.site = scope.site;
    this.path = scope.path;
    this.scopeKind = scope.kind;
    this.applicationPool = scope.applicationPool;
    this.role = role;
    this.symptom = symptom;
    this.identity = identity;
    this.logonType = account === null ? null : account.logonType;
    this.right = rule === undefined ? null : rule.allowRight;
    this.denyRight = rule === undefined ? null : rule.denyRight;
    this.rule = ruleOut;
    this.status = 'not-required';
    this.grantedBy = NONE;
    this.deniedBy = NONE;
    this.afterRefresh = null;
    this.allowRightOwner = null;
    this.denyRightOwner = null;
    this.token = NONE;
    this.matches = null;
    this.unresolvedHolders = NONE;
    this[SCOPE] = scope;
    this[ACCOUNT] = account;
    this[RULE_ROW] = rule;
    this[RULE_SET] = ruleSet;
    this[WORDING] = wording;
    this[JUDGED_NOTES] = NO_NOTES;
  }

  /**
   * A finding at another scope for the identity this one judged: its verdict members (the same
   * values, not copies), with the scope's own place, role and identity.
   */
  sameVerdictAt(scope: AnonymousScope, role: IdentityRole, symptom: Symptom, identity: FindingIdentity): JudgedFinding {
    const finding = new JudgedFinding(
      scope,
      role,
      symptom,
      identity,
      this[ACCOUNT],
      this[RULE_ROW],
      this.rule,
      this[RULE_SET],
      this[WORDING],
    );
    finding.status = this.status;
    finding.grantedBy = this.grantedBy;
    finding.deniedBy = this.deniedBy;
    finding.afterRefresh = this.afterRefresh;
    finding.allowRightOwner = this.allowRightOwner;
    finding.denyRightOwner = this.denyRightOwner;
    finding.token = this.token;
    finding.matches = this.matches;
    finding.unresolvedHolders = this.unresolvedHolders;
    finding[JUDGED_NOTES] = this[JUDGED_NOTES];
    return finding;
  }

  /** Takes the members of an identity's verdict (shared, never changed) and says the status. */
  holdVerdict(verdict: IdentityVerdict): void {
    this.grantedBy = verdict.grantedBy;
    this.deniedBy = verdict.deniedBy;
    this.afterRefresh = verdict.afterRefreshSids;
    this.token = verdict.token;
    this.matches = verdict.matches;
    this.unresolvedHolders = verdict.unresolvedHolders;
    this.addNotes(verdict.tokenNotes);
    this[WORDING] = 'status';
  }

  /** Says the message with `wording`, or with `text` written out. */
  word(wording: Wording | string): void {
    this[WORDING] = wording;
  }

  /** Adds notes judging found; `shared` may be another finding's array, which is never changed. */
  addNotes(shared: readonly string[]): void {
    if (shared.length === 0) return;
    const notes = this[JUDGED_NOTES];
    this[JUDGED_NOTES] = notes.length === 0 ? shared : [...notes, ...shared];
  }

  /** What the verdict rests on beyond the snapshot, the configuration's notes last. */
  get notes(): string[] {
    const configuration = configurationNotes(this[SCOPE], this.role);
    const judged = this[JUDGED_NOTES];
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
    const wording = this[WORDING];
    const account = this[ACCOUNT];
    const rule = this[RULE_ROW];
    const where = describeScope(this[SCOPE]);
    switch (wording) {
      case 'not-required':
        return notRequiredMessage(where, this.role, account!, rule, this[RULE_SET]);
      case 'unresolved':
        return unresolvedMessage(where, this, account!, rule!.allowRight!);
      case 'status':
        return statusMessage(this, rule!, account!, where, this[JUDGED_NOTES]);
      default:
        return wording;
    }
  }

  toJSON(): Finding {
    return plainFinding(this);
  }
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
