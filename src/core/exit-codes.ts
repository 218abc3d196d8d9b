/**
 * The one table of process exit codes. The CLI, the JSON Schema in schemas/, the README, the
 * DSC v3 manifest's exitCodes and the PowerShell error mapping are all checked against it.
 */
export const EXIT_CODES = {
  success: { code: 0, meaning: 'Success (for test and report: every finding is in the desired state; for report, every snapshot also loaded).' },
  notInDesiredState: { code: 1, meaning: 'test and report only: at least one finding is not in the desired state (report: on a host that loaded).' },
  usage: { code: 2, meaning: 'Usage error: unknown command or option, missing or conflicting argument.' },
  invalidInput: { code: 3, meaning: 'Invalid input: an artifact is missing, unreadable, malformed, over its size limit, or fails its schema (report: at least one snapshot could not be loaded; the others are still reported, and 3 wins over 1).' },
  internal: { code: 4, meaning: 'Internal error: a defect in iis-logon-rights; please report it.' },
  // 5 is the PowerShell module's own code (a failure on the host), so the engine's next code is 6.
  outputFailed: { code: 6, meaning: 'Output failed: the result could not be written (one line on stderr names the output and why, such as a full disk); when the reader closed the pipe early (as head does) the run ends with this code and no message.' },
} as const;

export type ExitCodeName = keyof typeof EXIT_CODES;
export type ExitCode = (typeof EXIT_CODES)[ExitCodeName]['code'];
