import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipUnlessPsTool, REPO_ROOT, type PsAnalysis } from './ps-tools';
import { MODULE_DIR, TOOL_SETUP_TIMEOUT_MS, byName, moduleFiles } from './module-checks-helpers';

describe('IisLogonRightsDsc module, examples and the native LSA code (real PowerShell parser)', function () {
  let psm1: PsAnalysis;
  let privateFiles: PsAnalysis[];

  before(function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    skipUnlessPsTool(this, 'IisLogonRightsDsc module checks');
    ({ psm1, privateFiles } = moduleFiles());
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
