import { InputError } from '../core/errors';
import { ARTIFACT_SIZE_LIMITS, formatBytes, type ArtifactKind } from '../core/limits';
import type { FileAccess, OpenedFile } from './facts';

// A snapshot's files as FileAccess finds them (facts.ts): read within their limit, and every
// failure of the file system as an InputError in words.

/**
 * A regular file of at most the artifact's limit; anything else is an InputError naming `label`
 * (the path by default): what it is instead, its size, or why it cannot be read.
 */
export function readLimited(files: FileAccess, path: string, kind: ArtifactKind, label = path): Uint8Array {
  const limit = ARTIFACT_SIZE_LIMITS[kind];
  let opened: OpenedFile;
  try {
    opened = files.readFile(path, limit);
  } catch (error) {
    throw new InputError(label, {}, 'a readable file', describeFileSystemError(error));
  }
  if (opened.kind === 'other') throw new InputError(label, {}, 'a regular file', opened.what);
  const expected = `a ${files.basename(path)} of at most ${formatBytes(limit)}`;
  if (opened.bytes === undefined) throw new InputError(label, {}, expected, formatBytes(opened.size));
  if (opened.bytes.length > limit)
    throw new InputError(
      label,
      {},
      expected,
      `more (it grew while it was read; reading stopped at ${formatBytes(opened.bytes.length)})`,
    );
  return opened.bytes;
}

export function statOrFail(files: FileAccess, path: string, label: string): ReturnType<FileAccess['stat']> {
  try {
    return files.stat(path);
  } catch (error) {
    throw new InputError(
      label,
      {},
      'a snapshot folder',
      describeFileSystemError(error).replace(/^no such file$/, 'no such file or folder'),
    );
  }
}

export function listOrFail(files: FileAccess, path: string, label: string): string[] {
  try {
    return files.list(path);
  } catch (error) {
    throw new InputError(
      label,
      {},
      'a snapshot folder this user may list',
      describeFileSystemError(error).replace(/^a file this/, 'a folder this'),
    );
  }
}

export function describeFileSystemError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'a file this user may not read';
  if (code === 'ELOOP') return 'a symbolic link that loops';
  if (code === 'EISDIR') return 'a folder';
  if (code === 'ENXIO') return 'a socket or a device with nothing behind it';
  return error instanceof Error ? error.message.replace(/\s+/g, ' ') : String(error);
}
