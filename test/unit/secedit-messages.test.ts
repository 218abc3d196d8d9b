import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import { parseSecurityTemplateText } from '../../src/parse/secedit-inf';
import { inputErrorFrom } from '../helpers/errors';

/** Security templates: exact messages for each rejection, quoting rules, and sections after [Privilege Rights]. */

const FILE = 'GptTmpl.inf';

const errorFrom = (text: string): InputError => inputErrorFrom(() => parseSecurityTemplateText(text, FILE));

const RIGHTS = '[Privilege Rights]\r\n';

describe('security templates: messages and edges', () => {
  it('each rejection says what was expected, exactly', () => {
    assert.equal(
      errorFrom('Unicode=yes\r\n').message,
      'GptTmpl.inf (line 1): expected a section header such as [Unicode] or [Privilege Rights] before the first setting, found "Unicode=yes"',
    );
    assert.equal(
      errorFrom('; only a comment\r\n').message,
      'GptTmpl.inf (line 1): expected a security template with section headers such as [Privilege Rights], found only comment lines',
    );
    assert.equal(
      errorFrom('[Unicode]\r\n\u001b[31m\r\n').message,
      'GptTmpl.inf (line 2): expected text (a security template is a text INF file), found the control character U+001B (a binary or corrupt file)',
    );
    assert.equal(
      errorFrom('[Privilege Rights\r\n').message,
      'GptTmpl.inf (line 1): expected a section header like [Privilege Rights], found "[Privilege Rights"',
    );
    assert.equal(errorFrom('[]\r\n').expected, 'a section header like [Privilege Rights]');
    assert.equal(
      errorFrom(`${RIGHTS}SeNetworkLogonRight\r\n`).message,
      'GptTmpl.inf (line 2): expected a right assignment like "SeNetworkLogonRight = *S-1-5-11,*S-1-5-32-544" in [Privilege Rights], found "SeNetworkLogonRight"',
    );
    assert.equal(
      errorFrom(`${RIGHTS} = *S-1-5-11\r\n`).message,
      'GptTmpl.inf (line 2): expected a right name before "=", found " = *S-1-5-11"',
    );
    assert.equal(
      errorFrom(`${RIGHTS}"SeNetwork"LogonRight = x\r\n`).expected,
      'a right name either quoted as a whole ("...") or without quotes',
    );
    assert.equal(
      errorFrom(`${RIGHTS}SeNetworkLogonRight = *S-1-5-11,"a"b\r\n`).message,
      'GptTmpl.inf (line 2): expected an account entry either quoted as a whole ("...") or without quotes, found "\\"a\\"b"',
    );
  });

  it('a quote must open and close an entry: a lone quote, a trailing one or an opening one are refused', () => {
    for (const entry of ['"', 'abc"', '"abc', 'a"b', '"a"b"']) {
      assert.equal(
        errorFrom(`${RIGHTS}SeNetworkLogonRight = ${entry}\r\n`).expected,
        'an account entry either quoted as a whole ("...") or without quotes',
        entry,
      );
    }
  });

  it('a quoted entry is trimmed inside and "" is a literal quote', () => {
    const template = parseSecurityTemplateText(
      `${RIGHTS}SeNetworkLogonRight = " Web Admins ","say ""hi""",""\r\n`,
      FILE,
    );
    assert.deepEqual(template.privilegeRights?.get('SeNetworkLogonRight')?.holders, [
      { kind: 'name', name: 'Web Admins', written: 'Web Admins' },
      { kind: 'name', name: 'say "hi"', written: 'say "hi"' },
    ]);
  });

  it('lines of sections after [Privilege Rights] are not read as rights', () => {
    const template = parseSecurityTemplateText(
      `[Unicode]\r\nUnicode=yes\r\n${RIGHTS}SeBatchLogonRight = *S-1-5-32-544\r\n[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n[Registry Values]\r\nMACHINE\\x=4,1\r\nnot an assignment\r\n`,
      FILE,
    );
    assert.deepEqual([...(template.privilegeRights?.keys() ?? [])], ['SeBatchLogonRight']);
    assert.deepEqual(template.sections, ['Unicode', 'Privilege Rights', 'Version', 'Registry Values']);
    assert.deepEqual(template.diagnostics, []);
  });

  it('warns about an unknown right and a right assigned twice, with exact messages', () => {
    const template = parseSecurityTemplateText(
      `${RIGHTS}SeMadeUpRight = *S-1-1-0\r\nsenetworklogonright = *S-1-1-0\r\nSeNetworkLogonRight = *S-1-5-11\r\n`,
      FILE,
    );
    assert.deepEqual(template.diagnostics, [
      {
        code: 'unknown-right',
        severity: 'warning',
        message:
          '"SeMadeUpRight" in [Privilege Rights] is not a known user right or privilege; kept as written and not evaluated',
        file: FILE,
        line: 2,
      },
      {
        code: 'duplicate-right',
        severity: 'warning',
        message: 'SeNetworkLogonRight is assigned on line 3 and again on line 4; the later line is used',
        file: FILE,
        line: 4,
      },
    ]);
    assert.deepEqual([...(template.privilegeRights?.keys() ?? [])], ['SeMadeUpRight', 'SeNetworkLogonRight']);
  });
});
