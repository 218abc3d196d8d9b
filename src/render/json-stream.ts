import { escapeJsonText } from './text-escape';

/**
 * stringifyJson(value, 2) (JSON.stringify(value, null, 2), escaped) written in pieces. One string for a whole document fails past
 * V8's string limit (about 512 MB: `get --format json` on a million sites ended in "Invalid
 * string length") and holds the whole output in memory besides the document. Here arrays and
 * objects are walked without recursion, and each element that is not itself an array or object
 * with many members is stringified alone, so the largest string is one finding. The bytes are
 * the same as JSON.stringify's for plain data (objects, arrays, strings, numbers, booleans,
 * null, and undefined members, which are left out as JSON.stringify leaves them out).
 */

/** Containers with more members than this are walked; smaller flat ones are stringified whole. */
const WALK_ABOVE = 16;

interface Frame {
  indent: string;
  /** Array elements or object members still to write. */
  entries: [key: string | null, value: unknown][];
  next: number;
  close: string;
}

export function writeJson(value: unknown, write: (text: string) => void): void {
  writeJsonValue(value, '', write);
  write('\n');
}

/**
 * The value as writeJson writes it, without the final line break, as it reads nested at
 * `indent` (the indent of the line it starts on): so `report` can write one snapshot of a
 * document at a time and the bytes are the same as for the whole document.
 */
export function writeJsonValue(value: unknown, indent: string, write: (text: string) => void): void {
  const stack: Frame[] = [];
  let buffered = '';
  const emit = (text: string) => {
    buffered += text;
    if (buffered.length >= 1 << 16) {
      write(escapeJsonText(buffered));
      buffered = '';
    }
  };
  const open = (container: unknown, at: string): boolean => {
    const entries = walkable(container);
    if (entries === undefined) return false;
    emit(Array.isArray(container) ? '[' : '{');
    stack.push({ indent: at, entries, next: 0, close: Array.isArray(container) ? ']' : '}' });
    return true;
  };
  const scalar = (member: unknown, at: string) => {
    const text = JSON.stringify(member, null, 2) ?? 'null';
    emit(text.includes('\n') && at !== '' ? text.replace(/\n/g, `\n${at}`) : text);
  };
  if (!open(value, indent)) scalar(value, indent);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.entries.length) {
      stack.pop();
      emit(frame.entries.length === 0 ? frame.close : `\n${frame.indent}${frame.close}`);
      continue;
    }
    const [key, member] = frame.entries[frame.next]!;
    const inner = `${frame.indent}  `;
    emit(`${frame.next === 0 ? '' : ','}\n${inner}${key === null ? '' : `${JSON.stringify(key)}: `}`);
    frame.next++;
    if (!open(member, inner)) scalar(member, inner);
  }
  if (buffered !== '') write(escapeJsonText(buffered));
}

/**
 * The members of an array or object worth walking (many members, or a member that is itself an
 * array or object), undefined members of objects left out as JSON.stringify leaves them out;
 * else undefined. Checks one level only, so the walk stays linear.
 */
function walkable(value: unknown): [string | null, unknown][] | undefined {
  if (typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return undefined;
  const entries: [string | null, unknown][] = Array.isArray(value)
    ? value.map((element) => [null, element])
    : Object.entries(value).filter(
        ([, member]) => member !== undefined && typeof member !== 'function' && typeof member !== 'symbol',
      );
  return entries.length > WALK_ABOVE || entries.some(([, member]) => typeof member === 'object' && member !== null)
    ? entries
    : undefined;
}
