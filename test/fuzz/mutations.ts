import fc from 'fast-check';
import { ENCODINGS, decodeLoosely, describeWritten, encode, type Written } from './encoding';
import { FILLER_UNITS, GIANT_LENGTHS, HOSTILE_TOKENS, HUGE_VALUE_LENGTHS, NESTING_DEPTHS } from './mutation-values';

/**
 * Mutations of a document's bytes, drawn by fast-check so a failing case shrinks to the fewest
 * and smallest mutations. Positions are fractions of the current length, so one mutation list
 * applies to a seed of any size. Text-level mutations decode the bytes (loosely, whatever an
 * earlier mutation broke), change the text and write it back in the encoding it was in.
 */

export type DocumentFormat = 'inf' | 'xml' | 'json';

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'set-byte'; at: number; value: number }
  | { kind: 'flip-bit'; at: number; bit: number }
  | { kind: 'insert-bytes'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'nul'; at: number; count: number }
  | { kind: 'reencode'; to: Written }
  | { kind: 'toggle-bom' }
  | { kind: 'line-endings'; pattern: string[] }
  | { kind: 'giant-line'; at: number; unit: string; length: number }
  | { kind: 'deep-nesting'; depth: number }
  | { kind: 'huge-value'; at: number; unit: string; length: number }
  | { kind: 'token'; at: number; token: string };

/** Resolution of the fractional positions. */
const SCALE = 1_000_000;

const position = fc.nat({ max: SCALE - 1 });

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: position.map((at): Mutation => ({ kind: 'truncate', at })) },
  {
    weight: 6,
    arbitrary: fc
      .record({ at: position, value: fc.integer({ min: 0, max: 255 }) })
      .map((r): Mutation => ({ kind: 'set-byte', ...r })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ at: position, bit: fc.integer({ min: 0, max: 7 }) })
      .map((r): Mutation => ({ kind: 'flip-bit', ...r })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ at: position, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) })
      .map((r): Mutation => ({ kind: 'insert-bytes', ...r })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ at: position, length: fc.integer({ min: 1, max: 4096 }) })
      .map((r): Mutation => ({ kind: 'delete', ...r })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ at: position, length: fc.integer({ min: 1, max: 4096 }) })
      .map((r): Mutation => ({ kind: 'duplicate', ...r })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ at: position, count: fc.integer({ min: 1, max: 4 }) })
      .map((r): Mutation => ({ kind: 'nul', ...r })),
  },
  { weight: 4, arbitrary: fc.constantFrom(...ENCODINGS).map((to): Mutation => ({ kind: 'reencode', to })) },
  { weight: 2, arbitrary: fc.constant<Mutation>({ kind: 'toggle-bom' }) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.constantFrom('\r\n', '\n', '\r'), { minLength: 1, maxLength: 5 })
      .map((pattern): Mutation => ({ kind: 'line-endings', pattern })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ at: position, unit: fc.constantFrom(...FILLER_UNITS), length: fc.constantFrom(...GIANT_LENGTHS) })
      .map((r): Mutation => ({ kind: 'giant-line', ...r })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...NESTING_DEPTHS).map((depth): Mutation => ({ kind: 'deep-nesting', depth })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ at: position, unit: fc.constantFrom(...FILLER_UNITS), length: fc.constantFrom(...HUGE_VALUE_LENGTHS) })
      .map((r): Mutation => ({ kind: 'huge-value', ...r })),
  },
  {
    weight: 6,
    arbitrary: fc
      .record({ at: position, token: fc.constantFrom(...HOSTILE_TOKENS) })
      .map((r): Mutation => ({ kind: 'token', ...r })),
  },
);

export const mutationListArbitrary = fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 });

export interface Mutated {
  bytes: Uint8Array;
  /** True when every mutation applied kept the document's meaning (encoding, BOM, line endings). */
  preserving: boolean;
}

export function applyMutations(seed: Uint8Array, mutations: readonly Mutation[], format: DocumentFormat): Mutated {
  let bytes = seed;
  let preserving = true;
  for (const mutation of mutations) {
    const result = applyMutation(bytes, mutation, format);
    bytes = result.bytes;
    preserving &&= result.preserving;
  }
  return { bytes, preserving };
}

function indexAt(length: number, at: number): number {
  return Math.floor((at / SCALE) * length);
}

function splice(
  bytes: Uint8Array,
  start: number,
  deleteCount: number,
  insert: Uint8Array = new Uint8Array(),
): Uint8Array {
  return Buffer.concat([bytes.subarray(0, start), insert, bytes.subarray(start + deleteCount)]);
}

function textMutation(bytes: Uint8Array, change: (text: string) => string): Uint8Array {
  const { text, written } = decodeLoosely(bytes);
  return encode(change(text), written);
}

function insertText(text: string, at: number, insert: string): string {
  const index = indexAt(text.length, at);
  return text.slice(0, index) + insert + text.slice(index);
}

