import type Table from 'cli-table3';
import { newCliTable, tableCell } from './cli-table';
import { summarizeFleet, type FailedSnapshot, type FleetSummary, type SnapshotOutcome, type SummaryLimits, DEFAULT_SUMMARY_LIMITS } from '../core/fleet';
import type { RuleSetName } from '../core/rules';
import { ALL_STATUSES, FINDING_STATUSES, type FindingStatus } from '../core/status';
import { paintStatus, type TableStyle } from './paint';

/**
 * The fleet summary for people: one verdict line, findings by status, the worst hosts, the GPOs
 * behind revoked-at-refresh and gpo-blocked findings, and the snapshots that could not be loaded.
 */
export function renderReportTable(outcomes: readonly SnapshotOutcome[], ruleSet: RuleSetName, style: TableStyle, limits: SummaryLimits = DEFAULT_SUMMARY_LIMITS): string {
  return renderFleetSummaryTable(summarizeFleet(outcomes, limits), outcomes.filter((outcome): outcome is FailedSnapshot => outcome.kind === 'failed'), ruleSet, style);
}

/** The same from the summary and the snapshots that failed, which is all `report` keeps. */
export function renderFleetSummaryTable(summary: FleetSummary, failures: readonly FailedSnapshot[], ruleSet: RuleSetName, style: TableStyle): string {
  const out: string[] = [reportVerdict(summary, ruleSet)];
  if (summary.judged > 0) {
    const statuses = newTable(['Status', 'Findings', 'Hosts'], style);
    for (const status of ALL_STATUSES) statuses.push([paintStatus(status, style), String(summary.findings[status]), String(summary.hostsWithStatus[status])]);
    out.push('', 'Findings by status', statuses.toString());
  }
  if (summary.worstHosts.length > 0) {
    const worst = newTable(['Host', 'Snapshot', 'Not in desired state', 'By status'], style);
    for (const rank of summary.worstHosts) worst.push([tableCell(rank.computerName ?? '(no host.json)'), tableCell(rank.snapshot), String(rank.problems), describeByStatus(rank.byStatus, style, (status) => !FINDING_STATUSES[status].inDesiredState)]);
    out.push('', `Worst hosts (${summary.worstHosts.length} of ${summary.notInDesiredState} not in the desired state)`, worst.toString());
  }
  if (summary.gpoCauses.length > 0) {
    const gpos = newTable(['GPO', 'Id', 'revoked-at-refresh', 'gpo-blocked', 'Hosts'], style);
    for (const cause of summary.gpoCauses) gpos.push([cause.gpo.name === cause.gpo.id ? '(unnamed)' : tableCell(cause.gpo.name), cause.gpo.id, String(cause.revokedAtRefresh), String(cause.gpoBlocked), String(cause.hosts)]);
    out.push('', 'GPOs behind revoked-at-refresh and gpo-blocked findings', gpos.toString());
  }
  if (failures.length > 0) {
    const failed = newTable(['Snapshot', 'Error'], style, [null, 80]);
    for (const failure of failures) failed.push([tableCell(failure.name), tableCell(withinSnapshot(failure.name, failure.error))]);
    out.push('', `Could not be loaded (${failures.length})`, failed.toString());
  }
  return `${out.join('\n')}\n`;
}

/** `1000 snapshot(s): 990 loaded, 10 could not be loaded; 400 in the desired state, 590 not (documented rules).` */
export function reportVerdict(summary: FleetSummary, ruleSet: RuleSetName): string {
  const loaded = summary.failed === 0 ? `all ${summary.judged} loaded` : `${summary.judged} loaded, ${summary.failed} could not be loaded`;
  return `${summary.snapshots} snapshot(s): ${loaded}; ${summary.inDesiredState} in the desired state, ${summary.notInDesiredState} not (${ruleSet} rules).`;
}

/** Without rules between rows: a fleet's tables are long, and a rule per row doubles them. */
const COMPACT_CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function newTable(head: string[], style: TableStyle, colWidths?: (number | null)[]): Table.Table {
  return newCliTable({ head, chars: COMPACT_CHARS, style: { head: style.color ? ['bold'] : [], border: [] }, ...(colWidths ? { colWidths, wordWrap: true } : {}) });
}

/** The error names the file inside the snapshot; the Snapshot column already names the folder. */
function withinSnapshot(snapshot: string, error: string): string {
  for (const separator of ['/', '\\']) {
    const prefix = `${snapshot}${separator}`;
    if (error.startsWith(prefix)) return error.slice(prefix.length);
  }
  return error;
}

function describeByStatus(byStatus: Partial<Record<FindingStatus, number>>, style: TableStyle, include: (status: FindingStatus) => boolean): string {
  return (Object.entries(byStatus) as [FindingStatus, number][])
    .filter(([status]) => include(status))
    .map(([status, count]) => `${count} ${paintStatus(status, style)}`)
    .join(', ');
}
