import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACT_SIZE_LIMITS,
  MAX_INF_LINE_LENGTH,
  MAX_XML_DEPTH,
  formatBytes,
  type ArtifactKind,
} from '../../src/core/limits';
import { readPlanDocument } from '../../src/io/plan-document';
import { loadSnapshotFolder, NODE_FILES } from '../../src/io/snapshot';
import { readLimitedStream } from '../../src/io/read-limited';
import { loadBaselineGpo } from '../../src/io/baseline-gpo';
import { parseGroupPolicyXml } from '../../src/parse/gpresult';
import { parseMetabase } from '../../src/parse/metabase';
import { parseRsopJsonText } from '../../src/parse/rsop-json';
import {
  MINIMAL_ACCOUNTS,
  MINIMAL_APPLICATION_HOST,
  MINIMAL_SECEDIT,
  REPO_ROOT,
  makeSnapshotFolder,
  utf16le,
} from '../helpers/cli';
import { inputErrorFrom } from '../helpers/errors';

/**
 * The limits of src/core/limits.ts, each at its boundary: sizes checked before a file is read,
 * and the README table that documents them (DOCTYPEs, element depth and INF line length are in
 * limits-xml.test.ts).
 */

describe('limits', () => {
  describe('README', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Limits'), readme.indexOf('\n## ', readme.indexOf('### Limits')));

    it('lists exactly the size limit of every artifact in src/core/limits.ts', () => {
      const rows = [...section.matchAll(/^\| `([^`]+)`[^|]*\| ([^|]+) \|$/gm)].map((match) => [
        match[1]!,
        match[2]!.trim(),
      ]);
      assert.deepEqual(
        rows,
        Object.entries(ARTIFACT_SIZE_LIMITS).map(([kind, bytes]) => [kind, formatBytes(bytes)]),
      );
    });

    it('states the XML depth and the INF line length', () => {
      assert.match(section, new RegExp(`nest at most ${MAX_XML_DEPTH} deep`));
      assert.match(section, new RegExp(`at most ${MAX_INF_LINE_LENGTH} characters long`));
    });
  });

  describe('sizes, checked before a file is read', () => {
    /** Grows a file to `bytes` without writing them (a sparse file: reading it would take seconds). */
    function oversized(path: string, bytes: number): void {
      writeFileSync(path, '');
      truncateSync(path, bytes);
    }

    const folderArtifacts: [string, ArtifactKind][] = [
      ['secedit.inf', 'secedit.inf'],
      ['applicationHost.config', 'applicationHost.config'],
      ['gpresult.xml', 'gpresult.xml'],
      ['rsop.json', 'rsop.json'],
      ['accounts.json', 'accounts.json'],
      ['host.json', 'host.json'],
    ];
    for (const [file, kind] of folderArtifacts) {
      it(`refuses a snapshot's ${file} one byte over ${formatBytes(ARTIFACT_SIZE_LIMITS[kind])}, naming it`, () => {
        const folder = makeSnapshotFolder({
          'secedit.inf': utf16le(MINIMAL_SECEDIT),
          'applicationHost.config': MINIMAL_APPLICATION_HOST,
          'accounts.json': MINIMAL_ACCOUNTS,
        });
        try {
          oversized(join(folder.path, file), ARTIFACT_SIZE_LIMITS[kind] + 1);
          const error = inputErrorFrom(() => loadSnapshotFolder(folder.path));
          assert.equal(error.file, join(folder.path, file));
          assert.equal(error.expected, `a ${file} of at most ${formatBytes(ARTIFACT_SIZE_LIMITS[kind])}`);
          assert.equal(error.found, formatBytes(ARTIFACT_SIZE_LIMITS[kind] + 1));
        } finally {
          folder.cleanup();
        }
      });
    }

    it('accepts a file of exactly its limit as far as size goes', () => {
      const folder = makeSnapshotFolder({
        'secedit.inf': utf16le(MINIMAL_SECEDIT),
        'applicationHost.config': MINIMAL_APPLICATION_HOST,
      });
      try {
        // A host.json of exactly 1 MiB passes the size check and then fails as JSON, not as size.
        const path = join(folder.path, 'host.json');
        writeFileSync(path, `{"computerName": "WEB01"}${' '.repeat(ARTIFACT_SIZE_LIMITS['host.json'] - 26)}x`);
        assert.equal(readFileSync(path).length, ARTIFACT_SIZE_LIMITS['host.json']);
        const error = inputErrorFrom(() => loadSnapshotFolder(folder.path));
        assert.match(
          error.message,
          /host\.json \(line 1, column \d+\): expected valid JSON: nothing more after the value, found "x"/,
        );
      } finally {
        folder.cleanup();
      }
    });

    it('refuses an IIS 6 MetaBase.xml and a facts .json file over their limits', () => {
      const folder = makeSnapshotFolder({ 'secedit.inf': MINIMAL_SECEDIT });
      try {
        oversized(join(folder.path, 'MetaBase.xml'), ARTIFACT_SIZE_LIMITS['MetaBase.xml'] + 1);
        assert.match(
          inputErrorFrom(() => loadSnapshotFolder(folder.path)).message,
          /MetaBase\.xml: expected a MetaBase\.xml of at most 64 MiB, found 64\.0 MiB$/,
        );
        const facts = join(folder.path, 'web01.json');
        oversized(facts, ARTIFACT_SIZE_LIMITS['facts.json'] + 1);
        assert.match(
          inputErrorFrom(() => loadSnapshotFolder(facts)).message,
          /web01\.json: expected a web01\.json of at most 512 MiB, found 512\.0 MiB$/,
        );
      } finally {
        folder.cleanup();
      }
    });

    it('refuses --with-gpo baselines over their limits, by kind', () => {
      const folder = makeSnapshotFolder({});
      try {
        const template = join(folder.path, 'GptTmpl.inf');
        oversized(template, ARTIFACT_SIZE_LIMITS['GptTmpl.inf'] + 1);
        assert.match(
          inputErrorFrom(() => loadBaselineGpo(template, NODE_FILES)).message,
          /expected a GptTmpl\.inf of at most 16 MiB/,
        );
        const report = join(folder.path, 'gpreport.xml');
        oversized(report, ARTIFACT_SIZE_LIMITS['gpo-report.xml'] + 1);
        assert.match(
          inputErrorFrom(() => loadBaselineGpo(report, NODE_FILES)).message,
          /expected a gpreport\.xml of at most 64 MiB/,
        );
      } finally {
        folder.cleanup();
      }
    });

    it('refuses text already in memory over the limit: MetaBase.xml, Group Policy XML, rsop.json, a plan', () => {
      assert.match(
        inputErrorFrom(() => parseMetabase(' '.repeat(ARTIFACT_SIZE_LIMITS['MetaBase.xml'] + 1), 'MetaBase.xml'))
          .message,
        /^MetaBase\.xml: expected a MetaBase\.xml of at most 64 MiB/,
      );
      assert.match(
        inputErrorFrom(() =>
          parseGroupPolicyXml(new Uint8Array(ARTIFACT_SIZE_LIMITS['gpresult.xml'] + 1), 'gpresult.xml'),
        ).message,
        /^gpresult\.xml: expected a Group Policy XML report of at most 64 MiB/,
      );
      assert.match(
        inputErrorFrom(() => parseRsopJsonText(' '.repeat(ARTIFACT_SIZE_LIMITS['rsop.json'] + 1), 'rsop.json')).message,
        /^rsop\.json: expected an rsop\.json of at most 16 MiB/,
      );
      assert.equal(
        inputErrorFrom(() => readPlanDocument(new Uint8Array(ARTIFACT_SIZE_LIMITS['plan.json'] + 1), 'stdin')).message,
        'stdin: expected a plan of at most 16 MiB, found 16.0 MiB',
      );
    });

    it('reads a stream only up to the limit, then refuses it', () => {
      const folder = makeSnapshotFolder({
        'small.json': 'x'.repeat(ARTIFACT_SIZE_LIMITS['host.json']),
        'large.json': 'x'.repeat(ARTIFACT_SIZE_LIMITS['host.json'] + 1),
      });
      const read = (name: string): Buffer => {
        const fd = openSync(join(folder.path, name), 'r');
        try {
          return readLimitedStream(fd, 'stdin', 'host.json');
        } finally {
          closeSync(fd);
        }
      };
      try {
        assert.deepEqual(read('small.json'), readFileSync(join(folder.path, 'small.json')));
        assert.equal(
          inputErrorFrom(() => read('large.json')).message,
          'stdin: expected input of at most 1 MiB, found more (reading stopped there)',
        );
      } finally {
        folder.cleanup();
      }
    });
  });
});
