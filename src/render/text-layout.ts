import { complexWidth, displayWidth, simpleCodePointWidth, simpleWidth } from './text-width';

export { displayWidth } from './text-width';

/**
 * Word wrapping for text that is already safe to print (escaped). Every function here is linear
 * in the length of its text: tables of 150,000 rows go through them.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A word that holds a SID (`S-1-5-21-...-1003`, `*S-1-5-113`, `(S-1-5-32-544)`) is never
 * broken: the RID at its end is the part that tells accounts apart.
 */
const HOLDS_SID = /S-1-\d/i;

export function isUnbreakable(word: string): boolean {
  return HOLDS_SID.test(word);
}

/** The widest word of the text that must stay whole (a SID), or 0. */
export function widestUnbreakableWord(text: string): number {
  if (!HOLDS_SID.test(text)) return 0;
  let widest = 0;
  for (const word of text.split(/[ \n]/)) if (isUnbreakable(word)) widest = Math.max(widest, displayWidth(word));
  return widest;
}

/** The widest word of the text, or 0. */
export function widestWord(text: string): number {
  let widest = 0;
  for (const word of text.split(/[ \n]/)) widest = Math.max(widest, displayWidth(word));
  return widest;
}

/** The widest line of the text (lines split at `\n`). */
export function widestLine(text: string): number {
  if (!text.includes('\n')) return displayWidth(text);
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line));
  return widest;
}

let segmenter: Intl.Segmenter | undefined;

/** The word's graphemes, for text that is not simple (complexWidth refuses it where it cannot be measured). */
function graphemes(word: string): string[] {
  complexWidth(word);
  segmenter ??= new Intl.Segmenter();
  return Array.from(segmenter.segment(word), (entry) => entry.segment);
}

/** Cuts a word that is wider than `width` into pieces at most `width` wide, between characters. */
function breakWord(word: string, width: number): string[] {
  if (PRINTABLE_ASCII.test(word)) {
    const pieces: string[] = [];
    for (let start = 0; start < word.length; start += width) pieces.push(word.slice(start, start + width));
    return pieces;
  }
  // Simple text has one code point per character; anything else is cut between graphemes.
  const simple = simpleWidth(word) >= 0;
  const pieces: string[] = [];
  let piece = '';
  let pieceWidth = 0;
  for (const segment of simple ? Array.from(word) : graphemes(word)) {
    const segmentWidth = simple ? simpleCodePointWidth(segment.codePointAt(0)!) : complexWidth(segment);
    if (pieceWidth + segmentWidth > width && piece !== '') {
      pieces.push(piece);
      piece = '';
      pieceWidth = 0;
    }
    piece += segment;
    pieceWidth += segmentWidth;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Greedy word wrap of each line of `text` to `width` columns. Words wider than the width are
 * cut, except words that hold a SID, which get a line of their own even when wider (callers that
 * must fit make the width at least widestUnbreakableWord).
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (displayWidth(line) <= width) {
      out.push(line);
      continue;
    }
    let current = '';
    let currentWidth = 0;
    for (const word of line.split(' ')) {
      const wordWidth = displayWidth(word);
      if (current !== '' && currentWidth + 1 + wordWidth <= width) {
        current += ` ${word}`;
        currentWidth += 1 + wordWidth;
        continue;
      }
      if (current !== '') out.push(current);
      if (wordWidth <= width || isUnbreakable(word)) {
        current = word;
        currentWidth = wordWidth;
        continue;
      }
      const pieces = breakWord(word, Math.max(width, 1));
      for (let index = 0; index < pieces.length - 1; index++) out.push(pieces[index]!);
      current = pieces[pieces.length - 1] ?? '';
      currentWidth = displayWidth(current);
    }
    out.push(current);
  }
  return out;
}

/** The text padded with spaces to `width` columns. */
export function padToWidth(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}

/**
 * A paragraph wrapped to `width` with `indent` before its first line and `hangingIndent` before
 * the others, for prose (explain).
 */
export function wrapParagraph(text: string, width: number, indent = '', hangingIndent = indent): string[] {
  const lines: string[] = [];
  for (const [index, line] of wrapText(text, Math.max(width - hangingIndent.length, 20)).entries())
    lines.push(`${index === 0 ? indent : hangingIndent}${line}`);
  return lines;
}
