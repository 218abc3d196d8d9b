import { buildAccountIndex, type AccountIndex } from './accounts';
import { describeGpo } from './group-policy';
import { resolveAnonymousIdentity, type AnonymousIdentity } from './identity';
import type { AccountDirectory, AccountKind, AnonymousScope, Diagnostic, GroupPolicyObjectRef, HostInfo, IisConfiguration, PolicyHolder } from './model';
import type { PolicyProjection, PolicyView } from './policy';
import { describeRight } from './rights';
import { findRule, isEnforced, tokenSidCounts, type Evidence, type IdentitySource, type LogonType, type RuleRow, type RuleSetName } from './rules';
import { normalizeAccountName } from './sids';
import { FINDING_STATUSES, reasonCode, type FindingStatus } from './status';
import { computeTokenSids, type TokenSid } from './token';

export interface EvaluationInput {
  iis: IisConfiguration;
  policy: PolicyProjection;
  accounts: AccountDirectory | null;
  host: HostInfo | null;
  ruleSet: RuleSetName;
}

/** One SID of the identity's token that matched a holder of a right. */
export interface SidMatch {
  sid: string;
  name: string;
  /** The policy entry that matched, as written (`*S-1-5-113`, `Guest`). */
  holder: string;
  origin: string;
  evidence: Evidence;
}

export interface RightCheck {
  grantedBy: SidMatch[];
  deniedBy: SidMatch[];
  holdsRight: boolean;
}

export interface UnresolvedHolder {
  right: string;
  name: string;
}

export interface Finding {
  site: string | null;
  path: string;
  scopeKind: AnonymousScope['kind'];
  applicationPool: string | null;
  identity: {
    name: string;
    sid: string | null;
    kind: IdentitySource | 'unknown';
    accountKind: AccountKind | 'unknown';
    definedAt: string;
  };
  logonType: LogonType | null;
  right: string | null;
  denyRight: string | null;
  status: FindingStatus;
  /** SIDs that grant the right now (current local policy). */
  grantedBy: string[];
  /** SIDs that deny it now. */
  deniedBy: string[];
  /** The same after the next Group Policy refresh; null without Group Policy data. */
  afterRefresh: { grantedBy: string[]; deniedBy: string[] } | null;
  allowRightOwner: GroupPolicyObjectRef | null;
  denyRightOwner: GroupPolicyObjectRef | null;
  rule: { id: string; evidence: Evidence; enforced: boolean; citation: string } | null;
  token: TokenSid[];
  matches: { current: RightCheck; afterRefresh: RightCheck } | null;
  unresolvedHolders: UnresolvedHolder[];
  message: string;
}

export interface Reason {
  code: string;
  phrase: string;
}

export interface Evaluation {
  inDesiredState: boolean;
  ruleSet: RuleSetName;
  findings: Finding[];
  reasons: Reason[];
  diagnostics: Diagnostic[];
}

export function evaluateSnapshot(input: EvaluationInput): Evaluation {
  const accounts = buildAccountIndex(input.accounts, input.host);
  const indexHolders = holderIndexer(accounts);
  const findings = input.iis.scopes.map((scope) => evaluateScope(scope, input, accounts, indexHolders));
  const reasons = findings.filter((finding) => !FINDING_STATUSES[finding.status].inDesiredState).map(reasonFor);
  return {
    inDesiredState: reasons.length === 0,
    ruleSet: input.ruleSet,
    findings,
    reasons,
    diagnostics: [...input.iis.diagnostics],
  };
}

export function reasonFor(finding: Finding): Reason {
  return { code: reasonCode(finding.status), phrase: finding.message };
}

