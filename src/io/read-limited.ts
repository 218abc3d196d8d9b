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
 * read it all first). A stream that never ends blocks, as any reader of stdin does, unless
 * `timeoutSeconds` is given (--timeout): then the stream is read without blocking and refused
 * when it has not ended in time. That needs the descriptor opened again without blocking
 * (/dev/fd, Linux and macOS); where that fails (Windows), the read blocks as before.
 */
export function readLimitedStream(fd: number, label: string, kind: ArtifactKind, timeoutSeconds?: number): Buffer {
  const limit = ARTIFACT_SIZE_LIMITS[kind];
  const deadline = timeoutSeconds === undefined ? undefined : Date.now() + timeoutSeconds * 1000;
  const polled = deadline === undefined ? undefined : reopenWithoutBlocking(fd);
  const source = polled?.fd ?? fd;
  const buffer = Buffer.allocUnsafe(CHUNK);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      if (polled !== undefined && Date.now() > deadline!) {
        throw new InputError(
          label,
          {},
          `input that ends within ${timeoutSeconds} s (--timeout)`,
          `${total === 0 ? 'nothing' : formatBytes(total)} and no end by then`,
        );
      }
      let read: number;
      try {
        read = readSync(source, buffer, 0, buffer.length, null);
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
      if (total > limit)
        throw new InputError(label, {}, `input of at most ${formatBytes(limit)}`, 'more (reading stopped there)');
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
  } finally {
    if (polled?.close === true) closeSync(polled.fd);
  }
  return Buffer.concat(chunks, total);
}

/**
 * A descriptor for the same stream that does not block: the stream opened again through /dev/fd
 * (a pipe, a FIFO, a terminal), or for stdin as a socket (which cannot be opened again, and is
 * what Node gives a child's stdin) stdin itself once Node's own stdin handle has made it
 * non-blocking (it does so for pipes and sockets; nothing is read through the handle). Undefined
 * where neither works (Windows).
 */
function reopenWithoutBlocking(fd: number): { fd: number; close: boolean } | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    return { fd: openSync(`/dev/fd/${fd}`, constants.O_RDONLY | constants.O_NONBLOCK), close: true };
  } catch {
    if (fd !== 0 || !fstatSync(0).isSocket()) return undefined;
    process.stdin.pause();
    return { fd: 0, close: false };
  }
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
