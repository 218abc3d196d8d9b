import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

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
export const PS_FILE_EXTENSIONS: readonly string[] = ['.ps1', '.psm1', '.psd1'];

const BUILD_TIMEOUT_MS = 10 * 60_000;
const ANALYZE_TIMEOUT_MS = 5 * 60_000;
const EVAL_TIMEOUT_MS = 2 * 60_000;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The JSON the tool writes (schemaVersion 1). Names and type names are as written in the file.

export interface PsParseError {
  message: string;
  line: number;
  column: number;
  errorId: string;
  incompleteInput: boolean;
}

/** A named attribute argument: `Mandatory` alone is true; a non-constant is kept as text. */
export type PsAttributeValue = boolean | number | string | null | { nonLiteral: string };

export interface PsParameter {
  name: string;
  type: string | null;
  attributes: string[];
  mandatory: boolean;
  valueFromPipeline: boolean;
  valueFromPipelineByPropertyName: boolean;
  parameterSets: string[];
  validateSet: string[] | null;
  aliases: string[];
  defaultValue: string | null;
}

export interface PsHelp {
  synopsis: string | null;
  description: string | null;
  /** Parameter names as the help parser returns them: upper-cased. */
  parameters: string[];
  examples: number;
  inputs: string[];
  outputs: string[];
  notes: string | null;
  links: string[];
}

export interface PsCmdletBinding {
  supportsShouldProcess: boolean;
  defaultParameterSetName: string | null;
  confirmImpact: string | null;
  arguments: Record<string, PsAttributeValue>;
}

export interface PsFunction {
  name: string;
  line: number;
  isFilter: boolean;
  nested: boolean;
  cmdletBinding: PsCmdletBinding | null;
  outputTypes: string[];
  attributes: string[];
  parameters: PsParameter[];
  hasCommentHelp: boolean;
  help: PsHelp | null;
}

export interface PsDscProperty {
  key: boolean;
  mandatory: boolean;
  notConfigurable: boolean;
  arguments: Record<string, PsAttributeValue>;
}

export interface PsClassProperty {
  name: string;
  line: number;
  type: string | null;
  attributes: string[];
  isStatic: boolean;
  isHidden: boolean;
  dscProperty: PsDscProperty | null;
  validateSet: string[] | null;
  defaultValue: string | null;
}

export interface PsMethod {
  name: string;
  line: number;
  returnType: string | null;
  isStatic: boolean;
  isHidden: boolean;
  isConstructor: boolean;
  parameters: { name: string; type: string | null }[];
}

export interface PsClass {
  name: string;
  line: number;
  kind: 'class' | 'interface';
  attributes: string[];
  isDscResource: boolean;
  baseTypes: string[];
  properties: PsClassProperty[];
  methods: PsMethod[];
}

export interface PsEnum {
  name: string;
  line: number;
  members: string[];
}

export interface PsExportModuleMember {
  calls: number;
  functions: string[];
  cmdlets: string[];
  variables: string[];
  aliases: string[];
  /** Arguments that are not literal names (a variable, a sub-expression), as source text. */
  nonLiteral: string[];
}

/** Manifest values: literals as JSON; anything else as { nonLiteral: source text }. */
export type PsManifestValue = string | number | boolean | null | PsManifestValue[] | { [key: string]: PsManifestValue };

export type Ps7OnlyKind =
  | 'Ternary'
  | 'NullCoalescing'
  | 'NullCoalescingAssignment'
  | 'PipelineChain'
  | 'ForEachParallel'
  | 'CleanBlock'
  | 'NullConditionalMember'
  | 'NullConditionalIndex'
  | 'EscapeSequence';

export interface Ps7OnlyConstruct {
  kind: Ps7OnlyKind;
  line: number;
  column: number;
  text: string;
}

export interface PsNonAscii {
  line: number;
  /** 1-based, counting characters (a UTF-8 sequence is one). */
  column: number;
  /** null for a byte that is not part of a valid UTF-8 sequence. */
  codePoint: number | null;
  bytes: string;
}

export interface PsAnalysis {
  path: string;
  bom: 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | null;
  tokenCount: number;
  parseErrors: PsParseError[];
  requires: { version: string | null; psEditions: string[]; modules: string[]; runAsAdministrator: boolean } | null;
  functions: PsFunction[];
  classes: PsClass[];
  enums: PsEnum[];
  commands: { name: string; line: number }[];
  exportModuleMember: PsExportModuleMember | null;
  /** Only for .psd1 files: the top-level hashtable; null with manifestError when it is not one. */
  manifest: { [key: string]: PsManifestValue } | null;
  manifestError: string | null;
  ps7OnlySyntax: Ps7OnlyConstruct[];
  /** At most 200 entries; nonAsciiCount is the full count. */
  nonAscii: PsNonAscii[];
  nonAsciiCount: number;
}

export interface PsEngine {
  host: 'ps-ast.dll' | 'ps-ast.ps1';
  version: string;
  edition: string;
}

export interface PsErrorRecord {
  message: string | null;
  exceptionType: string | null;
  exceptionMessage: string | null;
  innerExceptionType: string | null;
  fullyQualifiedErrorId: string;
  category: string;
  categoryActivity: string | null;
  categoryReason: string | null;
  categoryTargetName: string | null;
  targetObject: unknown;
  recommendedAction: string | null;
  scriptStackTrace: string | null;
  line: number | null;
}

export interface PsOutputItem {
  /** .NET type of the object (System.Management.Automation.PSCustomObject for [pscustomobject]). */
  type: string | null;
  typeNames: string[];
  value: unknown;
}

export interface PsEvalResult {
  engine: PsEngine;
  /** Stream cmdlets the dll supplies itself because the NuGet engine lacks them (empty under pwsh). */
  standIns: string[];
  output: PsOutputItem[];
  errors: PsErrorRecord[];
  terminatingError: PsErrorRecord | null;
  hadErrors: boolean;
  warnings: string[];
  verbose: string[];
  debug: string[];
  information: { messageData: unknown; tags: string[] }[];
}

// ---------------------------------------------------------------------------------------------
// Finding the tool

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

function requireBackend(): PsBackend {
  const status = psToolStatus();
  if (!status.available) throw new Error(`PowerShell tool unavailable: ${status.reason}`);
  return status.backend;
}

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
