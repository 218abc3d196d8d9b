/** The bench's printed table and machine line. */
import { cpus, loadavg, totalmem } from 'node:os';
import type { Row } from './common';

export function formatNumber(value: number, unit: Row['unit']): string {
  if (unit === 'x') return `${value.toFixed(2)}x`;
  if (unit === '/s') return `${value.toFixed(0)}/s`;
  if (unit === 'KiB') return `${value.toFixed(1)} KiB`;
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

export function formatTable(rows: readonly Row[]): string {
  const header = [
    'case',
    '',
    'median',
    'spread (IQR)',
    'runs',
    'floor',
    'ratio',
    'peak RSS',
    'target',
    'result',
    'notes',
  ];
  const lines = rows.map((row) => [
    row.id,
    row.label,
    row.value ? formatNumber(row.value.median, row.unit) : '',
    row.value && row.value.runs > 1
      ? `${formatNumber(row.value.p25, row.unit)} - ${formatNumber(row.value.p75, row.unit)}`
      : '',
    row.value ? String(row.value.runs) : '',
    row.floor ? formatNumber(row.floor.median, 'ms') : '',
    row.ratio !== undefined ? `${row.ratio.toFixed(2)}x` : '',
    row.peakRssMiB !== undefined ? `${row.peakRssMiB.toFixed(0)} MiB` : '',
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL',
    row.note ?? '',
  ]);
  const table = [header, ...lines];
  const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  const render = (line: readonly string[]) =>
    `| ${line.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [render(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...lines.map(render)].join(
    '\n',
  );
}

export function machineLine(nodeFloorMs: number | undefined): string {
  const cpu = cpus();
  const parts = [
    `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'})`,
    `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`,
    `Node ${process.version}`,
    `load average at start ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  ];
  if (nodeFloorMs !== undefined) parts.push(`node -e 0 ${nodeFloorMs.toFixed(1)} ms`);
  return parts.join(', ');
}
