import assert from 'node:assert/strict';
import { plainFinding } from '../../src/core/judged-finding';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/core/exit-codes';
import {
  causingGpos,
  compareText,
  fleetExitCodeName,
  summarizeFleet,
  type JudgedSnapshot,
  type SnapshotOutcome,
} from '../../src/core/fleet-summary';
import { ALL_STATUSES } from '../../src/core/status';
import { discoverSnapshots, judgeFleet, type FleetEntry } from '../../src/io/judge-fleet';
import { buildReportDocument } from '../../src/render/report-document';
import { CLEAR_LINE, progressLine, progressThrottle } from '../../src/render/report-progress';
import { renderReportTable } from '../../src/render/fleet-summary-table';
import { REPO_ROOT } from '../helpers/cli';
import { assertValidReport, EXAMPLES, judgeExample } from '../helpers/fleet';

const MEMBER_SERVER_BASELINE = { id: '{5A91776E-1ACB-4255-B97E-6FFF265E0FD3}', name: 'CONTOSO Member Server Baseline' };
const HARDENED_BASELINE = {
  id: '{0AA8C852-AFFA-4A5C-8060-C9F1750C8133}',
  name: 'CONTOSO Hardened Baseline - Computer',
};

describe('fleet report', () => {
  let revoked: JudgedSnapshot;
  let denied: JudgedSnapshot;
  let missing: JudgedSnapshot;
  let healthy: JudgedSnapshot;
  let blocked: JudgedSnapshot;
  const failed: SnapshotOutcome = {
    kind: 'failed',
    name: 'fleet/web99',
    error: 'fleet/web99/secedit.inf: expected secedit.inf, found no such file',
  };
  before(() => {
    revoked = judgeExample('iis6-gpo-revoked-at-refresh');
    denied = judgeExample('iis10-local-account-denied');
    missing = judgeExample('iis10-specificuser-pool-missing-batch');
    healthy = judgeExample('iis10-healthy');
    blocked = judgeExample('iis10-gpo-blocked');
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

  describe('exit code', () => {
    it('3 when a snapshot failed to load (even with hosts out of desired state), else 1 when a host is out, else 0', () => {
      assert.equal(fleetExitCodeName(summarizeFleet([revoked, failed])), 'invalidInput');
      assert.equal(fleetExitCodeName(summarizeFleet([healthy, failed])), 'invalidInput');
      assert.equal(fleetExitCodeName(summarizeFleet([healthy, revoked])), 'notInDesiredState');
      assert.equal(fleetExitCodeName(summarizeFleet([healthy])), 'success');
      assert.deepEqual(
        [EXIT_CODES.invalidInput.code, EXIT_CODES.notInDesiredState.code, EXIT_CODES.success.code],
        [3, 1, 0],
      );
    });
  });

  describe('JSON document', () => {
    it('is valid against schemas/report.schema.json and says both facts the exit code is made of', () => {
      const document = buildReportDocument([revoked, healthy, failed], 'documented', ['baseline/GptTmpl.inf']);
      assertValidReport(document);
      assert.equal(document.everySnapshotLoaded, false);
      assert.equal(document.everyLoadedHostInDesiredState, false);
      assert.equal(document.exitCode, 3);
      assert.deepEqual(document.withGpo, ['baseline/GptTmpl.inf']);
      assert.deepEqual(
        document.snapshots.map((entry) => [entry.snapshot, entry.loaded]),
        [
          [revoked.name, true],
          [healthy.name, true],
          ['fleet/web99', false],
        ],
      );
      assert.deepEqual(document.snapshots[2], {
        snapshot: 'fleet/web99',
        loaded: false,
        error: 'fleet/web99/secedit.inf: expected secedit.inf, found no such file',
      });
      const web01 = document.snapshots[0]!;
      assert.ok(web01.loaded);
      assert.deepEqual(web01.host, {
        computerName: 'WEB01',
        domain: 'CONTOSO',
        domainJoined: true,
        osVersion: '5.2.3790',
        iisVersion: '6.0',
      });
      assert.deepEqual(web01.summary, { 'revoked-at-refresh': 2, 'not-required': 2 });
      assert.deepEqual(web01.findings[0], {
        site: 'Default Web Site',
        path: '/',
        identity: { name: 'WEB01\\IUSR_WEB01', sid: 'S-1-5-21-173939653-3250197068-1151168150-1003' },
        right: 'SeNetworkLogonRight',
        status: 'revoked-at-refresh',
        message: revoked.evaluation.findings[0]!.message,
        causedBy: [MEMBER_SERVER_BASELINE],
      });
    });

    it('the schema is not vacuous: it rejects a document whose facts are missing or whose counts are wrong', () => {
      const document = buildReportDocument([healthy], 'documented', []);
      assertValidReport(document);
      assert.equal(document.exitCode, 0);
      const { everySnapshotLoaded: _dropped, ...withoutFact } = document;
      assert.throws(() => assertValidReport(withoutFact), /everySnapshotLoaded/);
      assert.throws(
        () =>
          assertValidReport({
            ...document,
            summary: { ...document.summary, findings: { ...document.summary.findings, ok: -1 } },
          }),
        /minimum/,
      );
      assert.throws(() => assertValidReport({ ...document, exitCode: 2 }), /enum/);
    });

    it('the schema enumerates exactly the statuses, and exitCode exactly the codes report can give', () => {
      const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'report.schema.json'), 'utf8'));
      assert.deepEqual(schema.$defs.status.enum, ALL_STATUSES);
      assert.deepEqual(schema.$defs.everyStatus.required, ALL_STATUSES);
      assert.deepEqual(Object.keys(schema.$defs.everyStatus.properties), ALL_STATUSES);
      assert.deepEqual(schema.properties.exitCode.enum, [
        EXIT_CODES.success.code,
        EXIT_CODES.notInDesiredState.code,
        EXIT_CODES.invalidInput.code,
      ]);
    });
  });

  describe('table', () => {
    it('prints the verdict, findings by status, worst hosts, GPO causes and failures', () => {
      const text = renderReportTable([revoked, denied, missing, healthy, blocked, failed], 'documented', {
        color: false,
        width: 200,
      });
      assert.equal(
        text.split('\n')[0],
        '6 snapshot(s): 5 loaded, 1 could not be loaded; 1 in the desired state, 4 not (documented rules).',
      );
      assert.match(text, /│ revoked-at-refresh +│ 2 +│ 1 +│/);
      assert.match(text, /│ not-required +│ 6 +│ 5 +│/);
      assert.match(text, /Worst hosts \(4 of 4 not in the desired state\)/);
      assert.match(text, /│ WEB02 +│ [^│]*iis10-local-account-denied +│ 2 +│ 2 denied +│/);
      assert.match(
        text,
        /│ CONTOSO Member Server Baseline +│ \{5A91776E-1ACB-4255-B97E-6FFF265E0FD3\} +│ 2 +│ 0 +│ 1 +│/,
      );
      assert.match(text, /Could not be loaded \(1\)/);
      assert.match(text, /│ fleet\/web99 +│ secedit\.inf: expected secedit\.inf, found no such file +│/);
      assert.doesNotMatch(text, /\u001b\[/);
    });
    it('paints statuses when colour is on, and leaves out empty sections', () => {
      const text = renderReportTable([healthy], 'conservative', { color: true });
      assert.match(text, /\u001b\[32mok\u001b\[0m/);
      assert.match(text, /^1 snapshot\(s\): all 1 loaded; 1 in the desired state, 0 not \(conservative rules\)\./);
      assert.doesNotMatch(text, /Worst hosts|GPOs behind|Could not be loaded/);
    });
  });

  describe('discovery and loading', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'iis-logon-rights-discover-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    const touch = (...parts: string[]) => {
      mkdirSync(join(root, ...parts.slice(0, -1)), { recursive: true });
      writeFileSync(join(root, ...parts), 'x');
    };
    const paths = (entries: FleetEntry[]) =>
      entries.map((entry) =>
        entry.kind === 'snapshot' ? entry.path.slice(root.length + 1) : `failed:${entry.name.slice(root.length + 1)}`,
      );

    it('a folder with secedit.inf (any case) is a snapshot; otherwise its subfolders are, sorted, hidden and non-snapshot ones skipped', () => {
      touch('one', 'SECEDIT.INF');
      touch('fleet', 'web02', 'secedit.inf');
      touch('fleet', 'web01', 'Secedit.inf');
      touch('fleet', 'web03', 'applicationHost.config');
      touch('fleet', '.trash', 'secedit.inf');
      touch('fleet', 'notes', 'README.txt');
      touch('fleet', 'list.txt');
      assert.deepEqual(paths(discoverSnapshots([join(root, 'one'), join(root, 'fleet')])), [
        'one',
        'fleet/web01',
        'fleet/web02',
        'fleet/web03',
      ]);
    });

    it('an argument that is missing or holds no snapshot fails by name; the same folder twice is judged once', () => {
      touch('empty-fleet', 'notes', 'README.txt');
      mkdirSync(join(root, 'void'));
      touch('one', 'secedit.inf');
      const entries = discoverSnapshots([
        join(root, 'missing'),
        join(root, 'empty-fleet'),
        join(root, 'void'),
        join(root, 'one'),
        join(root, 'one', '.'),
      ]);
      assert.deepEqual(paths(entries), ['failed:missing', 'failed:empty-fleet', 'failed:void', 'one']);
      const errors = entries.flatMap((entry) => (entry.kind === 'failed' ? [entry.error.slice(root.length + 1)] : []));
      assert.deepEqual(errors, [
        'missing: expected a snapshot folder or a folder of snapshot folders, found no such file or folder',
        'empty-fleet: expected a snapshot folder (with secedit.inf) or a folder of snapshot folders, found no snapshot in it (1 entry, none a snapshot folder)',
        'void: expected a snapshot folder (with secedit.inf) or a folder of snapshot folders, found no snapshot in it (an empty folder)',
      ]);
    });

    it('judgeFleet records an unreadable snapshot with its InputError message and goes on, reporting progress for each', () => {
      touch('broken', 'secedit.inf');
      writeFileSync(join(root, 'broken', 'secedit.inf'), Buffer.from([0x4d, 0x5a, 0x90, 0x00]));
      touch('broken', 'applicationHost.config');
      const entries: FleetEntry[] = [
        { kind: 'snapshot', path: join(EXAMPLES, 'iis10-healthy') },
        { kind: 'snapshot', path: join(root, 'broken') },
        { kind: 'failed', name: 'gone', error: 'gone: expected a folder, found nothing' },
        { kind: 'snapshot', path: join(EXAMPLES, 'iis10-gpo-blocked') },
      ];
      const progress: string[] = [];
      const outcomes = judgeFleet(
        entries,
        { ruleSet: 'documented', withGpo: [], keepPolicy: false },
        (done, total, name) => progress.push(`${done}/${total} ${name.slice(name.lastIndexOf('/') + 1)}`),
      );
      assert.deepEqual(
        outcomes.map((outcome) => outcome.kind),
        ['judged', 'failed', 'failed', 'judged'],
      );
      assert.deepEqual(progress, ['1/4 iis10-healthy', '2/4 broken', '3/4 gone', '4/4 iis10-gpo-blocked']);
      const broken = outcomes[1]!;
      assert.ok(broken.kind === 'failed');
      assert.equal(broken.name, join(root, 'broken'));
      assert.match(broken.error, /broken\/secedit\.inf.*: expected text/);
      const judged = outcomes[3]!;
      assert.ok(judged.kind === 'judged');
      assert.equal(judged.policy, null);
      assert.equal(judged.host?.computerName, 'WEB05');
    });

    it('--rules applies to every host: conservative checks the built-in IUSR everywhere', () => {
      const entries: FleetEntry[] = [
        { kind: 'snapshot', path: join(EXAMPLES, 'iis10-healthy') },
        { kind: 'snapshot', path: join(EXAMPLES, 'iis10-gpo-blocked') },
      ];
      const documented = summarizeFleet(judgeFleet(entries, { ruleSet: 'documented', withGpo: [], keepPolicy: false }));
      const conservative = summarizeFleet(
        judgeFleet(entries, { ruleSet: 'conservative', withGpo: [], keepPolicy: true }),
      );
      assert.equal(documented.findings['not-required'], 2);
      assert.equal(conservative.findings['not-required'], 0);
    });
  });

  describe('progress line', () => {
    it('rewrites itself in place, counts with a fixed width and never wraps', () => {
      assert.equal(progressLine(7, 1000, 'fleet/web-0007', 80), `${CLEAR_LINE}[   7/1000] judging fleet/web-0007`);
      const long = progressLine(1, 2, 'x'.repeat(200), 40);
      assert.equal(long.length - CLEAR_LINE.length, 39);
      assert.ok(long.endsWith('...'));
    });
    it('draws the first and last snapshot, and in between at most once per interval', () => {
      let now = 0;
      const shouldDraw = progressThrottle(100, () => now);
      const drawn: number[] = [];
      for (let done = 1; done <= 10; done++) {
        if (shouldDraw(done, 10)) drawn.push(done);
        now += 30;
      }
      // t=0 first; t=30,60,90 too soon; t=120 (done 5); t=150..210 too soon; t=240 (done 9); done 10 is the last.
      assert.deepEqual(drawn, [1, 5, 9, 10]);
    });
  });
});
