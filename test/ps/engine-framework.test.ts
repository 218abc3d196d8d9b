import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli';
import { psQuote } from './ps-tools';
import { plainTextEnvironment, skipUnlessPwsh } from './pwsh';

// Which Jint the module loads in PowerShell 7: bin/net10.0 (compiled ahead of time for this
// machine by scripts/engine-host.mjs) on .NET 10 and later, else bin/net8.0. .NET 10 ignores
// ReadyToRun code compiled against .NET 8 and compiles every method again, so the folder must
// match the runtime, and the image in it must carry its precompiled code.

const MODULE_ROOT = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc');

describe('in-process engine: the Jint build PowerShell 7 loads', function () {
  this.timeout(5 * 60_000);
  let pwsh = '';

  before(function () {
    pwsh = skipUnlessPwsh(this, 'the Jint build PowerShell 7 loads');
  });

  it('loads bin/net10.0, precompiled, on .NET 10 when the build made it, else bin/net8.0', function () {
    const script = `
      $ErrorActionPreference = 'Stop'
      $module = Import-Module ${psQuote(join(MODULE_ROOT, 'IisLogonRightsDsc.psd1'))} -PassThru
      & $module { Import-IisLogonRightsJint }
      $location = [Jint.Engine].Assembly.Location
      $stream = [System.IO.File]::OpenRead($location)
      try {
        $reader = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        $precompiled = $reader.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0
      } finally { $stream.Dispose() }
      'runtime=' + [System.Environment]::Version.Major
      'folder=' + [System.IO.Path]::GetFileName([System.IO.Path]::GetDirectoryName($location))
      'precompiled=' + $precompiled
      'version=' + [Jint.Engine].Assembly.GetName().Version
    `;
    const run = spawnSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '-'], {
      input: script,
      encoding: 'utf8',
      env: plainTextEnvironment(),
    });
    assert.equal(run.status, 0, run.stderr);
    const facts = Object.fromEntries(
      run.stdout
        .split(/\r?\n/)
        .filter((line) => line.includes('='))
        .map((line) => line.trim().split('=', 2) as [string, string]),
    );
    const built = existsSync(join(MODULE_ROOT, 'bin', 'net10.0', 'Jint.dll'));
    if (Number(facts.runtime) >= 10 && built) {
      assert.equal(facts.folder, 'net10.0');
      assert.equal(facts.precompiled, 'True', 'bin/net10.0/Jint.dll has no ReadyToRun code');
    } else {
      if (Number(facts.runtime) >= 10)
        console.log('      (bin/net10.0 was not built here: the ReadyToRun build failed; see build output)');
      assert.equal(facts.folder, 'net8.0');
    }
    assert.equal(facts.version, '4.18.0.0');
  });
});
