import assert from 'node:assert/strict';
import { type FindingStatus } from '../../src/core/status';
import type { ReportDocument, ReportHost } from '../../src/render/report-document';
import { runBundle } from '../helpers/cli';
import {
  assertValidReport,
  BROKEN_FAULTS,
  generateFleet,
  TEMPLATES,
  type Fault,
  type GeneratedFleet,
} from '../helpers/fleet';
import { Oracle, addSummary, judgeAlone, loadError, problemsIn, variantOf, zeroes } from './report-helpers';

describe('report (built bundle)', function () {
  this.timeout(120_000);

  describe('a generated fleet of 1,000 snapshots with mixed faults', () => {
    const SIZE = 1000;
    let fleet: GeneratedFleet;
    let run: { status: number | null; stdout: string; stderr: string };
    let document: ReportDocument;
    let seconds: number;
    const oracles = new Map<string, Oracle>();
    const errors = new Map<Fault, string>();

    before(() => {
      fleet = generateFleet(SIZE);
      // One `test` per kind of host (template x fault) and per kind of breakage.
      for (const host of fleet.hosts) {
        if (BROKEN_FAULTS.includes(host.fault)) {
          if (!errors.has(host.fault)) errors.set(host.fault, loadError(host.path).split(host.path).join('<host>'));
        } else if (!oracles.has(variantOf(host))) {
          oracles.set(variantOf(host), judgeAlone(host.path));
        }
      }
      const started = process.hrtime.bigint();
      run = runBundle(['report', ...fleet.args, '--format', 'json']);
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
      document = JSON.parse(run.stdout);
    });
    after(() => fleet?.cleanup());

    it('prints one schema-valid document and exits 3, because some snapshots could not be loaded', () => {
      console.log(`      report over ${SIZE} snapshots: ${seconds.toFixed(2)} s`);
      assert.equal(run.status, 3, run.stderr.slice(0, 2000));
      assertValidReport(document);
      assert.equal(document.everySnapshotLoaded, false);
      assert.equal(document.everyLoadedHostInDesiredState, false);
      assert.equal(document.exitCode, 3);
    });

    it('lists every snapshot once, in discovery order: hidden and non-snapshot folders skipped', () => {
      assert.deepEqual(
        document.snapshots.map((entry) => entry.snapshot),
        fleet.hosts.map((host) => host.path),
      );
    });

    it('reports each unreadable snapshot by name with the error test gives for it, on stdout and one line each on stderr', () => {
      const broken = fleet.hosts.filter((host) => BROKEN_FAULTS.includes(host.fault));
      for (const fault of BROKEN_FAULTS)
        assert.ok(
          broken.some((host) => host.fault === fault),
          fault,
        );
      const failures = document.snapshots.filter((entry) => !entry.loaded);
      assert.deepEqual(
        failures.map((entry) => entry.snapshot),
        broken.map((host) => host.path),
      );
      for (const [index, host] of broken.entries()) {
        const failure = failures[index]!;
        assert.ok(!failure.loaded);
        assert.equal(failure.error, errors.get(host.fault)!.split('<host>').join(host.path));
      }
      const lines = run.stderr.trimEnd().split('\n');
      assert.deepEqual(
        lines,
        failures.map((entry) => `iis-logon-rights: invalid input: ${entry.loaded ? '' : entry.error}`),
      );
    });

    it('judges every other snapshot exactly as test judges it alone', () => {
      for (const [index, host] of fleet.hosts.entries()) {
        if (BROKEN_FAULTS.includes(host.fault)) continue;
        const entry = document.snapshots[index] as ReportHost;
        const oracle = oracles.get(variantOf(host))!;
        assert.deepEqual(entry.summary, oracle.summary, host.path);
        assert.equal(entry.inDesiredState, oracle.inDesiredState, host.path);
        assert.equal(entry.host?.computerName, host.computerName ?? undefined);
      }
    });

    it('the faults show: dropped accounts are unresolved; every template and fault is present', () => {
      for (const template of TEMPLATES) {
        const dropped = oracles.get(`${template}/drop-accounts`)!;
        const intact = oracles.get(`${template}/none`)!;
        assert.ok(dropped, template);
        assert.ok(intact, template);
        assert.equal(intact.summary.unresolved, undefined, `${template} intact has no unresolved finding`);
        assert.ok((dropped.summary.unresolved ?? 0) > 0, `${template} with dropped accounts has unresolved findings`);
      }
      assert.equal(oracles.get('iis6-gpo-revoked-at-refresh/none')!.summary['revoked-at-refresh'], 2);
      assert.equal(oracles.get('iis10-gpo-blocked/none')!.summary['gpo-blocked'], 1);
    });

    it('the summary adds up the hosts: findings by status, hosts per status, worst hosts and GPO causes', () => {
      const findings = zeroes();
      const hostsWithStatus = zeroes();
      let inDesiredState = 0;
      let judged = 0;
      let worst = 0;
      for (const host of fleet.hosts) {
        if (BROKEN_FAULTS.includes(host.fault)) continue;
        const oracle = oracles.get(variantOf(host))!;
        judged++;
        if (oracle.inDesiredState) inDesiredState++;
        addSummary(findings, oracle.summary);
        for (const status of Object.keys(oracle.summary) as FindingStatus[]) hostsWithStatus[status]++;
        worst = Math.max(worst, problemsIn(oracle.summary));
      }
      const summary = document.summary;
      assert.deepEqual(
        {
          snapshots: summary.snapshots,
          judged: summary.judged,
          failed: summary.failed,
          inDesiredState: summary.inDesiredState,
          notInDesiredState: summary.notInDesiredState,
        },
        { snapshots: SIZE, judged, failed: SIZE - judged, inDesiredState, notInDesiredState: judged - inDesiredState },
      );
      assert.deepEqual(summary.findings, findings);
      assert.deepEqual(summary.hostsWithStatus, hostsWithStatus);
      assert.equal(summary.worstHosts.length, 10);
      assert.equal(summary.worstHosts[0]!.problems, worst);
      for (const [index, rank] of summary.worstHosts.entries()) {
        const next = summary.worstHosts[index + 1];
        if (next)
          assert.ok(
            rank.problems > next.problems || (rank.problems === next.problems && rank.snapshot < next.snapshot),
          );
      }
      assert.deepEqual(
        summary.gpoCauses.map((cause) => [cause.gpo.name, cause.revokedAtRefresh, cause.gpoBlocked, cause.hosts]),
        [
          ['CONTOSO Member Server Baseline', findings['revoked-at-refresh'], 0, hostsWithStatus['revoked-at-refresh']],
          ['CONTOSO Hardened Baseline - Computer', 0, findings['gpo-blocked'], hostsWithStatus['gpo-blocked']],
        ],
      );
    });

    it('names hosts by host.json, and leaves host null where host.json was removed', () => {
      const withoutHost = fleet.hosts.filter((host) => host.fault === 'no-host-json').map((host) => host.path);
      assert.ok(withoutHost.length >= 10);
      for (const entry of document.snapshots) {
        if (!entry.loaded) continue;
        if (withoutHost.includes(entry.snapshot)) assert.equal(entry.host, null);
        else assert.match(entry.host!.computerName!, /^WEB-\d{4}$/);
      }
    });
  });
});
