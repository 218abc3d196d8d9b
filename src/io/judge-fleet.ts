import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import type { FailedSnapshot, SnapshotOutcome } from '../core/fleet-summary';
import { compareText } from '../core/fleet-summary';
import { judgeSnapshot, type JudgeOptions } from '../core/judge-snapshot';
import { loadSnapshotFolder, SNAPSHOT_FILES, type LoadOptions } from './snapshot';

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
 * ignored; a subfolder that cannot be listed, or whose name is not valid UTF-8 (so it cannot be
 * named in the report), is listed as failed, because it may be a host. An argument that is
 * missing, unreadable or holds no snapshot fails by name. The same folder named twice is judged
 * once.
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
  const fail = (name: string, error: InputError) => entries.push({ kind: 'failed', name, error: error.message });
  for (const arg of args) {
    const listing = listFolder(arg);
    if (listing instanceof InputError) {
      fail(arg, listing);
      continue;
    }
    if (listing === 'file' || holdsSnapshotFile(listing.map((name) => name.toString('utf8')))) {
      add(arg);
      continue;
    }
    const children = listing.filter((name) => name[0] !== DOT).map((name) => ({ raw: name, text: utf8Name(name) }));
    children.sort((a, b) => compareText(a.text ?? a.raw.toString('latin1'), b.text ?? b.raw.toString('latin1')));
    let found = 0;
    for (const child of children) {
      if (child.text === undefined) {
        // Node paths are strings, so a name that is not UTF-8 cannot be opened by its decoded text.
        const shown = join(arg, escapeBytes(child.raw));
        fail(
          shown,
          new InputError(
            shown,
            {},
            'a folder name in UTF-8',
            'a name that is not valid UTF-8 (rename the folder to judge it)',
          ),
        );
        found++;
        continue;
      }
      const path = join(arg, child.text);
      const inner = listFolder(path);
      if (inner === 'file') continue;
      if (inner instanceof InputError) {
        fail(path, inner);
        found++;
      } else if (holdsSnapshotFile(inner.map((name) => name.toString('utf8')))) {
        add(path);
        found++;
      }
    }
    if (found === 0) {
      const what = `no snapshot in it (${children.length === 0 ? 'an empty folder' : `${children.length} entr${children.length === 1 ? 'y' : 'ies'}, none a snapshot folder`})`;
      fail(arg, new InputError(arg, {}, 'a snapshot folder (with secedit.inf) or a folder of snapshot folders', what));
    }
  }
  return entries;
}

const DOT = 0x2e;

/** The name as text when its bytes are valid UTF-8, else undefined. */
function utf8Name(raw: Buffer): string | undefined {
  const text = raw.toString('utf8');
  return Buffer.byteLength(text, 'utf8') === raw.length && Buffer.from(text, 'utf8').equals(raw) ? text : undefined;
}

/** A byte name for a message: ASCII as is, every other byte as \xNN. */
function escapeBytes(raw: Buffer): string {
  let text = '';
  for (const byte of raw)
    text +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`;
  return text;
}

/**
 * Snapshot folders are recognised by secedit.inf; a folder with another snapshot file but no
 * secedit.inf is a collection that went wrong, kept so the loader names what is missing.
 */
function holdsSnapshotFile(names: readonly string[]): boolean {
  return names.some((name) => SNAPSHOT_FILE_NAMES.has(name.toLowerCase()));
}

/** Names in a folder, as bytes; 'file' for anything else; an InputError when it is missing or unreadable. */
function listFolder(path: string): Buffer[] | 'file' | InputError {
  try {
    if (!statSync(path).isDirectory()) return 'file';
    return readdirSync(path, { encoding: 'buffer' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const found =
      code === 'ENOENT'
        ? 'no such file or folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'a folder this user may not read'
          : error instanceof Error
            ? error.message.replace(/\s+/g, ' ')
            : String(error);
    return new InputError(path, {}, 'a snapshot folder or a folder of snapshot folders', found);
  }
}

export interface FleetOptions extends JudgeOptions, LoadOptions {
  /** Keep each snapshot's policy projection, which explanations need (JUnit); costs memory. */
  keepPolicy: boolean;
}

/**
 * Loads and judges each snapshot in turn. A snapshot that fails, whatever the reason, is
 * recorded with its message and the others go on.
 */
export function judgeFleet(
  entries: readonly FleetEntry[],
  options: FleetOptions,
  onProgress?: (done: number, total: number, name: string) => void,
): SnapshotOutcome[] {
  const outcomes: SnapshotOutcome[] = [];
  judgeFleetEach(entries, options, (outcome) => outcomes.push(outcome), onProgress);
  return outcomes;
}

/** The same, handing each outcome on as soon as it is judged, so none has to be kept. */
export function judgeFleetEach(
  entries: readonly FleetEntry[],
  options: FleetOptions,
  onOutcome: (outcome: SnapshotOutcome) => void,
  onProgress?: (done: number, total: number, name: string) => void,
): void {
  for (const [index, entry] of entries.entries()) {
    onOutcome(judgeFleetEntry(entry, options));
    onProgress?.(index + 1, entries.length, entry.kind === 'failed' ? entry.name : entry.path);
  }
}

/**
 * Loads and judges one entry. An InputError becomes a failed outcome; so does any other error
 * (a defect, or the stack or heap running out on one odd snapshot), named as a defect, so that
 * one snapshot never costs the report the others.
 */
export function judgeFleetEntry(entry: FleetEntry, options: FleetOptions): SnapshotOutcome {
  if (entry.kind === 'failed') return entry;
  try {
    const snapshot = loadSnapshotFolder(entry.path, options);
    const { evaluation, policy } = judgeSnapshot(snapshot, options);
    return {
      kind: 'judged',
      name: snapshot.name,
      host: snapshot.host,
      evaluation,
      policy: options.keepPolicy ? policy : null,
    };
  } catch (error) {
    if (error instanceof InputError) return { kind: 'failed', name: entry.path, error: error.message };
    return { kind: 'failed', name: entry.path, error: defectMessage(entry.path, error) };
  }
}

/** The failed outcome's message for an error that is not the input's fault. */
export function defectMessage(path: string, error: unknown): string {
  const detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300);
  return `${path}: internal error while judging this snapshot: ${detail} (a defect in iis-logon-rights; please report it with this snapshot)`;
}
