import { escapeText } from './text-escape';

/** Longest cell text a table shows; the rest is counted, not printed. */
export const MAX_TABLE_CELL_LENGTH = 512;

/** How many lines of a list a single cell shows before counting the rest. */
export const MAX_TABLE_CELL_LINES = 20;

/**
 * Text from the snapshot made safe for a table cell: a control character from a hostile name
 * would reach the terminal as an escape sequence, and a name of megabytes would make every row
 * as tall. Control and bidi characters are shown escaped (`\r`, `\x1B`, `\u202E`, by escapeText)
 * and long text is cut with a count of what was left out.
 */
export function tableCell(text: string): string {
  const visible = escapeText(text);
  if (visible.length <= MAX_TABLE_CELL_LENGTH) return visible;
  // Never cut a surrogate pair in half.
  const cut = isHighSurrogate(visible.charCodeAt(MAX_TABLE_CELL_LENGTH - 1))
    ? MAX_TABLE_CELL_LENGTH - 1
    : MAX_TABLE_CELL_LENGTH;
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
