import assert from 'node:assert/strict';
import fc from 'fast-check';
import { withWholeJsonDocuments, writeJson, writeJsonValue } from '../../src/render/json-stream';

/** writeJson must give JSON.stringify(value, null, 2)'s bytes, in pieces (issue 15 item 6). */
function streamed(value: unknown): { text: string; pieces: string[] } {
  const pieces: string[] = [];
  writeJson(value, (piece) => pieces.push(piece));
  return { text: pieces.join(''), pieces };
}

describe('writeJson: JSON.stringify(value, null, 2) in pieces', () => {
  it('equals JSON.stringify on generated plain data, including undefined members', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 6 }),
        fc.anything({
          maxDepth: 4,
          withNullPrototype: false,
          withMap: false,
          withSet: false,
          withDate: false,
          withTypedArray: false,
          withSparseArray: false,
          withBigInt: false,
          withBoxedValues: false,
          withObjectString: false,
        }),
        (json, anything) => {
          for (const value of [
            json,
            { findings: Array.from({ length: 40 }, (_, index) => ({ index, json, anything })) },
            [anything, json],
          ]) {
            assert.equal(streamed(value).text, `${JSON.stringify(value, null, 2)}\n`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals JSON.stringify where containers are walked and their members stringified at each depth', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.anything({ maxDepth: 3, withNullPrototype: false }),
        (json, other) => {
          // Over 1,024 values: the outer array and each `site` are walked, the members stringified whole.
          const members = Array.from({ length: 300 }, (_, index) => ({ index, json, other: [other, undefined] }));
          const value = { sites: [{ site: members, json }, { site: members }], other };
          assert.equal(streamed(value).text, `${JSON.stringify(value, null, 2)}\n`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes a value nested at any indent as the same value inside a document', () => {
    const value = { findings: Array.from({ length: 1100 }, (_, index) => ({ index, names: ['a', { b: [1, 2] }] })) };
    for (const indent of ['', '  ', '    ', '      ', ' ', '   ', '\t']) {
      let text = '';
      writeJsonValue(value, indent, (piece) => (text += piece));
      assert.equal(text, JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`), JSON.stringify(indent));
    }
  });

  it('writes runs of small array elements as one piece, with the same bytes around large ones and scalars', () => {
    const large = { values: Array.from({ length: 1_100 }, (_, index) => index) };
    const elements: unknown[] = [];
    for (let index = 0; index < 3_000; index++) {
      const kinds = [{ index, name: `n${index}` }, index, `s${index}`, null, undefined, () => index, [], {}, [index]];
      elements.push(index % 997 === 0 ? large : kinds[index % kinds.length]);
    }
    for (const indent of ['', '  ', '      ', ' ']) {
      let text = '';
      writeJsonValue({ elements }, indent, (piece) => (text += piece));
      assert.equal(text, JSON.stringify({ elements }, null, 2).replace(/\n/g, `\n${indent}`), JSON.stringify(indent));
    }
  });

  it('leaves out undefined and function members as JSON.stringify does, and writes them as null in arrays', () => {
    const value = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, { d: undefined }],
      e: { f: undefined, g: [1, { h: 'x' }] },
    };
    assert.equal(streamed(value).text, `${JSON.stringify(value, null, 2)}\n`);
  });

  it('writes a document too large for one string in bounded pieces', () => {
    const finding = {
      site: 'Site',
      path: '/',
      identity: { name: 'IUSR', sid: 'S-1-5-17' },
      status: 'ok',
      message: 'x'.repeat(200),
    };
    const document = { tool: { name: 'iis-logon-rights' }, findings: Array.from({ length: 20_000 }, () => finding) };
    const { text, pieces } = streamed(document);
    assert.equal(text, `${JSON.stringify(document, null, 2)}\n`);
    assert.ok(pieces.length > 50, `${pieces.length} pieces`);
    assert.ok(Math.max(...pieces.map((piece) => piece.length)) < 70_000, 'no piece much above the 64 KiB buffer');
  });

  it('walks nested containers to the same bytes', () => {
    let deep: unknown = [];
    for (let level = 0; level < 200; level++)
      deep = Array.from({ length: 17 }, (_, index) => (index === 0 ? deep : { index }));
    assert.equal(streamed(deep).text, `${JSON.stringify(deep, null, 2)}\n`);
  });

  it('writes each document in one piece, with the same bytes, inside withWholeJsonDocuments (the in-process host)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.string({ unit: 'binary' }), (json, name) => {
        // Walked in pieces outside (over 1,024 values), one piece inside; names that escapeJsonText escapes.
        const value = {
          findings: Array.from({ length: 300 }, (_, index) => ({ index, json, name: [name] })),
          name,
          fixed: '\u2028\u0085',
        };
        for (const indent of ['', '    ', ' ']) {
          const apart: string[] = [];
          writeJsonValue(value, indent, (piece) => apart.push(piece));
          const whole: string[] = [];
          withWholeJsonDocuments(() => writeJsonValue(value, indent, (piece) => whole.push(piece)));
          assert.equal(whole.length, 1);
          assert.equal(whole[0], apart.join(''));
        }
      }),
      { numRuns: 40 },
    );
    const pieces: string[] = [];
    withWholeJsonDocuments(() => writeJson([undefined, { a: undefined }], (piece) => pieces.push(piece)));
    writeJson([undefined, { a: undefined }], (piece) => pieces.push(piece));
    assert.deepEqual(pieces, ['[\n  null,\n  {}\n]', '\n', '[\n  null,\n  {}\n]', '\n']);
  });
});
