import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { BUNDLE, REPO_ROOT } from '../helpers/cli';
import { GUARD_TIMEOUT_MS, runBundleGuarded } from '../helpers/hostile-files';

/**
 * --timeout for input read from stdin (issue 15): a caller that never closes stdin gets exit 3
 * naming stdin instead of a run that waits forever. stdin is then read asynchronously, the way
 * that also works on Windows pipes, so these run on every platform. The kill guard is a guard, not a timing
 * assertion: without the option (or with it broken) the run would only end when killed.
 */

interface Ended {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundle with `written` on a stdin that is kept open until the run ends. */
function runWithOpenStdin(args: string[], written: string): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Errors writing to a stdin the child closed are expected; the exit is what is checked.
    child.stdin.on('error', () => undefined);
    child.stdin.write(written);
    const guard = setTimeout(() => child.kill('SIGKILL'), GUARD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(guard);
      child.stdin.destroy();
      resolve({ status, signal, stdout, stderr });
    });
  });
}

describe('--timeout: stdin that never ends (built bundle)', function () {
  this.timeout(GUARD_TIMEOUT_MS * 2);

  for (const [what, args] of [
    ['--snapshot -', ['test', '--snapshot', '-', '--format', 'json']],
    ['--plan -', ['check-plan', '--plan', '-', '--format', 'json']],
    ['dsc test', ['dsc', 'test']],
  ] as const) {
    it(`${what}: exit 3 naming stdin once the time is up, nothing on stdout`, async () => {
      const run = await runWithOpenStdin([...args, '--timeout', '0.5'], '{"factsVersion": 1, "files": ');
      assert.equal(run.signal, null, 'ended by itself, not by the guard');
      assert.equal(run.status, EXIT_CODES.invalidInput.code, run.stderr);
      assert.equal(run.stdout, '');
      assert.match(
        run.stderr,
        /stdin: expected input that ends within 0\.5 s \(--timeout\), found 29 bytes and no end by then/,
      );
    });
  }

  it('stdin that ends in time is read as without the option', () => {
    const run = runBundleGuarded(['test', '--snapshot', '-', '--format', 'json', '--timeout', '30'], {
      input: '{"factsVersion": 1, "files": {}}',
    });
    assert.equal(run.status, EXIT_CODES.invalidInput.code);
    assert.match(run.stderr, /stdin \(at \/files\): expected property "secedit\.inf"/);
  });

  it('is a usage error where nothing is read from stdin, or when it is not a positive number of seconds', () => {
    const folder = `${REPO_ROOT}/examples/snapshots/iis10-healthy`;
    assert.match(
      runBundleGuarded(['test', '--snapshot', folder, '--timeout', '5']).stderr,
      /--timeout is only for input read from stdin/,
    );
    for (const bad of ['0', 'soon', '1e3', '86401']) {
      const run = runBundleGuarded(['test', '--snapshot', '-', '--timeout', bad]);
      assert.equal(run.status, EXIT_CODES.usage.code, bad);
      assert.match(run.stderr, /--timeout must be a number of seconds above 0 and at most 86400/, bad);
    }
  });
});
