import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import {
  childText,
  childrenNamed,
  describeElement,
  firstChild,
  parseXmlTree,
  type XmlElement,
} from '../../src/parse/xml';
import { inputErrorFrom } from '../helpers/errors';

/** The XML tree every XML parser builds on: options, the keep filter, text, lines and errors. */

const errorFrom = (text: string, options: Parameters<typeof parseXmlTree>[2] = {}): InputError =>
  inputErrorFrom(() => parseXmlTree(text, 'f.xml', options));

const NAMESPACED = '<q:r xmlns:q="urn:q" xmlns="urn:d"><q:c x="1">t</q:c><c y="2"/></q:r>';

describe('parseXmlTree', () => {
  it('without namespaces: names as written, local names after the prefix, no URIs, no text', () => {
    const root = parseXmlTree(NAMESPACED, 'f.xml');
    assert.equal(root.name, 'q:r');
    assert.equal(root.local, 'r');
    assert.equal(root.uri, '');
    assert.deepEqual(
      root.children.map((child) => [child.name, child.local, child.uri, child.text]),
      [
        ['q:c', 'c', '', ''],
        ['c', 'c', '', ''],
      ],
    );
    assert.equal(root.children[0]!.attributes['x'], '1');
    assert.equal(root.attributes['xmlns:q'], 'urn:q');
  });

  it('with namespaces: URIs resolved, attribute values as strings in a prototype-free object', () => {
    const root = parseXmlTree(NAMESPACED, 'f.xml', { namespaces: true });
    assert.deepEqual([root.local, root.uri], ['r', 'urn:q']);
    assert.deepEqual(
      root.children.map((child) => [child.local, child.uri]),
      [
        ['c', 'urn:q'],
        ['c', 'urn:d'],
      ],
    );
    const attributes = root.children[1]!.attributes;
    assert.equal(Object.getPrototypeOf(attributes), null);
    assert.deepEqual({ ...attributes }, { y: '2' });
  });

  it('keeps text, CDATA included, only when asked', () => {
    const text = '<r>a<![CDATA[<b>&amp;]]>c<s> x </s></r>';
    assert.equal(parseXmlTree(text, 'f.xml').text, '');
    const root = parseXmlTree(text, 'f.xml', { keepText: true });
    assert.equal(root.text, 'a<b>&amp;c');
    assert.equal(root.children[0]!.text, ' x ');
  });

  it('drops an element the filter refuses with everything inside it, text included', () => {
    const calls: string[] = [];
    const root = parseXmlTree('<r>a<x>b<y>c</y></x><y>d</y>e</r>', 'f.xml', {
      keepText: true,
      keep: (local, ancestors) => {
        calls.push(`${ancestors.join('/')}>${local}`);
        return local !== 'x';
      },
    });
    assert.deepEqual(
      root.children.map((child) => child.local),
      ['y'],
    );
    assert.equal(root.text, 'ae');
    assert.equal(root.children[0]!.text, 'd');
    // The root is never offered; children of a dropped element are not offered either.
    assert.deepEqual(calls, ['r>x', 'r>y']);
  });

  it('passes the open ancestors, outermost first', () => {
    const calls: string[] = [];
    parseXmlTree('<a><b><c/></b><d/></a>', 'f.xml', {
      keep: (local, ancestors) => (calls.push(`${ancestors.join('/')}>${local}`), true),
    });
    assert.deepEqual(calls, ['a>b', 'a/b>c', 'a>d']);
  });

  it('records the line where each start tag ends', () => {
    const root = parseXmlTree('<r>\n<c\n  a="1"/>\r\n<d/></r>', 'f.xml');
    assert.deepEqual([root.line, ...root.children.map((child) => child.line)], [1, 3, 4]);
  });

  it("reports saxes errors without saxes' own position prefix, at the line and column", () => {
    const error = errorFrom('<r>\n  </x>');
    assert.equal(error.expected, 'well-formed XML');
    assert.equal(error.found, '"unexpected close tag."');
    assert.deepEqual(error.location, { line: 2, column: 6 });
    assert.equal(error.message, 'f.xml (line 2, column 6): expected well-formed XML, found "unexpected close tag."');
    assert.equal(errorFrom('').found, '"document must contain a root element."');
    // Two-digit lines and columns: saxes' "12:15: " prefix is removed whole.
    const far = errorFrom(`<r>${'\n'.repeat(11)}${' '.repeat(10)}</x>`);
    assert.deepEqual(far.location, { line: 12, column: 14 });
    assert.equal(far.found, '"unexpected close tag."');
    assert.equal(errorFrom('<a/><b/>').expected, 'well-formed XML');
  });

  it('bounds the depth, by default at MAX_XML_DEPTH, or as asked', () => {
    assert.doesNotThrow(() => parseXmlTree('<a><b><c/></b></a>', 'f.xml', { maxDepth: 3 }));
    const error = errorFrom('<a><b>\n<c/></b></a>', { maxDepth: 2 });
    assert.equal(error.expected, 'elements nested at most 2 deep');
    assert.equal(error.found, 'element <c> at depth 3');
    assert.deepEqual(error.location, { line: 2, column: 4 });
  });

  describe('DOCTYPE', () => {
    const refused = (text: string): InputError => {
      const error = errorFrom(text);
      assert.equal(error.expected, 'no DOCTYPE (DTDs and entity declarations are not accepted)', text);
      assert.equal(error.found, 'a <!DOCTYPE> declaration');
      return error;
    };

    it('is found after any number of processing instructions, comments and blank lines', () => {
      assert.deepEqual(refused('<?a?><?b?><!DOCTYPE r><r/>').location, { line: 1 });
      assert.deepEqual(refused('<!--a--><!--b-->\n<!DOCTYPE r><r/>').location, { line: 2 });
      assert.deepEqual(
        refused(
          '\uFEFF<?xml version="1.0"?>\r\n<!-- x -->\r\n\t<?p q?>\r\n<!DOCTYPE r [<!ENTITY e "v">]>\r\n<r>&e;</r>',
        ).location,
        { line: 4 },
      );
    });

    it('an unterminated comment or processing instruction is malformed XML, not a DOCTYPE', () => {
      assert.equal(errorFrom('<?xml version="1.0"\n<!DOCTYPE r><r/>').expected, 'well-formed XML');
      assert.equal(errorFrom('<!-- open\n<!DOCTYPE r><r/>').expected, 'well-formed XML');
    });
  });
});

