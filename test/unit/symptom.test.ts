import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Finding } from '../../src/core/evaluate-identities';
import { plainFinding } from '../../src/core/judged-finding';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { describeSymptom, shortSymptom, symptomTiming } from '../../src/render/symptom-text';
import { ALL_STATUSES, FINDING_STATUSES } from '../../src/core/status';
import { loadSnapshotFolder } from '../../src/io/snapshot';
import { renderExplanation } from '../../src/render/explain';
import { renderJunit } from '../../src/render/junit';
import { renderSarif } from '../../src/render/sarif';
import { renderFindingsTable } from '../../src/render/findings-table';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'snapshots');
const LOGON_FIXTURES = join(__dirname, '..', 'fixtures', 'logon');

function judged(name: string, folder = EXAMPLES) {
  const snapshot = loadSnapshotFolder(join(folder, name));
  const { evaluation, policy } = judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] });
  return { kind: 'judged' as const, name, host: snapshot.host, evaluation, policy };
}

function findingOf(name: string, site: string): Finding {
  return judged(name).evaluation.findings.find((finding) => finding.site === site)!;
}

describe('the symptom the administrator arrives with', () => {
  it('an anonymous user that cannot log on is HTTP 401.1; a worker process identity is 503', () => {
    const anonymous = findingOf('iis10-gpo-blocked', 'Partners');
    assert.deepEqual(
      [anonymous.role, shortSymptom(anonymous), symptomTiming(anonymous)],
      ['anonymous-user', 'HTTP 401.1', 'now'],
    );
    const pool = findingOf('iis10-specificuser-pool-missing-batch', 'Reports');
    assert.deepEqual([pool.role, shortSymptom(pool), symptomTiming(pool)], ['worker-process', 'HTTP 503', 'now']);
    assert.match(
      describeSymptom(pool)!,
      /^The application pool cannot start its worker process.*HTTP 503 Service Unavailable\.$/,
    );
  });

  it('revoked-at-refresh is the same symptom after the next refresh; findings in the desired state and unresolved ones have none', () => {
    const revoked = findingOf('iis6-gpo-revoked-at-refresh', 'Intranet');
    assert.equal(symptomTiming(revoked), 'after-refresh');
    assert.equal(shortSymptom(revoked), 'HTTP 401.1 after the next refresh');
    assert.match(
      describeSymptom(revoked)!,
      /^After the next Group Policy refresh, anonymous requests fail with HTTP 401\.1/,
    );
    // A spread of a judged finding keeps only its own members (judged-finding.ts): copy it plain first.
    const base = plainFinding(findingOf('iis10-gpo-blocked', 'Partners'));
    for (const status of ALL_STATUSES) {
      const none = FINDING_STATUSES[status].inDesiredState || status === 'unresolved';
      assert.equal(shortSymptom({ ...base, status }) === null, none, status);
      assert.equal(describeSymptom({ ...base, status }) === null, none, status);
    }
  });

  it('the table, JUnit and SARIF name it for every finding not in the desired state', () => {
    const pool = judged('iis10-specificuser-pool-missing-batch');
    const anonymous = judged('iis10-local-account-denied');
    for (const width of [80, 120, 200]) {
      assert.match(renderFindingsTable('x', pool.evaluation, { color: false, width }), /HTTP 503/, `${width}`);
      assert.equal(
        renderFindingsTable('x', anonymous.evaluation, { color: false, width }).match(/HTTP 401\.1/g)?.length,
        2,
        `${width}`,
      );
    }
    const junit = renderJunit([pool, anonymous]);
    assert.match(junit, /Symptom: HTTP 503 \(worker process identity\)/);
    assert.equal(junit.match(/Symptom: HTTP 401\.1 \(anonymous user\)/g)?.length, 2);
    const results = renderSarif([pool, anonymous]).runs[0]!.results;
    assert.equal(results.length, 3);
    for (const result of results) {
      const expected = result.properties.site === 'Reports' ? '503' : '401.1';
      assert.equal(result.properties.symptom?.httpStatus, expected);
      assert.match(result.message.text, new RegExp(`HTTP ${expected.replace('.', '\\.')}`));
    }
  });

  it('a connect-as account that cannot log on is HTTP 500.19 (401.2 on IIS 6), in the table, explain, JUnit and SARIF', () => {
    for (const [fixture, status, code] of [
      ['connect-as-iis10', '500.19', '500\\.19'],
      ['connect-as-iis6', '401.2', '401\\.2'],
    ] as const) {
      const snapshot = judged(fixture, LOGON_FIXTURES);
      const connectAs = snapshot.evaluation.findings.filter(
        (finding) => finding.role === 'connect-as' && !FINDING_STATUSES[finding.status].inDesiredState,
      );
      assert.ok(connectAs.length > 0, fixture);
      for (const finding of connectAs) assert.equal(shortSymptom(finding), `HTTP ${status}`, fixture);
      const evaluation = { ...snapshot.evaluation, findings: connectAs };
      for (const width of [80, 200])
        assert.equal(
          renderFindingsTable('x', evaluation, { color: false, width }).match(new RegExp(`HTTP ${code}`, 'g'))?.length,
          connectAs.length,
          `${fixture} at ${width}`,
        );
      const story = renderExplanation('x', evaluation, snapshot.policy, { color: false, width: 100 }).replace(
        /\n +/g,
        ' ',
      );
      assert.match(story, new RegExp(`What the user sees: .*HTTP ${code}`), fixture);
      assert.match(story, /connect-as account/, fixture);
      const junit = renderJunit([{ ...snapshot, evaluation }]);
      assert.equal(
        junit.match(new RegExp(`Symptom: HTTP ${code} \\(connect-as account\\)`, 'g'))?.length,
        connectAs.length,
        fixture,
      );
      for (const result of renderSarif([{ ...snapshot, evaluation }]).runs[0]!.results) {
        assert.deepEqual(
          [result.properties.role, result.properties.symptom?.httpStatus],
          ['connect-as', status],
          fixture,
        );
      }
    }
  });
});
