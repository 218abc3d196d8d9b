import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_XML_DEPTH } from '../../src/core/limits';
import type { LargeText } from '../../src/parse/large-text';
import { hostMayTokenize, type XmlEventHandlers } from '../../src/parse/xml-events';
import { readPlainXml, WINDOWS } from '../../src/parse/xml-plain';
import { generatedApplicationHost } from '../fuzz/generators';
import { applyMutations, mutationListArbitrary } from '../fuzz/mutations';
import { mergeText } from './xml-documents';

// What the tests of the plain-XML reader (src/parse/xml-plain.ts) share: its events in the form
// saxesEncoding gives saxes' events, whole or a window at a time, and the documents they read.

/** A window size and margin for reading a LargeText (xml-plain.ts WINDOWS). */
export interface WindowSizes {
  size: number;
  margin: number;
}

/** The text as a LargeText: what a host gives for a large file (io/node-codec.ts), made from a string. */
export function largeTextOf(text: string): LargeText {
  return {
    length: text.length,
    slice: (start, end) => text.slice(start, end),
    indexOf: (s, from) => text.indexOf(s, from),
  };
}

/** Runs `work` with the plain reader's windows of these sizes, then restores them. */
export function withWindows<T>(sizes: WindowSizes, work: () => T): T {
  const { size, margin } = WINDOWS;
  Object.assign(WINDOWS, sizes);
  try {
    return work();
  } finally {
    Object.assign(WINDOWS, { size, margin });
  }
}

/**
 * The plain reader's events in saxesEncoding's form, or null where it declines; with `windows`,
 * read as a LargeText a window of that size at a time (readXmlEvents asks hostMayTokenize about
 * the first window only).
 */
export function plainEncoding(text: string, maxDepth = MAX_XML_DEPTH, windows?: WindowSizes): string | null {
  let fields: string[] = [];
  let depth = 0;
  let deepest = 0;
  const handlers: XmlEventHandlers = {
    restart: () => {
      fields = [];
      depth = deepest = 0;
    },
    open: (tag) => {
      depth++;
      deepest = Math.max(deepest, depth);
      const names = Object.keys(tag.attributes);
      fields.push('S', tag.name, String(names.length));
      for (const key of names) fields.push(key, tag.attributes[key]!);
      fields.push(String(tag.line));
      assert.equal(tag.local, tag.name);
      assert.equal(tag.uri, '');
      // Nothing inherited: a name such as constructor is there only as the file's own attribute.
      for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__'])
        assert.equal(name in tag.attributes, Object.hasOwn(tag.attributes, name), name);
    },
    close: () => {
      depth--;
      fields.push('E');
    },
  };
  const answered =
    windows === undefined
      ? hostMayTokenize(text) && readPlainXml(text, maxDepth, handlers)
      : withWindows(
          windows,
          () => hostMayTokenize(text.slice(0, windows.size)) && readPlainXml(largeTextOf(text), maxDepth, handlers),
        );
  if (!answered) return null;
  return mergeText([String(deepest), ...fields].map((field) => `${field}\u0000`).join(''), false);
}

/** Generated applicationHost.config documents, each intact or mutated (the fuzz suite's mutations). */
export function mutatedApplicationHosts(count: number, seed: number): { text: string; intact: boolean }[] {
  return fc
    .sample(fc.tuple(generatedApplicationHost, fc.boolean(), mutationListArbitrary), { numRuns: count, seed })
    .map(([text, intact, mutations]) => ({
      text: intact
        ? text
        : Buffer.from(applyMutations(Buffer.from(text, 'utf8'), mutations, 'xml').bytes).toString('utf8'),
      intact,
    }));
}
