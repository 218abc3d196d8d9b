import { chmodSync } from 'node:fs';
import { runCli } from '../../src/cli';

/**
 * Run by test/cli/report-unreadable-midway.test.ts in a process of its own (without the
 * capability that lets root read anything, when the suite runs as root): `report` over the
 * folders given, in order on one thread, on a fake terminal. The first progress line says the
 * first snapshot is judged; at that moment the folder given as the first argument is made
 * unreadable (mode 000), after it was listed and before it is loaded. The other arguments are
 * the folders to report on. Prints what runCli did, as JSON.
 */
const [victim, ...folders] = process.argv.slice(2);
let stdout = '';
let stderr = '';
let revoked = false;
const code = runCli({
  argv: ['report', ...folders, '--format', 'json'],
  stdout: { write: (text: string) => (stdout += text), isTTY: false },
  stderr: {
    write: (text: string) => {
      if (!revoked && text.includes('judging')) {
        chmodSync(victim!, 0);
        revoked = true;
      }
      stderr += text;
    },
    isTTY: true,
    columns: 200,
  },
  readStdin: () => Buffer.alloc(0),
  env: {},
});
process.stdout.write(JSON.stringify({ code, stdout, stderr, revoked }));
