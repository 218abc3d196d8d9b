import assert from 'node:assert/strict';
import { describeGpo, findPrecedenceClashes, normalizeGpoId, winningAssignments } from '../../src/core/group-policy';
import { join } from 'node:path';
import type { GpoRightAssignment, GroupPolicyObjectRef, GroupPolicyResult } from '../../src/core/model';

import { REPO_ROOT } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';

const BASELINE: GroupPolicyObjectRef = {
  id: '{7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47}',
  name: 'Contoso Server Baseline',
};
const DOMAIN: GroupPolicyObjectRef = { id: '{31B2F340-016D-11D2-945F-00C04FB984F9}', name: 'Default Domain Policy' };

function assignment(
  right: string,
  gpo: GroupPolicyObjectRef,
  precedence: number,
  sid = 'S-1-5-32-544',
): GpoRightAssignment {
  return { right, holders: [{ kind: 'sid', sid, written: `*${sid}` }], gpo, precedence, file: 'rsop.json' };
}

function result(assignments: GpoRightAssignment[]): GroupPolicyResult {
  return { file: 'rsop.json', kind: 'rsop', gpos: [BASELINE, DOMAIN], assignments, diagnostics: [] };
}

describe('Group Policy helpers (core/group-policy)', () => {
  describe('normalizeGpoId', () => {
    it('upper-cases and braces GUIDs from every spelling the sources use', () => {
      for (const text of [
        '{6AC1786C-016F-11D2-945F-00C04fB984F9}',
        '6ac1786c-016f-11d2-945f-00c04fb984f9',
        '  {6ac1786c-016f-11d2-945f-00c04fb984f9}\r\n',
        'CN={6AC1786C-016F-11D2-945F-00C04fB984F9},CN=Policies,CN=System,DC=contoso,DC=com',
        'LDAP://cn={6ac1786c-016f-11d2-945f-00c04fb984f9},cn=policies,cn=system,DC=contoso,DC=com',
        'CN=6AC1786C-016F-11D2-945F-00C04FB984F9,CN=Policies,CN=System',
      ]) {
        assert.equal(normalizeGpoId(text), '{6AC1786C-016F-11D2-945F-00C04FB984F9}', JSON.stringify(text));
      }
    });

    it('accepts LocalGPO in any case', () => {
      assert.equal(normalizeGpoId('LocalGPO'), 'LocalGPO');
      assert.equal(normalizeGpoId(' localgpo '), 'LocalGPO');
    });

    it('rejects everything else', () => {
      for (const text of [
        '',
        'Default Domain Policy',
        '{6AC1786C-016F-11D2-945F-00C04FB984F9',
        '6AC1786C-016F-11D2-945F-00C04FB984F9}',
        '{{6AC1786C-016F-11D2-945F-00C04FB984F9}}',
        '{6AC1786C-016F-11D2-945F-00C04FB984FG}',
        '{6AC1786C016F11D2945F00C04FB984F9}',
        'CN={6AC1786C-016F-11D2-945F-00C04FB984F9},CN=Policies',
        'CN={6AC1786C-016F-11D2-945F-00C04FB984F9},CN=Policies,CN=Systems',
        'CN=Default,CN=Policies,CN=System,DC=contoso,DC=com',
        'LocalGPO2',
        // One brace with a character on the other side: stripping both ends would leave a GUID.
        '{6AC1786C-016F-11D2-945F-00C04FB984F9x',
        'x6AC1786C-016F-11D2-945F-00C04FB984F9}',
        // The directory path must start the text, not be found inside it.
        'OU=x,CN={6AC1786C-016F-11D2-945F-00C04FB984F9},CN=Policies,CN=System',
      ]) {
        assert.equal(normalizeGpoId(text), undefined, JSON.stringify(text));
      }
    });
  });

  describe('describeGpo', () => {
    it('gives the name and the GUID, or the GUID alone when it stands in for the name', () => {
      assert.equal(describeGpo(BASELINE), 'GPO "Contoso Server Baseline" {7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47}');
      assert.equal(describeGpo({ id: DOMAIN.id, name: DOMAIN.id }), 'GPO {31B2F340-016D-11D2-945F-00C04FB984F9}');
    });

    it('names a --with-gpo baseline by its file (a template), or by its GPO and the file (a GPO report)', () => {
      const file = 'C:\\Baselines\\GptTmpl.inf';
      assert.equal(describeGpo({ id: 'GptTmpl.inf', name: file, baseline: file }), `baseline ${file} (not linked)`);
      assert.equal(
        describeGpo({ ...BASELINE, baseline: 'contoso.xml' }),
        'baseline GPO "Contoso Server Baseline" from contoso.xml (not linked)',
      );
      // As explain tells it, for the example template.
      const template = join(REPO_ROOT, 'examples', 'baselines', 'GptTmpl.inf');
      const run = runInProcess([
        'explain',
        '--snapshot',
        join(REPO_ROOT, 'examples', 'snapshots', 'iis10-healthy'),
        '--with-gpo',
        template,
      ]);
      assert.equal(run.status, 0, run.stderr);
      assert.ok(run.stdout.replace(/\n +/g, ' ').includes(`Baseline ${template} (not linked) owns`), run.stdout);
    });
  });

  describe('findPrecedenceClashes', () => {
    it('pairs entries of one right that share a precedence, earlier first, and nothing else', () => {
      const first = assignment('SeNetworkLogonRight', BASELINE, 1);
      const second = assignment('SeNetworkLogonRight', DOMAIN, 1);
      const losers = [assignment('SeBatchLogonRight', BASELINE, 2), assignment('SeBatchLogonRight', DOMAIN, 2)];
      const clashes = findPrecedenceClashes([
        first,
        assignment('SeNetworkLogonRight', DOMAIN, 2),
        assignment('SeBatchLogonRight', BASELINE, 1),
        second,
        ...losers,
      ]);
      assert.deepEqual(clashes, [
        { right: 'SeNetworkLogonRight', precedence: 1, first, second },
        { right: 'SeBatchLogonRight', precedence: 2, first: losers[0], second: losers[1] },
      ]);
    });

    it('finds none when every right has distinct precedences', () => {
      assert.deepEqual(
        findPrecedenceClashes([
          assignment('SeNetworkLogonRight', BASELINE, 1),
          assignment('SeNetworkLogonRight', DOMAIN, 2),
          assignment('SeBatchLogonRight', DOMAIN, 1),
        ]),
        [],
      );
    });
  });

  describe('winningAssignments', () => {
    it('maps each right to its precedence-1 entry, wherever it sits in the list', () => {
      const loser = assignment('SeNetworkLogonRight', DOMAIN, 2, 'S-1-1-0');
      const winner = assignment('SeNetworkLogonRight', BASELINE, 1, 'S-1-5-32-544');
      const batch = assignment('SeBatchLogonRight', DOMAIN, 1, 'S-1-5-32-568');
      const winners = winningAssignments(result([loser, winner, batch]));
      assert.deepEqual(
        [...winners.entries()],
        [
          ['SeNetworkLogonRight', winner],
          ['SeBatchLogonRight', batch],
        ],
      );
    });

    it('leaves out a right with only losing entries', () => {
      const winners = winningAssignments(
        result([assignment('SeServiceLogonRight', DOMAIN, 2), assignment('SeServiceLogonRight', BASELINE, 3)]),
      );
      assert.equal(winners.size, 0);
    });

    it('keeps the first of two precedence-1 entries in a hand-built result', () => {
      const first = assignment('SeNetworkLogonRight', BASELINE, 1);
      const winners = winningAssignments(result([first, assignment('SeNetworkLogonRight', DOMAIN, 1)]));
      assert.equal(winners.get('SeNetworkLogonRight'), first);
    });

    it('is empty for a result without assignments', () => {
      assert.equal(winningAssignments(result([])).size, 0);
    });
  });
});
