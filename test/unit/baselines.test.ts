import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASELINE_DENY_ENTRIES, baselineDenyEntry } from '../../src/core/baselines';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { buildPlan, holderSids } from '../../src/core/plan';
import { LOGON_RIGHTS } from '../../src/core/rights';
import { loadSnapshotFolder } from '../../src/io/snapshot';
import { explainFinding } from '../../src/render/story';

/** A deny entry a baseline requires: the identity-side fix first, and the edit named as a conflict. */

const FIXTURES = join(__dirname, '..', 'fixtures', 'logon');

describe('remediation that respects baselines', () => {
  it('the table names deny rights and SIDs only', () => {
    for (const entry of BASELINE_DENY_ENTRIES) {
      assert.equal(LOGON_RIGHTS.get(entry.right)?.kind, 'deny', entry.right);
      assert.match(entry.sid, /^S-1-5-/);
    }
    assert.equal(baselineDenyEntry('SeDenyNetworkLogonRight', 'S-1-5-113')?.name, 'NT AUTHORITY\\Local account');
    assert.equal(baselineDenyEntry('SeNetworkLogonRight', 'S-1-5-113'), undefined);
  });

  it('a local anonymous account denied through S-1-5-113: plan and explain put the domain account first and call the edit a conflict', () => {
    const { evaluation, policy } = judgeSnapshot(
      loadSnapshotFolder(join(FIXTURES, 'local-account-sids-ws2008r2-kb2871997')),
      { ruleSet: 'documented', withGpo: [] },
    );
    const plan = buildPlan(evaluation, policy, { allowTemporaryFix: false });
    assert.deepEqual(plan.actions, []);
    assert.equal(plan.refused.length, 1);
    const [refused] = plan.refused;
    assert.match(
      refused!.reason,
      /through NT AUTHORITY\\Local account \(S-1-5-113\), a SID Windows adds to the token itself; .*; removing .* would conflict with the DISA STIG/,
    );
    assert.match(
      refused!.fix,
      /^Identity-side fix first: make the anonymous user a domain account, or the application pool identity .* instead of the local account WEB18\\anon-shop; .* Only if that is impossible: remove \*S-1-5-113 from SeDenyNetworkLogonRight in local policy, as a documented exception/,
    );
    const explanation = explainFinding(evaluation.findings[0]!, policy, holderSids(evaluation.findings)).join('\n');
    assert.ok(explanation.indexOf('Identity-side fix first') < explanation.indexOf('conflicts with the DISA STIG'));
    assert.doesNotMatch(explanation, /check with your baseline's owner/);
  });

  it('a deny through a group no baseline requires keeps the plain fix', () => {
    const { evaluation, policy } = judgeSnapshot(loadSnapshotFolder(join(FIXTURES, 'worker-process-iis10')), {
      ruleSet: 'documented',
      withGpo: [],
    });
    const refused = buildPlan(evaluation, policy, { allowTemporaryFix: false }).refused.find(
      (entry) => entry.account === 'CONTOSO\\svc-api',
    )!;
    assert.match(refused.fix, /^Remove CONTOSO\\svc-api from CONTOSO\\Deny-Service-Logon/);
    assert.doesNotMatch(refused.reason, /conflict/);
  });
});
