import fc from 'fast-check';
import { MAX_XML_DEPTH } from '../../src/core/limits';
import { readXmlEvents, withHostXmlTokenizer } from '../../src/parse/xml-events';

// Generated XML documents for holding a host's XML tokenizer to saxes (src/parse/xml-events.ts):
// mostly well-formed, with the constructs where two tokenizers could read the same text
// differently (attribute value normalisation, the three kinds of line break, character and
// entity references, CDATA, comments and processing instructions, namespace prefixes, start
// tags split over lines, a BOM, XML declarations), and now and then a piece that is not
// well-formed, so both branches are exercised.

const NAMES = ['a', 'site', 'application', 'virtualDirectory', '_x', 'A.b-c', 'p:item', 'q:item', 'xmlns', 'n\u00e9'];
const BAD_NAMES = ['1a', '-a', 'a b', 'p:', ':a'];

/** Pieces of attribute values and text, each written as it appears in the document. */
const VALUE_PIECES = [
  'plain',
  'two words',
  ' ',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&#10;',
  '&#x9;',
  '&#13;',
  '&#xD;&#xA;',
  '&#x1F600;',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '>',
  '\u00e9',
  '\ud83d\ude00',
  '%SystemDrive%\\inetpub',
  '\u2028',
  '\u0085',
];
const BAD_VALUE_PIECES = ['<', '&', '&bogus;', '&#0;', '&#x1;', '&#xD800;', '\u0001', '\ufffe'];
const BAD_TEXT_PIECES = ['<', '&', ']]>', '&bogus;', '&#0;', '\u0001'];
const SPACES = [' ', '  ', '\n', '\r\n', '\r', '\t', ' \r\n  '];

interface Element {
  name: string;
  attributes: { name: string; value: string[]; quote: string; before: string }[];
  beforeEnd: string;
  selfClosing: boolean;
  children: Child[];
}
type Child = { element: Element } | { text: string };

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
/** Mostly good, sometimes bad (about one time in `odds`). */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>, odds = 40) =>
  fc.oneof({ weight: odds, arbitrary: good }, { weight: 1, arbitrary: bad });

const name = mostly(pick(NAMES), pick(BAD_NAMES), 100);
const value = fc.array(mostly(pick(VALUE_PIECES), pick(BAD_VALUE_PIECES), 100), { maxLength: 4 });
const attribute = fc.record({
  name,
  value,
  quote: fc.constantFrom('"', "'"),
  before: pick(SPACES),
});
const miscellany = mostly(
  pick([
    '<!-- a comment -->',
    '<!--\r\nover lines\n-->',
    '<?pi some data?>',
    '<?xml-stylesheet href="a"?>',
    '<![CDATA[ <raw> & ]] ]]>',
    '<![CDATA[line\r\nbreak]]>',
  ]),
  pick(['<!-- a -- b -->', '<?XML no?>', '<?pi']),
  10,
);
const text = fc
  .array(
    fc.oneof(
      { weight: 60, arbitrary: pick(VALUE_PIECES) },
      { weight: 12, arbitrary: pick(SPACES) },
      { weight: 9, arbitrary: miscellany },
      { weight: 1, arbitrary: pick(BAD_TEXT_PIECES) },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((pieces) => pieces.join(''));

const element: fc.Arbitrary<Element> = fc.letrec<{ element: Element; child: Child }>((tie) => ({
  element: fc.record({
    name,
    attributes: fc.array(attribute, { maxLength: 3 }),
    beforeEnd: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: pick(SPACES) }),
    selfClosing: fc.boolean(),
    children: fc.array(tie('child'), { maxLength: 4 }),
  }),
  // At the depth limit oneof takes its first arbitrary: text, which ends the recursion.
  child: fc.oneof(
    { maxDepth: 5, depthIdentifier: 'xml' },
    { weight: 3, arbitrary: text.map((inner) => ({ text: inner })) },
    { weight: 2, arbitrary: tie('element').map((inner) => ({ element: inner })) },
  ),
})).element;

const declaration = mostly(
  pick([
    '',
    '',
    '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<?xml version='1.0' encoding='utf-16' standalone='yes'?>\r\n",
    '<?xml version="1.0" standalone="no" ?>\n',
  ]),
  pick([
    '<?xml version="1.1"?>',
    '<?xml  version="1.0"?>',
    '<?xml version="1.0" encoding="9x"?>',
    ' <?xml version="1.0"?>',
  ]),
  10,
);
const namespaceDeclarations = fc.constantFrom('', ' xmlns:p="urn:p"', ' xmlns="urn:d" xmlns:p="urn:p"', ' xmlns:q=""');

