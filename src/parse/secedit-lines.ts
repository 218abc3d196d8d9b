import { InputError } from '../core/errors';

// A security template's text as lines (secedit-inf.ts), and the check that it is text at all.

/**
 * The run of characters a text INF may hold, from the start: it ends before the first control
 * character, which means a binary or corrupt file. Read as one sticky run rather than searched
 * for: irregexp goes through the 2 MB of a large server's template in half the time.
 */
const TEXT_CHARACTERS = /[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*/y;

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * The text's lines, as `text.split(LINE_BREAK)` gives them. Templates end their lines with CRLF
 * or LF: split at each LF natively, a line then holds a CR only as its last character, taken off
 * here, and the pattern (about 4 ms cold over the 2 MB template of 10,000 sites) is not needed.
 * A CR anywhere else is a lone CR, a break of its own: the pattern splits the text then.
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  const last = lines.length - 1;
  if (lines[last]!.includes('\r')) return text.split(LINE_BREAK);
  for (let index = 0; index < last; index++) {
    const line = lines[index]!;
    const cr = line.indexOf('\r');
    if (cr === -1) continue;
    if (cr !== line.length - 1) return text.split(LINE_BREAK);
    lines[index] = line.slice(0, cr);
  }
  return lines;
}

/** Refuses a control character, naming its line and code point: it means a binary or corrupt file. */
export function rejectControlCharacters(text: string, file: string): void {
  TEXT_CHARACTERS.lastIndex = 0;
  TEXT_CHARACTERS.test(text);
  const at = TEXT_CHARACTERS.lastIndex;
  if (at === text.length) return;
  const before = text.slice(0, at);
  const line = before.split(LINE_BREAK).length;
  const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
  throw new InputError(
    file,
    { line },
    'text (a security template is a text INF file)',
    `the control character U+${code} (a binary or corrupt file)`,
  );
}
