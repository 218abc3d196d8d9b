import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadFactsValue } from '../../src/io/facts';
import { snapshotAfterPlan } from '../../src/core/plan-effect';
import { REPO_ROOT } from '../helpers/cli';
import { factsFromFolder } from '../helpers/facts';
import { runInProcess } from '../helpers/in-process';

/**
 * DSC what-if predicts the state Set leaves: the plan's actions applied to the local policy as
 * LSA applies them (a revoke removes the SID's entry even where secedit wrote it by name, the
 * name resolved through the snapshot's accounts.json), then judged again. Entries no account
 * resolves stay as they are.
 */

const ANON_SHOP = 'S-1-5-21-2011844671-2342893436-4137841088-1003';

/** iis10-local-account-denied with the anonymous user of Shop denied by name, beside a name nobody resolves. */
function deniedByName() {
  const facts = factsFromFolder(join(REPO_ROOT, 'examples', 'snapshots', 'iis10-local-account-denied'), 'WEB02');
  const secedit = facts.files['secedit.inf']!;
  const changed = secedit.replace(
    'SeDenyNetworkLogonRight = *S-1-5-32-546,*S-1-5-113',
    'SeDenyNetworkLogonRight = *S-1-5-32-546,WEB02\\anon-shop,CONTOSO\\nobody',
  );
  assert.notEqual(changed, secedit, 'the example denies the network logon as written here');
  return { ...facts, files: { ...facts.files, 'secedit.inf': changed } };
}

describe('what-if: the snapshot after a plan', () => {
  it('dsc whatif: the revoke of an entry written by name leaves every finding ok, where test reports the deny', () => {
    const facts = deniedByName();
    const dsc = (operation: string) => {
      const run = runInProcess(['dsc', operation], JSON.stringify({ desired: { scope: '*' }, facts }));
      assert.equal(run.status, 0, run.stderr);
      return JSON.parse(run.stdout) as {
        inDesiredState: boolean;
        findings: { site: string; path: string; status: string }[];
        actions: { action: string; right: string; sid: string }[];
      };
    };
    const shop = (findings: { site: string; path: string; status: string }[]) =>
      findings.filter((finding) => finding.site === 'Shop').map((finding) => [finding.path, finding.status]);
    const now = dsc('test');
    assert.equal(now.inDesiredState, false);
    assert.deepEqual(shop(now.findings).slice(0, 1), [['/', 'denied']]);
    assert.deepEqual(
      dsc('set').actions.map((action) => [action.action, action.right, action.sid]),
      [['revoke', 'SeDenyNetworkLogonRight', ANON_SHOP]],
    );
    const after = dsc('whatif');
    assert.equal(after.inDesiredState, true);
    assert.ok(
      after.findings.every((finding) => finding.status === 'ok' || finding.status === 'not-required'),
      JSON.stringify(after.findings),
    );
  });

  it('removes exactly the entry that resolves to the SID, and keeps one no account resolves', () => {
    const snapshot = loadFactsValue(deniedByName(), 'facts');
    const after = snapshotAfterPlan(snapshot, [
      { action: 'revoke', right: 'SeDenyNetworkLogonRight', sid: ANON_SHOP },
      { action: 'grant', right: 'SeBatchLogonRight', sid: ANON_SHOP },
    ]);
    const written = (right: string) =>
      after.localPolicy.privilegeRights!.get(right)!.holders.map((holder) => holder.written);
    assert.deepEqual(written('SeDenyNetworkLogonRight'), ['*S-1-5-32-546', 'CONTOSO\\nobody']);
    assert.deepEqual(written('SeBatchLogonRight').slice(-1), [`*${ANON_SHOP}`]);
    assert.deepEqual(
      snapshot.localPolicy.privilegeRights!.get('SeDenyNetworkLogonRight')!.holders.map((holder) => holder.written),
      ['*S-1-5-32-546', 'WEB02\\anon-shop', 'CONTOSO\\nobody'],
      'the snapshot given is left as it was',
    );
  });
});
