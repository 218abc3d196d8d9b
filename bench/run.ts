/**
 * `npm run bench`: measures the engine against the floors that bound it, in one run, and prints
 * one table (BENCHMARKS.md explains every row). Ratios against a floor measured in the same run
 * are the numbers to read: absolute times move with the machine and its load.
 *
 * Options: --quick (fewer repetitions, no 100,000-site case; for trying changes),
 *          --sizes 1000,10000,100000, --json <file> (also write the raw results).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { GENERATOR_VERSION, machineSidFor, writeFleet, writeSnapshot, type FleetSummary } from './generate';
import { inProcessSession, type InProcessSample } from './in-process';
import { largeInputRows } from './large';
import { naiveScriptRows } from './naive';

const ROOT = dirname(__dirname);
const BUNDLE = join(ROOT, 'dist', 'iis-logon-rights.cjs');
const CACHE = join(ROOT, 'bench', '.cache');
const INPUTS = join(CACHE, `inputs-v${GENERATOR_VERSION}`);
const WORKER = join(CACHE, 'worker.cjs');

const TARGETS = {
  coldStartRatio: 1.3,
  /** Issue 15 item 7: the engine within 2x a bare saxes parse, and peak memory within 2x its. */
  engineOverParse: 2,
  memoryOverParse: 2,
  growth10kTo100k: 11,
  fleetSnapshotsPerSecond: 500,
  /** In-process cold (Jint and the bundle loaded, first judgement), ms. */
  inProcessColdMs: 1500,
};

// ---------------------------------------------------------------------------------------------
// Statistics

