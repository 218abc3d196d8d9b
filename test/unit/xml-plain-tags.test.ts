import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_XML_DEPTH } from '../../src/core/limits';
import { readPlainXml } from '../../src/parse/xml-plain';
import { plainEncoding } from '../helpers/plain-xml';
import { saxesEncoding } from '../helpers/xml-documents';

// The plain reader reads the usual start tag (plain attributes on one line) with the line break
// and indentation after it in one pattern, and counts that line break as read; every other tag,
// and white space of any other shape, goes the general way with its line breaks searched for.
// These documents mix the two ways on every line and hold the reader to saxes: events,
// attributes and lines.

const tagName = fc.constantFrom('a', 'bb', 'site', 'x.y-z_1');
const attributeName = fc.constantFrom('n', 'id', 'path', 'x.y-z_1');
const value = fc.constantFrom('', 'v', 'D:\\sites\\a', 'x=y', '&amp;', "'", 'a b', '\t', '\r\n', '>');
const separator = fc.constantFrom(' ', ' ', '  ', '\t', '\r\n ', '\n');
/** A tag's attributes, each name once (the same name twice is among the declined cases below). */
const attributes = fc
  .uniqueArray(fc.tuple(separator, attributeName, value, fc.constantFrom('"', '"', "'")), {
    selector: ([, name]) => name,
    maxLength: 4,
  })
  .map((list) => list.map(([before, name, text, quote]) => `${before}${name}=${quote}${text}${quote}`).join(''));
/** What follows a tag: the usual line break and indentation, or any other shape. */
const gap = fc.constantFrom(
  '\r\n    ',
  '\r\n    ',
  '\n\t',
  '\r\n',
  '',
  ' ',
  '\r\n\r\n  ',
  '  \r\n  ',
  '\r\n  text &amp; more\r\n  ',
  '\r\n  <!-- c -->\r\n  ',
);
const tagEnd = fc.constantFrom('', ' ', '\t', '\r\n', '  ');

/** A well-nested element of depth at most `depth`, each tag followed by a gap. */
const element = (depth: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      tagName,
      attributes,
      tagEnd,
      gap,
      depth > 1 ? fc.array(element(depth - 1), { maxLength: 3 }) : fc.constant([]),
      fc.boolean(),
      tagEnd,
      gap,
    )
    .map(([name, attributes, end, after, children, selfClosing, closeEnd, afterClose]) =>
      selfClosing && children.length === 0
        ? `<${name}${attributes}${end}/>${after}`
        : `<${name}${attributes}${end}>${after}${children.join('')}</${name}${closeEnd}>${afterClose}`,
    );

describe('plain XML reader: tags on their own lines', function () {
  this.timeout(10 * 60_000);

  it('reads each tag and the line break after it as saxes does, whole or a window at a time', () => {
    let answered = 0;
    fc.assert(
      fc.property(element(4), (root) => {
        // Text after the root element is an error, and one saxes reports: a few documents end so.
        const text = root;
        const plain = plainEncoding(text);
        const saxes = saxesEncoding(text, false, false);
        const windowed = plainEncoding(text, MAX_XML_DEPTH, { size: 96, margin: 48 });
        if (windowed !== null) assert.equal(windowed, plain, JSON.stringify(text));
        if (plain === null) return assert.ok(saxes.startsWith('error'), JSON.stringify(text));
        answered++;
        assert.equal(plain, saxes, JSON.stringify(text));
      }),
      { numRuns: 2000, seed: 301 },
    );
    assert.ok(answered >= 1000, `answered ${answered}`);
    for (const declined of [
      '<a>\r\n  <b x="1" y="2" x="3"/>\r\n</a>',
      '<a>\r\n  <b x="1"\ty="2" x="3">\r\n  </b>\r\n</a>',
      '<a>\r\n  <b x="1"y="2"/>\r\n</a>',
      '<a>\r\n  <b x="1"/>\r\r\n</a>',
      '<a>\r\n  </a\r>',
      '<a>\r\n  <b/>\r\n</a>\r\n  text',
    ])
      assert.equal(plainEncoding(declined), null, JSON.stringify(declined));
  });

  it('counts the lines of a file of usual tags, a line each', () => {
    const lines = ['<a>'];
    for (let index = 0; index < 50; index++)
      lines.push(`  <b n="${index}" id="x">`, `    <c path="/${index}" x.y-z_1=""/>`, '  </b>', '\t<d/>');
    lines.push('</a>', '');
    for (const lineEnd of ['\r\n', '\n']) {
      const encoded = plainEncoding(lines.join(lineEnd));
      assert.notEqual(encoded, null);
      // Each start tag is on the line of its index in `lines`, counted from 1.
      const starts = [...encoded!.matchAll(/\u0000(\d+)\u0000(?:S|E)/g)].map((match) => Number(match[1]));
      const expected = lines.flatMap((line, index) => (line.includes('</') || line === '' ? [] : [index + 1]));
      assert.deepEqual(starts.slice(0, expected.length), expected);
    }
  });

  it('reads tags of a shape read before by its template, as saxes reads them', () => {
    // The first tags make the templates; each later tag of the same name differs from them in
    // one way, so its template must not match and the general reading takes it.
    const repeated = Array.from({ length: 20 }, (_, index) => `  <b n="${index}" id="D:\\sites\\${index}"/>`);
    const differing = [
      '  <b n="1" id="a &amp; b"/>',
      '  <b n="1"\tid="2"/>',
      '  <b n="1"  id="2"/>',
      '  <b id="2" n="1"/>',
      '  <b n="1" id="2" z=""/>',
      '  <b n="1"/>',
      '  <b n="1" id="2">\r\n  </b>',
      '  <b n="1" id="2" ></b>',
      '  <b n=\'1\' id="2"/>',
      '  <bb n="1" id="2"/>',
    ];
    for (const lines of [
      [...repeated, ...differing],
      [...differing, ...repeated],
    ]) {
      const text = ['<a>', ...lines, ...repeated, '</a>', ''].join('\r\n');
      assert.equal(plainEncoding(text), saxesEncoding(text, false, false));
    }
    // A tag followed in turn by tags of three (or five) shapes, some of names that start alike.
    const followers = ['<c n="1"/>', '<cc n="1"/>', '<c id="2" n="1">\r\n  </c>', '<c.d n="1"/>', '<c/>'];
    for (const shapes of [3, 5]) {
      const turns = Array.from({ length: 40 }, (_, index) => [
        `  <p n="${index}"/>`,
        `  ${followers[index % shapes]!}`,
      ]);
      const turning = ['<a>', ...turns.flat(), '</a>', ''].join('\r\n');
      assert.equal(plainEncoding(turning), saxesEncoding(turning, false, false));
    }
    // The same name twice is declined whether the element is kept or not.
    const twice = ['<a>', ...repeated, '  <b n="1" n="2"/>', '</a>'].join('\r\n');
    assert.equal(plainEncoding(twice), null);
    const handlers = { keeps: (name: string) => name === 'a', open: () => undefined, close: () => undefined };
    assert.equal(readPlainXml(twice, MAX_XML_DEPTH, handlers), false);
    assert.equal(readPlainXml(twice.replace('n="1" n="2"', 'n="1" id="2"'), MAX_XML_DEPTH, handlers), true);
  });
});
