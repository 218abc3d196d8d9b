import type { Finding } from '../core/evaluate-identities';
import { EXIT_CODES, type ExitCode } from '../core/exit-codes';
import {
  causingGpos,
  countStatuses,
  fleetExitCodeName,
  summarizeFleet,
  type FleetSummary,
  type SnapshotOutcome,
  type SummaryLimits,
  DEFAULT_SUMMARY_LIMITS,
} from '../core/fleet-summary';
import type { GroupPolicyObjectRef, HostInfo } from '../core/model';
import type { RuleSetName } from '../core/rules';
import type { FindingStatus } from '../core/status';
import { VERSION } from '../version';

/** A finding without the token and match details (`test --format json` has those per host). */
export interface ReportFinding {
  site: string | null;
  path: string;
  identity: { name: string; sid: string | null };
  right: string | null;
  status: FindingStatus;
  message: string;
  /** GPOs behind a revoked-at-refresh or gpo-blocked finding. */
  causedBy: GroupPolicyObjectRef[];
}

export interface ReportHost {
  snapshot: string;
  loaded: true;
  host: HostInfo | null;
  inDesiredState: boolean;
  summary: Partial<Record<FindingStatus, number>>;
  findings: ReportFinding[];
  diagnostics: number;
}

export interface ReportFailure {
  snapshot: string;
  loaded: false;
  error: string;
}

/** What `report --format json` prints (schemas/report.schema.json). */
export interface ReportDocument {
  tool: { name: 'iis-logon-rights'; version: string };
  ruleSet: RuleSetName;
  withGpo?: string[];
  /** The two facts the exit code is made of, and the code itself. */
  everySnapshotLoaded: boolean;
  everyLoadedHostInDesiredState: boolean;
  exitCode: ExitCode;
  summary: FleetSummary;
  snapshots: (ReportHost | ReportFailure)[];
}

export function buildReportDocument(
  outcomes: readonly SnapshotOutcome[],
  ruleSet: RuleSetName,
  withGpo: readonly string[],
  limits: SummaryLimits = DEFAULT_SUMMARY_LIMITS,
): ReportDocument {
  return {
    ...reportHeader(summarizeFleet(outcomes, limits), ruleSet, withGpo),
    snapshots: outcomes.map(reportSnapshot),
  };
}

/** Everything before the snapshots: what the whole fleet decides. */
export function reportHeader(
  summary: FleetSummary,
  ruleSet: RuleSetName,
  withGpo: readonly string[],
): Omit<ReportDocument, 'snapshots'> {
  return {
    tool: { name: 'iis-logon-rights', version: VERSION },
    ruleSet,
    ...(withGpo.length > 0 ? { withGpo: [...withGpo] } : {}),
    everySnapshotLoaded: summary.everySnapshotLoaded,
    everyLoadedHostInDesiredState: summary.everyLoadedHostInDesiredState,
    exitCode: EXIT_CODES[fleetExitCodeName(summary)].code,
    summary,
  };
}

/** One snapshot's entry in `snapshots`. */
export function reportSnapshot(outcome: SnapshotOutcome): ReportHost | ReportFailure {
  if (outcome.kind === 'failed') return { snapshot: outcome.name, loaded: false, error: outcome.error };
  return {
    snapshot: outcome.name,
    loaded: true,
    host: outcome.host === null ? null : knownHostFields(outcome.host),
    inDesiredState: outcome.evaluation.inDesiredState,
    summary: countStatuses(outcome.evaluation.findings),
    findings: outcome.evaluation.findings.map(reportFinding),
    diagnostics: outcome.evaluation.diagnostics.length,
  };
}

function reportFinding(finding: Finding): ReportFinding {
  return {
    site: finding.site,
    path: finding.path,
    identity: { name: finding.identity.name, sid: finding.identity.sid },
    right: finding.right,
    status: finding.status,
    message: finding.message,
    causedBy: causingGpos(finding).map((gpo) => ({ id: gpo.id, name: gpo.name })),
  };
}

/** host.json may carry more (collectedAt, $schema); the report names only what HostInfo defines. */
function knownHostFields(host: HostInfo): HostInfo {
  const out: HostInfo = {};
  if (host.computerName !== undefined) out.computerName = host.computerName;
  if (host.domain !== undefined) out.domain = host.domain;
  if (host.domainJoined !== undefined) out.domainJoined = host.domainJoined;
  if (host.osVersion !== undefined) out.osVersion = host.osVersion;
  if (host.iisVersion !== undefined) out.iisVersion = host.iisVersion;
  return out;
}
