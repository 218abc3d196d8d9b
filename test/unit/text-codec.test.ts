import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from '../../src/core/sha256';
import {
  decodeUnicode,
  encodeUtf8,
  withNativeCodec,
  type NativeCodec,
  type UnicodeEncoding,
} from '../../src/core/text-codec';
import { NODE_CODEC } from '../../src/io/node-codec';

/**
 * The plain-JavaScript codec and digest that both hosts use, checked against Node's own
 * TextDecoder, TextEncoder and node:crypto on generated input, including invalid bytes.
 */

/** What Node's fatal decoder says: the text, or where the first invalid sequence starts. */
function nodeDecode(bytes: Uint8Array, encoding: UnicodeEncoding): { text: string; valid: boolean } {
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes), valid: true };
  } catch {
    return { text: '', valid: false };
  }
}

const biasedBytes = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom(
      0x00,
      0x41,
      0x80,
      0xbf,
      0xc0,
      0xc2,
      0xdf,
      0xe0,
      0xed,
      0xef,
      0xf0,
      0xf4,
      0xf5,
      0xff,
      0xd8,
      0xdb,
      0xdc,
      0xdf,
    ),
  ),
  { maxLength: 40 },
);

describe('text-codec: plain-JavaScript UTF-8 and UTF-16', () => {
  for (const encoding of ['utf-8', 'utf-16le', 'utf-16be'] as const) {
    it(`${encoding}: decodes exactly what Node's fatal TextDecoder accepts, to the same text`, () => {
      fc.assert(
        fc.property(biasedBytes, (values) => {
          const bytes = Uint8Array.from(values);
          const ours = decodeUnicode(bytes, encoding);
          const node = nodeDecode(bytes, encoding);
          assert.equal(ours.invalidAt === -1, node.valid);
          if (node.valid) assert.equal(ours.text, node.text);
          else
            assert.equal(
              nodeDecode(bytes.subarray(0, ours.invalidAt), encoding).text,
              ours.text,
              'the prefix before the invalid sequence is valid and decoded',
            );
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('round-trips any string through encodeUtf8 as Node encodes it, lone surrogates as U+FFFD', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\ud800', '\udfff', '\ud83d', '\ude00', 'é', '漢', '\u0000'),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
          ),
          maxLength: 40,
        }),
        (text) => {
          const bytes = encodeUtf8(text);
          assert.deepEqual(Buffer.from(bytes), Buffer.from(text, 'utf8'));
          assert.deepEqual(Buffer.from(bytes), Buffer.from(new TextEncoder().encode(text)));
          assert.equal(decodeUnicode(bytes, 'utf-8').text, new TextDecoder().decode(new TextEncoder().encode(text)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('decodes long text in chunks without losing a character at the seams', () => {
    const text = 'é漢😀a'.repeat(20_000);
    assert.equal(decodeUnicode(encodeUtf8(text), 'utf-8').text, text);
    assert.equal(decodeUnicode(Buffer.from(text, 'utf16le'), 'utf-16le').text, text);
  });

  it('says where the first invalid sequence starts', () => {
    assert.deepEqual(decodeUnicode(Uint8Array.from([0x41, 0x42, 0xe2, 0x82]), 'utf-8'), { text: 'AB', invalidAt: 2 });
    assert.deepEqual(decodeUnicode(Uint8Array.from([0x41, 0x00, 0x00, 0xdc]), 'utf-16le'), { text: 'A', invalidAt: 2 });
    assert.deepEqual(decodeUnicode(Uint8Array.from([0x00, 0x41, 0x00]), 'utf-16be'), { text: 'A', invalidAt: 2 });
    assert.deepEqual(decodeUnicode(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]), 'utf-8', 3), {
      text: 'A',
      invalidAt: -1,
    });
  });
});

describe("text-codec: a native codec (the in-process host's .NET one)", () => {
  /** A stand-in that records its calls and answers what it is told. */
  function recordingCodec(decodeAnswer: string | null): NativeCodec & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      decode: (bytes, encoding, start) => {
        calls.push(`decode ${encoding} ${start} ${bytes.length}`);
        return decodeAnswer;
      },
      encodeUtf8: (text) => {
        calls.push(`encode ${text}`);
        return Uint8Array.from([0x2a]);
      },
    };
  }

  it('is used while in force, and only then', () => {
    const codec = recordingCodec('from .NET');
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]);
    assert.deepEqual(
      withNativeCodec(codec, () => [decodeUnicode(bytes, 'utf-8', 3), encodeUtf8('x')]),
      [{ text: 'from .NET', invalidAt: -1 }, Uint8Array.from([0x2a])],
    );
    assert.deepEqual(codec.calls, ['decode utf-8 3 4', 'encode x']);
    assert.deepEqual(decodeUnicode(bytes, 'utf-8', 3), { text: 'A', invalidAt: -1 });
    assert.deepEqual(encodeUtf8('x'), Uint8Array.from([0x78]));
    assert.equal(codec.calls.length, 2, 'not called once the work is done');
  });

  it('answering null leaves the decoding to this codec, which names the invalid byte', () => {
    const codec = recordingCodec(null);
    const outcome = withNativeCodec(codec, () => decodeUnicode(Uint8Array.from([0x41, 0x42, 0xe2, 0x82]), 'utf-8'));
    assert.deepEqual(outcome, { text: 'AB', invalidAt: 2 });
    assert.deepEqual(codec.calls, ['decode utf-8 0 4']);
  });

  it('is restored when the work throws', () => {
    assert.throws(
      () =>
        withNativeCodec(recordingCodec('x'), () => {
          throw new Error('stop');
        }),
      /stop/,
    );
    assert.deepEqual(decodeUnicode(Uint8Array.from([0x41]), 'utf-8'), { text: 'A', invalidAt: -1 });
  });
});

describe("text-codec: the Node host's codec (io/node-codec.ts)", () => {
  for (const encoding of ['utf-8', 'utf-16le', 'utf-16be'] as const) {
    it(`${encoding}: the same text, or the same invalid byte, as the JavaScript decoder from any start`, () => {
      fc.assert(
        fc.property(biasedBytes, fc.integer({ min: 0, max: 3 }), (values, start) => {
          const bytes = Uint8Array.from(values);
          const from = Math.min(start, bytes.length);
          assert.deepEqual(
            withNativeCodec(NODE_CODEC, () => decodeUnicode(bytes, encoding, from)),
            decodeUnicode(bytes, encoding, from),
          );
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('decodes Latin-1 UTF-16 (the one-byte path) and wider text alike, with a second BOM kept as text', () => {
    for (const text of [
      '\ufeff[Unicode]\r\nSeNetworkLogonRight = *S-1-1-0\u00e9\u00ff',
      'caf\u00e9 \u6f22\ud83d\ude00',
    ]) {
      for (const encoding of ['utf-16le', 'utf-16be'] as const) {
        const little = Buffer.from(text, 'utf16le');
        const bytes = encoding === 'utf-16le' ? little : Buffer.from(little).swap16();
        assert.equal(
          withNativeCodec(NODE_CODEC, () => decodeUnicode(bytes, encoding).text),
          text,
        );
      }
      assert.equal(
        withNativeCodec(NODE_CODEC, () => decodeUnicode(Buffer.from(text, 'utf8'), 'utf-8').text),
        text,
      );
    }
  });

  it('decodes all-ASCII UTF-8 (read as Latin-1, kept outside the heap past a megabyte) to the same text', () => {
    const text = `<a b="${'x'.repeat(1_100_000)}"/>\r\n<c d='&amp;'/>\u007f`;
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    assert.equal(
      withNativeCodec(NODE_CODEC, () => decodeUnicode(bytes, 'utf-8', 3).text),
      text,
    );
    assert.equal(
      withNativeCodec(NODE_CODEC, () => decodeUnicode(bytes.subarray(3), 'utf-8').text),
      text,
    );
    // One byte above ASCII takes the strict decoder, which still reads valid UTF-8 as before.
    const wider = Buffer.concat([bytes, Buffer.from('\u00e9', 'utf8')]);
    assert.equal(
      withNativeCodec(NODE_CODEC, () => decodeUnicode(wider, 'utf-8', 3).text),
      `${text}\u00e9`,
    );
  });
});

describe('sha256Hex', () => {
  it('equals node:crypto on empty, block-edge and generated input', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 31 + 7) & 0xff);
      assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'), `length ${length}`);
    }
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        (bytes) => sha256Hex(bytes) === createHash('sha256').update(bytes).digest('hex'),
      ),
      { numRuns: 500 },
    );
  });

  it("equals node:crypto from 2 MiB on, where the bit length's top byte is no longer 0", () => {
    const bytes = Uint8Array.from({ length: 2 * 1024 * 1024 + 1 }, (_, index) => (index * 31 + 7) & 0xff);
    assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'));
  });
});
