import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_INF_LINE_LENGTH, MAX_XML_DEPTH } from '../../src/core/limits';
import { makeSnapshotFolder, REPO_ROOT, type CliRun } from '../helpers/cli';

/** The cases of hostile-input.test.ts (one per class of damage and artifact) and their helpers. */

export type Files = Record<string, Buffer>;

export function exampleFiles(name: string): Files {
  const folder = join(REPO_ROOT, 'examples', 'snapshots', name);
  const files: Files = {};
  for (const file of readdirSync(folder)) if (file !== 'README.md') files[file] = readFileSync(join(folder, file));
  return files;
}

/** IIS 10 with gpresult, accounts and host; rsop.json added from the fixtures. */
export const IIS10: Files = {
  ...exampleFiles('iis10-gpo-blocked'),
  'rsop.json': readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'gpresult', 'web01.rsop.json')),
};
export const IIS6: Files = exampleFiles('iis6-gpo-revoked-at-refresh');

export const COMMANDS: string[][] = [
  ['test', '--format', 'json'],
  ['get', '--format', 'table'],
  ['explain', '--format', 'json'],
  ['plan', '--format', 'json'],
  ['test', '--format', 'table'],
  ['accounts'],
];

export function assertRefused(run: CliRun, file: RegExp, context: string): void {
  assert.equal(run.status, 3, `${context}: exit code 3 (stderr: ${run.stderr.slice(0, 500)})`);
  assert.equal(run.stdout, '', `${context}: nothing on stdout`);
  assert.ok(run.stderr.endsWith('\n'), `${context}: stderr ends its line`);
  const lines = run.stderr.slice(0, -1).split('\n');
  assert.equal(lines.length, 1, `${context}: one line on stderr, got ${lines.length}: ${run.stderr.slice(0, 500)}`);
  assert.match(lines[0]!, /^iis-logon-rights: invalid input: /, context);
  assert.match(lines[0]!, file, `${context}: names the file`);
  assert.ok(lines[0]!.length < 1_200, `${context}: a short line (${lines[0]!.length} characters)`);
}

export function withFolder<T>(files: Files, body: (path: string) => T): T {
  const folder = makeSnapshotFolder(files);
  try {
    return body(folder.path);
  } finally {
    folder.cleanup();
  }
}

export function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

