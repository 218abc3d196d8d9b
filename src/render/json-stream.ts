import { escapeJsonText } from './text-escape';

/**
 * stringifyJson(value, 2) (JSON.stringify(value, null, 2), escaped) written in pieces. One string for a whole document fails past
 * V8's string limit (about 512 MB: `get --format json` on a million sites ended in "Invalid
 * string length") and holds the whole output in memory besides the document. Here arrays and
 * objects holding more than WHOLE_AT_MOST values are walked without recursion, and smaller
 * elements are stringified whole by JSON.stringify, consecutive array elements together up to
 * WHOLE_AT_MOST values, so the largest string is a few findings. The bytes are
 * the same as JSON.stringify's for plain data (objects, arrays, strings, numbers, booleans,
 * null, and undefined members, which are left out as JSON.stringify leaves them out).
 */

/**
 * Containers holding more values than this, at any depth, are walked; smaller ones are
 * stringified whole. One JSON.stringify call for several findings instead of one per member is
 * what makes a 10,000-site result (37,500 findings, 127 MB) quick to write; the cap keeps each
 * piece small and JSON.stringify's own recursion shallow.
 */
const WHOLE_AT_MOST = 1024;

/** The length of the pieces handed to `write`, in UTF-16 code units. */
const PIECE = 1 << 16;

interface Frame {
  indent: string;
  /** Array elements or object members still to write. */
  entries: [key: string | null, value: unknown][];
  next: number;
  /** Whether the text written last for this container ends in the comma before `next`. */
  commaWritten: boolean;
  close: string;
}

/**
 * Whether documents are written as one piece (withWholeJsonDocuments). Off under Node, where the
 * pieces bound memory and stay under V8's string limit.
 */
let wholeDocuments = false;

/**
 * Runs `work` with every document written whole: one JSON.stringify, the same bytes. For the
 * in-process host, which keeps all of stdout in one string anyway, and where Jint's native
 * JSON.stringify costs a tenth of walking the document in interpreted JavaScript (a 1,000-site
 * result, 250,000 values: about 40 ms against 360 ms).
 */
export function withWholeJsonDocuments<T>(work: () => T): T {
  const previous = wholeDocuments;
  wholeDocuments = true;
  try {
    return work();
  } finally {
    wholeDocuments = previous;
  }
}

/**
 * `writeEscapes`: `write` escapes what escapeJsonText escapes itself, so the pieces go to it as
 * JSON.stringify gives them (the CLI's standard output checks the bytes it encodes instead,
 * output.ts, which costs far less than the pattern on a large result).
 */
export function writeJson(value: unknown, write: (text: string) => void, writeEscapes = false): void {
  writeJsonValue(value, '', write, writeEscapes);
  write('\n');
}

/**
 * The value as writeJson writes it, without the final line break, as it reads nested at
 * `indent` (the indent of the line it starts on): so `report` can write one snapshot of a
 * document at a time and the bytes are the same as for the whole document.
 */
export function writeJsonValue(
  value: unknown,
  indent: string,
  write: (text: string) => void,
  writeEscapes = false,
): void {
  const escape = writeEscapes ? (text: string) => text : escapeJsonText;
  if (wholeDocuments) {
    write(escape(stringifyAt(value, indent)));
    return;
  }
  const stack: Frame[] = [];
  let buffered = '';
  // Pieces of at most 64 KiB, or one stringified run when that alone is longer.
  const emit = (text: string) => {
    if (buffered.length + text.length > PIECE && buffered !== '') {
      write(escape(buffered));
      buffered = '';
    }
    buffered += text;
    if (buffered.length >= PIECE) {
      write(escape(buffered));
      buffered = '';
    }
  };
  const open = (container: unknown, at: string): boolean => {
    const entries = walkable(container);
    if (entries === undefined) return false;
    emit(Array.isArray(container) ? '[' : '{');
    stack.push({ indent: at, entries, next: 0, commaWritten: false, close: Array.isArray(container) ? ']' : '}' });
    return true;
  };
  const scalar = (member: unknown, at: string) => emit(stringifyAt(member, at));
  if (!open(value, indent)) scalar(value, indent);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.entries.length) {
      stack.pop();
      emit(frame.entries.length === 0 ? frame.close : `\n${frame.indent}${frame.close}`);
      continue;
    }
    const [key, member] = frame.entries[frame.next]!;
    const run = key === null ? smallRun(frame.entries, frame.next) : 0;
    if (run > 1) {
      // The run's own text carries its line breaks and the comma after it, so it is written as
      // JSON.stringify gave it: joined to a separator, it was copied again to be encoded.
      const more = frame.next + run < frame.entries.length;
      if (frame.next > 0 && !frame.commaWritten) emit(',');
      emit(stringifyRun(frame.entries, frame.next, run, frame.indent, more));
      frame.next += run;
      frame.commaWritten = more;
      continue;
    }
    const inner = `${frame.indent}  `;
    const comma = frame.next === 0 || frame.commaWritten ? '' : ',';
    emit(`${comma}\n${inner}${key === null ? '' : `${JSON.stringify(key)}: `}`);
    frame.commaWritten = false;
    frame.next++;
    if (!open(member, inner)) scalar(member, inner);
  }
  if (buffered !== '') write(escape(buffered));
}

