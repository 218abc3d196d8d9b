import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { buildPlan } from '../../src/core/plan';
import type { RuleSetName } from '../../src/core/rules';
import { loadFactsValue, loadSnapshotFolder, SNAPSHOT_FILES } from '../../src/io/snapshot';

/**
 * Judges every folder of test/fixtures/logon and compares each finding with the table its
 * README wrote down before the code: site, path, role, identity, status and HTTP symptom.
 * A README table per rule set: "## Expected findings (`--rules documented`)".
 */
const ROOT = join(__dirname, '..', 'fixtures', 'logon');

interface ExpectedRow {
  site: string;
  path: string;
  role: string;
  identity: string;
  status: string;
  symptom: string;
}

function expectedTables(readme: string): Map<RuleSetName, ExpectedRow[]> {
  const tables = new Map<RuleSetName, ExpectedRow[]>();
  for (const section of readme.split(/^## /m).slice(1)) {
    const heading = /^Expected findings \(`--rules (documented|conservative)`\)/.exec(section);
    if (!heading) continue;
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| site') && !line.startsWith('|---'))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      )
      .map(([site, path, role, identity, status, symptom]) => ({
        site: site!,
        path: path!.replace(/`/g, ''),
        role: role!,
        identity: identity!.replace(/ \(.*\)$/, ''),
        status: status!.split(' ')[0]!,
        symptom: symptom!,
      }));
    tables.set(heading[1] as RuleSetName, rows);
  }
  return tables;
}

describe('logon fixtures: each finding is what the README says Windows does', () => {
  const folders = readdirSync(ROOT).filter((entry) => statSync(join(ROOT, entry)).isDirectory());

  it('there are fixtures, each with at least one expected table', () => {
    assert.ok(folders.length >= 2);
    for (const folder of folders)
      assert.ok(expectedTables(readFileSync(join(ROOT, folder, 'README.md'), 'utf8')).size > 0, folder);
  });

  it('gpo-sources-disagree: one warning names both files and the right; rsop.json wins, while gpresult.xml alone would say ok', () => {
    const snapshot = loadSnapshotFolder(join(ROOT, 'gpo-sources-disagree'));
    const { evaluation } = judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] });
    const warnings = evaluation.diagnostics.filter((diagnostic) => diagnostic.code === 'group-policy-sources-disagree');
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!.message,
      /gpresult\.xml and .*rsop\.json disagree on SeNetworkLogonRight: .*"CONTOSO Web Baseline v1".*"CONTOSO Web Baseline v2".*rsop\.json is used \(precedence rsop\.json over gpresult\.xml\)/,
    );
    const reportOnly = {
      ...snapshot,
      groupPolicy: snapshot.groupPolicy.filter((result) => result.kind === 'gpresult'),
    };
    const anonymous = (judged: typeof evaluation) =>
      judged.findings.find((finding) => finding.role === 'anonymous-user')!.status;
    assert.equal(
      anonymous(judgeSnapshot(reportOnly, { ruleSet: 'documented', withGpo: [] }).evaluation),
      'ok',
      'the stale source alone hides the coming 401.1',
    );
    assert.equal(anonymous(evaluation), 'revoked-at-refresh');
  });

  it("unlocked-anonymous-section: the unlocked site's anonymous identity says a web.config may change it; the locked one does not", () => {
    const { evaluation } = judgeSnapshot(loadSnapshotFolder(join(ROOT, 'unlocked-anonymous-section')), {
      ruleSet: 'documented',
      withGpo: [],
    });
    const noted = evaluation.findings.map(
      (finding) =>
        `${finding.site} ${finding.role} ${finding.notes.filter((note) => note.includes('web.config')).length}`,
    );
    assert.deepEqual(noted, [
      'Blog anonymous-user 1',
      'Blog worker-process 0',
      'Shop anonymous-user 0',
      'Shop worker-process 0',
    ]);
    assert.match(
      evaluation.findings[0]!.message,
      /Note: anonymousAuthentication is unlocked for this path \(<location path="Blog" overrideMode="Allow"> \(line \d+\)\)/,
    );
  });

  it('webconfig-plain-subfolder: a plain folder web.config is judged at its path, with its own line; walked folders need no note', () => {
    const folder = join(ROOT, 'webconfig-plain-subfolder');
    const { evaluation } = judgeSnapshot(loadSnapshotFolder(folder), { ruleSet: 'documented', withGpo: [] });
    const legacy = evaluation.findings.find((finding) => finding.path === '/legacy')!;
    assert.match(
      legacy.identity.definedAt,
      /^web\.config "D:\\sites\\wiki\\legacy\\web\.config" \(site "Wiki" path \/legacy\) \(line 6\)$/,
    );
    const archive = evaluation.findings.find((finding) => finding.path === '/media/archive')!;
    assert.deepEqual(archive.notes, []);
    // The same files without the walk: nothing says the plain folders were looked at.
    const webConfigs = JSON.parse(readFileSync(join(folder, 'webconfigs.json'), 'utf8')) as Record<string, unknown>;
    delete webConfigs['folderWalks'];
    const files = Object.fromEntries(
      SNAPSHOT_FILES.filter((file) => existsSync(join(folder, file))).map((file) => [
        file,
        file === 'webconfigs.json' ? JSON.stringify(webConfigs) : readFileSync(join(folder, file), 'utf8'),
      ]),
    );
    const unwalked = judgeSnapshot(loadFactsValue({ files }, 'facts'), {
      ruleSet: 'documented',
      withGpo: [],
    }).evaluation;
    assert.match(
      unwalked.findings.find((finding) => finding.path === '/media/archive')!.notes.join(' '),
      /lacks the web\.config for \/media \(no web\.config was collected there\); \/media\/archive \(no web\.config was collected there\)/,
    );
  });

  it('webconfig-anonymous-identity: the collected web.config turns a false ok into denied, and says where it is incomplete', () => {
    const folder = join(ROOT, 'webconfig-anonymous-identity');
    const { evaluation } = judgeSnapshot(loadSnapshotFolder(folder), { ruleSet: 'documented', withGpo: [] });
    const root = evaluation.findings[0]!;
    assert.equal(root.status, 'denied');
    assert.match(
      root.identity.definedAt,
      /^web\.config "D:\\sites\\blog\\web\.config" \(site "Blog" path \/\) \(line \d+\)$/,
    );
    assert.deepEqual(root.notes, []);
    const files = evaluation.findings.find((finding) => finding.path === '/files')!;
    assert.match(
      files.notes.join(' '),
      /lacks the web\.config for \/files \(web\.config "\\\\fs01\\files\\web\.config" .* could not be read: Access to the path/,
    );
    assert.deepEqual(
      evaluation.diagnostics
        .filter((diagnostic) => diagnostic.code.startsWith('webconfig'))
        .map((diagnostic) => `${diagnostic.code} ${/site "(\w+)"/.exec(diagnostic.message)![1]}`),
      ['webconfig-section-locked Shop'],
    );
    // The same host without webconfigs.json: what applicationHost.config alone says, the false ok.
    const withoutWebConfigs = Object.fromEntries(
      SNAPSHOT_FILES.filter((file) => file !== 'webconfigs.json' && existsSync(join(folder, file))).map((file) => [
        file,
        readFileSync(join(folder, file), 'utf8'),
      ]),
    );
    const blind = judgeSnapshot(loadFactsValue({ files: withoutWebConfigs }, 'facts'), {
      ruleSet: 'documented',
      withGpo: [],
    }).evaluation;
    assert.equal(blind.findings[0]!.status, 'ok');
    assert.equal(blind.findings[0]!.identity.name, 'CONTOSO\\svc-blog');
    assert.match(blind.findings[0]!.notes.join(' '), /the snapshot holds no web\.config files/);
  });

  it('500.19 paths: the refused web.config is a warning, and every finding at or below its path says IIS answers 500.19 first', () => {
    const cases = [
      ['webconfig-relocked-path', '/admin', 'webconfig-section-locked'],
      ['webconfig-lock-in-webconfig', '/admin', 'webconfig-section-locked'],
      ['webconfig-attribute-locked', '/hr', 'webconfig-lock-violation'],
      ['webconfig-allow-definition', '/media', 'webconfig-section-not-allowed'],
    ] as const;
    for (const [folder, path, code] of cases) {
      const { evaluation } = judgeSnapshot(loadSnapshotFolder(join(ROOT, folder)), {
        ruleSet: 'documented',
        withGpo: [],
      });
      assert.deepEqual(
        evaluation.diagnostics.filter((diagnostic) => diagnostic.code.startsWith('webconfig')).map((d) => d.code),
        [code],
        folder,
      );
      for (const finding of evaluation.findings) {
        const noted = finding.notes.filter((note) => note.startsWith('IIS answers HTTP 500.19'));
        if (finding.path !== path) {
          assert.deepEqual(noted, [], `${folder} ${finding.path}`);
          continue;
        }
        assert.equal(noted.length, 1, folder);
        assert.match(
          noted[0]!,
          new RegExp(
            `^IIS answers HTTP 500\\.19 for Site "\\w+" path ${path} before any logon: it refuses web\\.config ".*" \\(site "\\w+" path ${path}\\): .*this verdict is for the identity IIS uses once that web\\.config is fixed\\.$`,
          ),
        );
        assert.ok(finding.message.endsWith(`Note: ${noted[0]}`), folder);
      }
    }
  });

  it('stig-deny-local-account-gpo: the plan puts the identity-side fix first and flags the GPO edit as a baseline conflict', () => {
    const { evaluation, policy } = judgeSnapshot(loadSnapshotFolder(join(ROOT, 'stig-deny-local-account-gpo')), {
      ruleSet: 'documented',
      withGpo: [],
    });
    const plan = buildPlan(evaluation, policy, { allowTemporaryFix: false });
    assert.deepEqual(plan.actions, []);
    assert.deepEqual(
      plan.refused.map((refused) => refused.fix.split(':')[0]),
      ['Identity-side fix first'],
    );
    assert.deepEqual(
      plan.gpoEdits.map((edit) => [
        edit.gpo.name,
        edit.remove,
        edit.line,
        edit.baselineConflicts?.map((conflict) => conflict.sid),
      ]),
      [['CONTOSO STIG Member Servers', ['S-1-5-113'], 'SeDenyNetworkLogonRight = *S-1-5-32-546', ['S-1-5-113']]],
    );
  });

  for (const folder of folders) {
    it(folder, () => {
      const tables = expectedTables(readFileSync(join(ROOT, folder, 'README.md'), 'utf8'));
      const snapshot = loadSnapshotFolder(join(ROOT, folder));
      for (const [ruleSet, expected] of tables) {
        const { evaluation } = judgeSnapshot(snapshot, { ruleSet, withGpo: [] });
        const actual = evaluation.findings.map((finding) => ({
          site: finding.site ?? '',
          path: finding.path,
          role: finding.role,
          identity: finding.identity.name,
          status: finding.status,
          symptom: finding.symptom.httpStatus,
        }));
        assert.deepEqual(actual, expected, `${folder} under --rules ${ruleSet}`);
        for (const finding of evaluation.findings) {
          if (finding.status === 'ok' || finding.status === 'not-required') continue;
          assert.ok(
            finding.message.includes(`HTTP ${finding.symptom.httpStatus}`),
            `${folder}: the message names the symptom: ${finding.message}`,
          );
        }
      }
    });
  }
});
