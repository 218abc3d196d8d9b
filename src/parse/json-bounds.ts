import { InputError } from '../core/errors';
import { formatCount, JSON_ELEMENT_LIMITS, MAX_JSON_DEPTH, type JsonDocumentKind } from '../core/limits';

/**
 * A pass over JSON text before JSON.parse sees it, so that no document under its size limit can
 * make the parse (or the schema validation and conversions after it, which walk the value)
 * cost more than a small multiple of its size. JSON.parse itself has no limits: 100 MB of
 * nested `[[[...]]]` took 44 s and 2.5 GB, and a 480 MB array of numbers ended in a V8 fatal
 * error. Two bounds are checked: nesting depth, and elements, counted by their separators (each
 * `,` and each opening bracket), which is at least the number of values JSON.parse would create
 * minus the scalars alone at the top.
 *
 * The pass only counts; it does not validate. On text that is not JSON it may stop early or
 * count loosely, and JSON.parse then reports the syntax error as before. It is linear and
 * iterative; strings are skipped with indexOf, so the cost outside the structure is one native
 * search per quote.
 */
export function checkJsonBounds(text: string, file: string, kind: JsonDocumentKind): void {
  const offset = firstExcess(text, JSON_ELEMENT_LIMITS[kind]);
  if (offset === undefined) return;
  const line = lineAt(text, offset.at);
  if (offset.what === 'depth')
    throw new InputError(
      file,
      { line },
      `JSON nested at most ${MAX_JSON_DEPTH} deep`,
      'deeper nesting (checked before parsing)',
    );
  const limit = JSON_ELEMENT_LIMITS[kind];
  throw new InputError(
    file,
    { line },
    `a JSON document of at most ${formatCount(limit)} elements (array items and object members)`,
    'more (counting stopped there, before parsing)',
  );
}

/**
 * Where the text first goes past a bound, or undefined. Kept to one loop with one exit per
 * bound: a while loop with `continue` in each branch hung in on-stack-replaced code on Node 20
 * (V8 11.3) when the function was re-entered with another limit.
 */
function firstExcess(text: string, limit: number): { what: 'depth' | 'elements'; at: number } | undefined {
  let depth = 0;
  let elements = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      const end = endOfString(text, index);
      if (end < 0) return undefined;
      index = end - 1;
    } else if (code === 0x5b || code === 0x7b) {
      depth++;
      elements++;
      if (depth > MAX_JSON_DEPTH) return { what: 'depth', at: index };
      if (elements > limit) return { what: 'elements', at: index };
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    } else if (code === 0x2c) {
      elements++;
      if (elements > limit) return { what: 'elements', at: index };
    }
  }
  return undefined;
}

/** The index after the closing quote of the string that opens at `start`, or -1 when it never closes. */
function endOfString(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    // indexOf runs natively, many times faster than a loop over the characters in JavaScript.
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    // A quote is escaped when an odd number of backslashes precedes it.
    let backslashes = 0;
    for (let at = quote - 1; at > start && text.charCodeAt(at) === 0x5c; at--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
