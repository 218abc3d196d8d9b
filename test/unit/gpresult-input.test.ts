import assert from 'node:assert/strict';
import { winningAssignments } from '../../src/core/group-policy';
import { BASE_NS, RSOP_NS, SETTINGS_NS, TYPES_NS, parseGroupPolicyXml } from '../../src/parse/gpresult';
import { inputErrorFrom } from '../helpers/errors';
import {
  BASELINE_REPORT,
  DEFAULT_DOMAIN_POLICY,
  SERVER_BASELINE,
  TWO_GPOS,
  WEB01,
  fixtureText,
  gpoListEntry,
  lineOf,
  member,
  onlyEntry,
  parseText,
  rsopDocument,
  userRight,
  utf16leWithBom,
} from './gpresult-helpers';

describe('Group Policy XML parser (gpresult /x, Get-GPOReport)', () => {
  describe('gpresult details and rejected input', () => {
    it("joins a setting to its GPO whatever the GUID's case (the Default Domain Controllers Policy GUID has a lower-case f)", () => {
      const dcPolicy = '{6AC1786C-016F-11D2-945F-00C04fB984F9}';
      const result = parseText(
        rsopDocument(
          gpoListEntry('Default Domain Controllers Policy', dcPolicy),
          userRight('SeBatchLogonRight', dcPolicy.toLowerCase(), 1, member('S-1-5-32-544', 'BUILTIN\\Administrators')),
        ),
      );
      assert.deepEqual(result.gpos, [
        { id: '{6AC1786C-016F-11D2-945F-00C04FB984F9}', name: 'Default Domain Controllers Policy' },
      ]);
      assert.deepEqual(onlyEntry(result, 'SeBatchLogonRight').gpo, {
        id: '{6AC1786C-016F-11D2-945F-00C04FB984F9}',
        name: 'Default Domain Controllers Policy',
      });
      assert.deepEqual(result.diagnostics, []);
    });

    it('spells a GPO named by its own GUID (unreadable display name) like its id', () => {
      const dcPolicy = '{6AC1786C-016F-11D2-945F-00C04FB984F9}';
      const result = parseText(
        rsopDocument(
          gpoListEntry(dcPolicy.toLowerCase(), dcPolicy.toLowerCase()) + gpoListEntry('', SERVER_BASELINE),
          '',
        ),
      );
      assert.deepEqual(result.gpos, [
        { id: dcPolicy, name: dcPolicy },
        { id: SERVER_BASELINE, name: SERVER_BASELINE },
      ]);
    });

    it('canonicalizes right names and normalizes SIDs, keeping what was written', () => {
      const result = parseText(
        rsopDocument(
          TWO_GPOS,
          userRight('senetworklogonright', SERVER_BASELINE, 1, member('s-1-5-032-544', undefined)),
        ),
      );
      const entry = onlyEntry(result, 'SeNetworkLogonRight');
      assert.deepEqual(entry.holders, [{ kind: 'sid', sid: 'S-1-5-32-544', written: 's-1-5-032-544' }]);
    });

    it('keeps an unknown right with an unknown-right warning naming it', () => {
      const settings = userRight(
        'SeMadeUpRight',
        SERVER_BASELINE,
        1,
        member('S-1-5-11', 'NT AUTHORITY\\Authenticated Users'),
      );
      const text = rsopDocument(TWO_GPOS, settings);
      const result = parseText(text);
      assert.equal(onlyEntry(result, 'SeMadeUpRight').precedence, 1);
      assert.deepEqual(
        result.diagnostics.map((d) => [d.code, d.severity, d.line]),
        [['unknown-right', 'warning', lineOf(text, '<q1:UserRightsAssignment>')]],
      );
      assert.match(result.diagnostics[0]!.message, /SeMadeUpRight/);
    });

    it('keeps a setting whose GPO is not in the list, named by its GUID, with one unknown-gpo warning per GUID', () => {
      const stranger = '{0F5A8C3D-1B2E-4D6F-8A9B-C0D1E2F3A4B5}';
      const settings = [
        userRight('SeNetworkLogonRight', stranger, 1, member('S-1-5-11', 'NT AUTHORITY\\Authenticated Users')),
        userRight('SeBatchLogonRight', stranger, 1, member('S-1-5-32-544', 'BUILTIN\\Administrators')),
        userRight('SeServiceLogonRight', SERVER_BASELINE, 1, member('S-1-5-80-0', 'NT SERVICE\\ALL SERVICES')),
      ].join('\n');
      const text = rsopDocument(TWO_GPOS, settings);
      const result = parseText(text);
      assert.deepEqual(onlyEntry(result, 'SeNetworkLogonRight').gpo, { id: stranger, name: stranger });
      assert.deepEqual(onlyEntry(result, 'SeBatchLogonRight').gpo, { id: stranger, name: stranger });
      assert.equal(onlyEntry(result, 'SeServiceLogonRight').gpo.name, 'Contoso Server Baseline');
      assert.deepEqual(
        result.diagnostics.map((d) => [d.code, d.severity, d.line]),
        [['unknown-gpo', 'warning', lineOf(text, '<q1:UserRightsAssignment>')]],
      );
      assert.ok(result.diagnostics[0]!.message.includes(stranger), result.diagnostics[0]!.message);
      assert.deepEqual(
        result.gpos.map((gpo) => gpo.id),
        [DEFAULT_DOMAIN_POLICY, SERVER_BASELINE],
      );
    });

    it('rejects two precedence-1 entries for one right from different GPOs, naming both GPOs and the right', () => {
      const settings = [
        userRight('SeNetworkLogonRight', SERVER_BASELINE, 1, member('S-1-5-32-544', 'BUILTIN\\Administrators')),
        userRight('SeNetworkLogonRight', DEFAULT_DOMAIN_POLICY, 1, member('S-1-1-0', 'Everyone')),
      ].join('\n');
      const text = rsopDocument(TWO_GPOS, settings);
      const error = inputErrorFrom(() => parseText(text));
      assert.equal(error.file, 'gpresult.xml');
      assert.equal(
        error.location.line,
        lineOf(text, '<q1:UserRightsAssignment>', lineOf(text, '<q1:UserRightsAssignment>') + 1),
      );
      for (const part of [
        'SeNetworkLogonRight',
        'Contoso Server Baseline',
        'Default Domain Policy',
        SERVER_BASELINE,
        DEFAULT_DOMAIN_POLICY,
      ]) {
        assert.ok(error.message.includes(part), `${part} missing from: ${error.message}`);
      }
    });

    it('warns, without rejecting, about two losing entries at the same precedence', () => {
      const settings = [
        userRight('SeNetworkLogonRight', SERVER_BASELINE, 1, member('S-1-5-32-544', 'BUILTIN\\Administrators')),
        userRight('SeNetworkLogonRight', DEFAULT_DOMAIN_POLICY, 2, member('S-1-1-0', 'Everyone')),
        userRight('SeNetworkLogonRight', SERVER_BASELINE, 2, member('S-1-5-11', 'NT AUTHORITY\\Authenticated Users')),
      ].join('\n');
      const result = parseText(rsopDocument(TWO_GPOS, settings));
      assert.equal(result.assignments.length, 3);
      assert.deepEqual(
        result.diagnostics.map((d) => d.code),
        ['duplicate-precedence'],
      );
      assert.equal(winningAssignments(result).get('SeNetworkLogonRight')!.gpo.id, SERVER_BASELINE);
    });

    it('rejects an Rsop report without ComputerResults (a user-scope report)', () => {
      const text = `<?xml version="1.0"?>\n<Rsop xmlns="${RSOP_NS}">\n<ReadTime>2024-03-14T09:26:53Z</ReadTime>\n<UserResults><Name>CONTOSO\\alice</Name></UserResults>\n</Rsop>`;
      const error = inputErrorFrom(() => parseText(text));
      assert.equal(error.location.line, 2);
      assert.match(error.expected, /ComputerResults/);
    });

    it('rejects a second ComputerResults', () => {
      const text = `<Rsop xmlns="${RSOP_NS}">\n<ComputerResults/>\n<ComputerResults/>\n</Rsop>`;
      assert.equal(inputErrorFrom(() => parseText(text)).location.line, 3);
    });

    it('accepts an Rsop report with computer results but no security settings', () => {
      const result = parseText(
        `<r:Rsop xmlns:r="${RSOP_NS}"><r:ComputerResults>${gpoListEntry('Default Domain Policy', DEFAULT_DOMAIN_POLICY).replaceAll('<GPO>', `<GPO xmlns="${RSOP_NS}">`)}</r:ComputerResults></r:Rsop>`,
      );
      assert.deepEqual(result.assignments, []);
      assert.deepEqual(result.gpos, [{ id: DEFAULT_DOMAIN_POLICY, name: 'Default Domain Policy' }]);
    });

    it('rejects a root element that is neither Rsop nor GPO in the Group Policy namespaces', () => {
      for (const text of [
        '<configuration><system.webServer/></configuration>',
        '<Rsop><ComputerResults/></Rsop>',
        `<GPO xmlns="${RSOP_NS}"/>`,
        `<Rsop xmlns="${SETTINGS_NS}"/>`,
      ]) {
        const error = inputErrorFrom(() => parseText(text));
        assert.equal(error.location.line, 1, text);
        assert.match(error.expected, /gpresult \/x report.*Get-GPOReport/, text);
      }
    });

    it('rejects a member with neither SID nor Name, naming its line', () => {
      const text = rsopDocument(
        TWO_GPOS,
        userRight(
          'SeNetworkLogonRight',
          SERVER_BASELINE,
          1,
          `${member('S-1-5-32-544', 'BUILTIN\\Administrators')}\n<q1:Member>\n<Name xmlns="${TYPES_NS}">  </Name></q1:Member>`,
        ),
      );
      const error = inputErrorFrom(() => parseText(text));
      assert.equal(error.location.line, text.split('\n').indexOf('<q1:Member>') + 1);
      assert.equal(error.found, 'a member with neither');
    });

    it('rejects a member whose SID is not a SID', () => {
      const error = inputErrorFrom(() =>
        parseText(
          rsopDocument(
            TWO_GPOS,
            userRight('SeNetworkLogonRight', SERVER_BASELINE, 1, member('S-1-5-banana', 'BUILTIN\\Administrators')),
          ),
        ),
      );
      assert.equal(error.found, '"S-1-5-banana"');
    });

    it('rejects a setting without GPO or with an identifier that is no GUID', () => {
      const withoutGpo = rsopDocument(
        TWO_GPOS,
        `<q1:UserRightsAssignment>\n<Precedence xmlns="${BASE_NS}">1</Precedence><q1:Name>SeBatchLogonRight</q1:Name></q1:UserRightsAssignment>`,
      );
      assert.match(inputErrorFrom(() => parseText(withoutGpo)).expected, /<GPO>/);
      const badGuid = rsopDocument(TWO_GPOS, userRight('SeBatchLogonRight', '{not-a-guid}', 1, ''));
      assert.equal(inputErrorFrom(() => parseText(badGuid)).found, '"{not-a-guid}"');
      const badListedGuid = rsopDocument(gpoListEntry('Broken', '{31B2F340-016D-11D2-945F}'), '');
      assert.equal(inputErrorFrom(() => parseText(badListedGuid)).found, '"{31B2F340-016D-11D2-945F}"');
    });

    it('rejects a missing, zero, negative, fractional or huge precedence', () => {
      for (const precedence of ['0', '-1', '1.5', 'first', '', '4294967296', '99999999999']) {
        const text = rsopDocument(TWO_GPOS, userRight('SeBatchLogonRight', SERVER_BASELINE, precedence, ''));
        const error = inputErrorFrom(() => parseText(text));
        assert.match(error.expected, /Precedence/, precedence);
      }
      const missing = rsopDocument(
        TWO_GPOS,
        `<q1:UserRightsAssignment><GPO xmlns="${BASE_NS}"><Identifier xmlns="${TYPES_NS}">${SERVER_BASELINE}</Identifier></GPO><q1:Name>SeBatchLogonRight</q1:Name></q1:UserRightsAssignment>`,
      );
      assert.equal(inputErrorFrom(() => parseText(missing)).found, 'none');
      assert.equal(
        onlyEntry(
          parseText(rsopDocument(TWO_GPOS, userRight('SeBatchLogonRight', SERVER_BASELINE, '4294967295', ''))),
          'SeBatchLogonRight',
        ).precedence,
        4294967295,
      );
    });

    it('rejects a setting without a right name', () => {
      const text = rsopDocument(TWO_GPOS, userRight('', SERVER_BASELINE, 1, member('S-1-5-11', undefined)));
      assert.equal(inputErrorFrom(() => parseText(text)).found, 'an empty <Name>');
    });

    it('rejects a GPO report without its GPO identifier', () => {
      const text = `<GPO xmlns="${SETTINGS_NS}"><Name>Orphan</Name><Computer/></GPO>`;
      assert.match(inputErrorFrom(() => parseText(text)).expected, /Identifier/);
    });

    it('rejects a right listed twice in one GPO report', () => {
      const text = fixtureText(BASELINE_REPORT).replace(
        '<q2:Name>SeBatchLogonRight</q2:Name>',
        '<q2:Name>SeNetworkLogonRight</q2:Name>',
      );
      const error = inputErrorFrom(() => parseText(text, BASELINE_REPORT));
      assert.match(error.message, /SeNetworkLogonRight.*Contoso Server Baseline.*Contoso Server Baseline/);
    });

    it('rejects bytes that are not valid in their encoding', () => {
      const latin1 = Buffer.concat([
        Buffer.from(`<Rsop xmlns="${RSOP_NS}"><ComputerResults><GPO><Name>Stra`, 'utf8'),
        Buffer.from([0xdf, 0x65]),
        Buffer.from('</Name></GPO></ComputerResults></Rsop>', 'utf8'),
      ]);
      assert.match(inputErrorFrom(() => parseGroupPolicyXml(latin1, 'gpresult.xml')).expected, /UTF-8/);
      const truncatedUtf16 = utf16leWithBom(fixtureText(WEB01)).subarray(0, 1001);
      assert.match(inputErrorFrom(() => parseGroupPolicyXml(truncatedUtf16, 'gpresult.xml')).expected, /UTF-16LE/);
      const utf16WithoutBom = Buffer.from(fixtureText(WEB01), 'utf16le');
      assert.deepEqual(parseGroupPolicyXml(utf16WithoutBom, WEB01).assignments.length, 6);
    });

    it('rejects a truncated report', () => {
      const text = fixtureText(WEB01);
      assert.match(
        inputErrorFrom(() => parseText(text.slice(0, text.indexOf('<q2:Member>')))).expected,
        /well-formed XML/,
      );
    });

    it('rejects a DOCTYPE before reading its entities', () => {
      const text = `<?xml version="1.0"?>\n<!DOCTYPE Rsop [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<Rsop xmlns="${RSOP_NS}"><ComputerResults><GPO><Name>&b;</Name></GPO></ComputerResults></Rsop>`;
      const error = inputErrorFrom(() => parseText(text));
      assert.equal(error.location.line, 2);
      assert.match(error.found, /DOCTYPE/);
    });

    it('rejects empty input and non-XML text', () => {
      assert.ok(inputErrorFrom(() => parseGroupPolicyXml(new Uint8Array(0), 'gpresult.xml')));
      assert.ok(inputErrorFrom(() => parseText('SeNetworkLogonRight = *S-1-5-11')));
    });
  });
});
