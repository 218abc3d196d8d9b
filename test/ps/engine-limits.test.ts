import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli';
import { psQuote, runPowerShell, skipUnlessPsTool } from './ps-tools';

// The in-process host's limits: a call that Jint stops for memory becomes the CLI's exit code 3
// (IisLogonRightsEngineInvalidInput), one stopped for time or for nesting too deep exit code 4
// (IisLogonRightsEngineInternalError), and the engine is dropped so the next call starts a fresh
// one. Jint is stood in for by an object that throws what Jint throws (the constraint hit itself
// is Jint's to test); the mapping, the ErrorRecord and the reset are the module's own code.

const MODULE_MANIFEST = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1');

describe('in-process engine limits map to the CLI exit codes and ErrorRecords', function () {
  this.timeout(10 * 60_000);

  before(function () {
    skipUnlessPsTool(this, 'in-process engine limits');
  });

  it('memory: exit 3 and IisLogonRightsEngineInvalidInput; time or any other stop: exit 4 and IisLogonRightsEngineInternalError; the engine is dropped', () => {
    const result = runPowerShell(`
      Import-Module ${psQuote(MODULE_MANIFEST)} -Force
      & (Get-Module -Name 'IisLogonRightsDsc') {
        Import-IisLogonRightsJint
        class StopConstraints { [void] Reset() { } }
        class StoppingEngine {
          [System.Exception] $Throw
          [StopConstraints] $Constraints = [StopConstraints]::new()
          StoppingEngine([System.Exception] $throw) { $this.Throw = $throw }
          [object] Invoke([object] $run, [string] $request, [string] $stdin, [object] $files) { throw $this.Throw }
        }
        $stops = @(
          [Jint.Runtime.MemoryLimitExceededException]::new('Script has allocated 300 but is limited to 200'),
          [System.TimeoutException]::new('The operation has timed out.'),
          [System.InvalidOperationException]::new('something else')
        )
        foreach ($stop in $stops) {
          $script:IisLogonRightsJsEngine = [pscustomobject] @{ Engine = [StoppingEngine]::new($stop); Run = $null; Files = $null; TimeoutSeconds = 600; MemoryMegabytes = 4096 }
          $run = Invoke-IisLogonRightsInProcessEngine -ArgumentList @('test', '--snapshot', '-') -InputText '{}'
          '{0}|{1}|{2}' -f $run.ExitCode, $run.StandardError.Trim(), ($null -eq $script:IisLogonRightsJsEngine)
          $script:IisLogonRightsJsEngine = [pscustomobject] @{ Engine = [StoppingEngine]::new($stop); Run = $null; Files = $null; TimeoutSeconds = 600; MemoryMegabytes = 4096 }
          try { $null = Invoke-IisLogonRightsEngine -ArgumentList @('test', '--snapshot', '-') -InputText '{}'; 'no error' } catch { 'record|' + $_.FullyQualifiedErrorId + '|' + $_.CategoryInfo.Category }
        }
      }
    `);
    assert.equal(result.terminatingError, null, result.terminatingError?.message ?? '');
    const lines = result.output.map((item) => String(item.value));
    assert.deepEqual(
      lines.filter((line) => line.startsWith('record|')),
      [
        'record|IisLogonRightsEngineInvalidInput,Invoke-IisLogonRightsEngine|InvalidData',
        'record|IisLogonRightsEngineInternalError,Invoke-IisLogonRightsEngine|NotSpecified',
        'record|IisLogonRightsEngineInternalError,Invoke-IisLogonRightsEngine|NotSpecified',
      ],
    );
    const runs = lines.filter((line) => !line.startsWith('record|')).map((line) => line.split('|'));
    assert.deepEqual(
      runs.map(([code]) => code),
      ['3', '4', '4'],
    );
    assert.deepEqual(
      runs.map((run) => run[2]),
      ['True', 'True', 'True'],
      'the engine is dropped after a stop',
    );
    assert.match(
      runs[0]![1]!,
      /^\{"error":"invalid input: judging it took more than the in-process engine's memory limit \(4096 MiB allocated\)/,
    );
    assert.match(
      runs[1]![1]!,
      /^\{"error":"internal error: the in-process engine did not finish within its time limit \(600 seconds\)/,
    );
    assert.match(runs[2]![1]!, /^\{"error":"internal error: the in-process engine stopped: something else/);
  });
});
