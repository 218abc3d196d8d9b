import { tableCell } from './table-cell';
import { describeAccount, type Evaluation, type Finding, type SidMatch } from '../core/evaluate-identities';
import type { GroupPolicyObjectRef } from '../core/model';
import { describeRight } from '../core/rights';
import { FINDING_STATUSES, type FindingStatus } from '../core/status';
import { shortSymptom } from './symptom-text';
import { summarizeStatuses } from './result-document';
import { wrapText } from './text-layout';
import { appendAll, DEFAULT_WIDTH, renderRecords, renderTextTable, type TableColumn } from './table-layout';
import { paintStatus, type TableStyle } from './paint';

export { paintStatus, type TableStyle } from './paint';

/** The last line of a table with findings not in the desired state. */
export const EXPLAIN_POINTER = 'Run iis-logon-rights explain on this snapshot for the symptom, cause and fix.';

/** Paints a line of a cell when the line is a status name; other lines stay as they are. */
function paintStatusLine(style: Pick<TableStyle, 'color'>): ((line: string) => string) | undefined {
  if (!style.color) return undefined;
  return (line) => (line in FINDING_STATUSES ? paintStatus(line as FindingStatus, style) : line);
}

/**
 * The findings, one row per site, path and identity, fitted to the terminal: the wide layout
 * (SID and friendly right name in their own columns) when it fits, a narrower one (the SID under
 * the name, the right's constant, causes by name), and otherwise one block per finding. A SID is
 * never cut. Each finding not in the desired state shows its symptom (HTTP 401.1, 503) under its
 * status. It ends with a pointer to explain when anything is not in the desired state.
 */
export function renderFindingsTable(snapshotName: string, evaluation: Evaluation, style: TableStyle): string {
  const summary = Object.entries(summarizeStatuses(evaluation.findings))
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  const verdict = evaluation.inDesiredState ? 'in desired state' : 'NOT in desired state';
  const width = style.width ?? DEFAULT_WIDTH;
  const out = wrapText(
    `${tableCell(snapshotName)} (${evaluation.ruleSet} rules): ${verdict}${summary ? ` - ${summary}` : ''}`,
    width,
  );
  if (evaluation.findings.length > 0) appendAll(out, layOut(evaluation.findings, style));
  if (!evaluation.inDesiredState) appendAll(out, wrapText(EXPLAIN_POINTER, width));
  return `${out.join('\n')}\n`;
}

function layOut(findings: readonly Finding[], style: TableStyle): string[] {
  const paint = paintStatusLine(style);
  const wide: TableColumn[] = [
    // Minimums that keep this layout readable; narrower terminals get the next layout.
    { header: 'Site', minWidth: 10 },
    { header: 'Path', minWidth: 6 },
    { header: 'Identity', minWidth: 16 },
    { header: 'SID' },
    { header: 'Right', minWidth: 28 },
    { header: 'Status', keepWords: true, paint },
    { header: 'Through', minWidth: 16 },
  ];
  const wideRows = findings.map((finding) => [
    tableCell(finding.site ?? ''),
    tableCell(finding.path),
    tableCell(finding.identity.name),
    finding.identity.sid ?? '(unknown)',
    finding.right ? describeRight(finding.right) : '-',
    statusCell(finding),
    tableCell(describeThrough(finding, true)),
  ]);
  const table = renderTextTable(wide, wideRows, style);
  if (table !== null) return table;
  const narrow: TableColumn[] = [
    { header: 'Site and path', minWidth: 8 },
    { header: 'Identity and SID', minWidth: 10 },
    { header: 'Status', keepWords: true, paint },
    { header: 'Right and why', minWidth: 20 },
  ];
  const narrowRows = findings.map((finding) => [
    tableCell(`${finding.site ?? '(server)'} ${finding.path}`),
    `${tableCell(finding.identity.name)}\n${finding.identity.sid ?? '(SID unknown)'}`,
    statusCell(finding),
    [finding.right ?? '', tableCell(describeThrough(finding, false))].filter((line) => line !== '').join('\n'),
  ]);
  const narrowTable = renderTextTable(narrow, narrowRows, style);
  if (narrowTable !== null) return narrowTable;
  const records: TableColumn[] = [
    { header: 'Symptom' },
    { header: 'Identity' },
    { header: 'SID' },
    { header: 'Right' },
    { header: 'Through' },
  ];
  const recordRows = findings.map((finding, index) => {
    return [
      shortSymptom(finding) ?? '',
      tableCell(finding.identity.name),
      finding.identity.sid ?? '(unknown)',
      finding.right ? describeRight(finding.right) : '-',
      wideRows[index]![6]!,
    ];
  });
  const title = (index: number) =>
    `${tableCell(findings[index]!.site ?? '(server)')} ${tableCell(findings[index]!.path)}: ${paintStatus(findings[index]!.status, style)}`;
  return appendAll([''], renderRecords(records, recordRows, style, title));
}

