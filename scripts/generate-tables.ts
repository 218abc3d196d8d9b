/**
 * Writes every copy of an engine table that lives outside TypeScript (docs/tables.md lists them
 * and says why each is a committed, generated file): the PowerShell module's
 * Data/EngineContract.psd1, the DSC v3 manifest (exit codes and embedded instance schema), the
 * enums of the JSON Schemas in schemas/, and the module's ValidateSet lines. The tables test
 * fails when a committed copy differs from what this writes, so a hand edit cannot stay.
 * Run: npm run generate
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EXIT_CODES, MODULE_EXIT_CODES } from '../src/core/exit-codes';
import { FLEET_EXIT_CODES } from '../src/core/fleet-summary';
import { GROUP_POLICY_SOURCES } from '../src/core/group-policy-sources';
import { ACCOUNT_KINDS } from '../src/core/model';
import { LOGON_RIGHTS } from '../src/core/rights';
import { IDENTITY_ROLES } from '../src/core/roles';
import { EVIDENCE_LEVELS, IDENTITY_SOURCES, RULE_SETS } from '../src/core/rules';
import { ALL_STATUSES } from '../src/core/status';
import { renderEngineContract } from './tables/engine-contract';
import { withEnums, type SchemaEnum } from './tables/json-enums';
import { withValidateSets, type GeneratedSet } from './tables/validate-sets';

const ROOT = join(__dirname, '..');
export const ENGINE_CONTRACT_PATH = join(ROOT, 'dsc', 'IisLogonRightsDsc', 'Data', 'EngineContract.psd1');
export const DSC_V3_MANIFEST_PATH = join(ROOT, 'dsc', 'v3', 'IisLogonRights.AnonymousLogonRight.dsc.resource.json');
const INSTANCE_SCHEMA_PATH = join(ROOT, 'schemas', 'dsc-instance.schema.json');

const ruleSet = (pointer: string): SchemaEnum => ({ pointer, values: RULE_SETS });
const status = (pointer: string): SchemaEnum => ({ pointer, values: ALL_STATUSES });

/** Each schema's enums that copy a table, by JSON pointer to the schema holding the enum. */
export const SCHEMA_ENUMS: Readonly<Record<string, readonly SchemaEnum[]>> = {
  'accounts.schema.json': [{ pointer: '/$defs/account/properties/kind', values: ACCOUNT_KINDS }],
  'dsc-instance.schema.json': [ruleSet('/properties/ruleSet'), status('/properties/findings/items/properties/status')],
  'dsc-request.schema.json': [ruleSet('/properties/desired/properties/ruleSet')],
  'plan.schema.json': [
    ruleSet('/properties/ruleSet'),
    status('/$defs/status'),
    { pointer: '/$defs/logonRight', values: [...LOGON_RIGHTS.keys()] },
  ],
  'report.schema.json': [
    ruleSet('/properties/ruleSet'),
    { pointer: '/properties/exitCode', values: FLEET_EXIT_CODES.map((name) => EXIT_CODES[name].code) },
    status('/$defs/status'),
  ],
  'result.schema.json': [
    ruleSet('/properties/ruleSet'),
    status('/$defs/status'),
    { pointer: '/$defs/evidence', values: EVIDENCE_LEVELS },
    { pointer: '/$defs/role', values: Object.keys(IDENTITY_ROLES) },
    { pointer: '/$defs/finding/properties/identity/properties/kind', values: [...IDENTITY_SOURCES, 'unknown'] },
    { pointer: '/$defs/finding/properties/identity/properties/accountKind', values: [...ACCOUNT_KINDS, 'unknown'] },
  ],
};

/** The module's ValidateSets that copy a table, by the parameter (or `Command -Parameter`) they sit on. */
export const VALIDATE_SETS: readonly GeneratedSet[] = [
  { table: 'RULE_SETS (src/core/rules.ts)', values: RULE_SETS, parameters: ['RuleSet'] },
  {
    table: 'GROUP_POLICY_SOURCES (src/core/group-policy-sources.ts)',
    values: GROUP_POLICY_SOURCES,
    parameters: ['GroupPolicySource'],
  },
  {
    table: 'ACCOUNT_KINDS (src/core/model.ts)',
    values: ACCOUNT_KINDS,
    parameters: ['Resolve-IisLogonRightsTokenGroup -Kind'],
  },
];

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function renderSchema(path: string, current: string): Promise<string> {
  return withEnums(current, relative(ROOT, path), SCHEMA_ENUMS[relative(join(ROOT, 'schemas'), path)]!);
}

/**
 * The manifest with its exitCodes from the module's table and its embedded schema the instance
 * schema (as generated); everything else as it is.
 */
export async function renderDscV3Manifest(current: string): Promise<string> {
  const manifest = JSON.parse(current) as { schema: { embedded: unknown } } & Record<string, unknown>;
  manifest.exitCodes = Object.fromEntries(MODULE_EXIT_CODES.map((row) => [String(row.code), row.dscV3]));
  manifest.schema.embedded = JSON.parse(await renderSchema(INSTANCE_SCHEMA_PATH, read(INSTANCE_SCHEMA_PATH)));
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function powerShellFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ps(?:m?1)$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes(`${join('IisLogonRightsDsc', 'bin')}`))
    .sort();
}

export interface GeneratedFile {
  path: string;
  /** The file as the generator writes it, given its current text (kept where nothing is generated). */
  render: (current: string) => string | Promise<string>;
}

/** Every file the generator writes, with how. */
export function generatedFiles(): GeneratedFile[] {
  return [
    { path: ENGINE_CONTRACT_PATH, render: () => renderEngineContract() },
    { path: DSC_V3_MANIFEST_PATH, render: renderDscV3Manifest },
    ...Object.keys(SCHEMA_ENUMS).map((name) => {
      const path = join(ROOT, 'schemas', name);
      return { path, render: (current: string) => renderSchema(path, current) };
    }),
    ...powerShellFiles(join(ROOT, 'dsc')).map((path) => ({
      path,
      render: (current: string) => withValidateSets(current, relative(ROOT, path), VALIDATE_SETS),
    })),
  ];
}

async function main(): Promise<void> {
  for (const file of generatedFiles()) {
    const current = read(file.path);
    const next = await file.render(current);
    if (next === current) continue;
    writeFileSync(file.path, next);
    console.log(`wrote ${relative(ROOT, file.path)}`);
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
