/** Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/**
 * SHA-256 (FIPS 180-4) of bytes, as lower-case hex, for SARIF fingerprints. Plain JavaScript
 * because the engine also runs inside PowerShell (Jint), where node:crypto does not exist; the
 * Node CLI uses it too, so both hosts fingerprint alike. Not for anything secret.
 */
export function sha256Hex(message: Uint8Array): string {
  const blockCount = Math.ceil((message.length + 9) / 64);
  const bytes = new Uint8Array(blockCount * 64);
  bytes.set(message);
  bytes[message.length] = 0x80;
  const bitLength = message.length * 8;
  const end = bytes.length;
  const high = Math.floor(bitLength / 0x100000000);
  for (let index = 0; index < 4; index++) {
    bytes[end - 8 + index] = (high >>> (24 - index * 8)) & 0xff;
    bytes[end - 4 + index] = (bitLength >>> (24 - index * 8)) & 0xff;
  }
  const state = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const words = new Uint32Array(64);
  const rotate = (value: number, by: number) => (value >>> by) | (value << (32 - by));
  for (let block = 0; block < end; block += 64) {
    for (let index = 0; index < 16; index++) {
      const at = block + index * 4;
      words[index] = (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
    }
    for (let index = 16; index < 64; index++) {
      const w15 = words[index - 15]!;
      const w2 = words[index - 2]!;
      const s0 = rotate(w15, 7) ^ rotate(w15, 18) ^ (w15 >>> 3);
      const s1 = rotate(w2, 17) ^ rotate(w2, 19) ^ (w2 >>> 10);
      words[index] = (words[index - 16]! + s0 + words[index - 7]! + s1) | 0;
    }
    let [a, b, c, d, e, f, g, h] = [
      state[0]!,
      state[1]!,
      state[2]!,
      state[3]!,
      state[4]!,
      state[5]!,
      state[6]!,
      state[7]!,
    ];
    for (let index = 0; index < 64; index++) {
      const t1 =
        (h + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[index]! + words[index]!) | 0;
      const t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0] = state[0]! + a;
    state[1] = state[1]! + b;
    state[2] = state[2]! + c;
    state[3] = state[3]! + d;
    state[4] = state[4]! + e;
    state[5] = state[5]! + f;
    state[6] = state[6]! + g;
    state[7] = state[7]! + h;
  }
  return [...state].map((word) => word.toString(16).padStart(8, '0')).join('');
}
