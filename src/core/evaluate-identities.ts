import { buildAccountIndex } from './accounts';
import {
  emptyFinding,
  ruledFinding,
  describeScope,
  type Evaluation,
  type EvaluationInput,
  type Finding,
  type FindingSubject,
} from './finding';
import { addConfigurationNotes } from './configuration-notes';
import { notRequiredMessage, statusMessage, unresolvedMessage } from './finding-messages';
import { holderIndexer } from './holder-match';
import { judgeIncompleteGroups } from './incomplete-groups';
import { resolveConnectAs, type AnonymousIdentity, type IdentityResolution } from './identity';
import type { AnonymousScope } from './model';
import { decideStatus, type EvaluationContext } from './right-check';
import { symptomFor, type IdentityRole } from './roles';
import { findRule, isEnforced } from './rules';
import { FINDING_STATUSES, reasonCode } from './status';
import { capitalize } from './sentence';
import { ResolutionMemo, ruleOutFor, verdictFor } from './once-per-evaluation';

export { describeAccount, describeScope } from './finding';
export { decideStatus } from './right-check';
export type { Evaluation, EvaluationInput, Finding, Reason, RightCheck, SidMatch, UnresolvedHolder } from './finding';

/**
 * Judges every identity IIS logs on with (the decision rules in docs/rules.md): at each scope the anonymous
 * user; for each site and application pool serving anonymous requests the worker process
 * identity; and the connect-as account of each virtual directory that names one.
 */
