import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { PowerShell } from 'node-powershell';
import { runBundle } from '../helpers/cli';
import { psQuote, REPO_ROOT } from './ps-tools';
import { PWSH, plainTextEnvironment, pwshUnavailableReason } from './pwsh';

// End to end through one long-lived PowerShell session (node-powershell): the module imported
// once from its manifest and driven as a user would, command after command. The session is the
// pwsh that tools/pwsh/install.sh installs (Windows PowerShell where only that exists); without
// one, every test here is skipped with the reason. Its output is plain text at the source: TERM
// is dumb (so .NET writes no keypad-mode sequences) and $PSStyle renders no colour. On any OS
// the commands judge the example snapshots; on an elevated Windows host with IIS (the Windows
// workflow), the collector and the DSC v3 entry run for real.

const MODULE_MANIFEST = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1');
const ENTRY = join(REPO_ROOT, 'dsc', 'v3', 'IisLogonRights.AnonymousLogonRight.ps1');
const EXAMPLE = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch');
const TIMEOUT_MS = 300_000;

function sessionExecutable(): string | undefined {
  if (pwshUnavailableReason() === undefined) return PWSH;
  return process.platform === 'win32' ? 'powershell.exe' : undefined;
}

let session: PowerShell | undefined;

/**
 * Runs a script in the session as one script block (so an error stops the rest of it) and
 * returns what it wrote. `pwsh -Command -` reads its input line by line and does not finish a
 * statement that spans lines, so the script travels as one line of base64. Errors reach stderr
 * as the host formats them; the tests assert it is empty.
 */
async function runScript(script: string): Promise<{ stdout: string; stderr: string }> {
  const encoded = Buffer.from(`$ErrorActionPreference = 'Stop'\n${script}`, 'utf8').toString('base64');
  const result = await session!.invoke(
    `& ([scriptblock]::Create([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('${encoded}'))))`,
  );
  return { stdout: result.stdout?.toString('utf8') ?? '', stderr: result.stderr?.toString('utf8') ?? '' };
}

function isElevatedWindowsWithIis(): boolean {
  if (process.platform !== 'win32') return false;
  const windir = process.env.SystemRoot ?? 'C:\\Windows';
  if (!existsSync(join(windir, 'System32', 'inetsrv', 'config', 'applicationHost.config'))) return false;
  return spawnSync('net', ['session'], { stdio: 'ignore' }).status === 0;
}

