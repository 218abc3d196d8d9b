import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Spool } from '../render/report-stream';

/** Pieces are gathered to about this many characters before each write to the file. */
const BATCH = 1 << 20;

/**
 * A spool in a temporary file (report-stream.ts): the output of a large fleet costs disk, not
 * memory, until it is copied out. The file is private to this process and removed by close.
 */
export class FileSpool implements Spool {
  private readonly folder = mkdtempSync(join(tmpdir(), 'iis-logon-rights-report-'));
  private readonly fd = openSync(join(this.folder, 'spool'), 'w+', 0o600);
  private pending = '';
  private written = 0;

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= BATCH) this.flush();
  }

  replay(write: (text: string) => void, writeBytes?: (bytes: Uint8Array) => void): void {
    this.flush();
    const buffer = Buffer.allocUnsafe(BATCH);
    if (writeBytes !== undefined) {
      // The file holds the text's UTF-8 already: decoding it to write it encoded again cost the
      // end of a 46 MB report, when nothing else is left to run, about 100 ms.
      for (let position = 0; position < this.written;) {
        const read = readSync(this.fd, buffer, 0, buffer.length, position);
        if (read === 0) break;
        position += read;
        writeBytes(buffer.subarray(0, read));
      }
      return;
    }
    // A multi-byte character may straddle two reads; the decoder keeps its first bytes.
    const decoder = new StringDecoder('utf8');
    for (let position = 0; position < this.written;) {
      const read = readSync(this.fd, buffer, 0, buffer.length, position);
      if (read === 0) break;
      position += read;
      write(decoder.write(buffer.subarray(0, read)));
    }
    const rest = decoder.end();
    if (rest !== '') write(rest);
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.folder, { recursive: true, force: true });
  }

  private flush(): void {
    if (this.pending === '') return;
    const bytes = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    for (let offset = 0; offset < bytes.length;)
      offset += writeSync(this.fd, bytes, offset, bytes.length - offset, this.written + offset);
    this.written += bytes.length;
  }
}