/**
 * The members of an array or object holding more than WHOLE_AT_MOST values, undefined members
 * of objects left out as JSON.stringify leaves them out; else undefined (stringified whole).
 */
function walkable(value: unknown): [string | null, unknown][] | undefined {
  if (!isPlainContainer(value) || holdsAtMost(value, WHOLE_AT_MOST)) return undefined;
  return Array.isArray(value)
    ? value.map((element) => [null, element])
    : Object.entries(value).filter(
        ([, member]) => member !== undefined && typeof member !== 'function' && typeof member !== 'symbol',
      );
}

/**
 * How many array elements from `start` on hold WHOLE_AT_MOST values between them (each counts
 * at least one), so they can be stringified by one call: one call per finding costs more in
 * set-up than in writing (37,500 calls at 10,000 sites).
 */
function smallRun(entries: readonly [string | null, unknown][], start: number): number {
  let budget = WHOLE_AT_MOST;
  let end = start;
  while (end < entries.length) {
    const element = entries[end]![1];
    const held = isPlainContainer(element) ? valuesHeld(element, budget) : scalarWeight(element);
    if (held > budget) break;
    budget -= Math.max(held, 1);
    end++;
  }
  return end - start;
}

/**
 * Elements `start` to `start + count` of an array written at `indent`, as the walk writes them
 * one by one, each after a line break and its indent, and with the comma after the last when
 * `more` follow: what JSON.stringify gives for them as one array, without its brackets. A zero
 * stringified after the last gives that comma.
 */
function stringifyRun(
  entries: readonly [string | null, unknown][],
  start: number,
  count: number,
  indent: string,
  more: boolean,
): string {
  const run: unknown[] = new Array(more ? count + 1 : count);
  for (let index = 0; index < count; index++) run[index] = entries[start + index]![1];
  if (more) run[count] = 0;
  const text = stringifyAt(run, indent);
  // "[" before; after: "\n", the array's indent and "]", and with `more` first the zero's line,
  // "\n", the elements' indent (two more spaces) and "0".
  return text.slice(1, text.length - indent.length - 2 - (more ? indent.length + 4 : 0));
}

/**
 * JSON.stringify(value, null, 2) with every line after the first indented by `at`. When `at` is
 * whole levels of two spaces, the value is stringified inside that many one-element arrays,
 * which JSON.stringify indents just so, and the wrapping is sliced off: one call and no copy
 * per line break, where a replace made a second copy of every finding.
 */
function stringifyAt(value: unknown, at: string): string {
  const depth = at.length / 2;
  if (at === '' || !Number.isInteger(depth) || at !== '  '.repeat(depth)) {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    return at !== '' && text.includes('\n') ? text.replace(/\n/g, `\n${at}`) : text;
  }
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  // Inside an array, undefined and functions become null, as `JSON.stringify(value) ?? 'null'` does.
  const text = JSON.stringify(wrapped, null, 2);
  // Opening: "[\n" and the next level's indent, per level; closing: "\n", the level's indent and "]".
  const opening = 2 * depth + depth * (depth + 1);
  const closing = 2 * depth + depth * (depth - 1);
  return text.slice(opening, text.length - closing);
}

/**
 * What a value that is not walked counts for: one, or TO_JSON_VALUES for an object with toJSON
 * (a finding as judging keeps it, judged-finding.ts), whose plain form is not known until
 * JSON.stringify asks for it: so a run holds about as many findings either way.
 */
function scalarWeight(value: unknown): number {
  return typeof value === 'object' && value !== null ? TO_JSON_VALUES : 1;
}

/** About the number of values a finding holds (its identity, rule, token and matches included). */
const TO_JSON_VALUES = 64;

function isPlainContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * Whether the container holds at most `limit` values at any depth. Stops counting past the
 * limit, so a check costs at most `limit` steps, and each element of a walked container is
 * checked once: the walk stays linear.
 */
function holdsAtMost(container: object, limit: number): boolean {
  return valuesHeld(container, limit) <= limit;
}

/** The number of values the container holds at any depth, or limit + 1 once it holds more. */
function valuesHeld(container: object, limit: number): number {
  const pending: object[] = [container];
  let count = 0;
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (Array.isArray(current)) {
      for (const member of current as unknown[]) {
        if (isPlainContainer(member)) {
          count++;
          pending.push(member);
        } else count += scalarWeight(member);
        if (count > limit) return limit + 1;
      }
      continue;
    }
    // for-in allocates nothing; the count only chooses between two ways to the same bytes.
    for (const key in current) {
      const member = (current as Record<string, unknown>)[key];
      if (isPlainContainer(member)) {
        count++;
        pending.push(member);
      } else count += scalarWeight(member);
      if (count > limit) return limit + 1;
    }
  }
  return count;
}
