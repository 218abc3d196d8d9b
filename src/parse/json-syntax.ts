import { InputError, excerpt } from '../core/errors';

/**
 * Where and why JSON.parse rejected a text, in the engine's own words. The hosts' own reasons
 * differ (V8: "Unexpected token 'x', ..." with a position for some errors only; Jint: its own
 * sentences), so the engine scans the text itself and names the line, the column, what JSON
 * allows there and what is there instead: the same line whichever host runs it. JSON.parse
 * still does the parsing; this runs only on text it rejected.
 */

export interface JsonErrorLocation {
  line: number;
  column: number;
}

/** The first syntax error: where (0-based offset), and what JSON allows there. */
export interface JsonSyntaxFault {
  offset: number;
  expected: string;
}

/**
 * The InputError for text JSON.parse rejected: "<file> (line L, column C): expected <what>:
 * <what JSON allows there>, found <the character, or the end of the text>".
 */
export function jsonSyntaxInputError(text: string, file: string, what: string, parseError: unknown): InputError {
  const fault = findJsonSyntaxFault(text);
  if (fault === null) {
    // The text is JSON, and the host's JSON.parse refused it for another reason (a host limit).
    const message = parseError instanceof Error ? parseError.message : String(parseError);
    return new InputError(file, {}, what, describeJsonSyntaxError(message));
  }
  const found =
    fault.offset >= text.length
      ? 'the end of the text'
      : excerpt(String.fromCodePoint(text.codePointAt(fault.offset)!));
  return new InputError(file, lineAndColumn(text, fault.offset), `${what}: ${fault.expected}`, found);
}

/** Line and column (1-based) of the first syntax error, or of the end of a text JSON.parse refused for another reason. */
export function locateJsonSyntaxError(text: string): JsonErrorLocation {
  return lineAndColumn(text, findJsonSyntaxFault(text)?.offset ?? text.length);
}

/** A host's own reason without its quote of the input, for a refusal that is not a syntax error. */
export function describeJsonSyntaxError(message: string): string {
  const reason = message
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^Unexpected/, 'unexpected');
  return /[\u0000-\u001f\u007f]/.test(reason) || reason.length > 120 ? excerpt(reason, 120) : reason;
}

function lineAndColumn(text: string, offset: number): JsonErrorLocation {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

type Expecting = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'separator';

/** What JSON allows in each state, as the message says it. */
const EXPECTED: Record<Exclude<Expecting, 'separator'>, string> = {
  value: 'a value',
  'value-or-close': "a value or ']'",
  key: 'a property name in double quotes',
  'key-or-close': "a property name in double quotes or '}'",
  colon: "':' after the property name",
};

function separatorExpected(current: 'array' | 'object' | undefined): string {
  if (current === undefined) return 'nothing more after the value';
  return current === 'array' ? "',' or ']'" : "',' or '}'";
}

/**
 * Offset of the first character at which `text` stops being JSON (RFC 8259, as JSON.parse reads
 * it), or text.length when it ends too early. The fuzz tests hold it to V8's own positions.
 */
export function firstInvalidOffset(text: string): number {
  return findJsonSyntaxFault(text)?.offset ?? text.length;
}

/**
 * The first syntax error in `text`, or null when it is JSON. A loop with an explicit stack:
 * nesting depth is the input's choice.
 */
export function findJsonSyntaxFault(text: string): JsonSyntaxFault | null {
  const open: ('array' | 'object')[] = [];
  let expecting: Expecting = 'value';
  let index = 0;
  const fault = (offset: number, expected: string): JsonSyntaxFault => ({ offset, expected });
  for (;;) {
    index = skipWhitespace(text, index);
    const current = open[open.length - 1];
    if (index >= text.length)
      return expecting === 'separator' && current === undefined
        ? null
        : fault(text.length, expecting === 'separator' ? separatorExpected(current) : EXPECTED[expecting]);
    const char = text[index];
    if (expecting === 'separator') {
      if (current === undefined) return fault(index, separatorExpected(current));
      if (char === ',') {
        expecting = current === 'object' ? 'key' : 'value';
        index++;
      } else if ((char === ']' && current === 'array') || (char === '}' && current === 'object')) {
        open.pop();
        index++;
      } else {
        return fault(index, separatorExpected(current));
      }
    } else if (expecting === 'colon') {
      if (char !== ':') return fault(index, EXPECTED.colon);
      expecting = 'value';
      index++;
    } else if (expecting === 'key' || expecting === 'key-or-close') {
      if (char === '}' && expecting === 'key-or-close') {
        open.pop();
        expecting = 'separator';
        index++;
      } else {
        if (char !== '"') return fault(index, EXPECTED[expecting]);
        const end = scanString(text, index);
        if (end.expected !== undefined) return fault(end.at, end.expected);
        expecting = 'colon';
        index = end.at;
      }
    } else if (char === ']' && expecting === 'value-or-close') {
      open.pop();
      expecting = 'separator';
      index++;
    } else if (char === '[' || char === '{') {
      open.push(char === '[' ? 'array' : 'object');
      expecting = char === '[' ? 'value-or-close' : 'key-or-close';
      index++;
    } else {
      const end = scanScalar(text, index);
      if (end.expected !== undefined) return fault(end.at, end.expected === '' ? EXPECTED[expecting] : end.expected);
      expecting = 'separator';
      index = end.at;
    }
  }
}

interface ScanResult {
  /** What JSON allows where the token went wrong ('' for: no token starts here); undefined when it is whole. */
  expected?: string;
  /** The end of the token, or where it went wrong. */
  at: number;
}

function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) break;
    index++;
  }
  return index;
}

