import type { Finding } from './finding';
import type { AnonymousIdentity } from './identity';
import type { IdentityVerdict } from './right-check';
import type { RoleSymptoms } from './roles';
import type { RuleRow, RuleSetName } from './rules';

/** How a finding's message begins: one of the sentences of finding-messages.ts, or a text written out. */
export type Wording = 'status' | 'not-required' | 'unresolved' | 'disabled';

const NO_NOTES: readonly string[] = Object.freeze([]);

/** What the findings of one judged identity share; copied before a finding that shares it changes. */
export class SharedVerdict {
  status: Finding['status'] = 'not-required';
  allowRightOwner: Finding['allowRightOwner'] = null;
  denyRightOwner: Finding['denyRightOwner'] = null;
  /** The identity's verdict, whose lists the findings give (none for a finding nothing was matched for). */
  held: IdentityVerdict | undefined = undefined;
  /** The notes judging found (an assumed default, the token's, the domain groups'), before the configuration's. */
  judgedNotes: readonly string[] = NO_NOTES;
  /** Whether another finding holds this too. */
  shared = false;

  constructor(
    readonly account: AnonymousIdentity | null,
    readonly ruleRow: RuleRow | undefined,
    readonly rule: Finding['rule'],
    readonly ruleSet: RuleSetName,
    /** The judged IIS version's symptoms, by role. */
    readonly symptoms: RoleSymptoms,
    /** A wording, or the message's beginning written out. */
    public wording: Wording | string,
  ) {}

  /** A copy, for another account and its verdict where given. */
  copy(account = this.account, held = this.held): SharedVerdict {
    const copy = new SharedVerdict(account, this.ruleRow, this.rule, this.ruleSet, this.symptoms, this.wording);
    copy.status = this.status;
    copy.allowRightOwner = this.allowRightOwner;
    copy.denyRightOwner = this.denyRightOwner;
    copy.held = held;
    copy.judgedNotes = this.judgedNotes;
    return copy;
  }
}
