import { escapeText } from './text-escape';
import type CliTable3 from 'cli-table3';

/**
 * cli-table3 with the colour and string-width packages it pulls in takes several milliseconds to
 * initialise, which a cold `test --format json` (every DSC consistency check) would pay for
 * nothing; it is loaded on the first table.
 */
export function newCliTable(options: CliTable3.TableConstructorOptions): CliTable3.Table {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Table = require('cli-table3') as typeof CliTable3;
  return new Table(options);
}

/** Longest cell text a table shows; the rest is counted, not printed. */
export const MAX_TABLE_CELL_LENGTH = 512;

/** How many lines of a list a single cell shows before counting the rest. */
export const MAX_TABLE_CELL_LINES = 20;

/**
 * Text from the snapshot made safe for a table cell. cli-table3 measures and truncates cells a
 * character at a time, so a cell with thousands of line breaks, carriage returns, tabs or wide
 * characters takes seconds to minutes (8,000 carriage returns: 100 s); and a control character
 * from a hostile name would reach the terminal as an escape sequence. Control and bidi characters
 * are shown escaped (`\r`, `\x1B`, `\u202E`, by escapeText) and long text is cut with a count of
 * what was left out.
 */
export function tableCell(text: string): string {
  const visible = escapeText(text);
  if (visible.length <= MAX_TABLE_CELL_LENGTH) return visible;
  // Never cut a surrogate pair in half.
  const cut = isHighSurrogate(visible.charCodeAt(MAX_TABLE_CELL_LENGTH - 1)) ? MAX_TABLE_CELL_LENGTH - 1 : MAX_TABLE_CELL_LENGTH;
  return `${visible.slice(0, cut)}... (${visible.length - cut} more characters)`;
}

/** Lines of a list for one cell, each made safe, at most MAX_TABLE_CELL_LINES of them. */
export function tableCellLines(lines: readonly string[]): string {
  const shown = lines.slice(0, MAX_TABLE_CELL_LINES).map(tableCell);
  if (lines.length > MAX_TABLE_CELL_LINES) shown.push(`... and ${lines.length - MAX_TABLE_CELL_LINES} more`);
  return shown.join('\n');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Rows of a long table rendered this many at a time. cli-table3 spreads every row into one call
 * (a stack overflow past about 100,000 findings) and lays rows out in quadratic time (40,000
 * sites took 197 s), so a long table is drawn in pieces with the column widths of the whole.
 */
const ROWS_PER_PIECE = 400;

/** Box-drawing characters of a bottom border, and those of the line between two rows. */
const BOTTOM_TO_MID: Record<string, string> = { '└': '├', '┴': '┼', '┘': '┤' };

/**
 * The table cli-table3 draws for `rows` under `options` (default border characters, one line
 * between rows), the same bytes, in linear time for any number of rows.
 */
export function renderLongTable(options: CliTable3.TableConstructorOptions, rows: readonly CliTable3.HorizontalTableRow[]): string {
  if (rows.length <= ROWS_PER_PIECE) return drawTable(options, rows);
  const widths = columnWidths(options, rows);
  const pieces: string[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_PIECE) {
    const first = start === 0;
    const last = start + ROWS_PER_PIECE >= rows.length;
    const lines = drawTable({ ...options, ...(first ? {} : { head: [] }), style: { ...options.style }, colWidths: [...widths] }, rows.slice(start, start + ROWS_PER_PIECE)).split('\n');
    if (!first) lines.shift();
    if (!last) lines.push(lines.pop()!.replace(/[└┴┘]/g, (character) => BOTTOM_TO_MID[character]!));
    pieces.push(lines.join('\n'));
  }
  return pieces.join('\n');
}

function drawTable(options: CliTable3.TableConstructorOptions, rows: readonly CliTable3.HorizontalTableRow[]): string {
  const table = newCliTable(options);
  for (const row of rows) table.push(row);
  return table.toString();
}

/** What cli-table3 gives each column: a fixed width, else the widest cell plus its padding. */
function columnWidths(options: CliTable3.TableConstructorOptions, rows: readonly CliTable3.HorizontalTableRow[]): number[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { strlen } = require('cli-table3/src/utils') as { strlen(text: string): number };
  const fixed = options.colWidths ?? [];
  const padding = (options.style?.['padding-left'] ?? 1) + (options.style?.['padding-right'] ?? 1);
  // Printable ASCII is one column a character; only other text needs string-width (slow: it
  // builds a regular expression per call).
  const measure = (text: string) => (/^[\x20-\x7e\n]*$/.test(text) ? Math.max(...text.split('\n').map((line) => line.length)) : strlen(text));
  const widths: number[] = [];
  for (const row of [options.head ?? [], ...rows]) {
    row.forEach((cell, column) => {
      const width = measure(String(cell ?? '')) + padding;
      if (width > (widths[column] ?? 0)) widths[column] = width;
    });
  }
  return widths.map((width, column) => fixed[column] ?? Math.max(width, 1));
}