function scanScalar(text: string, start: number): ScanResult {
  const char = text[start]!;
  if (char === '"') return scanString(text, start);
  if (char === '-' || (char >= '0' && char <= '9')) return scanNumber(text, start);
  for (const literal of ['true', 'false', 'null']) {
    if (literal[0] !== char) continue;
    for (let offset = 1; offset < literal.length; offset++) {
      if (start + offset >= text.length || text[start + offset] !== literal[offset])
        return { expected: `the rest of ${literal}`, at: Math.min(start + offset, text.length) };
    }
    return { at: start + literal.length };
  }
  return { expected: '', at: start };
}

const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function scanString(text: string, start: number): ScanResult {
  let index = start + 1;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x22) return { at: index + 1 };
    if (code < 0x20)
      return { expected: 'a control character written as an escape (\\n, \\t, \\u0000) inside a string', at: index };
    if (code !== 0x5c) {
      index++;
      continue;
    }
    const escaped = text[index + 1];
    if (escaped === undefined) return { expected: 'an escape after the backslash', at: text.length };
    if (SIMPLE_ESCAPES.has(escaped)) {
      index += 2;
    } else if (escaped === 'u') {
      for (let digit = index + 2; digit < index + 6; digit++) {
        if (digit >= text.length || !/[0-9a-fA-F]/.test(text[digit]!))
          return { expected: 'four hexadecimal digits after \\u', at: Math.min(digit, text.length) };
      }
      index += 6;
    } else {
      return {
        expected: 'an escape after the backslash: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hexadecimal digits',
        at: index + 1,
      };
    }
  }
  return { expected: 'the closing quote of the string', at: text.length };
}

function scanNumber(text: string, start: number): ScanResult {
  let index = start;
  if (text[index] === '-') index++;
  const digits = (): number => {
    const from = index;
    while (index < text.length && text[index]! >= '0' && text[index]! <= '9') index++;
    return index - from;
  };
  const fault = (expected: string): ScanResult => ({ expected, at: Math.min(index, text.length) });
  if (index >= text.length) return fault('a digit');
  if (text[index] === '0') index++;
  else if (digits() === 0) return fault('a digit');
  if (text[index] === '.') {
    index++;
    if (digits() === 0) return fault('a digit after the decimal point');
  }
  if (text[index] === 'e' || text[index] === 'E') {
    index++;
    if (text[index] === '+' || text[index] === '-') index++;
    if (digits() === 0) return fault('a digit in the exponent');
  }
  return { at: index };
}
