import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import {
  describeJsonSyntaxError,
  findJsonSyntaxFault,
  firstInvalidOffset,
  jsonSyntaxInputError,
  locateJsonSyntaxError,
} from '../../src/parse/json-syntax';
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

const jsonText = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 1, 2))
  .map(([value, indent]) => JSON.stringify(value, null, indent));

describe('JSON syntax-error locator', () => {
  it('finds the position V8 names, for any valid document with a character inserted or removed', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        jsonText,
        fc.nat(),
        fc.constantFrom('', '}', ']', ',', ':', '"', '\\', 'x', '-', '.', 'e', '0', '\u0001', ' ', 't', 'n'),
        (text, at, insert) => {
          const index = at % (text.length + 1);
          const broken =
            insert === ''
              ? text.slice(0, index) + text.slice(index + 1)
              : text.slice(0, index) + insert + text.slice(index);
          const position = v8Position(broken);
          if (position === undefined || position === -1) return;
          compared++;
          assert.equal(firstInvalidOffset(broken), position, `in ${JSON.stringify(broken)}`);
        },
      ),
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
    for (const [bad, at] of [
      ['+1', 1],
      ['.5', 1],
      ['1.', 3],
      ['1e', 3],
      ['-a', 2],
      ['00', 2],
      ['1.5.2', 4],
    ] as const) {
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
    assert.deepEqual(locateJsonSyntaxError('{\r\n\r\n x}'), { line: 3, column: 2 });
    assert.deepEqual(locateJsonSyntaxError('{\r\r x}'), { line: 3, column: 2 });
  });

  it('shortens a reason only past 120 characters or when it holds a control character', () => {
    const exactly = `Unexpected ${'x'.repeat(109)}`;
    assert.equal(describeJsonSyntaxError(exactly), `unexpected ${'x'.repeat(109)}`);
    assert.equal(describeJsonSyntaxError(`${exactly}y`), JSON.stringify(`unexpected ${'x'.repeat(109)}...`));
  });

  it('counts lines at LF, CRLF and a lone CR, and columns from 1', () => {
    assert.deepEqual(locateJsonSyntaxError('{\r\n"a":\r1,\n x}'), { line: 4, column: 2 });
    assert.deepEqual(locateJsonSyntaxError('[1,\n 2'), { line: 2, column: 3 });
  });

  it("keeps V8's reason and drops its quote of the input", () => {
    assert.equal(describeJsonSyntaxError('Unexpected token \'}\', "{"a":}" is not valid JSON'), "unexpected token '}'");
    assert.equal(
      describeJsonSyntaxError('Unexpected token \'x\', ..."{"name": x}\n  ]"... is not valid JSON'),
      "unexpected token 'x'",
    );
    assert.equal(
      describeJsonSyntaxError("Expected ':' after property name in JSON at position 5 (line 1 column 6)"),
      "Expected ':' after property name",
    );
    assert.equal(describeJsonSyntaxError('Unexpected end of JSON input'), 'unexpected end of JSON input');
    assert.equal(
      describeJsonSyntaxError(`Unexpected ${'x'.repeat(200)}`),
      JSON.stringify(`unexpected ${'x'.repeat(109)}...`),
    );
  });

  it('says in its own words what JSON allows where it stops, and what is there instead', () => {
    const reason = (text: string) => {
      const error = jsonSyntaxInputError(text, 'f.json', 'valid JSON', new SyntaxError('the host says something else'));
      assert.ok(error instanceof InputError);
      return error.message;
    };
    assert.equal(
      reason('{\n  "a": 1,\n}'),
      'f.json (line 3, column 1): expected valid JSON: a property name in double quotes, found "}"',
    );
    assert.equal(
      reason('{"a" 1}'),
      'f.json (line 1, column 6): expected valid JSON: \':\' after the property name, found "1"',
    );
    assert.equal(reason('[1 2]'), "f.json (line 1, column 4): expected valid JSON: ',' or ']', found \"2\"");
    assert.equal(
      reason('{"a": 1 "b": 2}'),
      "f.json (line 1, column 9): expected valid JSON: ',' or '}', found \"\\\"\"",
    );
    assert.equal(
      reason('[1] x'),
      'f.json (line 1, column 5): expected valid JSON: nothing more after the value, found "x"',
    );
    assert.equal(
      reason('{"factsVersion": 1, "files": '),
      'f.json (line 1, column 30): expected valid JSON: a value, found the end of the text',
    );
    assert.equal(
      reason('['),
      "f.json (line 1, column 2): expected valid JSON: a value or ']', found the end of the text",
    );
    assert.equal(
      reason('{'),
      "f.json (line 1, column 2): expected valid JSON: a property name in double quotes or '}', found the end of the text",
    );
    assert.equal(reason('{"a": tru }'), 'f.json (line 1, column 10): expected valid JSON: the rest of true, found " "');
    assert.equal(
      reason('"\\q"'),
      'f.json (line 1, column 3): expected valid JSON: an escape after the backslash: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hexadecimal digits, found "q"',
    );
    assert.equal(
      reason('"\\u12G4"'),
      'f.json (line 1, column 6): expected valid JSON: four hexadecimal digits after \\u, found "G"',
    );
    assert.equal(
      reason('"tab\there"'),
      'f.json (line 1, column 5): expected valid JSON: a control character written as an escape (\\n, \\t, \\u0000) inside a string, found "\\\\x09"',
    );
    assert.equal(
      reason('"open'),
      'f.json (line 1, column 6): expected valid JSON: the closing quote of the string, found the end of the text',
    );
    assert.equal(
      reason('1.e5'),
      'f.json (line 1, column 3): expected valid JSON: a digit after the decimal point, found "e"',
    );
    assert.equal(
      reason('1e+'),
      'f.json (line 1, column 4): expected valid JSON: a digit in the exponent, found the end of the text',
    );
    assert.equal(
      reason('[\u{1F600}]'),
      'f.json (line 1, column 2): expected valid JSON: a value or \']\', found "\u{1F600}"',
    );
  });

  it("finds no fault in JSON, and then repeats the host's reason without a location", () => {
    fc.assert(
      fc.property(jsonText, (text) => findJsonSyntaxFault(text) === null),
      { numRuns: FUZZ_RUNS },
    );
    const refused = jsonSyntaxInputError('[[[]]]', 'f.json', 'valid JSON', new SyntaxError('Max depth exceeded'));
    assert.equal(refused.message, 'f.json: expected valid JSON, found Max depth exceeded');
  });

  it("every JSON.parse rejection gets a location and a reason of its own, never the host's", () => {
    fc.assert(
      fc.property(
        jsonText,
        fc.nat(),
        fc.constantFrom('', '}', ']', ',', ':', '"', '\\', 'x', '-', '.', 'e', '0', '\u0001', ' ', 't', 'n'),
        (text, at, insert) => {
          const broken = text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + 1);
          let parseError: unknown;
          try {
            JSON.parse(broken);
            return;
          } catch (error) {
            parseError = error;
          }
          const error = jsonSyntaxInputError(broken, 'f.json', 'valid JSON', parseError);
          assert.match(error.message, /^f\.json \(line \d+, column \d+\): expected valid JSON: [^\n]+, found [^\n]+$/);
          assert.doesNotMatch(error.message, /Unexpected|position/);
        },
      ),
      { numRuns: FUZZ_RUNS * 5 },
    );
  });
});
