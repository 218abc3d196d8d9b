import { isAscii } from 'node:buffer';
import { TextDecoder, TextEncoder } from 'node:util';
import type { NativeCodec, ReleasableText, UnicodeEncoding } from '../core/text-codec';

/**
 * Node's own strict decoders for the Node host (the CLI and its report workers). The decoders
 * in text-codec.ts loop over every byte in JavaScript, which took about a third of reading a
 * 10,000-site snapshot; TextDecoder does the same work natively. Both follow the WHATWG
 * Encoding Standard with `fatal`, so valid bytes give the same text; for invalid bytes this
 * answers null and text-codec.ts finds the byte, so the error is the same in every host.
 * A byte order mark was already skipped by the caller (`start`), so `ignoreBOM` keeps any
 * further one as text, as the JavaScript decoders do.
 */
const decoders = new Map<UnicodeEncoding, TextDecoder>();

function decoderFor(encoding: UnicodeEncoding): TextDecoder {
  let decoder = decoders.get(encoding);
  if (decoder === undefined) {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    decoders.set(encoding, decoder);
  }
  return decoder;
}

/**
 * UTF-16 whose code units are all below U+0100 (secedit.inf and gpresult.xml nearly always),
 * as a one-byte string. TextDecoder gives a two-byte string for any UTF-16 input, and every
 * SID and name sliced from it stays two-byte: 80 MiB more at 10,000 sites. Such units are
 * never surrogates, so the bytes are valid UTF-16 and the text is the same.
 */
function latinUtf16(bytes: Uint8Array, bigEndian: boolean, start: number): string | undefined {
  const units = (bytes.length - start) >> 1;
  const offset = bytes.byteOffset + start;
  if (!bigEndian && LITTLE_ENDIAN && offset % 2 === 0) {
    // Typed-array conversions narrow and widen every unit natively (a loop in JavaScript took
    // about 9 ms for the 2 MB secedit.inf of 10,000 sites, cold): a unit survives the round
    // trip unchanged exactly when it is below U+0100.
    const wide = new Uint16Array(bytes.buffer, offset, units);
    const low = new Uint8Array(wide);
    const again = new Uint16Array(low);
    const same = Buffer.from(again.buffer).equals(Buffer.from(wide.buffer, offset, units * 2));
    return same ? Buffer.from(low.buffer, 0, units).toString('latin1') : undefined;
  }
  const low = Buffer.allocUnsafe(units);
  const highOffset = bigEndian ? 0 : 1;
  for (let unit = 0, at = start; unit < units; unit++, at += 2) {
    if (bytes[at + highOffset] !== 0) return undefined;
    low[unit] = bytes[at + 1 - highOffset]!;
  }
  return low.toString('latin1');
}

/** Whether a Uint16Array reads bytes as UTF-16LE does (every platform Node supports in practice). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * UTF-8 that is all ASCII (applicationHost.config nearly always) read as Latin-1, which is the
 * same text: Node then keeps a text of over a megabyte outside V8's heap (an external string).
 * A 15 MB configuration held in the heap made V8 let the old generation grow to four times the
 * text before its next full collection, so the peak memory of a large load was mostly that.
 */
function asciiText(bytes: Uint8Array, start: number): string | undefined {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  return isAscii(body) ? body.toString('latin1') : undefined;
}

/**
 * ASCII bytes as a LargeText: each window a Latin-1 string of its own (short enough to live in
 * V8's young generation and die there), searched in place. The bytes are all that is held, and
 * `release` frees them at once: their buffer is transferred to a clone nothing keeps, which the
 * next scavenge frees, where the buffer itself, promoted during the parse, would wait for a
 * full collection.
 */
function asciiLargeText(bytes: Uint8Array, start: number): ReleasableText | null {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  if (!isAscii(body) || body.includes(0)) return null;
  let released = false;
  const readable = () => {
    // Reading freed bytes would give an empty text, never an error: refuse it loudly.
    if (released) throw new Error('internal error: a large text was read after its bytes were released');
    return body;
  };
  return {
    text: {
      length: body.length,
      slice: (from, to) => readable().toString('latin1', from, to),
      indexOf: (search, from) => readable().indexOf(search, from, 'latin1'),
    },
    release() {
      released = true;
      // Only a buffer that holds these bytes alone (read-limited.ts reads one byte past the size
      // fstat gave): part of a larger one, or one that cannot be transferred, is left to the collector.
      const buffer = bytes.buffer;
      if (!(buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0 || buffer.byteLength > bytes.length + 1) return;
      try {
        structuredClone(buffer, { transfer: [buffer] });
      } catch {
        // Not transferable: the collector frees it.
      }
    },
  };
}

export const NODE_CODEC: NativeCodec = {
  decode(bytes, encoding, start) {
    // An odd trailing byte is invalid UTF-16: left to text-codec.ts to report.
    if (encoding !== 'utf-8' && (bytes.length - start) % 2 !== 0) return null;
    const latin = encoding === 'utf-8' ? asciiText(bytes, start) : latinUtf16(bytes, encoding === 'utf-16be', start);
    if (latin !== undefined) return latin;
    try {
      return decoderFor(encoding).decode(bytes.subarray(start));
    } catch {
      return null;
    }
  },
  asciiText: asciiLargeText,
  // TextEncoder writes an unpaired surrogate as U+FFFD, as encodeUtf8 does.
  encodeUtf8: (text) => new TextEncoder().encode(text),
};