function evaluateScope(scope: AnonymousScope, input: EvaluationInput, accounts: AccountIndex, indexHolders: HolderIndexer): Finding {
  const resolution = resolveAnonymousIdentity(scope, input.iis, accounts, input.host);
  const where = describeScope(scope);

  if (resolution.kind === 'anonymous-disabled') {
    return emptyFinding(scope, { name: scope.anonymous.userName || '(application pool identity)', sid: null, kind: 'unknown', accountKind: 'unknown', definedAt: scope.anonymous.definedAt }, 'not-required', `${where}: anonymous authentication is disabled, so no anonymous identity needs a logon right.`);
  }
  if (resolution.kind === 'unknown-pool') {
    const poolText = resolution.poolName === null ? 'no application pool' : `application pool "${resolution.poolName}", which is not defined`;
    return emptyFinding(scope, { name: `(identity of ${poolText})`, sid: null, kind: 'app-pool-identity', accountKind: 'unknown', definedAt: scope.anonymous.definedAt }, 'unresolved', `${where}: anonymous requests run as the application pool identity (userName=""), but the path is served by ${poolText}; its identity cannot be judged.`);
  }

  const identity = resolution.identity;
  const identityOut = { name: identity.name, sid: identity.sid, kind: identity.source, accountKind: identity.accountKind, definedAt: scope.anonymous.definedAt };
  const rule = findRule(identity.source, identity.logonType);
  const enforced = rule !== undefined && isEnforced(rule, input.ruleSet);
  const ruleOut = rule ? { id: rule.id, evidence: rule.evidence, enforced, citation: rule.citation } : null;
  const finding = ruledFinding(scope, identityOut, identity.logonType, rule, ruleOut);

  if (!rule || !enforced || rule.allowRight === null) {
    finding.message = notRequiredMessage(where, identity, rule, input.ruleSet);
    return finding;
  }

  const allowRightOwner = input.policy.owner(rule.allowRight);
  const denyRightOwner = rule.denyRight === null ? null : input.policy.owner(rule.denyRight);
  finding.allowRightOwner = allowRightOwner;
  finding.denyRightOwner = denyRightOwner;
  if (identity.sid === null) {
    finding.status = 'unresolved';
    finding.message = `${where}: anonymous account ${identity.name} needs ${describeRight(rule.allowRight)}, but ${identity.unresolvedReason ?? 'its SID is unknown'}; resolve the account on the host and collect again.`;
    return finding;
  }

  const token = computeTokenSids({ sid: identity.sid, accountKind: identity.accountKind, groups: identity.groups, source: identity.source, logonType: identity.logonType, host: input.host });
  const unresolvedHolders: UnresolvedHolder[] = [];
  const check = (view: PolicyView) => checkRight(view, rule, identity, token, accounts, indexHolders, input.ruleSet, unresolvedHolders);
  const current = check(input.policy.current);
  const afterRefresh = check(input.policy.afterRefresh);
  finding.status = decideStatus(current, afterRefresh, allowRightOwner, denyRightOwner);
  finding.grantedBy = sidsOf(current.grantedBy);
  finding.deniedBy = sidsOf(current.deniedBy);
  finding.afterRefresh = input.policy.hasGroupPolicyData ? { grantedBy: sidsOf(afterRefresh.grantedBy), deniedBy: sidsOf(afterRefresh.deniedBy) } : null;
  finding.token = token;
  finding.matches = { current, afterRefresh };
  finding.unresolvedHolders = dedupeUnresolved(unresolvedHolders);
  finding.message = statusMessage(finding, rule, identity, where);
  return finding;
}

/**
 * The status rules (README, "Statuses"). `afterRefresh` equals `current` where no
 * GPO owns a right, so without Group Policy data only ok, missing and denied can come out.
 */
export function decideStatus(current: RightCheck, afterRefresh: RightCheck, allowRightOwner: GroupPolicyObjectRef | null, denyRightOwner: GroupPolicyObjectRef | null): FindingStatus {
  if (current.holdsRight) return afterRefresh.holdsRight ? 'ok' : 'revoked-at-refresh';
  const blockedByGpo = (afterRefresh.grantedBy.length === 0 && allowRightOwner !== null) || (afterRefresh.deniedBy.length > 0 && denyRightOwner !== null);
  if (blockedByGpo) return 'gpo-blocked';
  return current.deniedBy.length > 0 ? 'denied' : 'missing';
}

function checkRight(view: PolicyView, rule: RuleRow, identity: AnonymousIdentity, token: readonly TokenSid[], accounts: AccountIndex, indexHolders: HolderIndexer, ruleSet: RuleSetName, unresolved: UnresolvedHolder[]): RightCheck {
  const grantedBy = matchHolders(indexHolders(view.holders(rule.allowRight!)), rule.allowRight!, 'allow', identity, token, accounts, ruleSet, unresolved);
  const deniedBy = rule.denyRight === null ? [] : matchHolders(indexHolders(view.holders(rule.denyRight)), rule.denyRight, 'deny', identity, token, accounts, ruleSet, unresolved);
  return { grantedBy, deniedBy, holdsRight: grantedBy.length > 0 && deniedBy.length === 0 };
}

/** One entry of a right's holder list, resolved to a SID once per evaluation. */
interface IndexedHolder {
  position: number;
  holder: PolicyHolder;
  /** The SID the entry stands for; undefined for a name the account index cannot resolve. */
  sid: string | undefined;
  /** The normalized account name, for entries written as a name; null for SID entries. */
  normalizedName: string | null;
}

