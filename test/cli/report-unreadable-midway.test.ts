import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { REPO_ROOT } from '../helpers/cli';
import { EXAMPLES, assertValidReport } from '../helpers/fleet';

const SCRIPT = join(REPO_ROOT, 'test', 'helpers', 'report-unreadable-midway.ts');

/**
 * Root reads any folder whatever its mode, through the capabilities CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH; the run drops them from its bounding set (setpriv) so that mode 000
 * means what it means for everyone else. The prefix to run with, or the reason it cannot run.
 */
function withoutReadAnything(): { prefix: string[] } | { skip: string } {
  if (process.platform === 'win32') return { skip: 'POSIX permissions only' };
  if (process.getuid?.() !== 0) return { prefix: [] };
  const prefix = ['setpriv', '--bounding-set', '-dac_override,-dac_read_search'];
  const probe = spawnSync(prefix[0]!, [...prefix.slice(1), 'true']);
  return probe.status === 0
    ? { prefix }
    : { skip: 'running as root, and setpriv cannot drop the capability to read any folder' };
}

/**
 * Issue 15: a folder made unreadable while `report` runs ended the run with exit 4 and lost the
 * 999 good results. Here the folder is listed, the first snapshot judged, and then the second
 * snapshot's folder is made unreadable before it is loaded (the first progress line is the
 * moment: see the script). It is listed as not loaded with the reason; the others are judged.
 */
describe('report: a folder made unreadable during the run', function () {
  this.timeout(120_000);

  it('is listed as not loaded with the reason, and the snapshots before and after it are judged', function () {
    const support = withoutReadAnything();
    if ('skip' in support) {
      console.log(`      skipped: ${support.skip}`);
      this.skip();
    }
    const root = mkdtempSync(join(tmpdir(), 'iis-logon-rights-midway-'));
    const names = ['a-healthy', 'b-revoked', 'c-gpo-blocked'];
    const [first, victim, last] = names.map((name) => join(root, name));
    try {
      cpSync(join(EXAMPLES, 'iis10-healthy'), first!, { recursive: true });
      cpSync(join(EXAMPLES, 'iis10-local-account-denied'), victim!, { recursive: true });
      cpSync(join(EXAMPLES, 'iis10-gpo-blocked'), last!, { recursive: true });
      const [command, ...args] = [...support.prefix, process.execPath, '--require', 'tsx/cjs', SCRIPT, victim!, root];
      const child = spawnSync(command!, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 100_000 });
      assert.equal(child.status, 0, child.stderr);
      const run = JSON.parse(child.stdout) as { code: number; stdout: string; stderr: string; revoked: boolean };
      assert.equal(run.revoked, true, 'the folder was made unreadable after the first snapshot was judged');
      assert.equal(run.code, EXIT_CODES.invalidInput.code, run.stderr);
      const document = JSON.parse(run.stdout) as {
        snapshots: { snapshot: string; loaded: boolean; error?: string }[];
        summary: { judged: number; failed: number };
      };
      assertValidReport(document);
      assert.deepEqual(
        document.snapshots.map((snapshot) => [snapshot.snapshot, snapshot.loaded]),
        [
          [first, true],
          [victim, false],
          [last, true],
        ],
      );
      assert.match(document.snapshots[1]!.error!, new RegExp(`^${victim}: expected .*, found .*may not read`));
      assert.ok(run.stderr.includes(`iis-logon-rights: invalid input: ${document.snapshots[1]!.error}\n`));
      assert.doesNotMatch(run.stderr, /internal error/);
    } finally {
      chmodSync(victim!, 0o755);
      rmSync(root, { recursive: true, force: true });
    }
  });
});
