import assert from 'node:assert/strict';
import { runCli } from '../../src/cli';
import { runBundle } from '../helpers/cli';
import { generateFleet, type GeneratedFleet } from '../helpers/fleet';

/**
 * The bundle judges a fleet on worker threads; runCli judges the same fleet in order on one
 * thread. The two must print the same bytes.
 */
function sequentialReport(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli({
    argv: ['report', ...args],
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    readStdin: () => Buffer.alloc(0),
    env: { NO_COLOR: '1' },
  });
  return { code, stdout, stderr };
}

describe('report on worker threads', () => {
  let fleet: GeneratedFleet;
  // With broken snapshots in it (hosts 7 and 57 have a binary or bad-SID secedit.inf, 99 none).
  const size = 120;
  before(() => {
    fleet = generateFleet(size);
  });
  after(() => fleet?.cleanup());

  for (const format of ['json', 'table', 'sarif', 'junit']) {
    it(`--format ${format}: the same output, stderr and exit code as judging in order`, () => {
      const threaded = runBundle(['report', ...fleet.args, '--format', format]);
      const sequential = sequentialReport([...fleet.args, '--format', format]);
      assert.equal(threaded.status, 3, threaded.stderr);
      assert.equal(threaded.status, sequential.code);
      assert.equal(threaded.stderr, sequential.stderr);
      assert.ok(threaded.stdout.length > 1000);
      assert.equal(threaded.stdout, sequential.stdout);
    });
  }

  it('a fleet of two (fewer snapshots than cores are not a problem) gives the same result as one thread', () => {
    const small = generateFleet(2);
    try {
      const threaded = runBundle(['report', ...small.args, '--format', 'json']);
      assert.equal(threaded.stdout, sequentialReport([...small.args, '--format', 'json']).stdout);
    } finally {
      small.cleanup();
    }
  });
});
