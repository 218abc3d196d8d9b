import { nativeCodecInForce } from './text-codec';

/**
 * SHA-1 (FIPS 180-4) of a string's UTF-16LE code units, for application pool SIDs. node:crypto
 * does the same, but loading it costs a cold process about 4 ms and every DSC consistency check
 * is a cold process; a pool name is a few dozen bytes, where this is faster than a Hash object.
 * Not for anything secret: the pool SID derivation only needs Windows' own digest.
 */
export function sha1Utf16le(text: string): Uint32Array {
  const native = nativeCodecInForce()?.sha1Utf16le?.(text);
  if (native !== undefined && native !== null && native.length === 20) {
    const view = new DataView(native.buffer, native.byteOffset, 20);
    return Uint32Array.from({ length: 5 }, (_, index) => view.getUint32(index * 4));
  }
  const byteLength = text.length * 2;
  // Message, the 0x80 byte, zero padding, and the 64-bit bit length: a whole number of 64-byte blocks.
  const end = Math.ceil((byteLength + 9) / 64) * 64;
  // A pool SID is derived for every pool of a large server: the buffers are kept between calls.
  if (scratch.length < end) scratch = new Uint8Array(end);
  const bytes = scratch;
  bytes.fill(0, 0, end);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    bytes[index * 2] = unit & 0xff;
    bytes[index * 2 + 1] = unit >>> 8;
  }
  bytes[byteLength] = 0x80;
  const bitLength = byteLength * 8;
  // Strings are far below 2^29 bytes here, but write the high word properly anyway.
  const high = Math.floor(bitLength / 0x100000000);
  bytes[end - 8] = high >>> 24;
  bytes[end - 7] = (high >>> 16) & 0xff;
  bytes[end - 6] = (high >>> 8) & 0xff;
  bytes[end - 5] = high & 0xff;
  bytes[end - 4] = bitLength >>> 24;
  bytes[end - 3] = (bitLength >>> 16) & 0xff;
  bytes[end - 2] = (bitLength >>> 8) & 0xff;
  bytes[end - 1] = bitLength & 0xff;

  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const words = WORDS;
  for (let block = 0; block < end; block += 64) {
    for (let index = 0; index < 16; index++) {
      const at = block + index * 4;
      words[index] = (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
    }
    for (let index = 16; index < 80; index++) {
      const mixed = words[index - 3]! ^ words[index - 8]! ^ words[index - 14]! ^ words[index - 16]!;
      words[index] = (mixed << 1) | (mixed >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let index = 0; index < 80; index++) {
      let f: number;
      let k: number;
      if (index < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (index < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (index < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const next = (((a << 5) | (a >>> 27)) + f + e + k + words[index]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
  }
  const state = new Uint32Array(5);
  state[0] = h0;
  state[1] = h1;
  state[2] = h2;
  state[3] = h3;
  state[4] = h4;
  return state;
}

let scratch = new Uint8Array(128);
const WORDS = new Uint32Array(80);
