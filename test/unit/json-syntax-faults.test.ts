import assert from 'node:assert/strict';
import {
  describeJsonSyntaxError,
  findJsonSyntaxFault,
  firstInvalidOffset,
  jsonSyntaxInputError,
  locateJsonSyntaxError,
} from '../../src/parse/json-syntax';

/**
 * The engine's own account of a JSON syntax error: the offset where the text stops being JSON
 * and what JSON allows there, for each kind of damage (test/fuzz/json-syntax.test.ts holds the
 * offsets to V8's on generated damage; this pins the words), and the one line a user reads.
 */

const FAULTS: [string, number, string][] = [
  ['', 0, 'a value'],
  ['  \n', 3, 'a value'],
  ['[1', 2, "',' or ']'"],
  ['{"a":1', 6, "',' or '}'"],
  ['[1,', 3, 'a value'],
  ['{"a":1,', 7, 'a property name in double quotes'],
  ['[', 1, "a value or ']'"],
  ['{', 1, "a property name in double quotes or '}'"],
  ['{"a"', 4, "':' after the property name"],
  ['{"a" 1}', 5, "':' after the property name"],
  ['{"ab', 4, 'the closing quote of the string'],
  ['[1 2]', 3, "',' or ']'"],
  ['1 2', 2, 'nothing more after the value'],
  ['"\\', 2, 'an escape after the backslash'],
  ['"\\x"', 2, 'an escape after the backslash: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hexadecimal digits'],
  ['"\\u12', 5, 'four hexadecimal digits after \\u'],
  ['"\\u12g4"', 5, 'four hexadecimal digits after \\u'],
  ['"a\tb"', 2, 'a control character written as an escape (\\n, \\t, \\u0000) inside a string'],
  ['-', 1, 'a digit'],
  ['-x', 1, 'a digit'],
  ['1.', 2, 'a digit after the decimal point'],
  ['1e+', 3, 'a digit in the exponent'],
  ['tru', 3, 'the rest of true'],
  ['nul!', 3, 'the rest of null'],
  ['[x]', 1, "a value or ']'"],
];

describe('JSON syntax faults: where, and what JSON allows there', () => {
  for (const [text, offset, expected] of FAULTS)
    it(`${JSON.stringify(text)}: offset ${offset}, expected ${expected}`, () => {
      assert.deepEqual(findJsonSyntaxFault(text), { offset, expected });
      assert.equal(firstInvalidOffset(text), offset);
    });

  it('valid JSON has no fault; its location is the end of the text', () => {
    for (const text of ['{}', '[1, "\\u00e9", -0.5e+3, true, false, null]', ' "x" ']) {
      assert.equal(findJsonSyntaxFault(text), null, text);
      assert.equal(firstInvalidOffset(text), text.length, text);
    }
    assert.deepEqual(locateJsonSyntaxError('{\n}'), { line: 2, column: 2 });
  });

  it('the line a user reads: file, line and column, what was expected, what was found', () => {
    const at = (text: string) => jsonSyntaxInputError(text, 'accounts.json', 'valid JSON', new Error('x')).message;
    assert.equal(
      at('{\r\n  "a": [1\r\n'),
      "accounts.json (line 3, column 1): expected valid JSON: ',' or ']', found the end of the text",
    );
    assert.equal(at('{"a": tx}'), 'accounts.json (line 1, column 8): expected valid JSON: the rest of true, found "x"');
  });

  it("a host's own reason loses its quote of the input and its position, and nothing else", () => {
    const CASES: [string, string][] = [
      ['Unexpected token \'x\', "[x]" is not valid JSON', "unexpected token 'x'"],
      ['Unexpected end of JSON input', 'unexpected end of JSON input'],
      ['Unterminated string in JSON at position 5 (line 1 column 6)', 'Unterminated string'],
      ['JSON.parse: Unexpected character', 'JSON.parse: Unexpected character'],
    ];
    for (const [message, reason] of CASES) assert.equal(describeJsonSyntaxError(message), reason, message);
  });
});
