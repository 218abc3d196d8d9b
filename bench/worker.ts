/**
 * One measurement per process, so every run is cold (as the CLI is: one engine call per process)
 * and peak RSS belongs to that one case. bench/run.ts bundles this file with esbuild, with the
 * same target as the CLI bundle, and spawns it; it prints one JSON line.
 *
 *   worker.cjs floor  <file> bare|empty   read + decode + saxes parse of one XML file
 *   worker.cjs engine <folder>            loadSnapshotFolder + judgeSnapshot
 *   worker.cjs fleet  <folder>            the same for every snapshot folder inside <folder>
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { InputError } from '../src/core/errors';
import { judgeSnapshot } from '../src/core/judge';
import { loadSnapshotFolder } from '../src/io/snapshot';
import { decodeText } from '../src/parse/decode';

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

function engine(folder: string): Measurement {
  const start = process.hrtime.bigint();
  const snapshot = loadSnapshotFolder(folder);
  const loadMs = elapsedMs(start);
  const judged = judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] });
  const ms = elapsedMs(start);
  return { ms, loadMs, judgeMs: ms - loadMs, peakRssMiB: peakRssMiB(), scopes: snapshot.iis.scopes.length, findings: judged.evaluation.findings.length, statuses: countStatuses(judged.evaluation.findings) };
}

function countStatuses(findings: readonly { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const finding of findings) counts[finding.status] = (counts[finding.status] ?? 0) + 1;
  return counts;
}

/** The in-process fleet run: every snapshot judged, a broken one counted and skipped. */
function fleet(folder: string): Measurement {
  const hosts = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
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
  if (target === undefined) throw new Error('usage: worker.cjs floor <file> bare|empty | engine <folder> | fleet <folder>');
  let result: Measurement;
  if (mode === 'floor') result = floor(target, variant ?? 'bare');
  else if (mode === 'engine') result = engine(target);
  else if (mode === 'fleet') result = fleet(target);
  else throw new Error(`unknown mode ${String(mode)}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2));
