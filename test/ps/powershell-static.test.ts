import assert from 'node:assert/strict';
import { analyzePowerShell, listPowerShellFiles, skipUnlessPsTool, type PsAnalysis } from './ps-tools';
import { CHECKED_FOLDERS, CLEAN, DIRTY, TOOL_SETUP_TIMEOUT_MS, where } from './powershell-static-helpers';

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
