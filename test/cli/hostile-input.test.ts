import assert from 'node:assert/strict';
import { readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ARTIFACT_SIZE_LIMITS, type ArtifactKind } from '../../src/core/limits';
import { REPO_ROOT, runBundle } from '../helpers/cli';
import { applyMutations, mutationListArbitrary, type DocumentFormat } from '../fuzz/mutations';
import {
  CASES,
  COMMANDS,
  type Files,
  IIS10,
  IIS6,
  assertRefused,
  escaped,
  text,
  withDoctype,
  withFolder,
} from './hostile-cases';

/**
 * Hostile and broken input through the built CLI, one case per class of damage and artifact:
 * every one must end in exit code 3, exactly one line on stderr naming the file, and nothing on
 * stdout that could be taken for a result, whatever the command and format.
 */
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
