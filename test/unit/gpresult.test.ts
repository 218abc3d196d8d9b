import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { winningAssignments } from '../../src/core/group-policy';
import type { GpoRightAssignment, GroupPolicyResult, PolicyHolder } from '../../src/core/model';
import {
  BASE_NS,
  RSOP_NS,
  SECURITY_NS,
  SETTINGS_NS,
  TYPES_NS,
  parseGroupPolicyXml,
  parseGroupPolicyXmlText,
} from '../../src/parse/gpresult';
import { parseSecurityTemplate } from '../../src/parse/secedit-inf';
import { readShared, skipUnlessShared } from '../helpers/shared';
import { inputErrorFrom } from '../helpers/errors';

const FIXTURES = join(__dirname, '..', 'fixtures', 'gpresult');
const WEB01 = 'web01.gpresult.xml';
const BASELINE_REPORT = 'contoso-server-baseline.gpreport.xml';

const DEFAULT_DOMAIN_POLICY = '{31B2F340-016D-11D2-945F-00C04FB984F9}';
const SERVER_BASELINE = '{7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47}';

function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function parseText(text: string, file = 'gpresult.xml'): GroupPolicyResult {
  return parseGroupPolicyXmlText(text, file);
}

function utf16leWithBom(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

function entriesFor(result: GroupPolicyResult, right: string): GpoRightAssignment[] {
  return result.assignments.filter((assignment) => assignment.right === right);
}

function onlyEntry(result: GroupPolicyResult, right: string): GpoRightAssignment {
  const entries = entriesFor(result, right);
  assert.equal(entries.length, 1, `${result.file}: ${entries.length} entries for ${right}`);
  return entries[0]!;
}

function sidsOf(holders: readonly PolicyHolder[]): string[] {
  return holders.flatMap((holder) => (holder.kind === 'sid' ? [holder.sid] : []));
}

function namesOf(holders: readonly PolicyHolder[]): string[] {
  return holders.flatMap((holder) => (holder.kind === 'name' ? [holder.name] : []));
}

/** 1-based line number of the first line containing `needle` at or after line `from`. */
function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let index = from - 1; index < lines.length; index++) if (lines[index]!.includes(needle)) return index + 1;
  assert.fail(`${JSON.stringify(needle)} not found`);
}

// Small gpresult documents for the cases the fixture does not cover.
function gpoListEntry(name: string, id: string): string {
  return `<GPO><Name>${name}</Name><Path><Identifier xmlns="${TYPES_NS}">${id}</Identifier><Domain xmlns="${TYPES_NS}">contoso.com</Domain></Path><Enabled>true</Enabled></GPO>`;
}

function userRight(right: string, gpoId: string, precedence: number | string, members: string): string {
  return [
    '<q1:UserRightsAssignment>',
    `<GPO xmlns="${BASE_NS}"><Identifier xmlns="${TYPES_NS}">${gpoId}</Identifier><Domain xmlns="${TYPES_NS}">contoso.com</Domain></GPO>`,
    `<Precedence xmlns="${BASE_NS}">${precedence}</Precedence>`,
    `<q1:Name>${right}</q1:Name>`,
    members,
    '</q1:UserRightsAssignment>',
  ].join('\n');
}

function member(sid: string | undefined, name: string | undefined): string {
  const sidPart = sid === undefined ? '' : `<SID xmlns="${TYPES_NS}">${sid}</SID>`;
  const namePart = name === undefined ? '' : `<Name xmlns="${TYPES_NS}">${name}</Name>`;
  return `<q1:Member>${sidPart}${namePart}</q1:Member>`;
}

function rsopDocument(gpoList: string, settings: string): string {
  return [
    '<?xml version="1.0" encoding="utf-16"?>',
    `<Rsop xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="${RSOP_NS}">`,
    '<ComputerResults>',
    gpoList,
    '<ExtensionData>',
    `<Extension xmlns:q1="${SECURITY_NS}" xsi:type="q1:SecuritySettings" xmlns="${SETTINGS_NS}">`,
    settings,
    '</Extension>',
    '<Name>Security</Name>',
    '</ExtensionData>',
    '</ComputerResults>',
    '</Rsop>',
  ].join('\n');
}

const TWO_GPOS =
  gpoListEntry('Default Domain Policy', DEFAULT_DOMAIN_POLICY) +
  gpoListEntry('Contoso Server Baseline', SERVER_BASELINE);

