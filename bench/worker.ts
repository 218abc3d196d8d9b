/**
 * One measurement per process, so every run is cold (as the CLI is: one engine call per process)
 * and peak RSS belongs to that one case. bench/run.ts bundles this file with esbuild, with the
 * same target as the CLI bundle, and spawns it; it prints one JSON line.
 *
 *   worker.cjs floor  <file> bare|empty   read + decode + saxes parse of one XML file
 *   worker.cjs engine <folder>            loadSnapshotFolder + judgeSnapshot
 *   worker.cjs fleet  <folder> [i/n]      the same for every snapshot folder inside <folder>
 *                                         (with i/n: only every n-th one from the i-th, so n
 *                                         processes can split a fleet between cores)
 *   worker.cjs phases <folder>            one cold `test --format json`, timed phase by phase
 *   worker.cjs xmlfloor <folder>...       read + decode + bare saxes parse of every snapshot's
 *                                         XML files, and read + decode of the rest
 */
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { InputError } from '../src/core/errors';
import { judgeSnapshot } from '../src/core/judge-snapshot';
import { NODE_CODEC } from '../src/io/node-codec';
import { loadSnapshotFolder } from '../src/io/snapshot';
import { tuneV8ForTheEngine } from '../src/io/v8-tuning';
import { withNativeCodec } from '../src/core/text-codec';
import { decodeText } from '../src/parse/decode';
import { buildResultDocument } from '../src/render/result-document';

interface Measurement {
  ms: number;
  /** Peak resident set size of this process, in MiB. */
  peakRssMiB: number;
  [detail: string]: unknown;
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * The floor: what any strict XML audit of this file must at least do. `bare` registers no
 * handler at all; `empty` registers no-op opentag/closetag/text handlers (saxes then also
 * delivers every tag and text node). Position tracking is on in both, as the engine uses it.
 */
function floor(file: string, variant: string): Measurement {
  const start = process.hrtime.bigint();
  const text = decodeText(readFileSync(file), file).text;
  const parser = new SaxesParser({ position: true });
  let tags = 0;
  if (variant === 'empty') {
    parser.on('opentag', () => {
      tags++;
    });
    parser.on('closetag', () => undefined);
    parser.on('text', () => undefined);
  } else if (variant !== 'bare') {
    throw new Error(`unknown floor variant ${variant}`);
  }
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(text).close();
  return { ms: elapsedMs(start), peakRssMiB: peakRssMiB(), tags, bytes: text.length };
}

/** Bare saxes with the options the engine's parser for that file uses (gpresult needs namespaces). */
function bareParse(text: string, namespaces: boolean): void {
  const parser = new SaxesParser({ position: true, xmlns: namespaces });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(text).close();
}

/**
 * The floor of loading whole snapshots: every file read and decoded, every XML file parsed by
 * bare saxes. A snapshot folder may be given, or a folder of snapshot folders (a fleet). A
 * broken file counts as parsed up to its error, as the engine stops there too.
 */
function xmlFloor(targets: readonly string[]): Measurement {
  const start = process.hrtime.bigint();
  let snapshots = 0;
  for (const target of targets) {
    const entries = readdirSync(target, { withFileTypes: true });
    const folders = entries.some((entry) => entry.isFile() && entry.name === 'secedit.inf')
      ? [target]
      : entries
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(target, entry.name))
          .sort();
    for (const folder of folders) {
      snapshots++;
      for (const file of readdirSync(folder)) {
        const text = decodeText(readFileSync(join(folder, file)), file).text;
        try {
          if (file === 'applicationHost.config' || file === 'MetaBase.xml') bareParse(text, false);
          else if (file === 'gpresult.xml') bareParse(text, true);
        } catch {
          // A truncated file: the engine reports it and moves on, and so does the floor.
        }
      }
    }
  }
  return { ms: elapsedMs(start), startupMs: performance.now() - elapsedMs(start), peakRssMiB: peakRssMiB(), snapshots };
}

function engine(folder: string): Measurement {
  const start = process.hrtime.bigint();
  const snapshot = loadSnapshotFolder(folder);
  const loadMs = elapsedMs(start);
  const judged = judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] });
  const ms = elapsedMs(start);
  return {
    ms,
    loadMs,
    judgeMs: ms - loadMs,
    peakRssMiB: peakRssMiB(),
    scopes: snapshot.iis.scopes.length,
    findings: judged.evaluation.findings.length,
    statuses: countStatuses(judged.evaluation.findings),
  };
}

/**
 * Where a cold `test` spends its time, in the order the CLI does the work: start-up (Node's
 * bootstrap plus compiling and initialising this bundle), loading and parsing the snapshot,
 * judging, and rendering the JSON result.
 */
function phases(folder: string): Measurement {
  const startupMs = performance.now();
  let mark = process.hrtime.bigint();
  const lap = () => {
    const ms = elapsedMs(mark);
    mark = process.hrtime.bigint();
    return ms;
  };
  const snapshot = loadSnapshotFolder(folder);
  const loadMs = lap();
  const judged = judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] });
  const judgeMs = lap();
  const output = `${JSON.stringify(buildResultDocument(snapshot.name, judged.evaluation, []), null, 2)}\n`;
  const renderMs = lap();
  return {
    ms: performance.now(),
    startupMs,
    loadMs,
    judgeMs,
    renderMs,
    peakRssMiB: peakRssMiB(),
    outputBytes: output.length,
  };
}

function countStatuses(findings: readonly { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const finding of findings) counts[finding.status] = (counts[finding.status] ?? 0) + 1;
  return counts;
}

/** The in-process fleet run: every snapshot judged, a broken one counted and skipped. */
function fleet(folder: string, shard = '0/1'): Measurement {
  const [index, count] = shard.split('/').map(Number) as [number, number];
  const hosts = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .filter((_, position) => position % count === index);
  const start = process.hrtime.bigint();
  let failed = 0;
  let outOfDesiredState = 0;
  let findings = 0;
  for (const host of hosts) {
    try {
      const judged = judgeSnapshot(loadSnapshotFolder(join(folder, host)), { ruleSet: 'documented', withGpo: [] });
      findings += judged.evaluation.findings.length;
      if (!judged.evaluation.inDesiredState) outOfDesiredState++;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed++;
    }
  }
  const ms = elapsedMs(start);
  return { ms, peakRssMiB: peakRssMiB(), snapshots: hosts.length, failed, outOfDesiredState, findings };
}

function main(argv: readonly string[]): void {
  const [mode, target, variant] = argv;
  if (target === undefined)
    throw new Error(
      'usage: worker.cjs floor <file> bare|empty | engine <folder> | fleet <folder> | phases <folder> | xmlfloor <folder>...',
    );
  let result: Measurement;
  // The engine runs as the CLI runs it (cli.ts tunes V8 first); the floors run on V8's defaults.
  if (mode === 'engine' || mode === 'fleet' || mode === 'phases') tuneV8ForTheEngine();
  if (mode === 'floor') result = floor(target, variant ?? 'bare');
  else if (mode === 'engine') result = engine(target);
  else if (mode === 'fleet') result = fleet(target, variant);
  else if (mode === 'phases') result = phases(target);
  else if (mode === 'xmlfloor') result = xmlFloor(argv.slice(1));
  else throw new Error(`unknown mode ${String(mode)}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// The CLI decodes with Node's own decoders (cli.ts); the engine and every floor here do too.
withNativeCodec(NODE_CODEC, () => main(process.argv.slice(2)));
