import { readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import { ARTIFACT_SIZE_LIMITS, formatBytes, type ArtifactKind } from '../core/limits';
import type { Snapshot } from '../core/model';
import { describeFileSystemError, loadSnapshotFolder as loadSnapshotFolderWith, readLimited as readLimitedWith, type FileAccess } from './facts';

// The Node side of snapshot loading: node:fs and node:path behind the FileAccess that the pure
// loaders in facts.ts use (the in-process host inside PowerShell passes .NET's instead).
export { loadFactsDocument, loadFactsValue, SNAPSHOT_FILES, type SnapshotFileName } from './facts';

export const NODE_FILES: FileAccess = {
  stat(path) {
    try {
      const stat = statSync(path);
      return { kind: stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other', size: stat.size };
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  list: (folder) => readdirSync(folder),
  read: (path) => readFileSync(path),
  resolve: (path) => resolve(path),
  join: (folder, name) => join(folder, name),
  basename: (path) => basename(path),
};

export function loadSnapshotFolder(folder: string): Snapshot {
  return loadSnapshotFolderWith(NODE_FILES, folder);
}

/** Checks the size limit before reading, so a huge file is refused without loading it. */
export function readLimited(path: string, kind: ArtifactKind): Uint8Array {
  return readLimitedWith(NODE_FILES, path, kind);
}

/**
 * Reads a stream such as stdin up to the artifact's limit and refuses it as soon as it goes
 * over, so an endless or huge input costs at most the limit in memory (readFileSync(0) would
 * read it all first).
 */
export function readLimitedStream(fd: number, label: string, kind: ArtifactKind): Buffer {
  const limit = ARTIFACT_SIZE_LIMITS[kind];
  const buffer = Buffer.allocUnsafe(64 * 1024);
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Windows reports the end of a pipe as an error; a non-blocking stdin has no data yet.
      if (code === 'EOF') break;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw new InputError(label, {}, 'readable input', describeFileSystemError(error));
    }
    if (read === 0) break;
    total += read;
    if (total > limit) throw new InputError(label, {}, `input of at most ${formatBytes(limit)}`, 'more (reading stopped there)');
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
  return Buffer.concat(chunks, total);
}

