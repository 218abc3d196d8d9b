import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli';
import { ALL_STATUSES, FINDING_STATUSES, type FindingStatus } from '../../src/core/status';
import { childrenNamed, firstChild, parseXmlTree } from '../../src/parse/xml';
import type { ReportDocument, ReportHost } from '../../src/render/report-document';
import { CLEAR_LINE } from '../../src/render/report-progress';
import type { SarifLog } from '../../src/render/sarif';
import { assertValidResult, runBundle } from '../helpers/cli';
import {
  assertValidReport,
  assertValidSarif,
  BROKEN_FAULTS,
  EXAMPLES,
  generateFleet,
  TEMPLATES,
  type Fault,
  type GeneratedFleet,
  type GeneratedHost,
} from '../helpers/fleet';

type Summary = Partial<Record<FindingStatus, number>>;

interface Oracle {
  summary: Summary;
  inDesiredState: boolean;
}

const variantOf = (host: GeneratedHost) => `${host.template}/${host.fault}`;

/** What `test` says about one snapshot: the reference the fleet report must agree with. */
function judgeAlone(path: string, ...extra: string[]): Oracle {
  const run = runBundle(['test', '--snapshot', path, '--format', 'json', ...extra]);
  assert.ok(run.status === 0 || run.status === 1, `test ${path}: exit ${run.status} ${run.stderr}`);
  const document = JSON.parse(run.stdout);
  assertValidResult(document);
  return { summary: document.summary, inDesiredState: document.inDesiredState };
}

function loadError(path: string): string {
  const run = runBundle(['test', '--snapshot', path, '--format', 'json']);
  assert.equal(run.status, 3, run.stderr);
  return run.stderr.trimEnd().replace(/^iis-logon-rights: invalid input: /, '');
}

function addSummary(total: Record<FindingStatus, number>, summary: Summary): void {
  for (const [status, count] of Object.entries(summary) as [FindingStatus, number][]) total[status] += count;
}

function zeroes(): Record<FindingStatus, number> {
  return Object.fromEntries(ALL_STATUSES.map((status) => [status, 0])) as Record<FindingStatus, number>;
}

