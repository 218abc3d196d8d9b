import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/core/exit-codes';
import {
  BUNDLE,
  MINIMAL_ACCOUNTS,
  MINIMAL_APPLICATION_HOST,
  MINIMAL_SECEDIT,
  REPO_ROOT,
  makeSnapshotFolder,
} from '../helpers/cli';
import {
  exampleSnapshotFiles,
  GUARD_TIMEOUT_MS,
  MANY_SITES_SNAPSHOT,
  openToEveryone,
  runBundleGuarded,
  unreadableFolderSupport,
} from '../helpers/hostile-files';

/**
 * Files that are not regular files, folders that cannot be listed or named, and outputs that
 * fail (issue 15). Without the fixes a FIFO blocks forever and /dev/zero is read until memory
 * runs out; every run here has a kill guard so a regression fails instead of hanging.
 */

const SNAPSHOT_ARTIFACTS = [
  'secedit.inf',
  'applicationHost.config',
  'gpresult.xml',
  'rsop.json',
  'accounts.json',
  'host.json',
];

function assertRefusedPath(
  run: ReturnType<typeof runBundleGuarded>,
  path: string,
  what: RegExp,
  context: string,
): void {
  assert.equal(run.signal, null, `${context}: ended by itself (not killed by the guard)`);
  assert.equal(run.status, EXIT_CODES.invalidInput.code, `${context}: exit 3 (stderr: ${run.stderr.slice(0, 400)})`);
  assert.equal(run.stdout, '', `${context}: nothing on stdout`);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `${context}: one line on stderr: ${run.stderr.slice(0, 400)}`);
  assert.ok(lines[0]!.includes(path), `${context}: names ${path}: ${lines[0]}`);
  assert.match(lines[0]!, what, context);
}

function fifoSupport(): string | undefined {
  if (process.platform === 'win32') return 'no FIFOs in the Windows file system';
  return spawnSync('mkfifo', ['--version']).status === 0 ? undefined : 'mkfifo is not installed';
}

function mkfifo(path: string): void {
  const result = spawnSync('mkfifo', [path]);
  if (result.status !== 0) throw new Error(`mkfifo ${path}: ${result.stderr}`);
}

