import assert from 'node:assert/strict';
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

/**
 * judgeSnapshot joins the snapshot's own Group Policy, the --with-gpo baselines and the local
 * policy. These pin what the join decides: whether a refresh is projected at all, which layer
 * wins, that the Local Group Policy object owns nothing, and that no source's warnings are lost.
 */

const ANON = LOCAL_ANON.sid;
const LOCAL_GPO = { id: 'LocalGPO', name: 'Local Group Policy' };

function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    name: 'WEB01',
    localPolicy: template({ SeNetworkLogonRight: [`*${ANON}`] }),
    iis: iis([scope({ userName: 'WEB01\\anon' })]),
    groupPolicy: [],
    accounts: accounts(LOCAL_ANON),
    host: WEB01,
    ...overrides,
  };
}

function onlyFinding(of: Snapshot, withGpo: GroupPolicyResult[] = []) {
  const { evaluation, policy } = judgeSnapshot(of, { ruleSet: 'documented', withGpo });
  const findings = evaluation.findings.filter(
    (finding) => finding.status !== 'not-required' && finding.role === 'anonymous-user',
  );
  assert.equal(findings.length, 1);
  return { finding: findings[0]!, evaluation, policy };
}

describe('judgeSnapshot', () => {
  let revoking: GroupPolicyResult;
  let granting: GroupPolicyResult;
  before(() => {
    revoking = groupPolicyResult([gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'])]);
    granting = groupPolicyResult(
      [
        gpoAssignment(
          'SeNetworkLogonRight',
          ['*S-1-5-32-544', `*${ANON}`],
          'Web Baseline',
          '{AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}',
        ),
      ],
      'baseline.inf',
    );
  });

  it('without any Group Policy data projects no refresh: afterRefresh is null and the policy says so', () => {
    const { finding, policy } = onlyFinding(snapshot());
    assert.equal(finding.status, 'ok');
    assert.equal(finding.afterRefresh, null);
    assert.equal(policy.hasGroupPolicyData, false);
  });

  it("with the snapshot's own Group Policy, the winning GPO replaces the local list at the refresh", () => {
    const { finding, policy } = onlyFinding(snapshot({ groupPolicy: [revoking] }));
    assert.equal(finding.status, 'revoked-at-refresh');
    assert.deepEqual(finding.afterRefresh, { grantedBy: [], deniedBy: [] });
    assert.equal(policy.hasGroupPolicyData, true);
    assert.equal(policy.owner('SeNetworkLogonRight')?.name, 'CONTOSO Server Baseline');
  });

  it("a --with-gpo baseline alone counts as Group Policy data, and wins over the snapshot's GPO", () => {
    const alone = onlyFinding(snapshot(), [revoking]);
    assert.equal(alone.finding.status, 'revoked-at-refresh');
    assert.equal(alone.policy.hasGroupPolicyData, true);
    const layered = onlyFinding(snapshot({ groupPolicy: [revoking] }), [granting]);
    assert.equal(layered.finding.status, 'ok');
    assert.deepEqual(layered.finding.afterRefresh, { grantedBy: [ANON], deniedBy: [] });
    assert.equal(layered.policy.owner('SeNetworkLogonRight')?.name, 'Web Baseline');
  });

  it('a right whose winner is the Local Group Policy object stays locally owned: no GPO owns it, the local list holds', () => {
    const local = groupPolicyResult([{ ...gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544']), gpo: LOCAL_GPO }]);
    const { finding, policy } = onlyFinding(snapshot({ localPolicy: template({}), groupPolicy: [local] }));
    assert.equal(policy.owner('SeNetworkLogonRight'), null);
    assert.equal(finding.status, 'missing');
    assert.equal(finding.allowRightOwner, null);
    assert.equal(onlyFinding(snapshot({ groupPolicy: [local] })).finding.status, 'ok');
  });

  it("keeps every source's diagnostics, in order: local policy, the snapshot's GPOs, the baselines, then the evaluation", () => {
    const localPolicy = {
      ...template({ SeNetworkLogonRight: [`*${ANON}`] }),
      diagnostics: [{ code: 'from-local', severity: 'warning' as const, message: 'local' }],
    };
    const own = groupPolicyResult([], 'gpresult.xml', [
      { code: 'from-gpresult', severity: 'info' as const, message: 'gpresult' },
    ]);
    const baseline = groupPolicyResult([], 'baseline.inf', [
      { code: 'from-baseline', severity: 'warning' as const, message: 'baseline' },
    ]);
    const { evaluation } = judgeSnapshot(snapshot({ localPolicy, groupPolicy: [own] }), {
      ruleSet: 'documented',
      withGpo: [baseline],
    });
    assert.deepEqual(evaluation.diagnostics.map((diagnostic) => diagnostic.code).slice(0, 3), [
      'from-local',
      'from-gpresult',
      'from-baseline',
    ]);
  });
});
