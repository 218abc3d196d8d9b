import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HtmlRenderer, Parser } from 'commonmark';
import { assertValidResult, REPO_ROOT, runBundle } from '../helpers/cli';

const EXAMPLES = join(REPO_ROOT, 'examples', 'snapshots');
const REVOKED = join(EXAMPLES, 'iis6-gpo-revoked-at-refresh');
const GPTTMPL_LINE = /^\s*Se\w+Right = \*S-1-/;

interface ExplainedFinding {
  site: string;
  path: string;
  status: string;
  role: string;
  symptom: { httpStatus: string };
  explanation?: {
    causeId: number;
    symptom: string | null;
    cause: string[];
    when: string | null;
    whyRestartHelps: string | null;
    durableFix: { text: string; gptTmplLine?: string }[];
    temporaryFix: string | null;
    notes: string[];
  };
}

describe('explain wherever it goes', () => {
  it('in a file or a pipe (no --format) it is the story in plain text, wrapped to 100 columns', () => {
    const run = runBundle(['explain', '--snapshot', REVOKED]);
    assert.equal(run.status, 0, run.stderr);
    assert.throws(() => JSON.parse(run.stdout), 'not JSON');
    assert.doesNotMatch(run.stdout, /\u001b/);
    const flat = run.stdout.replace(/\n +/g, ' ');
    assert.match(
      flat,
      /What the user sees: After the next Group Policy refresh, anonymous requests fail with HTTP 401\.1/,
    );
    assert.match(flat, /Why IISRESET seems to fix it: .*KB Q275167/);
    assert.match(flat, /GPO "CONTOSO Member Server Baseline"/);
    assert.match(flat, /Temporary fix: /);
    for (const line of run.stdout.split('\n'))
      if (!GPTTMPL_LINE.test(line)) assert.ok(line.length <= 100, `wider than 100: ${line}`);
    assert.match(
      run.stdout,
      /^ {5}SeNetworkLogonRight = \*S-1-5-32-544,\*S-1-5-32-551,\*S-1-5-21-2060260628-1893702904-3285376245-513,\*S-1-5-21-173939653-3250197068-1151168150-1003$/m,
      'the GptTmpl.inf line is whole, never wrapped',
    );
  });

  it('tells one story per cause with every site and path it affects', () => {
    const run = runBundle(['explain', '--snapshot', REVOKED]);
    assert.equal(run.stdout.match(/Why IISRESET/g)?.length, 1, 'two sites, one cause, one story');
    assert.match(run.stdout, /^1\. revoked-at-refresh: WEB01\\IUSR_WEB01 and Access this computer from the network/m);
    assert.doesNotMatch(run.stdout, /^2\. /m);
    assert.match(
      run.stdout,
      /Affects 2 sites and paths:\n {5}- Site "Default Web Site" path \/\n {5}- Site "Intranet" path \/\n/,
    );
    assert.match(
      run.stdout
        .replace(/\n +/g, ' ')
        .replace(/\n(?=\S)/, ' ')
        .split('\n')[0]!,
      /2 not, from 1 cause\(s\)\./,
    );
  });

  it("--format json carries each finding's explanation as fields, one causeId per cause", () => {
    const run = runBundle(['explain', '--snapshot', REVOKED, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const document = JSON.parse(run.stdout);
    assertValidResult(document);
    const findings = document.findings as ExplainedFinding[];
    const explained = findings.filter((finding) => finding.explanation !== undefined);
    assert.deepEqual(
      explained.map((finding) => finding.site),
      ['Default Web Site', 'Intranet'],
    );
    for (const finding of explained) {
      const explanation = finding.explanation!;
      assert.equal(explanation.causeId, 1);
      // The role and the HTTP status are the finding's own; the story does not repeat them.
      assert.deepEqual([finding.role, finding.symptom.httpStatus], ['anonymous-user', '401.1']);
      assert.equal('role' in explanation || 'httpStatus' in explanation, false);
      assert.match(
        explanation.symptom!,
        /^After the next Group Policy refresh, anonymous requests fail with HTTP 401\.1/,
      );
      assert.match(
        explanation.cause.join(' '),
        /GPO "CONTOSO Member Server Baseline" .* owns Access this computer from the network/,
      );
      assert.match(explanation.when!, /every 90 minutes/);
      assert.match(explanation.whyRestartHelps!, /^Why IISRESET seems to fix it/);
      assert.equal(
        explanation.durableFix[0]!.gptTmplLine,
        'SeNetworkLogonRight = *S-1-5-32-544,*S-1-5-32-551,*S-1-5-21-2060260628-1893702904-3285376245-513,*S-1-5-21-173939653-3250197068-1151168150-1003',
      );
      assert.match(explanation.temporaryFix!, /--allow-temporary-fix/);
    }
    // test and get print the same document without explanations.
    const get = JSON.parse(runBundle(['get', '--snapshot', REVOKED, '--format', 'json']).stdout);
    assert.deepEqual(
      get.findings,
      findings.map(({ explanation: _explanation, ...finding }) => finding),
    );
  });

  it('--format json: a worker process identity is a 503, a local fix has no temporary fix, and ok findings carry no explanation', () => {
    const document = JSON.parse(
      runBundle(['explain', '--snapshot', join(EXAMPLES, 'iis10-specificuser-pool-missing-batch'), '--format', 'json'])
        .stdout,
    );
    assertValidResult(document);
    const findings = document.findings as ExplainedFinding[];
    const reports = findings.find((finding) => finding.site === 'Reports' && finding.role === 'worker-process')!;
    assert.equal(reports.status, 'missing');
    assert.equal(reports.symptom.httpStatus, '503');
    assert.match(reports.explanation!.symptom!, /^The application pool cannot start its worker process.*HTTP 503/);
    assert.equal(reports.explanation!.temporaryFix, null);
    assert.equal(reports.explanation!.when, null);
    assert.match(reports.explanation!.durableFix[0]!.text, /^Fix: grant Log on as a batch job/);
    for (const finding of findings.filter((entry) => entry.status === 'ok' || entry.status === 'not-required'))
      assert.equal(finding.explanation, undefined);
  });

  it('--format markdown renders in a CommonMark viewer: headings, the sites as a list, the GptTmpl.inf line as code, names as written', () => {
    const run = runBundle(['explain', '--snapshot', join(EXAMPLES, 'iis10-gpo-blocked'), '--format', 'markdown']);
    assert.equal(run.status, 0, run.stderr);
    const html = new HtmlRenderer().render(new Parser().parse(run.stdout));
    assert.match(html, /<h1>iis-logon-rights explain: .*iis10-gpo-blocked<\/h1>/);
    assert.match(
      html,
      /<h2>1\. <code>gpo-blocked<\/code>: CONTOSO\\svc-anon and Access this computer from the network \(SeNetworkLogonRight\)<\/h2>/,
    );
    assert.match(html, /<li>Site &quot;Partners&quot; path \/<\/li>/);
    assert.match(html, /<strong>What the user sees:<\/strong> Anonymous requests fail with HTTP 401\.1/);
    assert.match(
      html,
      /<pre><code class="language-ini">SeNetworkLogonRight = \*S-1-5-32-544,\*S-1-5-21-2060260628-1893702904-3285376245-1841\n<\/code><\/pre>/,
    );
    assert.match(html, /set at &lt;location path=&quot;Partners&quot;&gt;/, 'markup from the input is text, not HTML');
    assert.doesNotMatch(html, /<location/);
  });

  it('--format markdown keeps underscores and backslashes of names as written', () => {
    const run = runBundle(['explain', '--snapshot', REVOKED, '--format', 'markdown']);
    const html = new HtmlRenderer().render(new Parser().parse(run.stdout));
    assert.match(html, /WEB01\\IUSR_WEB01 \(S-1-5-21-173939653-3250197068-1151168150-1003\)/);
    assert.match(html, /network cleartext \(LOGON32_LOGON_NETWORK_CLEARTEXT\)/, 'underscores are not emphasis');
  });

  it('on a terminal explain keeps its colour; --format table is still accepted as the terminal story', () => {
    const run = runBundle(['explain', '--snapshot', REVOKED, '--format', 'table']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, runBundle(['explain', '--snapshot', REVOKED, '--format', 'text']).stdout);
    assert.equal(runBundle(['test', '--snapshot', REVOKED, '--format', 'markdown']).status, 2);
  });

  it('a baseline given by file is named by its file and told as "if linked", not "at the next refresh"', () => {
    const baseline = join(REPO_ROOT, 'examples', 'baselines', 'GptTmpl.inf');
    const run = runBundle(['explain', '--snapshot', join(EXAMPLES, 'iis10-healthy'), '--with-gpo', baseline]);
    assert.equal(run.status, 0, run.stderr);
    const story = run.stdout.replace(/\n +/g, ' ');
    assert.match(
      story,
      new RegExp(
        `Baseline ${baseline.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(not linked\\) owns Access this computer from the network \\(SeNetworkLogonRight\\): if it is linked`,
      ),
    );
    assert.match(
      story,
      /What the user sees: If the baseline is linked, then after the next refresh, anonymous requests fail with HTTP 401\.1/,
    );
    assert.match(story, /When: Only if the baseline is linked\./);
    assert.doesNotMatch(story, /GPO "?GptTmpl\.inf|Temporary fix|IISRESET/);
    const document = JSON.parse(
      runBundle(['get', '--snapshot', join(EXAMPLES, 'iis10-healthy'), '--with-gpo', baseline, '--format', 'json'])
        .stdout,
    );
    assertValidResult(document);
    const catalog = (
      document.findings as (ExplainedFinding & { allowRightOwner: { name: string; baseline?: string } })[]
    ).find((finding) => finding.site === 'Catalog' && finding.path === '/')!;
    assert.equal(catalog.status, 'revoked-at-refresh');
    assert.deepEqual(catalog.allowRightOwner, { id: 'GptTmpl.inf', name: baseline, baseline });
  });
});
