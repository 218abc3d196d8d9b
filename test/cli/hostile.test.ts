import assert from 'node:assert/strict';
import { readFileSync, readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ARTIFACT_SIZE_LIMITS, MAX_INF_LINE_LENGTH, MAX_XML_DEPTH, type ArtifactKind } from '../../src/core/limits';
import { makeSnapshotFolder, REPO_ROOT, runBundle, type CliRun } from '../helpers/cli';
import { applyMutations, mutationListArbitrary, type DocumentFormat } from '../fuzz/mutations';

/**
 * Hostile and broken input through the built CLI, one case per class of damage and artifact:
 * every one must end in exit code 3, exactly one line on stderr naming the file, and nothing on
 * stdout that could be taken for a result, whatever the command and format.
 */

type Files = Record<string, Buffer>;

function exampleFiles(name: string): Files {
  const folder = join(REPO_ROOT, 'examples', 'snapshots', name);
  const files: Files = {};
  for (const file of readdirSync(folder)) if (file !== 'README.md') files[file] = readFileSync(join(folder, file));
  return files;
}

/** IIS 10 with gpresult, accounts and host; rsop.json added from the fixtures. */
const IIS10: Files = {
  ...exampleFiles('iis10-gpo-blocked'),
  'rsop.json': readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'gpresult', 'web01.rsop.json')),
};
const IIS6: Files = exampleFiles('iis6-gpo-revoked-at-refresh');

const COMMANDS: string[][] = [
  ['test', '--format', 'json'],
  ['get', '--format', 'table'],
  ['explain', '--format', 'json'],
  ['plan', '--format', 'json'],
  ['test', '--format', 'table'],
  ['accounts'],
];

function assertRefused(run: CliRun, file: RegExp, context: string): void {
  assert.equal(run.status, 3, `${context}: exit code 3 (stderr: ${run.stderr.slice(0, 500)})`);
  assert.equal(run.stdout, '', `${context}: nothing on stdout`);
  assert.ok(run.stderr.endsWith('\n'), `${context}: stderr ends its line`);
  const lines = run.stderr.slice(0, -1).split('\n');
  assert.equal(lines.length, 1, `${context}: one line on stderr, got ${lines.length}: ${run.stderr.slice(0, 500)}`);
  assert.match(lines[0]!, /^iis-logon-rights: invalid input: /, context);
  assert.match(lines[0]!, file, `${context}: names the file`);
  assert.ok(lines[0]!.length < 1_200, `${context}: a short line (${lines[0]!.length} characters)`);
}

function withFolder<T>(files: Files, body: (path: string) => T): T {
  const folder = makeSnapshotFolder(files);
  try {
    return body(folder.path);
  } finally {
    folder.cleanup();
  }
}

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

