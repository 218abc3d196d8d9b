import assert from 'node:assert/strict';
import {
  analyzePowerShell,
  analyzePowerShellFile,
  listPowerShellFiles,
  manifestValue,
  skipUnlessPsTool,
} from './ps-tools';
import { CLEAN, DIRTY, TOOL_SETUP_TIMEOUT_MS } from './powershell-static-helpers';

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
