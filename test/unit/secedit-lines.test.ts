import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitLines } from '../../src/parse/secedit-lines';

describe('secedit.inf lines', () => {
  it('splits at CRLF, LF and a lone CR, mixed freely, as the line-break pattern does', () => {
    const pattern = /\r\n|\r|\n/;
    for (const text of ['', '\r', '\n', '\r\n', 'a\r', 'a\r\n', 'a\n\r', 'a\r\rb\n', 'a\r\nb\rc\nd', '\r\n\r\n'])
      assert.deepEqual(splitLines(text), text.split(pattern), JSON.stringify(text));
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'Se', '\r', '\n', '\r\n', ' '), { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(splitLines(text), text.split(pattern));
      }),
      { numRuns: 3_000 },
    );
  });
});
