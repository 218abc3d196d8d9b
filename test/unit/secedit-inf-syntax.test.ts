import assert from 'node:assert/strict';
import { parseSecurityTemplate } from '../../src/parse/secedit-inf';
import { FILE, assignment, namesOf, parse, rightsOf, template, utf16leWithBom } from './secedit-inf-helpers';

describe('security template parser (secedit /export, GptTmpl.inf)', () => {
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
});