describe('Group Policy XML parser (gpresult /x, Get-GPOReport)', () => {
  describe('gpresult /x fixture web01', () => {
    const text = fixtureText(WEB01);
    const result = parseText(text, WEB01);

    it("lists the report's GPOs with normalized ids and display names, and no diagnostics", () => {
      assert.equal(result.kind, 'gpresult');
      assert.equal(result.file, WEB01);
      assert.deepEqual(result.gpos, [
        { id: 'LocalGPO', name: 'Local Group Policy' },
        { id: DEFAULT_DOMAIN_POLICY, name: 'Default Domain Policy' },
        { id: SERVER_BASELINE, name: 'Contoso Server Baseline' },
      ]);
      assert.deepEqual(result.diagnostics, []);
    });

    it("reads only the security extension's user rights, in file order", () => {
      assert.deepEqual(
        result.assignments.map((entry) => [entry.right, entry.precedence, entry.gpo.name]),
        [
          ['SeNetworkLogonRight', 1, 'Contoso Server Baseline'],
          ['SeNetworkLogonRight', 2, 'Default Domain Policy'],
          ['SeDenyNetworkLogonRight', 1, 'Contoso Server Baseline'],
          ['SeBatchLogonRight', 1, 'Contoso Server Baseline'],
          ['SeServiceLogonRight', 1, 'Default Domain Policy'],
          ['SeCreateTokenPrivilege', 1, 'Contoso Server Baseline'],
        ],
      );
      for (const entry of result.assignments) {
        assert.equal(entry.file, WEB01);
        assert.match(
          text.split('\n')[entry.line! - 1]!,
          /<q2:UserRightsAssignment>/,
          `${entry.right} line ${entry.line}`,
        );
      }
    });

    it('keeps SID and display name of each member, and Name-only members as names', () => {
      const [winner, loser] = entriesFor(result, 'SeNetworkLogonRight');
      assert.deepEqual(winner!.holders, [
        { kind: 'sid', sid: 'S-1-5-32-544', written: 'S-1-5-32-544', name: 'BUILTIN\\Administrators' },
        {
          kind: 'sid',
          sid: 'S-1-5-21-3623811015-3361044348-30300820-1107',
          written: 'S-1-5-21-3623811015-3361044348-30300820-1107',
          name: 'CONTOSO\\Web Admins',
        },
        { kind: 'name', name: 'CONTOSO\\svc-legacy-web', written: 'CONTOSO\\svc-legacy-web' },
      ]);
      assert.deepEqual(winner!.gpo, { id: SERVER_BASELINE, name: 'Contoso Server Baseline' });
      assert.deepEqual(sidsOf(loser!.holders), ['S-1-1-0', 'S-1-5-32-544', 'S-1-5-32-545', 'S-1-5-32-551']);
      assert.deepEqual(loser!.gpo, { id: DEFAULT_DOMAIN_POLICY, name: 'Default Domain Policy' });
    });

    it('treats a right listed without members as defined with no holders', () => {
      assert.deepEqual(onlyEntry(result, 'SeCreateTokenPrivilege').holders, []);
    });

    it('winningAssignments gives the precedence-1 entry of each right', () => {
      const winners = winningAssignments(result);
      assert.deepEqual(
        [...winners.keys()],
        [
          'SeNetworkLogonRight',
          'SeDenyNetworkLogonRight',
          'SeBatchLogonRight',
          'SeServiceLogonRight',
          'SeCreateTokenPrivilege',
        ],
      );
      assert.equal(winners.get('SeNetworkLogonRight'), entriesFor(result, 'SeNetworkLogonRight')[0]);
      assert.deepEqual(sidsOf(winners.get('SeBatchLogonRight')!.holders), [
        'S-1-5-32-544',
        'S-1-5-32-551',
        'S-1-5-32-559',
      ]);
      assert.equal(winners.get('SeServiceLogonRight')!.gpo.name, 'Default Domain Policy');
    });

    it('gives the same result for UTF-16LE with BOM (as gpresult writes it) and UTF-8 with BOM', () => {
      const asWindowsWritesIt = text.replace('encoding="utf-8"', 'encoding="utf-16"').replace(/\n/g, '\r\n');
      const fromUtf16 = parseGroupPolicyXml(utf16leWithBom(asWindowsWritesIt), WEB01);
      assert.deepEqual(fromUtf16, result);
      const fromUtf8Bom = parseGroupPolicyXml(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
        WEB01,
      );
      assert.deepEqual(fromUtf8Bom, result);
    });

    it('matches elements by namespace, whatever the prefixes', () => {
      const swapped = text
        .replaceAll('q1:', 'qX:')
        .replaceAll('xmlns:q1=', 'xmlns:qX=')
        .replaceAll('q2:', 'q1:')
        .replaceAll('xmlns:q2=', 'xmlns:q1=')
        .replaceAll('qX:', 'q2:')
        .replaceAll('xmlns:qX=', 'xmlns:q2=');
      assert.notEqual(swapped, text);
      assert.match(swapped, /<q1:UserRightsAssignment>/);
      assert.deepEqual(parseText(swapped, WEB01), result);
      const unusualPrefix = text.replaceAll('q2:', 'sec:').replaceAll('xmlns:q2=', 'xmlns:sec=');
      assert.deepEqual(parseText(unusualPrefix, WEB01), result);
    });

    it('ignores UserRightsAssignment elements whose prefix is bound to another namespace', () => {
      const decoy = text.replace(
        `xmlns:q2="${SECURITY_NS}"`,
        'xmlns:q2="http://www.microsoft.com/GroupPolicy/Settings/Auditing"',
      );
      const parsed = parseText(decoy, WEB01);
      assert.deepEqual(parsed.assignments, []);
      assert.equal(parsed.gpos.length, 3);
    });
  });

  describe('Get-GPOReport fixture', () => {
    const text = fixtureText(BASELINE_REPORT);

    it("gives every right precedence 1 from the report's own GPO, its GUID upper-cased", () => {
      const result = parseText(text, BASELINE_REPORT);
      const gpo = { id: SERVER_BASELINE, name: 'Contoso Server Baseline' };
      assert.equal(result.kind, 'gpo-report');
      assert.deepEqual(result.gpos, [gpo]);
      assert.deepEqual(result.diagnostics, []);
      assert.deepEqual(
        result.assignments.map((entry) => [entry.right, entry.precedence, entry.gpo, entry.line]),
        [
          ['SeNetworkLogonRight', 1, gpo, lineOf(text, '<q2:UserRightsAssignment>')],
          [
            'SeBatchLogonRight',
            1,
            gpo,
            lineOf(text, '<q2:UserRightsAssignment>', lineOf(text, '<q2:UserRightsAssignment>') + 1),
          ],
        ],
      );
      assert.deepEqual(namesOf(onlyEntry(result, 'SeBatchLogonRight').holders), ['CONTOSO\\svc-legacy-web']);
    });

    it("applies no user rights, with a warning, when the GPO's computer configuration is disabled", () => {
      const disabled = text.replace(
        '<VersionSysvol>23</VersionSysvol>\n    <Enabled>true</Enabled>',
        '<VersionSysvol>23</VersionSysvol>\n    <Enabled>false</Enabled>',
      );
      assert.notEqual(disabled, text);
      const result = parseText(disabled, BASELINE_REPORT);
      assert.deepEqual(result.assignments, []);
      assert.deepEqual(
        result.diagnostics.map((d) => [d.code, d.severity, d.line]),
        [['gpo-computer-settings-disabled', 'warning', lineOf(text, '<Computer>')]],
      );
      assert.match(result.diagnostics[0]!.message, /Contoso Server Baseline.*2 user-rights settings/);
    });

    it('disabled user configuration changes nothing', () => {
      const userDisabled = text.replace(
        '<VersionSysvol>0</VersionSysvol>\n    <Enabled>true</Enabled>',
        '<VersionSysvol>0</VersionSysvol>\n    <Enabled>false</Enabled>',
      );
      assert.notEqual(userDisabled, text);
      assert.equal(parseText(userDisabled).assignments.length, 2);
    });
  });

  describe('corpus GPO reports (Get-GPOReport XML from GPO backups)', function () {
    before(function () {
      skipUnlessShared(this, 'gpresult corpus tests');
    });

    const parseCorpus = (name: string): GroupPolicyResult =>
      parseGroupPolicyXml(readShared('corpus', 'gpresult', `${name}.gpreport.xml`), `${name}.gpreport.xml`);

    it('disa-ws2019-ms-2021q3: its GPO, 29 rights, and a network-logon deny mixing SIDs with placeholder names', () => {
      const result = parseCorpus('disa-ws2019-ms-2021q3');
      const gpo = { id: '{793B4C26-7091-491B-B2E1-BE2FD2BB4505}', name: 'DoD - Windows Server 2019 MS - Computer' };
      assert.equal(result.kind, 'gpo-report');
      assert.deepEqual(result.gpos, [gpo]);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.assignments.length, 29);
      const deny = onlyEntry(result, 'SeDenyNetworkLogonRight');
      assert.deepEqual(deny.gpo, gpo);
      assert.equal(deny.precedence, 1);
      assert.equal(deny.line, 270);
      assert.deepEqual(deny.holders, [
        { kind: 'name', name: 'ADD YOUR DOMAIN ADMINS', written: 'ADD YOUR DOMAIN ADMINS' },
        { kind: 'name', name: 'ADD YOUR ENTERPRISE ADMINS', written: 'ADD YOUR ENTERPRISE ADMINS' },
        { kind: 'sid', sid: 'S-1-5-32-546', written: 'S-1-5-32-546', name: 'BUILTIN\\Guests' },
        { kind: 'sid', sid: 'S-1-5-113', written: 'S-1-5-113', name: 'NT AUTHORITY\\Local account' },
      ]);
      assert.deepEqual(namesOf(onlyEntry(result, 'SeDenyServiceLogonRight').holders), [
        'ADD YOUR DOMAIN ADMINS',
        'ADD YOUR ENTERPRISE ADMINS',
      ]);
      assert.deepEqual(onlyEntry(result, 'SeCreateTokenPrivilege').holders, []);
    });

    it('nsa-shb-win10-stig-v10.1.0: network logon for Administrators only', () => {
      const result = parseCorpus('nsa-shb-win10-stig-v10.1.0');
      assert.deepEqual(result.gpos, [
        { id: '{356FB116-26CD-4FBF-830B-6D736B802FD7}', name: 'DoD Windows 10 STIG - Computer (SHB v10.1.0)' },
      ]);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.assignments.length, 27);
      assert.deepEqual(onlyEntry(result, 'SeNetworkLogonRight').holders, [
        { kind: 'sid', sid: 'S-1-5-32-544', written: 'S-1-5-32-544', name: 'BUILTIN\\Administrators' },
      ]);
      assert.deepEqual(sidsOf(onlyEntry(result, 'SeDenyNetworkLogonRight').holders), ['S-1-5-32-546']);
      assert.equal(entriesFor(result, 'SeBatchLogonRight').length, 0);
    });

    it('msft-ws1909-member-server: network-logon deny for S-1-5-114 with its display name', () => {
      const result = parseCorpus('msft-ws1909-member-server');
      assert.deepEqual(result.gpos, [
        { id: '{996B3F87-FC3E-4E1D-9194-77D5C77D5C22}', name: 'MSFT Windows Server 1909 - Member Server' },
      ]);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.assignments.length, 23);
      assert.deepEqual(onlyEntry(result, 'SeDenyNetworkLogonRight').holders, [
        {
          kind: 'sid',
          sid: 'S-1-5-114',
          written: 'S-1-5-114',
          name: 'NT AUTHORITY\\Local account and member of Administrators group',
        },
      ]);
      assert.deepEqual(sidsOf(onlyEntry(result, 'SeNetworkLogonRight').holders), ['S-1-5-32-544', 'S-1-5-11']);
    });

    it('agrees with the GptTmpl.inf each report was made from: same rights, same SIDs, same unresolved names', () => {
      const pairs = [
        ['disa-ws2019-ms-2021q3', 'disa-ws2019-ms-2021q3-placeholders'],
        ['nsa-shb-win10-stig-v10.1.0', 'nsa-shb-win10-stig-v10.1.0'],
        ['msft-ws1909-member-server', 'msft-ws1909-member-server'],
      ] as const;
      for (const [report, inf] of pairs) {
        const result = parseCorpus(report);
        const template = parseSecurityTemplate(readShared('corpus', 'secedit-inf', `${inf}.GptTmpl.inf`), inf);
        const rights = template.privilegeRights!;
        assert.deepEqual(result.assignments.map((entry) => entry.right).sort(), [...rights.keys()].sort(), report);
        for (const entry of result.assignments) {
          const fromInf = rights.get(entry.right)!.holders;
          assert.deepEqual(sidsOf(entry.holders).sort(), sidsOf(fromInf).sort(), `${report} ${entry.right}`);
          assert.deepEqual(namesOf(entry.holders).sort(), namesOf(fromInf).sort(), `${report} ${entry.right}`);
        }
      }
    });
  });

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

  describe('robustness', () => {
    it('throws nothing but InputError for corrupted copies of the fixtures', () => {
      const sources = [
        Buffer.from(fixtureText(WEB01), 'utf8'),
        Buffer.from(utf16leWithBom(fixtureText(BASELINE_REPORT))),
      ];
      fc.assert(
        fc.property(
          fc.constantFrom(...sources),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
          fc.option(fc.nat(), { nil: undefined }),
          (source, flips, cut) => {
            const bytes = Buffer.from(source);
            for (const [position, value] of flips) bytes[position % bytes.length] = value;
            const input = cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
            try {
              parseGroupPolicyXml(input, 'fuzz.xml');
            } catch (error) {
              if (!(error instanceof InputError)) throw error;
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
