import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { fdWriter } from '../../src/io/output';
import { escapeJsonText } from '../../src/render/text-escape';

/**
 * The CLI's standard output takes the JSON writer's pieces unescaped and escapes them itself,
 * skipping the pattern for pieces whose bytes are ASCII without DEL: the bytes written must be
 * those of escapeJsonText's text, whatever the piece holds and wherever a slice boundary falls.
 */

function written(pieces: readonly string[]): Buffer {
  const folder = mkdtempSync(join(tmpdir(), 'output-writer-'));
  try {
    const file = join(folder, 'out');
    const fd = openSync(file, 'w');
    try {
      const writer = fdWriter(fd, 'out');
      for (const piece of pieces) writer.writeJsonText(piece);
    } finally {
      closeSync(fd);
    }
    return readFileSync(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const expected = (pieces: readonly string[]) => Buffer.from(pieces.map(escapeJsonText).join(''), 'utf8');

describe('fdWriter.writeJsonText', () => {
  it('writes escapeJsonText of each piece: ASCII, DEL, C1, bidi and line separators, non-ASCII, pairs, lone surrogates', () => {
    const pieces = [
      '',
      '{\n  "site": "Default Web Site"\n}',
      '"DEL\u007f"',
      '"NEL\u0085 and \u009f"',
      '"caf\u00e9 \u00fc\u00df"',
      '"line\u2028para\u2029 bidi\u202e\u2066 mark\u200e\u061c"',
      '"\u{1F600} pool"',
      '"lone \ud800 and \udfff"',
    ];
    assert.deepEqual(written(pieces), expected(pieces));
  });

  it('cuts a piece over a megabyte between whole surrogate pairs, and escapes on both sides of the cut', () => {
    const head = 'a'.repeat((1 << 20) - 1);
    const pieces = [`${head}\u{1F600}\u0085${'b'.repeat(10)}`, `${'c'.repeat((1 << 20) + 5)}\u007f`];
    assert.deepEqual(written(pieces), expected(pieces));
  });

  it('matches escapeJsonText on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 6 }), (pieces) =>
        written(pieces).equals(expected(pieces)),
      ),
      { numRuns: 200 },
    );
  });
});
