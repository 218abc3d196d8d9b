import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { winningAssignments } from '../../src/core/group-policy';
import type { GroupPolicyResult } from '../../src/core/model';
import { SECURITY_NS, parseGroupPolicyXml } from '../../src/parse/gpresult';
import { parseSecurityTemplate } from '../../src/parse/secedit-inf';
import { readShared, skipUnlessShared } from '../helpers/shared';
import {
  BASELINE_REPORT,
  DEFAULT_DOMAIN_POLICY,
  SERVER_BASELINE,
  WEB01,
  entriesFor,
  fixtureText,
  lineOf,
  namesOf,
  onlyEntry,
  parseText,
  sidsOf,
  utf16leWithBom,
} from './gpresult-helpers';

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
