import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childrenNamed, parseXmlTree } from '../../src/parse/xml';
import { REPO_ROOT } from './ps-tools';
import { PESTER_RUNNER, plainTextEnvironment, skipUnlessPwsh } from './pwsh';

// The module's own Pester suite (dsc/tests), run by real PowerShell 7.6.10 and Pester 5.7.1
// through tools/pwsh/Invoke-PesterSuite.ps1, judged from its JUnit XML result file. A test that
// cannot run here (it needs a Windows API, the LCM or a disposable server) must say so with
// `Set-ItResult -Skipped -Because 'Windows only: <why>'`; a bare -Skip fails this suite.

const TESTS_DIR = join(REPO_ROOT, 'dsc', 'tests');
const BUNDLE = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'bin', 'iis-logon-rights.cjs');
// The whole suite takes about ten seconds on two idle cores; the bound only stops a hung pwsh.
const RUN_TIMEOUT_MS = 8 * 60_000;
const SKIP_REASON = /\bis skipped, because Windows only: (\S.*)$/s;

interface PesterCase {
  file: string;
  name: string;
  status: string;
  message: string;
}

interface PesterRun {
  exitCode: number | null;
  console: string;
  errors: number;
  suites: { file: string; tests: number }[];
  cases: PesterCase[];
}

function readJUnit(path: string): Pick<PesterRun, 'errors' | 'suites' | 'cases'> {
  const root = parseXmlTree(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), path, { keepText: true });
  assert.equal(root.local, 'testsuites', `${path}: a JUnit <testsuites> document`);
  const suites = childrenNamed(root, 'testsuite');
  return {
    errors: Number(root.attributes.errors),
    suites: suites.map((suite) => ({ file: suite.attributes.name!, tests: Number(suite.attributes.tests) })),
    cases: suites.flatMap((suite) =>
      childrenNamed(suite, 'testcase').map((testCase) => {
        const detail = [
          ...childrenNamed(testCase, 'failure'),
          ...childrenNamed(testCase, 'error'),
          ...childrenNamed(testCase, 'skipped'),
        ][0];
        return {
          file: suite.attributes.name!,
          name: testCase.attributes.name!,
          status: testCase.attributes.status!,
          message: detail === undefined ? '' : `${detail.attributes.message ?? ''}\n${detail.text}`.trim(),
        };
      }),
    ),
  };
}

function runPester(pwsh: string): PesterRun {
  const folder = mkdtempSync(join(tmpdir(), 'iislr-pester-'));
  try {
    const resultPath = join(folder, 'pester.junit.xml');
    const run = spawnSync(
      pwsh,
      [
        '-NoLogo',
        '-NoProfile',
        '-NonInteractive',
        '-File',
        PESTER_RUNNER,
        '-ResultPath',
        resultPath,
        '-Output',
        'Normal',
      ],
      {
        cwd: REPO_ROOT,
        env: plainTextEnvironment(),
        encoding: 'utf8',
        timeout: RUN_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const console = `${run.error?.message ?? ''}\n${run.stdout ?? ''}\n${run.stderr ?? ''}`.trim();
    assert.ok(existsSync(resultPath), `Pester wrote no result file (exit ${run.status}):\n${console}`);
    return { exitCode: run.status, console, ...readJUnit(resultPath) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('Pester suite dsc/tests under real pwsh (tools/pwsh/.install)', function () {
  this.timeout(RUN_TIMEOUT_MS + 60_000);
  let run: PesterRun;

  before(function () {
    const pwsh = skipUnlessPwsh(this, 'Pester suite (dsc/tests)');
    if (!existsSync(BUNDLE))
      throw new Error('dsc/IisLogonRightsDsc/bin/iis-logon-rights.cjs is missing: run node build.mjs (npm test does)');
    run = runPester(pwsh);
    const count = (status: string) => run.cases.filter((testCase) => testCase.status === status).length;
    console.log(
      `      Pester: ${count('Passed')} passed, ${count('Failed')} failed, ${count('Skipped')} skipped in ${run.suites.length} files`,
    );
  });

  it('runs every test file in dsc/tests, and no file or setup block failed', function () {
    const files = readdirSync(TESTS_DIR)
      .filter((name) => name.endsWith('.Tests.ps1'))
      .map((name) => join(TESTS_DIR, name))
      .sort();
    assert.ok(files.length > 0);
    assert.equal(run.errors, 0, `a test file failed to load or its setup failed:\n${run.console}`);
    assert.deepEqual(run.suites.map((suite) => suite.file).sort(), files);
    for (const suite of run.suites) assert.ok(suite.tests > 0, `${suite.file}: no tests found`);
  });

  it('has 0 failures', function () {
    const failed = run.cases.filter((testCase) => testCase.status !== 'Passed' && testCase.status !== 'Skipped');
    assert.deepEqual(
      failed.map((testCase) => `${testCase.file}: ${testCase.name}: ${testCase.status}: ${testCase.message}`),
      [],
    );
    assert.equal(run.exitCode, 0, run.console);
  });

  it('names the Windows-only reason of every skipped test', function () {
    const skipped = run.cases.filter((testCase) => testCase.status === 'Skipped');
    const unexplained = skipped.filter((testCase) => !SKIP_REASON.test(testCase.message));
    assert.deepEqual(
      unexplained.map((testCase) => `${testCase.file}: ${testCase.name}: "${testCase.message}"`),
      [],
      "skip with Set-ItResult -Skipped -Because 'Windows only: <why>'",
    );
    const reasons = new Set(skipped.map((testCase) => SKIP_REASON.exec(testCase.message)![1]!.trim()));
    for (const reason of reasons) console.log(`      Pester skipped (Windows only): ${reason}`);
  });
});
