import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesDocument } from '../../scripts/generate-docs';
import { EXIT_CODES, MODULE_EXIT_CODES } from '../../src/core/exit-codes';
import { LOGON_RIGHTS } from '../../src/core/rights';
import { RULE_TABLE } from '../../src/core/rules';
import { ALL_STATUSES, reasonCode } from '../../src/core/status';

/**
 * Each table has one source in src/core. The copies scripts/generate-tables.ts writes (schemas,
 * PowerShell data and ValidateSets, the DSC v3 manifest) are checked for staleness in
 * generated-tables.test.ts; here are the generated docs, the hand-written README tables, and the
 * tables' consistency with each other.
 */
const root = join(__dirname, '..', '..');
const read = (...parts: string[]) => readFileSync(join(root, ...parts), 'utf8');

describe('tables and their derived copies agree', () => {
  it('docs/rules.md is what scripts/generate-docs.ts writes from the rule and status tables', () => {
    assert.equal(read('docs', 'rules.md'), renderRulesDocument(), 'run: npx tsx scripts/generate-docs.ts');
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