function applyMutation(bytes: Uint8Array, mutation: Mutation, format: DocumentFormat): Mutated {
  switch (mutation.kind) {
    case 'truncate':
      return { bytes: bytes.subarray(0, indexAt(bytes.length, mutation.at)), preserving: false };
    case 'set-byte': {
      if (bytes.length === 0) return { bytes: Uint8Array.of(mutation.value), preserving: false };
      const copy = Uint8Array.from(bytes);
      copy[indexAt(copy.length, mutation.at)] = mutation.value;
      return { bytes: copy, preserving: false };
    }
    case 'flip-bit': {
      if (bytes.length === 0) return { bytes, preserving: true };
      const copy = Uint8Array.from(bytes);
      const index = indexAt(copy.length, mutation.at);
      copy[index] = copy[index]! ^ (1 << mutation.bit);
      return { bytes: copy, preserving: false };
    }
    case 'insert-bytes':
      return {
        bytes: splice(bytes, indexAt(bytes.length, mutation.at), 0, Uint8Array.from(mutation.bytes)),
        preserving: false,
      };
    case 'delete':
      return { bytes: splice(bytes, indexAt(bytes.length, mutation.at), mutation.length), preserving: false };
    case 'duplicate': {
      const start = indexAt(bytes.length, mutation.at);
      return { bytes: splice(bytes, start, 0, bytes.slice(start, start + mutation.length)), preserving: false };
    }
    case 'nul':
      return {
        bytes: splice(bytes, indexAt(bytes.length, mutation.at), 0, new Uint8Array(mutation.count)),
        preserving: false,
      };
    case 'reencode': {
      const { text } = decodeLoosely(bytes);
      // Without a BOM, UTF-16 is recognised only by its NUL pattern, which non-ASCII text lacks.
      return { bytes: encode(text, mutation.to), preserving: mutation.to.encoding === 'utf-8' || mutation.to.bom };
    }
    case 'toggle-bom': {
      const { text, written } = decodeLoosely(bytes);
      return {
        bytes: encode(text, { ...written, bom: !written.bom }),
        preserving: written.encoding === 'utf-8' || !written.bom,
      };
    }
    case 'line-endings':
      return { bytes: textMutation(bytes, (text) => withLineEndings(text, mutation.pattern)), preserving: true };
    case 'giant-line':
      return {
        bytes: textMutation(bytes, (text) =>
          insertText(text, mutation.at, `\n${filler(mutation.unit, mutation.length)}\n`),
        ),
        preserving: false,
      };
    case 'deep-nesting':
      return { bytes: textMutation(bytes, (text) => nest(text, mutation.depth, format)), preserving: false };
    case 'huge-value':
      return {
        bytes: textMutation(bytes, (text) =>
          insertIntoValue(text, mutation.at, filler(mutation.unit, mutation.length), format),
        ),
        preserving: false,
      };
    case 'token':
      return { bytes: textMutation(bytes, (text) => insertText(text, mutation.at, mutation.token)), preserving: false };
  }
}

/**
 * Rewrites every line break by the pattern, keeping the number of lines: a CR directly
 * followed by the LF of an empty line would read as one CRLF, so that CR becomes a CRLF.
 */
function withLineEndings(text: string, pattern: readonly string[]): string {
  const lines = text.split(/\r\n|\r|\n/);
  const breakAfter = (index: number): string => pattern[index % pattern.length]!;
  return lines
    .map((line, index) => {
      if (index === lines.length - 1) return line;
      const next = index + 1;
      const merges =
        breakAfter(index) === '\r' && lines[next] === '' && next < lines.length - 1 && breakAfter(next) === '\n';
      return line + (merges ? '\r\n' : breakAfter(index));
    })
    .join('');
}

function filler(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Deeply nested structure in the format's own syntax, placed where it is still well-formed. */
function nest(text: string, depth: number, format: DocumentFormat): string {
  switch (format) {
    case 'xml': {
      const close = text.lastIndexOf('</');
      const at = close === -1 ? text.length : close;
      return `${text.slice(0, at)}${'<n>'.repeat(depth)}${'</n>'.repeat(depth)}${text.slice(at)}`;
    }
    case 'json': {
      const open = text.indexOf('{');
      if (open === -1) return `${'['.repeat(depth)}${text}${']'.repeat(depth)}`;
      return `${text.slice(0, open + 1)}"nested":${'['.repeat(depth)}${']'.repeat(depth)},${text.slice(open + 1)}`;
    }
    case 'inf':
      return `${'['.repeat(depth)}Privilege Rights${']'.repeat(depth)}\r\n${text}`;
  }
}

/** Inserts a long run right after a value opens: an XML/JSON quote, or an INF `=`. */
function insertIntoValue(text: string, at: number, value: string, format: DocumentFormat): string {
  const anchor = format === 'inf' ? '=' : '"';
  const positions: number[] = [];
  for (
    let index = text.indexOf(anchor);
    index !== -1 && positions.length < 10_000;
    index = text.indexOf(anchor, index + 1)
  )
    positions.push(index + 1);
  if (positions.length === 0) return text + value;
  const index = positions[indexAt(positions.length, at)]!;
  return text.slice(0, index) + value + text.slice(index);
}

export function describeMutations(mutations: readonly Mutation[]): string {
  return mutations
    .map((mutation) => {
      switch (mutation.kind) {
        case 'reencode':
          return `reencode(${describeWritten(mutation.to)})`;
        case 'giant-line':
        case 'huge-value':
          return `${mutation.kind}(${JSON.stringify(mutation.unit)} x ${mutation.length} at ${mutation.at / SCALE})`;
        default:
          return JSON.stringify(mutation);
      }
    })
    .join(', ');
}
