/**
 * The one table of process exit codes. The CLI, the JSON Schema in schemas/, the README, the
 * DSC v3 manifest's exitCodes and the PowerShell error mapping are all checked against it.
 */
export const EXIT_CODES = {
  success: {
    code: 0,
    meaning:
      'Success (for test and report: every finding is in the desired state; for report, every snapshot also loaded).',
  },
  notInDesiredState: {
    code: 1,
    meaning: 'test and report only: at least one finding is not in the desired state (report: on a host that loaded).',
  },
  usage: { code: 2, meaning: 'Usage error: unknown command or option, missing or conflicting argument.' },
  invalidInput: {
    code: 3,
    meaning:
      'Invalid input: an artifact is missing, unreadable, malformed, over its size limit, or fails its schema (report: at least one snapshot could not be loaded; the others are still reported, and 3 wins over 1).',
  },
  internal: { code: 4, meaning: 'Internal error: a defect in iis-logon-rights; please report it.' },
  // 5 is the PowerShell module's own code (a failure on the host), so the engine's next code is 6.
  outputFailed: {
    code: 6,
    meaning:
      'Output failed: the result could not be written (one line on stderr names the output and why, such as a full disk); when the reader closed the pipe early (as head does) the run ends with this code and no message.',
  },
} as const;

export type ExitCodeName = keyof typeof EXIT_CODES;
export type ExitCode = (typeof EXIT_CODES)[ExitCodeName]['code'];

/**
 * What each exit code means to the PowerShell module: the ErrorRecord it becomes (stable ErrorId
 * and category, the action to recommend) and the text the DSC v3 manifest gives it. Code 5 is
 * the module's own (a failure on the host). Under DSC v3, 1 means "set did not reach the desired
 * state" (get and test report being out of it as data). scripts/generate-tables.ts writes
 * dsc/IisLogonRightsDsc/Data/EngineContract.psd1 and the manifest's exitCodes from this table.
 */
export const MODULE_EXIT_CODES: readonly {
  code: number;
  name: string;
  errorId: string;
  category: string;
  dscV3: string;
  recommendedAction: string;
}[] = [
  {
    code: 0,
    name: 'success',
    errorId: '',
    category: 'NotSpecified',
    dscV3: EXIT_CODES.success.meaning,
    recommendedAction: '',
  },
  {
    code: 1,
    name: 'notInDesiredState',
    errorId: 'IisLogonRightsNotInDesiredState',
    category: 'InvalidResult',
    dscV3:
      'set only: the plan was applied, but collecting the facts again and testing shows at least one finding still not in the desired state (get and test never exit 1: being out of desired state is data).',
    recommendedAction:
      'Read the findings that remain: a GPO may own the right (fix the GPO, or allow a temporary fix), or a deny right matches through a group (the plan names the change an administrator would make).',
  },
  {
    code: 2,
    name: 'usage',
    errorId: 'IisLogonRightsEngineUsageError',
    category: 'InvalidArgument',
    dscV3: EXIT_CODES.usage.meaning,
    recommendedAction:
      'The module and the engine disagree about the command line: rebuild the module so that bin\\iis-logon-rights.cjs comes from the same version.',
  },
  {
    code: 3,
    name: 'invalidInput',
    errorId: 'IisLogonRightsEngineInvalidInput',
    category: 'InvalidData',
    dscV3: EXIT_CODES.invalidInput.meaning,
    recommendedAction:
      'The message names the file and the place that failed; collect the snapshot again (Export-IisLogonRightsSnapshot) or correct the named file.',
  },
  {
    code: 4,
    name: 'internal',
    errorId: 'IisLogonRightsEngineInternalError',
    category: 'NotSpecified',
    dscV3: EXIT_CODES.internal.meaning,
    recommendedAction:
      'This is a defect in iis-logon-rights: report it with the snapshot (Export-IisLogonRightsSnapshot) that caused it.',
  },
  {
    code: 5,
    name: 'hostError',
    errorId: 'IisLogonRightsHostError',
    category: 'OperationStopped',
    dscV3:
      'Host error: node was not found, the engine version differs from the module version, or collecting the facts or applying the plan failed on this host (the error line says which).',
    recommendedAction: 'Read the error: it names the Windows call or the file that failed.',
  },
  {
    code: 6,
    name: 'outputFailed',
    errorId: 'IisLogonRightsEngineOutputFailed',
    category: 'WriteError',
    dscV3: EXIT_CODES.outputFailed.meaning,
    recommendedAction:
      'Free space on the disk the output goes to, or keep the reader of the engine output open until it ends.',
  },
];
