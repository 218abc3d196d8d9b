import assert from 'node:assert/strict';
import {
  analyzePowerShell,
  listPowerShellFiles,
  psQuote,
  psToolStatus,
  runPowerShell,
  runPowerShellFile,
  skipUnlessPsTool,
  PS_AST_SCRIPT,
  REPO_ROOT,
  type PsAnalysis,
  type PsBackend,
  type PsEvalResult,
} from './ps-tools';
import { CLEAN, DIRTY, EVAL_TIMEOUT_MS, TOOL_SETUP_TIMEOUT_MS } from './powershell-static-helpers';

describe('runPowerShell (a fresh runspace of the real engine)', function () {
  let backend: PsBackend;
  this.timeout(EVAL_TIMEOUT_MS);

  before(function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    backend = skipUnlessPsTool(this, 'PowerShell evaluation tests');
  });

  it('runs a fixture function and returns its ErrorRecord as data', function () {
    const result = runPowerShell(`
      . ${psQuote(`${REPO_ROOT}/${CLEAN}/Fixture.Functions.ps1`)}
      foreach ($code in 0, 2, 3, 4) {
        $record = ConvertTo-FixtureExitError -ExitCode $code -Detail 'see stderr'
        if ($null -eq $record) { "no error for $code" } else { $record }
      }
    `);
    assert.deepEqual(result.errors, []);
    assert.equal(result.terminatingError, null);
    assert.deepEqual(
      result.output.map((o) => o.type),
      [
        'System.String',
        'System.Management.Automation.ErrorRecord',
        'System.Management.Automation.ErrorRecord',
        'System.Management.Automation.ErrorRecord',
      ],
    );
    assert.equal(result.output[0]!.value, 'no error for 0');
    const records = result.output.slice(1).map((o) => o.value as Record<string, unknown>);
    assert.deepEqual(
      records.map((r) => [r.fullyQualifiedErrorId, r.category, r.targetObject, r.exceptionType]),
      [
        ['EngineUsageError', 'InvalidArgument', 2, 'System.InvalidOperationException'],
        ['EngineInvalidInput', 'InvalidData', 3, 'System.InvalidOperationException'],
        ['EngineInternalError', 'NotSpecified', 4, 'System.InvalidOperationException'],
      ],
    );
    assert.equal(records[1]!.message, 'The engine exited with code 3. see stderr');
  });

  it('converts hashtables, custom objects, enums and dates to JSON values', function () {
    const result = runPowerShell(`
      [ordered] @{ Name = 'IUSR'; Sids = @('S-1-5-17'); Nested = @{ Deep = $true } }
      [pscustomobject] @{ PSTypeName = 'Fixture.Finding'; Status = 'ok'; Count = 2 }
      [System.DayOfWeek]::Tuesday
      [datetime]::new(2024, 2, 29, 13, 14, 15, [System.DateTimeKind]::Utc)
      ,@(1, 2)
    `);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.output.map((o) => o.value),
      [
        { Name: 'IUSR', Sids: ['S-1-5-17'], Nested: { Deep: true } },
        { Status: 'ok', Count: 2 },
        'Tuesday',
        '2024-02-29T13:14:15.0000000Z',
        [1, 2],
      ],
    );
    assert.equal(result.output[1]!.type, 'System.Management.Automation.PSCustomObject');
    assert.equal(result.output[1]!.typeNames[0], 'Fixture.Finding');
    assert.equal(result.output[4]!.type, 'System.Object[]');
  });

  it('reports each stream, non-terminating errors with their line, and a terminating error', function () {
    const result = runPowerShell(
      [
        "$VerbosePreference = 'Continue'",
        "Write-Verbose 'checking'",
        "Write-Warning 'no GPO owns the right'",
        "Write-Information 'note' -Tags 'a', 'b'",
        "function Fail { [CmdletBinding()] param() Write-Error -Message 'not found' -ErrorId 'NotFound' -Category ObjectNotFound -TargetObject 'IUSR' }",
        'Fail',
        "'before throw'",
        "throw 'stopped here'",
        "'never written'",
      ].join('\n'),
    );
    assert.deepEqual(result.verbose, ['checking']);
    assert.deepEqual(result.warnings, ['no GPO owns the right']);
    assert.deepEqual(result.information, [{ messageData: 'note', tags: ['a', 'b'] }]);
    assert.deepEqual(
      result.output.map((o) => o.value),
      ['before throw'],
    );
    assert.deepEqual(
      result.errors.map((e) => [e.message, e.category, e.targetObject, e.line, e.fullyQualifiedErrorId]),
      [['not found', 'ObjectNotFound', 'IUSR', 6, 'NotFound,Fail']],
    );
    assert.equal(result.terminatingError?.message, 'stopped here');
    assert.equal(result.terminatingError?.line, 8);
    assert.equal(result.hadErrors, true);
  });

  it('without pwsh, has only the Core cmdlets and the stream stand-ins (dll limitation)', function () {
    if (backend.kind !== 'dotnet') this.skip();
    const result = runPowerShell(`
      $names = foreach ($c in Get-Command -CommandType Cmdlet) { $c.Name }
      @{ HasForEach = $names -contains 'ForEach-Object'; HasJson = $names -contains 'ConvertTo-Json'; HasTestPath = $names -contains 'Test-Path' }
      ConvertTo-Json @{ a = 1 }
    `);
    assert.deepEqual(result.standIns, [
      'Write-Output',
      'Write-Error',
      'Write-Warning',
      'Write-Verbose',
      'Write-Debug',
      'Write-Information',
    ]);
    assert.deepEqual(
      result.output.map((o) => o.value),
      [{ HasForEach: true, HasJson: false, HasTestPath: false }],
    );
    assert.deepEqual(
      result.errors.map((e) => e.exceptionType),
      ['System.Management.Automation.CommandNotFoundException'],
    );
  });
});

