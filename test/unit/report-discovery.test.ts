import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeFleet } from '../../src/core/fleet-summary';
import { discoverSnapshots, judgeFleet, type FleetEntry } from '../../src/io/judge-fleet';
import { CLEAR_LINE, progressLine, progressThrottle } from '../../src/render/report-progress';
import { EXAMPLES } from '../helpers/fleet';

describe('fleet report', () => {
  describe('discovery and loading', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'iis-logon-rights-discover-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    const touch = (...parts: string[]) => {
      mkdirSync(join(root, ...parts.slice(0, -1)), { recursive: true });
      writeFileSync(join(root, ...parts), 'x');
    };
    const paths = (entries: FleetEntry[]) =>
      entries.map((entry) =>
        entry.kind === 'snapshot' ? entry.path.slice(root.length + 1) : `failed:${entry.name.slice(root.length + 1)}`,
      );

    it('a folder with secedit.inf (any case) is a snapshot; otherwise its subfolders are, sorted, hidden and non-snapshot ones skipped', () => {
      touch('one', 'SECEDIT.INF');
      touch('fleet', 'web02', 'secedit.inf');
      touch('fleet', 'web01', 'Secedit.inf');
      touch('fleet', 'web03', 'applicationHost.config');
      touch('fleet', '.trash', 'secedit.inf');
      touch('fleet', 'notes', 'README.txt');
      touch('fleet', 'list.txt');
      assert.deepEqual(paths(discoverSnapshots([join(root, 'one'), join(root, 'fleet')])), [
        'one',
        'fleet/web01',
        'fleet/web02',
        'fleet/web03',
      ]);
    });

    it('an argument that is missing or holds no snapshot fails by name; the same folder twice is judged once', () => {
      touch('empty-fleet', 'notes', 'README.txt');
      mkdirSync(join(root, 'void'));
      touch('one', 'secedit.inf');
      const entries = discoverSnapshots([
        join(root, 'missing'),
        join(root, 'empty-fleet'),
        join(root, 'void'),
        join(root, 'one'),
        join(root, 'one', '.'),
      ]);
      assert.deepEqual(paths(entries), ['failed:missing', 'failed:empty-fleet', 'failed:void', 'one']);
      const errors = entries.flatMap((entry) => (entry.kind === 'failed' ? [entry.error.slice(root.length + 1)] : []));
      assert.deepEqual(errors, [
        'missing: expected a snapshot folder or a folder of snapshot folders, found no such file or folder',
        'empty-fleet: expected a snapshot folder (with secedit.inf) or a folder of snapshot folders, found no snapshot in it (1 entry, none a snapshot folder)',
        'void: expected a snapshot folder (with secedit.inf) or a folder of snapshot folders, found no snapshot in it (an empty folder)',
      ]);
    });

    it('judgeFleet records an unreadable snapshot with its InputError message and goes on, reporting progress for each', () => {
      touch('broken', 'secedit.inf');
      writeFileSync(join(root, 'broken', 'secedit.inf'), Buffer.from([0x4d, 0x5a, 0x90, 0x00]));
      touch('broken', 'applicationHost.config');
      const entries: FleetEntry[] = [
        { kind: 'snapshot', path: join(EXAMPLES, 'iis10-healthy') },
        { kind: 'snapshot', path: join(root, 'broken') },
        { kind: 'failed', name: 'gone', error: 'gone: expected a folder, found nothing' },
        { kind: 'snapshot', path: join(EXAMPLES, 'iis10-gpo-blocked') },
      ];
      const progress: string[] = [];
      const outcomes = judgeFleet(
        entries,
        { ruleSet: 'documented', withGpo: [], keepPolicy: false },
        (done, total, name) => progress.push(`${done}/${total} ${name.slice(name.lastIndexOf('/') + 1)}`),
      );
      assert.deepEqual(
        outcomes.map((outcome) => outcome.kind),
        ['judged', 'failed', 'failed', 'judged'],
      );
      assert.deepEqual(progress, ['1/4 iis10-healthy', '2/4 broken', '3/4 gone', '4/4 iis10-gpo-blocked']);
      const broken = outcomes[1]!;
      assert.ok(broken.kind === 'failed');
      assert.equal(broken.name, join(root, 'broken'));
      assert.match(broken.error, /broken\/secedit\.inf.*: expected text/);
      const judged = outcomes[3]!;
      assert.ok(judged.kind === 'judged');
      assert.equal(judged.policy, null);
      assert.equal(judged.host?.computerName, 'WEB05');
    });

    it('--rules applies to every host: conservative checks the built-in IUSR everywhere', () => {
      const entries: FleetEntry[] = [
        { kind: 'snapshot', path: join(EXAMPLES, 'iis10-healthy') },
        { kind: 'snapshot', path: join(EXAMPLES, 'iis10-gpo-blocked') },
      ];
      const documented = summarizeFleet(judgeFleet(entries, { ruleSet: 'documented', withGpo: [], keepPolicy: false }));
      const conservative = summarizeFleet(
        judgeFleet(entries, { ruleSet: 'conservative', withGpo: [], keepPolicy: true }),
      );
      assert.equal(documented.findings['not-required'], 2);
      assert.equal(conservative.findings['not-required'], 0);
    });
  });

  describe('progress line', () => {
    it('rewrites itself in place, counts with a fixed width and never wraps', () => {
      assert.equal(progressLine(7, 1000, 'fleet/web-0007', 80), `${CLEAR_LINE}[   7/1000] judging fleet/web-0007`);
      const long = progressLine(1, 2, 'x'.repeat(200), 40);
      assert.equal(long.length - CLEAR_LINE.length, 39);
      assert.ok(long.endsWith('...'));
    });
    it('draws the first and last snapshot, and in between at most once per interval', () => {
      let now = 0;
      const shouldDraw = progressThrottle(100, () => now);
      const drawn: number[] = [];
      for (let done = 1; done <= 10; done++) {
        if (shouldDraw(done, 10)) drawn.push(done);
        now += 30;
      }
      // t=0 first; t=30,60,90 too soon; t=120 (done 5); t=150..210 too soon; t=240 (done 9); done 10 is the last.
      assert.deepEqual(drawn, [1, 5, 9, 10]);
    });
  });
});