describe('XML tree helpers', () => {
  let root: XmlElement;
  before(() => {
    root = parseXmlTree('<r xmlns:a="urn:a" xmlns:b="urn:b"><a:n>1</a:n><b:n> 2 </b:n><a:n>3</a:n><m/></r>', 'f.xml', {
      namespaces: true,
      keepText: true,
    });
  });

  it('childrenNamed and firstChild match the local name, and the URI when one is given', () => {
    assert.deepEqual(
      childrenNamed(root, 'n').map((child: XmlElement) => child.text),
      ['1', ' 2 ', '3'],
    );
    assert.deepEqual(
      childrenNamed(root, 'n', 'urn:a').map((child) => child.text),
      ['1', '3'],
    );
    assert.equal(firstChild(root, 'n', 'urn:b')?.text, ' 2 ');
    assert.equal(firstChild(root, 'n', 'urn:c'), undefined);
    assert.equal(firstChild(root, 'x'), undefined);
  });

  it('childText trims, and is undefined without such a child', () => {
    assert.equal(childText(root, 'n', 'urn:b'), '2');
    assert.equal(childText(root, 'm'), '');
    assert.equal(childText(root, 'zz'), undefined);
  });

  it('describeElement names the element, with its identifying attribute when it has one', () => {
    const site = parseXmlTree('<site name="Shop" id="2"/>', 'f.xml');
    assert.equal(describeElement(site, 'name'), '<site name="Shop">');
    assert.equal(describeElement(site, 'path'), '<site>');
    assert.equal(describeElement(site), '<site>');
  });
});
