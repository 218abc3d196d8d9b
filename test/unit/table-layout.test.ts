import assert from 'node:assert/strict';
import { plainFinding } from '../../src/core/judged-finding';
import { join } from 'node:path';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { loadSnapshotFolder } from '../../src/io/snapshot';
import { renderPlan } from '../../src/render/plan';
import { fleetCauses } from '../../src/render/report-causes';
import { renderReportTable } from '../../src/render/fleet-summary-table';
import { EXPLAIN_POINTER, renderFindingsTable } from '../../src/render/findings-table';
import { displayWidth, wrapText } from '../../src/render/text-layout';
import { renderTextTable } from '../../src/render/table-layout';
import { buildPlanDocument } from '../../src/io/plan-document';
import { buildPlan } from '../../src/core/plan';
import type { Evaluation, Finding } from '../../src/core/evaluate-identities';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'snapshots');
const EXAMPLE_NAMES = [
  'iis6-gpo-revoked-at-refresh',
  'iis10-gpo-blocked',
  'iis10-local-account-denied',
  'iis10-healthy',
  'iis10-specificuser-pool-missing-batch',
];
const SID = /S-1-\d+(?:-\d+)+/g;

function judged(name: string) {
  const snapshot = loadSnapshotFolder(join(EXAMPLES, name));
  return { snapshot, ...judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] }) };
}

/** Every SID the findings hold, as the table must print it: whole. */
function sidsOf(evaluation: Evaluation): string[] {
  const sids = new Set<string>();
  for (const finding of evaluation.findings) {
    if (finding.identity.sid) sids.add(finding.identity.sid);
    for (const match of [...(finding.matches?.current.grantedBy ?? []), ...(finding.matches?.current.deniedBy ?? [])])
      sids.add(match.sid);
  }
  return [...sids];
}

/** The text of the tables' last column (or of the blocks' lines), lines joined by spaces. */
function lastColumnText(output: string): string {
  return output
    .split('\n')
    .map((line) => (line.startsWith('│') ? line.split('│').at(-2)!.trim() : line.trim()))
    .join(' ')
    .replace(/ +/g, ' ');
}

export function assertFits(output: string, width: number, label: string): void {
  for (const line of output.split('\n'))
    assert.ok(
      displayWidth(line) <= width,
      `${label}: a line is ${displayWidth(line)} columns wide, more than ${width}: ${line}`,
    );
}

