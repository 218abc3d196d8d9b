import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { FINDING_STATUSES } from '../../src/core/status';
import { UNSAFE_TEXT_CHARACTERS } from '../../src/render/text-escape';
import {
  analyzePowerShell,
  listPowerShellFiles,
  manifestValue,
  skipUnlessPsTool,
  REPO_ROOT,
  type PsAnalysis,
  type PsClass,
  type PsManifestValue,
} from './ps-tools';

// Static checks of the PowerShell module with the real PowerShell parser: the manifest, the
// exported commands, the files, the help, the class resource and the cmdlets against the
// desired-state schema, and the module's copies of the engine's tables. The generic checks
// (parse errors, PowerShell-7-only syntax, non-ASCII) run over every tracked file of dsc/ in
// powershell-static.test.ts; this file adds the test fixtures of the module.

const MODULE_DIR = 'dsc/IisLogonRightsDsc';
const MANIFEST = `${MODULE_DIR}/IisLogonRightsDsc.psd1`;
const ROOT_MODULE = `${MODULE_DIR}/IisLogonRightsDsc.psm1`;
const CONTRACT = `${MODULE_DIR}/Data/EngineContract.psd1`;
const FORMAT_FILE = `${MODULE_DIR}/IisLogonRightsDsc.format.ps1xml`;
const V3_ENTRY = 'dsc/v3/IisLogonRights.AnonymousLogonRight.ps1';
const FIXTURES = 'test/fixtures/ps-module';
const TOOL_SETUP_TIMEOUT_MS = 10 * 60_000;

/** Parameters a cmdlet may have beyond the desired-state properties, and why. */
const CMDLET_ONLY_PARAMETERS: Record<string, string> = {
  Detailed: 'Test: return the findings instead of a boolean',
  SnapshotPath: 'judge a saved snapshot instead of this host',
  GroupPolicySource: 'how the collector reads Group Policy facts',
  BackupPath: 'Set: where the backup and undo plan are written',
  BackupRetention: 'Set: how many backups to keep (older ones are pruned)',
  PassThru: 'Set: write the change result',
};

const instanceSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'dsc-instance.schema.json'), 'utf8')) as {
  required: string[];
  properties: Record<string, SchemaProperty>;
};

interface SchemaProperty {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  readOnly?: boolean;
  items?: { type?: string; properties?: Record<string, SchemaProperty> };
}

function byName<T extends { name: string }>(items: readonly T[], name: string): T {
  const found = items.find((item) => item.name.toLowerCase() === name.toLowerCase());
  assert.ok(found, `${name} not found among ${items.map((item) => item.name).join(', ')}`);
  return found;
}

function stringList(value: PsManifestValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  assert.ok(Array.isArray(value), `expected a list, found ${JSON.stringify(value)}`);
  return value.map((item) => {
    assert.equal(typeof item, 'string');
    return item as string;
  });
}

/** The schema type a PowerShell type corresponds to; class arrays name the element class. */
function schemaTypeOf(psType: string | null): { type: string; elementClass?: string } {
  const normalized = (psType ?? '').replace(/^System\./i, '').toLowerCase();
  if (normalized === 'string') return { type: 'string' };
  if (normalized === 'boolean' || normalized === 'bool') return { type: 'boolean' };
  if (normalized.endsWith('[]')) return { type: 'array', elementClass: (psType ?? '').slice(0, -2) };
  return { type: `unmapped PowerShell type ${psType}` };
}

function schemaType(property: SchemaProperty): string {
  if (property.enum !== undefined && property.enum.every((value) => typeof value === 'string')) return 'string';
  if (Array.isArray(property.type)) return property.type.filter((type) => type !== 'null').join('|');
  return property.type ?? 'untyped';
}

