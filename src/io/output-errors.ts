// Write failures as the command line reports them (command.ts): plain JavaScript, so the
// in-process engine, whose output is a string, shares the handling with the Node CLI, whose
// writer (output.ts) throws them.

/** The reader closed the pipe (EPIPE), as `head` does once it has enough. */
export class OutputClosedError extends Error {
  constructor(readonly output: string) {
    super(`${output}: the reader closed the pipe`);
    this.name = 'OutputClosedError';
  }
}

/** Writing failed for another reason: a full disk (ENOSPC), an I/O error, a closed descriptor. */
export class OutputError extends Error {
  constructor(
    readonly output: string,
    readonly reason: string,
  ) {
    super(`cannot write to ${output}: ${reason}`);
    this.name = 'OutputError';
  }
}
