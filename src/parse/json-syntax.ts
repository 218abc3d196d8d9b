import { excerpt } from '../core/errors';

/**
 * Where and why JSON.parse rejected a text. V8 (Node 20) names a position for some syntax
 * errors only ("Unexpected token 'x', "...snippet..." is not valid JSON" and "Unexpected end of
 * JSON input" have none), and its messages quote the input with its line breaks, so neither can
 * go into a one-line message as they are.
 */

export interface JsonErrorLocation {
  line: number;
  column: number;
}

/** Line and column (1-based) of the syntax error: V8's position when it gives one, else found by a scan. */
export function locateJsonSyntaxError(text: string, message: string): JsonErrorLocation {
  const position = /at position (\d+)/.exec(message);
  const offset = position === null ? firstInvalidOffset(text) : Math.min(Number(position[1]), text.length);
  return lineAndColumn(text, offset);
}

/** V8's reason without its quote of the input: `Unexpected token '}'`, `Unterminated string`. */
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

/**
 * Offset of the first character at which `text` stops being JSON (RFC 8259, as JSON.parse reads
 * it), or text.length when it ends too early. A loop with an explicit stack: nesting depth is
 * the input's choice.
 */
export function firstInvalidOffset(text: string): number {
  const open: ('array' | 'object')[] = [];
  let expecting: Expecting = 'value';
  let index = 0;
  for (;;) {
    index = skipWhitespace(text, index);
    const current = open[open.length - 1];
    // Only called on text JSON.parse rejected: running out means it ended too early.
    if (index >= text.length) return text.length;
    const char = text[index];
    if (expecting === 'separator') {
      if (current === undefined) return index;
      if (char === ',') {
        expecting = current === 'object' ? 'key' : 'value';
        index++;
      } else if ((char === ']' && current === 'array') || (char === '}' && current === 'object')) {
        open.pop();
        index++;
      } else {
        return index;
      }
    } else if (expecting === 'colon') {
      if (char !== ':') return index;
      expecting = 'value';
      index++;
    } else if (expecting === 'key' || expecting === 'key-or-close') {
      if (char === '}' && expecting === 'key-or-close') {
        open.pop();
        expecting = 'separator';
        index++;
      } else {
        if (char !== '"') return index;
        const end = scanString(text, index);
        if (end.error) return end.at;
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
      if (end.error) return end.at;
      expecting = 'separator';
      index = end.at;
    }
  }
}

interface ScanResult {
  error: boolean;
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
      if (start + offset >= text.length) return { error: true, at: text.length };
      if (text[start + offset] !== literal[offset]) return { error: true, at: start + offset };
    }
    return { error: false, at: start + literal.length };
  }
  return { error: true, at: start };
}

const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function scanString(text: string, start: number): ScanResult {
  let index = start + 1;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x22) return { error: false, at: index + 1 };
    if (code < 0x20) return { error: true, at: index };
    if (code !== 0x5c) {
      index++;
      continue;
    }
    const escaped = text[index + 1];
    if (escaped === undefined) return { error: true, at: text.length };
    if (SIMPLE_ESCAPES.has(escaped)) {
      index += 2;
    } else if (escaped === 'u') {
      for (let digit = index + 2; digit < index + 6; digit++) {
        if (digit >= text.length) return { error: true, at: text.length };
        if (!/[0-9a-fA-F]/.test(text[digit]!)) return { error: true, at: digit };
      }
      index += 6;
    } else {
      return { error: true, at: index + 1 };
    }
  }
  return { error: true, at: text.length };
}

function scanNumber(text: string, start: number): ScanResult {
  let index = start;
  if (text[index] === '-') index++;
  const digits = (): number => {
    const from = index;
    while (index < text.length && text[index]! >= '0' && text[index]! <= '9') index++;
    return index - from;
  };
  if (index >= text.length) return { error: true, at: text.length };
  if (text[index] === '0') index++;
  else if (digits() === 0) return { error: true, at: index };
  if (text[index] === '.') {
    index++;
    if (digits() === 0) return { error: true, at: index };
  }
  if (text[index] === 'e' || text[index] === 'E') {
    index++;
    if (text[index] === '+' || text[index] === '-') index++;
    if (digits() === 0) return { error: true, at: index };
  }
  return { error: false, at: index };
}
