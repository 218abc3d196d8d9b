import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { fleetExitCodeName, summarizeFleet, type JudgedSnapshot } from '../../src/core/fleet-summary';
import { ALL_STATUSES } from '../../src/core/status';
import { buildReportDocument } from '../../src/render/report-document';
import { renderReportTable } from '../../src/render/fleet-summary-table';
import { REPO_ROOT } from '../helpers/cli';
import { assertValidReport } from '../helpers/fleet';
import { FAILED_OUTCOME, judgeFleetExamples, MEMBER_SERVER_BASELINE } from './report-helpers';

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
});
