/** What every part of `npm run bench` shares: paths, targets, a table row, statistics. */
import { join } from 'node:path';
import { GENERATOR_VERSION } from '../generate';

/** The repository: this file is bench/run/common.ts. */
export const ROOT = join(__dirname, '..', '..');
export const BUNDLE = join(ROOT, 'dist', 'iis-logon-rights.cjs');
export const CACHE = join(ROOT, 'bench', '.cache');
export const INPUTS = join(CACHE, `inputs-v${GENERATOR_VERSION}`);
export const WORKER = join(CACHE, 'worker.cjs');

export const TARGETS = {
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

export interface Sample {
  median: number;
  p25: number;
  p75: number;
  runs: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function summarize(values: readonly number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    runs: values.length,
  };
}

export interface Row {
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

export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
