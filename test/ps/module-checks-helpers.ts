import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePowerShell, listPowerShellFiles, REPO_ROOT, type PsAnalysis, type PsManifestValue } from './ps-tools';

// Shared by the static checks of the PowerShell module with the real PowerShell parser
// (module-manifest, module-commands, module-tables and module-examples .test.ts): the manifest,
// the exported commands, the files, the help, the class resource and the cmdlets against the
// desired-state schema, and the module's copies of the engine's tables. The generic checks
// (parse errors, PowerShell-7-only syntax, non-ASCII) run over every tracked file of dsc/ in
// powershell-static.test.ts; these add the test fixtures of the module.

export const MODULE_DIR = 'dsc/IisLogonRightsDsc';
export const MANIFEST = `${MODULE_DIR}/IisLogonRightsDsc.psd1`;
export const ROOT_MODULE = `${MODULE_DIR}/IisLogonRightsDsc.psm1`;
export const CONTRACT = `${MODULE_DIR}/Data/EngineContract.psd1`;
export const FORMAT_FILE = `${MODULE_DIR}/IisLogonRightsDsc.format.ps1xml`;
export const V3_ENTRY = 'dsc/v3/IisLogonRights.AnonymousLogonRight.ps1';
export const FIXTURES = 'test/fixtures/ps-module';
export const TOOL_SETUP_TIMEOUT_MS = 10 * 60_000;

/** Parameters a cmdlet may have beyond the desired-state properties, and why. */
export const CMDLET_ONLY_PARAMETERS: Record<string, string> = {
  Detailed: 'Test: return the findings instead of a boolean',
  SnapshotPath: 'judge a saved snapshot instead of this host',
  GroupPolicySource: 'how the collector reads Group Policy facts',
  BackupPath: 'Set: where the backup and undo plan are written',
  BackupRetention: 'Set: how many backups to keep (older ones are pruned)',
  PassThru: 'Set: write the change result',
};

export const instanceSchema = JSON.parse(
  readFileSync(join(REPO_ROOT, 'schemas', 'dsc-instance.schema.json'), 'utf8'),
) as {
  required: string[];
  properties: Record<string, SchemaProperty>;
};

export interface SchemaProperty {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  readOnly?: boolean;
  items?: { type?: string; properties?: Record<string, SchemaProperty> };
}

export function byName<T extends { name: string }>(items: readonly T[], name: string): T {
  const found = items.find((item) => item.name.toLowerCase() === name.toLowerCase());
  assert.ok(found, `${name} not found among ${items.map((item) => item.name).join(', ')}`);
  return found;
}

export function stringList(value: PsManifestValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  assert.ok(Array.isArray(value), `expected a list, found ${JSON.stringify(value)}`);
  return value.map((item) => {
    assert.equal(typeof item, 'string');
    return item as string;
  });
}

/** The schema type a PowerShell type corresponds to; class arrays name the element class. */
export function schemaTypeOf(psType: string | null): { type: string; elementClass?: string } {
  const normalized = (psType ?? '').replace(/^System\./i, '').toLowerCase();
  if (normalized === 'string') return { type: 'string' };
  if (normalized === 'boolean' || normalized === 'bool') return { type: 'boolean' };
  if (normalized.endsWith('[]')) return { type: 'array', elementClass: (psType ?? '').slice(0, -2) };
  return { type: `unmapped PowerShell type ${psType}` };
}

export function schemaType(property: SchemaProperty): string {
  if (property.enum !== undefined && property.enum.every((value) => typeof value === 'string')) return 'string';
  if (Array.isArray(property.type)) return property.type.filter((type) => type !== 'null').join('|');
  return property.type ?? 'untyped';
}

/** The module's PowerShell files, parsed once for every file of static checks. */
export interface ModuleFiles {
  files: PsAnalysis[];
  manifest: { [key: string]: PsManifestValue };
  psm1: PsAnalysis;
  publicFiles: PsAnalysis[];
  privateFiles: PsAnalysis[];
}

let analysis: ModuleFiles | undefined;

/** Parses dsc/ and the module's fixtures with the real PowerShell parser, once per test run. */
export function moduleFiles(): ModuleFiles {
  if (analysis === undefined) {
    const files = analyzePowerShell(listPowerShellFiles(['dsc', FIXTURES]));
    const parsed = (path: string) => {
      const found = files.find((entry) => entry.path === path);
      assert.ok(found, `${path} was not analyzed (is it tracked by git?)`);
      return found;
    };
    analysis = {
      files,
      manifest: parsed(MANIFEST).manifest!,
      psm1: parsed(ROOT_MODULE),
      publicFiles: files.filter((entry) => entry.path.startsWith(`${MODULE_DIR}/Public/`)),
      privateFiles: files.filter((entry) => entry.path.startsWith(`${MODULE_DIR}/Private/`)),
    };
  }
  return analysis;
}

export function file(path: string): PsAnalysis {
  const found = moduleFiles().files.find((entry) => entry.path === path);
  assert.ok(found, `${path} was not analyzed (is it tracked by git?)`);
  return found;
}

export const functionsIn = (entries: PsAnalysis[]) =>
  entries.flatMap((entry) => entry.functions.filter((fn) => !fn.nested));