describe('IisLogonRightsDsc end to end through one long-lived PowerShell session', function () {
  this.timeout(TIMEOUT_MS);
  let sessionPid = 0;

  before(async function () {
    const executable = sessionExecutable();
    if (executable === undefined) {
      console.log(`      SKIPPED end-to-end module tests: ${pwshUnavailableReason()}`);
      this.skip();
    }
    if (!existsSync(join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'bin', 'iis-logon-rights.cjs')))
      throw new Error('run node build.mjs first: the module has no engine bundle');
    session = new PowerShell({
      executable,
      executableOptions: {
        '-NoProfile': true,
        '-NonInteractive': true,
        ...(process.platform === 'win32' ? { '-ExecutionPolicy': 'Bypass' } : {}),
      },
      spawnOptions: { cwd: REPO_ROOT, env: plainTextEnvironment() },
      throwOnInvocationError: false,
      invocationTimeout: TIMEOUT_MS,
    });
    const setUp =
      await runScript(`if ($null -ne (Get-Variable -Name 'PSStyle' -ErrorAction SilentlyContinue)) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module ${psQuote(MODULE_MANIFEST)}
$PID`);
    assert.equal(setUp.stderr, '', 'the module imports without errors');
    sessionPid = Number(setUp.stdout.trim());
  });

  after(async function () {
    await session?.dispose();
    session = undefined;
  });

  it('Get-IisAnonymousLogonRight -SnapshotPath reports what the engine reports, and formats as a table', async function () {
    const run = await runScript(`
      $state = Get-IisAnonymousLogonRight -SnapshotPath ${psQuote(EXAMPLE)}
      $state | Format-Table | Out-String -Width 200
      '#findings#'
      ($state.Findings | ForEach-Object { '{0}|{1}|{2}' -f $_.Site, $_.Account, $_.Status }) -join [char] 10
    `);
    assert.equal(run.stderr, '');
    assert.doesNotMatch(run.stdout, /\x1b/, 'plain text: no terminal or colour sequences');
    const [table, findings] = run.stdout.split('#findings#');
    assert.match(table!, /Scope\s+RuleSet\s+InDesiredState\s+Findings\s+NotInDesiredState/);
    const expected = (
      JSON.parse(runBundle(['get', '--snapshot', EXAMPLE, '--format', 'json']).stdout) as {
        findings: { site: string; identity: { name: string }; status: string }[];
      }
    ).findings.map((finding) => `${finding.site}|${finding.identity.name}|${finding.status}`);
    assert.deepEqual(findings!.trim().split(/\r?\n/), expected);
  });

  it('Test-IisAnonymousLogonRight takes site names from the pipeline and returns one boolean per site', async function () {
    const run = await runScript(
      `('Reports', 'Docs' | Test-IisAnonymousLogonRight -SnapshotPath ${psQuote(EXAMPLE)}) -join ','`,
    );
    assert.equal(run.stderr, '');
    assert.equal(run.stdout.trim(), 'False,True');
  });

  it('every command runs in the one session that imported the module', async function () {
    const run = await runScript(
      `'{0} {1} {2}' -f $PID, @(Get-Module -Name 'IisLogonRightsDsc').Count, [bool] (Get-Command -Name 'Get-IisAnonymousLogonRight' -ErrorAction SilentlyContinue)`,
    );
    assert.equal(run.stderr, '');
    assert.equal(run.stdout.trim(), `${sessionPid} 1 True`);
  });

  it('an error the script does not catch reaches stderr as plain text, and the session goes on', async function () {
    const failed = await runScript(
      `Get-IisAnonymousLogonRight -Scope 'Nope' -SnapshotPath ${psQuote(EXAMPLE)}\n'not reached'`,
    );
    assert.doesNotMatch(failed.stdout, /not reached/);
    assert.match(failed.stderr, /Nope/);
    assert.doesNotMatch(failed.stderr, /\x1b/, 'plain text: no colour sequences around the error');
    const next = await runScript(`$PID`);
    assert.equal(next.stdout.trim(), String(sessionPid));
  });

  it('an unknown site is a terminating error with a stable ErrorId', async function () {
    const run = await runScript(
      `try { Get-IisAnonymousLogonRight -Scope 'Nope' -SnapshotPath ${psQuote(EXAMPLE)} } catch { $_.FullyQualifiedErrorId }`,
    );
    assert.equal(run.stderr, '');
    assert.equal(run.stdout.trim(), 'IisLogonRightsEngineInvalidInput,Get-IisAnonymousLogonRight');
  });

  describe('on an elevated Windows host with IIS', function () {
    before(function () {
      if (!isElevatedWindowsWithIis()) {
        console.log(
          '      SKIPPED collector and DSC v3 entry end to end: needs an elevated Windows host with IIS (the Windows workflow)',
        );
        this.skip();
      }
    });

    it('Export-IisLogonRightsSnapshot writes a snapshot the engine judges, with no password values', async function () {
      const folder = mkdtempSync(join(tmpdir(), 'iislr-e2e-'));
      try {
        const run = await runScript(
          `Export-IisLogonRightsSnapshot -Path ${psQuote(join(folder, 'snapshot'))} -GroupPolicySource RsopThenGpresult | Out-Null`,
        );
        assert.equal(run.stderr, '');
        const snapshot = join(folder, 'snapshot');
        for (const file of ['secedit.inf', 'applicationHost.config', 'accounts.json', 'host.json'])
          assert.ok(existsSync(join(snapshot, file)), file);
        assert.doesNotMatch(readFileSync(join(snapshot, 'applicationHost.config'), 'utf8'), /password="\[enc:/);
        const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
        const validate = ajv.compile(
          JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'accounts.schema.json'), 'utf8')),
        );
        assert.ok(
          validate(JSON.parse(readFileSync(join(snapshot, 'accounts.json'), 'utf8'))),
          JSON.stringify(validate.errors),
        );
        const judged = runBundle(['test', '--snapshot', snapshot, '--format', 'json']);
        assert.ok(judged.status === 0 || judged.status === 1, judged.stderr);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('the DSC v3 entry answers test with one instance line and exit code 0', function () {
      const run = spawnSync(
        'powershell',
        ['-NoLogo', '-NonInteractive', '-NoProfile', '-ExecutionPolicy', 'Bypass', '-File', ENTRY, 'test'],
        { input: '{"scope":"*"}', encoding: 'utf8', cwd: join(REPO_ROOT, 'dsc', 'v3'), timeout: TIMEOUT_MS },
      );
      assert.equal(run.status, 0, run.stderr);
      const instance = JSON.parse(run.stdout) as { _inDesiredState: boolean; findings: unknown[] };
      assert.equal(typeof instance._inDesiredState, 'boolean');
      for (const line of run.stderr.split(/\r?\n/).filter((text) => text !== ''))
        assert.equal(Object.keys(JSON.parse(line) as object).length, 1, line);
    });
  });
});
