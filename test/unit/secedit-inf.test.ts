import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { MAX_INF_LINE_LENGTH } from '../../src/core/limits';
import type { PolicyHolder, RightAssignment, SecurityTemplate } from '../../src/core/model';
import { parseSecurityTemplate, parseSecurityTemplateText } from '../../src/parse/secedit-inf';
import { listShared, readShared, skipUnlessShared } from '../helpers/shared';
import { inputErrorFrom } from '../helpers/errors';

const FILE = 'secedit.inf';

function parse(text: string): SecurityTemplate {
  return parseSecurityTemplateText(text, FILE);
}

function rightsOf(template: SecurityTemplate): Map<string, RightAssignment> {
  assert.ok(template.privilegeRights, `${template.file} has no [Privilege Rights] section`);
  return template.privilegeRights;
}

function assignment(template: SecurityTemplate, right: string): RightAssignment {
  const found = rightsOf(template).get(right);
  assert.ok(found, `${right} is not defined in ${template.file}`);
  return found;
}

function sidsOf(holders: readonly PolicyHolder[]): string[] {
  return holders.flatMap((holder) => (holder.kind === 'sid' ? [holder.sid] : []));
}

function namesOf(holders: readonly PolicyHolder[]): string[] {
  return holders.flatMap((holder) => (holder.kind === 'name' ? [holder.name] : []));
}

function sortedSids(template: SecurityTemplate, right: string): string[] {
  return sidsOf(assignment(template, right).holders).sort();
}

function template(...privilegeLines: string[]): string {
  return [
    '[Unicode]',
    'Unicode=yes',
    '[Privilege Rights]',
    ...privilegeLines,
    '[Version]',
    'signature="$CHICAGO$"',
    'Revision=1',
    '',
  ].join('\r\n');
}

