import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli';
import { COMMAND_NAMES } from '../../src/render/help';
import { REPO_ROOT, runBundle } from '../helpers/cli';

const EXAMPLES = join(REPO_ROOT, 'examples', 'snapshots');
const GPO_BLOCKED = join(EXAMPLES, 'iis10-gpo-blocked');

/** The CLI in process, as on a terminal of the given width (or piped when tty is false). */
export function runOnTerminal(
  argv: string[],
  options: { env?: Record<string, string | undefined>; tty?: boolean; columns?: number } = {},
): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const tty = options.tty ?? true;
  const code = runCli({
    argv,
    stdout: { write: (text: string) => (stdout += text), isTTY: tty, columns: options.columns },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    readStdin: () => Buffer.alloc(0),
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

describe('help per command', () => {
  it('the global help lists every command with one line and points to <command> --help', () => {
    const help = runBundle(['--help']);
    assert.equal(help.status, 0);
    for (const command of COMMAND_NAMES) assert.match(help.stdout, new RegExp(`^  ${command} +\\S`, 'm'), command);
    assert.match(help.stdout, /<command> --help/);
    for (const line of help.stdout.split('\n')) assert.ok(line.length <= 80, `wider than 80 columns: ${line}`);
  });

  it("each command's --help is its own: usage, options, one example and its exit codes", () => {
    const seen = new Set<string>();
    for (const command of COMMAND_NAMES) {
      const run = runBundle([command, '--help']);
      assert.equal(run.status, 0, command);
      assert.match(run.stdout, new RegExp(`^Usage: iis-logon-rights ${command}( |$)`, 'm'), command);
      assert.match(run.stdout, new RegExp(`^Example:\\n  .*iis-logon-rights ${command}`, 'm'), command);
      assert.match(run.stdout, /^Exit codes:\n {2}0 {2}Success/m, command);
      assert.ok(!seen.has(run.stdout), `${command} --help repeats another command's help`);
      seen.add(run.stdout);
      assert.equal(runBundle(['help', command]).stdout, run.stdout, `help ${command}`);
      for (const line of run.stdout.split('\n'))
        assert.ok(line.length <= 80, `${command}: wider than 80 columns: ${line}`);
    }
    // Options and exit codes belong to the command that has them.
    assert.match(runBundle(['plan', '--help']).stdout, /--allow-temporary-fix/);
    assert.doesNotMatch(runBundle(['report', '--help']).stdout, /--allow-temporary-fix/);
    assert.match(runBundle(['test', '--help']).stdout, /^ {2}1 {2}/m);
    assert.doesNotMatch(runBundle(['get', '--help']).stdout, /^ {2}1 {2}/m);
  });

  it("a usage error points to the command's own help", () => {
    const run = runBundle(['plan', '--snapshot', GPO_BLOCKED, '--bogus']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Run iis-logon-rights plan --help for usage\./);
    assert.equal(runBundle(['help', 'nope']).status, 2);
  });
});

describe('small corrections', () => {
  it('check-plan --format table prints the plan as a table, not JSON', () => {
    const plan = runBundle(['plan', '--snapshot', GPO_BLOCKED, '--format', 'json']);
    const folder = mkdtempSync(join(tmpdir(), 'iis-logon-rights-plan-'));
    try {
      const file = join(folder, 'plan.json');
      writeFileSync(file, plan.stdout);
      const table = runBundle(['check-plan', '--plan', file, '--format', 'table']);
      assert.equal(table.status, 0, table.stderr);
      assert.throws(() => JSON.parse(table.stdout));
      assert.match(table.stdout.replace(/\n/g, ' '), /0 action\(s\), 1 refused, 1 GPO edit\(s\)/);
      assert.match(
        table.stdout,
        /SeNetworkLogonRight = \*S-1-5-32-544,\*S-1-5-21-2060260628-1893702904-3285376245-1841/,
      );
      assert.equal(JSON.parse(runBundle(['check-plan', '--plan', file, '--format', 'json']).stdout).planVersion, 1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('NO_COLOR turns colour off only when it is set and not empty (no-color.org)', () => {
    const argv = ['test', '--snapshot', GPO_BLOCKED, '--format', 'table'];
    assert.match(runOnTerminal(argv, { env: {} }).stdout, /\u001b\[/);
    assert.match(runOnTerminal(argv, { env: { NO_COLOR: '' } }).stdout, /\u001b\[/, 'an empty NO_COLOR keeps colour');
    assert.doesNotMatch(runOnTerminal(argv, { env: { NO_COLOR: '1' } }).stdout, /\u001b\[/);
  });

  it('an unknown --site names the option, not an internal JSON pointer', () => {
    const run = runBundle(['test', '--snapshot', GPO_BLOCKED, '--site', 'Nope']);
    assert.equal(run.status, 3);
    assert.doesNotMatch(run.stderr, /\(at \//);
    assert.match(
      run.stderr,
      /^iis-logon-rights: invalid input: --site: expected a site defined in .*"Partners".* or \*, found "Nope"\n$/,
    );
  });

  it('an unknown dsc operation is named as unknown, not as missing', () => {
    const run = runBundle(['dsc', 'export'], '{}');
    assert.equal(run.status, 2);
    const { error } = JSON.parse(run.stderr.trim());
    assert.match(error, /unknown dsc operation "export" \(expected get, test, set, whatif\)/);
    assert.match(
      JSON.parse(runBundle(['dsc'], '{}').stderr.trim()).error,
      /dsc needs an operation: get, test, set, whatif/,
    );
  });

  it('plan text counts the refused findings, says they need an administrator, and has no "after applying" line without actions', () => {
    const run = runBundle(['plan', '--snapshot', GPO_BLOCKED, '--format', 'table']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^No local change is allowed\.$/m);
    assert.match(run.stdout, /^1 finding\(s\) refused: Set will not fix them; they need an administrator/m);
    assert.doesNotMatch(run.stdout, /After applying/);
    assert.doesNotMatch(run.stdout, /needed or allowed/);
    const healthy = runBundle(['plan', '--snapshot', join(EXAMPLES, 'iis10-healthy'), '--format', 'table']);
    assert.match(healthy.stdout, /^No local change is needed\.$/m);
    assert.doesNotMatch(healthy.stdout, /After applying|refused:/);
    const withActions = runBundle([
      'plan',
      '--snapshot',
      join(EXAMPLES, 'iis10-specificuser-pool-missing-batch'),
      '--format',
      'table',
    ]);
    assert.match(withActions.stdout, /After applying the actions/);
  });
});
