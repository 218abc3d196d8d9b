import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesDocument } from '../../scripts/generate-docs';
import {
  DSC_V3_MANIFEST_PATH,
  ENGINE_CONTRACT_PATH,
  renderDscV3Manifest,
  renderEngineContract,
} from '../../scripts/generate-tables';
import { EXIT_CODES, MODULE_EXIT_CODES } from '../../src/core/exit-codes';
import { LOGON_RIGHTS } from '../../src/core/rights';
import { IDENTITY_ROLES } from '../../src/core/roles';
import { RULE_TABLE } from '../../src/core/rules';
import { ALL_STATUSES, reasonCode } from '../../src/core/status';

/**
 * Each table has one source in src/core; everything derived from it (docs, README, schemas) is
 * checked here so a change to the source without its copies fails.
 */
const root = join(__dirname, '..', '..');
const read = (...parts: string[]) => readFileSync(join(root, ...parts), 'utf8');
const readJson = (...parts: string[]) => JSON.parse(read(...parts));

describe('tables and their derived copies agree', () => {
  it('docs/rules.md is what scripts/generate-docs.ts writes from the rule and status tables', () => {
    assert.equal(read('docs', 'rules.md'), renderRulesDocument(), 'run: npx tsx scripts/generate-docs.ts');
  });

  it("the module's Data/EngineContract.psd1 and the DSC v3 manifest's exitCodes are what scripts/generate-tables.ts writes", () => {
    assert.equal(
      readFileSync(ENGINE_CONTRACT_PATH, 'utf8'),
      renderEngineContract(),
      'run: npx tsx scripts/generate-tables.ts',
    );
    const manifest = readFileSync(DSC_V3_MANIFEST_PATH, 'utf8');
    assert.equal(manifest, renderDscV3Manifest(manifest), 'run: npx tsx scripts/generate-tables.ts');
  });

  it("the module's exit-code table holds every engine code with the engine's meaning, and only 5 besides", () => {
    for (const [name, { code, meaning }] of Object.entries(EXIT_CODES)) {
      const row = MODULE_EXIT_CODES.find((candidate) => candidate.code === code);
      assert.equal(row?.name, name, `exit code ${code}`);
      // Under DSC v3, 1 is the entry's own "set did not reach the desired state".
      if (code !== EXIT_CODES.notInDesiredState.code) assert.equal(row.dscV3, meaning, `exit code ${code}`);
    }
    const engineCodes = new Set<number>(Object.values(EXIT_CODES).map((entry) => entry.code));
    assert.deepEqual(
      MODULE_EXIT_CODES.filter((row) => !engineCodes.has(row.code)).map((row) => row.code),
      [5],
    );
  });

  it('the README exit code table gives each code of EXIT_CODES with its meaning', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('### Exit codes'));
    // The README marks commands as code and starts rows in lower case; the words must be the table's.
    const plain = (text: string) =>
      text
        .replaceAll('`', '')
        .replace(/\.$/, '')
        .replace(/^./, (first) => first.toLowerCase());
    const rows = [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)].map((match) => ({
      code: Number(match[1]),
      meaning: plain(match[2]!),
    }));
    assert.deepEqual(
      rows,
      Object.values(EXIT_CODES).map((entry) => ({ code: entry.code, meaning: plain(entry.meaning) })),
    );
  });

  it('the README status table lists exactly FINDING_STATUSES', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('### Statuses'), readme.indexOf('### Rule sets'));
    const rows = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);
    assert.deepEqual(rows, ALL_STATUSES);
  });

  it('result.schema.json and plan.schema.json enumerate exactly the statuses', () => {
    assert.deepEqual(readJson('schemas', 'result.schema.json').$defs.status.enum, ALL_STATUSES);
    assert.deepEqual(readJson('schemas', 'plan.schema.json').$defs.status.enum, ALL_STATUSES);
  });

  it('plan.schema.json enumerates exactly the logon rights of the rights table', () => {
    assert.deepEqual(
      [...readJson('schemas', 'plan.schema.json').$defs.logonRight.enum].sort(),
      [...LOGON_RIGHTS.keys()].sort(),
    );
  });

  it('result.schema.json enumerates exactly the identity sources of the rule table, plus unknown', () => {
    const sources = new Set(RULE_TABLE.map((row) => row.source));
    const schemaKinds = readJson('schemas', 'result.schema.json').$defs.finding.properties.identity.properties.kind
      .enum as string[];
    assert.deepEqual(new Set(schemaKinds), new Set([...sources, 'unknown']));
  });

  it('result.schema.json enumerates exactly the identity roles of the roles table', () => {
    assert.deepEqual(readJson('schemas', 'result.schema.json').$defs.role.enum, Object.keys(IDENTITY_ROLES));
  });

  it('Reasons codes follow IisAnonymousLogonRight:IisAnonymousLogonRight:<Status> and are unique', () => {
    const codes = ALL_STATUSES.map((status) => reasonCode(status));
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^IisAnonymousLogonRight:IisAnonymousLogonRight:[A-Z][A-Za-z]+$/);
    assert.equal(reasonCode('revoked-at-refresh'), 'IisAnonymousLogonRight:IisAnonymousLogonRight:RevokedAtRefresh');
  });

  it("every rule row names rights from the rights table, and deny is the allow right's counterpart", () => {
    for (const row of RULE_TABLE) {
      if (row.allowRight === null) {
        assert.equal(row.denyRight, null, row.id);
        continue;
      }
      assert.equal(LOGON_RIGHTS.get(row.allowRight)?.kind, 'allow', row.id);
      assert.equal(LOGON_RIGHTS.get(row.allowRight)?.counterpart, row.denyRight, row.id);
    }
  });
});
