/**
 * `npm run bench`: measures the engine against the floors that bound it, in one run, and prints
 * one table (BENCHMARKS.md explains every row). Ratios against a floor measured in the same run
 * are the numbers to read: absolute times move with the machine and its load.
 *
 * Options: --quick (fewer repetitions, no 100,000-site case; for trying changes),
 *          --sizes 1000,10000,100000, --json <file> (also write the raw results).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { largeInputRows } from './large';
import { naiveScriptRows } from './naive';
import { BUNDLE, log, type Row } from './run/common';
import { coldStart, engineAtSize, engineRows, type SizeResult } from './run/engine-cases';
import { bundleRows, fleetThroughput, inProcessRows } from './run/fleet-cases';
import { cached, fleetInput, removeStaleInputs, snapshotInput } from './run/inputs';
import { buildWorker } from './run/processes';
import { formatTable, machineLine } from './run/table';

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      json: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const sizes = (values.sizes ?? (quick ? '1000,10000' : '1000,10000,100000')).split(',').map(Number);
  const only = new Set((values.only ?? 'P1,P2,P3,P4,P5,P6,P7,size').split(','));
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run node build.mjs first (npm run bench does)`);
  const startLoad = loadavg();
  const started = Date.now();
  removeStaleInputs();
  buildWorker();

  const rows: Row[] = [];
  let nodeFloor: number | undefined;
  if (only.has('P1')) {
    log('P1: cold start');
    const p1 = coldStart(quick ? 10 : 30);
    nodeFloor = p1[0]!.value!.median;
    rows.push(...p1);
  }
  const sizeResults: SizeResult[] = [];
  if (only.has('P2')) {
    for (const sites of sizes) {
      log(`P2: ${sites} sites`);
      sizeResults.push(engineAtSize(sites, quick ? 3 : sites >= 100_000 ? 5 : 7));
    }
    rows.push(...engineRows(sizeResults));
  }
  let fleetMode: string | undefined;
  if (only.has('P3')) {
    log('P3: fleet');
    const fleet = await fleetThroughput(1000, quick ? 2 : 5);
    fleetMode = fleet.mode;
    rows.push(...fleet.rows);
  }
  if (only.has('P4')) {
    log('P4: in-process host against the node CLI');
    rows.push(...inProcessRows([10, 1000], quick ? 2 : 5, quick ? 3 : 5, { after: quick ? 4 : 6, calls: 3 }));
  }
  if (only.has('P5') || only.has('P6'))
    rows.push(
      ...largeInputRows(
        { bundle: BUNDLE, quick, cached, fleet: (count) => fleetInput(count).folder, log },
        { fleet: only.has('P5'), server: only.has('P6') },
      ),
    );
  if (only.has('P7')) {
    log('P7: `test` against the naive script');
    rows.push(...naiveScriptRows(BUNDLE, snapshotInput(10_000), 10_000, quick ? 3 : 7, log));
  }
  if (only.has('size')) rows.push(...bundleRows());

  const table = formatTable(rows);
  process.stdout.write(
    `\niis-logon-rights benchmarks (${new Date().toISOString().slice(0, 10)}), ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  process.stdout.write(`machine: ${machineLine(nodeFloor)}\n`);
  process.stdout.write(
    `spread is the interquartile range over the runs; every P2 run is a fresh process\n\n${table}\n`,
  );
  const failed = rows.filter((row) => row.pass === false);
  process.stdout.write(
    `\n${failed.length === 0 ? 'all targets met' : `${failed.length} target(s) missed: ${failed.map((row) => `${row.id} ${row.label}`).join('; ')}`}\n`,
  );
  if (values.json) {
    writeFileSync(
      values.json,
      `${JSON.stringify({ date: new Date().toISOString(), machine: machineLine(nodeFloor), startLoad, fleetMode, rows, sizeResults }, null, 2)}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
