import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { displayWidth, simpleCodePointWidth, simpleWidth } from '../../src/render/text-width';

// Simple characters are counted by our own table, the same in both hosts; the table must say
// what string-width (what the CLI uses for everything else) says, for every one of them.

describe('terminal width of simple characters', () => {
  it('every simple code point has the width string-width gives it', () => {
    let simple = 0;
    const wrong: string[] = [];
    for (let codePoint = 0; codePoint <= 0xffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const width = simpleCodePointWidth(codePoint);
      if (width === 0) continue;
      simple++;
      const expected = stringWidth(String.fromCodePoint(codePoint));
      if (width !== expected) wrong.push(`U+${codePoint.toString(16)}: ${width}, string-width ${expected}`);
    }
    assert.ok(simple > 25_000, `${simple} simple code points`);
    assert.deepEqual(wrong.slice(0, 10), []);
  });

  it('text is simple only when every character is; the rest goes to string-width', () => {
    assert.equal(simpleWidth('Jürgen 漢字 한국 Ｗ'), 19);
    for (const text of ['e\u0301', '\u{1F469}', 'ไทย', '\u00ad', 'ﾃﾞ', '\u0483']) {
      assert.equal(simpleWidth(text), -1, JSON.stringify(text));
      assert.equal(displayWidth(text), stringWidth(text), JSON.stringify(text));
    }
    assert.equal(displayWidth('CONTOSO\\svc'), 11);
  });
});
