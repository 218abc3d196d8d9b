import type { Evaluation, Finding } from './evaluate-identities';
import type { ExitCodeName } from './exit-codes';
import type { GroupPolicyObjectRef, HostInfo } from './model';
import type { PolicyProjection } from './policy';
import { ALL_STATUSES, FINDING_STATUSES, type FindingStatus } from './status';

/**
 * What became of one snapshot in a report: judged, or refused with the InputError message that
 * says why. A single `test --format junit|sarif` is a report of one judged snapshot.
 */
export type SnapshotOutcome = JudgedSnapshot | FailedSnapshot;

export interface JudgedSnapshot {
  kind: 'judged';
  /** The folder path as given, or the facts document's name. */
  name: string;
  host: HostInfo | null;
  evaluation: Evaluation;
  /** Kept so renderers can explain findings; null when the caller has no projection. */
  policy: PolicyProjection | null;
}

export interface FailedSnapshot {
  kind: 'failed';
  name: string;
  /** The InputError message: file, location, what was expected and what was found. */
  error: string;
}

export interface HostRank {
  snapshot: string;
  /** From host.json; null when the snapshot has none. */
  computerName: string | null;
  /** Findings not in the desired state. */
  problems: number;
  byStatus: Partial<Record<FindingStatus, number>>;
}

export interface GpoCause {
  gpo: GroupPolicyObjectRef;
  revokedAtRefresh: number;
  gpoBlocked: number;
  /** Hosts with at least one finding this GPO causes. */
  hosts: number;
}

export interface FleetSummary {
  snapshots: number;
  judged: number;
  failed: number;
  inDesiredState: number;
  notInDesiredState: number;
  /** No snapshot failed to load. */
  everySnapshotLoaded: boolean;
  /** Every snapshot that loaded is in the desired state (says nothing about the ones that failed). */
  everyLoadedHostInDesiredState: boolean;
  /** Findings per status over the fleet (every status, zeros included). */
  findings: Record<FindingStatus, number>;
  /** Hosts with at least one finding of each status. */
  hostsWithStatus: Record<FindingStatus, number>;
  /** Hosts with the most findings not in the desired state, worst first; only hosts with some. */
  worstHosts: HostRank[];
  /** GPOs that cause revoked-at-refresh and gpo-blocked findings, most findings first. */
  gpoCauses: GpoCause[];
}

export interface SummaryLimits {
  worstHosts: number;
  gpoCauses: number;
}

export const DEFAULT_SUMMARY_LIMITS: SummaryLimits = { worstHosts: 10, gpoCauses: 10 };

/** The computer name from host.json, else the snapshot's name. */
export function hostLabel(snapshot: Pick<JudgedSnapshot, 'name' | 'host'>): string {
  return snapshot.host?.computerName ?? snapshot.name;
}

export function isProblem(finding: Finding): boolean {
  return !FINDING_STATUSES[finding.status].inDesiredState;
}

/**
 * The GPOs a revoked-at-refresh or gpo-blocked finding comes from: the owner of the deny right
 * when its list will catch the identity after the refresh, and the owner of the allow right when
 * its list will not grant it. Both can be at fault at once; each is then counted.
 */
export function causingGpos(finding: Finding): GroupPolicyObjectRef[] {
  if (finding.status !== 'revoked-at-refresh' && finding.status !== 'gpo-blocked') return [];
  const after = finding.afterRefresh ?? { grantedBy: finding.grantedBy, deniedBy: finding.deniedBy };
  const causes: GroupPolicyObjectRef[] = [];
  if (after.deniedBy.length > 0 && finding.denyRightOwner) causes.push(finding.denyRightOwner);
  if (
    after.grantedBy.length === 0 &&
    finding.allowRightOwner &&
    !causes.some((gpo) => gpo.id === finding.allowRightOwner!.id)
  )
    causes.push(finding.allowRightOwner);
  return causes;
}

export function countStatuses(findings: readonly Finding[]): Partial<Record<FindingStatus, number>> {
  const counts: Partial<Record<FindingStatus, number>> = {};
  for (const finding of findings) counts[finding.status] = (counts[finding.status] ?? 0) + 1;
  // Table order, so JSON and tables list statuses the same way every time.
  const ordered: Partial<Record<FindingStatus, number>> = {};
  for (const status of ALL_STATUSES) if (counts[status] !== undefined) ordered[status] = counts[status];
  return ordered;
}

function zeroByStatus(): Record<FindingStatus, number> {
  const counts = {} as Record<FindingStatus, number>;
  for (const status of ALL_STATUSES) counts[status] = 0;
  return counts;
}

export function summarizeFleet(
  outcomes: readonly SnapshotOutcome[],
  limits: SummaryLimits = DEFAULT_SUMMARY_LIMITS,
): FleetSummary {
  const summarizer = new FleetSummarizer();
  for (const outcome of outcomes) summarizer.add(outcome);
  return summarizer.summary(limits);
}

/**
 * What the fleet summary reads of one judged snapshot. A report worker sends this instead of the
 * findings (62,000 objects over a fleet of 1,000, whose copy between threads cost more than
 * judging some of the snapshots).
 */