describe('hostile files: only regular files are read (built bundle)', function () {
  this.timeout(GUARD_TIMEOUT_MS * 2);
  let root: string;
  const IIS10 = exampleSnapshotFiles('iis10-gpo-blocked');

  before(function () {
    const reason = fifoSupport();
    if (reason !== undefined) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    root = mkdtempSync(join(tmpdir(), 'iis-logon-rights-hostile-'));
  });
  after(() => root && rmSync(root, { recursive: true, force: true }));

  function snapshotWith(name: string, file: string, replace: (path: string) => void): string {
    const folder = join(root, name);
    mkdirSync(folder);
    for (const [entry, content] of Object.entries({ ...IIS10, 'rsop.json': Buffer.from('[]') }))
      if (entry !== file) writeFileSync(join(folder, entry), content);
    replace(join(folder, file));
    return folder;
  }

  for (const file of SNAPSHOT_ARTIFACTS) {
    it(`a FIFO named ${file} is refused, not waited on`, () => {
      const folder = snapshotWith(`fifo-${file}`, file, mkfifo);
      assertRefusedPath(
        runBundleGuarded(['test', '--snapshot', folder, '--format', 'json']),
        join(folder, file),
        /expected a regular file, found a named pipe \(FIFO\)/,
        file,
      );
    });
    it(`${file} as a symbolic link to /dev/zero is refused before anything is read`, () => {
      const folder = snapshotWith(`zero-${file}`, file, (path) => symlinkSync('/dev/zero', path));
      assertRefusedPath(
        runBundleGuarded(['get', '--snapshot', folder, '--format', 'json']),
        join(folder, file),
        /expected a regular file, found a character device/,
        file,
      );
    });
  }

  it('MetaBase.xml as a link to /dev/urandom is refused', () => {
    const folder = join(root, 'urandom-metabase');
    mkdirSync(folder);
    writeFileSync(join(folder, 'secedit.inf'), MINIMAL_SECEDIT);
    symlinkSync('/dev/urandom', join(folder, 'MetaBase.xml'));
    assertRefusedPath(
      runBundleGuarded(['test', '--snapshot', folder]),
      join(folder, 'MetaBase.xml'),
      /found a character device/,
      'MetaBase.xml',
    );
  });

  it('a FIFO given as --snapshot x.json, --with-gpo and --plan is refused', () => {
    const fifo = join(root, 'facts.json');
    mkfifo(fifo);
    assertRefusedPath(runBundleGuarded(['test', '--snapshot', fifo]), fifo, /named pipe/, '--snapshot');
    const good = makeSnapshotFolder({
      'secedit.inf': MINIMAL_SECEDIT,
      'applicationHost.config': MINIMAL_APPLICATION_HOST,
      'accounts.json': MINIMAL_ACCOUNTS,
    });
    try {
      const gpo = join(root, 'baseline.inf');
      mkfifo(gpo);
      assertRefusedPath(
        runBundleGuarded(['explain', '--snapshot', good.path, '--with-gpo', gpo]),
        gpo,
        /named pipe/,
        '--with-gpo',
      );
    } finally {
      good.cleanup();
    }
    assertRefusedPath(runBundleGuarded(['check-plan', '--plan', fifo]), fifo, /named pipe/, '--plan');
    assertRefusedPath(
      runBundleGuarded(['check-plan', '--plan', '/dev/zero']),
      '/dev/zero',
      /character device/,
      '--plan /dev/zero',
    );
  });

  it('a device given as --snapshot is named for what it is', () => {
    assertRefusedPath(
      runBundleGuarded(['test', '--snapshot', '/dev/null']),
      '/dev/null',
      /expected a snapshot folder \(or a facts \.json file\), found a character device/,
      '/dev/null',
    );
  });

  it('report lists a snapshot holding a FIFO among good ones and judges the others', () => {
    const fleet = join(root, 'fleet');
    for (const host of ['web01', 'web02', 'web03']) {
      mkdirSync(join(fleet, host), { recursive: true });
      for (const [entry, content] of Object.entries(IIS10)) writeFileSync(join(fleet, host, entry), content);
    }
    unlinkSync(join(fleet, 'web02', 'applicationHost.config'));
    mkfifo(join(fleet, 'web02', 'applicationHost.config'));
    const run = runBundleGuarded(['report', fleet, '--format', 'json']);
    assert.equal(run.signal, null, 'report ended by itself');
    assert.equal(run.status, EXIT_CODES.invalidInput.code, run.stderr);
    const document = JSON.parse(run.stdout);
    assert.equal(document.everySnapshotLoaded, false);
    const failed = document.snapshots.filter((snapshot: { error?: string }) => snapshot.error !== undefined);
    assert.deepEqual(
      failed.map((snapshot: { snapshot: string }) => snapshot.snapshot),
      [join(fleet, 'web02')],
    );
    assert.match(failed[0].error, /applicationHost\.config: expected a regular file, found a named pipe/);
    assert.equal(document.summary.judged, 2);
  });
});

