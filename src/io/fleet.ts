import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import type { FailedSnapshot, SnapshotOutcome } from '../core/fleet';
import { compareText } from '../core/fleet';
import { judgeSnapshot, type JudgeOptions } from '../core/judge';
import { loadSnapshotFolder, SNAPSHOT_FILES } from './snapshot';

/** A path to load as one snapshot, or an argument that already failed to be found. */
export type FleetEntry = { kind: 'snapshot'; path: string } | FailedSnapshot;

const SNAPSHOT_FILE_NAMES = new Set(SNAPSHOT_FILES.map((file) => file.toLowerCase()));

/**
 * Turns `report` arguments into snapshots to load, in argument order. An argument is a snapshot
 * when it is a file (a facts .json) or a folder holding secedit.inf (case-insensitively);
 * otherwise it is a folder of snapshot folders, whose subfolders (sorted by name, hidden ones
 * skipped) are the snapshots. A folder with, say, applicationHost.config but no secedit.inf is a
 * collection that went wrong: it counts as a snapshot, so it fails loudly with the loader's
 * message instead of vanishing from the report. Subfolders with no snapshot file at all are
 * ignored. An argument that is missing, unreadable or holds no snapshot fails by name. The same
 * folder named twice is judged once.
 */
export function discoverSnapshots(args: readonly string[]): FleetEntry[] {
  const entries: FleetEntry[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ kind: 'snapshot', path });
  };
  for (const arg of args) {
    const listing = listFolder(arg);
    if (listing instanceof InputError) {
      entries.push({ kind: 'failed', name: arg, error: listing.message });
      continue;
    }
    if (listing === 'file' || holdsSnapshotFile(listing)) {
      add(arg);
      continue;
    }
    const children = listing.filter((name) => !name.startsWith('.')).sort(compareText);
    let found = 0;
    for (const child of children) {
      const path = join(arg, child);
      const inner = listFolder(path);
      if (inner === 'file' || inner instanceof InputError) continue;
      if (holdsSnapshotFile(inner)) {
        add(path);
        found++;
      }
    }
    if (found === 0) {
      const what = `no snapshot in it (${children.length === 0 ? 'an empty folder' : `${children.length} entr${children.length === 1 ? 'y' : 'ies'}, none a snapshot folder`})`;
      entries.push({ kind: 'failed', name: arg, error: new InputError(arg, {}, 'a snapshot folder (with secedit.inf) or a folder of snapshot folders', what).message });
    }
  }
  return entries;
}

/**
 * Snapshot folders are recognised by secedit.inf; a folder with another snapshot file but no
 * secedit.inf is a collection that went wrong, kept so the loader names what is missing.
 */
function holdsSnapshotFile(names: readonly string[]): boolean {
  return names.some((name) => SNAPSHOT_FILE_NAMES.has(name.toLowerCase()));
}

/** Names in a folder; 'file' for a file; an InputError when it is missing or unreadable. */
function listFolder(path: string): string[] | 'file' | InputError {
  try {
    if (!statSync(path).isDirectory()) return 'file';
    return readdirSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const found = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' || code === 'EPERM' ? 'a folder this user may not read' : error instanceof Error ? error.message : String(error);
    return new InputError(path, {}, 'a snapshot folder or a folder of snapshot folders', found);
  }
}

export interface FleetOptions extends JudgeOptions {
  /** Keep each snapshot's policy projection, which explanations need (JUnit); costs memory. */
  keepPolicy: boolean;
}

/**
 * Loads and judges each snapshot in turn. A snapshot whose files are invalid (InputError) is
 * recorded with its message and the others go on; any other error is a defect and propagates.
 */
export function judgeFleet(entries: readonly FleetEntry[], options: FleetOptions, onProgress?: (done: number, total: number, name: string) => void): SnapshotOutcome[] {
  const outcomes: SnapshotOutcome[] = [];
  for (const [index, entry] of entries.entries()) {
    outcomes.push(judgeFleetEntry(entry, options));
    onProgress?.(index + 1, entries.length, entry.kind === 'failed' ? entry.name : entry.path);
  }
  return outcomes;
}

/** Loads and judges one entry; an InputError becomes a failed outcome, any other error propagates. */
export function judgeFleetEntry(entry: FleetEntry, options: FleetOptions): SnapshotOutcome {
  if (entry.kind === 'failed') return entry;
  try {
    const snapshot = loadSnapshotFolder(entry.path);
    const { evaluation, policy } = judgeSnapshot(snapshot, options);
    return { kind: 'judged', name: snapshot.name, host: snapshot.host, evaluation, policy: options.keepPolicy ? policy : null };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { kind: 'failed', name: entry.path, error: error.message };
  }
}