describe('tables that fit the terminal', () => {
  for (const width of [80, 120, 200]) {
    for (const name of EXAMPLE_NAMES) {
      it(`${name} at ${width} columns: no line wider, every SID whole, the GPO named, explain pointed to`, () => {
        const { evaluation } = judged(name);
        const output = renderFindingsTable(name, evaluation, { color: false, width });
        assertFits(output, width, name);
        // A SID cut at a line end would leave a prefix here that is not a SID of the findings.
        const printed = new Set(output.match(SID) ?? []);
        for (const sid of sidsOf(evaluation).filter((sid) =>
          evaluation.findings.some((finding) => finding.identity.sid === sid),
        ))
          assert.ok(printed.has(sid), `${sid} is not printed whole at ${width}`);
        for (const sid of printed)
          assert.ok(sidsOf(evaluation).includes(sid), `${sid} is printed but is no SID of the findings (cut?)`);
        for (const finding of evaluation.findings.filter(
          (entry: Finding) => entry.status === 'revoked-at-refresh' || entry.status === 'gpo-blocked',
        )) {
          const owner = finding.allowRightOwner ?? finding.denyRightOwner;
          assert.ok(owner, 'a GPO owns the right');
          assert.ok(lastColumnText(output).includes(`GPO "${owner.name}"`), `${owner.name} is not named at ${width}`);
        }
        assert.equal(output.trimEnd().endsWith(EXPLAIN_POINTER), !evaluation.inDesiredState);
      });
    }
  }

  it('picks the layout by width: separate SID and right name columns when wide, blocks when narrow', () => {
    const { evaluation } = judged('iis6-gpo-revoked-at-refresh');
    assert.match(renderFindingsTable('x', evaluation, { color: false, width: 200 }), /│ SID +│ Right/);
    assert.match(renderFindingsTable('x', evaluation, { color: false, width: 120 }), /│ Identity and SID +│ Status/);
    const narrow = renderFindingsTable('x', evaluation, { color: false, width: 80 });
    assert.doesNotMatch(narrow, /│/);
    assert.match(narrow, /^ {2}SID {7}S-1-5-21-173939653-3250197068-1151168150-1003$/m);
  });

  it('paints statuses only with colour on, and colour never changes the layout', () => {
    const { evaluation } = judged('iis10-local-account-denied');
    const plain = renderFindingsTable('x', evaluation, { color: false, width: 120 });
    const painted = renderFindingsTable('x', evaluation, { color: true, width: 120 });
    assert.doesNotMatch(plain, /\u001b/);
    assert.match(painted, /\u001b\[31mdenied\u001b\[0m/);
    assert.equal(painted.replace(/\u001b\[[0-9;]*m/g, ''), plain);
  });

  it('plan and report tables fit too', () => {
    for (const width of [80, 120]) {
      const { snapshot, evaluation, policy } = judged('iis10-specificuser-pool-missing-batch');
      const plan = renderPlan(
        buildPlanDocument(snapshot.name, 'documented', [], buildPlan(evaluation, policy, { allowTemporaryFix: false })),
        { color: false, width },
      );
      assertFits(
        plan
          .split('\n')
          .filter((line) => !line.includes('='))
          .join('\n'),
        width,
        `plan at ${width}`,
      );
      assert.match(plan, /grant/);
      const outcomes = EXAMPLE_NAMES.map((name) => {
        const entry = judged(name);
        return {
          kind: 'judged' as const,
          name,
          host: entry.snapshot.host,
          evaluation: entry.evaluation,
          policy: entry.policy,
        };
      });
      assertFits(renderReportTable(outcomes, 'documented', { color: false, width }), width, `report at ${width}`);
    }
  });
});

describe("the report's causes", () => {
  it('one cause per identity, right, status and owner across hosts, with the symptom and the hosts counted', () => {
    const blocked = judged('iis10-gpo-blocked');
    const outcome = (computerName: string) => ({
      kind: 'judged' as const,
      name: `fleet/${computerName}`,
      host: { ...blocked.snapshot.host, computerName },
      evaluation: blocked.evaluation,
      policy: blocked.policy,
    });
    const causes = fleetCauses([outcome('WEB05'), outcome('WEB06'), outcome('WEB07'), outcome('WEB08')], 10);
    assert.equal(causes.length, 1);
    assert.deepEqual(
      { ...causes[0]! },
      {
        identity: 'CONTOSO\\svc-anon',
        sid: 'S-1-5-21-2060260628-1893702904-3285376245-1841',
        right: 'SeNetworkLogonRight',
        status: 'gpo-blocked',
        symptom: 'HTTP 401.1',
        owner: 'GPO "CONTOSO Hardened Baseline - Computer"',
        hosts: 4,
        findings: 4,
        exampleHosts: ['WEB05', 'WEB06', 'WEB07'],
      },
    );
    const text = renderReportTable([outcome('WEB05'), outcome('WEB06')], 'documented', { color: false, width: 200 });
    assert.match(text, /Causes behind the most findings \(1\): each is fixed once/);
    assert.match(
      text,
      /│ CONTOSO\\svc-anon +│ SeNetworkLogonRight │ gpo-blocked +│ GPO "CONTOSO Hardened Baseline - Computer" │ 2 +│ 2 +│ WEB05, WEB06 +│/,
    );
  });
});

describe('the table renderer', () => {
  it('wraps text at spaces, cuts long words, and never cuts a SID', () => {
    assert.deepEqual(wrapText('granted by NT AUTHORITY\\Authenticated Users', 12), [
      'granted by',
      'NT',
      'AUTHORITY\\Au',
      'thenticated',
      'Users',
    ]);
    assert.deepEqual(wrapText('denied by (S-1-5-21-1-2-3-1003) now', 10), [
      'denied by',
      '(S-1-5-21-1-2-3-1003)',
      'now',
    ]);
    assert.deepEqual(wrapText('a\nb c', 3), ['a', 'b c']);
  });

  it('measures East Asian wide characters and emoji as two columns', () => {
    assert.equal(displayWidth('Web 站点'), 8);
    assert.equal(displayWidth('caf\u00e9'), 4);
    const lines = renderTextTable(
      [{ header: 'Site' }, { header: 'SID' }],
      [['站点站点站点站点站点', 'S-1-5-21-1-2-3-1003']],
      { width: 30, color: false },
    )!;
    assert.ok(
      lines.every((line) => displayWidth(line) <= 30),
      lines.join('\n'),
    );
    assert.ok(lines.some((line) => line.includes('S-1-5-21-1-2-3-1003')));
  });

  it('returns null when a SID cannot fit, so the caller shows blocks instead', () => {
    assert.equal(
      renderTextTable([{ header: 'A' }, { header: 'SID' }], [['x', 'S-1-5-21-2060260628-1893702904-3285376245-1841']], {
        width: 40,
        color: false,
      }),
      null,
    );
  });

  // The timeouts below only stop a runaway: speed belongs to npm run bench.
  it('renders the findings of 150,000 sites without a stack overflow (at 80 columns every layout is tried)', function () {
    this.timeout(180_000);
    const { evaluation } = judged('iis6-gpo-revoked-at-refresh');
    const revoked = evaluation.findings.filter((finding) => finding.status === 'revoked-at-refresh');
    const findings = Array.from({ length: 150_000 }, (_, index) => ({
      ...plainFinding(revoked[index % revoked.length]!),
      site: `Site${index}`,
    }));
    const output = renderFindingsTable('big', { ...evaluation, findings }, { color: false, width: 80 });
    assert.ok(output.includes('\nSite149999 /: revoked-at-refresh\n'));
    assert.ok(output.trimEnd().endsWith(EXPLAIN_POINTER));
  });

  it('renders 150,000 rows without a stack overflow', function () {
    this.timeout(180_000);
    const rows = Array.from({ length: 150_000 }, (_, index) => [
      `Site${index}`,
      '/',
      `S-1-5-21-1000-2000-3000-${index}`,
      'ok',
    ]);
    const lines = renderTextTable(
      [{ header: 'Site' }, { header: 'Path' }, { header: 'SID' }, { header: 'Status' }],
      rows,
      { width: 120, color: false },
    )!;
    assert.equal(lines.length, 150_000 + 4);
    assert.ok(lines[lines.length - 2]!.includes('S-1-5-21-1000-2000-3000-149999'));
  });
});
