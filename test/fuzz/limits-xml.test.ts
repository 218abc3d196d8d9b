import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import { MAX_INF_LINE_LENGTH, MAX_XML_DEPTH } from '../../src/core/limits';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { parseGroupPolicyXml, parseGroupPolicyXmlText } from '../../src/parse/gpresult';
import { parseMetabase } from '../../src/parse/metabase';
import { parseSecurityTemplate, parseSecurityTemplateText } from '../../src/parse/secedit-inf';
import { MINIMAL_APPLICATION_HOST, utf16le } from '../helpers/cli';
import { assertAcceptableError } from './harness';
import { inputErrorFrom } from '../helpers/errors';

/**
 * The XML and INF limits of src/core/limits.ts at their boundaries: DOCTYPEs refused before the
 * parser sees them, element depth and INF line length.
 */

const MINIMAL_METABASE = `<?xml version ="1.0"?>
<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">
<MBProperty>
<IIsWebServer Location="/LM/W3SVC/1" ServerComment="Default Web Site"></IIsWebServer>
<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT" AnonymousUserName="WEB01\\IUSR_WEB01" AuthFlags="AuthAnonymous"></IIsWebVirtualDir>
</MBProperty>
</configuration>
`;

const RSOP = 'http://www.microsoft.com/GroupPolicy/Rsop';
const SETTINGS = 'http://www.microsoft.com/GroupPolicy/Settings';
const MINIMAL_GPRESULT = `<?xml version="1.0" encoding="utf-16"?>\n<Rsop xmlns="${RSOP}">\n<ComputerResults></ComputerResults>\n</Rsop>\n`;
const MINIMAL_GPO_REPORT = `<?xml version="1.0" encoding="utf-8"?>\n<GPO xmlns="${SETTINGS}">\n<Identifier><Identifier xmlns="http://www.microsoft.com/GroupPolicy/Types">{31B2F340-016D-11D2-945F-00C04FB984F9}</Identifier></Identifier>\n<Name>Default Domain Policy</Name>\n</GPO>\n`;

/** Every XML parser, by the name it reports, with a minimal document it accepts. */
const XML_PARSERS: { name: string; minimal: string; parse: (text: string) => unknown }[] = [
  {
    name: 'applicationHost.config',
    minimal: MINIMAL_APPLICATION_HOST,
    parse: (text) => parseApplicationHostConfig(text, 'applicationHost.config'),
  },
  { name: 'MetaBase.xml', minimal: MINIMAL_METABASE, parse: (text) => parseMetabase(text, 'MetaBase.xml') },
  { name: 'gpresult.xml', minimal: MINIMAL_GPRESULT, parse: (text) => parseGroupPolicyXmlText(text, 'gpresult.xml') },
  {
    name: 'gpo-report.xml',
    minimal: MINIMAL_GPO_REPORT,
    parse: (text) => parseGroupPolicyXmlText(text, 'gpo-report.xml'),
  },
];

/** Puts `inner` right after the root element's start tag. */
function insideRoot(document: string, inner: string): string {
  const root = document.search(/<[A-Za-z]/);
  const end = document.indexOf('>', root) + 1;
  return document.slice(0, end) + inner + document.slice(end);
}

/** Puts a DOCTYPE after the XML declaration (or first), as a hostile file would. */
function withDoctype(document: string, doctype: string): string {
  const declaration = /^<\?xml[^>]*\?>\r?\n?/.exec(document);
  const at = declaration === null ? 0 : declaration[0].length;
  return `${document.slice(0, at)}${doctype}\n${document.slice(at)}`;
}

function billionLaughs(): string {
  const entities = ['<!ENTITY lol "lol">'];
  for (let level = 1; level <= 9; level++)
    entities.push(`<!ENTITY lol${level} "${`&lol${level - 1 === 0 ? '' : level - 1};`.repeat(10)}">`);
  return `<!DOCTYPE lolz [${entities.join('')}]>`;
}

