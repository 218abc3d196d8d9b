import assert from 'node:assert/strict';
import { join } from 'node:path';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { acceptTemporaryFixes } from '../../src/core/temporary-fix';
import { ANON, snapshot } from '../helpers/check-plan-cases';
import {
  accounts,
  DOMAIN_ANON,
  gpoAssignment,
  groupPolicyResult,
  iis,
  LOCAL_ANON,
  scope,
  template,
} from '../helpers/builders';
import { REPO_ROOT } from '../helpers/cli';
import { factsFromFolder } from '../helpers/facts';
import { runInProcess } from '../helpers/in-process';

/**
 * With --allow-temporary-fix (allowTemporaryFix in DSC) a `revoked-at-refresh` finding, which is
 * what Set leaves after an opted-in temporary grant, counts as in the desired state, so Test, Set,
 * Test converges. Its reason stays, and a warning repeats the finding's message and says why it
 * was counted. Every other status keeps its verdict. In process, so the mutation run judges it
 * (test/cli/temporary-fix.test.ts runs the same through the bundle).
 */

const REVOKED = join(REPO_ROOT, 'examples', 'snapshots', 'iis6-gpo-revoked-at-refresh');
const MISSING = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch');
const COUNTED =
  ' Counted as in the desired state because allowTemporaryFix is set: the next Group Policy refresh undoes the local grant until the GPO is fixed.';

interface Result {
  inDesiredState: boolean;
  findings: { status: string; message: string }[];
  reasons: { code: string }[];
  diagnostics: { code: string; severity: string; message: string }[];
}

function test(folder: string, ...options: string[]): { status: number; result: Result } {
  const run = runInProcess(['test', '--snapshot', folder, '--format', 'json', ...options]);
  return { status: run.status, result: JSON.parse(run.stdout) as Result };
}

describe('temporary fixes accepted (--allow-temporary-fix on test, get and explain)', () => {
  it('test: revoked-at-refresh is out of the desired state without the option and in it with it, reasons kept, one warning each', () => {
    const strict = test(REVOKED);
    assert.equal(strict.status, 1);
    assert.equal(strict.result.inDesiredState, false);
    assert.deepEqual(strict.result.diagnostics, []);
    const accepted = test(REVOKED, '--allow-temporary-fix');
    assert.equal(accepted.status, 0);
    assert.equal(accepted.result.inDesiredState, true);
    assert.deepEqual(
      accepted.result.findings.map((finding) => finding.status),
      ['revoked-at-refresh', 'not-required', 'revoked-at-refresh', 'not-required'],
    );
    assert.deepEqual(accepted.result.reasons, strict.result.reasons);
    assert.equal(accepted.result.reasons.length, 2);
    assert.deepEqual(
      accepted.result.diagnostics,
      accepted.result.findings
        .filter((finding) => finding.status === 'revoked-at-refresh')
        .map((finding) => ({
          code: 'temporary-fix-accepted',
          severity: 'warning',
          message: `${finding.message}${COUNTED}`,
        })),
    );
    assert.match(accepted.result.diagnostics[0]!.message, /GPO "CONTOSO Member Server Baseline"/);
  });

  it('accepts no other status: a missing right stays out of the desired state, with no warning', () => {
    const missing = test(MISSING, '--allow-temporary-fix');
    assert.equal(missing.status, 1);
    assert.equal(missing.result.inDesiredState, false);
    assert.deepEqual(
      missing.result.diagnostics.filter((diagnostic) => diagnostic.code === 'temporary-fix-accepted'),
      [],
    );
  });

  it('a revoked-at-refresh beside a gpo-blocked finding: one warning, and still out of the desired state', () => {
    const mixed = snapshot({
      localPolicy: template({ SeNetworkLogonRight: [`*${ANON}`] }),
      iis: iis([scope({ userName: 'WEB01\\anon' }), scope({ site: 'Shop', userName: 'CONTOSO\\svc-anon' })]),
      accounts: accounts(LOCAL_ANON, DOMAIN_ANON),
      groupPolicy: [groupPolicyResult([gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'])])],
    });
    const { evaluation } = judgeSnapshot(mixed, { ruleSet: 'documented', withGpo: [] });
    const statuses = evaluation.findings.map((finding) => [finding.identity.name, finding.status]);
    assert.deepEqual(
      statuses.filter(([, status]) => status !== 'ok'),
      [
        ['WEB01\\anon', 'revoked-at-refresh'],
        ['CONTOSO\\svc-anon', 'gpo-blocked'],
      ],
    );
    const accepted = acceptTemporaryFixes(evaluation);
    assert.equal(accepted.inDesiredState, false);
    assert.deepEqual(accepted.findings, evaluation.findings);
    assert.deepEqual(
      accepted.diagnostics.map((diagnostic) => diagnostic.message),
      [`${evaluation.findings[0]!.message}${COUNTED}`],
    );
  });

  it('keeps the diagnostics the evaluation already had, before its warnings', () => {
    const { evaluation } = judgeSnapshot(
      snapshot({
        localPolicy: template({ SeNetworkLogonRight: [`*${ANON}`] }),
        groupPolicy: [groupPolicyResult([gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'])])],
      }),
      { ruleSet: 'documented', withGpo: [] },
    );
    const earlier = { code: 'example-note', severity: 'warning' as const, message: 'an earlier warning' };
    const accepted = acceptTemporaryFixes({ ...evaluation, diagnostics: [earlier] });
    assert.equal(accepted.inDesiredState, true);
    assert.deepEqual(
      accepted.diagnostics.map((diagnostic) => diagnostic.code),
      ['example-note', 'temporary-fix-accepted', 'temporary-fix-accepted'],
    );
  });

  it('dsc test: _inDesiredState follows allowTemporaryFix, and the reasons stay', () => {
    const facts = factsFromFolder(REVOKED, 'WEB01');
    const dscTest = (allowTemporaryFix: boolean) => {
      const run = runInProcess(['dsc', 'test'], JSON.stringify({ desired: { scope: '*', allowTemporaryFix }, facts }));
      assert.equal(run.status, 0, run.stderr);
      return JSON.parse(run.stdout) as { _inDesiredState: boolean; reasons: { code: string }[] };
    };
    assert.equal(dscTest(false)._inDesiredState, false);
    const accepted = dscTest(true);
    assert.equal(accepted._inDesiredState, true);
    assert.deepEqual(
      accepted.reasons.map((reason) => reason.code),
      [
        'IisAnonymousLogonRight:IisAnonymousLogonRight:RevokedAtRefresh',
        'IisAnonymousLogonRight:IisAnonymousLogonRight:RevokedAtRefresh',
      ],
    );
  });
});
