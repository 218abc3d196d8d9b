import { type PsAnalysis } from './ps-tools';

export const CLEAN = 'test/fixtures/ps/clean';
export const DIRTY = 'test/fixtures/ps/dirty';

// The module runs under Windows PowerShell 5.1 (the DSC LCM) as well as PowerShell 7, so its
// files are held to what 5.1 parses and reads the same way. The clean fixtures are included so
// the checks never run on nothing.
export const CHECKED_FOLDERS = ['dsc', 'tools', CLEAN];

// The first use may build tools/ps-ast (about 16 s on a clean machine, more under load).
export const TOOL_SETUP_TIMEOUT_MS = 10 * 60_000;
// Each runspace costs a process start (0.7 s idle, several seconds on a loaded machine).
export const EVAL_TIMEOUT_MS = 60_000;

export function where(file: PsAnalysis, line: number, column: number): string {
  return `${file.path}:${line}:${column}`;
}
