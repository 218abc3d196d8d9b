/** Timing child processes and the bench worker. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, ROOT, WORKER } from './common';

// ---------------------------------------------------------------------------------------------
// Processes

/**
 * Wall-clock time of one process, spawn to exit. `test` exits 1 when a finding is out of the
 * desired state and `report` 3 when a snapshot could not be loaded; those are expected here.
 */
export function timeSpawn(
  command: string,
  args: readonly string[],
  expectedExitCodes: readonly number[] = [0, 1],
): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  if (result.status === null || !expectedExitCodes.includes(result.status))
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return ms;
}

export interface WorkerResult {
  ms: number;
  peakRssMiB: number;
  [detail: string]: unknown;
}

export function runWorker(args: readonly string[], nodeOptions: readonly string[] = []): WorkerResult {
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
export async function timeParallel(
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

export function buildWorker(): void {
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
