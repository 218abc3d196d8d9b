import { nativeCodecInForce } from './text-codec';

/**
 * SHA-1 (FIPS 180-4) of a string's UTF-16LE code units, for application pool SIDs. node:crypto
 * does the same, but loading it costs a cold process about 4 ms and every DSC consistency check
 * is a cold process; a pool name is a few dozen bytes, where this is faster than a Hash object.
 * Not for anything secret: the pool SID derivation only needs Windows' own digest.
 *
 * The digest's five words come back in one array kept between calls (read them before the next
 * call): a typed array per pool was a fifth of what deriving 10,000 pool SIDs allocated.
 */
export function sha1Utf16le(text: string): Uint32Array {
  const native = nativeCodecInForce()?.sha1Utf16le?.(text);
  if (native !== undefined && native !== null && native.length === 20) {
    const view = new DataView(native.buffer, native.byteOffset, 20);
    for (let index = 0; index < 5; index++) DIGEST[index] = view.getUint32(index * 4);
    return DIGEST;
  }
  const length = text.length;
  const bitLength = length * 16;
  // Message, the 0x80 byte, zero padding, and the 64-bit bit length: a whole number of 64-byte blocks.
  const words = Math.ceil((length * 2 + 9) / 64) * 16;
  // A pool SID is derived for every pool of a large server: the message words are read from the
  // text as they are needed, and the schedule's buffer is kept between calls.
  const schedule = SCHEDULE;
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  for (let block = 0; block < words; block += 16) {
    for (let index = 0; index < 16; index++) schedule[index] = messageWord(text, block + index, words, bitLength);
    for (let index = 16; index < 80; index++) {
      const mixed = schedule[index - 3]! ^ schedule[index - 8]! ^ schedule[index - 14]! ^ schedule[index - 16]!;
      schedule[index] = (mixed << 1) | (mixed >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    // The four rounds of twenty, each with its own function and constant.
    for (let index = 0; index < 20; index++) {
      const next = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + schedule[index]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    for (let index = 20; index < 40; index++) {
      const next = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + schedule[index]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    for (let index = 40; index < 60; index++) {
      const next = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + schedule[index]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    for (let index = 60; index < 80; index++) {
      const next = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + schedule[index]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  DIGEST[0] = h0;
  DIGEST[1] = h1;
  DIGEST[2] = h2;
  DIGEST[3] = h3;
  DIGEST[4] = h4;
  return DIGEST;
}

const SCHEDULE = new Int32Array(80);
const DIGEST = new Uint32Array(5);

/**
 * Big-endian word `index` of the padded message: two UTF-16LE code units, or where the text
 * ends the 0x80 byte, then zeros, then the bit length in the last two words.
 */
function messageWord(text: string, index: number, words: number, bitLength: number): number {
  if (index === words - 1) return bitLength | 0;
  // Strings are far below 2^29 bytes here, but write the high word properly anyway.
  if (index === words - 2) return Math.floor(bitLength / 0x100000000) | 0;
  const at = index * 2;
  if (at < text.length) {
    const first = text.charCodeAt(at);
    const high = ((first & 0xff) << 24) | ((first >>> 8) << 16);
    if (at + 1 === text.length) return high | 0x8000;
    const second = text.charCodeAt(at + 1);
    return high | ((second & 0xff) << 8) | (second >>> 8);
  }
  return at === text.length ? 0x80000000 | 0 : 0;
}
