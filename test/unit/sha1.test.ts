import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha1Utf16le } from '../../src/core/sha1';
import { withNativeCodec, type NativeCodec } from '../../src/core/text-codec';

/** The digest as node:crypto prints it: the five words big-endian, in hex. */
function hex(words: Uint32Array): string {
  return [...words].map((word) => word.toString(16).padStart(8, '0')).join('');
}

function nodeSha1(text: string): string {
  return createHash('sha1').update(Buffer.from(text, 'utf16le')).digest('hex');
}

describe('sha1Utf16le', () => {
  it('gives the FIPS 180 digest of the empty message', () => {
    assert.equal(hex(sha1Utf16le('')), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('matches node:crypto at every padding boundary (lengths 0 to 140 bytes)', () => {
    for (let length = 0; length <= 70; length++) {
      const text = 'defaultapppool-'.repeat(5).slice(0, length);
      assert.equal(hex(sha1Utf16le(text)), nodeSha1(text), `length ${length}`);
    }
  });

  it('hashes lone surrogates as the code units they are, as Buffer.from(text, "utf16le") does', () => {
    for (const text of ['\ud800', 'pool\udfff', '\udc00\ud800', '\u{1F600}pool'])
      assert.equal(hex(sha1Utf16le(text)), nodeSha1(text), JSON.stringify(text));
  });

  it('matches node:crypto on any string, lone surrogates and non-BMP characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => hex(sha1Utf16le(text)) === nodeSha1(text)),
      { numRuns: 3000 },
    );
  });

  it("takes the host's digest while a native codec offers one, and computes it itself when that answers null", () => {
    const asked: string[] = [];
    const codec = (answer: Uint8Array | null): NativeCodec => ({
      decode: () => null,
      encodeUtf8: () => new Uint8Array(0),
      sha1Utf16le: (text) => {
        asked.push(text);
        return answer;
      },
    });
    const digest = Uint8Array.from({ length: 20 }, (_, index) => index * 13);
    assert.equal(hex(withNativeCodec(codec(digest), () => sha1Utf16le('pool'))), Buffer.from(digest).toString('hex'));
    assert.equal(hex(withNativeCodec(codec(null), () => sha1Utf16le('pool'))), nodeSha1('pool'));
    assert.deepEqual(asked, ['pool', 'pool']);
    assert.equal(hex(sha1Utf16le('pool')), nodeSha1('pool'));
  });

  it('computes the digest itself when the native codec has no SHA-1 or answers with the wrong length', () => {
    const base = { decode: () => null, encodeUtf8: () => new Uint8Array(0) };
    const short: NativeCodec = { ...base, sha1Utf16le: () => new Uint8Array(19) };
    assert.equal(hex(withNativeCodec(base, () => sha1Utf16le('pool'))), nodeSha1('pool'));
    assert.equal(hex(withNativeCodec(short, () => sha1Utf16le('pool'))), nodeSha1('pool'));
  });

  it("matches node:crypto from 2 MiB of UTF-16 on, where the bit length's top byte is no longer 0", () => {
    // 2.2 MB: the bit length's two top bytes are both non-zero (0x010C8EA0).
    const text = 'defaultapppool-'.repeat(73_334);
    assert.equal(hex(sha1Utf16le(text)), nodeSha1(text));
  });
});
