import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  makeSnapshotFolder,
  MINIMAL_ACCOUNTS,
  MINIMAL_APPLICATION_HOST,
  MINIMAL_SECEDIT,
  REPO_ROOT,
  runBundle,
  utf16le,
} from '../helpers/cli';

function planFor(secedit: string, ...extra: string[]) {
  const folder = makeSnapshotFolder({
    'secedit.inf': utf16le(secedit),
    'applicationHost.config': MINIMAL_APPLICATION_HOST,
    'accounts.json': MINIMAL_ACCOUNTS,
  });
  try {
    const run = runBundle(['plan', '--snapshot', folder.path, '--format', 'json', ...extra]);
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
  } finally {
    folder.cleanup();
  }
}

const ANON = 'S-1-5-21-1000-2000-3000-1005';

describe('plan and check-plan (built bundle)', () => {
  it('grants the missing right to the identity only, with its undo', () => {
    const plan = planFor(
      MINIMAL_SECEDIT.replace('*S-1-1-0,*S-1-5-32-544,*S-1-5-32-545,*S-1-5-32-551', '*S-1-5-32-544'),
    );
    assert.deepEqual(
      plan.actions.map((action: Record<string, unknown>) => [
        action.action,
        action.right,
        action.sid,
        action.temporary,
      ]),
      [['grant', 'SeNetworkLogonRight', ANON, false]],
    );
    assert.deepEqual(plan.undo, [
      { action: 'revoke', right: 'SeNetworkLogonRight', sid: ANON, account: 'WEB01\\anon', temporary: false },
    ]);
    assert.match(plan.verify, /collect the snapshot again and run test/);
  });

  it("revokes the identity's own SID from a deny right but refuses a deny through a computed SID", () => {
    const plan = planFor(
      MINIMAL_SECEDIT.replace('SeDenyNetworkLogonRight = Guest', `SeDenyNetworkLogonRight = Guest,*${ANON},*S-1-5-113`),
    );
    assert.deepEqual(
      plan.actions.map((action: Record<string, unknown>) => `${action.action} ${action.right} ${action.sid}`),
      [`revoke SeDenyNetworkLogonRight ${ANON}`],
    );
    assert.equal(plan.refused.length, 1);
    assert.match(plan.refused[0].reason, /S-1-5-113/);
    // A STIG requires that deny entry, so the identity-side fix comes first and the edit is the exception.
    assert.match(
      plan.refused[0].fix,
      /^Identity-side fix first: .* Only if that is impossible: remove \*S-1-5-113 from SeDenyNetworkLogonRight in local policy, as a documented exception/,
    );
  });

  it('prints an empty plan for a snapshot in the desired state', () => {
    const plan = planFor(MINIMAL_SECEDIT);
    assert.deepEqual([plan.actions, plan.undo, plan.refused, plan.gpoEdits], [[], [], [], []]);
  });

  it('refuses GPO-owned findings without --allow-temporary-fix, and marks actions temporary with it', () => {
    const snapshot = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-gpo-blocked');
    const refused = JSON.parse(runBundle(['plan', '--snapshot', snapshot, '--format', 'json']).stdout);
    assert.deepEqual(refused.actions, []);
    assert.equal(refused.refused[0].status, 'gpo-blocked');
    assert.match(refused.refused[0].fix, /in GPO "CONTOSO Hardened Baseline - Computer"/);
    assert.equal(refused.gpoEdits[0].right, 'SeNetworkLogonRight');
    const temporary = JSON.parse(
      runBundle(['plan', '--snapshot', snapshot, '--format', 'json', '--allow-temporary-fix']).stdout,
    );
    assert.equal(temporary.actions.length, 1);
    assert.equal(temporary.actions[0].temporary, true);
    assert.deepEqual(temporary.options, { allowTemporaryFix: true });
  });

  describe('check-plan refuses a bad plan before anything could be applied', () => {
    const good = () =>
      planFor(MINIMAL_SECEDIT.replace('*S-1-1-0,*S-1-5-32-544,*S-1-5-32-545,*S-1-5-32-551', '*S-1-5-32-544'));
    it('accepts a plan the engine wrote, unchanged', () => {
      const plan = good();
      const run = runBundle(['check-plan', '--plan', '-'], JSON.stringify(plan));
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), plan);
    });
    const cases: [string, (plan: Record<string, any>) => void, RegExp][] = [
      [
        'a schema violation (unknown action)',
        (plan) => (plan.actions[0].action = 'replace'),
        /\(at \/actions\/0\/action\): expected one of "grant", "revoke", found "replace"/,
      ],
      ['an invalid SID', (plan) => (plan.actions[0].sid = 'S-1-5-21-1-2-3-99999999999'), /\/actions\/0\/sid/],
      [
        'a right outside the known list',
        (plan) => (plan.undo[0].right = 'SeTcbPrivilege'),
        /\(at \/undo\/0\/right\): expected one of "SeNetworkLogonRight"/,
      ],
      ['a missing undo list', (plan) => delete plan.undo, /expected property "undo"/],
      [
        'an extra property that could smuggle intent',
        (plan) => (plan.actions[0].removeOthers = true),
        /no "removeOthers"/,
      ],
    ];
    for (const [what, mutate, pattern] of cases) {
      it(what, () => {
        const plan = good();
        mutate(plan);
        const run = runBundle(['check-plan', '--plan', '-'], JSON.stringify(plan));
        assert.equal(run.status, 3);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, pattern);
      });
    }
  });
});
