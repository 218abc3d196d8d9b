import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeJsonSyntaxError, firstInvalidOffset, locateJsonSyntaxError } from '../../src/parse/json-syntax';
import { FUZZ_RUNS } from './harness';

/**
 * The JSON syntax-error locator must agree with V8: wherever JSON.parse names a position, the
 * scan finds the same one, and a document broken at a known place is located there.
 */

function v8Position(text: string): number | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message);
    return position === null ? -1 : Number(position[1]);
  }
}

const jsonText = fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 1, 2)).map(([value, indent]) => JSON.stringify(value, null, indent));

describe('JSON syntax-error locator', () => {
  it('finds the position V8 names, for any valid document with a character inserted or removed', () => {
    let compared = 0;
    fc.assert(
      fc.property(jsonText, fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', '\\', 'x', '-', '.', 'e', '0', '\u0001', ' ', 't', 'n'), (text, at, insert) => {
        const index = at % (text.length + 1);
        const broken = insert === '' ? text.slice(0, index) + text.slice(index + 1) : text.slice(0, index) + insert + text.slice(index);
        const position = v8Position(broken);
        if (position === undefined || position === -1) return;
        compared++;
        assert.equal(firstInvalidOffset(broken), position, `in ${JSON.stringify(broken)}`);
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
    assert.ok(compared > FUZZ_RUNS / 2, `V8 named a position in only ${compared} cases`);
  });

  it('locates a control character exactly where it was put into a valid document', () => {
    fc.assert(
      fc.property(jsonText, fc.nat(), (text, at) => {
        const index = at % (text.length + 1);
        assert.equal(firstInvalidOffset(`${text.slice(0, index)}\u0001${text.slice(index)}`), index);
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
  });

  it('locates a truncated document at its end, unless the cut leaves a document', () => {
    fc.assert(
      fc.property(jsonText, fc.nat(), (text, at) => {
        const cut = text.slice(0, at % text.length);
        if (v8Position(cut) === undefined) return;
        assert.equal(firstInvalidOffset(cut), cut.length, `in ${JSON.stringify(cut)}`);
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
  });

  it('locates concrete errors V8 does not', () => {
    assert.equal(firstInvalidOffset('{"a": tru }'), 9);
    assert.equal(firstInvalidOffset('{"a": 1,}'), 8);
    assert.equal(firstInvalidOffset('[1, 2] 3'), 7);
    assert.equal(firstInvalidOffset('"\\q"'), 2);
    assert.equal(firstInvalidOffset('"\\u12G4"'), 5);
    assert.equal(firstInvalidOffset('-'), 1);
    assert.equal(firstInvalidOffset('01'), 1);
    assert.equal(firstInvalidOffset('1.e5'), 2);
    assert.equal(firstInvalidOffset('1e+'), 3);
    assert.equal(firstInvalidOffset('{"a" 1}'), 5);
    assert.equal(firstInvalidOffset('{1: 2}'), 1);
    assert.equal(firstInvalidOffset('[} '), 1);
    assert.equal(firstInvalidOffset('nul'), 3);
    assert.equal(firstInvalidOffset('nulL'), 3);
    assert.equal(firstInvalidOffset('[' .repeat(100_000)), 100_000);
  });

  it('counts lines at LF, CRLF and a lone CR, and columns from 1', () => {
    assert.deepEqual(locateJsonSyntaxError('{\r\n"a":\r1,\n x}', 'Unexpected token'), { line: 4, column: 2 });
    assert.deepEqual(locateJsonSyntaxError('[1,\n 2', 'Unexpected end of JSON input'), { line: 2, column: 3 });
    assert.deepEqual(locateJsonSyntaxError('[1,\n 2', 'Expected x in JSON at position 2'), { line: 1, column: 3 });
  });

  it("keeps V8's reason and drops its quote of the input", () => {
    assert.equal(describeJsonSyntaxError('Unexpected token \'}\', "{"a":}" is not valid JSON'), "unexpected token '}'");
    assert.equal(describeJsonSyntaxError('Unexpected token \'x\', ..."{"name": x}\n  ]"... is not valid JSON'), "unexpected token 'x'");
    assert.equal(describeJsonSyntaxError("Expected ':' after property name in JSON at position 5 (line 1 column 6)"), "Expected ':' after property name");
    assert.equal(describeJsonSyntaxError('Unexpected end of JSON input'), 'unexpected end of JSON input');
    assert.equal(describeJsonSyntaxError(`Unexpected ${'x'.repeat(200)}`), JSON.stringify(`unexpected ${'x'.repeat(109)}...`));
  });
});
