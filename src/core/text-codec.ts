/**
 * Strict UTF-8 and UTF-16 decoding and UTF-8 encoding in plain JavaScript. The engine runs in
 * two hosts: Node (the CLI) and Jint inside PowerShell, which has no TextDecoder, TextEncoder or
 * Buffer. Both hosts use these functions, so a file decodes to the same text, or fails at the
 * same byte, whichever host reads it. They follow the WHATWG Encoding Standard: overlong forms,
 * surrogates and code points above U+10FFFF are invalid UTF-8; an unpaired surrogate or an odd
 * trailing byte is invalid UTF-16.
 */

export type UnicodeEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Text decoded up to the first invalid sequence; `invalidAt` is its byte offset, or -1. */
export interface DecodeOutcome {
  text: string;
  invalidAt: number;
}

/**
 * Decoding and encoding done natively by the host, when it offers them. Jint interprets every
 * iteration of the loops below (a 1.5 MiB applicationHost.config took seconds), where .NET
 * decodes it in milliseconds. A native decode must be strict and answers null for bytes it does
 * not accept; the loops below then decode the same bytes to find the invalid one, so an error
 * names the same byte whichever host read the file. For valid bytes every strict decoder gives
 * the same text, so the answer cannot differ between hosts.
 */
export interface NativeCodec {
  decode(bytes: Uint8Array, encoding: UnicodeEncoding, start: number): string | null;
  /** UTF-8 with each unpaired surrogate written as U+FFFD, as encodeUtf8 below. */
  encodeUtf8(text: string): Uint8Array;
  /**
   * The 20-byte SHA-1 of the text's UTF-16LE code units (sha1.ts, for pool SIDs: about 4 ms a
   * digest in Jint), or null when the host leaves it to sha1.ts.
   */
  sha1Utf16le?(text: string): Uint8Array | null;
  /**
   * UTF-8 bytes from `start` that are all ASCII with no NUL (the text decode gives, without the
   * checks that could fail), read a window at a time; null for any other bytes, or when the host
   * leaves large texts whole. `release` lets go of the bytes once nothing reads the text again.
   */
  asciiText?(bytes: Uint8Array, start: number): ReleasableText | null;
}

/**
 * A text too large to be worth holding whole while it is read: an applicationHost.config of
 * 10,000 sites is 15 MB. Held as one string it lived through every scavenge of the parse, so
 * only a full collection, during judging, freed it, and it was a tenth of the peak memory. A
 * reader takes it a window at a time instead (parse/xml-plain.ts), each window a short string
 * that dies young. For the same bytes every slice is the slice of the decoded whole text.
 */
export interface LargeText {
  readonly length: number;
  /** The code units from `start` up to `end` (at most `length`), as the whole text's slice. */
  slice(start: number, end: number): string;
  /** Where `search` (ASCII) first occurs at or after `from`, or -1, as the whole text's indexOf. */
  indexOf(search: string, from: number): number;
}

/** A LargeText over bytes the host can free at once. */
export interface ReleasableText {
  text: LargeText;
  release(): void;
}

/**
 * The codec in force: set only for the duration of one engine call (engine.ts), because the
 * decoders are called from parsers that have no host to ask.
 */
let nativeCodec: NativeCodec | undefined;

/** The codec in force, if any (sha1.ts asks for its digest). */
export function nativeCodecInForce(): NativeCodec | undefined {
  return nativeCodec;
}

/** Runs `work` with `codec` doing the decoding and encoding, then restores the previous one. */
export function withNativeCodec<T>(codec: NativeCodec | undefined, work: () => T): T {
  const previous = nativeCodec;
  nativeCodec = codec;
  try {
    return work();
  } finally {
    nativeCodec = previous;
  }
}

/** Code units collected before they are turned into a string, to bound the argument list. */
const CHUNK = 8192;

class TextBuilder {
  private readonly parts: string[] = [];
  private readonly units: number[] = [];

  push(unit: number): void {
    this.units.push(unit);
    if (this.units.length >= CHUNK) this.flush();
  }

  pushCodePoint(codePoint: number): void {
    if (codePoint < 0x10000) {
      this.push(codePoint);
      return;
    }
    const offset = codePoint - 0x10000;
    this.push(0xd800 + (offset >> 10));
    this.push(0xdc00 + (offset & 0x3ff));
  }

