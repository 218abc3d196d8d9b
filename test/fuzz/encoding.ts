/**
 * Byte-level encoding helpers for the fuzz suite: sniff what a buffer is written in (the same
 * rules as src/parse/decode.ts), decode it loosely so a text mutation can still be applied to a
 * broken buffer, and write text back in any of the encodings Windows tools use.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface Written {
  encoding: Encoding;
  bom: boolean;
}

export const ENCODINGS: readonly Written[] = [
  { encoding: 'utf-8', bom: false },
  { encoding: 'utf-8', bom: true },
  { encoding: 'utf-16le', bom: true },
  { encoding: 'utf-16be', bom: true },
  { encoding: 'utf-16le', bom: false },
  { encoding: 'utf-16be', bom: false },
];

export function sniff(bytes: Uint8Array): Written {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', bom: true };
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0)
    return { encoding: 'utf-16le', bom: false };
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0)
    return { encoding: 'utf-16be', bom: false };
  return { encoding: 'utf-8', bom: false };
}

/** Decodes without failing: invalid sequences become U+FFFD; the BOM is dropped. */
export function decodeLoosely(bytes: Uint8Array): { text: string; written: Written } {
  const written = sniff(bytes);
  const text = new TextDecoder(written.encoding, { fatal: false, ignoreBOM: false }).decode(bytes);
  return { text, written };
}

export function encode(text: string, written: Written): Uint8Array {
  if (written.encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf8');
    return written.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  }
  const little = Buffer.from(text, 'utf16le');
  const body = written.encoding === 'utf-16le' ? little : swapPairs(little);
  if (!written.bom) return body;
  return Buffer.concat([Buffer.from(written.encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}

function swapPairs(bytes: Buffer): Buffer {
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  return swapped;
}

export function describeWritten(written: Written): string {
  return `${written.encoding.toUpperCase()}${written.bom ? ' with BOM' : ''}`;
}
