import { buildAccountIndex } from './accounts';
import {
  describeScope,
  poolDefinedAt,
  type Evaluation,
  type EvaluationInput,
  type Finding,
  type FindingIdentity,
  type Reason,
} from './finding';
import { holderIndexer } from './holder-match';
import { judgeIncompleteGroups } from './incomplete-groups';
import { ANONYMOUS_DISABLED, JudgedFinding, SERVING_POOL, type DefinedAt } from './judged-finding';
import {
  PoolVirtualAccount,
  resolveConnectAs,
  sidIsUnknown,
  type AnonymousIdentity,
  type IdentityResolution,
} from './identity';
import type { AnonymousScope } from './model';
import type { EvaluationContext } from './right-check';
import { roleSymptoms, type IdentityRole } from './roles';
import { FINDING_STATUSES, reasonCode } from './status';
import { capitalize } from './sentence';
import { unreadPoolsAlikeTo, verdictStatus } from './template-verdict';
import { IdentityKinds, verdictFor } from './once-per-evaluation';
import { ResolutionMemo } from './resolution-memo';
import { SharedVerdict } from './shared-verdict';
import { ScopePools } from './scope-pools';

export { describeAccount, describeScope } from './finding';
export { decideStatus } from './right-check';
export type { Evaluation, EvaluationInput, Finding, Reason, RightCheck, SidMatch, UnresolvedHolder } from './finding';

/**
 * Judges every identity IIS logs on with (the decision rules in docs/rules.md): at each scope the anonymous
 * user; for each site and application pool serving anonymous requests the worker process
 * identity; and the connect-as account of each virtual directory that names one.
 */
export function evaluateIdentities(input: EvaluationInput): Evaluation {
  const context = evaluationContext(input);
  const { accounts } = context;
  const findings: Finding[] = [];
  // Site and pool pairs whose worker process identity an anonymous finding judges (userName="").
  const pools = new ScopePools(input.iis.scopes, (scope) => anonymousRoleOf(scope, input) === 'worker-process');
  const resolutions = new ResolutionMemo(context);
  const scopes = input.iis.scopes;
  // Indexed, not for-of: the loop runs cold, and each step of an unoptimized iterator allocates.
  for (let index = 0; index < scopes.length; index++) {
    const scope = scopes[index]!;
    const pool = pools.of(index);
    const anonymous = resolutions.anonymous(scope, pool);
    const anonymousRole: IdentityRole = anonymousRoleOf(scope, input);
    findings.push(judgeResolution(context, scope, anonymousRole, anonymous, scope.anonymous.definedAt));
    if (scope.anonymous.enabled && pool !== null && pools.addPair(scope.site, pool)) {
      const resolution = resolutions.pool(pool);
      // An undefined pool is already a diagnostic; only a defined pool has an identity to judge.
      if (resolution.kind === 'identity')
        findings.push(judgeResolution(context, scope, 'worker-process', resolution, SERVING_POOL));
    }
    if (scope.connectAs !== undefined) {
      const identity = resolveConnectAs(scope.connectAs, input.iis, accounts, input.host);
      findings.push(
        judgeResolution(context, scope, 'connect-as', { kind: 'identity', identity }, scope.connectAs.definedAt),
      );
    }
  }
  const reasons = findings.filter((finding) => !FINDING_STATUSES[finding.status].inDesiredState).map(reasonFor);
  return {
    inDesiredState: reasons.length === 0,
    ruleSet: input.ruleSet,
    findings,
    reasons,
    diagnostics: [...input.iis.diagnostics],
  };
}

/** What an evaluation works out once and shares (right-check.ts), empty. */
export function evaluationContext(input: EvaluationInput): EvaluationContext {
  const accounts = buildAccountIndex(input.accounts, input.host);
  return {
    input,
    accounts,
    indexHolders: holderIndexer(accounts),
    iis6: input.iis.format === 'MetaBase.xml',
    kinds: new IdentityKinds(),
    assumptionNotes: new Map(),
    judgedIdentities: new Map(),
    disabledFinding: undefined,
    unreadPools: undefined,
  };
}

export function reasonFor(finding: Finding): Reason {
  return new FindingReason(finding);
}

const REASON_FINDING = Symbol('finding');

/**
 * A reason whose phrase, its finding's message, is written when read: the engine alone (P2)
 * reads none of the 2,450 at 10,000 sites. JSON.stringify calls toJSON; a spread or structured
 * clone keeps only the code, so copy a reason with `{ code, phrase }` first.
 */
class FindingReason implements Reason {
  readonly code: string;
  private readonly [REASON_FINDING]: Finding;

  constructor(finding: Finding) {
    this.code = reasonCode(finding.status);
    this[REASON_FINDING] = finding;
  }

  get phrase(): string {
    return this[REASON_FINDING].message;
  }

  toJSON(): Reason {
    return { code: this.code, phrase: this.phrase };
  }
}

/** IIS 7+ `userName=""`: anonymous requests run as the pool identity, so a failed logon stops the pool. */
function anonymousRoleOf(scope: AnonymousScope, input: EvaluationInput): IdentityRole {
  return input.iis.format === 'applicationHost.config' &&
    scope.anonymous.enabled &&
    scope.anonymous.userName.trim() === ''
    ? 'worker-process'
    : 'anonymous-user';
}

