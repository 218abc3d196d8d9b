/** P3 (`report` over a fleet), P4 (the in-process host) and the bundle's size. */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { inProcessSession, type InProcessSample } from '../in-process';
import { BUNDLE, ROOT, TARGETS, WORKER, summarize, type Row, type Sample } from './common';
import { fleetInput, snapshotInput } from './inputs';
import { runWorker, timeParallel, timeSpawn } from './processes';

export interface FleetResult {
  rows: Row[];
  mode: 'cli report' | 'in-process engine';
}

/**
 * P4: the in-process host (Jint inside pwsh) against the Node CLI's whole process, measured
 * side by side: for each size, the CLI runs interleaved with fresh pwsh sessions.
 */
export function inProcessRows(
  sizes: readonly number[],
  sessions: number,
  warmCalls: number,
  steady: { after: number; calls: number },
): Row[] {
  const rows: Row[] = [];
  for (const sites of sizes) {
    const folder = snapshotInput(sites);
    const cliArgs = [BUNDLE, 'test', '--snapshot', folder, '--format', 'json', '--log-format', 'json'];
    timeSpawn(process.execPath, cliArgs);
    const cli: number[] = [];
    const samples: InProcessSample[] = [];
    for (let session = 0; session < sessions; session++) {
      samples.push(inProcessSession(ROOT, folder, warmCalls, steady.after, steady.calls));
      for (let run = 0; run < warmCalls; run++) cli.push(timeSpawn(process.execPath, cliArgs));
    }
    const node = summarize(cli);
    const cold = summarize(samples.map((sample) => sample.assembliesMs + sample.prepareMs + sample.firstCallMs));
    const phase = (pick: (sample: InProcessSample) => number) => summarize(samples.map(pick)).median.toFixed(0);
    /** A later call in the same session, held to the Node CLI's whole process. */
    const againstNode = (kind: string, value: Sample, note: string): Row => ({
      id: 'P4',
      label: `in-process ${kind}, ${sites} sites`,
      value,
      unit: 'ms',
      floor: node,
      ratio: value.median / node.median,
      target: '<= node CLI',
      pass: value.median <= node.median,
      note,
    });
    const firstSteady = warmCalls + steady.after + 2;
    rows.push(
      { id: 'P4', label: `node CLI whole process, \`test\`, ${sites} sites`, value: node, unit: 'ms' },
      {
        id: 'P4',
        label: `in-process cold, ${sites} sites`,
        value: cold,
        unit: 'ms',
        floor: node,
        ratio: cold.median / node.median,
        target: `<= ${TARGETS.inProcessColdMs} ms`,
        pass: cold.median <= TARGETS.inProcessColdMs,
        note: `Jint + Acornima load ${phase((sample) => sample.assembliesMs)} ms, bundle prepared ${phase((sample) => sample.prepareMs)} ms, first judgement ${phase((sample) => sample.firstCallMs)} ms (Import-Module ${phase((sample) => sample.importMs)} ms, not counted)`,
      },
      againstNode(
        'warm',
        summarize(samples.flatMap((sample) => sample.warmMs)),
        `${sessions} pwsh sessions x ${warmCalls} calls after the first`,
      ),
      againstNode(
        'steady',
        summarize(samples.flatMap((sample) => sample.steadyMs)),
        `calls ${firstSteady} to ${firstSteady + steady.calls - 1} of the same sessions, once .NET has recompiled Jint's hot paths`,
      ),
    );
  }
  return rows;
}

export function cliHasReport(): boolean {
  const help = spawnSync(process.execPath, [BUNDLE, '--help'], { encoding: 'utf8' });
  return /^\s+report\b/m.test(help.stdout ?? '');
}

export async function fleetThroughput(count: number, repetitions: number): Promise<FleetResult> {
  const { folder, summary } = fleetInput(count);
  const hostFolders = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(folder, entry.name))
    .sort();
  const hosts = hostFolders.length;
  const useCli = cliHasReport();
  const mode: FleetResult['mode'] = useCli ? 'cli report' : 'in-process engine';
  const cores = cpus().length;
  const perSecond: number[] = [];
  const floorPerSecond: number[] = [];
  const parallelPerSecond: number[] = [];
  for (let run = 0; run < repetitions; run++) {
    // One process per core, each given every n-th snapshot folder: what an administrator can do
    // today by splitting the fleet, and what a parallel `report` would reach.
    const share = (index: number) => hostFolders.filter((_, position) => position % cores === index);
    const parallelMs = useCli
      ? await timeParallel((index) => [BUNDLE, 'report', ...share(index), '--format', 'json'], cores, [0, 1, 3])
      : await timeParallel((index) => [WORKER, 'fleet', folder, `${index}/${cores}`], cores, [0]);
    parallelPerSecond.push(hosts / (parallelMs / 1000));
    // The floor runs in one process too, start-up included, so the two compare like for like.
    floorPerSecond.push(hosts / (timeSpawn(process.execPath, [WORKER, 'xmlfloor', folder], [0]) / 1000));
    if (useCli) {
      perSecond.push(
        hosts / (timeSpawn(process.execPath, [BUNDLE, 'report', folder, '--format', 'json'], [0, 1, 3]) / 1000),
      );
    } else {
      const result = runWorker(['fleet', folder]);
      perSecond.push((result['snapshots'] as number) / (result.ms / 1000));
    }
  }
  const note = useCli
    ? `\`report --format json\` through the bundle, whole process; ${summary.sites.toLocaleString('en-US')} sites, ${summary.truncated} broken snapshots`
    : `no \`report\` command: loadSnapshotFolder + judgeSnapshot in one process; ${summary.sites.toLocaleString('en-US')} sites, ${summary.truncated} broken snapshots`;
  const value = summarize(perSecond);
  const floor = summarize(floorPerSecond);
  const parallel = summarize(parallelPerSecond);
  return {
    mode,
    rows: [
      {
        id: 'P3',
        label: `saxes parse of the fleet's files (floor)`,
        value: floor,
        unit: '/s',
        note: 'one process: read + decode every file, bare saxes over every XML file',
      },
      {
        id: 'P3',
        label: `fleet of ${hosts.toLocaleString('en-US')} snapshots (${mode})`,
        value,
        unit: '/s',
        ratio: floor.median / value.median,
        target: `>= ${TARGETS.fleetSnapshotsPerSecond}/s`,
        pass: value.median >= TARGETS.fleetSnapshotsPerSecond,
        note,
      },
      {
        id: 'P3',
        label: `the same fleet split over ${cores} processes`,
        value: parallel,
        unit: '/s',
        target: `>= ${TARGETS.fleetSnapshotsPerSecond}/s`,
        pass: parallel.median >= TARGETS.fleetSnapshotsPerSecond,
        note: `${useCli ? '`report --format json`' : 'loadSnapshotFolder + judgeSnapshot'} in ${cores} processes at once, each given every ${cores === 2 ? 'other' : `${cores}th`} snapshot folder, start-up included`,
      },
    ],
  };
}

export function bundleRows(): Row[] {
  const bytes = readFileSync(BUNDLE);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const kib = (n: number) => ({ median: n / 1024, p25: n / 1024, p75: n / 1024, runs: 1 });
  return [
    { id: 'size', label: 'dist/iis-logon-rights.cjs', value: kib(bytes.length), unit: 'KiB' },
    { id: 'size', label: 'dist/iis-logon-rights.cjs, gzip -9', value: kib(gzip), unit: 'KiB' },
  ];
}
