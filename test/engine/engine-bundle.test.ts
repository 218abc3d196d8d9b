import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runBundle } from '../helpers/cli';
import { cliAnswer, exampleCases, type DifferentialCase } from '../helpers/differential';
import { wideNamesFacts } from '../helpers/differential-inputs';
import { generatedCases } from '../helpers/differential-more';
import { ENGINE_BUNDLE, loadEngineInBareContext, runEngine } from '../helpers/engine';

// The engine entry (src/engine.ts, bundled as dist/iis-logon-rights.engine.js) has no Node API
// below it: it builds for a neutral platform, loads in a V8 context that has only ECMAScript's
// globals, and answers the example cases exactly as the Node CLI does. test/ps runs these, the
// corpus combinations and more generated cases through Jint inside PowerShell.

type BundleEngine = (
  outfile?: string,
  entry?: string,
  logLevel?: string,
) => Promise<{ metafile: { inputs: Record<string, { imports: { path: string }[] }> } }>;

async function bundleEngine(): Promise<BundleEngine> {
  const build = (await import(join(REPO_ROOT, 'build.mjs'))) as { bundleEngine: BundleEngine };
  return build.bundleEngine;
}

function assertSameAsCli(cases: readonly DifferentialCase[]): void {
  for (const entry of cases) {
    const cli = cliAnswer(entry);
    const engine = runEngine(entry.argv, entry.stdin);
    assert.equal(engine.exitCode, cli.status, `${entry.name}: exit code (stderr: ${engine.stderr} / ${cli.stderr})`);
    assert.equal(engine.stdout, cli.stdout, `${entry.name}: stdout`);
    assert.equal(engine.stderr, cli.stderr, `${entry.name}: stderr`);
  }
}

describe("engine bundle: no Node APIs, the CLI's answers", function () {
  this.timeout(300_000);
  const temporary: string[] = [];
  after(() => temporary.forEach((path) => rmSync(path, { recursive: true, force: true })));

  it('builds for a neutral platform with no Node built-in among its inputs', async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'iislr-engine-')), 'engine.js');
    temporary.push(join(outfile, '..'));
    const { metafile } = await (await bundleEngine())(outfile);
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((entry) => entry.path));
    assert.ok(imports.length > 50, "the metafile lists the bundle's imports");
    assert.deepEqual(
      imports.filter(
        (path) =>
          path.startsWith('node:') ||
          ['fs', 'path', 'os', 'util', 'crypto', 'worker_threads', 'buffer', 'process'].includes(path),
      ),
      [],
    );
    assert.doesNotMatch(
      readFileSync(outfile, 'utf8'),
      /\brequire\("(node:)?(fs|path|os|util|crypto|worker_threads)"\)/,
    );
  });

  it('refuses to build an entry that imports a Node module', async () => {
    const folder = mkdtempSync(join(REPO_ROOT, 'src', '.engine-guard-'));
    temporary.push(folder);
    const entry = join(folder, 'entry.ts');
    writeFileSync(entry, "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    await assert.rejects((await bundleEngine())(join(folder, 'out.js'), entry, 'silent'), /node:fs/);
  });

  it('loads where there is no require, process, Buffer, TextDecoder or TextEncoder', () => {
    const engine = loadEngineInBareContext();
    assert.equal(engine.version, JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
    assert.match(readFileSync(ENGINE_BUNDLE, 'utf8'), /var IisLogonRightsEngine = /);
  });

  it('answers every example case byte for byte as the CLI does', () => {
    const cases = exampleCases();
    assert.ok(cases.length >= 70, `${cases.length} cases`);
    assertSameAsCli(cases);
  });

  it("checks plans against facts in-process: the engine's own pass, a tampered one exits 3 naming it", () => {
    const cases = exampleCases().filter((entry) =>
      / check-plan (--snapshot|--plan file|request|--undo)|tampered plan/.test(entry.name),
    );
    assert.ok(cases.length >= 8 * 5, `${cases.length} check-plan cases`);
    for (const entry of cases) {
      const engine = runEngine(entry.argv, entry.stdin);
      if (entry.name.includes('tampered')) {
        assert.equal(engine.exitCode, 3, `${entry.name}: ${engine.stderr}`);
        assert.equal(engine.stdout, '');
        assert.match(
          engine.stderr,
          /^\{"error":"invalid input: stdin(:\/plan)? \(at \/(actions\/\d+\/sid|undo\/0\/sid)\): expected [^\n]+\n$/,
          entry.name,
        );
      } else {
        assert.equal(engine.exitCode, 0, `${entry.name}: ${engine.stderr}`);
        assert.equal(engine.stderr, '', entry.name);
        assert.ok(Array.isArray((JSON.parse(engine.stdout) as { actions: unknown }).actions), entry.name);
      }
    }
  });

  it('answers 30 generated facts documents as the CLI does', () => {
    assertSameAsCli(generatedCases(30, 7));
  });

  it('draws tables as the CLI does, and says that report needs the Node CLI, as a usage error', () => {
    const argv = ['test', '--snapshot', join(REPO_ROOT, 'examples', 'snapshots', 'iis10-healthy'), '--format', 'table'];
    const table = runEngine(argv, '', { COLUMNS: '200' });
    assert.equal(table.exitCode, 0, table.stderr);
    assert.match(table.stdout, /^┌─/m);
    assert.equal(table.stdout, runBundle(argv, undefined, { COLUMNS: '200' }).stdout);
    const report = runEngine(['report', join(REPO_ROOT, 'examples', 'snapshots'), '--log-format', 'json']);
    assert.equal(report.exitCode, 2);
    assert.equal(
      report.stderr,
      '{"error":"usage: report needs the Node CLI (iis-logon-rights.cjs); the in-process engine runs every other command"}\n',
    );
    // A name the engine cannot measure as the CLI does: text output is refused, JSON is not.
    const emoji = JSON.stringify(wideNamesFacts('emoji', 'svc-\u{1F469}\u200D\u{1F4BB}'));
    const refused = runEngine(['test', '--snapshot', '-', '--format', 'table'], emoji);
    assert.deepEqual([refused.exitCode, refused.stdout], [2, '']);
    assert.match(
      refused.stderr,
      /^iis-logon-rights: text output of a name with U\+1F469 \(an emoji, a combining mark or a script such as Thai or Devanagari\) needs the Node CLI/,
    );
    assert.equal(runEngine(['explain', '--snapshot', '-'], emoji).exitCode, 2);
    const json = runEngine(['test', '--snapshot', '-', '--format', 'json'], emoji);
    assert.equal(json.exitCode, 1, json.stderr);
    assert.match(json.stdout, /svc-\u{1F469}\u200D\u{1F4BB}/u);
    assert.equal(
      runEngine(['report', join(REPO_ROOT, 'examples', 'snapshots')]).stderr,
      'iis-logon-rights: report needs the Node CLI (iis-logon-rights.cjs); the in-process engine runs every other command\nRun iis-logon-rights report --help for usage.\n',
    );
  });
});
