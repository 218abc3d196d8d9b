import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MAX_OUTPUT_BYTES, REPO_ROOT, requireBackend, type PsBackend } from './ps-backend';
import type { PsAnalysis, PsEvalResult, PsManifestValue } from './ps-tool-schema';

export type * from './ps-tool-schema';
export {
  PS_AST_DIR,
  PS_AST_DLL,
  PS_AST_SCRIPT,
  REPO_ROOT,
  psToolStatus,
  skipUnlessPsTool,
  type PsBackend,
  type PsBackendKind,
  type PsToolStatus,
} from './ps-backend';

/**
 * The tests' access to the real PowerShell parser and engine: running it and listing files. The
 * backend (pwsh, powershell.exe or ps-ast.dll) is found in ps-backend.ts, and the JSON it writes
 * is typed in ps-tool-schema.ts; both are re-exported here, so tests import this file only.
 */

export const PS_FILE_EXTENSIONS: readonly string[] = ['.ps1', '.psm1', '.psd1'];

const ANALYZE_TIMEOUT_MS = 5 * 60_000;
const EVAL_TIMEOUT_MS = 2 * 60_000;

// ---------------------------------------------------------------------------------------------
// Running it

function runTool(backend: PsBackend, args: string[], input: string | undefined, timeoutMs: number): unknown {
  const run = spawnSync(backend.command, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    input,
    timeout: timeoutMs,
    maxBuffer: MAX_OUTPUT_BYTES,
  });
  if (run.error !== undefined) throw new Error(`${backend.description}: ${run.error.message}`);
  if (run.status !== 0) {
    throw new Error(`${backend.description} exited with ${run.status}: ${run.stderr.trim()}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(run.stdout);
  } catch {
    throw new Error(
      `${backend.description} wrote no JSON document: ${run.stdout.slice(0, 500)}\n${run.stderr.slice(0, 500)}`,
    );
  }
  if (
    typeof document !== 'object' ||
    document === null ||
    (document as { tool?: unknown }).tool !== 'ps-ast' ||
    (document as { schemaVersion?: unknown }).schemaVersion !== 1
  ) {
    throw new Error(`${backend.description} wrote an unexpected document: ${run.stdout.slice(0, 300)}`);
  }
  return document;
}

interface CachedAnalysis {
  mtimeMs: number;
  size: number;
  analysis: PsAnalysis;
}

const analysisCache = new Map<string, CachedAnalysis>();

/**
 * The parser's facts for each file, in the order given (paths relative to the repository root
 * or absolute; each result's `path` is the path as given). One tool process for all files not
 * analyzed before in this run (unchanged files are answered from a cache).
 */
export function analyzePowerShell(files: readonly string[]): PsAnalysis[] {
  const backend = requireBackend();
  const absolute = (file: string) => (isAbsolute(file) ? file : resolve(REPO_ROOT, file));
  const isCurrent = (file: string) => {
    const cached = analysisCache.get(absolute(file));
    if (cached === undefined) return false;
    const stat = statSync(absolute(file));
    return cached.mtimeMs === stat.mtimeMs && cached.size === stat.size;
  };
  const missing = [...new Set(files.filter((file) => !isCurrent(file)))];
  if (missing.length > 0) {
    const stats = missing.map((file) => statSync(absolute(file)));
    const document = runTool(backend, [...backend.analyzeArgs, ...missing], undefined, ANALYZE_TIMEOUT_MS) as {
      files: PsAnalysis[];
    };
    if (!Array.isArray(document.files) || document.files.length !== missing.length) {
      throw new Error(
        `${backend.description} returned ${String(document.files?.length)} results for ${missing.length} files`,
      );
    }
    document.files.forEach((analysis, index) => {
      const stat = stats[index]!;
      analysisCache.set(absolute(missing[index]!), { mtimeMs: stat.mtimeMs, size: stat.size, analysis });
    });
  }
  return files.map((file) => ({ ...analysisCache.get(absolute(file))!.analysis, path: file }));
}

/** The parser's facts for one file. */
export function analyzePowerShellFile(file: string): PsAnalysis {
  return analyzePowerShell([file])[0]!;
}

/**
 * Runs a script in a fresh runspace (the current directory is the repository root) and returns
 * what it wrote to each stream. Under the dll, only Microsoft.PowerShell.Core cmdlets exist,
 * plus the stand-ins listed in `standIns`: use [Type]::new() rather than New-Object, and no
 * ConvertTo-Json, Get-Content, Test-Path, Select-Object, ...
 */
export function runPowerShell(script: string, options: { timeoutMs?: number } = {}): PsEvalResult {
  const backend = requireBackend();
  return runTool(backend, backend.evalArgs, script, options.timeoutMs ?? EVAL_TIMEOUT_MS) as PsEvalResult;
}

/** Like runPowerShell, for a script file (run as a command, so $PSScriptRoot is its folder). */
export function runPowerShellFile(file: string, options: { timeoutMs?: number } = {}): PsEvalResult {
  const backend = requireBackend();
  const args = [...backend.evalArgs.slice(0, -1), isAbsolute(file) ? file : resolve(REPO_ROOT, file)];
  return runTool(backend, args, undefined, options.timeoutMs ?? EVAL_TIMEOUT_MS) as PsEvalResult;
}

/** A PowerShell single-quoted literal: the only character to escape is the quote itself. */
export function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------------------------------------
// Files

/** Manifest keys are case-insensitive in PowerShell. */
export function manifestValue(manifest: { [key: string]: PsManifestValue }, key: string): PsManifestValue | undefined {
  const wanted = key.toLowerCase();
  const found = Object.keys(manifest).find((name) => name.toLowerCase() === wanted);
  return found === undefined ? undefined : manifest[found];
}

function isPowerShellFile(file: string): boolean {
  return PS_FILE_EXTENSIONS.includes(extname(file).toLowerCase());
}

function walk(dir: string, found: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['bin', 'obj', 'node_modules'].includes(entry.name)) walk(full, found);
    } else if (entry.isFile() && isPowerShellFile(entry.name)) {
      found.push(full);
    }
  }
}

/**
 * The PowerShell files tracked by git under the given folders (repository-relative, forward
 * slashes, sorted). Outside a git checkout (an unpacked archive), the files on disk instead,
 * skipping build output folders.
 */
export function listPowerShellFiles(folders: readonly string[]): string[] {
  const git = spawnSync('git', ['ls-files', '-z', '--', ...folders], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (git.status === 0) {
    return git.stdout
      .split('\0')
      .filter((file) => file !== '' && isPowerShellFile(file))
      .sort();
  }
  const found: string[] = [];
  for (const folder of folders) walk(join(REPO_ROOT, folder), found);
  return found.map((file) => relative(REPO_ROOT, file).split(sep).join('/')).sort();
}