function problemsIn(summary: Summary): number {
  return (Object.entries(summary) as [FindingStatus, number][])
    .filter(([status]) => !FINDING_STATUSES[status].inDesiredState)
    .reduce((sum, [, count]) => sum + count, 0);
}

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

  describe('tables, JUnit and SARIF over a small fleet', () => {
    let fleet: GeneratedFleet;
    let json: ReportDocument;
    before(() => {
      fleet = generateFleet(50);
      json = JSON.parse(runBundle(['report', ...fleet.args, '--format', 'json']).stdout);
    });
    after(() => fleet?.cleanup());

    it('table: the verdict, the sections, and the broken host by name', () => {
      const run = runBundle(['report', ...fleet.args, '--format', 'table'], undefined, { COLUMNS: '200' });
      assert.equal(run.status, 3);
      const s = json.summary;
      assert.equal(
        run.stdout.split('\n')[0],
        `50 snapshot(s): 49 loaded, 1 could not be loaded; ${s.inDesiredState} in the desired state, ${s.notInDesiredState} not (documented rules).`,
      );
      for (const heading of [
        'Findings by status',
        'Worst hosts (10 of',
        'GPOs behind revoked-at-refresh and gpo-blocked findings',
        'Could not be loaded (1)',
      ])
        assert.ok(run.stdout.includes(heading), heading);
      assert.match(
        run.stdout,
        new RegExp(
          `│ revoked-at-refresh +│ ${s.findings['revoked-at-refresh']} +│ ${s.hostsWithStatus['revoked-at-refresh']} +│`,
        ),
      );
      assert.match(run.stdout, /host-0007 +│ secedit\.inf \(line 1\): expected text in UTF-8/);
      assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colour when not a terminal');
    });

    it('junit: one suite per snapshot, failures per finding not in the desired state, one error per broken snapshot', () => {
      const run = runBundle(['report', ...fleet.args, '--format', 'junit']);
      assert.equal(run.status, 3);
      const root = parseXmlTree(run.stdout, 'report.junit.xml', { keepText: true });
      const s = json.summary;
      const failures = ALL_STATUSES.filter((status) => !FINDING_STATUSES[status].inDesiredState).reduce(
        (sum, status) => sum + s.findings[status],
        0,
      );
      const findings = ALL_STATUSES.reduce((sum, status) => sum + s.findings[status], 0);
      assert.deepEqual(
        { ...root.attributes },
        {
          name: 'iis-logon-rights',
          tests: String(findings + 1),
          failures: String(failures),
          errors: '1',
          skipped: String(s.findings['not-required']),
        },
      );
      const suites = childrenNamed(root, 'testsuite');
      assert.deepEqual(
        suites.map((suite) => suite.attributes.name),
        fleet.hosts.map((host) => host.path),
      );
      const broken = suites.find((suite) => suite.attributes.errors === '1')!;
      assert.equal(broken.attributes.name, fleet.hosts[7]!.path);
      const revoked = suites[0]!;
      assert.equal(revoked.attributes.hostname, 'WEB-0000');
      const failure = firstChild(childrenNamed(revoked, 'testcase')[0]!, 'failure')!;
      assert.equal(failure.attributes.type, 'revoked-at-refresh');
      assert.match(
        failure.text,
        /Durable fix: in GPO "CONTOSO Member Server Baseline"/,
        'the fleet JUnit carries explanations too',
      );
    });

    it('sarif: schema-valid, one result per finding not in the desired state, the broken snapshot as an error notification', function () {
      const run = runBundle(['report', ...fleet.args, '--format', 'sarif']);
      assert.equal(run.status, 3);
      const log = JSON.parse(run.stdout) as SarifLog;
      assertValidSarif(log);
      const s = json.summary;
      const sarifRun = log.runs[0]!;
      const byRule = zeroes();
      for (const result of sarifRun.results) byRule[result.ruleId as FindingStatus]++;
      for (const status of ALL_STATUSES)
        assert.equal(byRule[status], FINDING_STATUSES[status].inDesiredState ? 0 : s.findings[status], status);
      assert.equal(sarifRun.invocations[0]!.executionSuccessful, false);
      assert.deepEqual(
        sarifRun.invocations[0]!.toolExecutionNotifications.map((notification) => notification.message.text),
        json.snapshots.flatMap((entry) => (entry.loaded ? [] : [entry.error])),
      );
      assert.equal(sarifRun.artifacts.length, 50);
      const fingerprints = sarifRun.results.map((result) => Object.values(result.partialFingerprints)[0]);
      assert.equal(new Set(fingerprints).size, fingerprints.length, 'one fingerprint per problem');
    });
  });

  describe('exit codes and options that apply to every host', () => {
    it('0 when every host is in the desired state, 1 when one is not, 3 when one could not be loaded (the others still judged)', () => {
      assert.equal(runBundle(['report', join(EXAMPLES, 'iis10-healthy')]).status, 0);
      const out = runBundle(['report', EXAMPLES, '--format', 'json']);
      assert.equal(out.status, 1);
      assert.equal(out.stderr, '');
      const missing = runBundle(['report', EXAMPLES, join(EXAMPLES, 'no-such-host'), '--format', 'json']);
      assert.equal(missing.status, 3);
      const document = JSON.parse(missing.stdout) as ReportDocument;
      assertValidReport(document);
      assert.deepEqual(
        [
          document.summary.judged,
          document.summary.failed,
          document.everySnapshotLoaded,
          document.everyLoadedHostInDesiredState,
        ],
        [5, 1, false, false],
      );
      assert.match(
        missing.stderr,
        /^iis-logon-rights: invalid input: .*no-such-host: expected a snapshot folder or a folder of snapshot folders, found no such file or folder\n$/,
      );
    });

    it('--log-format json writes each failure as a one-key JSON line on stderr', () => {
      const run = runBundle([
        'report',
        join(EXAMPLES, 'iis10-healthy'),
        join(EXAMPLES, 'no-such-host'),
        '--format',
        'json',
        '--log-format',
        'json',
      ]);
      assert.equal(run.status, 3);
      const lines = run.stderr
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.deepEqual(lines, [
        {
          error: `invalid input: ${join(EXAMPLES, 'no-such-host')}: expected a snapshot folder or a folder of snapshot folders, found no such file or folder`,
        },
      ]);
    });

    it('--rules and --with-gpo apply to every host: the fleet equals the sum of test on each', () => {
      const folder = mkdtempSync(join(tmpdir(), 'iis-logon-rights-baseline-'));
      try {
        const baseline = join(folder, 'GptTmpl.inf');
        writeFileSync(
          baseline,
          '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeNetworkLogonRight = *S-1-5-32-544\r\n[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n',
        );
        const options = ['--rules', 'conservative', '--with-gpo', baseline];
        const run = runBundle(['report', EXAMPLES, '--format', 'json', ...options]);
        const document = JSON.parse(run.stdout) as ReportDocument;
        assertValidReport(document);
        assert.equal(document.ruleSet, 'conservative');
        assert.deepEqual(document.withGpo, [baseline]);
        const expected = zeroes();
        for (const template of TEMPLATES)
          addSummary(expected, judgeAlone(join(EXAMPLES, template), ...options).summary);
        assert.deepEqual(document.summary.findings, expected);
        // Only the IIS 6 NetworkService worker processes stay not-required: conservative checks IUSR.
        assert.equal(expected['not-required'], 2, 'conservative checks IUSR');
        assert.ok(expected['gpo-blocked'] > 1, 'the baseline blocks network logon on more hosts');
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('a bad --with-gpo stops the report before any host (it would make every answer wrong)', () => {
      const run = runBundle(['report', EXAMPLES, '--with-gpo', join(EXAMPLES, 'no-such-baseline.inf')]);
      assert.equal(run.status, 3);
      assert.equal(run.stdout, '');
    });
  });

  describe('usage errors (exit 2)', () => {
    const cases: [string, string[], RegExp][] = [
      ['report without a folder', ['report'], /report needs at least one snapshot folder/],
      [
        'report with --snapshot',
        ['report', EXAMPLES, '--snapshot', EXAMPLES],
        /report takes folders as arguments, not --snapshot/,
      ],
      ['report with --plan', ['report', EXAMPLES, '--plan', 'x.json'], /--plan is only for check-plan/],
      [
        'plan with --format junit',
        ['plan', '--snapshot', EXAMPLES, '--format', 'junit'],
        /--format for plan must be one of table, json, not "junit"/,
      ],
      ['test with a second positional', ['test', 'extra', '--snapshot', EXAMPLES], /unexpected argument "extra"/],
      [
        'a bad --format',
        ['report', EXAMPLES, '--format', 'xml'],
        /--format must be one of table, json, junit, sarif, not "xml"/,
      ],
    ];
    for (const [what, args, pattern] of cases) {
      it(what, () => {
        const run = runBundle(args);
        assert.equal(run.status, 2);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, pattern);
      });
    }
  });

  describe('--format junit and sarif for one snapshot', () => {
    const revoked = join(EXAMPLES, 'iis6-gpo-revoked-at-refresh');

    it('test --format junit exits 1 out of desired state; get exits 0 with the same bytes', () => {
      const test = runBundle(['test', '--snapshot', revoked, '--format', 'junit']);
      assert.equal(test.status, 1);
      const root = parseXmlTree(test.stdout, 'test.junit.xml', { keepText: true });
      // Two anonymous users revoked at the refresh, and two NetworkService worker processes (skipped).
      assert.deepEqual([root.attributes.tests, root.attributes.failures, root.attributes.skipped], ['4', '2', '2']);
      const get = runBundle(['get', '--snapshot', revoked, '--format', 'junit']);
      assert.equal(get.status, 0);
      assert.equal(get.stdout, test.stdout);
      assert.equal(runBundle(['test', '--snapshot', join(EXAMPLES, 'iis10-healthy'), '--format', 'junit']).status, 0);
    });

    it('explain --format sarif is schema-valid and repeated runs give the same fingerprints', function () {
      const first = runBundle(['explain', '--snapshot', revoked, '--format', 'sarif']);
      assert.equal(first.status, 0);
      const log = JSON.parse(first.stdout) as SarifLog;
      assertValidSarif(log);
      assert.deepEqual(
        log.runs[0]!.results.map((result) => result.ruleId),
        ['revoked-at-refresh', 'revoked-at-refresh'],
      );
      const again = JSON.parse(runBundle(['test', '--snapshot', revoked, '--format', 'sarif']).stdout) as SarifLog;
      assert.deepEqual(
        again.runs[0]!.results.map((result) => result.partialFingerprints),
        log.runs[0]!.results.map((result) => result.partialFingerprints),
      );
    });

    it('a snapshot that cannot be loaded still prints nothing on stdout for test (exit 3)', () => {
      const run = runBundle(['test', '--snapshot', join(EXAMPLES, 'no-such-host'), '--format', 'sarif']);
      assert.equal(run.status, 3);
      assert.equal(run.stdout, '');
    });
  });

  describe('on a terminal (in process, with a fake TTY)', () => {
    interface Captured {
      code: number;
      stdout: string;
      stderr: string;
    }
    function runOnTerminal(argv: string[], env: Record<string, string | undefined>, stderrIsTty = true): Captured {
      let stdout = '';
      let stderr = '';
      const code = runCli({
        argv,
        stdout: { write: (text: string) => (stdout += text), isTTY: true },
        stderr: { write: (text: string) => (stderr += text), isTTY: stderrIsTty, columns: 120 },
        readStdin: () => Buffer.alloc(0),
        env,
      });
      return { code, stdout, stderr };
    }

    it('report shows a progress line on stderr, cleared at the end, and paints statuses in the table', () => {
      const run = runOnTerminal(['report', EXAMPLES], {});
      assert.equal(run.code, 1);
      assert.ok(
        run.stderr.startsWith(`${CLEAR_LINE}[1/5] judging ${join(EXAMPLES, 'iis10-gpo-blocked')}`),
        JSON.stringify(run.stderr),
      );
      assert.ok(run.stderr.includes(`${CLEAR_LINE}[5/5] judging ${join(EXAMPLES, 'iis6-gpo-revoked-at-refresh')}`));
      assert.ok(run.stderr.endsWith(CLEAR_LINE));
      assert.match(run.stdout, /\u001b\[33mrevoked-at-refresh\u001b\[0m/);
    });

    it('NO_COLOR turns off both the colour and the progress line', () => {
      const run = runOnTerminal(['report', EXAMPLES], { NO_COLOR: '1' });
      assert.equal(run.stderr, '');
      assert.doesNotMatch(run.stdout, /\u001b\[/);
    });

    it('no progress line when stderr is not a terminal; --no-color turns off colour only', () => {
      const run = runOnTerminal(['report', EXAMPLES, '--no-color'], {}, false);
      assert.equal(run.stderr, '');
      assert.doesNotMatch(run.stdout, /\u001b\[/);
      assert.match(runOnTerminal(['report', EXAMPLES, '--no-color'], {}).stderr, /\[1\/5\] judging/);
    });
  });

  describe('names and SIDs side by side, friendly right names with the constant', () => {
    it('explain and the table say who with the SID, and which right by name and constant', () => {
      const explain = runBundle([
        'explain',
        '--snapshot',
        join(EXAMPLES, 'iis10-local-account-denied'),
        '--format',
        'table',
      ]);
      const story = explain.stdout.replace(/\n +/g, ' ');
      assert.match(story, /WEB02\\anon-shop \(S-1-5-21-2011844671-2342893436-4137841088-1003\)/);
      assert.match(
        story,
        /Deny access to this computer from the network \(SeDenyNetworkLogonRight\) catches it through NT AUTHORITY\\Local account \(S-1-5-113\)/,
      );
      const table = runBundle(
        ['test', '--snapshot', join(EXAMPLES, 'iis10-local-account-denied'), '--format', 'table'],
        undefined,
        { COLUMNS: '300' },
      );
      assert.match(
        table.stdout,
        /│ WEB02\\anon-shop +│ S-1-5-21-2011844671-2342893436-4137841088-1003 +│ Access this computer from the network \(SeNetworkLogonRight\) │/,
      );
    });
  });
});
