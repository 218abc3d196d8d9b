import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError } from '../core/errors';
import { ARTIFACT_SIZE_LIMITS, formatBytes, type ArtifactKind } from '../core/limits';
import { describeFileSystemError, type OpenedFile } from './facts';

/**
 * Reading an artifact from disk, the Node side of FileAccess.readFile (facts.ts). A path is
 * opened once and everything is decided on that open descriptor: fstat says whether it is a
 * regular file (a FIFO would block forever, /dev/zero never ends, and a symlink to either
 * passes a stat size check with size 0), and the size limit is enforced while reading, so a
 * file that grows or lies about its size still costs at most the limit.
 */

// Opening a FIFO for reading blocks until a writer appears; O_NONBLOCK makes open return at
// once so fstat can refuse it. It changes nothing for regular files. (Windows has no O_NONBLOCK
// and no FIFOs in the file system.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

const CHUNK = 64 * 1024;

/** FileAccess.readFile on node:fs; errors are thrown as node:fs throws them (with their code). */
export function readRegularFile(path: string, limit: number): OpenedFile {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: 'other', what: describeFileKind(stat) };
    if (stat.size > limit) return { kind: 'file', size: stat.size, bytes: undefined };
    return { kind: 'file', size: stat.size, bytes: readDescriptor(fd, limit, stat.size) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads until the end or one byte past the limit, whichever comes first. `expected` (the size
 * fstat gave) only sizes the first buffer; the limit is checked against what was really read.
 */
function readDescriptor(fd: number, limit: number, expected: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let buffer = Buffer.allocUnsafe(Math.min(expected, limit) + 1);
  let filled = 0;
  while (total <= limit) {
    if (filled === buffer.length) {
      chunks.push(buffer);
      buffer = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      filled = 0;
    }
    const read = readSync(fd, buffer, filled, buffer.length - filled, null);
    if (read === 0) break;
    filled += read;
    total += read;
  }
  chunks.push(buffer.subarray(0, filled));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/**
 * Reads a stream such as stdin up to the artifact's limit and refuses it as soon as it goes
 * over, so an endless or huge input costs at most the limit in memory (readFileSync(0) would
 * read it all first). A stream that never ends blocks, as any reader of stdin does; with
 * --timeout the process reads stdin with readStreamWithin instead.
 */
export function readLimitedStream(fd: number, label: string, kind: ArtifactKind): Buffer {
  const limit = ARTIFACT_SIZE_LIMITS[kind];
  const buffer = Buffer.allocUnsafe(CHUNK);
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      // Windows reports the end of a pipe as an error.
      if ((error as { code?: string }).code === 'EOF') break;
      throw new InputError(label, {}, 'readable input', describeFileSystemError(error));
    }
    if (read === 0) break;
    total += read;
    if (total > limit) throw overLimit(label, limit);
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
  return Buffer.concat(chunks, total);
}

function overLimit(label: string, limit: number): InputError {
  return new InputError(label, {}, `input of at most ${formatBytes(limit)}`, 'more (reading stopped there)');
}

/**
 * The same, for --timeout: the stream is read asynchronously (a pipe, a socket, a terminal or a
 * file; on Windows too, where a pipe cannot be read without blocking by a synchronous call), and
 * refused when it has not ended within `seconds`. Either way the stream is destroyed when the
 * answer is known, so a writer that never closes it cannot keep the process alive.
 */
export function readStreamWithin(
  stream: NodeJS.ReadableStream & { destroy(): unknown },
  label: string,
  limit: number,
  seconds: number,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const end = (result: Buffer | InputError) => {
      clearTimeout(timer);
      stream.removeAllListeners('data');
      stream.removeAllListeners('end');
      // A destroyed stream may still report an error (a closed pipe): it is no longer news.
      stream.removeAllListeners('error');
      stream.on('error', () => undefined);
      stream.destroy();
      if (result instanceof InputError) reject(result);
      else resolve(result);
    };
    const timer = setTimeout(
      () =>
        end(
          new InputError(
            label,
            {},
            `input that ends within ${seconds} s (--timeout)`,
            `${total === 0 ? 'nothing' : formatBytes(total)} and no end by then`,
          ),
        ),
      seconds * 1000,
    );
    stream.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      if (total > limit) end(overLimit(label, limit));
      else chunks.push(bytes);
    });
    stream.on('end', () => end(Buffer.concat(chunks, total)));
    stream.on('error', (error) => end(new InputError(label, {}, 'readable input', describeFileSystemError(error))));
  });
}

/** What a path that is not a regular file is, in words. */
export function describeFileKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return stat.isFile() ? 'a regular file' : 'neither a file nor a folder';
}
