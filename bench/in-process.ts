/**
 * P4: the engine inside PowerShell (Jint) against the Node CLI's whole process, side by side in
 * one run, on the 10-site and the 1,000-site snapshot (issue 18). In-process cold is what the
 * first call of a session pays: loading Jint and Acornima, running the 410 KiB bundle once,
 * and the first judgement. Warm is a later call in the same session, which is what the DSC LCM
 * and Machine Configuration pay on every consistency check after the first. Warm calls keep
 * getting faster for a while (.NET's tiered compilation recompiles Jint's hot paths after about
 * 30 uses), so the session goes on past the warm calls and times the steady state too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface InProcessSample {
  /** Import-Module of the module (not part of cold: any module pays it). */
  importMs: number;
  /** Loading Jint and Acornima (Import-IisLogonRightsJint). */
  assembliesMs: number;
  /** Running the bundle once in a new Jint engine, checking its version. */
  prepareMs: number;
  /** The first judgement through Invoke-IisLogonRightsEngine. */
  firstCallMs: number;
  /** The next judgements of the same snapshot in the same session (calls 2 to warmCalls + 1). */
  warmMs: number[];
  /** The last steadyCalls judgements of a longer session: what a long-lived LCM process pays. */
  steadyMs: number[];
}

const psQuote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * One fresh pwsh session: import the module, then time each phase of the cold call and
 * `warmCalls` warm calls of `test --snapshot <folder> --format json`.
 */
export function inProcessSession(
  root: string,
  folder: string,
  warmCalls: number,
  steadyAfter = 0,
  steadyCalls = 0,
): InProcessSample {
  const pwsh = join(root, 'tools', 'pwsh', '.install', 'tool', 'pwsh');
  if (!existsSync(pwsh)) throw new Error(`${pwsh} is missing: bash tools/pwsh/install.sh`);
  const manifest = join(root, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1');
  const script = `
    $ErrorActionPreference = 'Stop'
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $module = Import-Module ${psQuote(manifest)} -PassThru
    'importMs=' + $watch.Elapsed.TotalMilliseconds
    & $module {
      $arguments = @('test', '--snapshot', ${psQuote(folder)}, '--format', 'json', '--log-format', 'json')
      $watch = [System.Diagnostics.Stopwatch]::StartNew()
      Import-IisLogonRightsJint
      'assembliesMs=' + $watch.Elapsed.TotalMilliseconds
      $watch.Restart()
      $null = Get-IisLogonRightsJsEngine
      'prepareMs=' + $watch.Elapsed.TotalMilliseconds
      $watch.Restart()
      $null = Invoke-IisLogonRightsEngine -ArgumentList $arguments -SuccessExitCode 0, 1 -WarningAction SilentlyContinue
      'firstCallMs=' + $watch.Elapsed.TotalMilliseconds
      for ($call = 0; $call -lt ${warmCalls}; $call++) {
        $watch.Restart()
        $null = Invoke-IisLogonRightsEngine -ArgumentList $arguments -SuccessExitCode 0, 1 -WarningAction SilentlyContinue
        'warmMs=' + $watch.Elapsed.TotalMilliseconds
      }
      for ($call = 0; $call -lt ${steadyAfter + steadyCalls}; $call++) {
        $watch.Restart()
        $null = Invoke-IisLogonRightsEngine -ArgumentList $arguments -SuccessExitCode 0, 1 -WarningAction SilentlyContinue
        if ($call -ge ${steadyAfter}) { 'steadyMs=' + $watch.Elapsed.TotalMilliseconds }
      }
    }
  `;
  const run = spawnSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '-'], {
    input: script,
    encoding: 'utf8',
    env: { ...process.env, TERM: 'dumb', NO_COLOR: '1' },
    timeout: 30 * 60_000,
  });
  if (run.status !== 0) throw new Error(`pwsh exited ${run.status}: ${run.stderr}`);
  const sample: InProcessSample = {
    importMs: NaN,
    assembliesMs: NaN,
    prepareMs: NaN,
    firstCallMs: NaN,
    warmMs: [],
    steadyMs: [],
  };
  for (const line of run.stdout.split(/\r?\n/)) {
    const match = /^(\w+)=([\d.]+)$/.exec(line.trim());
    if (match === null) continue;
    const [, key, value] = match as unknown as [string, keyof InProcessSample, string];
    if (key === 'warmMs' || key === 'steadyMs') sample[key].push(Number(value));
    else sample[key] = Number(value);
  }
  if (sample.warmMs.length !== warmCalls || sample.steadyMs.length !== steadyCalls || Number.isNaN(sample.firstCallMs))
    throw new Error(`pwsh printed no timings: ${run.stdout.slice(0, 500)}`);
  return sample;
}
