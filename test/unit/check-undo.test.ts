import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { PlanDocument } from '../../src/core/plan';
import { readRightsBefore } from '../../src/io/plan-document';
import { inputErrorFrom } from '../helpers/errors';
import { factsFromFolder } from '../helpers/facts';
import { REPO_ROOT } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';

/** check-plan --undo: the undo list against the facts now and the backup's rights-before record. */
describe('check-plan --undo', () => {
  const snapshot = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch');
  const facts = factsFromFolder(snapshot, 'WEB03');

  const run = runInProcess;

  let plan: PlanDocument;
  let sid: string;
  before(() => {
    plan = JSON.parse(
      run(['plan', '--snapshot', '-', '--format', 'json'], JSON.stringify(facts)).stdout,
    ) as PlanDocument;
    sid = plan.actions[0]!.sid;
  });

  const undo = (document: unknown, rightsBefore: unknown) =>
    run(
      ['check-plan', '--undo', '--plan', '-', '--snapshot', '-'],
      JSON.stringify({ plan: document, facts, rightsBefore }),
    );

  it("passes the undo of the engine's own plan when the right was not held before", () => {
    const checked = undo(plan, { [sid]: ['SeServiceLogonRight'] });
    assert.equal(checked.status, 0, checked.stderr);
    assert.deepEqual(JSON.parse(checked.stdout), plan);
  });

  it('refuses an undo that would revoke a right the SID held before the change', () => {
    const checked = undo(plan, { [sid]: ['SeBatchLogonRight'] });
    assert.equal(checked.status, 3);
    assert.match(
      checked.stderr,
      /stdin:\/plan \(at \/undo\/0\): expected an undo that revokes only a right the change granted, found revoke SeBatchLogonRight from S-1-5-21-\S+, which held it before the change/,
    );
  });

  it('refuses an undo for a SID rights-before.json does not record, and a rights-before that is not SIDs to rights', () => {
    assert.match(
      undo(plan, {}).stderr,
      /expected rights-before\.json to record the rights S-1-5-21-\S+ held before the change, found no entry for it/,
    );
    assert.match(
      undo(plan, { Everyone: [] }).stderr,
      /stdin:\/rightsBefore \(at \/Everyone\): expected a SID as each key/,
    );
    assert.match(undo(plan, [sid]).stderr, /stdin:\/rightsBefore \(at \(document root\)\): expected an object of SIDs/);
  });

  it('names each bad part of rights-before.json in one short line, escaped', () => {
    const SID = 'S-1-5-21-1-2-3-1001';
    const long = `\u001b${'x'.repeat(5000)}`;
    const shown = `"\\\\x1b${'x'.repeat(56)}..."`;
    const cases: [unknown, string][] = [
      [
        long,
        `(at (document root)): expected an object of SIDs to the rights each held before the change, found ${shown}`,
      ],
      [
        { [`a/~${long}`]: [] },
        `(at /a~1~0\\x1b${'x'.repeat(390)}...): expected a SID as each key, found "a/~\\\\x1b${'x'.repeat(53)}..."`,
      ],
      [{ [SID]: long }, `(at /${SID}): expected a list of right names, found ${shown}`],
      [{ [SID]: { SeBatchLogonRight: true } }, `(at /${SID}): expected a list of right names, found an object`],
      [{ [SID]: ['SeBatchLogonRight', [long]] }, `(at /${SID}/1): expected a right name, found an array of 1 item(s)`],
    ];
    for (const [value, line] of cases)
      assert.equal(
        inputErrorFrom(() => readRightsBefore(value, 'rights-before.json')).message,
        `rights-before.json ${line}`,
      );
  });

  it('refuses undo entries for a SID no identity uses now, or a right it has nothing to do with', () => {
    const other = 'S-1-5-21-1-2-3-1999';
    const moved = {
      ...plan,
      actions: plan.actions.map((action) => ({ ...action, sid: other })),
      undo: plan.undo.map((entry) => ({ ...entry, sid: other })),
    };
    assert.match(
      undo(moved, { [other]: [] }).stderr,
      /\(at \/undo\/0\/sid\): expected the SID of an identity IIS logs on with now/,
    );
    const right = {
      ...plan,
      actions: plan.actions.map((action) => ({ ...action, right: 'SeRemoteInteractiveLogonRight' })),
      undo: plan.undo.map((entry) => ({ ...entry, right: 'SeRemoteInteractiveLogonRight' })),
    };
    assert.match(
      undo(right, { [sid]: [] }).stderr,
      /\(at \/undo\/0\/right\): expected a right that S-1-5-21-\S+ needs or is denied by now \(SeBatchLogonRight, SeDenyBatchLogonRight\)/,
    );
  });

  it('refuses the tampered classes before looking at the facts: Everyone in the undo, undo not the inverse', () => {
    const everyone = {
      ...plan,
      actions: [],
      undo: [{ action: 'revoke', right: 'SeNetworkLogonRight', sid: 'S-1-1-0', account: 'Everyone', temporary: false }],
    };
    assert.match(
      undo(everyone, { 'S-1-1-0': [] }).stderr,
      /\(at \/undo\/0\): expected no more undo actions than actions \(0\)/,
    );
  });

  it("takes rights-before from a file with --rights-before, and checks the request's keys", () => {
    assert.equal(
      run(['check-plan', '--undo', '--plan', '-', '--snapshot', snapshot], JSON.stringify(plan)).status,
      2,
      'needs --rights-before',
    );
    const extra = run(
      ['check-plan', '--plan', '-', '--snapshot', '-'],
      JSON.stringify({ plan, facts, rightsBefore: {} }),
    );
    assert.equal(extra.status, 3);
    assert.match(
      extra.stderr,
      /stdin \(at \(document root\)\): expected a check-plan request \{ "plan", "facts" \} \(--plan - and --snapshot - together\), found the property "rightsBefore"/,
    );
    const checked = run(['check-plan', '--plan', '-', '--snapshot', '-'], JSON.stringify({ plan, facts }));
    assert.equal(checked.status, 0, checked.stderr);
  });
});