describe('tools/ps-ast/ps-ast.ps1 agrees with ps-ast.dll', function () {
  this.timeout(EVAL_TIMEOUT_MS);

  before(function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    const status = psToolStatus();
    if (status.available && status.backend.kind !== 'dotnet') {
      // Under pwsh the script is the tool itself; its agreement is checked where the dll runs.
      console.log('      SKIPPED ps-ast.ps1 comparison: it needs the dll backend (pwsh is in use)');
      this.skip();
    }
    skipUnlessPsTool(this, 'ps-ast.ps1 comparison');
  });

  it('writes the same facts for every fixture when run inside the dll runspace', function () {
    const fixtures = [...listPowerShellFiles([CLEAN]), ...listPowerShellFiles([DIRTY])];
    assert.ok(fixtures.length >= 10);
    const fromDll = analyzePowerShell(fixtures);
    const result = runPowerShell(`& ${psQuote(PS_AST_SCRIPT)} ${fixtures.map(psQuote).join(' ')}`);
    assert.deepEqual(result.errors, []);
    assert.equal(result.terminatingError, null);
    assert.equal(result.output.length, 1);
    const fromScript = JSON.parse(result.output[0]!.value as string) as {
      engine: { host: string };
      files: PsAnalysis[];
    };
    assert.equal(fromScript.engine.host, 'ps-ast.ps1');
    assert.deepEqual(fromScript.files, fromDll);
  });

  it('-Eval reports the same values, errors and streams when run inside the dll runspace', function () {
    const script = `${REPO_ROOT}/${CLEAN}/Fixture.Eval.ps1`;
    const fromDll = runPowerShellFile(script);
    const result = runPowerShell(`& ${psQuote(PS_AST_SCRIPT)} -Eval ${psQuote(script)}`);
    assert.deepEqual(result.errors, []);
    assert.equal(result.terminatingError, null);
    const fromScript = JSON.parse(result.output[0]!.value as string) as PsEvalResult;
    assert.equal(fromScript.engine.host, 'ps-ast.ps1');
    // The fixture must exercise what is compared: deep values, an error, a terminating error.
    assert.equal(fromDll.output.length, 6);
    assert.equal(fromDll.errors[0]?.fullyQualifiedErrorId, 'Bad,Invoke-FixtureFailure');
    assert.equal(fromDll.terminatingError?.message, 'stopped');
    const { engine: _dllEngine, standIns: _dllStandIns, ...dllStreams } = fromDll;
    const { engine: _scriptEngine, standIns: _scriptStandIns, ...scriptStreams } = fromScript;
    assert.deepEqual(scriptStreams, dllStreams);
  });
});
