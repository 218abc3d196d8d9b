import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/cli';

// build.mjs turns dist/iis-logon-rights.cjs into a launcher holding the bundle as a string and
// compiles it with the V8 code cache written beside it (scripts/code-cache.mjs). The launcher
// must run the bundle exactly as Node runs it as a file, use a cache only when it was made from
// that very text, and run the same with a stale, damaged or missing cache.

interface CodeCache {
  launcherFor(bundle: string, flags?: readonly string[]): string;
  writeCodeCache(launcherFile: string, flags?: readonly string[]): number;
  bodyOf(launcher: string): string;
}

async function codeCache(): Promise<CodeCache> {
  return (await import(join(REPO_ROOT, 'scripts', 'code-cache.mjs'))) as CodeCache;
}

/** A bundle with the text a string literal could get wrong, that reports how it was run. */
const BUNDLE = [
  '#!/usr/bin/env node',
  '"use strict";',
  "const tricky = 'quote \" apostrophe \\' backslash \\\\ tab \\t line\u2028para\u2029 \u00e9 \u4e2d \ud83d\ude00';",
  '/* a comment with */ // and a line comment',
  'module.exports = { tricky, main: require.main === module };',
  'if (require.main === module) {',
  '  process.stdout.write(JSON.stringify({ tricky, file: __filename, dir: __dirname, argv: process.argv.slice(2) }));',
  '}',
  '',
].join('\n');

/** The engine's V8 flags, which build.mjs gives the launcher (src/io/v8-tuning.ts). */
const ENGINE_FLAGS = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'src', 'io', 'v8-engine-flags.json'), 'utf8')) as { flags: string[] }
).flags;

