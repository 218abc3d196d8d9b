import assert from 'node:assert/strict';
import { compareGroupPolicySources } from '../../src/core/group-policy-sources';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import type { GroupPolicyResult, Snapshot } from '../../src/core/model';
import {
  accounts,
  gpoAssignment,
  groupPolicyResult,
  iis,
  LOCAL_ANON,
  scope,
  template,
  WEB01,
} from '../helpers/builders';

/** gpresult.xml and rsop.json that disagree: a diagnostic naming both files and the right, and rsop.json wins. */

const A = '{AAAAAAAA-2222-3333-4444-555555555555}';
const B = '{BBBBBBBB-2222-3333-4444-555555555555}';

function rsop(...assignments: ReturnType<typeof gpoAssignment>[]): GroupPolicyResult {
  return {
    ...groupPolicyResult(
      assignments.map((assignment) => ({ ...assignment, file: 'rsop.json' })),
      'rsop.json',
    ),
    kind: 'rsop',
  };
}

describe('two Group Policy sources', () => {
  it('agreeing sources (same GPO, same holders in any order, SID or name) give no diagnostic', () => {
    const report = groupPolicyResult([
      gpoAssignment('SeNetworkLogonRight', ['*S-1-5-11', '*S-1-5-32-544', 'CONTOSO\\Web'], 'Baseline', A),
    ]);
    assert.deepEqual(
      compareGroupPolicySources([
        report,
        rsop(gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544', 'contoso\\web', '*S-1-5-11'], 'Baseline', A)),
      ]),
      [],
    );
    assert.deepEqual(compareGroupPolicySources([report]), [], 'one source alone has nothing to disagree with');
  });

  it('another winning GPO, another list, or a right only one of them defines: one warning per right naming both files', () => {
    const report = groupPolicyResult([
      gpoAssignment('SeBatchLogonRight', ['*S-1-5-32-544'], 'Old Baseline', A),
      gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'], 'Baseline', A),
      gpoAssignment('SeServiceLogonRight', ['*S-1-5-80-0'], 'Baseline', A),
    ]);
    const diagnostics = compareGroupPolicySources([
      report,
      rsop(
        gpoAssignment('SeBatchLogonRight', ['*S-1-5-32-544'], 'New Baseline', B),
        gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544', '*S-1-5-11'], 'Baseline', A),
      ),
    ]);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.file]),
      Array(3).fill(['group-policy-sources-disagree', 'warning', 'rsop.json']),
    );
    assert.equal(
      diagnostics[0]!.message,
      `gpresult.xml and rsop.json disagree on SeBatchLogonRight: gpresult.xml says GPO "Old Baseline" ${A} defines it with 1 holder (*S-1-5-32-544), rsop.json says GPO "New Baseline" ${B} defines it with 1 holder (*S-1-5-32-544); rsop.json is used (precedence rsop.json over gpresult.xml). Collect both again at the same time to be sure.`,
    );
    assert.match(
      diagnostics[1]!.message,
      /SeNetworkLogonRight: .* with 1 holder \(\*S-1-5-32-544\), rsop\.json says .* with 2 holders/,
    );
    assert.match(
      diagnostics[2]!.message,
      /SeServiceLogonRight: gpresult\.xml says GPO "Baseline" .*, rsop\.json says no GPO defines it;/,
    );
  });

  it('compares holders as sets of SIDs and names, lists every right in order, and points at the rsop.json line', () => {
    const report = groupPolicyResult([
      gpoAssignment('SeServiceLogonRight', ['CONTOSO\\Web Ops'], 'Baseline', A),
      gpoAssignment('SeBatchLogonRight', ['*S-1-5-32-544', '*S-1-5-32-551'], 'Baseline', A),
      gpoAssignment('SeInteractiveLogonRight', [], 'Baseline', A),
    ]);
    const diagnostics = compareGroupPolicySources([
      report,
      rsop(
        { ...gpoAssignment('SeServiceLogonRight', ['CONTOSO\\Web Admins'], 'Baseline', A), line: 7 },
        gpoAssignment('SeBatchLogonRight', ['*S-1-5-32-544', '*S-1-5-32-545'], 'Baseline', A),
        gpoAssignment('SeNetworkLogonRight', ['*S-1-5-11'], 'Baseline', A),
      ),
    ]);
    const says = (holders: string) => `GPO "Baseline" ${A} defines it with ${holders}`;
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.message.replace(/; rsop\.json is used .*$/, ''), diagnostic.line]),
      [
        [
          `gpresult.xml and rsop.json disagree on SeBatchLogonRight: gpresult.xml says ${says('2 holders (*S-1-5-32-544, *S-1-5-32-551)')}, rsop.json says ${says('2 holders (*S-1-5-32-544, *S-1-5-32-545)')}`,
          undefined,
        ],
        [
          `gpresult.xml and rsop.json disagree on SeInteractiveLogonRight: gpresult.xml says ${says('0 holders (none)')}, rsop.json says no GPO defines it`,
          undefined,
        ],
        [
          `gpresult.xml and rsop.json disagree on SeNetworkLogonRight: gpresult.xml says no GPO defines it, rsop.json says ${says('1 holder (*S-1-5-11)')}`,
          undefined,
        ],
        [
          `gpresult.xml and rsop.json disagree on SeServiceLogonRight: gpresult.xml says ${says('1 holder (CONTOSO\\Web Ops)')}, rsop.json says ${says('1 holder (CONTOSO\\Web Admins)')}`,
          7,
        ],
      ],
    );
  });

  it('the judgement carries the diagnostic and applies rsop.json, whichever order the sources come in', () => {
    const report = groupPolicyResult([gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'], 'Narrow', A)]);
    const wmi = rsop(gpoAssignment('SeNetworkLogonRight', ['*S-1-1-0'], 'Wide', B));
    for (const groupPolicy of [
      [report, wmi],
      [wmi, report],
    ]) {
      const snapshot: Snapshot = {
        name: 'WEB01',
        localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
        iis: iis([scope({ userName: 'WEB01\\anon' })]),
        groupPolicy,
        accounts: accounts(LOCAL_ANON),
        host: WEB01,
      };
      const { evaluation } = judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] });
      assert.deepEqual(
        evaluation.diagnostics.filter((diagnostic) => diagnostic.code === 'group-policy-sources-disagree').length,
        1,
      );
      assert.equal(evaluation.findings[0]!.status, 'ok');
      assert.equal(evaluation.findings[0]!.allowRightOwner!.name, 'Wide');
    }
  });
});