function utf16leWithBom(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

describe('security template parser (secedit /export, GptTmpl.inf)', () => {
  describe('corpus files', function () {
    before(function () {
      skipUnlessShared(this, 'secedit-inf corpus tests');
    });

    const parseCorpus = (name: string): SecurityTemplate =>
      parseSecurityTemplate(readShared('corpus', 'secedit-inf', name), name);

    it('parses every file, each with a [Privilege Rights] section of known rights and no diagnostics', () => {
      const names = listShared('corpus', 'secedit-inf');
      assert.ok(names.length >= 14, `expected the 14 corpus files, found ${names.length}`);
      for (const name of names) {
        const parsed = parseCorpus(name);
        assert.equal(parsed.file, name);
        assert.deepEqual(parsed.diagnostics, [], name);
        const rights = rightsOf(parsed);
        assert.ok(rights.size >= 20, `${name}: only ${rights.size} rights`);
        for (const [key, value] of rights) {
          assert.equal(value.right, key, name);
          assert.ok(typeof value.line === 'number' && value.line > 1, `${name}: ${key} has no line`);
        }
      }
    });

    it('disa-ws2019-ms-2022q2 (UTF-16LE): denies network logon to Guests and Local account, defines an empty service-logon deny', () => {
      const name = 'disa-ws2019-ms-2022q2.GptTmpl.inf';
      const bytes = readShared('corpus', 'secedit-inf', name);
      assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe], 'the file is UTF-16LE with a BOM');
      const parsed = parseCorpus(name);
      assert.deepEqual(parsed.sections, ['Unicode', 'System Access', 'Registry Values', 'Version', 'Privilege Rights']);
      assert.deepEqual(sortedSids(parsed, 'SeDenyNetworkLogonRight'), ['S-1-5-113', 'S-1-5-32-546']);
      assert.equal(assignment(parsed, 'SeDenyNetworkLogonRight').line, 74);
      assert.deepEqual(assignment(parsed, 'SeDenyServiceLogonRight').holders, []);
      assert.deepEqual(sortedSids(parsed, 'SeNetworkLogonRight'), ['S-1-5-11', 'S-1-5-32-544']);
      assert.equal(rightsOf(parsed).has('SeBatchLogonRight'), false);
      assert.equal(rightsOf(parsed).has('SeServiceLogonRight'), false);
    });

    it('disa-ws2019-ms-2021q3-placeholders: keeps the unresolvable placeholder names beside the SIDs', () => {
      const parsed = parseCorpus('disa-ws2019-ms-2021q3-placeholders.GptTmpl.inf');
      assert.deepEqual(assignment(parsed, 'SeDenyNetworkLogonRight').holders, [
        { kind: 'name', name: 'ADD YOUR DOMAIN ADMINS', written: 'ADD YOUR DOMAIN ADMINS' },
        { kind: 'name', name: 'ADD YOUR ENTERPRISE ADMINS', written: 'ADD YOUR ENTERPRISE ADMINS' },
        { kind: 'sid', sid: 'S-1-5-32-546', written: '*S-1-5-32-546' },
        { kind: 'sid', sid: 'S-1-5-113', written: '*S-1-5-113' },
      ]);
      const serviceDeny = assignment(parsed, 'SeDenyServiceLogonRight').holders;
      assert.deepEqual(namesOf(serviceDeny), ['ADD YOUR DOMAIN ADMINS', 'ADD YOUR ENTERPRISE ADMINS']);
      assert.deepEqual(sidsOf(serviceDeny), []);
    });

    it('msft-ws1909-member-server: denies network logon to S-1-5-114 only and leaves batch logon undefined', () => {
      const parsed = parseCorpus('msft-ws1909-member-server.GptTmpl.inf');
      assert.deepEqual(assignment(parsed, 'SeDenyNetworkLogonRight').holders, [
        { kind: 'sid', sid: 'S-1-5-114', written: '*S-1-5-114' },
      ]);
      assert.deepEqual(sortedSids(parsed, 'SeNetworkLogonRight'), ['S-1-5-11', 'S-1-5-32-544']);
      for (const right of [
        'SeBatchLogonRight',
        'SeDenyBatchLogonRight',
        'SeServiceLogonRight',
        'SeDenyServiceLogonRight',
      ]) {
        assert.equal(rightsOf(parsed).has(right), false, right);
      }
    });

    it('vdot-2004: the plain name Guest is a network-logon deny holder, and [Version] comes last', () => {
      const parsed = parseCorpus('vdot-2004-lgpo-local-policy.GptTmpl.inf');
      assert.deepEqual(assignment(parsed, 'SeDenyNetworkLogonRight').holders, [
        { kind: 'name', name: 'Guest', written: 'Guest' },
      ]);
      assert.deepEqual(namesOf(assignment(parsed, 'SeInteractiveLogonRight').holders), ['Guest']);
      assert.deepEqual(sortedSids(parsed, 'SeBatchLogonRight'), ['S-1-5-32-544', 'S-1-5-32-551', 'S-1-5-32-559']);
      assert.equal(parsed.sections.at(-1), 'Version');
    });

    it('securitypolicydsc-sample-export (ASCII, LF, no BOM): Everyone, Administrators, Users, Backup Operators hold network logon', () => {
      const name = 'securitypolicydsc-sample-export.inf';
      const bytes = readShared('corpus', 'secedit-inf', name);
      assert.equal(bytes[0], '['.charCodeAt(0), 'no BOM');
      assert.equal(bytes.includes(0x0d), false, 'LF line ends only');
      const parsed = parseCorpus(name);
      assert.deepEqual(sidsOf(assignment(parsed, 'SeNetworkLogonRight').holders), [
        'S-1-1-0',
        'S-1-5-32-544',
        'S-1-5-32-545',
        'S-1-5-32-551',
      ]);
      assert.equal(assignment(parsed, 'SeNetworkLogonRight').line, 97);
      assert.deepEqual(sidsOf(assignment(parsed, 'SeServiceLogonRight').holders), ['S-1-5-80-0']);
      assert.deepEqual(namesOf(assignment(parsed, 'SeDebugPrivilege').holders), ['testuser1']);
      assert.equal(rightsOf(parsed).has('SeDenyNetworkLogonRight'), false);
    });

    it('nsa-shb-win10-draft-stig-2016: plain names Domain Admins / Enterprise Admins, with [Version] before [System Access]', () => {
      const parsed = parseCorpus('nsa-shb-win10-draft-stig-2016.GptTmpl.inf');
      assert.deepEqual(parsed.sections.slice(0, 3), ['Unicode', 'Version', 'System Access']);
      const deny = assignment(parsed, 'SeDenyNetworkLogonRight').holders;
      assert.deepEqual(namesOf(deny), ['Domain Admins', 'Enterprise Admins']);
      assert.deepEqual(sidsOf(deny), ['S-1-5-32-546', 'S-1-5-113']);
    });

    it('gives the same rights for a UTF-16LE CRLF file re-encoded as UTF-8 with LF', () => {
      const name = 'baselinemanagement-tests-sample.GptTmpl.inf';
      const original = parseCorpus(name);
      const text = readShared('corpus', 'secedit-inf', name).subarray(2).toString('utf16le');
      assert.ok(text.includes('\r\n'));
      const converted = parseSecurityTemplate(Buffer.from(text.replaceAll('\r\n', '\n'), 'utf8'), name);
      assert.deepEqual(converted, original);
      assert.deepEqual(sidsOf(assignment(original, 'SeDenyNetworkLogonRight').holders), ['S-1-5-114']);
    });
  });

  describe('line syntax', () => {
    it('accepts any spacing around "=" and ","', () => {
      const expected = [
        { kind: 'sid', sid: 'S-1-5-11', written: '*S-1-5-11' },
        { kind: 'name', name: 'Domain Admins', written: 'Domain Admins' },
        { kind: 'sid', sid: 'S-1-5-32-544', written: '*S-1-5-32-544' },
      ];
      for (const line of [
        'SeNetworkLogonRight=*S-1-5-11,Domain Admins,*S-1-5-32-544',
        'SeNetworkLogonRight = *S-1-5-11,Domain Admins,*S-1-5-32-544',
        '  SeNetworkLogonRight   =   *S-1-5-11 ,  Domain Admins  ,*S-1-5-32-544   ',
        '\tSeNetworkLogonRight\t=\t*S-1-5-11\t,\tDomain Admins\t,\t*S-1-5-32-544\t',
      ]) {
        assert.deepEqual(
          assignment(parse(template(line)), 'SeNetworkLogonRight').holders,
          expected,
          JSON.stringify(line),
        );
      }
    });

    it('gives the same result and line numbers for CRLF, LF, CR and mixed line ends', () => {
      const lines = [
        '[Version]',
        'signature="$CHICAGO$"',
        '',
        '[Privilege Rights]',
        'SeBatchLogonRight = *S-1-5-32-568',
        'SeNetworkLogonRight = *S-1-1-0',
      ];
      const results = [
        lines.join('\r\n'),
        lines.join('\n'),
        lines.join('\r'),
        lines.map((line, i) => line + ['\r\n', '\n', '\r'][i % 3]).join(''),
      ].map(parse);
      for (const result of results) assert.deepEqual(result, results[0]);
      assert.equal(assignment(results[0]!, 'SeBatchLogonRight').line, 5);
      assert.equal(assignment(results[0]!, 'SeNetworkLogonRight').line, 6);
    });

    it('decodes UTF-8 with and without BOM and UTF-16LE with BOM to the same template', () => {
      const text = template(
        'SeDenyNetworkLogonRight = Gäste-Konto,*S-1-5-32-546',
        'SeNetworkLogonRight = Jürgen, *S-1-5-11',
      );
      const fromUtf8 = parseSecurityTemplate(Buffer.from(text, 'utf8'), FILE);
      const fromUtf8Bom = parseSecurityTemplate(Buffer.from(`\ufeff${text}`, 'utf8'), FILE);
      const fromUtf16 = parseSecurityTemplate(utf16leWithBom(text), FILE);
      assert.deepEqual(fromUtf8Bom, fromUtf8);
      assert.deepEqual(fromUtf16, fromUtf8);
      assert.deepEqual(namesOf(assignment(fromUtf16, 'SeDenyNetworkLogonRight').holders), ['Gäste-Konto']);
      assert.deepEqual(namesOf(assignment(fromUtf16, 'SeNetworkLogonRight').holders), ['Jürgen']);
      assert.deepEqual(fromUtf16.sections, ['Unicode', 'Privilege Rights', 'Version']);
    });

    it('treats a right with an empty value as defined with no holders, and skips empty entries', () => {
      const parsed = parse(
        template(
          'SeDenyServiceLogonRight =',
          'SeDenyBatchLogonRight = , ,',
          'SeBatchLogonRight = ,*S-1-5-32-568,,IUSR,',
        ),
      );
      assert.deepEqual(assignment(parsed, 'SeDenyServiceLogonRight'), {
        right: 'SeDenyServiceLogonRight',
        holders: [],
        line: 4,
      });
      assert.deepEqual(assignment(parsed, 'SeDenyBatchLogonRight').holders, []);
      assert.deepEqual(assignment(parsed, 'SeBatchLogonRight').holders, [
        { kind: 'sid', sid: 'S-1-5-32-568', written: '*S-1-5-32-568' },
        { kind: 'name', name: 'IUSR', written: 'IUSR' },
      ]);
    });

    it('leaves an absent right out of the map, and the map null when the section is absent', () => {
      const parsed = parse(template('SeNetworkLogonRight = *S-1-5-11'));
      assert.deepEqual([...rightsOf(parsed).keys()], ['SeNetworkLogonRight']);
      assert.equal(rightsOf(parsed).get('SeDenyNetworkLogonRight'), undefined);

      const noSection = parse('[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature="$CHICAGO$"\r\n');
      assert.equal(noSection.privilegeRights, null);
      assert.deepEqual(noSection.sections, ['Unicode', 'Version']);

      const emptySection = parse('[Privilege Rights]\r\n; nothing assigned\r\n');
      assert.equal(rightsOf(emptySection).size, 0);
    });

    it('stores known rights under their canonical spelling without a diagnostic', () => {
      const parsed = parse(template('senetworklogonright = *S-1-5-11', 'SEDENYBATCHLOGONRIGHT = *S-1-5-32-546'));
      assert.deepEqual([...rightsOf(parsed).keys()], ['SeNetworkLogonRight', 'SeDenyBatchLogonRight']);
      assert.equal(assignment(parsed, 'SeNetworkLogonRight').right, 'SeNetworkLogonRight');
      assert.deepEqual(parsed.diagnostics, []);
    });

    it('keeps an unknown right under its written name and warns with file and line', () => {
      const parsed = parse(template('SeNetworkLogonRight = *S-1-5-11', 'SeMadeUpLogonRight = *S-1-5-17'));
      assert.deepEqual(assignment(parsed, 'SeMadeUpLogonRight').holders, [
        { kind: 'sid', sid: 'S-1-5-17', written: '*S-1-5-17' },
      ]);
      assert.equal(parsed.diagnostics.length, 1);
      const [diagnostic] = parsed.diagnostics;
      assert.equal(diagnostic?.code, 'unknown-right');
      assert.equal(diagnostic?.severity, 'warning');
      assert.equal(diagnostic?.file, FILE);
      assert.equal(diagnostic?.line, 5);
      assert.match(diagnostic?.message ?? '', /SeMadeUpLogonRight/);
    });

    it('uses the later of two lines for the same right and warns naming both lines', () => {
      const parsed = parse(
        template(
          'SeNetworkLogonRight = *S-1-5-11',
          'SeBatchLogonRight = *S-1-5-32-544',
          'SENetworkLogonRight = *S-1-5-32-545',
        ),
      );
      assert.deepEqual(assignment(parsed, 'SeNetworkLogonRight'), {
        right: 'SeNetworkLogonRight',
        holders: [{ kind: 'sid', sid: 'S-1-5-32-545', written: '*S-1-5-32-545' }],
        line: 6,
      });
      assert.deepEqual(
        parsed.diagnostics.map(({ code, line }) => ({ code, line })),
        [{ code: 'duplicate-right', line: 6 }],
      );
      assert.match(parsed.diagnostics[0]?.message ?? '', /line 4 .*line 6/);
      // The map lists rights in the order of the lines that took effect.
      assert.deepEqual([...rightsOf(parsed).keys()], ['SeBatchLogonRight', 'SeNetworkLogonRight']);
    });

    it('merges repeated sections and matches section names case-insensitively', () => {
      const text = [
        '[privilege rights]',
        'SeNetworkLogonRight = *S-1-5-11',
        '[Version]',
        'signature="$CHICAGO$"',
        '[  PRIVILEGE RIGHTS  ]',
        'SeBatchLogonRight = *S-1-5-32-568',
        '[VERSION]',
        'Revision=1',
      ].join('\n');
      const parsed = parse(text);
      assert.deepEqual(parsed.sections, ['privilege rights', 'Version']);
      assert.deepEqual([...rightsOf(parsed).keys()], ['SeNetworkLogonRight', 'SeBatchLogonRight']);
      assert.equal(assignment(parsed, 'SeBatchLogonRight').line, 6);
    });

    it('ignores comment lines, trailing comments and blank lines, but not a ";" inside quotes', () => {
      const text = [
        '; exported by hand',
        '',
        '   ; indented comment before the first section',
        '[Privilege Rights] ; the only section read',
        '; SeNetworkLogonRight = *S-1-1-0',
        '   ',
        'SeNetworkLogonRight = *S-1-5-11 ; authenticated users only',
        '\t;SeDenyNetworkLogonRight = *S-1-5-113',
        'SeBatchLogonRight = "odd;name", *S-1-5-32-568',
      ].join('\r\n');
      const parsed = parse(text);
      assert.deepEqual([...rightsOf(parsed).keys()], ['SeNetworkLogonRight', 'SeBatchLogonRight']);
      assert.deepEqual(assignment(parsed, 'SeNetworkLogonRight').holders, [
        { kind: 'sid', sid: 'S-1-5-11', written: '*S-1-5-11' },
      ]);
      assert.deepEqual(namesOf(assignment(parsed, 'SeBatchLogonRight').holders), ['odd;name']);
    });

    it('unquotes quoted entries and right names', () => {
      const parsed = parse(template('"SeDenyNetworkLogonRight" = "Domain Admins", "*S-1-5-113" ,"say ""hi""",""'));
      assert.deepEqual(assignment(parsed, 'SeDenyNetworkLogonRight').holders, [
        { kind: 'name', name: 'Domain Admins', written: 'Domain Admins' },
        { kind: 'sid', sid: 'S-1-5-113', written: '*S-1-5-113' },
        { kind: 'name', name: 'say "hi"', written: 'say "hi"' },
      ]);
    });

    it('finds "=", ";" and "," outside quotes wherever the first quote is', () => {
      const parsed = parse(
        template(
          'SeBatchLogonRight = *S-1-5-32-568,"a,b=c;d",*S-1-5-19 ; "a quoted comment, with a comma"',
          '"SeDenyBatchLogonRight" = x, "y;z"',
          'SeServiceLogonRight = *S-1-5-19,*S-1-5-20,"q"',
        ),
      );
      assert.deepEqual(assignment(parsed, 'SeBatchLogonRight').holders, [
        { kind: 'sid', sid: 'S-1-5-32-568', written: '*S-1-5-32-568' },
        { kind: 'name', name: 'a,b=c;d', written: 'a,b=c;d' },
        { kind: 'sid', sid: 'S-1-5-19', written: '*S-1-5-19' },
      ]);
      assert.deepEqual(namesOf(assignment(parsed, 'SeDenyBatchLogonRight').holders), ['x', 'y;z']);
      assert.equal(assignment(parsed, 'SeServiceLogonRight').holders.length, 3);
    });

    it('normalises SIDs but keeps the entry as written', () => {
      const parsed = parse(template('SeNetworkLogonRight = *s-1-5-32-0545'));
      assert.deepEqual(assignment(parsed, 'SeNetworkLogonRight').holders, [
        { kind: 'sid', sid: 'S-1-5-32-545', written: '*s-1-5-32-0545' },
      ]);
    });

    it('ignores lines of other sections, whatever their syntax', () => {
      const parsed = parse(
        [
          '[Registry Values]',
          'MACHINE\\Software\\x=7,"a,b;c"',
          '[Service General Setting]',
          '"SCPolicySvc",2,""',
          'no equals sign here',
          '[Privilege Rights]',
          'SeNetworkLogonRight = *S-1-5-11',
        ].join('\n'),
      );
      assert.deepEqual([...rightsOf(parsed).keys()], ['SeNetworkLogonRight']);
    });

    it('accepts an empty or whitespace-only file as a template without sections', () => {
      for (const text of ['', '\r\n', '  \n\t\n']) {
        const parsed = parse(text);
        assert.deepEqual(parsed, { file: FILE, sections: [], privilegeRights: null, diagnostics: [] });
      }
    });
  });

  describe('rejected input', () => {
    it('reports an invalid SID with the file, the line and the entry', () => {
      const error = inputErrorFrom(() =>
        parse(template('SeNetworkLogonRight = *S-1-5-11', 'SeDenyNetworkLogonRight = Guest, *S-1-5-xyz')),
      );
      assert.equal(error.file, FILE);
      assert.equal(error.location.line, 5);
      assert.match(error.message, /^secedit\.inf \(line 5\): /);
      assert.match(error.message, /\*S-1-5-xyz/);
      assert.match(error.message, /SeDenyNetworkLogonRight/);
    });

    it('rejects a bare "*" as a SID', () => {
      const error = inputErrorFrom(() => parse(template('SeNetworkLogonRight = *')));
      assert.equal(error.location.line, 4);
    });

    it('rejects a [Privilege Rights] line without "=", naming the line and its text', () => {
      const error = inputErrorFrom(() => parse(template('SeNetworkLogonRight = *S-1-5-11', '*S-1-5-32-545')));
      assert.equal(error.location.line, 5);
      assert.match(error.message, /\(line 5\)/);
      assert.match(error.message, /"\*S-1-5-32-545"/);
    });

    it('rejects a line with an empty right name', () => {
      assert.equal(inputErrorFrom(() => parse(template(' = *S-1-5-11'))).location.line, 4);
    });

    it('rejects stray or unbalanced quotes in [Privilege Rights]', () => {
      for (const line of [
        'SeNetworkLogonRight = "Domain Admins',
        'SeNetworkLogonRight = Domain "Admins"',
        'SeNetworkLogonRight = "a"b"',
      ]) {
        assert.equal(inputErrorFrom(() => parse(template(line))).location.line, 4, line);
      }
    });

    it('rejects binary garbage', () => {
      const png = Uint8Array.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
      ]);
      inputErrorFrom(() => parseSecurityTemplate(png, 'image.png'));
      const controlCharacters = inputErrorFrom(() =>
        parseSecurityTemplate(Buffer.from('[Privilege Rights]\nSeNetworkLogonRight = \u0001\u0002\u001b\n'), FILE),
      );
      assert.equal(controlCharacters.location.line, 2);
      assert.match(controlCharacters.message, /U\+0001/);
      // Deterministic pseudo-random bytes: fixed seed, so a failure reproduces.
      let state = 0x2545f491;
      const noise = new Uint8Array(4096).map(() => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return state & 0xff;
      });
      inputErrorFrom(() => parseSecurityTemplate(noise, 'noise.bin'));
    });

    it('rejects text with no section header', () => {
      const prose = inputErrorFrom(() => parse('This is not a security template.\nJust some text.\n'));
      assert.equal(prose.location.line, 1);
      inputErrorFrom(() => parse('; only a comment\r\n; and another\r\n'));
    });

    it('rejects a setting before the first section but allows comments and blank lines there', () => {
      const error = inputErrorFrom(() =>
        parse('; header comment\r\n\r\nSeNetworkLogonRight = *S-1-5-11\r\n[Privilege Rights]\r\n'),
      );
      assert.equal(error.location.line, 3);
    });

    it('rejects a malformed section header', () => {
      for (const header of ['[Privilege Rights', '[Privilege Rights] trailing', '[]', '[   ]']) {
        assert.equal(
          inputErrorFrom(() => parse(`[Version]\nRevision=1\n${header}\nSeNetworkLogonRight = *S-1-5-11\n`)).location
            .line,
          3,
          header,
        );
      }
    });

    it('rejects a line longer than MAX_INF_LINE_LENGTH, in any section', () => {
      const longName = 'a'.repeat(MAX_INF_LINE_LENGTH);
      const error = inputErrorFrom(() =>
        parse(`[Registry Values]\nx=1\n[Privilege Rights]\nSeNetworkLogonRight = ${longName}\n`),
      );
      assert.equal(error.location.line, 4);
      const justOver = `x=${'c'.repeat(MAX_INF_LINE_LENGTH - 1)}`;
      assert.equal(justOver.length, MAX_INF_LINE_LENGTH + 1);
      assert.equal(inputErrorFrom(() => parse(`[Registry Values]\r\n${justOver}\r\n`)).location.line, 2);
      const atLimit = parse(
        `[Privilege Rights]\nSeNetworkLogonRight=${'b'.repeat(MAX_INF_LINE_LENGTH - 'SeNetworkLogonRight='.length)}`,
      );
      assert.equal(
        namesOf(assignment(atLimit, 'SeNetworkLogonRight').holders)[0]?.length,
        MAX_INF_LINE_LENGTH - 'SeNetworkLogonRight='.length,
      );
    });
  });

  describe('properties', () => {
    const spacing = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
    const sidText = fc
      .tuple(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 15 }),
      )
      .map(([authority, subAuthorities]) => ['S', '1', authority, ...subAuthorities].join('-'));
    const nameCharacter = fc.constantFrom(...'abcXYZ019 -_.$@\\äÉжß漢'.split(''));
    const accountName = fc
      .string({ unit: nameCharacter, minLength: 1, maxLength: 24 })
      .filter((name) => name.trim() === name && name !== '');

    interface WrittenHolder {
      text: string;
      expected: PolicyHolder;
    }

    const writtenSid: fc.Arbitrary<WrittenHolder> = fc.tuple(sidText, fc.boolean()).map(([sid, lowerCase]) => {
      const written = `*${lowerCase ? sid.toLowerCase() : sid}`;
      return { text: written, expected: { kind: 'sid', sid, written } };
    });
    const writtenName: fc.Arbitrary<WrittenHolder> = fc.tuple(accountName, fc.boolean()).map(([name, quoted]) => ({
      text: quoted ? `"${name}"` : name,
      expected: { kind: 'name', name, written: name },
    }));

    it('reads back any holder list written with any spacing', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.oneof(writtenSid, writtenName), spacing, spacing), { maxLength: 12 }),
          spacing,
          spacing,
          fc.constantFrom('\r\n', '\n'),
          (entries, beforeEquals, afterEquals, lineEnd) => {
            const value = entries.map(([holder, before, after]) => `${before}${holder.text}${after}`).join(',');
            const text = ['[Privilege Rights]', `SeNetworkLogonRight${beforeEquals}=${afterEquals}${value}`, ''].join(
              lineEnd,
            );
            const parsed = parse(text);
            assert.deepEqual(
              assignment(parsed, 'SeNetworkLogonRight').holders,
              entries.map(([holder]) => holder.expected),
            );
          },
        ),
      );
    });

    it('either returns a template or throws an InputError, for any text or bytes', () => {
      const infLike = fc.array(
        fc.oneof(
          fc.constantFrom(
            '[Privilege Rights]',
            '[Version]',
            'SeNetworkLogonRight = ',
            '*S-1-5-11',
            ',',
            ';',
            '"',
            '=',
            '\r\n',
            '\n',
            '*',
          ),
          fc.string(),
        ),
        { maxLength: 30 },
      );
      fc.assert(
        fc.property(infLike, (parts) => {
          try {
            parse(parts.join(''));
          } catch (error) {
            assert.ok(error instanceof InputError, String(error));
          }
        }),
      );
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
          try {
            parseSecurityTemplate(bytes, 'random.bin');
          } catch (error) {
            assert.ok(error instanceof InputError, String(error));
          }
        }),
      );
    });
  });
});