function serialise(node: Element, extra = ''): string {
  const attributes = node.attributes
    .map(
      (item) =>
        `${item.before}${item.name}=${item.quote}${item.value.join('').split(item.quote).join('')}${item.quote}`,
    )
    .join('');
  const open = `<${node.name}${attributes.length > 0 ? attributes : ''}${extra}${node.beforeEnd}`;
  if (node.selfClosing && node.children.length === 0) return `${open}/>`;
  const inner = node.children.map((child) => ('element' in child ? serialise(child.element) : child.text)).join('');
  return `${open}>${inner}</${node.name}>`;
}

/** A generated document, well-formed most of the time. */
export const generatedXmlDocument: fc.Arbitrary<string> = fc
  .record({
    bom: fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('\ufeff') }),
    declaration,
    before: fc.constantFrom('', '\n', '<!-- head -->\r\n', '<?pi x?>\n'),
    root: element,
    namespaces: namespaceDeclarations,
    after: mostly(
      pick(['', '\n', '\r\n<!-- tail -->', '<?pi y?>']),
      pick([' <second/>', 'text', '&bogus;', '&amp;']),
      10,
    ),
  })
  .map(({ bom, declaration: xml, before, root, namespaces, after }) => {
    return `${bom}${xml}${before}${serialise(root, namespaces)}${after}`;
  });

/** Truncations and single-character edits of a document, to reach errors anywhere. */
export const damagedXmlDocument: fc.Arbitrary<string> = fc
  .record({
    document: generatedXmlDocument,
    at: fc.nat(),
    edit: fc.constantFrom('truncate', 'delete', '<', '>', '&', '"', "'", '/', '=', ' ', '\u0000', 'x'),
  })
  .map(({ document, at, edit }) => {
    const index = document.length === 0 ? 0 : at % document.length;
    if (edit === 'truncate') return document.slice(0, index);
    if (edit === 'delete') return document.slice(0, index) + document.slice(index + 1);
    return document.slice(0, index) + edit + document.slice(index);
  });

/**
 * A document's events as saxes delivers them, in the host's encoding (deliverHostEvents in
 * xml-events.ts) with runs of text merged, or the saxes error's message. The depth header is
 * the deepest element. The engine's depth limit applies (saxes with namespaces slows down
 * quadratically with depth past it); the engine never takes a host's answer deeper than that.
 */
export function saxesEncoding(text: string, namespaces: boolean, keepText: boolean): string {
  const fields: string[] = [];
  let depth = 0;
  let deepest = 0;
  try {
    // saxes itself, even when a stand-in host tokenizer (which calls this) is in force.
    withHostXmlTokenizer(undefined, () =>
      readXmlEvents(
        text,
        'doc.xml',
        { namespaces, maxDepth: MAX_XML_DEPTH },
        {
          open: (tag) => {
            depth++;
            deepest = Math.max(deepest, depth);
            fields.push('S', tag.name);
            if (namespaces) fields.push(tag.uri);
            const names = Object.keys(tag.attributes);
            fields.push(String(names.length));
            for (const key of names) fields.push(key, tag.attributes[key]!);
            fields.push(String(tag.line));
          },
          close: () => {
            depth--;
            fields.push('E');
          },
          ...(keepText ? { text: (chunk: string) => void fields.push('T', chunk) } : {}),
        },
      ),
    );
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
  return mergeText([String(deepest), ...fields].map((field) => `${field}\u0000`).join(''), namespaces);
}

/** The same encoding with consecutive text records merged and empty ones dropped. */
export function mergeText(encoded: string, namespaces: boolean): string {
  const fields = encoded.split('\u0000');
  const out: string[] = [fields[0]!];
  let index = 1;
  while (index < fields.length - 1) {
    const kind = fields[index]!;
    if (kind === 'T') {
      let merged = '';
      while (fields[index] === 'T') {
        merged += fields[index + 1]!;
        index += 2;
      }
      if (merged !== '') out.push('T', merged);
      continue;
    }
    if (kind === 'E') {
      out.push('E');
      index++;
      continue;
    }
    // S, name, (uri), count, pairs, line.
    const head = namespaces ? 3 : 2;
    const count = Number(fields[index + head]);
    const length = head + 1 + 2 * count + 1;
    out.push(...fields.slice(index, index + length));
    index += length;
  }
  return out.map((field) => `${field}\u0000`).join('');
}
