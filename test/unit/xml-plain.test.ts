import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_XML_DEPTH } from '../../src/core/limits';
import { keepElement } from '../../src/parse/applicationhost/keep';
import { parseXmlTree, type XmlTreeOptions } from '../../src/parse/xml';
import { hostMayTokenize, withHostXmlTokenizer, type XmlEventHandlers } from '../../src/parse/xml-events';
import { readPlainXml } from '../../src/parse/xml-plain';
import { mutatedApplicationHosts, plainEncoding } from '../helpers/plain-xml';
import { damagedXmlDocument, generatedXmlDocument, saxesEncoding } from '../helpers/xml-documents';

// The quick plain-XML reader (src/parse/xml-plain.ts) answers only documents saxes accepts,
// with the very events saxes delivers: names, attributes in order with their values, the line
// each start tag ends on. Whatever it declines goes to saxes. Checked on generated documents
// (well-formed and damaged) and on the fuzz suite's applicationHost.config documents, intact
// and mutated. `npm run fuzz` runs IIS_LOGON_RIGHTS_XML_EVENT_CASES=5000 of each kind.

const CASES = Number(process.env.IIS_LOGON_RIGHTS_XML_EVENT_CASES ?? '300');

describe('plain XML reader: the events saxes delivers, or it declines', function () {
  this.timeout(10 * 60_000);

  it('every document it answers, saxes accepts with the same events; every intact applicationHost.config is answered', () => {
    const documents = [
      ...fc.sample(generatedXmlDocument, { numRuns: CASES, seed: 281 }).map((text) => ({ text, intact: false })),
      ...fc.sample(damagedXmlDocument, { numRuns: CASES, seed: 282 }).map((text) => ({ text, intact: false })),
      ...mutatedApplicationHosts(CASES, 283),
    ];
    let answered = 0;
    let wellFormed = 0;
    const wrong: { text: string; plain: string; saxes: string }[] = [];
    const declined: string[] = [];
    for (const { text, intact } of documents) {
      const saxes = saxesEncoding(text, false, false);
      const plain = plainEncoding(text);
      if (!saxes.startsWith('error')) wellFormed++;
      // A lone CR (old Mac line ends, which the generator writes now and then) is left to saxes.
      if (intact && plain === null && !/\r(?!\n)/.test(text)) declined.push(text);
      if (plain === null) continue;
      answered++;
      if (plain !== saxes) wrong.push({ text, plain, saxes });
    }
    assert.deepEqual(wrong.slice(0, 2), [], `${wrong.length} of ${answered} answered documents differ`);
    assert.deepEqual(declined.slice(0, 2), [], `${declined.length} intact applicationHost.config documents declined`);
    // The generated documents use character references, CDATA and non-ASCII names on purpose,
    // which the plain reader leaves to saxes; the applicationHost.config documents it answers.
    assert.ok(answered >= CASES / 4, `answered ${answered} of ${wellFormed} well-formed documents`);
    assert.ok(wellFormed < documents.length * 0.9, `only ${documents.length - wellFormed} documents are malformed`);
  });

  it('reads attributes written every way the subset allows as saxes does, and declines the rest', () => {
    // The usual `name="value"` is read by one pattern, anything else by the general scan.
    const space = fc.constantFrom('', ' ', '\t', '\n', '\r\n', '\r');
    const piece = fc.constantFrom(
      'v',
      'a=b',
      '=',
      '="',
      "'",
      '"',
      '>',
      '/',
      '&amp;',
      '&lt;',
      '&bogus;',
      '\t',
      '\r\n',
      '\n',
      '<',
      ' ',
    );
    const attribute = fc
      .tuple(fc.constantFrom(' ', '\r\n ', '\t'), fc.constantFrom('a', 'b', 'x.y-z_1', '1a'), space, space)
      .chain(([before, name, beforeEquals, afterEquals]) =>
        fc
          .tuple(fc.constantFrom('"', "'"), fc.array(piece, { maxLength: 4 }))
          .map(([quote, value]) => `${before}${name}${beforeEquals}=${afterEquals}${quote}${value.join('')}${quote}`),
      );
    let answered = 0;
    fc.assert(
      fc.property(fc.array(attribute, { maxLength: 4 }), space, (attributes, end) => {
        const text = `<r><e${attributes.join('')}${end}/></r>`;
        const plain = plainEncoding(text);
        const saxes = saxesEncoding(text, false, false);
        // Only a lone CR (and what saxes refuses) is left to saxes here.
        if (plain === null) return assert.ok(saxes.startsWith('error') || /\r(?!\n)/.test(text), JSON.stringify(text));
        answered++;
        assert.equal(plain, saxes, JSON.stringify(text));
      }),
      { numRuns: 3000, seed: 289 },
    );
    assert.ok(answered >= 300, `answered ${answered}`);
  });

  it('the constructs where it could read differently from saxes', () => {
    const same = (text: string) => {
      const plain = plainEncoding(text);
      assert.notEqual(plain, null, JSON.stringify(text));
      assert.equal(plain, saxesEncoding(text, false, false), JSON.stringify(text));
    };
    same(
      '\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n<!-- c -->\r\n<a x="1\r\n2\t3\n4" y=\'&lt;&amp;&quot;&apos;&gt;\'\r\n/>\r\n',
    );
    same('<a\n  b = "v" >\n<b/>\n<!---->\n<c></c ><d\n/>text &amp; ] ]] >\n</a>\n<!-- tail -->\n');
    for (const declined of [
      '<a>&#10;</a>',
      '<a b="&#10;"/>',
      '<a><![CDATA[x]]></a>',
      '<a><?pi x?></a>',
      '<a>\r</a>',
      '<a\rb="1"/>',
      '<a b="x\ry"/>',
      '<a>\u0001</a>',
      '<a b="\u0001"/>',
      '<!-- \u0001 --><a/>',
      '<a>\ud800</a>',
      '<a>\ufffe</a>',
      '<p:a/>',
      '<n\u00e9/>',
      '<a>\ud83d\ude00</a>',
      '<a>]]></a>',
      '<a b="1"c="2"/>',
      '<a b="1" b="2"/>',
      '<a><!-- a -- b --></a>',
      '<a/><b/>',
      '<a>',
      '',
      '<a></b>',
      '<a></ab>',
      '<ab></a>',
      '</undefined><a/>',
      '<a/></undefined>',
      '<a/ >',
      '<a b="<"/>',
      '<a>&bogus;</a>',
    ])
      assert.equal(plainEncoding(declined), null, JSON.stringify(declined));
  });

  it('asked which elements are kept, it answers the same documents, with attributes for the kept ones only', () => {
    /**
     * Start tags as [name, attributes or null where dropped, line] and end tags as ['/'], or null
     * where it declines.
     */
    type Event = [string, Record<string, string> | null, number] | ['/'];
    const events = (text: string, keeps?: (local: string) => boolean) => {
      let tags: Event[] = [];
      const handlers: XmlEventHandlers = {
        restart: () => (tags = []),
        open: (tag) => {
          const kept = keeps === undefined || keeps(tag.name);
          if (!kept) assert.deepEqual(Object.keys(tag.attributes), []);
          tags.push([tag.name, kept ? { ...tag.attributes } : null, tag.line]);
        },
        close: () => tags.push(['/']),
      };
      if (keeps !== undefined) handlers.keeps = keeps;
      return hostMayTokenize(text) && readPlainXml(text, MAX_XML_DEPTH, handlers) ? tags : null;
    };
    const dropsOddNames = (local: string) => local.length % 2 === 0;
    const documents = [
      ...fc.sample(generatedXmlDocument, { numRuns: CASES, seed: 286 }),
      ...fc.sample(damagedXmlDocument, { numRuns: CASES, seed: 287 }),
      ...mutatedApplicationHosts(CASES, 288).map(({ text }) => text),
    ];
    const attributes = (count: number, repeated?: number) =>
      Array.from({ length: count }, (_, index) => ` a${index === repeated ? 0 : index}="${index}"`).join('');
    for (const count of [2, 31, 32, 33, 40])
      for (const repeated of [undefined, 1, count - 1])
        documents.push(`<aa><b${attributes(count, repeated)}/></aa>`, `<aa><cc${attributes(count, repeated)}/></aa>`);
    documents.push(
      '<aa><b x="1" y="2" x="3"/></aa>',
      '<aa><b xy="1" yx="2" x="3" xy="4"/></aa>',
      '<aa><b x="&bad;"/></aa>',
    );
    let answered = 0;
    for (const text of documents) {
      const all = events(text);
      const some = events(text, dropsOddNames);
      assert.equal(some === null, all === null, JSON.stringify(text));
      if (all === null) continue;
      answered++;
      // A dropped element's own start and end tags are delivered; nothing inside it is.
      const expected: Event[] = [];
      let depth = 0;
      let quietFrom = Infinity;
      for (const event of all) {
        if (event.length === 1) {
          depth--;
          if (depth > quietFrom) continue;
          quietFrom = Infinity;
          expected.push(event);
          continue;
        }
        const [name, attributes, line] = event;
        if (depth <= quietFrom) {
          const kept = dropsOddNames(name);
          expected.push([name, kept ? attributes : null, line]);
          if (!kept) quietFrom = depth;
        }
        depth++;
      }
      assert.deepEqual(some, expected, JSON.stringify(text));
    }
    assert.ok(answered >= CASES / 4, `answered ${answered} of ${documents.length}`);
  });

  it('the tree of kept elements is the one saxes gives, with skipped elements unread', () => {
    /** The tree, or the error, as plain data; a declining host tokenizer makes saxes read it. */
    const tree = (text: string, options: XmlTreeOptions, saxesOnly: boolean) => {
      try {
        const read = () => parseXmlTree(text, 'doc.xml', options);
        return JSON.stringify(saxesOnly ? withHostXmlTokenizer(() => null, read) : read());
      } catch (error) {
        return `error: ${(error as Error).message}`;
      }
    };
    const notSite = (local: string, ancestors: readonly string[]) => local !== 'site' || ancestors.length < 2;
    const documents: [string, XmlTreeOptions][] = [
      ...mutatedApplicationHosts(CASES, 284).map(({ text }): [string, XmlTreeOptions] => [text, { keep: keepElement }]),
      ...fc
        .sample(generatedXmlDocument, { numRuns: CASES, seed: 285 })
        .map((text): [string, XmlTreeOptions] => [text, { keep: notSite, maxDepth: 4 }]),
      ['<a><site x="1"><b y="2"/><site/></site><c/></a>', { keep: notSite }],
      ['<a><site x="1" x="2"><b/></site></a>', { keep: notSite }],
      ['<a><site><b><c/></b></site></a>', { keep: notSite, maxDepth: 3 }],
    ];
    for (const [text, options] of documents)
      assert.equal(tree(text, options, false), tree(text, options, true), JSON.stringify(text));
  });

  it('reads a million blank lines between two tags, counting each', () => {
    const blank = (lineEnd: string) => `<a>${lineEnd.repeat(1_000_000)}  <b/>${lineEnd}</a>`;
    for (const lineEnd of ['\r\n', '\n', '\r\n \t'])
      assert.equal(
        plainEncoding(blank(lineEnd)),
        '2\u0000S\u0000a\u00000\u00001\u0000S\u0000b\u00000\u00001000001\u0000E\u0000E\u0000',
      );
  });

  it('a document deeper than the limit is left to saxes', () => {
    assert.equal(plainEncoding('<a><b><c/></b></a>', 2), null);
    assert.notEqual(plainEncoding('<a><b/></a>', 2), null);
  });

  it('a document declined half-way builds the tree saxes builds, not twice', () => {
    const tree = parseXmlTree('<a>\n<b x="1"/>\n<![CDATA[ x ]]><c/></a>', 'doc.xml');
    assert.deepEqual(
      tree.children.map((child) => [child.name, child.line]),
      [
        ['b', 2],
        ['c', 3],
      ],
    );
  });
});
