import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import type { PolicyHolder, SecurityTemplate } from '../../src/core/model';
import { parseSecurityTemplate } from '../../src/parse/secedit-inf';
import { listShared, readShared, skipUnlessShared } from '../helpers/shared';
import { assignment, namesOf, parse, rightsOf, sidsOf, sortedSids } from './secedit-inf-helpers';

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
