import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readVendorSchema } from '../helpers/vendor-schemas';
import { REPO_ROOT } from './ps-tools';

// The native DSC v3 resource: its manifest against the official 3.1.0 manifest schema (its
// embedded instance schema and exit codes are generated: docs/tables.md), the meaning of its exit
// codes, the example configuration document against the official document schema,
// and the entry script it calls, executed in a PowerShell runspace with the module's boundary
// functions replaced (see module-eval-helpers.ts).

export const V3_DIR = join(REPO_ROOT, 'dsc', 'v3');
export const MANIFEST_PATH = join(V3_DIR, 'IisLogonRights.AnonymousLogonRight.dsc.resource.json');
export const ENTRY = join(V3_DIR, 'IisLogonRights.AnonymousLogonRight.ps1');
export const CONFIG_DOCUMENT = join(REPO_ROOT, 'dsc', 'examples', 'iis-logon-rights.dsc.config.json');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'ps-module');
export const MODULE_MANIFEST = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1');
export const EXAMPLE = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch');
export const CANONICAL_IN_DESIRED_STATE = 'https://aka.ms/dsc/schemas/v3/resource/properties/inDesiredState.json';
export const TOOL_SETUP_TIMEOUT_MS = 10 * 60_000;

export interface Operation {
  executable: string;
  args: (string | Record<string, unknown>)[];
  input?: string;
  return?: string;
  implementsPretest?: boolean;
}

export interface ResourceManifest {
  $schema: string;
  type: string;
  version: string;
  get: Operation;
  set: Operation;
  whatIf: Operation;
  test: Operation;
  exitCodes: Record<string, string>;
  schema: { embedded: { properties: Record<string, unknown> } & Record<string, unknown> };
}

export const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as ResourceManifest;
export const instanceSchema = JSON.parse(
  readFileSync(join(REPO_ROOT, 'schemas', 'dsc-instance.schema.json'), 'utf8'),
) as {
  properties: Record<string, { type?: unknown; readOnly?: boolean }>;
} & Record<string, unknown>;

/** ajv for the vendored DSC schemas: their embedded-schema rule refers to the 2019-09 and draft-07 meta-schemas. */
export function vendorAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-07.json'));
  return ajv;
}

export function vendorSchema(
  file: string,
): Record<string, unknown> & { $defs: Record<string, Record<string, unknown>> } {
  return readVendorSchema('dsc-v3.1.0', file) as ReturnType<typeof vendorSchema>;
}
