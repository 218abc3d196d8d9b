import { displayWidth, padToWidth, widestLine, widestUnbreakableWord, widestWord, wrapText } from './text-layout';

/**
 * A small box-drawing table that fits a terminal width. It replaces cli-table3, which measured and
 * wrapped cells a character at a time (quadratic at 10,000 rows, a stack overflow at 150,000) and
 * cut SIDs in the middle. Here every cell is measured once and wrapped once, so time is linear in
 * the text; a word holding a SID is never cut, and when the columns cannot be narrowed enough for
 * that, the caller gets null and shows the rows another way.
 */

export interface TableColumn {
  header: string;
  /** Words of this column are never cut (right constants, statuses): the column is at least as wide as its widest word. */
  keepWords?: boolean;
  /** The column is never narrower than this (unless its text is narrower). */
  minWidth?: number;
  /** Applied to each line of the cell after it is laid out (colour); the width is the text's. */
  paint?: (line: string) => string;
}

export interface TableOptions {
  /** Columns of the terminal; the table is never wider (DEFAULT_WIDTH when not given). */
  width?: number;
  /** Bold headers. */
  color: boolean;
  /** Lines between rows whenever a row takes more than one line (default true). */
  ruleBetweenRows?: boolean;
}

/**
 * Appends every item: `target.push(...items)` passes each item as an argument and overflows the
 * stack once a table has about 100,000 lines.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The width when the terminal's is unknown. */
export const DEFAULT_WIDTH = 80;

const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/** The table's lines, or null when it cannot be that narrow without cutting a word that must stay whole. */
export function renderTextTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  options: TableOptions,
): string[] | null {
  const widths = fitColumns(columns, rows, options.width ?? DEFAULT_WIDTH);
  if (widths === null) return null;
  const rule = (left: string, middle: string, right: string) =>
    `${left}${widths.map((width) => '─'.repeat(width + 2)).join(middle)}${right}`;
  const lines: string[] = [rule('┌', '┬', '┐')];
  pushRow(
    lines,
    columns.map((column) => column.header),
    widths,
    options.color ? columns.map(() => (line: string) => `${BOLD}${line}${RESET}`) : [],
  );
  const between = rule('├', '┼', '┤');
  lines.push(between);
  const painters = columns.map((column) => column.paint);
  let multiLine = false;
  if (options.ruleBetweenRows !== false) {
    for (const row of rows) {
      if (row.some((cell, index) => cell.includes('\n') || displayWidth(cell) > widths[index]!)) {
        multiLine = true;
        break;
      }
    }
  }
  for (const [index, row] of rows.entries()) {
    if (index > 0 && multiLine) lines.push(between);
    pushRow(lines, row, widths, painters);
  }
  lines.push(rule('└', '┴', '┘'));
  return lines;
}

/** Width of everything but the cells: `│ ` before each cell, ` │` after the last, ` │ ` between. */
function frameWidth(columnCount: number): number {
  return columnCount * 3 + 1;
}

/**
 * Natural widths when they fit; otherwise the widest columns give way first (a common ceiling is
 * lowered until the table fits), never below what a column must keep whole.
 */
function fitColumns(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  width: number,
): number[] | null {
  const natural = columns.map((column) => widestLine(column.header));
  const minimum = columns.map((column) => Math.max(widestWord(column.header), 1));
  for (const row of rows) {
    for (let index = 0; index < columns.length; index++) {
      const cell = row[index] ?? '';
      natural[index] = Math.max(natural[index]!, widestLine(cell));
      minimum[index] = Math.max(
        minimum[index]!,
        columns[index]!.keepWords ? widestWord(cell) : widestUnbreakableWord(cell),
      );
    }
  }
  // Every minimum is at most the natural width: a word is never wider than its line.
  for (let index = 0; index < columns.length; index++)
    minimum[index] = Math.max(minimum[index]!, Math.min(columns[index]!.minWidth ?? 1, natural[index]!));
  const room = width - frameWidth(columns.length);
  const total = (ceiling: number) =>
    natural.reduce((sum, value, index) => sum + Math.max(minimum[index]!, Math.min(value, ceiling)), 0);
  if (total(Number.MAX_SAFE_INTEGER) <= room) return natural;
  if (total(0) > room) return null;
  let low = 0;
  let high = Math.max(...natural);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (total(middle) <= room) low = middle;
    else high = middle - 1;
  }
  const widths = natural.map((value, index) => Math.max(minimum[index]!, Math.min(value, low)));
  // Hand out what the ceiling left over, one column at a time, to the columns that were cut.
  let spare = room - widths.reduce((sum, value) => sum + value, 0);
  for (let index = 0; index < widths.length && spare > 0; index++) {
    const grow = Math.min(spare, natural[index]! - widths[index]!);
    if (grow > 0) {
      widths[index]! += grow;
      spare -= grow;
    }
  }
  return widths;
}

function pushRow(
  lines: string[],
  cells: readonly string[],
  widths: readonly number[],
  painters: readonly (((line: string) => string) | undefined)[],
): void {
  const wrapped = widths.map((width, index) => wrapText(cells[index] ?? '', width));
  let height = 0;
  for (const cellLines of wrapped) height = Math.max(height, cellLines.length);
  for (let line = 0; line < height; line++) {
    let text = '│';
    for (let index = 0; index < widths.length; index++) {
      const content = wrapped[index]![line] ?? '';
      const padded = padToWidth(content, widths[index]!);
      const paint = painters[index];
      text += ` ${paint && content !== '' ? paint(content) + padded.slice(content.length) : padded} │`;
    }
    lines.push(text);
  }
}

/**
 * The rows as blocks of `Label  value` lines, for terminals too narrow for the table: each value
 * wraps under itself, and a SID is never cut.
 */
export function renderRecords(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  options: TableOptions,
  title: (rowIndex: number) => string,
): string[] {
  const labelWidth = Math.max(...columns.map((column) => displayWidth(column.header)));
  const width = options.width ?? DEFAULT_WIDTH;
  const valueWidth = Math.max(width - labelWidth - 4, 20);
  const lines: string[] = [];
  for (const [rowIndex, row] of rows.entries()) {
    if (rowIndex > 0) lines.push('');
    lines.push(...wrapText(title(rowIndex), width));
    for (let index = 0; index < columns.length; index++) {
      const cell = row[index] ?? '';
      if (cell === '') continue;
      const column = columns[index]!;
      for (const [lineIndex, line] of wrapText(cell, valueWidth).entries()) {
        const label = lineIndex === 0 ? padToWidth(column.header, labelWidth) : ' '.repeat(labelWidth);
        lines.push(
          `  ${options.color ? `${BOLD}${label}${RESET}` : label}  ${column.paint ? column.paint(line) : line}`,
        );
      }
    }
  }
  return lines;
}

/** The table when it fits the width, else the rows as records titled by their first cell. */
export function renderTableOrRecords(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  options: TableOptions,
): string[] {
  const table = renderTextTable(columns, rows, options);
  if (table !== null) return table;
  return renderRecords(
    columns.slice(1),
    rows.map((row) => row.slice(1)),
    options,
    (index) => rows[index]![0] ?? '',
  );
}
