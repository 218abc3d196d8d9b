import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ArtifactKind } from '../core/limits';
import type { Snapshot } from '../core/model';
import {
  loadSnapshotFolder as loadSnapshotFolderWith,
  readLimited as readLimitedWith,
  type FileAccess,
  type LoadOptions,
} from './facts';
import { describeFileKind, readRegularFile } from './read-limited';

// The Node side of snapshot loading: node:fs and node:path behind the FileAccess that the pure
// loaders in facts.ts use (the in-process host inside PowerShell passes .NET's instead).
export { loadFactsDocument, loadFactsValue, SNAPSHOT_FILES, type LoadOptions, type SnapshotFileName } from './facts';
export { refuseTooManySites } from './snapshot-checks';

export const NODE_FILES: FileAccess = {
  stat(path) {
    try {
      const stat = statSync(path);
      const kind = stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
      return kind === 'other' ? { kind, size: stat.size, what: describeFileKind(stat) } : { kind, size: stat.size };
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  list: (folder) => readdirSync(folder),
  readFile: (path, limit) => readRegularFile(path, limit),
  resolve: (path) => resolve(path),
  join: (folder, name) => join(folder, name),
  basename: (path) => basename(path),
};

export function loadSnapshotFolder(folder: string, options: LoadOptions = {}): Snapshot {
  return loadSnapshotFolderWith(NODE_FILES, folder, options);
}

/** A regular file of at most the artifact's limit, opened once (read-limited.ts). */
export function readLimited(path: string, kind: ArtifactKind): Uint8Array {
  return readLimitedWith(NODE_FILES, path, kind);
}