/** The status, and under it what the user sees (`HTTP 401.1`) when it is not in the desired state. */
function statusCell(finding: Finding): string {
  const symptom = shortSymptom(finding);
  return symptom ? `${finding.status}\n${symptom}` : finding.status;
}

/** `GPO "name"`, or the GUID when the GPO has no name; a --with-gpo baseline by its file. */
export function gpoName(gpo: GroupPolicyObjectRef): string {
  if (gpo.baseline !== undefined) return `baseline ${gpo.baseline}`;
  return gpo.name === gpo.id ? `GPO ${gpo.id}` : `GPO "${gpo.name}"`;
}

function names(matches: readonly SidMatch[], withSids: boolean): string {
  // A holder the snapshot names only by its SID is shown once, not as `S-1-... (S-1-...)`.
  const unnamed = (match: SidMatch) => match.name === '' || match.name === match.sid;
  return matches
    .map((match) => (unnamed(match) ? match.sid : withSids ? describeAccount(match.name, match.sid) : match.name))
    .join(', ');
}

/**
 * Why the finding has its status, in a few words: what grants or denies the right, and for
 * revoked-at-refresh and gpo-blocked, the GPO that owns it.
 */
export function describeThrough(finding: Finding, withSids: boolean): string {
  const current = finding.matches?.current;
  if (finding.status === 'unresolved') return 'SID unknown: not in accounts.json';
  if (!current) return '';
  const parts: string[] = [];
  const after = finding.matches!.afterRefresh;
  const ownedByGpo = finding.status === 'revoked-at-refresh' || finding.status === 'gpo-blocked';
  // The narrow layout keeps what the status does not already say: for revoked-at-refresh, the GPO.
  if (current.deniedBy.length > 0) parts.push(`denied by ${names(current.deniedBy, withSids)}`);
  else if (current.grantedBy.length > 0 && (withSids || finding.status !== 'revoked-at-refresh'))
    parts.push(`granted${ownedByGpo ? ' now' : ''} by ${names(current.grantedBy, withSids)}`);
  else if (current.grantedBy.length === 0 && finding.status !== 'not-required')
    parts.push('no SID in its token is granted it');
  if (ownedByGpo) {
    const deniedByGpo = after.deniedBy.length > 0 && finding.denyRightOwner !== null;
    const owner = deniedByGpo ? finding.denyRightOwner : finding.allowRightOwner;
    if (deniedByGpo && current.deniedBy.length === 0)
      parts.push(`denied at the next refresh by ${names(after.deniedBy, withSids)}`);
    const removes = owner?.baseline !== undefined ? 'would remove it if linked' : 'removes it at the next refresh';
    if (owner)
      parts.push(
        finding.status === 'revoked-at-refresh'
          ? `${gpoName(owner)} ${removes}`
          : `${gpoName(owner)} owns the ${deniedByGpo ? 'deny right' : 'right'}`,
      );
  }
  return parts.join('; ');
}
