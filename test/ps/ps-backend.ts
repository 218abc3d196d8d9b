import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';

/**
 * Access to the real PowerShell parser and engine for tests, on any machine:
 * - pwsh (any OS) or powershell.exe (Windows only) running tools/ps-ast/ps-ast.ps1, else
 * - tools/ps-ast/bin/ps-ast.dll (System.Management.Automation from NuGet) through `dotnet`,
 *   built on first use when missing or older than its sources, else
 * - unavailable, with the reason; suites then skip through skipUnlessPsTool (never pass).
 * IIS_LOGON_RIGHTS_PS_BACKEND=pwsh|powershell|dotnet forces one backend.
 */

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const PS_AST_DIR = join(REPO_ROOT, 'tools', 'ps-ast');
export const PS_AST_DLL = join(PS_AST_DIR, 'bin', 'ps-ast.dll');
export const PS_AST_SCRIPT = join(PS_AST_DIR, 'ps-ast.ps1');

const BUILD_TIMEOUT_MS = 10 * 60_000;
/** The most any PowerShell tool run may write to stdout. */
export const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

export type PsBackendKind = 'pwsh' | 'powershell' | 'dotnet';

export interface PsBackend {
  kind: PsBackendKind;
  command: string;
  analyzeArgs: string[];
  evalArgs: string[];
  description: string;
}

export type PsToolStatus =
  | { available: true; backend: PsBackend }
  /** broken: a tool exists but does not work (the build failed): suites fail instead of skipping. */
  | { available: false; reason: string; broken: boolean };

function findOnPath(name: string): string | undefined {
  const extensions = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE').split(';')] : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const extension of extensions) {
      const candidate = join(dir, name + extension.toLowerCase());
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
  }
  return undefined;
}

function scriptBackend(kind: 'pwsh' | 'powershell', command: string): PsBackend {
  // Windows PowerShell may default to the Restricted execution policy, which refuses -File.
  const common = [
    '-NoLogo',
    '-NoProfile',
    '-NonInteractive',
    ...(kind === 'powershell' ? ['-ExecutionPolicy', 'Bypass'] : []),
  ];
  return {
    kind,
    command,
    analyzeArgs: [...common, '-File', PS_AST_SCRIPT],
    evalArgs: [...common, '-File', PS_AST_SCRIPT, '-Eval', '-'],
    description: `${command} running ${relative(REPO_ROOT, PS_AST_SCRIPT)}`,
  };
}

function newestSourceTime(): number {
  return readdirSync(PS_AST_DIR)
    .filter((name) => name.endsWith('.cs') || name.endsWith('.csproj'))
    .reduce((newest, name) => Math.max(newest, statSync(join(PS_AST_DIR, name)).mtimeMs), 0);
}

function dllIsCurrent(): boolean {
  return existsSync(PS_AST_DLL) && statSync(PS_AST_DLL).mtimeMs >= newestSourceTime();
}

function dotnetBackend(): PsToolStatus {
  const dotnet = findOnPath('dotnet');
  if (dotnet === undefined) {
    return {
      available: false,
      broken: false,
      reason: 'neither pwsh, powershell.exe (Windows) nor dotnet (to build tools/ps-ast) is on PATH',
    };
  }
  if (!dllIsCurrent()) {
    const started = Date.now();
    const build = spawnSync(
      dotnet,
      [
        'build',
        join(PS_AST_DIR, 'ps-ast.csproj'),
        '-c',
        'Release',
        '-o',
        join(PS_AST_DIR, 'bin'),
        '--nologo',
        '-v',
        'quiet',
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: BUILD_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES },
    );
    if (build.status !== 0 || !existsSync(PS_AST_DLL)) {
      const detail = `${build.error?.message ?? ''}\n${build.stdout ?? ''}\n${build.stderr ?? ''}`.trim();
      return {
        available: false,
        broken: true,
        reason: `building tools/ps-ast failed (exit ${build.status}):\n${detail}`,
      };
    }
    console.log(`      (built tools/ps-ast/bin/ps-ast.dll in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return {
    available: true,
    backend: {
      kind: 'dotnet',
      command: dotnet,
      analyzeArgs: [PS_AST_DLL],
      evalArgs: [PS_AST_DLL, '--eval', '-'],
      description: `dotnet ${relative(REPO_ROOT, PS_AST_DLL)} (System.Management.Automation from NuGet)`,
    },
  };
}

function locate(): PsToolStatus {
  const forced = process.env.IIS_LOGON_RIGHTS_PS_BACKEND;
  if (forced !== undefined && forced !== '' && !['pwsh', 'powershell', 'dotnet'].includes(forced)) {
    return {
      available: false,
      broken: true,
      reason: `IIS_LOGON_RIGHTS_PS_BACKEND=${forced}: expected pwsh, powershell or dotnet`,
    };
  }
  if (forced === undefined || forced === '' || forced === 'pwsh') {
    const pwsh = findOnPath('pwsh');
    if (pwsh !== undefined) return { available: true, backend: scriptBackend('pwsh', pwsh) };
    if (forced === 'pwsh')
      return { available: false, broken: false, reason: 'IIS_LOGON_RIGHTS_PS_BACKEND=pwsh but pwsh is not on PATH' };
  }
  // Only on Windows: from WSL, powershell.exe is on PATH but cannot open the Linux paths given to it.
  if (forced === undefined || forced === '' || forced === 'powershell') {
    const powershell = process.platform === 'win32' ? findOnPath('powershell') : undefined;
    if (powershell !== undefined) return { available: true, backend: scriptBackend('powershell', powershell) };
    if (forced === 'powershell') {
      return {
        available: false,
        broken: false,
        reason: 'IIS_LOGON_RIGHTS_PS_BACKEND=powershell but powershell.exe is not on PATH (or this is not Windows)',
      };
    }
  }
  return dotnetBackend();
}

let cachedStatus: PsToolStatus | undefined;

/** Which PowerShell the tests use, found (and the dll built) once per test run. */
export function psToolStatus(): PsToolStatus {
  cachedStatus ??= locate();
  return cachedStatus;
}

const announced = new Set<string>();

/**
 * Call inside a `before` hook of a suite that needs PowerShell: marks the suite pending and
 * prints why when there is none; fails the suite when the tool exists but cannot be built.
 */
export function skipUnlessPsTool(context: Mocha.Context, what: string): PsBackend {
  const status = psToolStatus();
  if (status.available) return status.backend;
  if (status.broken) throw new Error(`${what}: ${status.reason}`);
  if (!announced.has(what)) {
    announced.add(what);
    console.log(`      SKIPPED ${what}: ${status.reason}`);
  }
  context.skip();
}

export function requireBackend(): PsBackend {
  const status = psToolStatus();
  if (!status.available) throw new Error(`PowerShell tool unavailable: ${status.reason}`);
  return status.backend;
}