describe('IisLogonRightsDsc module: manifest, commands, help and schema agreement (real PowerShell parser)', function () {
  let files: PsAnalysis[] = [];
  let manifest: { [key: string]: PsManifestValue };
  let psm1: PsAnalysis;
  let publicFiles: PsAnalysis[];
  let privateFiles: PsAnalysis[];

  const file = (path: string) => {
    const found = files.find((entry) => entry.path === path);
    assert.ok(found, `${path} was not analyzed (is it tracked by git?)`);
    return found;
  };
  const functionsIn = (entries: PsAnalysis[]) => entries.flatMap((entry) => entry.functions.filter((fn) => !fn.nested));

  before(function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    skipUnlessPsTool(this, 'IisLogonRightsDsc module checks');
    files = analyzePowerShell(listPowerShellFiles(['dsc', FIXTURES]));
    manifest = file(MANIFEST).manifest!;
    psm1 = file(ROOT_MODULE);
    publicFiles = files.filter((entry) => entry.path.startsWith(`${MODULE_DIR}/Public/`));
    privateFiles = files.filter((entry) => entry.path.startsWith(`${MODULE_DIR}/Private/`));
  });

  it('every PowerShell file of the module is tracked by git, so the generic parser checks cover it', function () {
    const onDisk = (folder: string) =>
      readdirSync(join(REPO_ROOT, folder))
        .filter((name) => /\.ps(d|m)?1$/i.test(name))
        .map((name) => `${folder}/${name}`);
    const expected = [
      ...onDisk(MODULE_DIR),
      ...onDisk(`${MODULE_DIR}/Public`),
      ...onDisk(`${MODULE_DIR}/Private`),
      ...onDisk(`${MODULE_DIR}/Data`),
      ...onDisk('dsc/v3'),
      ...onDisk('dsc/tests'),
      ...onDisk('dsc/examples'),
      ...onDisk(FIXTURES),
    ];
    const tracked = new Set(files.map((entry) => entry.path));
    assert.deepEqual(
      expected.filter((path) => !tracked.has(path)),
      [],
    );
    assert.ok(
      publicFiles.length >= 5 && privateFiles.length >= 30,
      `${publicFiles.length} public, ${privateFiles.length} private files`,
    );
  });

  it('the module and its test fixtures parse, use only Windows PowerShell 5.1 syntax, and are ASCII', function () {
    const problems = files.flatMap((entry) => [
      ...entry.parseErrors.map((error) => `${entry.path}:${error.line} ${error.errorId}`),
      ...entry.ps7OnlySyntax.map((construct) => `${entry.path}:${construct.line} ${construct.kind}`),
      ...entry.nonAscii.map(
        (character) => `${entry.path}:${character.line}:${character.column} non-ASCII ${character.bytes}`,
      ),
    ]);
    assert.deepEqual(problems, []);
  });

  it('manifest: root module, PowerShell 5.1, Desktop and Core, and the package version', function () {
    const packageVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    assert.equal(
      manifestValue(manifest, 'ModuleVersion'),
      packageVersion,
      'ModuleVersion must equal package.json version (the engine checks it at call time)',
    );
    assert.equal(manifestValue(manifest, 'RootModule'), 'IisLogonRightsDsc.psm1');
    assert.equal(manifestValue(manifest, 'PowerShellVersion'), '5.1');
    assert.deepEqual(stringList(manifestValue(manifest, 'CompatiblePSEditions')).sort(), ['Core', 'Desktop']);
    assert.match(
      String(manifestValue(manifest, 'GUID')),
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    for (const format of stringList(manifestValue(manifest, 'FormatsToProcess')))
      assert.ok(existsSync(join(REPO_ROOT, MODULE_DIR, format)), format);
  });

  it('manifest: no ProjectUri or LicenseUri, because the project has no public address a gallery could link to', function () {
    const psData =
      (manifestValue(manifest, 'PrivateData') as { PSData?: Record<string, unknown> } | undefined)?.PSData ?? {};
    assert.deepEqual(
      Object.keys(psData).filter((key) => /^(ProjectUri|LicenseUri|IconUri)$/i.test(key)),
      [],
      'an address in the manifest must be real: add it once the project is published, with the LICENSE it points at',
    );
    assert.ok(stringList(psData.Tags as PsManifestValue).includes('DSC'), 'PSData was read');
  });

  it('manifest: explicit export lists, and no CmdletsToExport (with all three explicit, PowerShell 7 hides the DSC resources)', function () {
    const exported = stringList(manifestValue(manifest, 'FunctionsToExport'));
    assert.ok(
      exported.every((name) => !name.includes('*')),
      'no wildcards',
    );
    assert.deepEqual(stringList(manifestValue(manifest, 'AliasesToExport')), ['Set-IisLogonRightsNodePath']);
    assert.deepEqual(stringList(manifestValue(manifest, 'VariablesToExport')), []);
    assert.equal(manifestValue(manifest, 'CmdletsToExport'), undefined);
    assert.deepEqual(
      stringList(manifestValue(manifest, 'DscResourcesToExport')),
      psm1.classes.filter((cls) => cls.isDscResource).map((cls) => cls.name),
    );
  });

  it('FunctionsToExport = Export-ModuleMember in the psm1 = one function per Public/*.ps1 file, named like the file', function () {
    const exported = stringList(manifestValue(manifest, 'FunctionsToExport')).sort();
    assert.deepEqual([...(psm1.exportModuleMember?.functions ?? [])].sort(), exported);
    assert.deepEqual(psm1.exportModuleMember?.nonLiteral, []);
    assert.deepEqual(publicFiles.map((entry) => basename(entry.path, '.ps1')).sort(), exported);
    for (const entry of [...publicFiles, ...privateFiles]) {
      assert.deepEqual(
        functionsIn([entry]).map((fn) => fn.name),
        [basename(entry.path, '.ps1')],
        `${entry.path} defines exactly the function it is named after`,
      );
    }
    const privateNames = functionsIn(privateFiles).map((fn) => fn.name);
    assert.deepEqual(
      privateNames.filter((name) => exported.includes(name)),
      [],
      'private functions stay private',
    );
  });

  it('every module function has comment help: synopsis, a description, each parameter, an example', function () {
    const problems: string[] = [];
    for (const fn of functionsIn([...publicFiles, ...privateFiles])) {
      const help = fn.help;
      if (help === null) {
        problems.push(`${fn.name}: no comment help`);
        continue;
      }
      if ((help.synopsis ?? '').length < 10) problems.push(`${fn.name}: synopsis`);
      if ((help.description ?? '').length < 40) problems.push(`${fn.name}: description shorter than 40 characters`);
      if (help.examples < 1) problems.push(`${fn.name}: no example`);
      const declared = fn.parameters.map((parameter) => parameter.name.toUpperCase());
      for (const name of declared)
        if (!help.parameters.includes(name)) problems.push(`${fn.name}: parameter ${name} undocumented`);
      const allowedExtra = fn.cmdletBinding?.supportsShouldProcess ? ['WHATIF', 'CONFIRM'] : [];
      for (const name of help.parameters)
        if (!declared.includes(name) && !allowedExtra.includes(name))
          problems.push(`${fn.name}: help documents ${name}, which it does not declare`);
    }
    assert.deepEqual(problems, []);
  });

  it('public commands: advanced functions, an OutputType on each that writes objects, ShouldProcess on each that changes anything', function () {
    const changing = [
      'Set-IisAnonymousLogonRight',
      'Undo-IisAnonymousLogonRight',
      'Export-IisLogonRightsSnapshot',
      'Set-IisLogonRightsNodeJsPath',
      'Set-IisLogonRightsEngineHost',
    ];
    const silent = ['Set-IisLogonRightsNodeJsPath', 'Set-IisLogonRightsEngineHost'];
    for (const fn of functionsIn(publicFiles)) {
      assert.ok(fn.cmdletBinding, `${fn.name} is an advanced function`);
      assert.equal(
        fn.cmdletBinding.supportsShouldProcess,
        changing.includes(fn.name),
        `${fn.name} SupportsShouldProcess`,
      );
      assert.equal(fn.outputTypes.length > 0, !silent.includes(fn.name), `${fn.name} OutputType`);
      if (changing.includes(fn.name)) {
        assert.deepEqual(
          ['WHATIF', 'CONFIRM'].filter((name) => !fn.help!.parameters.includes(name)),
          [],
          `${fn.name} documents -WhatIf and -Confirm`,
        );
      }
    }
    const set = byName(functionsIn(publicFiles), 'Set-IisAnonymousLogonRight');
    const undo = byName(functionsIn(publicFiles), 'Undo-IisAnonymousLogonRight');
    assert.equal(set.cmdletBinding?.confirmImpact, 'Medium');
    assert.equal(undo.cmdletBinding?.supportsShouldProcess, true);
    assert.deepEqual(
      undo.parameters.filter((parameter) => parameter.mandatory).map((parameter) => parameter.name),
      ['BackupPath'],
    );
  });

  it('the class resource mirrors schemas/dsc-instance.schema.json: names, types, Key = required, NotConfigurable = readOnly, defaults', function () {
    const resource = byName(psm1.classes, 'IisAnonymousLogonRight');
    assert.ok(resource.isDscResource);
    const schemaNames = Object.keys(instanceSchema.properties).filter((name) => !name.startsWith('_'));
    const dscProperties = resource.properties.filter((property) => property.dscProperty !== null);
    assert.deepEqual(
      dscProperties.map((property) => property.name.toLowerCase()).sort(),
      schemaNames.map((name) => name.toLowerCase()).sort(),
    );
    for (const property of dscProperties) {
      const schemaName = schemaNames.find((name) => name.toLowerCase() === property.name.toLowerCase())!;
      const schema = instanceSchema.properties[schemaName]!;
      const mapped = schemaTypeOf(property.type);
      assert.equal(
        mapped.type,
        schemaType(schema),
        `${property.name}: ${property.type} vs ${JSON.stringify(schema.type ?? schema.enum)}`,
      );
      assert.equal(
        property.dscProperty!.key,
        instanceSchema.required.includes(schemaName),
        `${property.name}: Key iff required`,
      );
      assert.equal(
        property.dscProperty!.notConfigurable,
        schema.readOnly === true,
        `${property.name}: NotConfigurable iff readOnly`,
      );
      if (schema.default !== undefined) {
        const literal = typeof schema.default === 'boolean' ? `$${schema.default}` : `'${String(schema.default)}'`;
        assert.equal(property.defaultValue, literal, `${property.name}: default`);
      }
      if (mapped.elementClass !== undefined) {
        const element: PsClass = byName(psm1.classes, mapped.elementClass);
        const itemProperties = schema.items?.properties ?? {};
        assert.deepEqual(
          element.properties.map((item) => item.name.toLowerCase()).sort(),
          Object.keys(itemProperties)
            .map((name) => name.toLowerCase())
            .sort(),
          `${element.name} vs ${schemaName}.items`,
        );
        for (const item of element.properties) {
          assert.equal(
            schemaTypeOf(item.type).type,
            'string',
            `${element.name}.${item.name} is a string (Machine Configuration needs strings)`,
          );
          assert.ok(item.dscProperty !== null, `${element.name}.${item.name} has [DscProperty()]`);
        }
      }
    }
    const reason = byName(psm1.classes, 'IisLogonRightsReason');
    assert.deepEqual(
      reason.properties.map((property) => property.name),
      ['Code', 'Phrase'],
      'Machine Configuration: exactly Code and Phrase',
    );
    assert.deepEqual(
      resource.methods.map((method) => `${method.returnType} ${method.name}`),
      ['IisAnonymousLogonRight Get', 'bool Test', 'void Set'].map((text) => text.replace('bool', 'System.Boolean')),
    );
  });

  it('the class methods only delegate to Get-, Test- and Set-IisAnonymousLogonRight', function () {
    const resource = byName(psm1.classes, 'IisAnonymousLogonRight');
    const loopLine = psm1.commands.find((command) => command.name === 'Export-ModuleMember')!.line;
    // The resource class ends where the next class (the engine's file access) begins.
    const end = Math.min(loopLine, ...psm1.classes.map((entry) => entry.line).filter((line) => line > resource.line));
    const inClass = psm1.commands
      .filter((command) => command.line > resource.line && command.line < end)
      .map((command) => command.name);
    assert.deepEqual(inClass, [
      'Get-IisAnonymousLogonRight',
      'Test-IisAnonymousLogonRight',
      'Set-IisAnonymousLogonRight',
    ]);
  });

  it("the cmdlets take the desired-state properties with the schema's names and values, and site names from the pipeline", function () {
    const writable = Object.entries(instanceSchema.properties).filter(
      ([name, schema]) => !name.startsWith('_') && schema.readOnly !== true,
    );
    const expectations: Record<string, string[]> = {
      'Get-IisAnonymousLogonRight': ['scope', 'ruleSet'],
      'Test-IisAnonymousLogonRight': ['scope', 'ruleSet'],
      'Set-IisAnonymousLogonRight': ['scope', 'ruleSet', 'allowTemporaryFix'],
    };
    for (const [command, properties] of Object.entries(expectations)) {
      const fn = byName(functionsIn(publicFiles), command);
      for (const parameter of fn.parameters) {
        const property = writable.find(([name]) => name.toLowerCase() === parameter.name.toLowerCase());
        if (property === undefined) {
          assert.ok(
            parameter.name in CMDLET_ONLY_PARAMETERS,
            `${command} -${parameter.name} is neither a desired-state property nor a documented cmdlet-only parameter`,
          );
          continue;
        }
        const [, schema] = property;
        if (schemaType(schema) === 'boolean')
          assert.equal(
            parameter.type,
            'System.Management.Automation.SwitchParameter',
            `${command} -${parameter.name} is a switch`,
          );
        if (schema.default !== undefined && schemaType(schema) === 'string')
          assert.equal(parameter.defaultValue, `'${String(schema.default)}'`, `${command} -${parameter.name} default`);
      }
      assert.deepEqual(
        properties.filter(
          (name) => !fn.parameters.some((parameter) => parameter.name.toLowerCase() === name.toLowerCase()),
        ),
        [],
        `${command} lacks a property`,
      );
      const scope = byName(fn.parameters, 'Scope');
      assert.equal(scope.type, 'System.String[]');
      assert.equal(scope.defaultValue, "@('*')", 'all sites by default, as the schema describes *');
      assert.ok(
        scope.valueFromPipeline && scope.valueFromPipelineByPropertyName,
        `${command} -Scope from the pipeline`,
      );
      assert.ok(
        scope.aliases.includes('Name'),
        `${command} -Scope binds the Name property of Get-IISSite and Get-Website output`,
      );
    }
  });

  it('the exit-code table (Data/EngineContract.psd1) agrees with src/core/exit-codes.ts', function () {
    const table = manifestValue(file(CONTRACT).manifest!, 'ExitCodes') as {
      Code: number;
      Name: string;
      ErrorId: string;
      Category: string;
      DscV3: string;
    }[];
    for (const entry of Object.entries(EXIT_CODES)) {
      const [name, { code, meaning }] = entry;
      const row = table.find((candidate) => candidate.Code === code);
      assert.ok(row, `exit code ${code} (${name}) is missing from the module's table`);
      assert.equal(row.Name, name, `exit code ${code}`);
      // The engine returns 1 only for test and report; under dsc, 1 is the v3 entry's "set did not reach the state".
      if (code !== EXIT_CODES.notInDesiredState.code)
        assert.equal(row.DscV3, meaning, `the v3 text of exit code ${code} is the engine's`);
    }
    const engineCodes = new Set<number>(Object.values(EXIT_CODES).map((entry) => entry.code));
    assert.deepEqual(
      table.filter((row) => !engineCodes.has(row.Code)).map((row) => [row.Code, row.Name]),
      [[5, 'hostError']],
      "the only code of the module's own",
    );
    const errorIds = table.map((row) => row.ErrorId).filter((id) => id !== '');
    assert.equal(new Set(errorIds).size, errorIds.length, 'ErrorIds are unique');
    assert.ok(
      errorIds.every((id) => /^IisLogonRights[A-Z][A-Za-z]+$/.test(id)),
      errorIds.join(', '),
    );
    assert.equal(table.find((row) => row.Code === 0)?.ErrorId, '');
  });

  it('the module shows the characters the engine escapes (UnsafeTextCharacters is UNSAFE_TEXT_CHARACTERS)', function () {
    assert.equal(manifestValue(file(CONTRACT).manifest!, 'UnsafeTextCharacters'), UNSAFE_TEXT_CHARACTERS.source);
  });

  it('the status table agrees with src/core/status.ts', function () {
    const table = manifestValue(file(CONTRACT).manifest!, 'FindingStatuses') as {
      Status: string;
      InDesiredState: boolean;
    }[];
    assert.deepEqual(
      table.map((row) => [row.Status, row.InDesiredState]),
      Object.entries(FINDING_STATUSES).map(([status, entry]) => [status, entry.inDesiredState]),
    );
  });

  it("every ErrorId the module raises is a literal that names the module, and Set raises the table's IisLogonRightsNotInDesiredState", function () {
    const moduleFiles = [...publicFiles, ...privateFiles, psm1, file(V3_ENTRY)];
    const texts = moduleFiles.map((entry) => readFileSync(join(REPO_ROOT, entry.path), 'utf8')).join('\n');
    const raised = [...texts.matchAll(/ErrorId\s*=\s*'([^']+)'/g)].map((match) => match[1]!);
    assert.ok(raised.length >= 15, `${raised.length} ErrorIds found`);
    assert.deepEqual(
      raised.filter((id) => !/^IisLogonRights[A-Z][A-Za-z]+$/.test(id)),
      [],
    );
    const table = manifestValue(file(CONTRACT).manifest!, 'ExitCodes') as { Name: string; ErrorId: string }[];
    // Engine codes reach ErrorRecords through the table itself; the module raises the others by name.
    for (const row of table.filter((entry) => entry.ErrorId !== '' && ['notInDesiredState'].includes(entry.Name))) {
      assert.ok(raised.includes(row.ErrorId), `${row.ErrorId} is raised somewhere`);
    }
  });

  it('one Set path: only Set-IisLogonRightsDesiredState applies a plan and raises IisLogonRightsNotInDesiredState', function () {
    const moduleFiles = [...publicFiles, ...privateFiles, psm1, file(V3_ENTRY)];
    const where = (found: (entry: PsAnalysis) => boolean) =>
      moduleFiles.filter(found).map((entry) => basename(entry.path, '.ps1'));
    assert.deepEqual(
      where((entry) => entry.commands.some((command) => command.name === 'Invoke-IisLogonRightsPlanApplication')),
      ['Set-IisLogonRightsDesiredState'],
    );
    assert.deepEqual(
      where((entry) =>
        /ErrorId\s*=\s*'IisLogonRightsNotInDesiredState'/.test(readFileSync(join(REPO_ROOT, entry.path), 'utf8')),
      ),
      ['Set-IisLogonRightsDesiredState'],
    );
    // The cmdlet and the DSC v3 operation are its callers; the class resource calls the cmdlet.
    assert.deepEqual(
      where((entry) => entry.commands.some((command) => command.name === 'Set-IisLogonRightsDesiredState')).sort(),
      ['Invoke-IisLogonRightsDscOperation', 'Set-IisAnonymousLogonRight'],
    );
  });

  it('the default table views cover every type name the commands write', function () {
    const xml = readFileSync(join(REPO_ROOT, FORMAT_FILE), 'utf8');
    const viewed = [...xml.matchAll(/<TypeName>([^<]+)<\/TypeName>/g)].map((match) => match[1]!).sort();
    const texts = [...publicFiles, ...privateFiles]
      .map((entry) => readFileSync(join(REPO_ROOT, entry.path), 'utf8'))
      .join('\n');
    const written = [...new Set([...texts.matchAll(/PSTypeName\s*=\s*'([^']+)'/g)].map((match) => match[1]!))].sort();
    // Reasons are shown inside a state's Reasons column, never as a table of their own.
    assert.deepEqual(
      written.filter((name) => name !== 'IisLogonRightsDsc.Reason'),
      viewed,
    );
    for (const fn of functionsIn(publicFiles)) {
      for (const outputType of fn.outputTypes.filter((type) => type.startsWith('IisLogonRightsDsc.')))
        assert.ok(viewed.includes(outputType), `${fn.name} [OutputType('${outputType}')] has a view`);
    }
  });

  it('uses no command that would undermine the design: no secedit /configure, no Invoke-Expression, no ConvertTo-Json, no sleeps', function () {
    const moduleFiles = [...publicFiles, ...privateFiles, psm1, file(V3_ENTRY)];
    const banned = ['Invoke-Expression', 'iex', 'ConvertTo-Json', 'Start-Sleep', 'Out-Null', 'Write-Host'];
    const found = moduleFiles.flatMap((entry) =>
      entry.commands
        .filter((command) => banned.includes(command.name))
        .map((command) => `${entry.path}:${command.line} ${command.name}`),
    );
    assert.deepEqual(found, []);
    const texts = moduleFiles.map((entry) => readFileSync(join(REPO_ROOT, entry.path), 'utf8'));
    assert.ok(
      texts.every((text) => !/['"]\/configure['"]/i.test(text)),
      'secedit /configure replaces every holder of a right; the module uses LSA',
    );
  });

  it('Pester tests replace only boundary functions (the ones whose help says so), the whole collector, or public commands', function () {
    const boundary = functionsIn(privateFiles)
      .filter((fn) => /A boundary function/.test(fn.help?.description ?? ''))
      .map((fn) => fn.name)
      .sort();
    assert.deepEqual(boundary, [
      'Add-IisLogonRightsAccountRight',
      'Get-IisLogonRightsAccountRight',
      'Get-IisLogonRightsCimInstance',
      'Get-IisLogonRightsDomainGroup',
      'Get-IisLogonRightsHostFact',
      'Get-IisLogonRightsLocalGroupMember',
      'Get-IisLogonRightsMachineEnvironmentVariable',
      'Get-IisLogonRightsPathSecurity',
      'Get-IisLogonRightsSubfolderName',
      'Invoke-IisLogonRightsNativeCommand',
      'Read-IisLogonRightsWebConfigFile',
      'Remove-IisLogonRightsAccountRight',
      'Resolve-IisLogonRightsAccountSid',
      'Resolve-IisLogonRightsSidName',
      'Set-IisLogonRightsPathProtection',
    ]);
    // Reading files of the host is its own boundary: the IIS configuration and the two exports.
    // The default backup folder is the machine's too (%ProgramData%).
    const replaceable = new Set([
      ...boundary,
      'Get-IisLogonRightsDefaultBackupRoot',
      'Get-IisLogonRightsIisConfiguration',
      'Export-IisLogonRightsUserRightsPolicy',
      'Export-IisLogonRightsGroupPolicyResult',
      'Get-IisLogonRightsFactSet',
      ...stringList(manifestValue(manifest, 'FunctionsToExport')),
    ]);
    // The shared helpers register stand-ins too, so they are held to the same rule.
    const pester = files.filter(
      (entry) =>
        entry.path.startsWith('dsc/tests/') && (entry.path.endsWith('.Tests.ps1') || entry.path.includes('/Helpers/')),
    );
    assert.ok(pester.length >= 4, pester.map((entry) => entry.path).join(', '));
    // The one Set path may be spied on, never replaced: the mock calls the real function with
    // the parameters it was given, which is how Cmdlets.Tests.ps1 proves every caller goes through it.
    const spy =
      /\bMock\s+-CommandName\s+Set-IisLogonRightsDesiredState\s+-MockWith\s+\{\s*&\s+\$script:setPath\s+@PesterBoundParameters\s*\}/g;
    const mocked = pester.flatMap((entry) =>
      [
        ...readFileSync(join(REPO_ROOT, entry.path), 'utf8')
          .replace(spy, '')
          .matchAll(/\bMock\s+-CommandName\s+([\w-]+)/g),
      ].map((match) => `${entry.path}: ${match[1]}`),
    );
    assert.ok(mocked.length >= 10);
    assert.deepEqual(
      mocked.filter((line) => !replaceable.has(line.split(': ')[1]!)),
      [],
    );
  });

  it("the examples name only the resource's properties", function () {
    const resource = byName(psm1.classes, 'IisAnonymousLogonRight');
    const writable = resource.properties
      .filter((property) => property.dscProperty !== null && !property.dscProperty.notConfigurable)
      .map((property) => property.name);
    const readme = readFileSync(join(REPO_ROOT, 'dsc', 'examples', 'README.md'), 'utf8');
    const block = /<!-- dsc-configuration -->\s*```powershell\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'the configuration block the Windows workflow compiles');
    const configured = [...block[1]!.matchAll(/^\s+(\w+)\s+=\s+/gm)].map((match) => match[1]!);
    assert.deepEqual(configured, writable, 'the configuration sets every writable property, by its exact name');
    assert.match(block[1]!, /Import-DscResource -ModuleName 'IisLogonRightsDsc'/);
    const ansible = readFileSync(join(REPO_ROOT, 'dsc', 'examples', 'ansible-win_dsc.yml'), 'utf8');
    const task = /win_dsc:\n([\s\S]*?)\n\s*register:/.exec(ansible);
    assert.ok(task);
    const properties = [...task[1]!.matchAll(/^\s+(\w+):/gm)]
      .map((match) => match[1]!)
      .filter((name) => !['resource_name', 'module_name', 'module_version'].includes(name));
    assert.deepEqual(properties, writable);
  });

  it('Native/IisLogonRightsLsa.cs compiles as C# 5 (the Windows PowerShell 5.1 Add-Type compiler)', function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    const dotnet = spawnSync('dotnet', ['--version'], { encoding: 'utf8' });
    if (dotnet.status !== 0) {
      console.log('      SKIPPED C# 5 compile check: dotnet is not on PATH');
      this.skip();
    }
    const folder = mkdtempSync(join(tmpdir(), 'iislr-lsa-'));
    try {
      writeFileSync(
        join(folder, 'lsa.csproj'),
        `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <LangVersion>5</LangVersion>
    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <NoWarn>CA1416</NoWarn>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
  </PropertyGroup>
  <ItemGroup><Compile Include="${join(REPO_ROOT, MODULE_DIR, 'Native', 'IisLogonRightsLsa.cs')}" /></ItemGroup>
</Project>
`,
      );
      const build = spawnSync(
        'dotnet',
        ['build', join(folder, 'lsa.csproj'), '-nologo', '-v', 'quiet', '-clp:ErrorsOnly', '-o', join(folder, 'out')],
        { encoding: 'utf8', timeout: TOOL_SETUP_TIMEOUT_MS },
      );
      assert.equal(build.status, 0, `${build.stdout}\n${build.stderr}`);
      // The members the module calls exist (Add-/Remove-/Get-IisLogonRightsAccountRight, on the type Initialize-IisLogonRightsLsaType
      // compiles with the module version in its namespace, so they never name the type itself).
      const source = readFileSync(join(REPO_ROOT, MODULE_DIR, 'Native', 'IisLogonRightsLsa.cs'), 'utf8');
      for (const member of [
        'namespace IisLogonRightsDsc\n',
        'public static class Lsa',
        'public static bool IsSuccess(uint status)',
        'public static void AddAccountRight(string sid, string right)',
        'public static void RemoveAccountRight(string sid, string right)',
        'public static string[] GetAccountRights(string sid)',
      ]) {
        assert.ok(source.includes(member), member);
      }
      const callers = privateFiles.map((entry) => readFileSync(join(REPO_ROOT, entry.path), 'utf8')).join('\n');
      for (const call of ['$lsa::AddAccountRight(', '$lsa::RemoveAccountRight(', '$lsa::GetAccountRights('])
        assert.ok(callers.includes(call), call);
      assert.doesNotMatch(
        callers,
        /\[IisLogonRightsDsc\.Lsa\]/,
        "no fixed type name: a long-lived host could hold an older module's type",
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