export function text(bytes: Buffer): string {
  return bytes[0] === 0xff && bytes[1] === 0xfe
    ? bytes.subarray(2).toString('utf16le')
    : bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** Writes the text back the way the original was written (UTF-16LE with BOM, or UTF-8). */
export function like(original: Buffer, replacement: string): Buffer {
  return original[0] === 0xff && original[1] === 0xfe ? utf16le(replacement) : Buffer.from(replacement, 'utf8');
}

export function insertAfterRootTag(xml: string, inner: string): string {
  const root = xml.search(/<[A-Za-z]/g);
  const end = xml.indexOf('>', root) + 1;
  return xml.slice(0, end) + inner + xml.slice(end);
}

export function withDoctype(xml: string): string {
  const lol = [
    '<!ENTITY lol "lol">',
    ...Array.from(
      { length: 9 },
      (_, index) => `<!ENTITY lol${index + 1} "${`&lol${index === 0 ? '' : index};`.repeat(10)}">`,
    ),
  ];
  return xml.replace(/^(\uFEFF?<\?xml[^>]*\?>)/, `$1\r\n<!DOCTYPE r [${lol.join('')}]>`);
}

/** 60% of the text, or for an INF the text up to the middle of the SID at 60%. */
export function cutInsideEntry(whole: string, file: string): string {
  const at = Math.floor(whole.length * 0.6);
  if (!file.endsWith('.inf')) return whole.slice(0, at);
  const sid = whole.indexOf('*S-1-5-', at);
  return whole.slice(0, sid + '*S-1-'.length);
}

export interface HostileCase {
  what: string;
  base: Files;
  file: string;
  damage: (original: Buffer) => Buffer;
  /** The message names this file (and, where it can, the line). */
  names: RegExp;
}

export const XML_ARTIFACTS: [Files, string][] = [
  [IIS10, 'applicationHost.config'],
  [IIS6, 'MetaBase.xml'],
  [IIS10, 'gpresult.xml'],
];
export const ALL_ARTIFACTS: [Files, string][] = [
  [IIS10, 'secedit.inf'],
  ...XML_ARTIFACTS,
  [IIS10, 'rsop.json'],
  [IIS10, 'accounts.json'],
  [IIS10, 'host.json'],
];

export function escaped(file: string): string {
  return file.replace(/\./g, '\\.');
}

export const CASES: HostileCase[] = [
  ...ALL_ARTIFACTS.map(([base, file]): HostileCase => ({
    // An INF has no end marker, so a cut at a line break reads as a shorter template; a cut
    // inside an entry, as here, is caught.
    what: 'truncated at 60%',
    base,
    file,
    damage: (original) => like(original, cutInsideEntry(text(original), file)),
    names: new RegExp(`${escaped(file)} \\((line \\d+|at /)`),
  })),
  ...ALL_ARTIFACTS.map(([base, file]): HostileCase => ({
    what: 'a byte flipped into an invalid sequence',
    base,
    file,
    damage: (original) => {
      const copy = Buffer.from(original);
      // 0xFF starts no UTF-8 sequence; in UTF-16LE, 0xD8 0xD8 is a high surrogate with no low one.
      const at = (Math.floor(copy.length / 2) & ~1) + 1;
      copy[at] = copy[0] === 0xff ? 0xd8 : 0xff;
      if (copy[0] === 0xff) copy[at + 2] = 0xd8;
      return copy;
    },
    names: new RegExp(`${escaped(file)} \\(line \\d+\\): expected text in UTF-`),
  })),
  ...ALL_ARTIFACTS.map(([base, file]): HostileCase => ({
    what: 'UTF-16LE text behind a UTF-8 byte order mark',
    base,
    file,
    damage: (original) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(original), 'utf16le')]),
    names: new RegExp(`${escaped(file)} \\(line 1\\): expected text, found a NUL character`),
  })),
  ...ALL_ARTIFACTS.map(([base, file]): HostileCase => ({
    what: 'a NUL byte in the middle',
    base,
    file,
    damage: (original) => {
      const copy = Buffer.from(original);
      copy.fill(0, (Math.floor(copy.length / 2) & ~1) + 2, (Math.floor(copy.length / 2) & ~1) + 4);
      return copy;
    },
    names: new RegExp(`${escaped(file)} \\(line \\d+\\): expected text, found a NUL character`),
  })),
  ...XML_ARTIFACTS.map(([base, file]): HostileCase => ({
    what: 'a DOCTYPE with billion-laughs entities',
    base,
    file,
    damage: (original) => like(original, withDoctype(text(original))),
    names: new RegExp(`${escaped(file)} \\(line 2\\): expected no DOCTYPE`),
  })),
  ...XML_ARTIFACTS.map(([base, file]): HostileCase => ({
    what: `elements nested ${MAX_XML_DEPTH + 1} deep`,
    base,
    file,
    damage: (original) =>
      like(
        original,
        insertAfterRootTag(text(original), `${'<n>'.repeat(MAX_XML_DEPTH)}${'</n>'.repeat(MAX_XML_DEPTH)}`),
      ),
    names: new RegExp(
      `${escaped(file)} \\(line \\d+, column \\d+\\): expected elements nested at most ${MAX_XML_DEPTH} deep`,
    ),
  })),
  ...XML_ARTIFACTS.map(([base, file]): HostileCase => ({
    what: 'a 3 MB line of text outside the root element',
    base,
    file,
    damage: (original) => like(original, `${text(original)}\r\n${'junk '.repeat(600_000)}\r\n`),
    // saxes notices the stray text where it ends, after the line break: a line with no column.
    names: new RegExp(
      `${escaped(file)} \\(line \\d+(, column \\d+)?\\): expected well-formed XML, found "text data outside of root node\\."`,
    ),
  })),
  {
    what: 'a 2 MB value in an enumerated attribute',
    base: IIS10,
    file: 'applicationHost.config',
    damage: (original) =>
      like(
        original,
        text(original).replace(
          /<anonymousAuthentication /,
          `<anonymousAuthentication logonMethod="${'Net'.repeat(700_000)}" `,
        ),
      ),
    names: /applicationHost\.config \(line \d+, element <anonymousAuthentication>\): expected logonMethod to be one of/,
  },
  {
    what: 'a 2 MB AuthFlags value',
    base: IIS6,
    file: 'MetaBase.xml',
    damage: (original) =>
      like(original, text(original).replace(/AuthFlags="[^"]*"/, `AuthFlags="${'AuthBogus|'.repeat(200_000)}"`)),
    names: /MetaBase\.xml \(line \d+, element <IIs\w+ Location="\/LM\/W3SVC[^"]*">\): expected AuthFlags/,
  },
  {
    what: `a line of ${MAX_INF_LINE_LENGTH + 1} characters`,
    base: IIS10,
    file: 'secedit.inf',
    damage: (original) =>
      like(
        original,
        text(original).replace(
          '[Privilege Rights]\r\n',
          `[Privilege Rights]\r\nSeDebugPrivilege = ${'*S-1-5-32-544,'.repeat(80_000)}\r\n`,
        ),
      ),
    names: /secedit\.inf \(line \d+\): expected lines of at most 1048576 characters, found a line of \d+ characters/,
  },
  {
    what: 'mixed line endings and a bad SID on line 6',
    base: IIS10,
    file: 'secedit.inf',
    damage: () =>
      utf16le(
        '[Unicode]\rUnicode=yes\n[Privilege Rights]\r\nSeBatchLogonRight = *S-1-5-32-544\rSeServiceLogonRight = *S-1-5-20\nSeNetworkLogonRight = *S-1-5-11,*S-1-5-32-5x4\r\n',
      ),
    names: /secedit\.inf \(line 6\): expected a SID after "\*"/,
  },
  {
    what: 'a 100,000-deep JSON array',
    base: IIS10,
    file: 'accounts.json',
    damage: () => Buffer.from(`{"accounts": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
    // Refused by the depth check before JSON.parse builds anything.
    names: /accounts\.json \(line 1\): expected JSON nested at most 64 deep/,
  },
  {
    what: 'a property name with a line break and 100,000 characters',
    base: IIS10,
    file: 'host.json',
    damage: () => Buffer.from(JSON.stringify({ [`x\n${'y'.repeat(100_000)}`]: 1 })),
    names: /host\.json \(at \/x\\x0ay+\.\.\.\): expected only the documented properties/,
  },
];
