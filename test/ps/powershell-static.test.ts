import assert from 'node:assert/strict';
import {
  analyzePowerShell,
  analyzePowerShellFile,
  listPowerShellFiles,
  manifestValue,
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

const CLEAN = 'test/fixtures/ps/clean';
const DIRTY = 'test/fixtures/ps/dirty';

// The module runs under Windows PowerShell 5.1 (the DSC LCM) as well as PowerShell 7, so its
// files are held to what 5.1 parses and reads the same way. The clean fixtures are included so
// the checks never run on nothing.
const CHECKED_FOLDERS = ['dsc', 'tools', CLEAN];

// The first use may build tools/ps-ast (about 16 s on a clean machine, more under load).
const TOOL_SETUP_TIMEOUT_MS = 10 * 60_000;
// Each runspace costs a process start (0.7 s idle, several seconds on a loaded machine).
const EVAL_TIMEOUT_MS = 60_000;

function where(file: PsAnalysis, line: number, column: number): string {
  return `${file.path}:${line}:${column}`;
}

describe('PowerShell files in dsc/ and tools/ (real PowerShell parser)', function () {
  let files: PsAnalysis[] = [];

  before(function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    skipUnlessPsTool(this, 'PowerShell static checks');
    files = analyzePowerShell(listPowerShellFiles(CHECKED_FOLDERS));
  });

  it('checks every tracked PowerShell file, the tool script and clean fixtures among them', function () {
    const paths = files.map((f) => f.path);
    assert.ok(paths.includes('tools/ps-ast/ps-ast.ps1'), `tools/ps-ast/ps-ast.ps1 missing from ${paths.join(', ')}`);
    for (const fixture of ['Fixture.Functions.ps1', 'FixtureResource.psm1', 'FixtureModule.psd1']) {
      assert.ok(paths.includes(`${CLEAN}/${fixture}`), `${fixture} missing from ${paths.join(', ')}`);
    }
    assert.ok(
      paths.every((p) => !p.startsWith(DIRTY)),
      'the deliberately broken fixtures are not part of the check',
    );
  });

  it('parse without errors', function () {
    const errors = files.flatMap((f) =>
      f.parseErrors.map((e) => `${where(f, e.line, e.column)} ${e.errorId}: ${e.message}`),
    );
    assert.deepEqual(errors, []);
  });

  it('use no syntax that Windows PowerShell 5.1 lacks or reads differently', function () {
    const found = files.flatMap((f) =>
      f.ps7OnlySyntax.map((c) => `${where(f, c.line, c.column)} ${c.kind}: ${c.text}`),
    );
    assert.deepEqual(found, []);
  });

  it('contain only ASCII characters (5.1 reads a BOM-less file in the ANSI code page)', function () {
    const found = files.flatMap((f) =>
      f.nonAscii.map(
        (n) =>
          `${where(f, n.line, n.column)} bytes ${n.bytes}${n.codePoint === null ? ' (not UTF-8)' : ` U+${n.codePoint.toString(16).toUpperCase().padStart(4, '0')}`}`,
      ),
    );
    assert.deepEqual(found, []);
  });

  it('manifests (.psd1) are a single literal hashtable', function () {
    const manifests = files.filter((f) => f.path.toLowerCase().endsWith('.psd1'));
    assert.ok(manifests.length > 0);
    assert.deepEqual(
      manifests.filter((f) => f.manifest === null).map((f) => `${f.path}: ${f.manifestError}`),
      [],
    );
  });
});

