import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { OutputClosedError, OutputError } from './output-errors';

/**
 * Standard output and error written with blocking writes on the descriptor. process.stdout turns
 * a write error into an 'error' event that nobody can catch in a synchronous CLI (a stack trace
 * and exit 1, which here means "not in the desired state"); writing ourselves lets a closed pipe
 * end the run quietly and a full disk end it with one line and its own exit code. It also gives
 * back-pressure for free: a slow reader slows the writer instead of filling memory.
 */

export interface FdWriter {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

/** Strings longer than this are written in slices, so no second copy of a huge output is made at once. */
const SLICE = 1 << 20;

/** A writer on `fd` named `output` in messages; `quiet` swallows every error (for stderr). */
export function fdWriter(
  fd: number,
  output: string,
  options: { quiet?: boolean; columns?: () => number | undefined } = {},
): FdWriter {
  const isTTY = isatty(fd);
  return {
    isTTY,
    get columns() {
      return options.columns?.();
    },
    write(text: string) {
      try {
        for (let start = 0; start < text.length;) {
          let end = Math.min(start + SLICE, text.length);
          // Never cut a surrogate pair in two.
          if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
          writeAll(fd, Buffer.from(text.slice(start, end), 'utf8'), output);
          start = end;
        }
      } catch (error) {
        if (!options.quiet) throw error;
      }
    },
  };
}

function writeAll(fd: number, bytes: Buffer, output: string): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // A descriptor someone left non-blocking: wait for the reader instead of failing.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EPIPE') throw new OutputClosedError(output);
      throw new OutputError(output, describeWriteError(code, error));
    }
  }
}

function describeWriteError(code: string | undefined, error: unknown): string {
  if (code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  if (code === 'EDQUOT') return 'the disk quota is used up (EDQUOT)';
  if (code === 'EIO') return 'an I/O error (EIO)';
  if (code === 'EBADF') return 'the output is closed (EBADF)';
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ');
}
