import { runCli } from '../../src/cli';

export interface InProcessRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * The command line run in this process, with stdin given as text: what the bundle does, without
 * needing a build, so unit tests (and the mutation run, whose sandbox has no dist/) judge it too.
 */
export function runInProcess(argv: string[], stdin: string | Buffer = ''): InProcessRun {
  let stdout = '';
  let stderr = '';
  const status = runCli({
    argv,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: () => (typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : stdin),
    env: {},
  });
  return { status, stdout, stderr };
}