  text(): string {
    this.flush();
    return this.parts.join('');
  }

  private flush(): void {
    if (this.units.length === 0) return;
    this.parts.push(String.fromCharCode.apply(null, this.units));
    this.units.length = 0;
  }
}

/** Decodes bytes[start..] in the encoding, stopping at the first invalid sequence. */
export function decodeUnicode(bytes: Uint8Array, encoding: UnicodeEncoding, start = 0): DecodeOutcome {
  const native = nativeCodec?.decode(bytes, encoding, start);
  if (typeof native === 'string') return { text: native, invalidAt: -1 };
  return encoding === 'utf-8' ? decodeUtf8(bytes, start) : decodeUtf16(bytes, encoding === 'utf-16be', start);
}

function decodeUtf8(bytes: Uint8Array, start: number): DecodeOutcome {
  const out = new TextBuilder();
  const end = bytes.length;
  let index = start;
  while (index < end) {
    const first = bytes[index]!;
    if (first < 0x80) {
      out.push(first);
      index++;
      continue;
    }
    let needed: number;
    let codePoint: number;
    // The second byte's range excludes overlong forms, surrogates and values above U+10FFFF.
    let lower = 0x80;
    let upper = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) {
      needed = 1;
      codePoint = first & 0x1f;
    } else if (first >= 0xe0 && first <= 0xef) {
      needed = 2;
      codePoint = first & 0x0f;
      if (first === 0xe0) lower = 0xa0;
      if (first === 0xed) upper = 0x9f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      needed = 3;
      codePoint = first & 0x07;
      if (first === 0xf0) lower = 0x90;
      if (first === 0xf4) upper = 0x8f;
    } else {
      return { text: out.text(), invalidAt: index };
    }
    if (index + needed >= end) return { text: out.text(), invalidAt: index };
    for (let offset = 1; offset <= needed; offset++) {
      const next = bytes[index + offset]!;
      if (next < (offset === 1 ? lower : 0x80) || next > (offset === 1 ? upper : 0xbf))
        return { text: out.text(), invalidAt: index };
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    out.pushCodePoint(codePoint);
    index += needed + 1;
  }
  return { text: out.text(), invalidAt: -1 };
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean, start: number): DecodeOutcome {
  const out = new TextBuilder();
  const unitAt = (at: number) => (bigEndian ? (bytes[at]! << 8) | bytes[at + 1]! : bytes[at]! | (bytes[at + 1]! << 8));
  let index = start;
  while (index + 1 < bytes.length) {
    const unit = unitAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      if (index + 3 >= bytes.length) return { text: out.text(), invalidAt: index };
      const low = unitAt(index + 2);
      if (low < 0xdc00 || low > 0xdfff) return { text: out.text(), invalidAt: index };
      out.push(unit);
      out.push(low);
      index += 4;
      continue;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return { text: out.text(), invalidAt: index };
    out.push(unit);
    index += 2;
  }
  return { text: out.text(), invalidAt: index < bytes.length ? index : -1 };
}

/** UTF-8 bytes of a string; an unpaired surrogate becomes U+FFFD, as Node and .NET write it. */
export function encodeUtf8(text: string): Uint8Array {
  if (nativeCodec !== undefined) return nativeCodec.encodeUtf8(text);
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      length += 4;
      index++;
    } else length += 3;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (let index = 0; index < text.length; index++) {
    let codePoint = text.charCodeAt(index);
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (text.charCodeAt(index + 1) - 0xdc00);
      index++;
    } else if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      codePoint = 0xfffd;
    }
    if (codePoint < 0x80) {
      bytes[at++] = codePoint;
    } else if (codePoint < 0x800) {
      bytes[at++] = 0xc0 | (codePoint >> 6);
      bytes[at++] = 0x80 | (codePoint & 0x3f);
    } else if (codePoint < 0x10000) {
      bytes[at++] = 0xe0 | (codePoint >> 12);
      bytes[at++] = 0x80 | ((codePoint >> 6) & 0x3f);
      bytes[at++] = 0x80 | (codePoint & 0x3f);
    } else {
      bytes[at++] = 0xf0 | (codePoint >> 18);
      bytes[at++] = 0x80 | ((codePoint >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((codePoint >> 6) & 0x3f);
      bytes[at++] = 0x80 | (codePoint & 0x3f);
    }
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
