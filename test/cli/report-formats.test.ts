import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ALL_STATUSES, FINDING_STATUSES, type FindingStatus } from '../../src/core/status';
import { childrenNamed, firstChild, parseXmlTree } from '../../src/parse/xml';
import type { ReportDocument } from '../../src/render/report-document';
import type { SarifLog } from '../../src/render/sarif';
import { runBundle } from '../helpers/cli';
import { assertValidSarif, EXAMPLES, generateFleet, type GeneratedFleet } from '../helpers/fleet';
import { zeroes } from './report-helpers';

describe('report (built bundle)', function () {
  this.timeout(120_000);

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
});
