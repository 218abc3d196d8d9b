import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli';
import { psQuote } from './ps-tools';

// The package a server installs (npm run package): the module folder and the .nupkg, installed
// with Install-PSResource from a local folder repository into a clean pwsh session whose PATH
// has no node, imported, run against example snapshots (in-process engine), and uninstalled.

const PWSH = join(REPO_ROOT, 'tools', 'pwsh', '.install', 'tool', 'pwsh');
const EXAMPLES = join(REPO_ROOT, 'examples', 'snapshots');
const BOUNDARY = join(REPO_ROOT, 'test', 'fixtures', 'ps-module', 'Use-IisLogonRightsTestBoundary.ps1');

interface Packaged {
  version: string;
  moduleFolder: string;
  repository: string;
  nupkg: string;
}

/** A folder holding only a link to dotnet (which pwsh, a .NET tool, needs) and no node. */
function pathWithoutNode(root: string): string {
  const bin = join(root, 'bin');
  mkdirSync(bin);
  const dotnet = spawnSync('sh', ['-c', 'command -v dotnet'], { encoding: 'utf8' }).stdout.trim();
  if (dotnet !== '') symlinkSync(dotnet, join(bin, 'dotnet'));
  return bin;
}

describe('npm run package: the module installs with Install-PSResource and runs without node', function () {
  this.timeout(20 * 60_000);
  let work = '';
  let packaged: Packaged;

  before(async function () {
    if (process.platform === 'win32' || !existsSync(PWSH)) {
      console.log(
        `      SKIPPED package install test: ${process.platform === 'win32' ? 'the Windows workflow installs the package there' : `${PWSH} is missing (bash tools/pwsh/install.sh)`}`,
      );
      this.skip();
    }
    work = mkdtempSync(join(tmpdir(), 'iislr-package-'));
    const { packageModule } = (await import(join(REPO_ROOT, 'scripts', 'package.mjs'))) as {
      packageModule(outRoot: string): Packaged;
    };
    packaged = packageModule(join(work, 'out'));
  });

  after(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('builds the versioned module folder with both engine hosts, their licences, the DSC v3 manifest and LICENSE', () => {
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(packaged.version, version);
    assert.ok(packaged.moduleFolder.endsWith(join('IisLogonRightsDsc', version)));
    for (const file of [
      'IisLogonRightsDsc.psd1',
      'IisLogonRightsDsc.psm1',
      'LICENSE',
      'IisLogonRights.AnonymousLogonRight.dsc.resource.json',
      'IisLogonRights.AnonymousLogonRight.ps1',
      'bin/iis-logon-rights.engine.js',
      'bin/iis-logon-rights.cjs',
      'bin/net462/Jint.dll',
      'bin/net462/Jint.LICENSE.txt',
      'bin/net462/Acornima.dll',
      'bin/net462/Acornima.LICENSE.txt',
      'bin/net462/System.Memory.dll',
      'bin/net462/System.Memory.LICENSE.txt',
      'bin/net462/System.Buffers.dll',
      'bin/net462/System.Runtime.CompilerServices.Unsafe.dll',
      'bin/net8.0/Jint.dll',
      'bin/net8.0/Jint.LICENSE.txt',
      'bin/net8.0/Acornima.dll',
      'bin/net8.0/Acornima.LICENSE.txt',
    ]) {
      assert.ok(existsSync(join(packaged.moduleFolder, file)), file);
    }
    assert.match(readFileSync(join(packaged.moduleFolder, 'LICENSE'), 'utf8'), /^MIT License/);
    assert.ok(existsSync(packaged.nupkg), packaged.nupkg);
  });

  it('Install-PSResource, Import-Module, Test, Get, Set -WhatIf and Uninstall-PSResource in a clean pwsh with no node on PATH', () => {
    const home = join(work, 'home');
    mkdirSync(home);
    const bin = pathWithoutNode(work);
    const script = `
      $ErrorActionPreference = 'Stop'
      $PSStyle.OutputRendering = 'PlainText'
      'node=' + [System.Boolean] (Get-Command -Name node -ErrorAction SilentlyContinue)
      Register-PSResourceRepository -Name 'IisLogonRightsLocal' -Uri ${psQuote(packaged.repository)} -Trusted
      Install-PSResource -Name 'IisLogonRightsDsc' -Repository 'IisLogonRightsLocal' -Scope CurrentUser -TrustRepository
      $module = Import-Module -Name 'IisLogonRightsDsc' -PassThru
      'base=' + $module.ModuleBase
      'version=' + $module.Version
      'host=' + (& $module { Get-IisLogonRightsEngineHost })
      'healthy=' + (Test-IisAnonymousLogonRight -SnapshotPath ${psQuote(join(EXAMPLES, 'iis10-healthy'))})
      'missing=' + (Test-IisAnonymousLogonRight -SnapshotPath ${psQuote(join(EXAMPLES, 'iis10-specificuser-pool-missing-batch'))})
      $state = Get-IisAnonymousLogonRight -SnapshotPath ${psQuote(join(EXAMPLES, 'iis6-gpo-revoked-at-refresh'))}
      'statuses=' + ((@($state.Findings) | ForEach-Object { $_.Status } | Sort-Object -Unique) -join ',')
      'engineLoaded=' + ($null -ne (& $module { $script:IisLogonRightsJsEngine }))
      . ${psQuote(BOUNDARY)}
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(join(EXAMPLES, 'iis10-specificuser-pool-missing-batch'))}
      Set-IisAnonymousLogonRight -WhatIf
      'lsaCalls=' + $global:IisLogonRightsTestLsaCalls.Count
      Remove-Module -Name 'IisLogonRightsDsc'
      Uninstall-PSResource -Name 'IisLogonRightsDsc' -Scope CurrentUser
      'afterUninstall=' + @(Get-Module -ListAvailable -Name 'IisLogonRightsDsc').Count
      Unregister-PSResourceRepository -Name 'IisLogonRightsLocal'
    `;
    const run = spawnSync(PWSH, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '-'], {
      input: script,
      encoding: 'utf8',
      cwd: work,
      env: {
        HOME: home,
        PATH: bin,
        TERM: 'dumb',
        NO_COLOR: '1',
        DOTNET_ROOT:
          process.env.DOTNET_ROOT ??
          dirname(spawnSync('sh', ['-c', 'readlink -f "$(command -v dotnet)"'], { encoding: 'utf8' }).stdout.trim()),
        DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      },
      timeout: 15 * 60_000,
    });
    assert.equal(run.status, 0, `pwsh exited ${run.status}: ${run.stderr}\n${run.stdout}`);
    assert.equal(run.stderr.trim(), '');
    const values = new Map(
      run.stdout
        .split(/\r?\n/)
        .filter((line) => /^[A-Za-z]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    assert.equal(values.get('node'), 'False', 'no node on PATH');
    assert.ok(values.get('base')!.startsWith(home), `installed under the clean HOME: ${values.get('base')}`);
    assert.equal(values.get('version'), packaged.version);
    assert.equal(values.get('host'), 'inprocess');
    assert.equal(values.get('healthy'), 'True');
    assert.equal(values.get('missing'), 'False');
    // The anonymous users are revoked at the refresh; the IIS 6 NetworkService worker processes need no right.
    assert.equal(values.get('statuses'), 'not-required,revoked-at-refresh');
    assert.equal(values.get('engineLoaded'), 'True');
    assert.match(
      run.stdout,
      /^What if: Grant SeBatchLogonRight to CONTOSO\\svc-reports \(S-1-5-21-2060260628-1893702904-3285376245-1604\)$/m,
    );
    assert.equal(values.get('lsaCalls'), '0', '-WhatIf changed nothing');
    assert.equal(values.get('afterUninstall'), '0');
  });
});
