import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './ps-tools';

/**
 * The real PowerShell 7.6.10 and Pester 5.7.1 that tools/pwsh/install.sh puts into
 * tools/pwsh/.install (npm test's pretest step and .ci/run call it). Without them the suites
 * that need them skip and print why: the reason install.sh wrote, or that it never ran.
 */

export const PWSH_INSTALL_DIR = join(REPO_ROOT, 'tools', 'pwsh', '.install');
export const PWSH = join(PWSH_INSTALL_DIR, 'tool', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');
export const PESTER_MANIFEST = join(PWSH_INSTALL_DIR, 'packages', 'pester', '5.7.1', 'tools', 'Pester.psd1');
export const PESTER_RUNNER = join(REPO_ROOT, 'tools', 'pwsh', 'Invoke-PesterSuite.ps1');
const REASON_FILE = join(PWSH_INSTALL_DIR, 'unavailable.txt');

/**
 * What pwsh needs to write plain text when its output is captured: no terminal mode or colour
 * sequences (PowerShell 7 asks the terminal for them unless TERM says there is none).
 */
export function plainTextEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TERM: 'dumb',
    NO_COLOR: '1',
    POWERSHELL_TELEMETRY_OPTOUT: '1',
    POWERSHELL_UPDATECHECK: 'Off',
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  };
}

/** Why the installed pwsh or Pester cannot be used, or undefined when both are there. */
export function pwshUnavailableReason(): string | undefined {
  if (existsSync(PWSH) && existsSync(PESTER_MANIFEST)) return undefined;
  if (existsSync(REASON_FILE))
    return readFileSync(REASON_FILE, 'utf8')
      .trim()
      .replace(/^pwsh: /, '');
  return "PowerShell 7.6.10 and Pester 5.7.1 are not installed in tools/pwsh/.install: run bash tools/pwsh/install.sh (npm test's pretest step does)";
}

const announced = new Set<string>();

/**
 * Call inside a `before` hook of a suite that needs the installed pwsh: marks the suite pending
 * (never passed) and prints one line saying why when it is not there. With
 * IIS_LOGON_RIGHTS_REQUIRE_PWSH=1 (CI) a missing pwsh fails the suite instead.
 */
export function skipUnlessPwsh(context: Mocha.Context, what: string): string {
  const reason = pwshUnavailableReason();
  if (reason === undefined) return PWSH;
  if (process.env.IIS_LOGON_RIGHTS_REQUIRE_PWSH === '1')
    throw new Error(`${what}: ${reason} (IIS_LOGON_RIGHTS_REQUIRE_PWSH=1)`);
  if (!announced.has(what)) {
    announced.add(what);
    console.log(`      SKIPPED ${what}: ${reason}`);
  }
  context.skip();
}
