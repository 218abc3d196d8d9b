import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli';
import type { ReportDocument } from '../../src/render/report-document';
import { CLEAR_LINE } from '../../src/render/report-progress';
import { runBundle } from '../helpers/cli';
import { assertValidReport, EXAMPLES, TEMPLATES } from '../helpers/fleet';
import { addSummary, judgeAlone, zeroes } from './report-helpers';

describe('report (built bundle)', function () {
  this.timeout(120_000);

  describe('exit codes and options that apply to every host', () => {
    it('0 when every host is in the desired state, 1 when one is not, 3 when one could not be loaded (the others still judged)', () => {
      assert.equal(runBundle(['report', join(EXAMPLES, 'iis10-healthy')]).status, 0);
      const out = runBundle(['report', EXAMPLES, '--format', 'json']);
      assert.equal(out.status, 1);
      assert.equal(out.stderr, '');
      const missing = runBundle(['report', EXAMPLES, join(EXAMPLES, 'no-such-host'), '--format', 'json']);
      assert.equal(missing.status, 3);
      const document = JSON.parse(missing.stdout) as ReportDocument;
      assertValidReport(document);
      assert.deepEqual(
        [
          document.summary.judged,
          document.summary.failed,
          document.everySnapshotLoaded,
          document.everyLoadedHostInDesiredState,
        ],
        [5, 1, false, false],
      );
      assert.match(
        missing.stderr,
        /^iis-logon-rights: invalid input: .*no-such-host: expected a snapshot folder or a folder of snapshot folders, found no such file or folder\n$/,
      );
    });

    it('--log-format json writes each failure as a one-key JSON line on stderr', () => {
      const run = runBundle([
        'report',
        join(EXAMPLES, 'iis10-healthy'),
        join(EXAMPLES, 'no-such-host'),
        '--format',
        'json',
        '--log-format',
        'json',
      ]);
      assert.equal(run.status, 3);
      const lines = run.stderr
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.deepEqual(lines, [
        {
          error: `invalid input: ${join(EXAMPLES, 'no-such-host')}: expected a snapshot folder or a folder of snapshot folders, found no such file or folder`,
        },
      ]);
    });

    it('--rules and --with-gpo apply to every host: the fleet equals the sum of test on each', () => {
      const folder = mkdtempSync(join(tmpdir(), 'iis-logon-rights-baseline-'));
      try {
        const baseline = join(folder, 'GptTmpl.inf');
        writeFileSync(
          baseline,
          '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeNetworkLogonRight = *S-1-5-32-544\r\n[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n',
        );
        const options = ['--rules', 'conservative', '--with-gpo', baseline];
        const run = runBundle(['report', EXAMPLES, '--format', 'json', ...options]);
        const document = JSON.parse(run.stdout) as ReportDocument;
        assertValidReport(document);
        assert.equal(document.ruleSet, 'conservative');
        assert.deepEqual(document.withGpo, [baseline]);
        const expected = zeroes();
        for (const template of TEMPLATES)
          addSummary(expected, judgeAlone(join(EXAMPLES, template), ...options).summary);
        assert.deepEqual(document.summary.findings, expected);
        // Only the IIS 6 NetworkService worker processes stay not-required: conservative checks IUSR.
        assert.equal(expected['not-required'], 2, 'conservative checks IUSR');
        assert.ok(expected['gpo-blocked'] > 1, 'the baseline blocks network logon on more hosts');
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('a bad --with-gpo stops the report before any host (it would make every answer wrong)', () => {
      const run = runBundle(['report', EXAMPLES, '--with-gpo', join(EXAMPLES, 'no-such-baseline.inf')]);
      assert.equal(run.status, 3);
      assert.equal(run.stdout, '');
    });
  });

  describe('usage errors (exit 2)', () => {
    const cases: [string, string[], RegExp][] = [
      ['report without a folder', ['report'], /report needs at least one snapshot folder/],
      [
        'report with --snapshot',
        ['report', EXAMPLES, '--snapshot', EXAMPLES],
        /report takes folders as arguments, not --snapshot/,
      ],
      ['report with --plan', ['report', EXAMPLES, '--plan', 'x.json'], /--plan is only for check-plan/],
      [
        'plan with --format junit',
        ['plan', '--snapshot', EXAMPLES, '--format', 'junit'],
        /--format for plan must be one of table, json, not "junit"/,
      ],
      ['test with a second positional', ['test', 'extra', '--snapshot', EXAMPLES], /unexpected argument "extra"/],
      [
        'a bad --format',
        ['report', EXAMPLES, '--format', 'xml'],
        /--format must be one of table, json, junit, sarif, not "xml"/,
      ],
    ];
    for (const [what, args, pattern] of cases) {
      it(what, () => {
        const run = runBundle(args);
        assert.equal(run.status, 2);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, pattern);
      });
    }
  });

  describe('on a terminal (in process, with a fake TTY)', () => {
    interface Captured {
      code: number;
      stdout: string;
      stderr: string;
    }
    function runOnTerminal(argv: string[], env: Record<string, string | undefined>, stderrIsTty = true): Captured {
      let stdout = '';
      let stderr = '';
      const code = runCli({
        argv,
        stdout: { write: (text: string) => (stdout += text), isTTY: true },
        stderr: { write: (text: string) => (stderr += text), isTTY: stderrIsTty, columns: 120 },
        readStdin: () => Buffer.alloc(0),
        env,
      });
      return { code, stdout, stderr };
    }

    it('report shows a progress line on stderr, cleared at the end, and paints statuses in the table', () => {
      const run = runOnTerminal(['report', EXAMPLES], {});
      assert.equal(run.code, 1);
      assert.ok(
        run.stderr.startsWith(`${CLEAR_LINE}[1/5] judging ${join(EXAMPLES, 'iis10-gpo-blocked')}`),
        JSON.stringify(run.stderr),
      );
      assert.ok(run.stderr.includes(`${CLEAR_LINE}[5/5] judging ${join(EXAMPLES, 'iis6-gpo-revoked-at-refresh')}`));
      assert.ok(run.stderr.endsWith(CLEAR_LINE));
      assert.match(run.stdout, /\u001b\[33mrevoked-at-refresh\u001b\[0m/);
    });

    it('NO_COLOR turns off both the colour and the progress line', () => {
      const run = runOnTerminal(['report', EXAMPLES], { NO_COLOR: '1' });
      assert.equal(run.stderr, '');
      assert.doesNotMatch(run.stdout, /\u001b\[/);
    });

    it('no progress line when stderr is not a terminal; --no-color turns off colour only', () => {
      const run = runOnTerminal(['report', EXAMPLES, '--no-color'], {}, false);
      assert.equal(run.stderr, '');
      assert.doesNotMatch(run.stdout, /\u001b\[/);
      assert.match(runOnTerminal(['report', EXAMPLES, '--no-color'], {}).stderr, /\[1\/5\] judging/);
    });
  });

  describe('names and SIDs side by side, friendly right names with the constant', () => {
    it('explain and the table say who with the SID, and which right by name and constant', () => {
      const explain = runBundle([
        'explain',
        '--snapshot',
        join(EXAMPLES, 'iis10-local-account-denied'),
        '--format',
        'table',
      ]);
      const story = explain.stdout.replace(/\n +/g, ' ');
      assert.match(story, /WEB02\\anon-shop \(S-1-5-21-2011844671-2342893436-4137841088-1003\)/);
      assert.match(
        story,
        /Deny access to this computer from the network \(SeDenyNetworkLogonRight\) catches it through NT AUTHORITY\\Local account \(S-1-5-113\)/,
      );
      const table = runBundle(
        ['test', '--snapshot', join(EXAMPLES, 'iis10-local-account-denied'), '--format', 'table'],
        undefined,
        { COLUMNS: '300' },
      );
      assert.match(
        table.stdout,
        /│ WEB02\\anon-shop +│ S-1-5-21-2011844671-2342893436-4137841088-1003 +│ Access this computer from the network \(SeNetworkLogonRight\) │/,
      );
    });
  });
});
