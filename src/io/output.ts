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
   * hands its pieces here unescaped: json-stream.ts). The bytes are held until about JSON_BATCH
   * of them wait, the next `write`, or `flush`.
   */
  writeJsonText(text: string): void;
  /** Writes the JSON text writeJsonText holds. */
  flush(): void;
  /** Bytes of UTF-8 text, written as they are (a report's spool, copied out without decoding it). */
  writeBytes(bytes: Uint8Array): void;
  isTTY: boolean;
  columns?: number;
}

/** Strings longer than this are written in slices, so no second copy of a huge output is made at once. */
const SLICE = 1 << 20;

/**
 * The JSON bytes written at once. The JSON writer's pieces are about 55 KB, and writing 126 MB
 * in pieces that size cost the kernel about twice the CPU time of 256 KiB writes.
 */
const JSON_BATCH = 1 << 18;

/** A writer on `fd` named `output` in messages; `quiet` swallows every error (for stderr). */
export function fdWriter(
  fd: number,
  output: string,
  options: { quiet?: boolean; columns?: () => number | undefined } = {},
): FdWriter {
  const isTTY = isatty(fd);
  const held = new HeldBytes();
  const guarded = (work: () => void) => {
    try {
      work();
    } catch (error) {
      if (!options.quiet) throw error;
    }
  };
  const flush = () => writeAll(fd, held.take(), output);
  return {
    isTTY,
    get columns() {
      return options.columns?.();
    },
    write(text: string) {
      guarded(() => {
        flush();
        for (const slice of slices(text)) writeAll(fd, Buffer.from(slice, 'utf8'), output);
      });
    },
    writeJsonText(text: string) {
      guarded(() => {
        for (const slice of slices(text)) {
          if (!held.fits(slice.length * 3)) {
            flush();
            held.reserve(slice.length * 3);
          }
          // Every character escapeJsonText escapes is U+007F or beyond, so ASCII bytes without
          // DEL (a 127 MB result nearly always) need no pass of its pattern over the text.
          const bytes = held.add(slice);
          if (!isAscii(bytes) || bytes.indexOf(0x7f) !== -1) {
            held.drop(bytes.length);
            const escaped = escapeJsonText(slice);
            if (!held.fits(escaped.length * 3)) {
              flush();
              held.reserve(escaped.length * 3);
            }
            held.add(escaped);
          }
          if (held.length >= JSON_BATCH) flush();
        }
      });
    },
    flush() {
      guarded(flush);
    },
    writeBytes(bytes: Uint8Array) {
      guarded(() => {
        flush();
        writeAll(fd, bytes, output);
      });
    },
  };
}

/** UTF-8 bytes waiting to be written, in a buffer kept for the writer's life. */
class HeldBytes {
  private buffer = Buffer.alloc(0);
  length = 0;

  /** Whether `count` more bytes fit. */
  fits(count: number): boolean {
    return this.length + count <= this.buffer.length;
  }

  /** Makes room for `count` bytes; only while nothing is held. */
  reserve(count: number): void {
    if (this.buffer.length < count) this.buffer = Buffer.allocUnsafe(Math.max(count, 2 * JSON_BATCH));
  }

  /** Appends the text's UTF-8 bytes (they must fit) and returns them. */
  add(text: string): Buffer {
    const start = this.length;
    this.length += this.buffer.write(text, start, 'utf8');
    return this.buffer.subarray(start, this.length);
  }

  /** Forgets the last `count` bytes. */
  drop(count: number): void {
    this.length -= count;
  }

  /** The bytes held, forgotten here (a failed write is not tried again), valid until the next add. */
  take(): Buffer {
    const bytes = this.buffer.subarray(0, this.length);
    this.length = 0;
    return bytes;
  }
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

function writeAll(fd: number, bytes: Uint8Array, output: string): void {
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