/**
 * A holder list prepared for matching. Lists grow with the server (every started pool's SID is
 * in "Log on as a service"), so matching walks the token's few SIDs through these maps instead
 * of walking the whole list for every scope.
 */
interface HolderIndex {
  bySid: Map<string, IndexedHolder[]>;
  /** Name entries by normalized name: an entry naming the identity itself stands for its SID. */
  byName: Map<string, IndexedHolder[]>;
  /** Name entries the account index cannot resolve, in list order. */
  unresolved: IndexedHolder[];
}

type HolderIndexer = (holders: readonly PolicyHolder[]) => HolderIndex;

/** Indexes each distinct holder list once per evaluation (the views hand out the same arrays). */
function holderIndexer(accounts: AccountIndex): HolderIndexer {
  const cache = new Map<readonly PolicyHolder[], HolderIndex>();
  return (holders) => {
    let index = cache.get(holders);
    if (index === undefined) {
      index = buildHolderIndex(holders, accounts);
      cache.set(holders, index);
    }
    return index;
  };
}

function buildHolderIndex(holders: readonly PolicyHolder[], accounts: AccountIndex): HolderIndex {
  const index: HolderIndex = { bySid: new Map(), byName: new Map(), unresolved: [] };
  holders.forEach((holder, position) => {
    const normalizedName = holder.kind === 'name' ? normalizeAccountName(holder.name) : null;
    const sid = holder.kind === 'sid' ? holder.sid : accounts.byName(holder.name)?.sid;
    const entry: IndexedHolder = { position, holder, sid, normalizedName };
    if (normalizedName !== null) appendTo(index.byName, normalizedName, entry);
    if (sid !== undefined) appendTo(index.bySid, sid, entry);
    else index.unresolved.push(entry);
  });
  return index;
}

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * The token SIDs that hold the right, each through the first list entry that names it, in list
 * order. An entry written as the identity's own name stands for the identity's SID (whatever
 * else the name resolves to); an unresolvable name that is not the identity is reported.
 */
function matchHolders(index: HolderIndex, right: string, purpose: 'allow' | 'deny', identity: AnonymousIdentity, token: readonly TokenSid[], accounts: AccountIndex, ruleSet: RuleSetName, unresolved: UnresolvedHolder[]): SidMatch[] {
  const identityName = normalizeAccountName(identity.name);
  for (const { holder, normalizedName } of index.unresolved) {
    if (holder.kind === 'name' && normalizedName !== identityName) unresolved.push({ right, name: holder.name });
  }
  const found: { entry: IndexedHolder; sid: string; tokenEntry: TokenSid }[] = [];
  // computeTokenSids gives each SID once, so the token is walked as it is (no map per call).
  for (const tokenEntry of token) {
    if (!tokenSidCounts(tokenEntry.evidence, purpose, ruleSet)) continue;
    const sid = tokenEntry.sid;
    let first = index.bySid.get(sid)?.find((entry) => entry.normalizedName !== identityName);
    if (sid === identity.sid) {
      const naming = index.byName.get(identityName)?.[0];
      if (naming !== undefined && (first === undefined || naming.position < first.position)) first = naming;
    }
    if (first !== undefined) found.push({ entry: first, sid, tokenEntry });
  }
  found.sort((a, b) => a.entry.position - b.entry.position);
  return found.map(({ entry, sid, tokenEntry }) => ({
    sid,
    name: entry.holder.kind === 'sid' && entry.holder.name ? entry.holder.name : accounts.displayName(sid),
    holder: entry.holder.written,
    origin: tokenEntry.origin,
    evidence: tokenEntry.evidence,
  }));
}

function sidsOf(matches: readonly SidMatch[]): string[] {
  return matches.map((match) => match.sid);
}

