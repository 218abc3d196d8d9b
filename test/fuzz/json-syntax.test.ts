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
    assert.equal(firstInvalidOffset('['.repeat(100_000)), 100_000);
  });

  it('reads past every escape JSON allows, and stops at the first it does not', () => {
    const escapes = '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uABCD"';
    assert.doesNotThrow(() => JSON.parse(escapes));
    assert.equal(firstInvalidOffset(`[${escapes}, x]`), escapes.length + 3);
    for (const bad of ['\\a', '\\x41', '\\U0041', '\\0']) assert.equal(firstInvalidOffset(`["ok${bad}"]`), 5, bad);
    assert.equal(firstInvalidOffset('["ok\\u12"]'), 8, 'the first character that is not a hex digit');
    assert.equal(firstInvalidOffset('"\\'), 2);
    assert.equal(firstInvalidOffset('"\\u00'), 5);
    assert.equal(firstInvalidOffset('"tab\there"'), 4);
  });

  it('reads numbers in every form JSON allows', () => {
    for (const number of ['0', '-0', '7', '-12', '1.5', '-0.25', '1e5', '1E+5', '2.5e-3', '10']) {
      assert.equal(firstInvalidOffset(`[${number} x]`), number.length + 2, number);
    }
    for (const [bad, at] of [['+1', 1], ['.5', 1], ['1.', 3], ['1e', 3], ['-a', 2], ['00', 2], ['1.5.2', 4]] as const) {
      assert.equal(firstInvalidOffset(`[${bad}]`), at, bad);
    }
  });

  it('reads the literals and nested containers, and stops at a mismatched close', () => {
    assert.equal(firstInvalidOffset('[true, false, null, {"a": [{}], "b": []}] x'), 42);
    assert.equal(firstInvalidOffset('{"a": [1}'), 8);
    assert.equal(firstInvalidOffset('[{"a": 1]'), 8);
    assert.equal(firstInvalidOffset('{"a": 1 "b": 2}'), 8);
    assert.equal(firstInvalidOffset('[1 2]'), 3);
    assert.equal(firstInvalidOffset('{"a": 1, }'), 9);
    assert.equal(firstInvalidOffset('{"a"}'), 4);
    assert.equal(firstInvalidOffset('[,1]'), 1);
    assert.equal(firstInvalidOffset('fals'), 4);
    assert.equal(firstInvalidOffset('falsy'), 4);
    assert.equal(firstInvalidOffset('  \t\r\n'), 5);
  });

  it('stops where a bad escape or hex digit is, even when that character could go on the document', () => {
    assert.equal(firstInvalidOffset('["\\u1,"]'), 5);
    assert.equal(firstInvalidOffset('["\\,", 1]'), 3);
    assert.equal(firstInvalidOffset('[1,]'), 3);
    assert.equal(firstInvalidOffset('{"a":1,]'), 7);
  });

  it('counts a CRLF as one line break and a lone CR as one', () => {
    assert.deepEqual(locateJsonSyntaxError('{\r\n\r\n x}', 'Unexpected token'), { line: 3, column: 2 });
    assert.deepEqual(locateJsonSyntaxError('{\r\r x}', 'Unexpected token'), { line: 3, column: 2 });
  });

  it('shortens a reason only past 120 characters or when it holds a control character', () => {
    const exactly = `Unexpected ${'x'.repeat(109)}`;
    assert.equal(describeJsonSyntaxError(exactly), `unexpected ${'x'.repeat(109)}`);
    assert.equal(describeJsonSyntaxError(`${exactly}y`), JSON.stringify(`unexpected ${'x'.repeat(109)}...`));
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
