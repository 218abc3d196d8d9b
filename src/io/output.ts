import { isAscii } from 'node:buffer';
import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { escapeJsonText } from '../render/text-escape';
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
  /**
   * JSON text as JSON.stringify gives it, written as escapeJsonText escapes it (the JSON writer
   * hands its pieces here unescaped: json-stream.ts).
   */
  writeJsonText(text: string): void;
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
        for (const slice of slices(text)) writeAll(fd, Buffer.from(slice, 'utf8'), output);
      } catch (error) {
        if (!options.quiet) throw error;
      }
    },
    writeJsonText(text: string) {
      try {
        for (const slice of slices(text)) {
          // Every character escapeJsonText escapes is U+007F or beyond, so ASCII bytes without
          // DEL (a 127 MB result nearly always) need no pass of its pattern over the text.
          const bytes = encodeUtf8(slice);
          if (isAscii(bytes) && bytes.indexOf(0x7f) === -1) writeAll(fd, bytes, output);
          else writeAll(fd, Buffer.from(escapeJsonText(slice), 'utf8'), output);
        }
      } catch (error) {
        if (!options.quiet) throw error;
      }
    },
  };
}

/** The text in slices of at most SLICE code units, never cutting a surrogate pair in two. */
function* slices(text: string): Generator<string> {
  if (text.length <= SLICE) {
    yield text;
    return;
  }
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + SLICE, text.length);
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
    yield text.slice(start, end);
    start = end;
  }
}

/**
 * The UTF-8 bytes of a slice, in a buffer kept between calls (valid until the next call): the
 * JSON writer's pieces are written one after the other, and a fresh buffer for each was most
 * of the cost of writing them.
 */
function encodeUtf8(text: string): Buffer {
  // At most three bytes per UTF-16 code unit.
  if (scratch.length < text.length * 3) scratch = Buffer.allocUnsafe(Math.max(text.length * 3, scratch.length * 2));
  return scratch.subarray(0, scratch.write(text, 'utf8'));
}

let scratch = Buffer.allocUnsafe(1 << 16);

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