describe('limits', () => {
  describe('DOCTYPE and entity declarations, refused before any expansion', () => {
    const doctypes: [string, string][] = [
      ['a billion-laughs internal subset', billionLaughs()],
      ['an external DTD', '<!DOCTYPE configuration SYSTEM "file:///etc/passwd">'],
      ['an external entity', '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'],
      ['a parameter entity', '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1/evil.dtd"> %p;]>'],
    ];
    for (const parser of XML_PARSERS) {
      for (const [what, doctype] of doctypes) {
        it(`${parser.name}: ${what}`, () => {
          const error = inputErrorFrom(() => parser.parse(withDoctype(parser.minimal, doctype)));
          assertAcceptableError(error, parser.name);
          assert.equal(error.expected, 'no DOCTYPE (DTDs and entity declarations are not accepted)');
          assert.deepEqual(error.location, { line: parser.minimal.startsWith('<?xml') ? 2 : 1 });
        });
      }
      it(`${parser.name}: an entity reference with no declaration is an error, not an expansion`, () => {
        const error = inputErrorFrom(() => parser.parse(insideRoot(parser.minimal, '<x a="&lol9;"/>')));
        assert.equal(error.expected, 'well-formed XML');
        assert.match(error.found, /undefined entity/);
      });
      it(`${parser.name}: a DOCTYPE after a BOM, comments and processing instructions, or after the root`, () => {
        const prolog = `\uFEFF<?xml version="1.0"?>\r\n<!-- a comment with <!DOCTYPE inside -->\r\n<?pi data?>\r\n<!DOCTYPE r [<!ENTITY a "b">]>\r\n`;
        const afterProlog = inputErrorFrom(() => parser.parse(prolog + parser.minimal.replace(/^<\?xml[^>]*\?>/, '')));
        assert.deepEqual(afterProlog.location, { line: 4 });
        const afterRoot = inputErrorFrom(() => parser.parse(`${parser.minimal}<!DOCTYPE r>`));
        assert.match(afterRoot.found, /doctype/i);
      });
    }

    // No wall-clock bound here: a loaded CI machine made it flaky. The suite's timeout is the
    // runaway guard; the bench suite owns speed.
    it('refuses a DOCTYPE with a 20 MB internal subset', () => {
      const huge = withDoctype(MINIMAL_APPLICATION_HOST, `<!DOCTYPE c [<!ENTITY a "${'A'.repeat(20_000_000)}">]>`);
      const error = inputErrorFrom(() => parseApplicationHostConfig(huge, 'applicationHost.config'));
      assert.equal(error.expected, 'no DOCTYPE (DTDs and entity declarations are not accepted)');
      assert.deepEqual(error.location, { line: 2 });
    });

    it('refuses a DOCTYPE in UTF-16 Group Policy bytes too', () => {
      const error = inputErrorFrom(() =>
        parseGroupPolicyXml(utf16le(withDoctype(MINIMAL_GPRESULT, billionLaughs())), 'gpresult.xml'),
      );
      assert.match(error.message, /^gpresult\.xml \(line 2\): expected no DOCTYPE/);
    });
  });

  describe(`XML depth (at most ${MAX_XML_DEPTH})`, () => {
    for (const parser of XML_PARSERS) {
      it(`${parser.name}: ${MAX_XML_DEPTH} levels are read, ${MAX_XML_DEPTH + 1} refused with the line`, () => {
        // The root is level 1, so MAX_XML_DEPTH - 1 elements inside it reach the limit exactly.
        const nested = (levels: number): string => `\n${'<n>'.repeat(levels)}${'</n>'.repeat(levels)}`;
        assert.doesNotThrow(() => parser.parse(insideRoot(parser.minimal, nested(MAX_XML_DEPTH - 1))));
        const error = inputErrorFrom(() => parser.parse(insideRoot(parser.minimal, nested(MAX_XML_DEPTH))));
        assertAcceptableError(error, parser.name);
        assert.equal(error.expected, `elements nested at most ${MAX_XML_DEPTH} deep`);
        assert.equal(error.found, `element <n> at depth ${MAX_XML_DEPTH + 1}`);
        assert.equal(
          error.location.line,
          parser.minimal.slice(0, parser.minimal.search(/<[A-Za-z]/)).split('\n').length + 1,
        );
      });
    }

    it('refuses 100,000 levels without recursion', () => {
      const error = inputErrorFrom(() =>
        parseApplicationHostConfig(
          insideRoot(MINIMAL_APPLICATION_HOST, `${'<n>'.repeat(100_000)}${'</n>'.repeat(100_000)}`),
          'applicationHost.config',
        ),
      );
      assert.equal(error.expected, `elements nested at most ${MAX_XML_DEPTH} deep`);
    });
  });

  describe(`INF line length (at most ${MAX_INF_LINE_LENGTH} characters)`, () => {
    const header = '[Unicode]\rUnicode=yes\r[Privilege Rights]\r';

    it('reads a line of exactly the limit and refuses one character more, naming its line', () => {
      const right = 'SeNetworkLogonRight = ';
      const entries = (length: number): string =>
        `${right}${'*S-1-5-11,'.repeat(Math.floor((length - right.length) / 10))}`.padEnd(length, ' ');
      const atLimit = parseSecurityTemplateText(`${header}${entries(MAX_INF_LINE_LENGTH)}\r`, 'secedit.inf');
      assert.ok((atLimit.privilegeRights?.get('SeNetworkLogonRight')?.holders.length ?? 0) > 100_000);
      const error = inputErrorFrom(() =>
        parseSecurityTemplateText(`${header}${entries(MAX_INF_LINE_LENGTH + 1)}\r`, 'secedit.inf'),
      );
      assert.deepEqual(error.location, { line: 4 });
      assert.equal(error.expected, `lines of at most ${MAX_INF_LINE_LENGTH} characters`);
      assert.equal(error.found, `a line of ${MAX_INF_LINE_LENGTH + 1} characters`);
    });

    it('counts characters, not bytes: a UTF-16LE line of the limit is read', () => {
      const line = `; ${'é'.repeat(MAX_INF_LINE_LENGTH - 2)}`;
      assert.doesNotThrow(() => parseSecurityTemplate(utf16le(`${header}${line}\r\n`), 'secedit.inf'));
      assert.throws(
        () => parseSecurityTemplate(utf16le(`${header}${line}é\r\n`), 'secedit.inf'),
        (error: unknown) => error instanceof InputError && error.location.line === 4,
      );
    });
  });
});
