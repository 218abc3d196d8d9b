import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { JSON_ELEMENT_LIMITS, MAX_JSON_DEPTH, type JsonDocumentKind } from '../../src/core/limits';
import { BUNDLE, MINIMAL_ACCOUNTS, MINIMAL_APPLICATION_HOST, MINIMAL_SECEDIT } from '../helpers/cli';

/**
 * JSON inputs at their element limit, through the bundle, under a 512 MB heap: the check before
 * parsing keeps every kind within a small multiple of its size, so none may crash (a V8 heap
 * failure is exit 134, never one of ours). And the rows of issue 15: a facts document whose
 * rsop.json is 100 MB of nesting, and a 480 MB array of numbers, both exit 3 with one line.
 * Slow (about a minute, 500 MB of temporary disk): `npm run fuzz` only.
 */

const HEAP_MB = 512;

function bundle(
  args: string[],
  options: { heapMb?: number; stdinFile?: string } = {},
): { status: number | null; signal: string | null; stderr: string } {
  const stdin = options.stdinFile === undefined ? 'ignore' : openSync(options.stdinFile, 'r');
  try {
    const heap = options.heapMb === undefined ? [] : [`--max-old-space-size=${options.heapMb}`];
    const result = spawnSync(process.execPath, [...heap, BUNDLE, ...args], {
      stdio: [stdin, 'ignore', 'pipe'],
      encoding: 'utf8',
      timeout: 600_000,
    });
    return { status: result.status, signal: result.signal, stderr: result.stderr };
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
  }
}

/** `[[],[],...]` with exactly `elements` counted elements: the worst case for memory per byte. */
function emptyArrays(elements: number): string {
  return `[${'[],'.repeat(elements - 2)}[]]`;
}

describe('JSON inputs at their limits (slow: npm run fuzz)', function () {
  this.timeout(0);
  let root: string;
  before(function () {
    if (process.env.FUZZ_SLOW_CASES !== '1') {
      console.log('      skipped: slow cases run in npm run fuzz');
      this.skip();
    }
    root = mkdtempSync(join(tmpdir(), 'iis-logon-rights-json-limits-'));
  });
  after(() => root && rmSync(root, { recursive: true, force: true }));

  const folderKinds: JsonDocumentKind[] = ['rsop.json', 'accounts.json', 'host.json', 'webconfigs.json'];
  for (const kind of folderKinds) {
    it(`${kind} at ${JSON_ELEMENT_LIMITS[kind].toLocaleString('en-US')} elements is judged or refused within a ${HEAP_MB} MB heap; one more is refused before parsing`, () => {
      for (const [elements, expected] of [
        [JSON_ELEMENT_LIMITS[kind], /expected an? /],
        [JSON_ELEMENT_LIMITS[kind] + 1, /elements \(array items and object members\), found more/],
      ] as const) {
        const folder = join(root, `${kind}-${elements}`);
        const files: Record<string, string> = {
          'secedit.inf': MINIMAL_SECEDIT,
          'applicationHost.config': MINIMAL_APPLICATION_HOST,
          'accounts.json': MINIMAL_ACCOUNTS,
          [kind]: emptyArrays(elements),
        };
        spawnSync('mkdir', ['-p', folder]);
        for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
        const run = bundle(['test', '--snapshot', folder, '--format', 'json'], { heapMb: HEAP_MB });
        assert.equal(run.signal, null, run.stderr.slice(0, 300));
        assert.equal(run.status, EXIT_CODES.invalidInput.code, run.stderr.slice(0, 300));
        assert.match(run.stderr, expected);
        assert.equal(run.stderr.trimEnd().split('\n').length, 1);
      }
    });
  }

  it(`plan.json and a facts document at their limits stay within a ${HEAP_MB} MB heap`, () => {
    const plan = join(root, 'plan.json');
    writeFileSync(plan, emptyArrays(JSON_ELEMENT_LIMITS['plan.json']));
    const planRun = bundle(['check-plan', '--plan', plan], { heapMb: HEAP_MB });
    assert.equal(planRun.status, EXIT_CODES.invalidInput.code, planRun.stderr.slice(0, 300));
    const facts = join(root, 'facts.json');
    writeFileSync(facts, emptyArrays(JSON_ELEMENT_LIMITS['facts.json']));
    for (const args of [
      ['test', '--snapshot', facts],
      ['test', '--snapshot', '-'],
      ['dsc', 'get'],
    ]) {
      const run = bundle(args, { heapMb: HEAP_MB, stdinFile: args.includes(facts) ? undefined : facts });
      assert.equal(run.signal, null, `${args.join(' ')}: ${run.stderr.slice(0, 300)}`);
      assert.equal(run.status, EXIT_CODES.invalidInput.code, `${args.join(' ')}: ${run.stderr.slice(0, 300)}`);
    }
  });

  it('facts on stdin whose rsop.json is 100 MB of nesting: exit 3 naming the depth', () => {
    const path = join(root, 'nested-facts.json');
    const fd = openSync(path, 'w');
    writeSync(fd, `{"files": {"secedit.inf": ${JSON.stringify(MINIMAL_SECEDIT)}, "rsop.json": `);
    const chunk = '['.repeat(1 << 20);
    for (let written = 0; written < 50; written++) writeSync(fd, chunk);
    for (let written = 0; written < 50; written++) writeSync(fd, chunk.replaceAll('[', ']'));
    writeSync(fd, '}}');
    closeSync(fd);
    const run = bundle(['test', '--snapshot', '-'], { heapMb: HEAP_MB * 2, stdinFile: path });
    assert.equal(run.status, EXIT_CODES.invalidInput.code, run.stderr.slice(0, 300));
    assert.match(
      run.stderr,
      new RegExp(
        `^iis-logon-rights: invalid input: stdin \\(line 1\\): expected JSON nested at most ${MAX_JSON_DEPTH} deep`,
      ),
    );
  });

  it('a 480 MB array of numbers on stdin: exit 3, not a V8 fatal error', () => {
    const path = join(root, 'numbers.json');
    const fd = openSync(path, 'w');
    writeSync(fd, '[');
    const chunk = '1,'.repeat(1 << 19);
    for (let written = 0; written < 480; written++) writeSync(fd, chunk);
    writeSync(fd, '1]');
    closeSync(fd);
    const run = bundle(['test', '--snapshot', '-'], { stdinFile: path });
    assert.equal(run.signal, null);
    assert.equal(run.status, EXIT_CODES.invalidInput.code, run.stderr.slice(0, 300));
    assert.match(run.stderr, /expected a JSON document of at most 4,000,000 elements/);
    rmSync(path);
  });
});
