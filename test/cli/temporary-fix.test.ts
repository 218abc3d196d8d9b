import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT, runBundle } from '../helpers/cli';
import { factsFromFolder } from '../helpers/facts';

// With --allow-temporary-fix (allowTemporaryFix in DSC), a finding that holds its right until
// the next refresh (revoked-at-refresh: what Set leaves after an opted-in temporary grant) is
// in the desired state, so Test, Set, Test converges; its reason stays and a warning names the
// GPO. Other statuses, and the same snapshot without the option, keep their verdict.

const REVOKED = join(REPO_ROOT, 'examples', 'snapshots', 'iis6-gpo-revoked-at-refresh');
const MISSING = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch');

describe('--allow-temporary-fix on test, get and explain, and allowTemporaryFix in dsc test', () => {
  it('test: exit 1 without the option; exit 0 with it, the reasons kept and one warning per accepted finding naming the GPO', () => {
    const strict = runBundle(['test', '--snapshot', REVOKED, '--format', 'json']);
    assert.equal(strict.status, 1, strict.stderr);
    const run = runBundle([
      'test',
      '--snapshot',
      REVOKED,
      '--format',
      'json',
      '--log-format',
      'json',
      '--allow-temporary-fix',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { inDesiredState: boolean; findings: { status: string }[] };
    assert.equal(result.inDesiredState, true);
    // Each site's anonymous user, then its NetworkService worker process (not required).
    assert.deepEqual(
      result.findings.map((finding) => finding.status),
      ['revoked-at-refresh', 'not-required', 'revoked-at-refresh', 'not-required'],
    );
    const warnings = run.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { warn?: string })
      .filter((line) => line.warn?.includes('allowTemporaryFix'));
    assert.equal(warnings.length, 2);
    for (const warning of warnings)
      assert.match(warning.warn!, /GPO "CONTOSO Member Server Baseline" \{5A91776E-1ACB-4255-B97E-6FFF265E0FD3\}/);
  });

  it('does not accept any other status: a missing right stays out of the desired state', () => {
    const run = runBundle(['test', '--snapshot', MISSING, '--format', 'json', '--allow-temporary-fix']);
    assert.equal(run.status, 1, run.stderr);
  });

  it('dsc test: _inDesiredState follows allowTemporaryFix, and the reasons stay', () => {
    const facts = factsFromFolder(REVOKED, 'WEB01');
    const test = (allowTemporaryFix: boolean) =>
      JSON.parse(
        runBundle(['dsc', 'test'], JSON.stringify({ desired: { scope: '*', allowTemporaryFix }, facts })).stdout,
      ) as { _inDesiredState: boolean; reasons: { code: string }[] };
    assert.equal(test(false)._inDesiredState, false);
    const accepted = test(true);
    assert.equal(accepted._inDesiredState, true);
    assert.deepEqual(
      accepted.reasons.map((reason) => reason.code),
      [
        'IisAnonymousLogonRight:IisAnonymousLogonRight:RevokedAtRefresh',
        'IisAnonymousLogonRight:IisAnonymousLogonRight:RevokedAtRefresh',
      ],
    );
  });

  it('is refused where it means nothing', () => {
    const run = runBundle(['report', REVOKED, '--allow-temporary-fix']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--allow-temporary-fix is only for plan, test, get and explain/);
  });
});
