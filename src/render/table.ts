import { renderLongTable, tableCell } from './cli-table';
import { describeAccount, type Evaluation, type Finding } from '../core/evaluate';
import { describeRight } from '../core/rights';
import { summarizeStatuses } from './result-document';
import { escapeText } from './text-escape';
import { paintStatus, type TableStyle } from './paint';

export { paintStatus, type TableStyle } from './paint';

/** Names and SIDs side by side, friendly right names with the constant (issue 6). */
export function renderFindingsTable(snapshotName: string, evaluation: Evaluation, style: TableStyle): string {
  const options = {
    head: ['Site', 'Path', 'Anonymous identity', 'SID', 'Right', 'Status', 'Through'],
    style: { head: style.color ? ['bold'] : [], border: [] },
    wordWrap: true,
    colWidths: [null, null, null, null, null, null, 48],
  };
  const rows = evaluation.findings.map((finding) => [
    tableCell(finding.site ?? ''),
    tableCell(finding.path),
    tableCell(finding.identity.name),
    finding.identity.sid ?? '(unknown)',
    finding.right ? describeRight(finding.right) : '-',
    paintStatus(finding.status, style),
    tableCell(describeThrough(finding)),
  ]);
  const summary = Object.entries(summarizeStatuses(evaluation.findings))
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  const verdict = evaluation.inDesiredState ? 'in desired state' : 'NOT in desired state';
  return `${escapeText(snapshotName)} (${evaluation.ruleSet} rules): ${verdict}${summary ? ` - ${summary}` : ''}\n${renderLongTable(options, rows)}\n`;
}

function describeThrough(finding: Finding): string {
  const current = finding.matches?.current;
  if (!current) return '';
  if (current.deniedBy.length > 0) return `denied by ${current.deniedBy.map((match) => describeAccount(match.name, match.sid)).join(', ')}`;
  if (current.grantedBy.length > 0) return `granted by ${current.grantedBy.map((match) => describeAccount(match.name, match.sid)).join(', ')}`;
  return '';
}