function dedupeUnresolved(entries: readonly UnresolvedHolder[]): UnresolvedHolder[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.right}\u0000${normalizeAccountName(entry.name)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A finding for a resolved identity with its rule, in the not-required shape that the checks in
 * evaluateScope then fill in. Written as one literal (no spreads): findings are built for every
 * scope, and this is their key order in every output.
 */
function ruledFinding(scope: AnonymousScope, identity: Finding['identity'], logonType: LogonType, rule: RuleRow | undefined, ruleOut: Finding['rule']): Finding {
  return {
    site: scope.site,
    path: scope.path,
    scopeKind: scope.kind,
    applicationPool: scope.applicationPool,
    identity,
    logonType,
    right: rule?.allowRight ?? null,
    denyRight: rule?.denyRight ?? null,
    rule: ruleOut,
    status: 'not-required',
    grantedBy: [],
    deniedBy: [],
    afterRefresh: null,
    allowRightOwner: null,
    denyRightOwner: null,
    token: [],
    matches: null,
    unresolvedHolders: [],
    message: '',
  };
}

/** A finding with no identity to judge; note its key order differs from ruledFinding's (rule comes later). */
function emptyFinding(scope: AnonymousScope, identity: Finding['identity'], status: FindingStatus, message: string): Finding {
  return {
    site: scope.site,
    path: scope.path,
    scopeKind: scope.kind,
    applicationPool: scope.applicationPool,
    identity,
    logonType: null,
    right: null,
    denyRight: null,
    status,
    grantedBy: [],
    deniedBy: [],
    afterRefresh: null,
    allowRightOwner: null,
    denyRightOwner: null,
    rule: null,
    token: [],
    matches: null,
    unresolvedHolders: [],
    message,
  };
}

export function describeScope(scope: Pick<AnonymousScope, 'site' | 'path'>): string {
  return `Site "${scope.site}" path ${scope.path}`;
}

export function describeAccount(name: string, sid: string | null): string {
  return sid === null ? name : `${name} (${sid})`;
}

function describeMatches(matches: readonly SidMatch[]): string {
  return matches.map((match) => describeAccount(match.name, match.sid)).join(', ');
}


function notRequiredMessage(where: string, identity: AnonymousIdentity, rule: RuleRow | undefined, ruleSet: RuleSetName): string {
  const who = describeAccount(identity.name, identity.sid);
  if (!rule) return `${where}: ${who} logs on as ${identity.logonType}; no rule requires a logon right for it.`;
  if (rule.allowRight === null) return `${where}: ${who} needs no logon right from policy (${rule.citation}).`;
  return `${where}: ${who} is not checked under the ${ruleSet} rules: the evidence that it needs ${describeRight(rule.allowRight)} is ${rule.evidence} (${rule.citation}). Use --rules conservative to enforce it.`;
}

function statusMessage(finding: Finding, rule: RuleRow, identity: AnonymousIdentity, where: string): string {
  const who = `anonymous account ${describeAccount(identity.name, identity.sid)}`;
  const right = describeRight(rule.allowRight!);
  const denyRight = rule.denyRight ? describeRight(rule.denyRight) : '';
  const matches = finding.matches!;
  const unresolvedNote = finding.unresolvedHolders.length > 0 ? ` Policy entries that could not be resolved: ${finding.unresolvedHolders.map((entry) => `"${entry.name}" in ${entry.right}`).join(', ')}.` : '';
  switch (finding.status) {
    case 'ok':
      return `${where}: ${who} holds ${right} through ${describeMatches(matches.current.grantedBy)}${finding.allowRightOwner ? `, and ${describeGpo(finding.allowRightOwner)} keeps granting it` : ''}.${unresolvedNote}`;
    case 'missing': {
      const pending = matches.afterRefresh.holdsRight ? ` The owning ${describeGpo(finding.allowRightOwner!)} grants it, so the next Group Policy refresh should add it.` : '';
      return `${where}: ${who} lacks ${right}; no SID in its token holds it.${pending}${unresolvedNote}`;
    }
    case 'denied':
      return `${where}: ${who} is denied ${right} by ${denyRight} held by ${describeMatches(matches.current.deniedBy)}.${unresolvedNote}`;
    case 'revoked-at-refresh': {
      const cause = matches.afterRefresh.deniedBy.length > 0 && finding.denyRightOwner
        ? `${describeGpo(finding.denyRightOwner)} defines ${denyRight} with ${describeMatches(matches.afterRefresh.deniedBy)}`
        : `${describeGpo(finding.allowRightOwner!)} defines ${right} without any SID in the account's token`;
      return `${where}: ${who} holds ${right} now through ${describeMatches(matches.current.grantedBy)}, but ${cause}, so the next Group Policy refresh removes it.${unresolvedNote}`;
    }
    case 'gpo-blocked': {
      const cause = matches.afterRefresh.deniedBy.length > 0 && finding.denyRightOwner
        ? `is denied ${right} by ${denyRight} held by ${describeMatches(matches.afterRefresh.deniedBy)}, which ${describeGpo(finding.denyRightOwner)} defines`
        : `lacks ${right}, which ${describeGpo(finding.allowRightOwner!)} defines without any SID in the account's token`;
      return `${where}: ${who} ${cause}; a local change would be undone at the next refresh, so the fix belongs in the GPO.${unresolvedNote}`;
    }
    default:
      return `${where}: ${who}: ${FINDING_STATUSES[finding.status].summary}`;
  }
}
