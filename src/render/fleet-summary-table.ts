import { tableCell } from './table-cell';
import { fleetCauses, type FleetCause } from './report-causes';
import {
  summarizeFleet,
  type FailedSnapshot,
  type FleetSummary,
  type SnapshotOutcome,
  type SummaryLimits,
  DEFAULT_SUMMARY_LIMITS,
} from '../core/fleet-summary';
import type { RuleSetName } from '../core/rules';
import { ALL_STATUSES, FINDING_STATUSES, type FindingStatus } from '../core/status';
import { paintStatus, type TableStyle } from './paint';
import { wrapText } from './text-layout';
import { appendAll, DEFAULT_WIDTH, renderTableOrRecords, type TableColumn } from './table-layout';

/**
 * The fleet summary for people: one verdict line, findings by status, the worst hosts, the GPOs
 * behind revoked-at-refresh and gpo-blocked findings, and the snapshots that could not be loaded.
 */
export function renderReportTable(
  outcomes: readonly SnapshotOutcome[],
  ruleSet: RuleSetName,
  style: TableStyle,
  limits: SummaryLimits = DEFAULT_SUMMARY_LIMITS,
): string {
  const failures = outcomes.filter((outcome): outcome is FailedSnapshot => outcome.kind === 'failed');
  return renderFleetSummaryTable(
    summarizeFleet(outcomes, limits),
    failures,
    fleetCauses(outcomes, limits.worstHosts),
    ruleSet,
    style,
  );
}

/** The same from what `report` keeps as the fleet streams by: the summary, the failures and the causes. */
export function renderFleetSummaryTable(
  summary: FleetSummary,
  failures: readonly FailedSnapshot[],
  causes: readonly FleetCause[],
  ruleSet: RuleSetName,
  style: TableStyle,
): string {
  const width = style.width ?? DEFAULT_WIDTH;
  const out: string[] = wrapText(reportVerdict(summary, ruleSet), width);
  if (summary.judged > 0) {
    const rows = ALL_STATUSES.map((status) => [
      status,
      String(summary.findings[status]),
      String(summary.hostsWithStatus[status]),
    ]);
    out.push('');
    appendAll(out, wrapText('Findings by status', width));
    appendAll(out, table(['Status', 'Findings', 'Hosts'], rows, style, { 0: paintStatusCell(style) }));
  }
  if (summary.worstHosts.length > 0) {
    const rows = summary.worstHosts.map((rank) => [
      tableCell(rank.computerName ?? '(no host.json)'),
      tableCell(rank.snapshot),
      String(rank.problems),
      describeByStatus(rank.byStatus, (status) => !FINDING_STATUSES[status].inDesiredState),
    ]);
    out.push('');
    appendAll(
      out,
      wrapText(
        `Worst hosts (${summary.worstHosts.length} of ${summary.notInDesiredState} not in the desired state)`,
        width,
      ),
    );
    appendAll(out, table(['Host', 'Snapshot', 'Not in desired state', 'By status'], rows, style));
  }
  if (causes.length > 0) {
    const rows = causes.map((cause) => [
      `${tableCell(cause.identity)}\n${cause.sid ?? '(SID unknown)'}`,
      cause.right ?? '-',
      cause.symptom ? `${cause.status}\n${cause.symptom}` : cause.status,
      tableCell(cause.owner),
      String(cause.hosts),
      String(cause.findings),
      tableCell(cause.exampleHosts.join(', ') + (cause.hosts > cause.exampleHosts.length ? ', ...' : '')),
    ]);
    out.push('');
    appendAll(
      out,
      wrapText(
        `Causes behind the most findings (${causes.length}): each is fixed once, where its owner is; explain on one of its hosts tells the story`,
        width,
      ),
    );
    appendAll(
      out,
      table(
        ['Identity and SID', 'Right', 'Status', 'Owner', 'Hosts', 'Findings', 'For example'],
        rows,
        style,
        { 2: paintStatusCell(style) },
        true,
      ),
    );
  }
  if (summary.gpoCauses.length > 0) {
    const rows = summary.gpoCauses.map((cause) => [
      cause.gpo.name === cause.gpo.id ? '(unnamed)' : tableCell(cause.gpo.name),
      cause.gpo.id,
      String(cause.revokedAtRefresh),
      String(cause.gpoBlocked),
      String(cause.hosts),
    ]);
    out.push('');
    appendAll(out, wrapText('GPOs behind revoked-at-refresh and gpo-blocked findings', width));
    appendAll(out, table(['GPO', 'Id', 'revoked-at-refresh', 'gpo-blocked', 'Hosts'], rows, style));
  }
  if (failures.length > 0) {
    const rows = failures.map((failure) => [
      tableCell(failure.name),
      tableCell(withinSnapshot(failure.name, failure.error)),
    ]);
    out.push('');
    appendAll(out, wrapText(`Could not be loaded (${failures.length})`, width));
    appendAll(out, table(['Snapshot', 'Error'], rows, style));
  }
  return `${out.join('\n')}\n`;
}

/** `1000 snapshot(s): 990 loaded, 10 could not be loaded; 400 in the desired state, 590 not (documented rules).` */
export function reportVerdict(summary: FleetSummary, ruleSet: RuleSetName): string {
  const loaded =
    summary.failed === 0
      ? `all ${summary.judged} loaded`
      : `${summary.judged} loaded, ${summary.failed} could not be loaded`;
  return `${summary.snapshots} snapshot(s): ${loaded}; ${summary.inDesiredState} in the desired state, ${summary.notInDesiredState} not (${ruleSet} rules).`;
}

/** Without rules between rows unless asked (rows of several lines): a fleet's tables are long. */
function table(
  headers: string[],
  rows: string[][],
  style: TableStyle,
  paint: Record<number, ((line: string) => string) | undefined> = {},
  ruleBetweenRows = false,
): string[] {
  const columns: TableColumn[] = headers.map((header, index) => ({ header, minWidth: 10, paint: paint[index] }));
  return renderTableOrRecords(columns, rows, { ...style, ruleBetweenRows });
}

function paintStatusCell(style: TableStyle): ((line: string) => string) | undefined {
  return style.color
    ? (line) => (line in FINDING_STATUSES ? paintStatus(line as FindingStatus, style) : line)
    : undefined;
}

/** The error names the file inside the snapshot; the Snapshot column already names the folder. */
function withinSnapshot(snapshot: string, error: string): string {
  for (const separator of ['/', '\\']) {
    const prefix = `${snapshot}${separator}`;
    if (error.startsWith(prefix)) return error.slice(prefix.length);
  }
  return error;
}

function describeByStatus(
  byStatus: Partial<Record<FindingStatus, number>>,
  include: (status: FindingStatus) => boolean,
): string {
  return (Object.entries(byStatus) as [FindingStatus, number][])
    .filter(([status]) => include(status))
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
}