export function evaluateIdentities(input: EvaluationInput): Evaluation {
  const accounts = buildAccountIndex(input.accounts, input.host);
  const indexHolders = holderIndexer(accounts);
  const context: EvaluationContext = {
    input,
    accounts,
    indexHolders,
    iis6: input.iis.format === 'MetaBase.xml',
    verdicts: new Map(),
    ruleOuts: new Map(),
  };
  const findings: Finding[] = [];
  const poolsJudged = poolsServingAsAnonymous(input);
  const resolutions = new ResolutionMemo(context);
  for (const scope of input.iis.scopes) {
    const anonymous = resolutions.anonymous(scope);
    const anonymousRole: IdentityRole = anonymousRoleOf(scope, input);
    findings.push(
      judgeResolution(context, subjectOf(context, scope, anonymousRole), anonymous, scope.anonymous.definedAt),
    );
    const poolKey =
      scope.applicationPool === null ? null : `${scope.site.toLowerCase()}\u0000${scope.applicationPool.toLowerCase()}`;
    if (scope.anonymous.enabled && poolKey !== null && !poolsJudged.has(poolKey)) {
      poolsJudged.add(poolKey);
      const pool = resolutions.pool(scope.applicationPool!);
      // An undefined pool is already a diagnostic; only a defined pool has an identity to judge.
      if (pool.kind === 'identity')
        findings.push(
          judgeResolution(context, subjectOf(context, scope, 'worker-process'), pool, poolDefinedAt(scope)),
        );
    }
    if (scope.connectAs !== undefined) {
      const identity = resolveConnectAs(scope.connectAs, input.iis, accounts, input.host);
      findings.push(
        judgeResolution(
          context,
          subjectOf(context, scope, 'connect-as'),
          { kind: 'identity', identity },
          scope.connectAs.definedAt,
        ),
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

export function reasonFor(finding: Finding): { code: string; phrase: string } {
  return { code: reasonCode(finding.status), phrase: finding.message };
}

function subjectOf(context: EvaluationContext, scope: AnonymousScope, role: IdentityRole): FindingSubject {
  return { scope, role, symptom: symptomFor(role, context.iis6) };
}

/** IIS 7+ `userName=""`: anonymous requests run as the pool identity, so a failed logon stops the pool. */
function anonymousRoleOf(scope: AnonymousScope, input: EvaluationInput): IdentityRole {
  return input.iis.format === 'applicationHost.config' &&
    scope.anonymous.enabled &&
    scope.anonymous.userName.trim() === ''
    ? 'worker-process'
    : 'anonymous-user';
}

/** Site and pool pairs whose worker process identity an anonymous finding already judges (userName=""). */
function poolsServingAsAnonymous(input: EvaluationInput): Set<string> {
  const keys = new Set<string>();
  for (const scope of input.iis.scopes) {
    if (scope.applicationPool !== null && anonymousRoleOf(scope, input) === 'worker-process')
      keys.add(`${scope.site.toLowerCase()}\u0000${scope.applicationPool.toLowerCase()}`);
  }
  return keys;
}

function poolDefinedAt(scope: AnonymousScope): string {
  return `application pool "${scope.applicationPool}" serving site "${scope.site}" path ${scope.path}`;
}

function judgeResolution(
  context: EvaluationContext,
  subject: FindingSubject,
  resolution: IdentityResolution,
  definedAt: string,
): Finding {
  const finding = judgeResolved(context, subject, resolution, definedAt);
  addConfigurationNotes(finding, subject);
  return finding;
}

function judgeResolved(
  context: EvaluationContext,
  subject: FindingSubject,
  resolution: IdentityResolution,
  definedAt: string,
): Finding {
  const { scope } = subject;
  const where = describeScope(scope);
  if (resolution.kind === 'anonymous-disabled') {
    return emptyFinding(
      subject,
      {
        name: scope.anonymous.userName || '(application pool identity)',
        sid: null,
        kind: 'unknown',
        accountKind: 'unknown',
        definedAt,
      },
      'not-required',
      `${where}: anonymous authentication is disabled, so no anonymous identity needs a logon right.`,
    );
  }
  if (resolution.kind === 'unknown-pool') {
    const poolText =
      resolution.poolName === null
        ? 'no application pool'
        : `application pool "${resolution.poolName}", which is not defined`;
    return emptyFinding(
      subject,
      { name: `(identity of ${poolText})`, sid: null, kind: 'app-pool-identity', accountKind: 'unknown', definedAt },
      'unresolved',
      `${where}: anonymous requests run as the application pool identity (userName=""), but the path is served by ${poolText}; its identity cannot be judged.`,
    );
  }
  return judgeIdentity(context, subject, resolution.identity, definedAt, where);
}

function judgeIdentity(
  context: EvaluationContext,
  subject: FindingSubject,
  identity: AnonymousIdentity,
  definedAt: string,
  where: string,
): Finding {
  const { input } = context;
  const identityOut = {
    name: identity.name,
    sid: identity.sid,
    kind: identity.source,
    accountKind: identity.accountKind,
    definedAt,
  };
  const rule = findRule(identity.source, identity.logonType);
  const enforced = rule !== undefined && isEnforced(rule, input.ruleSet);
  const ruleOut = rule ? ruleOutFor(context, rule, enforced) : null;
  const finding = ruledFinding(
    subject,
    identityOut,
    identity.logonType,
    rule?.allowRight ?? null,
    rule?.denyRight ?? null,
    ruleOut,
  );
  if (identity.assumption !== undefined) finding.notes.push(`${capitalize(identity.assumption)}.`);

  if (!rule || !enforced || rule.allowRight === null) {
    finding.message = notRequiredMessage(where, subject.role, identity, rule, input.ruleSet);
    return finding;
  }

  finding.allowRightOwner = input.policy.owner(rule.allowRight);
  finding.denyRightOwner = rule.denyRight === null ? null : input.policy.owner(rule.denyRight);
  if (identity.sid === null) {
    finding.status = 'unresolved';
    finding.message = unresolvedMessage(where, finding, identity, rule.allowRight);
    return finding;
  }

  const verdict = verdictFor(context, identity, identity.sid, rule);
  finding.status = decideStatus(verdict.current, verdict.afterRefresh, finding.allowRightOwner, finding.denyRightOwner);
  finding.grantedBy = verdict.grantedBy;
  finding.deniedBy = verdict.deniedBy;
  finding.afterRefresh = verdict.afterRefreshSids;
  finding.token = verdict.token;
  finding.matches = verdict.matches;
  finding.unresolvedHolders = verdict.unresolvedHolders;
  for (const note of verdict.tokenNotes) finding.notes.push(note);
  judgeIncompleteGroups(finding, identity, [input.policy.current, input.policy.afterRefresh], context.accounts, where);
  if (finding.status !== 'unresolved') finding.message = statusMessage(finding, rule, identity, where);
  return finding;
}
