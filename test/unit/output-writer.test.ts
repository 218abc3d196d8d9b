import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { fdWriter, type FdWriter } from '../../src/io/output';
import { escapeJsonText } from '../../src/render/text-escape';

/**
 * The CLI's standard output takes the JSON writer's pieces unescaped and escapes them itself,
 * skipping the pattern for pieces whose bytes are ASCII without DEL: the bytes written must be
 * those of escapeJsonText's text, whatever the piece holds and wherever a slice boundary falls.
 */

/** What the writer wrote to a file for `use`, and what it had written before its flush. */
function writtenBy(use: (writer: FdWriter) => void): { beforeFlush: Buffer; all: Buffer } {
  const folder = mkdtempSync(join(tmpdir(), 'output-writer-'));
  try {
    const file = join(folder, 'out');
    const fd = openSync(file, 'w');
    let beforeFlush: Buffer;
    try {
      const writer = fdWriter(fd, 'out');
      use(writer);
      beforeFlush = readFileSync(file);
      writer.flush();
    } finally {
      closeSync(fd);
    }
    return { beforeFlush, all: readFileSync(file) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function written(pieces: readonly string[]): Buffer {
  return writtenBy((writer) => {
    for (const piece of pieces) writer.writeJsonText(piece);
  }).all;
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

  it('keeps the order of JSON text and plain text, holding only the JSON text written since the last write', () => {
    const calls = fc.array(fc.record({ json: fc.boolean(), text: fc.string({ maxLength: 40 }) }), { maxLength: 8 });
    fc.assert(
      fc.property(calls, fc.nat({ max: 300_000 }), (steps, padding) => {
        const all = [{ json: true, text: 'x'.repeat(padding) }, ...steps];
        const lastPlain = all.map((step) => step.json).lastIndexOf(false);
        const bytes = (upTo: number) =>
          Buffer.from(
            all
              .slice(0, upTo)
              .map((step) => (step.json ? escapeJsonText(step.text) : step.text))
              .join(''),
            'utf8',
          );
        const { beforeFlush, all: after } = writtenBy((writer) => {
          for (const step of all) {
            if (step.json) writer.writeJsonText(step.text);
            else writer.write(step.text);
          }
        });
        // Before the flush: everything up to the last plain write, and perhaps JSON text after it.
        const written = bytes(lastPlain + 1);
        return (
          after.equals(bytes(all.length)) &&
          beforeFlush.subarray(0, written.length).equals(written) &&
          bytes(all.length).subarray(0, beforeFlush.length).equals(beforeFlush)
        );
      }),
      { numRuns: 100 },
    );
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