interface Sample {
  median: number;
  p25: number;
  p75: number;
  runs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

function summarize(values: readonly number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    runs: values.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Processes

/**
 * Wall-clock time of one process, spawn to exit. `test` exits 1 when a finding is out of the
 * desired state and `report` 3 when a snapshot could not be loaded; those are expected here.
 */
function timeSpawn(command: string, args: readonly string[], expectedExitCodes: readonly number[] = [0, 1]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  if (result.status === null || !expectedExitCodes.includes(result.status))
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return ms;
}

interface WorkerResult {
  ms: number;
  peakRssMiB: number;
  [detail: string]: unknown;
}

function runWorker(args: readonly string[], nodeOptions: readonly string[] = []): WorkerResult {
  const result = spawnSync(process.execPath, [...nodeOptions, WORKER, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(`worker ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return JSON.parse(result.stdout.toString()) as WorkerResult;
}

/** Wall-clock time of n node processes started together (one per core), start to last exit. */
async function timeParallel(
  argsFor: (index: number) => readonly string[],
  processes: number,
  expectedExitCodes: readonly number[],
): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from(
      { length: processes },
      (_, index) =>
        new Promise<void>((resolvePromise, reject) => {
          const child = spawn(process.execPath, [...argsFor(index)], { stdio: ['ignore', 'ignore', 'pipe'] });
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
          });
          child.on('error', reject);
          child.on('exit', (code) =>
            code !== null && expectedExitCodes.includes(code)
              ? resolvePromise()
              : reject(new Error(`${argsFor(index).slice(0, 3).join(' ')} ... exited ${code}: ${stderr}`)),
          );
        }),
    ),
  );
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function buildWorker(): void {
  // The same esbuild settings as the CLI bundle (build.mjs), so the measured code is the shipped code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  mkdirSync(CACHE, { recursive: true });
  esbuild.buildSync({
    entryPoints: [join(ROOT, 'bench', 'worker.ts')],
    outfile: WORKER,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    define: { IIS_LOGON_RIGHTS_VERSION: '"bench"' },
    logLevel: 'warning',
  });
}

// ---------------------------------------------------------------------------------------------
// Inputs, generated once and cached (bench/.cache is gitignored).

/** Inputs of older generator versions are never read again; they can be hundreds of MiB. */
function removeStaleInputs(): void {
  if (!existsSync(CACHE)) return;
  for (const entry of readdirSync(CACHE)) {
    if (/^inputs-v\d+$/.test(entry) && join(CACHE, entry) !== INPUTS)
      rmSync(join(CACHE, entry), { recursive: true, force: true });
  }
}

function cached(name: string, generate: (folder: string) => void): string {
  const folder = join(INPUTS, name);
  const done = join(folder, '.complete');
  if (existsSync(done)) return folder;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const start = Date.now();
  generate(folder);
  writeFileSync(done, new Date().toISOString());
  log(`generated ${name} in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return folder;
}

function snapshotInput(sites: number): string {
  return cached(`snapshot-${sites}`, (folder) =>
    writeSnapshot(folder, { sites, profile: 'mixed', host: 'WEB01', machineSid: machineSidFor(sites) }, sites),
  );
}

function fleetInput(count: number): { folder: string; summary: FleetSummary } {
  let summary: FleetSummary | undefined;
  const folder = cached(`fleet-${count}`, (target) => {
    summary = writeFleet(target, count, 7);
    writeFileSync(join(target, '.summary.json'), JSON.stringify(summary));
  });
  summary ??= JSON.parse(readFileSync(join(folder, '.summary.json'), 'utf8')) as FleetSummary;
  return { folder, summary };
}

// ---------------------------------------------------------------------------------------------
// The cases

interface Row {
  id: string;
  label: string;
  value: Sample | null;
  unit: 'ms' | '/s' | 'x' | 'KiB';
  floor?: Sample;
  ratio?: number;
  peakRssMiB?: number;
  target?: string;
  pass?: boolean;
  note?: string;
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function coldStart(repetitions: number): Row[] {
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

interface SizeResult {
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

function engineAtSize(sites: number, repetitions: number): SizeResult {
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

function engineRows(results: readonly SizeResult[]): Row[] {
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

interface FleetResult {
  rows: Row[];
  mode: 'cli report' | 'in-process engine';
}

/**
 * P4: the in-process host (Jint inside pwsh) against the Node CLI's whole process, measured
 * side by side: for each size, the CLI runs interleaved with fresh pwsh sessions.
 */
function inProcessRows(
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

function cliHasReport(): boolean {
  const help = spawnSync(process.execPath, [BUNDLE, '--help'], { encoding: 'utf8' });
  return /^\s+report\b/m.test(help.stdout ?? '');
}

async function fleetThroughput(count: number, repetitions: number): Promise<FleetResult> {
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

function bundleRows(): Row[] {
  const bytes = readFileSync(BUNDLE);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const kib = (n: number) => ({ median: n / 1024, p25: n / 1024, p75: n / 1024, runs: 1 });
  return [
    { id: 'size', label: 'dist/iis-logon-rights.cjs', value: kib(bytes.length), unit: 'KiB' },
    { id: 'size', label: 'dist/iis-logon-rights.cjs, gzip -9', value: kib(gzip), unit: 'KiB' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Output

function formatNumber(value: number, unit: Row['unit']): string {
  if (unit === 'x') return `${value.toFixed(2)}x`;
  if (unit === '/s') return `${value.toFixed(0)}/s`;
  if (unit === 'KiB') return `${value.toFixed(1)} KiB`;
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

function formatTable(rows: readonly Row[]): string {
  const header = [
    'case',
    '',
    'median',
    'spread (IQR)',
    'runs',
    'floor',
    'ratio',
    'peak RSS',
    'target',
    'result',
    'notes',
  ];
  const lines = rows.map((row) => [
    row.id,
    row.label,
    row.value ? formatNumber(row.value.median, row.unit) : '',
    row.value && row.value.runs > 1
      ? `${formatNumber(row.value.p25, row.unit)} - ${formatNumber(row.value.p75, row.unit)}`
      : '',
    row.value ? String(row.value.runs) : '',
    row.floor ? formatNumber(row.floor.median, 'ms') : '',
    row.ratio !== undefined ? `${row.ratio.toFixed(2)}x` : '',
    row.peakRssMiB !== undefined ? `${row.peakRssMiB.toFixed(0)} MiB` : '',
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL',
    row.note ?? '',
  ]);
  const table = [header, ...lines];
  const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  const render = (line: readonly string[]) =>
    `| ${line.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [render(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...lines.map(render)].join(
    '\n',
  );
}

function machineLine(nodeFloorMs: number | undefined): string {
  const cpu = cpus();
  const parts = [
    `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'})`,
    `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`,
    `Node ${process.version}`,
    `load average at start ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  ];
  if (nodeFloorMs !== undefined) parts.push(`node -e 0 ${nodeFloorMs.toFixed(1)} ms`);
  return parts.join(', ');
}

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
