import { InputError } from '../core/errors';

export type TextEncodingName = 'utf-16le' | 'utf-16be' | 'utf-8';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  hadByteOrderMark: boolean;
}

/**
 * Decodes an artifact from bytes. Windows tools write UTF-16LE with a BOM (secedit, gpresult,
 * Get-GPOReport); hand-made and exported files are UTF-8 with or without a BOM. Decoding is
 * fatal on invalid data so a corrupt or truncated file is reported instead of turning into
 * replacement characters that would then be compared as account names.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  let encoding: TextEncodingName = 'utf-8';
  let hadByteOrderMark = false;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    hadByteOrderMark = true;
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    hadByteOrderMark = true;
  } else if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    hadByteOrderMark = true;
  } else if (looksLikeUtf16WithoutBom(bytes)) {
    encoding = bytes[0] === 0 ? 'utf-16be' : 'utf-16le';
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    const line = lineOfFirstInvalidSequence(bytes, encoding, hadByteOrderMark);
    throw new InputError(file, { line }, `text in ${encoding.toUpperCase()}${hadByteOrderMark ? ' (as its byte order mark says)' : ''}`, 'bytes that are not valid in that encoding (a binary, truncated or wrongly encoded file)');
  }
  if (text.includes('\u0000')) {
    const line = text.slice(0, text.indexOf('\u0000')).split('\n').length;
    throw new InputError(file, { line }, 'text', 'a NUL character (a binary file, or UTF-16 text without its byte order mark)');
  }
  return { text, encoding, hadByteOrderMark };
}

/** How U+FFFD itself is written, to tell one in the file from one the decoder put in. */
const REPLACEMENT_CHARACTER_BYTES: Record<TextEncodingName, readonly number[]> = {
  'utf-8': [0xef, 0xbf, 0xbd],
  'utf-16le': [0xfd, 0xff],
  'utf-16be': [0xff, 0xfd],
};

/**
 * The line of the first byte sequence that is invalid in the encoding. Decoding again leniently
 * turns it into U+FFFD; the text before it is valid, so its length in bytes says where to look,
 * which tells a U+FFFD written in the file from the decoder's.
 */
function lineOfFirstInvalidSequence(bytes: Uint8Array, encoding: TextEncodingName, hadByteOrderMark: boolean): number {
  const body = bytes.subarray(hadByteOrderMark ? (encoding === 'utf-8' ? 3 : 2) : 0);
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  const replacement = REPLACEMENT_CHARACTER_BYTES[encoding];
  let index = text.indexOf('\uFFFD');
  while (index !== -1) {
    const before = text.slice(0, index);
    const offset = encoding === 'utf-8' ? new TextEncoder().encode(before).length : before.length * 2;
    if (!replacement.every((byte, position) => body[offset + position] === byte)) return before.split(/\r\n|\r|\n/).length;
    index = text.indexOf('\uFFFD', index + 1);
  }
  return text.split(/\r\n|\r|\n/).length;
}

/** ASCII text in UTF-16 without a BOM has a NUL in every other byte; ordinary UTF-8 has none. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 512) & ~1;
  if (sample < 4) return false;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const pairs = sample / 2;
  return (oddNuls > pairs * 0.9 && evenNuls === 0) || (evenNuls > pairs * 0.9 && oddNuls === 0);
}
