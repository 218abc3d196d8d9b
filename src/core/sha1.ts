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
  const blockCount = Math.ceil((byteLength + 9) / 64);
  const bytes = new Uint8Array(blockCount * 64);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    bytes[index * 2] = unit & 0xff;
    bytes[index * 2 + 1] = unit >>> 8;
  }
  bytes[byteLength] = 0x80;
  const bitLength = byteLength * 8;
  const end = bytes.length;
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

  const state = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const words = new Uint32Array(80);
  for (let block = 0; block < end; block += 64) {
    for (let index = 0; index < 16; index++) {
      const at = block + index * 4;
      words[index] = (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
    }
    for (let index = 16; index < 80; index++) {
      const mixed = words[index - 3]! ^ words[index - 8]! ^ words[index - 14]! ^ words[index - 16]!;
      words[index] = (mixed << 1) | (mixed >>> 31);
    }
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let e = state[4]!;
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
    state[0] = state[0]! + a;
    state[1] = state[1]! + b;
    state[2] = state[2]! + c;
    state[3] = state[3]! + d;
    state[4] = state[4]! + e;
  }
  return state;
}
