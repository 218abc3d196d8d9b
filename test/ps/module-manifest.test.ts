import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { manifestValue, skipUnlessPsTool, REPO_ROOT, type PsAnalysis, type PsManifestValue } from './ps-tools';
import {
  FIXTURES,
  MODULE_DIR,
  TOOL_SETUP_TIMEOUT_MS,
  functionsIn,
  moduleFiles,
  stringList,
} from './module-checks-helpers';

describe('IisLogonRightsDsc module, manifest, files and help (real PowerShell parser)', function () {
  let files: PsAnalysis[];
  let manifest: { [key: string]: PsManifestValue };
  let psm1: PsAnalysis;
  let publicFiles: PsAnalysis[];
  let privateFiles: PsAnalysis[];

  before(function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    skipUnlessPsTool(this, 'IisLogonRightsDsc module checks');
    ({ files, manifest, psm1, publicFiles, privateFiles } = moduleFiles());
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
});