function text(bytes: Buffer): string {
  return bytes[0] === 0xff && bytes[1] === 0xfe
    ? bytes.subarray(2).toString('utf16le')
    : bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** Writes the text back the way the original was written (UTF-16LE with BOM, or UTF-8). */
function like(original: Buffer, replacement: string): Buffer {
  return original[0] === 0xff && original[1] === 0xfe ? utf16le(replacement) : Buffer.from(replacement, 'utf8');
}

function insertAfterRootTag(xml: string, inner: string): string {
  const root = xml.search(/<[A-Za-z]/g);
  const end = xml.indexOf('>', root) + 1;
  return xml.slice(0, end) + inner + xml.slice(end);
}

function withDoctype(xml: string): string {
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
function cutInsideEntry(whole: string, file: string): string {
  const at = Math.floor(whole.length * 0.6);
  if (!file.endsWith('.inf')) return whole.slice(0, at);
  const sid = whole.indexOf('*S-1-5-', at);
  return whole.slice(0, sid + '*S-1-'.length);
}

interface HostileCase {
  what: string;
  base: Files;
  file: string;
  damage: (original: Buffer) => Buffer;
  /** The message names this file (and, where it can, the line). */
  names: RegExp;
}

const XML_ARTIFACTS: [Files, string][] = [
  [IIS10, 'applicationHost.config'],
  [IIS6, 'MetaBase.xml'],
  [IIS10, 'gpresult.xml'],
];
const ALL_ARTIFACTS: [Files, string][] = [
  [IIS10, 'secedit.inf'],
  ...XML_ARTIFACTS,
  [IIS10, 'rsop.json'],
  [IIS10, 'accounts.json'],
  [IIS10, 'host.json'],
];

function escaped(file: string): string {
  return file.replace(/\./g, '\\.');
}

const CASES: HostileCase[] = [
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

describe('CLI (built bundle): hostile and broken input', () => {
  it('judges the unbroken base snapshots (exit 0 or 1)', () => {
    for (const base of [IIS10, IIS6]) {
      withFolder(base, (path) => {
        const run = runBundle(['test', '--snapshot', path, '--format', 'json']);
        assert.ok(run.status === 0 || run.status === 1, run.stderr);
      });
    }
  });

  CASES.forEach((hostile, index) => {
    const command = COMMANDS[index % COMMANDS.length]!;
    it(`${hostile.file}: ${hostile.what} (${command.join(' ')})`, () => {
      const files = { ...hostile.base, [hostile.file]: hostile.damage(hostile.base[hostile.file]!) };
      withFolder(files, (path) =>
        assertRefused(runBundle([command[0]!, '--snapshot', path, ...command.slice(1)]), hostile.names, hostile.what),
      );
    });
  });

  describe('over the size limit (sparse files, never read)', () => {
    const kinds: [Files, string, ArtifactKind][] = [
      [IIS10, 'secedit.inf', 'secedit.inf'],
      [IIS10, 'applicationHost.config', 'applicationHost.config'],
      [IIS6, 'MetaBase.xml', 'MetaBase.xml'],
      [IIS10, 'gpresult.xml', 'gpresult.xml'],
      [IIS10, 'rsop.json', 'rsop.json'],
      [IIS10, 'accounts.json', 'accounts.json'],
      [IIS10, 'host.json', 'host.json'],
    ];
    for (const [base, file, kind] of kinds) {
      it(file, () => {
        withFolder(base, (path) => {
          truncateSync(join(path, file), ARTIFACT_SIZE_LIMITS[kind] + 1);
          assertRefused(
            runBundle(['explain', '--snapshot', path]),
            new RegExp(`${escaped(file)}: expected a ${escaped(file)} of at most`),
            `${file} over its limit`,
          );
        });
      });
    }

    it('a facts .json file and --with-gpo baselines', () => {
      withFolder(
        { 'facts.json': Buffer.alloc(0), 'GptTmpl.inf': Buffer.alloc(0), 'gpreport.xml': Buffer.alloc(0), ...IIS10 },
        (path) => {
          truncateSync(join(path, 'facts.json'), ARTIFACT_SIZE_LIMITS['facts.json'] + 1);
          assertRefused(
            runBundle(['test', '--snapshot', join(path, 'facts.json')]),
            /facts\.json: expected a facts\.json of at most 512 MiB/,
            'facts.json',
          );
          truncateSync(join(path, 'GptTmpl.inf'), ARTIFACT_SIZE_LIMITS['GptTmpl.inf'] + 1);
          assertRefused(
            runBundle(['test', '--snapshot', path, '--with-gpo', join(path, 'GptTmpl.inf')]),
            /GptTmpl\.inf: expected a GptTmpl\.inf of at most 16 MiB/,
            'GptTmpl.inf',
          );
          truncateSync(join(path, 'gpreport.xml'), ARTIFACT_SIZE_LIMITS['gpo-report.xml'] + 1);
          assertRefused(
            runBundle(['test', '--snapshot', path, '--with-gpo', join(path, 'gpreport.xml')]),
            /gpreport\.xml: expected a gpreport\.xml of at most 64 MiB/,
            'gpreport.xml',
          );
        },
      );
    });
  });

  describe('the facts document on stdin', () => {
    const facts = (files: Record<string, unknown>): string => JSON.stringify({ factsVersion: 1, name: 'WEB05', files });
    const inline = Object.fromEntries(Object.entries(IIS10).map(([name, bytes]) => [name, text(bytes)]));

    it('truncated JSON', () => {
      const document = facts(inline);
      assertRefused(
        runBundle(['test', '--snapshot', '-'], document.slice(0, Math.floor(document.length / 2))),
        /stdin \(line 1, column \d+\): expected valid JSON: [^,]+(?:, [^,]+)*, found /,
        'truncated facts',
      );
    });
    it('an inline artifact with a DOCTYPE', () => {
      assertRefused(
        runBundle(
          ['explain', '--snapshot', '-'],
          facts({ ...inline, 'applicationHost.config': withDoctype(inline['applicationHost.config']!) }),
        ),
        /stdin:\/files\/applicationHost\.config \(line 2\): expected no DOCTYPE/,
        'DOCTYPE inline',
      );
    });
    it('an inline artifact over its limit', () => {
      assertRefused(
        runBundle(
          ['get', '--snapshot', '-'],
          facts({ ...inline, 'host.json': ' '.repeat(ARTIFACT_SIZE_LIMITS['host.json'] + 1) }),
        ),
        /stdin \(at \/files\/host\.json\): expected a host\.json of at most 1 MiB/,
        'inline over limit',
      );
    });
    it('no IIS configuration at all', () => {
      assertRefused(
        runBundle(['test', '--snapshot', '-'], facts({ 'secedit.inf': inline['secedit.inf'] })),
        /^iis-logon-rights: invalid input: stdin \(at \/files\): expected applicationHost\.config/,
        'no IIS file',
      );
    });
    it('a NUL inside an inline artifact', () => {
      assertRefused(
        runBundle(['test', '--snapshot', '-'], facts({ ...inline, 'secedit.inf': `${inline['secedit.inf']!}\u0000` })),
        /stdin:\/files\/secedit\.inf \(line \d+\): expected text, found a NUL/,
        'NUL inline',
      );
    });
  });

  describe('plans given to check-plan', () => {
    const plan = (): string => {
      const run = runBundle([
        'plan',
        '--snapshot',
        join(REPO_ROOT, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch'),
        '--format',
        'json',
      ]);
      assert.equal(run.status, 0, run.stderr);
      return run.stdout;
    };

    it('a plan whose action names a bad SID, from a file and from stdin', () => {
      const document = JSON.parse(plan()) as { actions: { sid: string }[] };
      assert.ok(document.actions.length > 0);
      document.actions[0]!.sid = 'S-1-5-21-1-2-3-99999999999';
      const bad = JSON.stringify(document);
      assertRefused(
        runBundle(['check-plan', '--plan', '-'], bad),
        /^iis-logon-rights: invalid input: stdin \(at \/actions\/0\/sid\)/,
        'bad SID on stdin',
      );
      withFolder({ 'plan.json': Buffer.from(bad) }, (path) =>
        assertRefused(
          runBundle(['check-plan', '--plan', join(path, 'plan.json')]),
          /plan\.json \(at \/actions\/0\/sid\)/,
          'bad SID in a file',
        ),
      );
    });
    it('a truncated plan, and one over its limit on stdin', () => {
      assertRefused(
        runBundle(['check-plan', '--plan', '-'], plan().slice(0, 300)),
        /stdin \(line \d+, column \d+\): expected valid JSON: /,
        'truncated plan',
      );
      assertRefused(
        runBundle(['check-plan', '--plan', '-'], ' '.repeat(ARTIFACT_SIZE_LIMITS['plan.json'] + 1)),
        /stdin: expected a plan of at most 16 MiB/,
        'plan over its limit',
      );
    });
  });

  it('--with-gpo: a baseline with a DOCTYPE, and a binary one', () => {
    withFolder(
      {
        ...IIS10,
        'gpreport.xml': Buffer.from(
          withDoctype(
            readFileSync(
              join(REPO_ROOT, 'test', 'fixtures', 'gpresult', 'contoso-server-baseline.gpreport.xml'),
              'utf8',
            ),
          ),
        ),
        'GptTmpl.inf': Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]),
      },
      (path) => {
        assertRefused(
          runBundle(['explain', '--snapshot', path, '--with-gpo', join(path, 'gpreport.xml')]),
          /gpreport\.xml \(line 2\): expected no DOCTYPE/,
          'baseline DOCTYPE',
        );
        assertRefused(
          runBundle(['explain', '--snapshot', path, '--with-gpo', join(path, 'GptTmpl.inf')]),
          /GptTmpl\.inf \(line 1\): expected text/,
          'binary baseline',
        );
      },
    );
  });

  it('random damage to any artifact never ends in an internal error, and a refusal is always one line', function () {
    // Dozens of CLI processes: on a loaded 2-core machine they outlast the default 20 s.
    this.timeout(300_000);
    const artifacts: [Files, string, DocumentFormat][] = [
      [IIS10, 'secedit.inf', 'inf'],
      [IIS10, 'applicationHost.config', 'xml'],
      [IIS6, 'MetaBase.xml', 'xml'],
      [IIS10, 'gpresult.xml', 'xml'],
      [IIS10, 'rsop.json', 'json'],
      [IIS10, 'accounts.json', 'json'],
      [IIS10, 'host.json', 'json'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...artifacts), mutationListArbitrary, ([base, file, format], mutations) => {
        const { bytes } = applyMutations(base[file]!, mutations, format);
        withFolder({ ...base, [file]: Buffer.from(bytes) }, (path) => {
          const run = runBundle(['test', '--snapshot', path, '--format', 'json']);
          if (run.status === 3)
            assertRefused(run, new RegExp(escaped(file)), `${file}: ${JSON.stringify(mutations).slice(0, 300)}`);
          else
            assert.ok(run.status === 0 || run.status === 1, `${file}: exit ${run.status}: ${run.stderr.slice(0, 500)}`);
        });
      }),
      { numRuns: Number(process.env.FUZZ_CLI_RUNS ?? 25) },
    );
  });
});