function judgeResolution(
  context: EvaluationContext,
  scope: AnonymousScope,
  role: IdentityRole,
  resolution: IdentityResolution,
  definedAt: DefinedAt,
): Finding {
  const ruleSet = context.input.ruleSet;
  const symptoms = roleSymptoms(context.iis6);
  if (resolution.kind === 'anonymous-disabled') {
    // Every such finding says the same of its own scope: one verdict for all of them, and the
    // identity and message written from the scope when read.
    const first = context.disabledFinding;
    if (first !== undefined) return first.sameVerdictAt(scope, role, ANONYMOUS_DISABLED);
    const finding = new JudgedFinding(
      scope,
      role,
      ANONYMOUS_DISABLED,
      new SharedVerdict(null, undefined, null, ruleSet, symptoms, 'disabled'),
    );
    context.disabledFinding = finding;
    return finding;
  }
  if (resolution.kind === 'unknown-pool') {
    const poolText =
      resolution.poolName === null
        ? 'no application pool'
        : `application pool "${resolution.poolName}", which is not defined`;
    const identity: FindingIdentity = {
      name: `(identity of ${poolText})`,
      sid: null,
      kind: 'app-pool-identity',
      accountKind: 'unknown',
      definedAt: definedAt === SERVING_POOL ? poolDefinedAt(scope) : definedAt,
    };
    const finding = new JudgedFinding(
      scope,
      role,
      identity,
      new SharedVerdict(
        null,
        undefined,
        null,
        ruleSet,
        symptoms,
        `${describeScope(scope)}: anonymous requests run as the application pool identity (userName=""), but the path is served by ${poolText}; its identity cannot be judged.`,
      ),
    );
    finding.status = 'unresolved';
    return finding;
  }
  return judgeIdentity(context, scope, role, resolution.identity, definedAt);
}

function judgeIdentity(
  context: EvaluationContext,
  scope: AnonymousScope,
  role: IdentityRole,
  identity: AnonymousIdentity,
  definedAt: DefinedAt,
): Finding {
  // The finding's identity is made from the account and definedAt when read (judged-finding.ts).
  // Every member but the scope's comes from the identity and the evaluation: a resolution memo
  // hands thousands of scopes the same identity object, judged once. Not an identity whose
  // domain groups are incomplete: the message that may say so is written out with its scope.
  const judged = context.judgedIdentities.get(identity);
  if (judged !== undefined) return judged.sameVerdictAt(scope, role, definedAt);
  const finding = judgeNewIdentity(context, scope, role, identity, definedAt);
  if (identity.groupsIncomplete === undefined) context.judgedIdentities.set(identity, finding);
  return finding;
}

function judgeNewIdentity(
  context: EvaluationContext,
  scope: AnonymousScope,
  role: IdentityRole,
  identity: AnonymousIdentity,
  definedAt: DefinedAt,
): JudgedFinding {
  const { input, unreadPools } = context;
  // What judging the account from here would come to (unreadPoolVerdict): the finding's outcome,
  // with its own account and lists.
  if (unreadPools !== undefined && identity instanceof PoolVirtualAccount && !identity.sidWorkedOut)
    return unreadPools.finding.sameOutcomeAt(
      scope,
      role,
      definedAt,
      identity,
      unreadPools.alike.forUnreadPool(identity),
    );
  const { rule, enforced, ruleOut, allowRightOwner, denyRightOwner } = context.kinds.ruleFor(context, identity);
  const finding = new JudgedFinding(
    scope,
    role,
    definedAt,
    new SharedVerdict(identity, rule, ruleOut, input.ruleSet, roleSymptoms(context.iis6), 'not-required'),
  );
  if (identity.assumption !== undefined) finding.addNotes(assumptionNote(context, identity.assumption));

  if (!rule || !enforced || rule.allowRight === null) return finding;

  finding.allowRightOwner = allowRightOwner;
  finding.denyRightOwner = denyRightOwner;
  if (sidIsUnknown(identity)) {
    finding.status = 'unresolved';
    finding.word('unresolved');
    return finding;
  }

  const verdict = verdictFor(context, identity, rule);
  finding.status = verdictStatus(verdict, finding.allowRightOwner, finding.denyRightOwner);
  finding.holdVerdict(verdict);
  if (identity instanceof PoolVirtualAccount && unreadPools === undefined) {
    const alike = unreadPoolsAlikeTo(verdict);
    if (alike !== undefined) context.unreadPools = { finding, alike };
  }
  if (identity.groupsIncomplete !== undefined)
    judgeIncompleteGroups(finding, identity, [input.policy.current, input.policy.afterRefresh], context.accounts);
  return finding;
}

/** The note of an assumed default, one array per distinct text, shared by the findings that carry it. */
function assumptionNote(context: EvaluationContext, assumption: string): readonly string[] {
  let note = context.assumptionNotes.get(assumption);
  if (note === undefined) {
    note = Object.freeze([`${capitalize(assumption)}.`]);
    context.assumptionNotes.set(assumption, note);
  }
  return note;
}
