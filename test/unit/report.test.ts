import assert from 'node:assert/strict';
import { plainFinding } from '../../src/core/judged-finding';
import { causingGpos, compareText, summarizeFleet, type JudgedSnapshot } from '../../src/core/fleet-summary';
import { ALL_STATUSES } from '../../src/core/status';
import { FAILED_OUTCOME, HARDENED_BASELINE, judgeFleetExamples, MEMBER_SERVER_BASELINE } from './report-helpers';

describe('fleet report', () => {
  let revoked: JudgedSnapshot;
  let denied: JudgedSnapshot;
  let missing: JudgedSnapshot;
  let healthy: JudgedSnapshot;
  let blocked: JudgedSnapshot;
  const failed = FAILED_OUTCOME;
  before(() => {
    ({ revoked, denied, missing, healthy, blocked } = judgeFleetExamples());
  });

  describe('summarizeFleet', () => {
    it('counts hosts, findings by status and hosts per status over the example snapshots', () => {
      const summary = summarizeFleet([revoked, denied, missing, healthy, blocked, failed]);
      assert.equal(summary.snapshots, 6);
      assert.equal(summary.judged, 5);
      assert.equal(summary.failed, 1);
      assert.equal(summary.inDesiredState, 1);
      assert.equal(summary.notInDesiredState, 4);
      assert.equal(summary.everySnapshotLoaded, false);
      assert.equal(summary.everyLoadedHostInDesiredState, false);
      // From the example READMEs: WEB01 2 revoked; WEB02 IUSR + 2 denied; WEB03 IUSR + missing + ok;
      // WEB04 IUSR + 3 ok; WEB05 IUSR + gpo-blocked.
      assert.deepEqual(summary.findings, {
        ok: 12,
        missing: 1,
        denied: 2,
        'revoked-at-refresh': 2,
        'gpo-blocked': 1,
        unresolved: 0,
        'not-required': 6,
      });
      assert.deepEqual(summary.hostsWithStatus, {
        ok: 4,
        missing: 1,
        denied: 1,
        'revoked-at-refresh': 1,
        'gpo-blocked': 1,
        unresolved: 0,
        'not-required': 5,
      });
    });

    it('ranks the worst hosts by findings not in the desired state, then by snapshot name, and leaves healthy hosts out', () => {
      const summary = summarizeFleet([blocked, healthy, missing, revoked, denied]);
      assert.deepEqual(
        summary.worstHosts.map((rank) => [rank.computerName, rank.problems]),
        [
          ['WEB02', 2],
          ['WEB01', 2],
          ['WEB05', 1],
          ['WEB03', 1],
        ],
      );
      assert.deepEqual(summary.worstHosts[0]!.byStatus, { denied: 2, 'not-required': 1, ok: 3 });
      assert.deepEqual(
        summarizeFleet([blocked, revoked], { worstHosts: 1, gpoCauses: 10 }).worstHosts.map(
          (rank) => rank.computerName,
        ),
        ['WEB01'],
      );
      assert.equal(summarizeFleet([{ ...revoked, host: null }]).worstHosts[0]!.computerName, null);
    });

    it('names the GPOs behind revoked-at-refresh and gpo-blocked findings, most findings first, then most hosts', () => {
      assert.deepEqual(summarizeFleet([blocked, revoked, denied]).gpoCauses, [
        { gpo: MEMBER_SERVER_BASELINE, revokedAtRefresh: 2, gpoBlocked: 0, hosts: 1 },
        { gpo: HARDENED_BASELINE, revokedAtRefresh: 0, gpoBlocked: 1, hosts: 1 },
      ]);
      assert.deepEqual(summarizeFleet([revoked, blocked, blocked]).gpoCauses, [
        { gpo: HARDENED_BASELINE, revokedAtRefresh: 0, gpoBlocked: 2, hosts: 2 },
        { gpo: MEMBER_SERVER_BASELINE, revokedAtRefresh: 2, gpoBlocked: 0, hosts: 1 },
      ]);
      assert.deepEqual(
        summarizeFleet([revoked, blocked], { worstHosts: 10, gpoCauses: 1 }).gpoCauses.map((cause) => cause.gpo),
        [MEMBER_SERVER_BASELINE],
      );
    });

    it('GPO causes with equal counts and hosts are ordered by name, then by GUID', () => {
      const rename = (snapshot: JudgedSnapshot, gpo: { id: string; name: string }): JudgedSnapshot => ({
        ...snapshot,
        evaluation: {
          ...snapshot.evaluation,
          findings: snapshot.evaluation.findings.map((finding) =>
            finding.allowRightOwner ? { ...plainFinding(finding), allowRightOwner: gpo } : finding,
          ),
        },
      });
      const zeta = { id: '{00000000-0000-0000-0000-000000000001}', name: 'Zeta' };
      const alpha = { id: '{FFFFFFFF-0000-0000-0000-000000000002}', name: 'Alpha' };
      const alphaLow = { id: '{00000000-0000-0000-0000-000000000003}', name: 'Alpha' };
      assert.deepEqual(
        summarizeFleet([rename(blocked, zeta), rename(blocked, alpha)]).gpoCauses.map((cause) => cause.gpo),
        [alpha, zeta],
      );
      assert.deepEqual(
        summarizeFleet([rename(blocked, alpha), rename(blocked, alphaLow)]).gpoCauses.map((cause) => cause.gpo),
        [alphaLow, alpha],
      );
      assert.deepEqual(
        summarizeFleet([revoked, blocked, blocked, blocked]).gpoCauses.map((cause) => [
          cause.gpo.name,
          cause.revokedAtRefresh + cause.gpoBlocked,
        ]),
        [
          [HARDENED_BASELINE.name, 3],
          [MEMBER_SERVER_BASELINE.name, 2],
        ],
      );
      // The same whichever host comes first: gpo-blocked findings count as much as revoked ones.
      assert.deepEqual(
        summarizeFleet([blocked, blocked, blocked, revoked]).gpoCauses.map((cause) => cause.gpo),
        [HARDENED_BASELINE, MEMBER_SERVER_BASELINE],
      );
    });

    it('compareText orders by code point and says -1, 0 or 1', () => {
      assert.deepEqual([compareText('a', 'b'), compareText('b', 'a'), compareText('a', 'a')], [-1, 1, 0]);
      assert.deepEqual(['b', 'é', 'Z', 'a'].sort(compareText), ['Z', 'a', 'b', 'é']);
    });

    it('an empty fleet and an all-healthy fleet are in the desired state', () => {
      assert.equal(summarizeFleet([]).everyLoadedHostInDesiredState, true);
      const summary = summarizeFleet([healthy, healthy]);
      assert.deepEqual(
        [
          summary.everySnapshotLoaded,
          summary.everyLoadedHostInDesiredState,
          summary.worstHosts.length,
          summary.gpoCauses.length,
        ],
        [true, true, 0, 0],
      );
    });
  });

  describe('causingGpos', () => {
    it("is the allow right's owner when its list will not grant the identity", () => {
      // Each site's NetworkService worker process needs no right, so no GPO causes anything for it.
      assert.deepEqual(revoked.evaluation.findings.map(causingGpos), [
        [MEMBER_SERVER_BASELINE],
        [],
        [MEMBER_SERVER_BASELINE],
        [],
      ]);
      assert.deepEqual(
        causingGpos(blocked.evaluation.findings.filter((finding) => finding.role === 'anonymous-user')[1]!),
        [HARDENED_BASELINE],
      );
    });
    it('is empty for other statuses, even when a GPO owns the right', () => {
      const ok = healthy.evaluation.findings.find((finding) => finding.site === 'Catalog' && finding.path === '/')!;
      assert.ok(ok.allowRightOwner !== null);
      assert.deepEqual(causingGpos(ok), []);
      assert.deepEqual(
        causingGpos(denied.evaluation.findings.filter((finding) => finding.role === 'anonymous-user')[1]!),
        [],
      );
    });
    it("counts the deny right's owner when its list will catch the identity, and both owners when both are at fault", () => {
      const finding = plainFinding(
        blocked.evaluation.findings.filter((finding) => finding.role === 'anonymous-user')[1]!,
      );
      const denyOwner = { id: '{11111111-2222-3333-4444-555555555555}', name: 'Deny baseline' };
      const deniedAfter = {
        ...finding,
        afterRefresh: { grantedBy: ['S-1-5-11'], deniedBy: ['S-1-5-113'] },
        denyRightOwner: denyOwner,
      };
      assert.deepEqual(causingGpos(deniedAfter), [denyOwner]);
      const both = { ...deniedAfter, afterRefresh: { grantedBy: [], deniedBy: ['S-1-5-113'] } };
      assert.deepEqual(causingGpos(both), [denyOwner, HARDENED_BASELINE]);
      assert.deepEqual(
        causingGpos({ ...both, denyRightOwner: HARDENED_BASELINE }),
        [HARDENED_BASELINE],
        'one GPO owning both rights is counted once',
      );
    });
    it('a deny owner is a cause only when its list catches the identity, and a finding without a projected refresh is read as it stands', () => {
      const finding = plainFinding(
        blocked.evaluation.findings.filter((finding) => finding.role === 'anonymous-user')[1]!,
      );
      const denyOwner = { id: '{11111111-2222-3333-4444-555555555555}', name: 'Deny baseline' };
      assert.deepEqual(
        causingGpos({ ...finding, afterRefresh: { grantedBy: [], deniedBy: [] }, denyRightOwner: denyOwner }),
        [HARDENED_BASELINE],
      );
      assert.deepEqual(
        causingGpos({
          ...finding,
          afterRefresh: { grantedBy: ['S-1-5-11'], deniedBy: ['S-1-5-113'] },
          denyRightOwner: null,
        }),
        [],
      );
      assert.deepEqual(
        causingGpos({
          ...finding,
          afterRefresh: null,
          grantedBy: [],
          deniedBy: ['S-1-5-113'],
          denyRightOwner: denyOwner,
        }),
        [denyOwner, HARDENED_BASELINE],
      );
      assert.deepEqual(
        causingGpos({
          ...finding,
          afterRefresh: null,
          grantedBy: ['S-1-5-11'],
          deniedBy: [],
          denyRightOwner: denyOwner,
        }),
        [],
      );
    });
    it('only revoked-at-refresh and gpo-blocked findings have causes, whatever their owners say', () => {
      const finding = plainFinding(
        blocked.evaluation.findings.filter((finding) => finding.role === 'anonymous-user')[1]!,
      );
      for (const status of ALL_STATUSES.filter((name) => name !== 'revoked-at-refresh' && name !== 'gpo-blocked')) {
        assert.deepEqual(causingGpos({ ...finding, status }), [], status);
      }
    });
  });
});
