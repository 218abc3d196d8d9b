import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { psQuote, type PsErrorRecord } from './ps-tools';
import { assertClean, describeModuleEval, evalInModule, values } from './module-eval-helpers';

describeModuleEval(
  'IisLogonRightsDsc in a PowerShell runspace, running node: quoting arguments, UTF-8 both ways, and finding node',
  ({ tempFolder }) => {
    it('quotes arguments so node receives them unchanged, and carries UTF-8 both ways through System.Diagnostics.Process', function () {
      const tricky = [
        'plain',
        'Default Web Site',
        '',
        'with "quotes"',
        'C:\\Program Files\\x\\',
        'a\\\\"b',
        '*',
        'caf\u00e9',
      ];
      const script =
        "process.stdout.write(JSON.stringify({ argv: process.argv.slice(1), stdin: require('fs').readFileSync(0, 'utf8') })); process.stderr.write('{\"warn\":\"\\u00fcber\"}\\n'); process.exitCode = 7;";
      const result = evalInModule(`
      ConvertTo-IisLogonRightsArgumentString -Argument @('test', '--site', 'Default Web Site', '', 'say "hi"', 'C:\\dir\\', 'a\\b')
      $node = Find-IisLogonRightsNodeJs
      $arguments = @('-e', ${psQuote(script)}, '--') + @(${tricky.map(psQuote).join(', ')})
      $run = Invoke-IisLogonRightsProcess -FilePath $node -ArgumentList $arguments -InputText "stdin: caf$([char] 0xE9) $([char] 0x3A9) $([char] 0xD83D)$([char] 0xDE00)"
      $run.ExitCode
      $run.StandardOutput
      $run.StandardError.Trim()
    `);
      assertClean(result);
      const [quoted, exitCode, stdout, stderr] = values(result) as [string, number, string, string];
      // Unquoted arguments keep their backslashes as they are; inside quotes, trailing ones are doubled.
      assert.equal(quoted, 'test --site "Default Web Site" "" "say \\"hi\\"" C:\\dir\\ a\\b');
      assert.equal(exitCode, 7);
      const echoed = JSON.parse(stdout) as { argv: string[]; stdin: string };
      assert.deepEqual(echoed.argv, tricky, 'node takes -- as the end of its own options');
      assert.equal(echoed.stdin, 'stdin: caf\u00e9 \u03a9 \u{1f600}', 'UTF-8 on stdin, no byte order mark');
      assert.equal(stderr, '{"warn":"\u00fcber"}', 'UTF-8 from stderr');
    });

    it('finds node by setting, environment variable and PATH; explicit paths that do not exist and an empty search are errors naming SYSTEM', function () {
      const fakeBundle = join(tempFolder('iislr-bundle-'), 'old.cjs');
      writeFileSync(fakeBundle, "process.stdout.write('0.0.9\\n');");
      const result = evalInModule(`
      $real = Find-IisLogonRightsNodeJs
      $env:IIS_LOGON_RIGHTS_NODE = $real
      (Find-IisLogonRightsNodeJs) -eq $real
      $env:IIS_LOGON_RIGHTS_NODE = '/no/such/node'
      try { Find-IisLogonRightsNodeJs } catch { $_ }
      $env:IIS_LOGON_RIGHTS_NODE = ''
      try { Set-IisLogonRightsNodeJsPath -Path '/no/such/node' } catch { $_ }
      Set-IisLogonRightsNodeJsPath -Path $real
      $script:IisLogonRightsNodeJsPath -eq $real
      Set-IisLogonRightsNodeJsPath -Path ''
      $null -eq $script:IisLogonRightsNodeJsPath
      $savedPath = $env:PATH
      $env:PATH = ''
      $env:ProgramFiles = ''
      try { Find-IisLogonRightsNodeJs } catch { $_ }
      $env:PATH = $savedPath
      Assert-IisLogonRightsEngineVersion -NodePath $real -BundlePath (Get-IisLogonRightsBundlePath)
      'version matches'
      try { Assert-IisLogonRightsEngineVersion -NodePath $real -BundlePath ${psQuote(fakeBundle)} } catch { $_ }
    `);
      assertClean(result);
      const output = values(result);
      assert.equal(output[0], true);
      const [envMissing, settingMissing] = output.slice(1, 3) as PsErrorRecord[];
      assert.equal(envMissing!.fullyQualifiedErrorId, 'IisLogonRightsNodeJsNotFound,Find-IisLogonRightsNodeJs');
      assert.match(
        envMissing!.message ?? '',
        /"\/no\/such\/node" by the environment variable IIS_LOGON_RIGHTS_NODE, but that file does not exist/,
      );
      assert.equal(settingMissing!.fullyQualifiedErrorId, 'IisLogonRightsNodeJsNotFound,Set-IisLogonRightsNodeJsPath');
      assert.deepEqual(output.slice(3, 5), [true, true]);
      const nothing = output[5] as PsErrorRecord;
      assert.equal(nothing.category, 'ObjectNotFound');
      assert.match(
        nothing.message ?? '',
        /Tried: Set-IisLogonRightsNodeJsPath \(not set\), IIS_LOGON_RIGHTS_NODE \(not set in the process or the machine\), PATH\. The DSC Local Configuration Manager runs as SYSTEM/,
      );
      assert.match(nothing.recommendedAction ?? '', /machine environment variable IIS_LOGON_RIGHTS_NODE/);
      assert.equal(output[6], 'version matches');
      const mismatch = output[7] as PsErrorRecord;
      assert.equal(mismatch.fullyQualifiedErrorId, 'IisLogonRightsVersionMismatch,Assert-IisLogonRightsEngineVersion');
      assert.match(
        mismatch.message ?? '',
        /reports version "0\.0\.9" \(exit code 0\), but the module is version 0\.1\.0/,
      );
    });
  },
);
