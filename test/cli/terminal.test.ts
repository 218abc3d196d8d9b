import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE, REPO_ROOT } from '../helpers/cli';

/**
 * The tables through a real terminal: tmux gives the program a pseudo-terminal of a known width,
 * so stdout.isTTY and stdout.columns are what an administrator's console would report.
 */
const EXAMPLES = join(REPO_ROOT, 'examples', 'snapshots');
const SID = /S-1-\d+(?:-\d+)+/g;
const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;

interface Screen {
  lines: string[];
  text: string;
}

/** Runs the bundle in a detached tmux of `width` columns on a server of its own and returns what it printed. */
function onTerminal(width: number, args: string[]): Screen {
  const folder = mkdtempSync(join(tmpdir(), 'iis-logon-rights-tmux-'));
  const socket = join(folder, 'tmux.sock');
  const done = join(folder, 'done');
  const tmux = (...tmuxArgs: string[]) =>
    spawnSync('tmux', ['-S', socket, '-f', '/dev/null', ...tmuxArgs], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '' },
    });
  try {
    const quoted = [process.execPath, BUNDLE, ...args].map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(' ');
    const started = tmux(
      'new-session',
      '-d',
      '-x',
      String(width),
      '-y',
      '200',
      `${quoted}; touch '${done}'; sleep 600`,
    );
    assert.equal(started.status, 0, started.stderr);
    // Bounded wait for the program to finish; the suite's timeout is the runaway guard.
    for (let tries = 0; tries < 600 && !existsSync(done); tries++) spawnSync('sleep', ['0.1']);
    assert.ok(existsSync(done), 'the program did not finish in the terminal');
    // -J joins lines the terminal wrapped, so a line wider than the terminal shows as one long line.
    const captured = tmux('capture-pane', '-p', '-J', '-S', '-');
    assert.equal(captured.status, 0, captured.stderr);
    const lines = captured.stdout.replace(/\n+$/, '').split('\n');
    return { lines, text: captured.stdout };
  } finally {
    tmux('kill-server');
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('tables in a real terminal (tmux)', function () {
  this.timeout(120_000);
  before(function () {
    if (!hasTmux) {
      console.log('    skipped: tmux is not installed (apt-get install tmux; .ci/run installs it)');
      this.skip();
    }
  });

  for (const width of [80, 120, 200]) {
    it(`at ${width} columns no line is wider than the terminal and every SID is whole`, () => {
      for (const example of ['iis6-gpo-revoked-at-refresh', 'iis10-healthy', 'iis10-specificuser-pool-missing-batch']) {
        const screen = onTerminal(width, ['test', '--snapshot', join(EXAMPLES, example)]);
        for (const line of screen.lines)
          assert.ok(
            [...line].length <= width,
            `${example} at ${width}: a line of ${[...line].length} columns: ${line}`,
          );
        const expected =
          example === 'iis6-gpo-revoked-at-refresh'
            ? ['S-1-5-21-173939653-3250197068-1151168150-1003']
            : example === 'iis10-healthy'
              ? [
                  'S-1-5-82-1644801222-614493741-2497716893-1311644037-2277017731',
                  'S-1-5-21-2060260628-1893702904-3285376245-1733',
                ]
              : ['S-1-5-21-2060260628-1893702904-3285376245-1604'];
        const printed = new Set(screen.text.match(SID) ?? []);
        for (const sid of expected) assert.ok(printed.has(sid), `${example} at ${width}: ${sid} is not printed whole`);
      }
    });
  }

  it('the table on a terminal names the GPO, the symptom and points to explain', () => {
    const screen = onTerminal(120, ['test', '--snapshot', join(EXAMPLES, 'iis6-gpo-revoked-at-refresh')]);
    const lastColumn = screen.lines
      .map((line) => (line.startsWith('│') ? line.split('│').at(-2)!.trim() : ''))
      .join(' ');
    assert.match(lastColumn, /GPO "CONTOSO Member Server Baseline" removes it at the next refresh/);
    assert.match(screen.text, /HTTP 401\.1 after/);
    assert.match(screen.lines.at(-1)!, /^Run iis-logon-rights explain on this snapshot/);
  });

  it('explain on a terminal wraps to the terminal, not to 100 columns', () => {
    const screen = onTerminal(80, ['explain', '--snapshot', join(EXAMPLES, 'iis10-gpo-blocked')]);
    for (const line of screen.lines) if (!/^\s*Se\w+Right = /.test(line)) assert.ok(line.length <= 80, line);
    assert.ok(
      screen.lines.some((line) => line.length > 70),
      'uses the width',
    );
  });
});
