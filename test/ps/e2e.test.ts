import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { runBundle } from '../helpers/cli';
import { psQuote, REPO_ROOT } from './ps-tools';

// End to end through a real PowerShell process (pwsh, or Windows PowerShell on Windows): the
// module imported from its manifest and driven as a user would. Where there is no such
// PowerShell (the Linux development machines), every test here is skipped with the reason.
// On any OS with pwsh, the commands judge the example snapshots; on an elevated Windows host
// with IIS (the Windows workflow), the collector and the DSC v3 entry run for real.

const MODULE_MANIFEST = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1');
const ENTRY = join(REPO_ROOT, 'dsc', 'v3', 'IisLogonRights.AnonymousLogonRight.ps1');
const EXAMPLE = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch');
const TIMEOUT_MS = 300_000;

function findExecutable(names: string[]): string | undefined {
  const extensions = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      for (const extension of extensions) {
        const candidate = join(dir, name + extension);
        if (dir !== '' && existsSync(candidate)) return candidate;
      }
    }
  }
  return undefined;
}

const powershell = findExecutable(process.platform === 'win32' ? ['pwsh', 'powershell'] : ['pwsh']);

function runScript(script: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(powershell!, ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', '-'], {
    input: `$ErrorActionPreference = 'Stop'\nImport-Module ${psQuote(MODULE_MANIFEST)}\n${script}\nexit 0\n`,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function isElevatedWindowsWithIis(): boolean {
  if (process.platform !== 'win32') return false;
  const windir = process.env.SystemRoot ?? 'C:\\Windows';
  if (!existsSync(join(windir, 'System32', 'inetsrv', 'config', 'applicationHost.config'))) return false;
  return spawnSync('net', ['session'], { stdio: 'ignore' }).status === 0;
}

describe('IisLogonRightsDsc end to end through a PowerShell process', function () {
  this.timeout(TIMEOUT_MS);

  before(function () {
    if (powershell === undefined) {
      console.log(`      SKIPPED end-to-end module tests: no ${process.platform === 'win32' ? 'pwsh or powershell.exe' : 'pwsh'} on PATH (the Windows workflow runs them)`);
      this.skip();
    }
    if (!existsSync(join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'bin', 'iis-logon-rights.cjs'))) throw new Error('run node build.mjs first: the module has no engine bundle');
  });

  it('Get-IisAnonymousLogonRight -SnapshotPath reports what the engine reports, and formats as a table', function () {
    const run = runScript(`
      $state = Get-IisAnonymousLogonRight -SnapshotPath ${psQuote(EXAMPLE)}
      $state | Format-Table | Out-String -Width 200
      '---'
      ($state.Findings | ForEach-Object { '{0}|{1}|{2}' -f $_.Site, $_.Account, $_.Status }) -join [char] 10
    `);
    assert.equal(run.status, 0, run.stderr);
    const [table, findings] = run.stdout.split('---');
    assert.match(table!, /Scope\s+RuleSet\s+InDesiredState\s+Findings\s+NotInDesiredState/);
    const expected = (JSON.parse(runBundle(['get', '--snapshot', EXAMPLE, '--format', 'json']).stdout) as { findings: { site: string; identity: { name: string }; status: string }[] }).findings.map((finding) => `${finding.site}|${finding.identity.name}|${finding.status}`);
    assert.deepEqual(findings!.trim().split(/\r?\n/), expected);
  });

  it('Test-IisAnonymousLogonRight takes site names from the pipeline and returns one boolean per site', function () {
    const run = runScript(`('Reports', 'Docs' | Test-IisAnonymousLogonRight -SnapshotPath ${psQuote(EXAMPLE)}) -join ','`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'False,True');
  });

  it('an unknown site is a terminating error with a stable ErrorId', function () {
    const run = runScript(`try { Get-IisAnonymousLogonRight -Scope 'Nope' -SnapshotPath ${psQuote(EXAMPLE)} } catch { $_.FullyQualifiedErrorId }`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'IisLogonRightsEngineInvalidInput,Get-IisAnonymousLogonRight');
  });

  describe('on an elevated Windows host with IIS', function () {
    before(function () {
      if (!isElevatedWindowsWithIis()) {
        console.log('      SKIPPED collector and DSC v3 entry end to end: needs an elevated Windows host with IIS (the Windows workflow)');
        this.skip();
      }
    });

    it('Export-IisLogonRightsSnapshot writes a snapshot the engine judges, with no password values', function () {
      const folder = mkdtempSync(join(tmpdir(), 'iislr-e2e-'));
      try {
        const run = runScript(`Export-IisLogonRightsSnapshot -Path ${psQuote(join(folder, 'snapshot'))} -GroupPolicySource RsopThenGpresult | Out-Null`);
        assert.equal(run.status, 0, run.stderr);
        const snapshot = join(folder, 'snapshot');
        for (const file of ['secedit.inf', 'applicationHost.config', 'accounts.json', 'host.json']) assert.ok(existsSync(join(snapshot, file)), file);
        assert.doesNotMatch(readFileSync(join(snapshot, 'applicationHost.config'), 'utf8'), /password="\[enc:/);
        const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
        const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'accounts.schema.json'), 'utf8')));
        assert.ok(validate(JSON.parse(readFileSync(join(snapshot, 'accounts.json'), 'utf8'))), JSON.stringify(validate.errors));
        const judged = runBundle(['test', '--snapshot', snapshot, '--format', 'json']);
        assert.ok(judged.status === 0 || judged.status === 1, judged.stderr);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('the DSC v3 entry answers test with one instance line and exit code 0', function () {
      const run = spawnSync('powershell', ['-NoLogo', '-NonInteractive', '-NoProfile', '-ExecutionPolicy', 'Bypass', '-File', ENTRY, 'test'], { input: '{"scope":"*"}', encoding: 'utf8', cwd: join(REPO_ROOT, 'dsc', 'v3'), timeout: TIMEOUT_MS });
      assert.equal(run.status, 0, run.stderr);
      const instance = JSON.parse(run.stdout) as { _inDesiredState: boolean; findings: unknown[] };
      assert.equal(typeof instance._inDesiredState, 'boolean');
      for (const line of run.stderr.split(/\r?\n/).filter((text) => text !== '')) assert.equal(Object.keys(JSON.parse(line) as object).length, 1, line);
    });
  });
});
