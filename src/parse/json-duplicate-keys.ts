import { excerpt, InputError } from '../core/errors';

/**
 * JSON.parse keeps the last of two equal keys in one object, so a document can show a reader
 * (or a diff, or a reviewer) one value and hand the tool another: a plan with two "actions" keys
 * applies the second list. Every JSON input is therefore read only when each object names each
 * key once. Keys are compared after unescaping ("a" and "\u0061" are the same key).
 */

export interface DuplicateKey {
  key: string;
  /** Offset of the second occurrence in the text. */
  offset: number;
}

/**
 * The first key that repeats within one object, or undefined. Only for text JSON.parse accepted:
 * the scan trusts the grammar and just tracks where keys stand. One pass with an explicit stack,
 * and strings are skipped with indexOf, so a 500 MB facts document costs one linear scan.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  // Keys seen per open object; null for an open array.
  const open: (Set<string> | null)[] = [];
  let keyNext = false;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      const end = endOfString(text, index);
      const keys = open[open.length - 1];
      if (keyNext && keys) {
        const key = JSON.parse(text.slice(index, end)) as string;
        if (keys.has(key)) return { key, offset: index };
        keys.add(key);
        keyNext = false;
      }
      index = end;
      continue;
    }
    if (code === 0x7b) {
      open.push(new Set());
      keyNext = true;
    } else if (code === 0x5b) {
      open.push(null);
    } else if (code === 0x7d || code === 0x5d) {
      open.pop();
    } else if (code === 0x2c) {
      keyNext = open.length > 0 && open[open.length - 1] !== null;
    }
    index++;
  }
  return undefined;
}

/** Offset just past the string literal that opens at `start`. */
function endOfString(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/**
 * Throws the one-line error for a repeated key, naming its line; `body` is the parsed text.
 * Given what JSON.parse made of it, the text is scanned only when keptEveryKey cannot tell.
 */
export function assertNoDuplicateKeys(body: string, file: string, parsed?: { value: unknown }): void {
  if (parsed !== undefined && keptEveryKey(body, parsed.value)) return;
  const duplicate = findDuplicateKey(body);
  if (duplicate === undefined) return;
  let line = 1;
  for (let index = body.indexOf('\n'); index >= 0 && index < duplicate.offset; index = body.indexOf('\n', index + 1))
    line++;
  throw new InputError(
    file,
    { line },
    'each key at most once in an object (JSON.parse would silently keep the last one)',
    `the key ${excerpt(duplicate.key, 80)} a second time`,
  );
}

/** Texts up to this length are compared by keptEveryKey; a longer one is only scanned, as a copy would double it in memory. */
const COMPARED_UP_TO = 16 * 1024 * 1024;

/**
 * Whether JSON.parse kept every key `body` writes, by native calls alone: the scan above, cold,
 * took about 20 ms for the 329 KB accounts.json of 10,000 sites (a slice, a JSON.parse and a Set
 * entry per key), where JSON.stringify writes the value back in about 1 ms. Without `\u` escapes
 * a colon inside a string is written as itself, in the text and again by JSON.stringify, so both
 * hold one colon after each key plus those inside their strings, the same strings. A repeated key
 * drops its earlier occurrence from the value (its colon, and any in its name and value), so the
 * value written back then holds fewer. False when it cannot tell; the scan decides then.
 */
function keptEveryKey(body: string, value: unknown): boolean {
  if (body.length > COMPARED_UP_TO || body.includes('\\u')) return false;
  return colonsIn(body) === colonsIn(JSON.stringify(value));
}

function colonsIn(text: string): number {
  let colons = 0;
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) colons++;
  return colons;
}
