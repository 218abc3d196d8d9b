import type {
  AccountDirectory,
  AccountKind,
  AnonymousScope,
  Diagnostic,
  GroupPolicyObjectRef,
  HostInfo,
  IisConfiguration,
} from './model';
import type { PolicyProjection } from './policy';
import type { IdentityRole, Symptom } from './roles';
import type { Evidence, IdentitySource, LogonType, RuleSetName } from './rules';
import type { FindingStatus } from './status';
import type { SidMatch, UnresolvedHolder } from './holder-match';
import type { TokenSid } from './token';

export type { SidMatch, UnresolvedHolder } from './holder-match';

/** The types of an evaluation and its findings (judged-finding.ts builds them). */

export interface EvaluationInput {
  iis: IisConfiguration;
  policy: PolicyProjection;
  accounts: AccountDirectory | null;
  host: HostInfo | null;
  ruleSet: RuleSetName;
}

export interface RightCheck {
  grantedBy: SidMatch[];
  deniedBy: SidMatch[];
  holdsRight: boolean;
}

export interface FindingIdentity {
  name: string;
  sid: string | null;
  kind: IdentitySource | 'unknown';
  accountKind: AccountKind | 'unknown';
  definedAt: string;
}

export interface Finding {
  site: string | null;
  path: string;
  scopeKind: AnonymousScope['kind'];
  applicationPool: string | null;
  /** What the identity does for IIS: log anonymous requests on, run the worker process, reach UNC content. */
  role: IdentityRole;
  /** What a client sees when this identity cannot log on. */
  symptom: Symptom;
  identity: FindingIdentity;
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
  /** What the verdict rests on beyond the snapshot: assumed defaults, inferred memberships, facts not collected. */
  notes: string[];
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

export function describeScope(scope: Pick<AnonymousScope, 'site' | 'path'>): string {
  return `Site "${scope.site}" path ${scope.path}`;
}

/** Where a worker process identity is defined, for the scope its pool serves. */
export function poolDefinedAt(scope: Pick<AnonymousScope, 'site' | 'path' | 'applicationPool'>): string {
  return `application pool "${scope.applicationPool}" serving site "${scope.site}" path ${scope.path}`;
}

export function describeAccount(name: string, sid: string | null): string {
  return sid === null ? name : `${name} (${sid})`;
}

export function describeMatches(matches: readonly SidMatch[]): string {
  return matches.map((match) => describeAccount(match.name, match.sid)).join(', ');
}
