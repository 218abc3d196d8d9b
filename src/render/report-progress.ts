import { escapeText } from './text-escape';

/** Carriage return, then erase to the end of the line: the progress line rewrites itself in place. */
export const CLEAR_LINE = '\r\u001b[K';

/**
 * `[ 123/1000] judging fleet/host-0123`, cut to the terminal width so it never wraps (a wrapped
 * line cannot be rewritten in place). Written to stderr, so stdout stays the report alone.
 */
export function progressLine(done: number, total: number, name: string, columns: number): string {
  const width = String(total).length;
  const text = `[${String(done).padStart(width)}/${total}] judging ${escapeText(name)}`;
  const room = Math.max(columns - 1, 10);
  const shown = text.length > room ? `${text.slice(0, room - 3)}...` : text;
  return `${CLEAR_LINE}${shown}`;
}

/**
 * Decides when to redraw: the first snapshot, the last, and otherwise at most every
 * `intervalMs`, so a fleet of thousands does not spend its time writing to the terminal.
 */
export function progressThrottle(intervalMs: number, now: () => number): (done: number, total: number) => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return (done, total) => {
    const time = now();
    if (done !== 1 && done !== total && time - last < intervalMs) return false;
    last = time;
    return true;
  };
}
