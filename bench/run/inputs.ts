/** Benchmark inputs, generated once and cached (bench/.cache is gitignored). */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineSidFor, writeFleet, writeSnapshot, type FleetSummary } from '../generate';
import { CACHE, INPUTS, log } from './common';

/** Inputs of older generator versions are never read again; they can be hundreds of MiB. */
export function removeStaleInputs(): void {
  if (!existsSync(CACHE)) return;
  for (const entry of readdirSync(CACHE)) {
    if (/^inputs-v\d+$/.test(entry) && join(CACHE, entry) !== INPUTS)
      rmSync(join(CACHE, entry), { recursive: true, force: true });
  }
}

export function cached(name: string, generate: (folder: string) => void): string {
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

export function snapshotInput(sites: number): string {
  return cached(`snapshot-${sites}`, (folder) =>
    writeSnapshot(folder, { sites, profile: 'mixed', host: 'WEB01', machineSid: machineSidFor(sites) }, sites),
  );
}

export function fleetInput(count: number): { folder: string; summary: FleetSummary } {
  let summary: FleetSummary | undefined;
  const folder = cached(`fleet-${count}`, (target) => {
    summary = writeFleet(target, count, 7);
    writeFileSync(join(target, '.summary.json'), JSON.stringify(summary));
  });
  summary ??= JSON.parse(readFileSync(join(folder, '.summary.json'), 'utf8')) as FleetSummary;
  return { folder, summary };
}
