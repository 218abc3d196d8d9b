import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { winningAssignments } from '../../src/core/group-policy';
import { parseGroupPolicyXmlText } from '../../src/parse/gpresult';
import { parseRsopJsonText } from '../../src/parse/rsop-json';
import { BASELINE, DEFAULT_DOMAIN_POLICY, FILE, FIXTURES, entry, identities, parse } from './rsop-json-helpers';

describe('RSoP JSON parser (rsop.json)', () => {
  describe('valid documents', () => {
    it('reads the documented example: starred and bare SIDs become SID holders, other entries names', () => {
      const result = parse([
        {
          right: 'SeNetworkLogonRight',
          accounts: ['*S-1-5-32-544', 'CONTOSO\\Web Admins', 'S-1-5-11'],
          precedence: 1,
          gpoId: '{7d2c4b9e-3f1a-4c6d-9e85-2b1f0a6c3d47}',
          gpoName: 'Contoso Server Baseline',
        },
      ]);
      assert.equal(result.kind, 'rsop');
      assert.equal(result.file, FILE);
      assert.deepEqual(result.gpos, [{ id: BASELINE, name: 'Contoso Server Baseline' }]);
      assert.deepEqual(result.diagnostics, []);
      assert.deepEqual(result.assignments, [
        {
          right: 'SeNetworkLogonRight',
          holders: [
            { kind: 'sid', sid: 'S-1-5-32-544', written: '*S-1-5-32-544' },
            { kind: 'name', name: 'CONTOSO\\Web Admins', written: 'CONTOSO\\Web Admins' },
            { kind: 'sid', sid: 'S-1-5-11', written: 'S-1-5-11' },
          ],
          gpo: { id: BASELINE, name: 'Contoso Server Baseline' },
          precedence: 1,
          file: FILE,
        },
      ]);
    });

    it('accepts the GPO as {GUID}, bare GUID, RSoP directory path (with or without LDAP://), or LocalGPO', () => {
      const ids = [
        'CN={7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47},CN=Policies,CN=System,DC=contoso,DC=com',
        'LDAP://cn={7d2c4b9e-3f1a-4c6d-9e85-2b1f0a6c3d47},cn=policies,cn=system,DC=contoso,DC=com',
        '7d2c4b9e-3f1a-4c6d-9e85-2b1f0a6c3d47',
        ' {7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47} ',
      ];
      for (const gpoId of ids) assert.equal(parse([entry({ gpoId })]).assignments[0]!.gpo.id, BASELINE, gpoId);
      assert.deepEqual(parse([entry({ gpoId: 'LocalGPO', gpoName: 'Local Group Policy' })]).gpos, [
        { id: 'LocalGPO', name: 'Local Group Policy' },
      ]);
    });

    it('shares one GPO reference, named by whichever entry names it, the GUID when none does', () => {
      const unnamed = '{0F5A8C3D-1B2E-4D6F-8A9B-C0D1E2F3A4B5}';
      const result = parse([
        entry({ right: 'SeBatchLogonRight', gpoName: undefined }),
        entry({ right: 'SeNetworkLogonRight', gpoName: 'Contoso Server Baseline' }),
        entry({ right: 'SeServiceLogonRight', gpoId: unnamed, gpoName: null }),
        entry({ right: 'SeInteractiveLogonRight', gpoId: unnamed, gpoName: '  ' }),
      ]);
      assert.deepEqual(result.gpos, [
        { id: BASELINE, name: 'Contoso Server Baseline' },
        { id: unnamed, name: unnamed },
      ]);
      assert.equal(result.assignments[0]!.gpo, result.assignments[1]!.gpo);
      assert.equal(result.assignments[0]!.gpo.name, 'Contoso Server Baseline');
    });

    it('treats accounts null or [] as defined with no holders', () => {
      const result = parse([
        entry({ right: 'SeCreateTokenPrivilege', accounts: null }),
        entry({ right: 'SeTcbPrivilege', accounts: [] }),
      ]);
      assert.deepEqual(
        result.assignments.map((assignment) => assignment.holders),
        [[], []],
      );
    });

    it('canonicalizes right names and keeps an unknown right with a warning', () => {
      const result = parse([entry({ right: ' senetworklogonright ' }), entry({ right: 'SeMadeUpRight' })]);
      assert.deepEqual(
        result.assignments.map((assignment) => assignment.right),
        ['SeNetworkLogonRight', 'SeMadeUpRight'],
      );
      assert.deepEqual(
        result.diagnostics.map((d) => [d.code, d.severity, d.file]),
        [['unknown-right', 'warning', FILE]],
      );
      assert.match(result.diagnostics[0]!.message, /"SeMadeUpRight" at \/1\/right/);
    });

    it('accepts an empty array', () => {
      assert.deepEqual(parse([]), { file: FILE, kind: 'rsop', gpos: [], assignments: [], diagnostics: [] });
    });

    it('warns, without rejecting, about two losing entries of one right at the same precedence', () => {
      const result = parse([
        entry(),
        entry({ precedence: 2, gpoId: DEFAULT_DOMAIN_POLICY, gpoName: 'Default Domain Policy' }),
        entry({ precedence: 2 }),
      ]);
      assert.deepEqual(
        result.diagnostics.map((d) => d.code),
        ['duplicate-precedence'],
      );
      assert.match(result.diagnostics[0]!.message, /\/1\).*\/2\)/);
    });

    it('web01.rsop.json gives the same GPOs and winning holders as the web01 gpresult /x report', () => {
      const rsop = parseRsopJsonText(readFileSync(join(FIXTURES, 'web01.rsop.json'), 'utf8'), 'web01.rsop.json');
      const gpresult = parseGroupPolicyXmlText(
        readFileSync(join(FIXTURES, 'web01.gpresult.xml'), 'utf8'),
        'web01.gpresult.xml',
      );
      assert.deepEqual(rsop.diagnostics, []);
      const fromRsop = winningAssignments(rsop);
      const fromXml = winningAssignments(gpresult);
      assert.deepEqual([...fromRsop.keys()], [...fromXml.keys()]);
      for (const [right, winner] of fromRsop) {
        assert.deepEqual(winner.gpo, fromXml.get(right)!.gpo, right);
        assert.deepEqual(identities(winner.holders), identities(fromXml.get(right)!.holders), right);
      }
      assert.deepEqual(
        rsop.assignments.map((assignment) => [assignment.right, assignment.precedence]),
        gpresult.assignments.map((assignment) => [assignment.right, assignment.precedence]),
      );
    });
  });
});