export interface SnapshotTally {
  inDesiredState: boolean;
  byStatus: Partial<Record<FindingStatus, number>>;
  /** Findings not in the desired state. */
  problems: number;
  /** The GPOs its findings blame (causingGpos), each once, in the order its findings first name them. */
  causes: { gpo: GroupPolicyObjectRef; revokedAtRefresh: number; gpoBlocked: number }[];
}

export function tallySnapshot(evaluation: Evaluation): SnapshotTally {
  const causes = new Map<string, SnapshotTally['causes'][number]>();
  for (const finding of evaluation.findings) {
    for (const gpo of causingGpos(finding)) {
      const cause = causes.get(gpo.id) ?? { gpo: { id: gpo.id, name: gpo.name }, revokedAtRefresh: 0, gpoBlocked: 0 };
      if (finding.status === 'revoked-at-refresh') cause.revokedAtRefresh++;
      else cause.gpoBlocked++;
      causes.set(gpo.id, cause);
    }
  }
  return {
    inDesiredState: evaluation.inDesiredState,
    byStatus: countStatuses(evaluation.findings),
    problems: evaluation.findings.filter(isProblem).length,
    causes: [...causes.values()],
  };
}

/**
 * The fleet summary built one outcome at a time, so `report` can let go of each evaluation as
 * soon as its piece of the output is written: what it keeps per host is a few counts.
 */
export class FleetSummarizer {
  private readonly findings = zeroByStatus();
  private readonly hostsWithStatus = zeroByStatus();
  private readonly ranks: HostRank[] = [];
  private readonly gpoCauses = new Map<string, GpoCause>();
  private snapshots = 0;
  private judged = 0;
  private inDesiredState = 0;

  /** The next outcome; `tally` is tallySnapshot of it when the caller has it already (a worker made it). */
  add(outcome: SnapshotOutcome, tally?: SnapshotTally): void {
    this.snapshots++;
    if (outcome.kind === 'failed') return;
    this.judged++;
    const { inDesiredState, byStatus, problems, causes } = tally ?? tallySnapshot(outcome.evaluation);
    if (inDesiredState) this.inDesiredState++;
    for (const [status, count] of Object.entries(byStatus) as [FindingStatus, number][]) {
      this.findings[status] += count;
      this.hostsWithStatus[status]++;
    }
    if (problems > 0)
      this.ranks.push({ snapshot: outcome.name, computerName: outcome.host?.computerName ?? null, problems, byStatus });
    for (const cause of causes) {
      const entry = this.gpoCauses.get(cause.gpo.id) ?? {
        gpo: { id: cause.gpo.id, name: cause.gpo.name },
        revokedAtRefresh: 0,
        gpoBlocked: 0,
        hosts: 0,
      };
      entry.revokedAtRefresh += cause.revokedAtRefresh;
      entry.gpoBlocked += cause.gpoBlocked;
      entry.hosts++;
      this.gpoCauses.set(cause.gpo.id, entry);
    }
  }

  summary(limits: SummaryLimits = DEFAULT_SUMMARY_LIMITS): FleetSummary {
    const failed = this.snapshots - this.judged;
    const ranks = [...this.ranks].sort((a, b) => b.problems - a.problems || compareText(a.snapshot, b.snapshot));
    const causes = [...this.gpoCauses.values()].sort(
      (a, b) =>
        b.revokedAtRefresh + b.gpoBlocked - (a.revokedAtRefresh + a.gpoBlocked) ||
        b.hosts - a.hosts ||
        compareText(a.gpo.name, b.gpo.name) ||
        compareText(a.gpo.id, b.gpo.id),
    );
    return {
      snapshots: this.snapshots,
      judged: this.judged,
      failed,
      inDesiredState: this.inDesiredState,
      notInDesiredState: this.judged - this.inDesiredState,
      everySnapshotLoaded: failed === 0,
      everyLoadedHostInDesiredState: this.judged === this.inDesiredState,
      findings: { ...this.findings },
      hostsWithStatus: { ...this.hostsWithStatus },
      worstHosts: ranks.slice(0, limits.worstHosts),
      gpoCauses: causes.slice(0, limits.gpoCauses).map((cause) => ({ ...cause, gpo: { ...cause.gpo } })),
    };
  }
}

/** The exit codes `report` can end with (report.schema.json's exitCode is generated from it). */
export const FLEET_EXIT_CODES = [
  'success',
  'notInDesiredState',
  'invalidInput',
] as const satisfies readonly ExitCodeName[];

/**
 * The exit code of `report` (src/core/exit-codes.ts): a snapshot that could not be loaded is
 * the more urgent fact (the fleet's state is unknown there), so it wins over findings.
 */
export function fleetExitCodeName(
  summary: Pick<FleetSummary, 'everySnapshotLoaded' | 'everyLoadedHostInDesiredState'>,
): (typeof FLEET_EXIT_CODES)[number] {
  if (!summary.everySnapshotLoaded) return 'invalidInput';
  if (!summary.everyLoadedHostInDesiredState) return 'notInDesiredState';
  return 'success';
}

/** Code-point order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