/** Whether a fresh node, with `flags` set as the launcher sets them, accepts the cache beside `launcher` for its text. */
function cacheAccepted(launcher: string, body: string, flags: readonly string[] = []): boolean {
  const check = [
    "const { readFileSync } = require('node:fs');",
    "const { Script } = require('node:vm');",
    "const { setFlagsFromString } = require('node:v8');",
    'const [launcher, bodyFile, flags] = process.argv.slice(1);',
    'for (const flag of JSON.parse(flags)) setFlagsFromString(flag);',
    "const bytes = readFileSync(launcher + '.cache');",
    'const cachedData = bytes.subarray(bytes.indexOf(10) + 1);',
    "const script = new Script(readFileSync(bodyFile, 'utf8'), { filename: launcher, cachedData });",
    'process.stdout.write(String(!script.cachedDataRejected));',
  ].join('\n');
  // The text goes through a file of its own, in a folder of its own: never beside the launcher.
  const folder = mkdtempSync(join(tmpdir(), 'code-cache-body-'));
  try {
    const bodyFile = join(folder, 'body.js');
    writeFileSync(bodyFile, body);
    const result = spawnSync(process.execPath, ['-e', check, launcher, bodyFile, JSON.stringify(flags)], {
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout === 'true';
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * writeCodeCache with flags, in a process of its own: the flags stay set in the process that
 * makes the cache, and this one makes caches for default flags too.
 */
function writeCodeCacheUnder(launcher: string, flags: readonly string[]): void {
  const script = join(REPO_ROOT, 'scripts', 'code-cache.mjs');
  const make = `import { writeCodeCache } from ${JSON.stringify(pathToFileURL(script).href)}; writeCodeCache(process.argv[1], JSON.parse(process.argv[2]));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', make, launcher, JSON.stringify(flags)], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
}

/**
 * A bundle that starts a worker thread, as report does once the launcher has run, which compiles
 * the launcher's bundle text with the cache beside it and answers whether V8 accepted the cache.
 * (A thread of its own: in the launcher's own thread V8 would find the text already compiled.)
 */
const COMPILE_IN_WORKER = [
  "const { readFileSync } = require('node:fs');",
  "const { Script } = require('node:vm');",
  "const { parentPort, workerData: launcher } = require('node:worker_threads');",
  "const line = readFileSync(launcher, 'utf8').split('\\n').find((each) => each.startsWith('const BODY = '));",
  "const bytes = readFileSync(launcher + '.cache');",
  'const cachedData = bytes.subarray(bytes.indexOf(10) + 1);',
  "const script = new Script(JSON.parse(line.slice('const BODY = '.length, -1)), { filename: launcher, cachedData });",
  'parentPort.postMessage(!script.cachedDataRejected);',
].join('\n');
const RECOMPILING_BUNDLE = [
  "const { Worker } = require('node:worker_threads');",
  `new Worker(${JSON.stringify(COMPILE_IN_WORKER)}, { eval: true, workerData: __filename })`,
  "  .on('message', (accepted) => process.stdout.write(String(accepted)));",
  '',
].join('\n');

describe('CLI launcher with a V8 code cache (scripts/code-cache.mjs)', function () {
  this.timeout(60_000);
  let folder = '';
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'code-cache-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function run(file: string): { status: number | null; stdout: string; stderr: string } {
    return spawnSync(process.execPath, [file, 'a b', '--x'], { encoding: 'utf8' });
  }

  it('runs the bundle as Node runs it as a file: same output, __filename, require.main, exports', async () => {
    const { launcherFor } = await codeCache();
    const plain = join(folder, 'plain.cjs');
    const launcher = join(folder, 'launcher.cjs');
    writeFileSync(plain, BUNDLE);
    writeFileSync(launcher, launcherFor(BUNDLE));
    const expected = JSON.parse(run(plain).stdout) as { tricky: string; file: string; argv: string[] };
    const actual = JSON.parse(run(launcher).stdout) as { tricky: string; file: string; dir: string; argv: string[] };
    assert.equal(actual.tricky, expected.tricky);
    assert.deepEqual(actual.argv, ['a b', '--x']);
    assert.equal(actual.file, launcher);
    assert.equal(actual.dir, folder);
    // Required, not run: exports reach the caller and require.main is not the bundle.
    const required = spawnSync(process.execPath, ['-p', `JSON.stringify(require(${JSON.stringify(launcher)}))`], {
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(required.stdout), { tricky: expected.tricky, main: false });
  });

  it('writes a cache that a fresh node accepts for that text, and the launcher runs with it', async () => {
    const { launcherFor, writeCodeCache, bodyOf } = await codeCache();
    const launcher = join(folder, 'launcher.cjs');
    writeFileSync(launcher, launcherFor(BUNDLE));
    assert.ok(writeCodeCache(launcher) > 0);
    const body = bodyOf(readFileSync(launcher, 'utf8'));
    assert.ok(cacheAccepted(launcher, body));
    assert.equal(run(launcher).status, 0);
    assert.match(run(launcher).stdout, /"tricky"/);
  });

  it('ignores a cache made for another bundle text, and runs the same with a damaged one', async () => {
    const { launcherFor, writeCodeCache } = await codeCache();
    const launcher = join(folder, 'launcher.cjs');
    const expected = (() => {
      writeFileSync(launcher, launcherFor(BUNDLE));
      return run(launcher).stdout;
    })();
    // Stale: the cache of a bundle whose text differs only in one character, then the new launcher.
    writeFileSync(launcher, launcherFor(BUNDLE.replace('apostrophe', 'Apostrophe')));
    writeCodeCache(launcher);
    const stale = readFileSync(`${launcher}.cache`);
    writeFileSync(launcher, launcherFor(BUNDLE));
    writeFileSync(`${launcher}.cache`, stale);
    assert.equal(run(launcher).stdout, expected);
    // Damaged: the right header, the data's bytes flipped.
    writeCodeCache(launcher);
    const damaged = readFileSync(`${launcher}.cache`);
    const header = damaged.indexOf(10) + 1;
    for (let index = header; index < damaged.length; index += 7) damaged[index] = damaged[index]! ^ 0xff;
    writeFileSync(`${launcher}.cache`, damaged);
    const result = run(launcher);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, expected);
  });

  it('sets its V8 flags before it compiles, so code compiled later under them (worker threads) takes the cache', async () => {
    const { launcherFor } = await codeCache();
    const launcher = join(folder, 'launcher.cjs');
    writeFileSync(launcher, launcherFor(RECOMPILING_BUNDLE, ENGINE_FLAGS));
    writeCodeCacheUnder(launcher, ENGINE_FLAGS);
    assert.equal(run(launcher).stdout, 'true');
    // The same cache, under a launcher that sets no flags: V8 refuses it, and the launcher still runs.
    writeFileSync(launcher, launcherFor(RECOMPILING_BUNDLE));
    writeCodeCacheUnder(launcher, ENGINE_FLAGS);
    const refused = run(launcher);
    assert.equal(refused.status, 0, refused.stderr);
    assert.equal(refused.stdout, 'false');
  });

  it("dist/iis-logon-rights.cjs is such a launcher with a cache this node accepts; the module's copy is plain", async () => {
    const { bodyOf } = await codeCache();
    const dist = join(REPO_ROOT, 'dist', 'iis-logon-rights.cjs');
    // npm test builds first (node build.mjs), so the cache is there, made under the engine's flags.
    assert.ok(existsSync(`${dist}.cache`), 'dist/iis-logon-rights.cjs.cache is missing: run node build.mjs');
    assert.ok(cacheAccepted(dist, bodyOf(readFileSync(dist, 'utf8')), ENGINE_FLAGS));
    const moduleCopy = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'bin', 'iis-logon-rights.cjs');
    assert.equal(existsSync(`${moduleCopy}.cache`), false);
    assert.equal(readFileSync(moduleCopy, 'utf8').includes('const BODY_SHA256 = '), false);
  });
});
