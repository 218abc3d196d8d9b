import type stringWidthFunction from 'string-width';
import { UsageError } from '../core/errors';

/**
 * How many terminal columns text takes. Plain ASCII is its length. Text made only of "simple"
 * characters (one code point per character, no combining marks: Latin, Greek, Cyrillic, and the
 * wide CJK, kana, Hangul and fullwidth forms) is counted here, one table for both hosts. Anything
 * else (emoji, combining marks, Thai, Devanagari, halfwidth kana) needs grapheme segmentation and
 * Unicode properties: string-width does that in Node. The in-process engine refuses it instead
 * (refuseComplexText): Jint's Intl.Segmenter and property tables differ from V8's for some of
 * these scripts, and the two hosts must print the same bytes.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Inclusive code point ranges of simple characters, with their width. Sorted. */
const SIMPLE_RANGES: readonly (readonly [number, number, 1 | 2])[] = [
  [0x20, 0x7e, 1],
  [0xa0, 0xac, 1],
  // U+00AD, the soft hyphen, is invisible.
  [0xae, 0x2ff, 1],
  [0x370, 0x3ff, 1],
  // U+0483-U+0489 are combining Cyrillic marks.
  [0x400, 0x482, 1],
  [0x48a, 0x4ff, 1],
  [0x3000, 0x3029, 2],
  // U+302A-U+302F are combining tone marks; U+303F is narrow.
  [0x3030, 0x303e, 2],
  [0x3041, 0x3096, 2],
  // U+3099 and U+309A are the combining (han)dakuten.
  [0x309b, 0x30ff, 2],
  [0x4e00, 0x9fff, 2],
  [0xac00, 0xd7a3, 2],
  [0xff01, 0xff60, 2],
];

/** The width of one code point when it is simple, else 0 (no simple character is zero wide). */
export function simpleCodePointWidth(codePoint: number): number {
  let low = 0;
  let high = SIMPLE_RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last, width] = SIMPLE_RANGES[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return width;
  }
  return 0;
}

/** The text's width when every character in it is simple, else -1. */
export function simpleWidth(text: string): number {
  let width = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // Surrogates (astral characters) are never simple.
    const one = code >= 0xd800 && code <= 0xdfff ? 0 : simpleCodePointWidth(code);
    if (one === 0) return -1;
    width += one;
  }
  return width;
}

let complexText: 'measure' | 'refuse' = 'measure';

/** Called once by the in-process engine: text that is not simple is refused, not measured. */
export function refuseComplexText(): void {
  complexText = 'refuse';
}

let stringWidthModule: typeof stringWidthFunction | undefined;

/**
 * string-width, loaded on the first text that is not simple: most output never needs it, and a
 * cold `test --format json` (every DSC consistency check) should not pay for loading it.
 */
export function complexWidth(text: string): number {
  if (complexText === 'refuse') {
    const first = [...text].find((character) => simpleWidth(character) < 0) ?? '';
    const codePoint = `U+${(first.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new UsageError(
      `text output of a name with ${codePoint} (an emoji, a combining mark or a script such as Thai or Devanagari) needs the Node CLI (iis-logon-rights.cjs), which measures it on the terminal; the in-process engine prints it with --format json, junit or sarif`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  stringWidthModule ??= (require('string-width') as { default: typeof stringWidthFunction }).default;
  return stringWidthModule(text);
}

/** Columns the text takes on a terminal: East Asian wide characters and emoji count two. */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  const simple = simpleWidth(text);
  return simple >= 0 ? simple : complexWidth(text);
}