describe('hostile folders: report never loses a host silently (built bundle)', function () {
  this.timeout(GUARD_TIMEOUT_MS * 2);
  let root: string;
  const IIS10 = exampleSnapshotFiles('iis10-healthy');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'iis-logon-rights-folders-'));
    openToEveryone(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function host(folder: string): void {
    mkdirSync(folder, { recursive: true });
    for (const [entry, content] of Object.entries(IIS10)) writeFileSync(join(folder, entry), content);
  }

  it('a folder whose name is not UTF-8 is listed as not loaded, not dropped', function () {
    if (process.platform !== 'linux') {
      console.log('      skipped: needs a file system that takes arbitrary bytes in names');
      this.skip();
    }
    host(join(root, 'web01'));
    const raw = Buffer.concat([Buffer.from(join(root, 'web')), Buffer.from([0xff, 0xfe]), Buffer.from('02')]);
    mkdirSync(raw);
    for (const [entry, content] of Object.entries(IIS10))
      writeFileSync(Buffer.concat([raw, Buffer.from(`/${entry}`)]), content);
    const run = runBundleGuarded(['report', root, '--format', 'json']);
    assert.equal(run.status, EXIT_CODES.invalidInput.code, run.stderr);
    const document = JSON.parse(run.stdout);
    assert.equal(document.everySnapshotLoaded, false);
    const failed = document.snapshots.filter((snapshot: { error?: string }) => snapshot.error !== undefined);
    assert.equal(failed.length, 1);
    assert.match(failed[0].error, /web\\xff\\xfe02: expected a folder name in UTF-8/);
    assert.equal(document.summary.judged, 1);
  });

  it('an unreadable snapshot folder is exit 3 for test, and listed by report with the others judged', function () {
    const reason = unreadableFolderSupport();
    if (reason !== undefined) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    host(join(root, 'web01'));
    host(join(root, 'web02'));
    host(join(root, 'web03'));
    openToEveryone(join(root, 'web01'), join(root, 'web03'));
    for (const folder of ['web01', 'web03'])
      for (const entry of Object.keys(IIS10)) openToEveryone(join(root, folder, entry));
    // web02 stays private to its owner (0700 from mkdir with the default umask is not enough: force it).
    spawnSync('chmod', ['0700', join(root, 'web02')]);
    const single = runBundleGuarded(['test', '--snapshot', join(root, 'web02')], { asUser: true });
    assertRefusedPath(
      single,
      join(root, 'web02'),
      /expected a snapshot folder this user may list, found a folder this user may not read/,
      'test',
    );
    const run = runBundleGuarded(['report', root, '--format', 'json'], { asUser: true });
    assert.equal(run.status, EXIT_CODES.invalidInput.code, run.stderr);
    const document = JSON.parse(run.stdout);
    assert.equal(document.summary.judged, 2, 'web01 and web03 judged');
    const failed = document.snapshots.filter((snapshot: { error?: string }) => snapshot.error !== undefined);
    assert.deepEqual(
      failed.map((snapshot: { snapshot: string }) => snapshot.snapshot),
      [join(root, 'web02')],
    );
    assert.match(failed[0].error, /may not read/);
  });
});

describe('output that ends cleanly (built bundle)', function () {
  this.timeout(GUARD_TIMEOUT_MS * 2);
  let big: { path: string; cleanup: () => void };
  before(() => {
    // About 2 MB of JSON: far more than a pipe holds, so the writer meets the closed pipe.
    big = makeSnapshotFolder(MANY_SITES_SNAPSHOT(3000));
  });
  after(() => big.cleanup());

  it('a reader that closes the pipe early (head) ends the run quietly, with the output-failed code', () => {
    const run = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BUNDLE}" get --snapshot "${big.path}" --format json 2>"${big.path}/stderr.txt" | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "${big.path}/stderr.txt"`,
      ],
      { encoding: 'utf8', timeout: GUARD_TIMEOUT_MS },
    );
    const [code, ...stderr] = run.stdout.split('\n');
    assert.equal(Number(code), EXIT_CODES.outputFailed.code, run.stdout);
    assert.equal(stderr.join('\n'), '', 'nothing on stderr: no stack trace, no message');
  });

  // The first write fails on a full disk, so a small snapshot is enough.
  const EXAMPLE = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-gpo-blocked');
  for (const format of ['json', 'table', 'junit', 'sarif']) {
    it(`a full disk (/dev/full) gives one line and the output-failed code (${format})`, function () {
      if (process.platform !== 'linux') {
        console.log('      skipped: /dev/full is Linux only');
        this.skip();
      }
      const run = spawnSync(
        'bash',
        ['-c', `"${process.execPath}" "${BUNDLE}" test --snapshot "${EXAMPLE}" --format ${format} >/dev/full`],
        { encoding: 'utf8', timeout: GUARD_TIMEOUT_MS },
      );
      assert.equal(run.status, EXIT_CODES.outputFailed.code, run.stderr);
      assert.equal(
        run.stderr,
        'iis-logon-rights: output failed: cannot write to stdout: no space left on the device (ENOSPC)\n',
      );
    });
  }
});
