import assert from 'node:assert/strict';
import { parseAccountsJson, parseJsonText } from '../../src/parse/accounts-json';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { decodeText } from '../../src/parse/decode';
import { parseGroupPolicyXmlText } from '../../src/parse/gpresult';
import { parseRsopJson, parseRsopJsonText } from '../../src/parse/rsop-json';
import { parseSecurityTemplateText } from '../../src/parse/secedit-inf';
import { loadFactsDocument } from '../../src/io/snapshot';
import { MINIMAL_APPLICATION_HOST, MINIMAL_SECEDIT } from '../helpers/cli';
import { assertAcceptableError } from './harness';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { renderFindingsTable } from '../../src/render/findings-table';
import { accounts, iis, LOCAL_ANON, scope, template, WEB01 } from '../helpers/builders';
import { inputErrorFrom } from '../helpers/errors';

/** Bugs the fuzz suite found, each pinned by the smallest input that showed it. */

function utf16leWithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

describe('fuzz regressions', () => {
  it('regression: bytes invalid in their encoding were reported without a line', () => {
    // Line 3 of a UTF-8 file holds a byte that starts no UTF-8 sequence.
    const utf8 = Buffer.concat([
      Buffer.from('[Unicode]\r\nUnicode=yes\r\nSe'),
      Buffer.from([0xff]),
      Buffer.from('x = *S-1-1-0\r\n'),
    ]);
    assert.deepEqual(inputErrorFrom(() => decodeText(utf8, 'secedit.inf')).location, { line: 3 });
    // A UTF-16LE file cut in the middle of its fourth line's last character.
    const cut = utf16leWithBom('a\r\nb\nc\rd');
    assert.deepEqual(inputErrorFrom(() => decodeText(cut.subarray(0, cut.length - 1), 'secedit.inf')).location, {
      line: 4,
    });
    // A lone surrogate in UTF-16BE on line 2.
    const big = Buffer.concat([Buffer.from([0xfe, 0xff, 0x00, 0x61, 0x00, 0x0a, 0xd8, 0x00, 0x00, 0x62])]);
    assert.deepEqual(inputErrorFrom(() => decodeText(big, 'x')).location, { line: 2 });
  });

  it('the invalid sequence is found past a U+FFFD the file itself contains', () => {
    const bytes = Buffer.concat([Buffer.from('ok \uFFFD here\nand\n'), Buffer.from([0xc3]), Buffer.from('\n')]);
    const error = inputErrorFrom(() => decodeText(bytes, 'f'));
    assert.deepEqual(error.location, { line: 3 });
    assertAcceptableError(error, 'f');
  });

  it('regression: an INF of only comments was rejected without naming a line', () => {
    const error = inputErrorFrom(() =>
      parseSecurityTemplateText('\r\n\r\n; exported by hand\r\n; nothing else\r\n', 'GptTmpl.inf'),
    );
    assert.deepEqual(error.location, { line: 3 });
    assert.match(error.message, /^GptTmpl\.inf \(line 3\): expected a security template with section headers/);
  });

  it('regression: an XML error at the start of a line was reported at column 0', () => {
    const error = inputErrorFrom(() =>
      parseApplicationHostConfig('<configuration>\n<system.applicationHost>\n', 'applicationHost.config'),
    );
    assert.deepEqual(error.location, { line: 3 });
    assert.match(error.message, /^applicationHost\.config \(line 3\): expected well-formed XML/);
    const inside = inputErrorFrom(() =>
      parseApplicationHostConfig('<configuration>\n</sites>', 'applicationHost.config'),
    );
    assert.deepEqual(inside.location, { line: 2, column: 8 });
  });

  it('regression: JSON syntax errors V8 gives no position for were reported without a line', () => {
    // "Unexpected token" and "Unexpected end of JSON input" carry no position on Node 20.
    const token = inputErrorFrom(() => parseJsonText('{\n  "accounts": [\n    {"name": x}\n  ]\n}', 'accounts.json'));
    assert.deepEqual(token.location, { line: 3, column: 14 });
    assert.equal(token.found, '"x"');
    const end = inputErrorFrom(() => parseJsonText('{\n  "accounts": [\n', 'accounts.json'));
    assert.deepEqual(end.location, { line: 3, column: 1 });
    assert.equal(end.found, 'the end of the text');
    const rsop = inputErrorFrom(() => parseRsopJsonText('[\n  {"right": tru', 'rsop.json'));
    assert.deepEqual(rsop.location, { line: 2, column: 16 });
  });

  it("regression: V8's quote of the input put line breaks into JSON error messages", () => {
    const error = inputErrorFrom(() => parseJsonText('{\n "a": &\n}', 'accounts.json'));
    assert.doesNotMatch(error.message, /[\r\n]/);
    assert.equal(error.message, 'accounts.json (line 2, column 7): expected valid JSON: a value, found "&"');
    const control = inputErrorFrom(() => parseJsonText('[\u0001]', 'host.json'));
    // excerpt() shows the control character as \x01 and then quotes it as JSON.
    assert.equal(
      control.message,
      'host.json (line 1, column 2): expected valid JSON: a value or \']\', found "\\\\x01"',
    );
  });

  it('regression: a huge or multi-line JSON property name made an unbounded, multi-line message', () => {
    const name = `a\nb${'x'.repeat(100_000)}`;
    const schemaError = inputErrorFrom(() => parseAccountsJson({ accounts: [], [name]: 1 }, 'accounts.json'));
    assertAcceptableError(schemaError, 'accounts.json');
    assert.match(
      schemaError.message,
      /^accounts\.json \(at \/a\\x0abx+\.\.\.\): expected only the documented properties \(no "a\\\\x0abx+\.\.\."\), found property "a\\\\x0abx+\.\.\."$/,
    );
    assert.equal(
      schemaError.location.pointer,
      `/${name}`,
      'the location keeps the whole pointer; only the message shortens it',
    );
    assert.ok(schemaError.message.length < 700, `message of ${schemaError.message.length} characters`);
    const rsopError = inputErrorFrom(() =>
      parseRsopJson(
        [{ right: 'SeNetworkLogonRight', accounts: [], precedence: 1, gpoId: 'LocalGPO', [name]: 1 }],
        'rsop.json',
      ),
    );
    assertAcceptableError(rsopError, 'rsop.json');
  });

  it('regression: a huge element name made an unbounded message', () => {
    const error = inputErrorFrom(() => parseGroupPolicyXmlText(`<${'R'.repeat(50_000)}/>`, 'gpresult.xml'));
    assertAcceptableError(error, 'gpresult.xml');
    assert.match(error.message, /element <R{399}\.\.\./);
  });

  it('regression: a facts document without an IIS file blamed its own "name" instead of stdin', () => {
    const facts = JSON.stringify({ name: 'WEB01', files: { 'secedit.inf': MINIMAL_SECEDIT } });
    const error = inputErrorFrom(() => loadFactsDocument(Buffer.from(facts), 'stdin'));
    assert.equal(error.file, 'stdin');
    assert.deepEqual(error.location, { pointer: '/files' });
    assert.match(
      error.message,
      /^stdin \(at \/files\): expected applicationHost\.config \(IIS 7\+\) or MetaBase\.xml \(IIS 6\), found neither \(files: secedit\.inf\)$/,
    );
  });

  it('regression: an inline artifact over its size limit was reported without a location', () => {
    const facts = JSON.stringify({
      files: {
        'secedit.inf': MINIMAL_SECEDIT,
        'applicationHost.config': MINIMAL_APPLICATION_HOST,
        'host.json': ' '.repeat(1024 * 1024 + 1),
      },
    });
    const error = inputErrorFrom(() => loadFactsDocument(Buffer.from(facts), 'stdin'));
    assert.equal(error.message, 'stdin (at /files/host.json): expected a host.json of at most 1 MiB, found 1.0 MiB');
  });

  it('regression: a table cell of thousands of carriage returns, tabs or wide characters took minutes to draw, and control characters reached the terminal', () => {
    // Found by the facts fuzz suite: cli-table3 (since replaced) measured and truncated a cell a
    // character at a time, so a site name of 8,000 carriage returns took about 100 s to draw.
    const hostile = ['a\r'.repeat(4000), 'b\t'.repeat(4000), '\u4e00'.repeat(8000), '\u001b]0;owned\u0007'];
    const snapshot = {
      name: 'WEB01',
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
      iis: iis(hostile.map((site) => scope({ site, userName: 'WEB01\\anon' }))),
      groupPolicy: [],
      accounts: accounts(LOCAL_ANON),
      host: WEB01,
    };
    // Wide enough that no cell wraps, so the escapes are checked whole.
    const table = renderFindingsTable(
      'WEB01',
      judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] }).evaluation,
      { color: false, width: 2000 },
    );
    assert.doesNotMatch(table, /[\r\t\u0007\u001b]/);
    assert.match(table, /a\\ra\\r/);
    assert.match(table, /\\x1B\]0;owned\\x07/);
    assert.match(table, /\.\.\. \(7488 more characters\)/);
  });
});
