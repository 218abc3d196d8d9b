import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  escapeCharacter,
  escapeText,
  escapeTextFields,
  stringifyJson,
  UNSAFE_TEXT_CHARACTERS,
} from '../../src/render/text-escape';
import { xmlAttribute, xmlText } from '../../src/render/junit';
import { CLEAR_LINE, progressLine } from '../../src/render/report-progress';

/** Every character the helper must never let through raw. */
const UNSAFE: string[] = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
  ...Array.from({ length: 0x21 }, (_, offset) => String.fromCharCode(0x7f + offset)),
  '\u061c',
  '\u200e',
  '\u200f',
  '\u2028',
  '\u2029',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];

function hasUnsafe(text: string): boolean {
  return UNSAFE.some((character) => text.includes(character));
}

describe('text escaping (one helper for every text output)', () => {
  it('shows line breaks, tabs, ESC, BEL, DEL, C1 and bidi characters as visible escapes', () => {
    assert.equal(escapeText('a\r\nb\tc'), 'a\\r\\nb\\tc');
    assert.equal(escapeText('\u001b]0;owned\u0007'), '\\x1B]0;owned\\x07');
    assert.equal(escapeText('\u007f\u0085\u009b'), '\\x7F\\x85\\x9B');
    assert.equal(escapeText('admin\u202egnp.exe'), 'admin\\u202Egnp.exe');
    assert.equal(escapeText('\u2066x\u2069\u2028\u061c\u200f'), '\\u2066x\\u2069\\u2028\\u061C\\u200F');
    for (const character of UNSAFE)
      assert.ok(!hasUnsafe(escapeText(`x${character}y`)), `U+${character.charCodeAt(0).toString(16)}`);
  });

  it('leaves printable text alone, joiners and accents included', () => {
    for (const text of [
      'Default Web Site',
      'CONTOSO\\svc-web',
      'Caf\u00e9 \u4e00 \u{1F600}',
      '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645',
      '\u{1F469}\u200d\u{1F4BB}',
      '\u00a0\u00ff',
    ]) {
      assert.equal(escapeText(text), text);
    }
  });

  it('escapes C0 and C1 as \\xHH and the rest as \\uHHHH, upper case', () => {
    assert.equal(escapeCharacter('\u0000'), '\\x00');
    assert.equal(escapeCharacter('\u009f'), '\\x9F');
    assert.equal(escapeCharacter('\u202d'), '\\u202D');
  });

  it('never lets an unsafe character through, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom(...UNSAFE),
            fc.constantFrom('a', '\\', 'x', '\u00e9'),
            fc.string({ unit: 'grapheme', maxLength: 1 }),
          ),
          maxLength: 40,
        }),
        (text) => {
          const shown = escapeText(text);
          assert.ok(!hasUnsafe(shown), JSON.stringify(shown));
          // Safe characters are kept in order: removing the escapes of a text without backslashes gives it back.
          if (!text.includes('\\') && !hasUnsafe(text)) assert.equal(shown, text);
        },
      ),
      { numRuns: 2_000 },
    );
    assert.equal(UNSAFE_TEXT_CHARACTERS.global, true);
  });

  it('escapes every string of a plain record, keeping its shape and its other values', () => {
    const record = { name: 'a\nb', list: ['\u001b', 1, null, true], nested: { site: '\u202eX' } };
    assert.deepEqual(escapeTextFields(record), {
      name: 'a\\nb',
      list: ['\\x1B', 1, null, true],
      nested: { site: '\\u202EX' },
    });
    assert.equal(record.name, 'a\nb', 'the input is not changed');
  });

  it('writes JSON that parses to the same value with no raw control or bidi character', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ unit: fc.constantFrom(...UNSAFE, 'a', '"', '\\') }),
          fc.string({ unit: fc.constantFrom(...UNSAFE, 'b', '\u00e9') }),
        ),
        fc.constantFrom(undefined, 2),
        (value, indent) => {
          const text = stringifyJson(value, indent);
          assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
          assert.ok(!hasUnsafe(text.replace(/\n/g, '')), text);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('writes XML character data and attributes with references for CR, C1 and bidi characters', () => {
    assert.equal(xmlText('a\rb\u0085c\u202e<&>\n'), 'a&#13;b&#x85;c&#x202E;&lt;&amp;&gt;\n');
    assert.equal(xmlAttribute('"\t\n\r\u2066'), '&quot;&#9;&#10;&#13;&#x2066;');
    assert.equal(xmlText('\u001b\u0007'), '\uFFFD\uFFFD');
  });
});

describe('the report progress line', () => {
  it('shows a hostile snapshot name escaped: only its own CR and erase-line sequence are raw', () => {
    const line = progressLine(1, 2, 'fleet/web\u001b]0;pwn\u0007\r\nFAKE\u202e', 200);
    assert.ok(line.startsWith(CLEAR_LINE));
    const rest = line.slice(CLEAR_LINE.length);
    assert.equal(rest, '[1/2] judging fleet/web\\x1B]0;pwn\\x07\\r\\nFAKE\\u202E');
    assert.ok(!hasUnsafe(rest));
  });
});
