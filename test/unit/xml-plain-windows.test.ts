import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { MAX_XML_DEPTH } from '../../src/core/limits';
import { withNativeCodec } from '../../src/core/text-codec';
import { NODE_CODEC } from '../../src/io/node-codec';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { decodeLargeText, decodeText, LARGE_TEXT_BYTES } from '../../src/parse/decode';
import { largeTextOf, mutatedApplicationHosts, plainEncoding, withWindows } from '../helpers/plain-xml';
import { damagedXmlDocument, generatedXmlDocument } from '../helpers/xml-documents';

// A large applicationHost.config is read a window at a time (LargeText, xml-plain.ts WINDOWS),
// so the whole text never lives long enough to be promoted. Read so, the plain reader must
// deliver the events it delivers for the whole text, or decline; whatever it declines is read
// whole, with the same model or error. Small windows put window ends everywhere in the
// generated documents: inside names, values, comments, line breaks and between a CR and its LF.

const CASES = Number(process.env.IIS_LOGON_RIGHTS_XML_EVENT_CASES ?? '300');
const FILE = 'applicationHost.config';

function outcome(read: () => unknown): string {
  try {
    return JSON.stringify(read());
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return `error: ${error.message} ${JSON.stringify(error.location)}`;
  }
}

describe('plain XML reader, a window at a time', function () {
  this.timeout(10 * 60_000);

  it('answers with the events of the whole text, or declines', () => {
    const documents = [
      ...fc.sample(generatedXmlDocument, { numRuns: CASES, seed: 291 }),
      ...fc.sample(damagedXmlDocument, { numRuns: CASES, seed: 292 }),
      ...mutatedApplicationHosts(CASES, 293).map(({ text }) => text),
    ];
    for (const windows of [
      { size: 40, margin: 20 },
      { size: 64, margin: 32 },
      { size: 200, margin: 100 },
      { size: 2048, margin: 1024 },
    ]) {
      let moved = 0;
      for (const text of documents) {
        const windowed = plainEncoding(text, MAX_XML_DEPTH, windows);
        if (windowed === null) continue;
        assert.equal(windowed, plainEncoding(text), `${JSON.stringify(windows)} ${JSON.stringify(text)}`);
        if (text.length > windows.size) moved++;
      }
      // Windows of a few dozen characters end inside nearly every tag: they check declining.
      if (windows.size >= 200)
        assert.ok(moved >= CASES / 10, `${JSON.stringify(windows)}: only ${moved} documents read over several windows`);
    }
  });

  it('counts lines across windows, whatever line breaks fall on a window end', () => {
    const lines = Array.from({ length: 3000 }, (_, index) =>
      index % 3 === 0 ? `<b x="${index}"/>` : index % 3 === 1 ? `<!-- ${index} -->` : `<c\r\n y="${index}">t</c>`,
    );
    for (const lineEnd of ['\r\n', '\n', '\r\n \t'])
      for (const size of [64, 97, 128]) {
        const text = `<a>${lineEnd}${lines.join(lineEnd)}${lineEnd}</a>${lineEnd}`;
        const windowed = plainEncoding(text, MAX_XML_DEPTH, { size, margin: 40 });
        assert.notEqual(windowed, null, `${JSON.stringify(lineEnd)} ${size}`);
        assert.equal(windowed, plainEncoding(text), `${JSON.stringify(lineEnd)} ${size}`);
      }
  });

  it('a document the windows decline gives the model or error of the whole text', () => {
    const documents = mutatedApplicationHosts(CASES, 294).map(({ text }) => text);
    // A value longer than the margin reaches a window's end: declined, then read whole.
    documents.push(documents[0]!.replace(/<site /, `<site data="${'v'.repeat(300)}" `));
    for (const text of documents) {
      const whole = outcome(() => parseApplicationHostConfig(text, FILE));
      const windowed = withWindows({ size: 200, margin: 100 }, () =>
        outcome(() => parseApplicationHostConfig(largeTextOf(text), FILE)),
      );
      assert.equal(windowed, whole, JSON.stringify(text));
    }
  });
});

describe('a large ASCII file as a LargeText (Node)', () => {
  const body = `<configuration>\r\n${'  <!-- padding -->\r\n'.repeat(LARGE_TEXT_BYTES / 20)}</configuration>\r\n`;
  const utf8 = (text: string, bom = false) => new Uint8Array(Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf8'));

  it('slices and searches as the decoded text, and lets go of its bytes when released', () => {
    for (const bom of [false, true]) {
      const bytes = utf8(body, bom);
      const decoded = decodeText(bytes, FILE).text;
      const large = withNativeCodec(NODE_CODEC, () => decodeLargeText(bytes));
      assert.ok(large !== undefined);
      assert.equal(large.text.length, decoded.length);
      for (const [start, end] of [
        [0, 100],
        [12_345, 98_765],
        [decoded.length - 50, decoded.length + 10],
      ] as const)
        assert.equal(large.text.slice(start, end), decoded.slice(start, end));
      for (const from of [0, 17, decoded.length - 30])
        assert.equal(large.text.indexOf('</configuration>', from), decoded.indexOf('</configuration>', from));
      large.release();
      assert.equal(bytes.length, 0, 'the buffer is detached');
      assert.throws(() => large.text.slice(0, 1), /after its bytes were released/);
    }
  });

  it('is not made for small files, other encodings, non-ASCII text or a NUL, nor without the host', () => {
    const large = (bytes: Uint8Array) => withNativeCodec(NODE_CODEC, () => decodeLargeText(bytes));
    assert.equal(large(utf8('<a/>')), undefined);
    assert.equal(large(utf8(`${body}<!-- \u00e9 -->`)), undefined);
    assert.equal(large(utf8(`${body}<!-- \u0000 -->`)), undefined);
    assert.equal(large(new Uint8Array(Buffer.from(`\ufeff${body}`, 'utf16le'))), undefined);
    assert.equal(decodeLargeText(utf8(body)), undefined);
  });
});
