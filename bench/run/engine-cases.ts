/** P1 (cold start) and P2 (the engine at each size against a bare parse). */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE, TARGETS, WORKER, summarize, type Row, type Sample } from './common';
import { snapshotInput } from './inputs';
import { runWorker, timeSpawn, type WorkerResult } from './processes';

export function coldStart(repetitions: number): Row[] {
  const folder = snapshotInput(10);
  const nodeArgs = ['-e', '0'];
  const parseArgs = [WORKER, 'xmlfloor', folder];
  const cliArgs = [BUNDLE, 'test', '--snapshot', folder, '--format', 'json'];
  for (let warm = 0; warm < 3; warm++) {
    timeSpawn(process.execPath, nodeArgs);
    timeSpawn(process.execPath, cliArgs);
  }
  const bare: number[] = [];
  const parse: number[] = [];
  const cli: number[] = [];
  // Interleaved, so all three see the same machine load.
  for (let run = 0; run < repetitions; run++) {
    bare.push(timeSpawn(process.execPath, nodeArgs));
    parse.push(timeSpawn(process.execPath, parseArgs, [0]));
    cli.push(timeSpawn(process.execPath, cliArgs));
  }
  const phases = Array.from({ length: Math.max(5, Math.floor(repetitions / 3)) }, () => runWorker(['phases', folder]));
  const phase = (name: string) => summarize(phases.map((run) => run[name] as number)).median.toFixed(1);
  const floor = summarize(bare);
  const parseFloor = summarize(parse);
  const value = summarize(cli);
  const ratio = value.median / floor.median;
  return [
    { id: 'P1', label: 'node -e 0 (floor)', value: floor, unit: 'ms' },
    {
      id: 'P1',
      label: 'node + cold saxes parse of the same files',
      value: parseFloor,
      unit: 'ms',
      floor,
      ratio: parseFloor.median / floor.median,
      note: 'read + decode every file, bare saxes over applicationHost.config and gpresult.xml',
    },
    {
      id: 'P1',
      label: 'cold `test`, 10 sites, bundle',
      value,
      unit: 'ms',
      floor,
      ratio,
      target: `<= ${TARGETS.coldStartRatio}x`,
      pass: ratio <= TARGETS.coldStartRatio,
      note: `${(value.median / parseFloor.median).toFixed(2)}x the parse floor; in-process phases: start-up ${phase('startupMs')} ms, load ${phase('loadMs')} ms, judge ${phase('judgeMs')} ms, render ${phase('renderMs')} ms`,
    },
  ];
}

export interface SizeResult {
  sites: number;
  floorBare: Sample;
  floorEmpty: Sample;
  engine: Sample;
  engineLoad: Sample;
  engineJudge: Sample;
  peakRssMiB: number;
  floorPeakRssMiB: number;
  fileMiB: number;
  scopes: number;
  statuses: unknown;
}

export function engineAtSize(sites: number, repetitions: number): SizeResult {
  const folder = snapshotInput(sites);
  const config = join(folder, 'applicationHost.config');
  const bare: WorkerResult[] = [];
  const empty: WorkerResult[] = [];
  const engine: WorkerResult[] = [];
  for (let run = 0; run < repetitions; run++) {
    bare.push(runWorker(['floor', config, 'bare']));
    empty.push(runWorker(['floor', config, 'empty']));
    engine.push(runWorker(['engine', folder]));
  }
  const last = engine[engine.length - 1]!;
  return {
    sites,
    floorBare: summarize(bare.map((run) => run.ms)),
    floorEmpty: summarize(empty.map((run) => run.ms)),
    engine: summarize(engine.map((run) => run.ms)),
    engineLoad: summarize(engine.map((run) => run['loadMs'] as number)),
    engineJudge: summarize(engine.map((run) => run['judgeMs'] as number)),
    peakRssMiB: Math.max(...engine.map((run) => run.peakRssMiB)),
    floorPeakRssMiB: Math.max(...bare.map((run) => run.peakRssMiB)),
    fileMiB: statSync(config).size / 1024 / 1024,
    scopes: last['scopes'] as number,
    statuses: last['statuses'],
  };
}

export function engineRows(results: readonly SizeResult[]): Row[] {
  const rows: Row[] = [];
  for (const result of results) {
    const size = result.sites.toLocaleString('en-US');
    const ratio = result.engine.median / result.floorBare.median;
    rows.push({
      id: 'P2',
      label: `saxes parse, ${size} sites (floor, no handlers)`,
      value: result.floorBare,
      unit: 'ms',
      peakRssMiB: result.floorPeakRssMiB,
      note: `${result.fileMiB.toFixed(1)} MiB applicationHost.config`,
    });
    rows.push({
      id: 'P2',
      label: `saxes parse, ${size} sites (empty handlers)`,
      value: result.floorEmpty,
      unit: 'ms',
      floor: result.floorBare,
      ratio: result.floorEmpty.median / result.floorBare.median,
    });
    rows.push({
      id: 'P2',
      label: `engine, ${size} sites`,
      value: result.engine,
      unit: 'ms',
      floor: result.floorBare,
      ratio,
      peakRssMiB: result.peakRssMiB,
      target: `<= ${TARGETS.engineOverParse}x`,
      pass: ratio <= TARGETS.engineOverParse,
      note: `load ${result.engineLoad.median.toFixed(0)} ms + judge ${result.engineJudge.median.toFixed(0)} ms; ${result.scopes.toLocaleString('en-US')} scopes`,
    });
    const memory = result.peakRssMiB / result.floorPeakRssMiB;
    rows.push({
      id: 'P2',
      label: `engine peak RSS over the floor's, ${size} sites`,
      value: { median: memory, p25: memory, p75: memory, runs: 1 },
      unit: 'x',
      target: `<= ${TARGETS.memoryOverParse}x`,
      pass: memory <= TARGETS.memoryOverParse,
      note: `${result.peakRssMiB.toFixed(0)} MiB against ${result.floorPeakRssMiB.toFixed(0)} MiB, the largest of the runs each`,
    });
  }
  const tenK = results.find((result) => result.sites === 10_000);
  const hundredK = results.find((result) => result.sites === 100_000);
  if (tenK && hundredK) {
    const growth = hundredK.engine.median / tenK.engine.median;
    const floorGrowth = hundredK.floorBare.median / tenK.floorBare.median;
    rows.push({
      id: 'P2',
      label: 'engine growth 10,000 -> 100,000 sites',
      value: { median: growth, p25: growth, p75: growth, runs: 1 },
      unit: 'x',
      target: `<= ${TARGETS.growth10kTo100k}x`,
      pass: growth <= TARGETS.growth10kTo100k,
      note: `floor grows ${floorGrowth.toFixed(1)}x`,
    });
  }
  return rows;
}
