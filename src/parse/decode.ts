import { InputError } from '../core/errors';
import { decodeUnicode, nativeCodecInForce, type ReleasableText, type UnicodeEncoding } from '../core/text-codec';

export type TextEncodingName = UnicodeEncoding;

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  hadByteOrderMark: boolean;
}

/**
 * Decodes an artifact from bytes. Windows tools write UTF-16LE with a BOM (secedit, gpresult,
 * Get-GPOReport); hand-made and exported files are UTF-8 with or without a BOM. Decoding is
 * fatal on invalid data so a corrupt or truncated file is reported instead of turning into
 * replacement characters that would then be compared as account names. The decoder is plain
 * JavaScript (text-codec.ts), the same in Node and in the in-process host.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const { encoding, hadByteOrderMark, bodyStart } = encodingOf(bytes);
  const { text, invalidAt } = decodeUnicode(bytes, encoding, bodyStart);
  if (invalidAt !== -1) {
    // The text before the invalid sequence decoded cleanly, so its lines say where to look.
    const line = text.split(/\r\n|\r|\n/).length;
    throw new InputError(
      file,
      { line },
      `text in ${encoding.toUpperCase()}${hadByteOrderMark ? ' (as its byte order mark says)' : ''}`,
      'bytes that are not valid in that encoding (a binary, truncated or wrongly encoded file)',
    );
  }
  if (text.includes('\u0000')) {
    const line = text.slice(0, text.indexOf('\u0000')).split('\n').length;
    throw new InputError(
      file,
      { line },
      'text',
      'a NUL character (a binary file, or UTF-16 text without its byte order mark)',
    );
  }
  return { text, encoding, hadByteOrderMark };
}

/**
 * Files from this size on are read a window at a time where the host can (decodeLargeText). The
 * windows cost the first, cold parse about 0.1 G instructions more (more code for V8 to compile)
 * and pay only where the whole text would be a large part of the peak: a 10,000-site
 * applicationHost.config (15 MB) peaks 15-30 MiB lower, a 1,000-site one (1.5 MB) the same.
 */
export const LARGE_TEXT_BYTES = 4 * 1024 * 1024;

/**
 * The text decodeText would give, as a LargeText over the bytes, for a large file whose body is
 * UTF-8 and all ASCII with no NUL (every applicationHost.config IIS writes), where the host's
 * codec offers it; else undefined, and the caller decodes the whole text. Such bytes cannot fail
 * to decode, so no error is lost.
 */
export function decodeLargeText(bytes: Uint8Array): ReleasableText | undefined {
  const codec = nativeCodecInForce();
  if (bytes.length < LARGE_TEXT_BYTES || codec?.asciiText === undefined) return undefined;
  const { encoding, bodyStart } = encodingOf(bytes);
  if (encoding !== 'utf-8') return undefined;
  return codec.asciiText(bytes, bodyStart) ?? undefined;
}

function encodingOf(bytes: Uint8Array): { encoding: TextEncodingName; hadByteOrderMark: boolean; bodyStart: number } {
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
  return { encoding, hadByteOrderMark, bodyStart: hadByteOrderMark ? (encoding === 'utf-8' ? 3 : 2) : 0 };
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
