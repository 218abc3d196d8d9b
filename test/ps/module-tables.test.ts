import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { FINDING_STATUSES } from '../../src/core/status';
import { UNSAFE_TEXT_CHARACTERS } from '../../src/render/text-escape';
import { manifestValue, skipUnlessPsTool, REPO_ROOT, type PsAnalysis, type PsManifestValue } from './ps-tools';
import {
  CONTRACT,
  FORMAT_FILE,
  TOOL_SETUP_TIMEOUT_MS,
  V3_ENTRY,
  file,
  functionsIn,
  moduleFiles,
  stringList,
} from './module-checks-helpers';

describe('IisLogonRightsDsc module, the engine tables, error ids and design rules (real PowerShell parser)', function () {
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
});