describe('ps-ast detectors (fixtures under test/fixtures/ps)', function () {
  before(function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    skipUnlessPsTool(this, 'ps-ast detector tests');
    // One tool process for every fixture; the tests below read from the cache.
    analyzePowerShell([...listPowerShellFiles([CLEAN]), ...listPowerShellFiles([DIRTY])]);
  });

  it('reports each PowerShell-7-only construct on its own line', function () {
    const file = analyzePowerShellFile(`${DIRTY}/ps7-only.ps1`);
    assert.deepEqual(file.parseErrors, []);
    assert.deepEqual(
      file.ps7OnlySyntax.map((c) => [c.kind, c.line]),
      [
        ['Ternary', 3],
        ['NullCoalescing', 4],
        ['NullCoalescingAssignment', 5],
        ['PipelineChain', 6],
        ['PipelineChain', 7], // `a || b && c` is one statement, reported once
        ['ForEachParallel', 8],
        ['ForEachParallel', 9], // `% -Pa`: alias and abbreviated parameter
        ['NullConditionalMember', 10],
        ['NullConditionalIndex', 11],
        ['EscapeSequence', 12],
        ['EscapeSequence', 13],
        ['CleanBlock', 17],
      ],
    );
    const ternary = file.ps7OnlySyntax[0]!;
    assert.equal(ternary.column, 6);
    assert.equal(ternary.text, "$a ? 'yes' : 'no'");
  });

  it('reports a syntax error with its line, column and error id', function () {
    const file = analyzePowerShellFile(`${DIRTY}/syntax-error.ps1`);
    assert.deepEqual(
      file.parseErrors.map((e) => [e.line, e.column, e.errorId]),
      [[3, 15, 'ExpectedValueExpression']],
    );
    assert.match(file.parseErrors[0]!.message, /'\+' operator/);
  });

  it('reports each non-ASCII character once, by line and character column, from the raw bytes', function () {
    const file = analyzePowerShellFile(`${DIRTY}/non-ascii.ps1`);
    assert.equal(file.bom, null);
    assert.deepEqual(file.nonAscii, [
      { line: 1, column: 11, codePoint: 0x2013, bytes: 'e2 80 93' },
      { line: 2, column: 13, codePoint: 0xe9, bytes: 'c3 a9' },
      { line: 3, column: 10, codePoint: null, bytes: 'ff' },
      { line: 4, column: 9, codePoint: 0x1f600, bytes: 'f0 9f 98 80' },
      { line: 4, column: 11, codePoint: 0x201c, bytes: 'e2 80 9c' },
      { line: 4, column: 18, codePoint: 0x201d, bytes: 'e2 80 9d' },
    ]);
    assert.equal(file.nonAsciiCount, 6);
  });

  it('decodes a UTF-16 file before looking for non-ASCII text, and names byte order marks', function () {
    const utf16 = analyzePowerShellFile(`${DIRTY}/utf16.ps1`);
    assert.equal(utf16.bom, 'utf-16le');
    assert.deepEqual(utf16.parseErrors, []);
    assert.deepEqual(utf16.nonAscii, [{ line: 2, column: 9, codePoint: 0xef, bytes: 'ef 00' }]);
    const bom = analyzePowerShellFile(`${CLEAN}/Fixture.Bom.ps1`);
    assert.equal(bom.bom, 'utf-8');
    assert.deepEqual(bom.nonAscii, []);
  });

  it('reads CmdletBinding, parameters and comment-based help of a function', function () {
    const file = analyzePowerShellFile(`${CLEAN}/Fixture.Functions.ps1`);
    assert.deepEqual(
      file.functions.map((f) => [f.name, f.line]),
      [
        ['Set-FixtureLogonRight', 3],
        ['ConvertTo-FixtureExitError', 43],
        ['Get-FixtureGreeting', 71],
      ],
    );
    const [set, convert, greeting] = file.functions;
    assert.deepEqual(set!.cmdletBinding, {
      supportsShouldProcess: true,
      defaultParameterSetName: 'ByName',
      confirmImpact: 'Medium',
      arguments: { SupportsShouldProcess: true, ConfirmImpact: 'Medium', DefaultParameterSetName: 'ByName' },
    });
    assert.deepEqual(set!.outputTypes, ['bool']);
    assert.deepEqual(
      set!.parameters.map((p) => [
        p.name,
        p.type,
        p.mandatory,
        p.valueFromPipelineByPropertyName,
        p.parameterSets,
        p.validateSet,
        p.aliases,
      ]),
      [
        ['Name', 'string', true, true, ['ByName'], null, ['AccountName', 'UserName']],
        [
          'Right',
          'string',
          true,
          false,
          [],
          ['SeNetworkLogonRight', 'SeBatchLogonRight', 'SeInteractiveLogonRight'],
          [],
        ],
        ['Force', 'switch', false, false, [], null, []],
      ],
    );
    assert.equal(set!.hasCommentHelp, true);
    assert.equal(set!.help?.synopsis, 'Grants a logon right to one account.');
    assert.match(set!.help?.description ?? '', /advanced function with ShouldProcess/);
    assert.deepEqual(set!.help?.parameters, ['NAME', 'RIGHT']);
    assert.equal(set!.help?.examples, 2);

    assert.equal(convert!.cmdletBinding?.supportsShouldProcess, false);
    assert.equal(convert!.hasCommentHelp, false);
    assert.equal(convert!.help, null);
    assert.deepEqual(
      convert!.parameters.map((p) => [p.name, p.defaultValue]),
      [
        ['ExitCode', null],
        ['Detail', "''"],
      ],
    );
    // `function f($Who = 'world')` declares its parameter outside a param block.
    assert.equal(greeting!.cmdletBinding, null);
    assert.deepEqual(
      greeting!.parameters.map((p) => [p.name, p.defaultValue]),
      [['Who', "'world'"]],
    );
  });

  it('reads a class-based DSC resource: key, mandatory and read-only properties, methods', function () {
    const file = analyzePowerShellFile(`${CLEAN}/FixtureResource.psm1`);
    assert.deepEqual(file.enums, [{ name: 'Ensure', line: 3, members: ['Absent', 'Present'] }]);
    assert.deepEqual(
      file.classes.map((c) => [c.name, c.isDscResource]),
      [
        ['FixtureReason', false],
        ['FixtureLogonRight', true],
      ],
    );
    const resource = file.classes[1]!;
    assert.deepEqual(resource.attributes, ['[DscResource()]']);
    assert.deepEqual(
      resource.properties.map((p) => [
        p.name,
        p.type,
        p.dscProperty?.key,
        p.dscProperty?.mandatory,
        p.dscProperty?.notConfigurable,
        p.isHidden,
      ]),
      [
        ['Name', 'string', true, false, false, false],
        ['Right', 'string', false, true, false, false],
        ['Ensure', 'Ensure', false, false, false, false],
        ['Reasons', 'FixtureReason[]', false, false, true, false],
        ['Cache', 'string', undefined, undefined, undefined, true],
      ],
    );
    assert.deepEqual(resource.properties[1]!.validateSet, ['SeNetworkLogonRight', 'SeBatchLogonRight']);
    assert.equal(resource.properties[2]!.defaultValue, '[Ensure]::Present');
    assert.deepEqual(
      resource.methods.map((m) => [m.name, m.returnType, m.isHidden, m.parameters.map((p) => `${p.type} ${p.name}`)]),
      [
        ['Get', 'FixtureLogonRight', false, []],
        ['Test', 'bool', false, []],
        ['Set', 'void', false, []],
        ['Describe', 'string', true, ['string Prefix', 'int Count']],
      ],
    );
    assert.deepEqual(file.exportModuleMember, {
      calls: 1,
      functions: ['Get-FixtureLogonRight', 'Test-FixtureLogonRight'],
      cmdlets: [],
      variables: [],
      aliases: ['gflr'],
      nonLiteral: [],
    });
  });

  it('keeps Export-ModuleMember arguments that are not literal names apart', function () {
    const file = analyzePowerShellFile(`${DIRTY}/dynamic-export.psm1`);
    assert.deepEqual(file.exportModuleMember, {
      calls: 2,
      functions: ['Get-One'],
      cmdlets: [],
      variables: ['Setting'],
      aliases: ['a1', 'a2'],
      nonLiteral: ['$public.BaseName'],
    });
  });

  it('reads a module manifest: strings, arrays, nested PrivateData, booleans and numbers', function () {
    const manifest = analyzePowerShellFile(`${CLEAN}/FixtureModule.psd1`).manifest;
    assert.ok(manifest !== null);
    assert.deepEqual(manifestValue(manifest, 'functionstoexport'), ['Get-FixtureLogonRight', 'Test-FixtureLogonRight']);
    assert.equal(manifestValue(manifest, 'RootModule'), 'FixtureResource.psm1');
    assert.deepEqual(manifestValue(manifest, 'CmdletsToExport'), []);
    assert.equal(manifestValue(manifest, 'AliasesToExport'), 'gflr');
    assert.deepEqual(manifestValue(manifest, 'DscResourcesToExport'), ['FixtureLogonRight']);
    assert.deepEqual(manifestValue(manifest, 'PrivateData'), {
      PSData: { Tags: ['DSC', 'IIS', 'UserRights'], Prerelease: '' },
      Retries: 3,
      Strict: true,
    });
    assert.equal(manifestValue(manifest, 'NoSuchKey'), undefined);
  });

  it('marks manifest values that are not literals, and files that are not one hashtable', function () {
    const nonLiteral = analyzePowerShellFile(`${DIRTY}/nonliteral-manifest.psd1`);
    assert.deepEqual(nonLiteral.manifest, {
      ModuleVersion: { nonLiteral: '$version' },
      FunctionsToExport: ['Get-One', 'Get-Two'],
      Count: { nonLiteral: '1 + 1' },
      Nested: { Inner: { nonLiteral: 'Get-Date' } },
    });
    const script = analyzePowerShellFile(`${DIRTY}/not-a-manifest.psd1`);
    assert.equal(script.manifest, null);
    assert.match(script.manifestError ?? '', /exactly one statement/);
  });
});

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
