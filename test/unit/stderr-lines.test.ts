import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writeDiagnosticLines, writeLog } from '../../src/command-io';
import { REPO_ROOT } from '../helpers/cli';

/**
 * The PowerShell module and DSC v3 read the engine's stderr as one-key JSON lines
 * (`{"error": ...}`, `{"warn": ...}`, `{"info": ...}`). One function, writeLog in
 * src/command-io.ts, writes them, so their shape and escaping cannot differ by command.
 */
const SRC = join(REPO_ROOT, 'src');
/** An object literal keyed error, warn or info (or a computed key) handed to stringifyJson. */
const LOG_LINE = /stringifyJson\(\{\s*(?:\[|['"]?(?:error|warn|info)['"]?\s*:)/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function capture(write: (stderr: { write(text: string): unknown }) => void): string {
  let text = '';
  write({ write: (chunk: string) => (text += chunk) });
  return text;
}

describe('stderr lines', () => {
  it('only src/command-io.ts builds a one-key JSON log line', () => {
    const builders = sourceFiles(SRC)
      .filter((path) => LOG_LINE.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path).split(sep).join('/'));
    assert.deepEqual(builders, ['command-io.ts']);
  });

  it('writeLog: one escaped JSON line for the module, or one text line per part for people', () => {
    const hostile = 'C:\\a\u001b[31m\nb.inf';
    assert.equal(
      capture((stderr) => writeLog(stderr, true, 'error', `invalid input: ${hostile}`, 'hint')),
      '{"error":"invalid input: C:\\\\a\\u001b[31m\\nb.inf hint"}\n',
    );
    assert.equal(
      capture((stderr) => writeLog(stderr, false, 'warn', hostile, 'hint')),
      'iis-logon-rights: C:\\a\\x1B[31m\\nb.inf\nhint\n',
    );
  });

  it('writeDiagnosticLines: warnings as warn, notes as info, in order', () => {
    assert.equal(
      capture((stderr) =>
        writeDiagnosticLines(stderr, [
          { code: 'a', severity: 'warning', message: 'first' },
          { code: 'b', severity: 'info', message: 'second' },
        ]),
      ),
      '{"warn":"first"}\n{"info":"second"}\n',
    );
  });
});
