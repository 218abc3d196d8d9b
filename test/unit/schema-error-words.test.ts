import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOT_RULES, PATTERN_WORDS, WORDED_KEYWORDS } from '../../src/parse/schema-error-words';
import { validateAgainstSchema, type SchemaName } from '../../src/parse/schema-validation';
import { runCli } from '../../src/cli';
import { loadFactsDocument } from '../../src/io/facts';
import { readPlanDocument } from '../../src/io/plan-document';
import { parseAccountsJson, parseHostJson } from '../../src/parse/accounts-json';
import { parseWebConfigs } from '../../src/parse/webconfig';
import { inputErrorFrom } from '../helpers/errors';
import { ROWS, valid } from '../helpers/schema-error-rows';

/**
 * Every schema-validated input (accounts.json, host.json, facts, rsop.json, plans with their undo,
 * the DSC request, webconfigs.json) refuses a bad document in the project's one line: file, JSON
 * pointer, what was expected in words (with the limit) and what was found, escaped and shortened;
 * never ajv's own text ("must NOT have more than 1024 characters"). One row per keyword each
 * input schema can fail with, and a walk over the schemas keeps the rows, the keywords worded,
 * the patterns in words and the `not` rules complete as the schemas change.
 */

const ROOT = join(__dirname, '..', '..');
const SCHEMAS: readonly SchemaName[] = ['accounts', 'host', 'facts', 'rsop', 'plan', 'dsc-request', 'webconfigs'];
const schemaFile = (schema: SchemaName) => join(ROOT, 'schemas', `${schema}.schema.json`);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const validators = require('../../src/generated/validators.cjs') as Record<
  SchemaName,
  ((value: unknown) => boolean) & { errors?: { keyword: string }[] | null }
>;

describe('schema errors: every keyword of every input schema in the one-line form', () => {
  for (const [schema, rows] of Object.entries(ROWS) as [SchemaName, (typeof ROWS)[SchemaName]][])
    for (const [keyword, edit, line] of rows) {
      it(`${schema}: ${keyword} (${line.slice(0, 60)})`, () => {
        const document = valid[schema]();
        edit(document);
        const validate = validators[schema];
        assert.equal(validate(document), false);
        assert.ok(
          validate.errors?.some((error) => error.keyword === keyword),
          `the row does not make ${schema} fail with ${keyword}`,
        );
        const error = inputErrorFrom(() => validateAgainstSchema(schema, document, `${schema}.json`));
        assert.equal(error.message, `${schema}.json ${line}`);
        assert.doesNotMatch(error.message, /\bmust\b|[\r\n\u001b]/);
        assert.ok(error.message.length < 1100, `${error.message.length} characters`);
      });
    }

  it('passes the valid document of each kind, so each row fails only by its edit', () => {
    for (const schema of SCHEMAS) assert.equal(validators[schema](valid[schema]()), true, schema);
  });

  it('reaches the user in that form from each reader that validates, under its own file name', () => {
    const text = (value: unknown) => Buffer.from(JSON.stringify(value));
    const plan = valid.plan() as { undo: { sid: string }[] };
    plan.undo[0]!.sid = 'S-1-5';
    const site = 'x'.repeat(1025);
    const cases: [() => unknown, string][] = [
      [
        () => parseAccountsJson({ accounts: [{ name: '', sid: 'S-1-1-0', kind: 'local' }] }, 'accounts.json'),
        'accounts.json (at /accounts/0/name): expected a string of at least 1 character(s), found ""',
      ],
      [
        () => parseHostJson({ computerName: '' }, 'host.json'),
        'host.json (at /computerName): expected a string of at least 1 character(s), found ""',
      ],
      [
        () => loadFactsDocument(text({ files: { 'secedit.inf': '', 'rsop.json': false } }), 'stdin'),
        'stdin (at /files/rsop.json): expected a value of type string or array, found boolean false',
      ],
      [
        () => readPlanDocument(text(plan), 'backup.json'),
        `backup.json (at /undo/0/sid): expected a SID such as S-1-5-32-544 (S-1-, then at least two numbers joined by "-"), found "S-1-5"`,
      ],
      [
        () => parseWebConfigs({ webConfigs: [{ site, path: '/', physicalPath: 'D:\\w', state: 'absent' }] }, 'w.json'),
        `w.json (at /webConfigs/0/site): expected a string of at most 1024 character(s), found a string of 1025 characters, "${'x'.repeat(60)}..."`,
      ],
    ];
    for (const [read, line] of cases) assert.equal(inputErrorFrom(read).message, line);
    let stderr = '';
    const code = runCli({
      argv: ['dsc', 'test'],
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      readStdin: () => text({ desired: { scope: '*', ruleSet: 'strict' }, facts: {} }),
      env: {},
    });
    // DSC v3 reads a JSON error object on stderr; its text is the same one line.
    assert.equal(code, 3);
    assert.deepEqual(JSON.parse(stderr), {
      error: 'invalid input: stdin (at /desired/ruleSet): expected one of "documented", "conservative", found "strict"',
    });
  });

  const found = SCHEMAS.map((schema) => ({
    schema,
    ...keywordsOf(JSON.parse(readFileSync(schemaFile(schema), 'utf8')) as object),
  }));

  it('words every keyword an input schema can fail with, and has a row for each', () => {
    for (const { schema, keywords } of found)
      for (const keyword of keywords) {
        assert.ok(WORDED_KEYWORDS.has(keyword), `${schema}: ${keyword} is not worded`);
        assert.ok(
          ROWS[schema].some(([rowKeyword]) => rowKeyword === keyword),
          `${schema}: no row for ${keyword}`,
        );
      }
  });

  it('has every pattern and every `not` of the input schemas in words, and no other', () => {
    const patterns = new Set(found.flatMap(({ patterns }) => patterns));
    assert.deepEqual([...patterns].sort(), Object.keys(PATTERN_WORDS).sort());
    assert.deepEqual(found.flatMap(({ nots }) => nots).sort(), Object.keys(NOT_RULES).sort());
  });
});

/** The keywords of a schema that can fail (not those inside an `if`, which only chooses), its patterns and `not` paths. */
function keywordsOf(schema: object): { keywords: Set<string>; patterns: string[]; nots: string[] } {
  const keywords = new Set<string>();
  const patterns: string[] = [];
  const nots: string[] = [];
  const MAPS = new Set(['properties', '$defs', 'patternProperties']);
  const ONE = new Set(['items', 'not', 'then', 'else', 'propertyNames', 'contains', 'additionalProperties']);
  const MANY = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
  const ANNOTATIONS = new Set([
    '$schema',
    '$id',
    '$ref',
    '$comment',
    'title',
    'description',
    'examples',
    'default',
    'allOf',
    'then',
    'else',
    'items',
    'properties',
    '$defs',
  ]);
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const at = `${path}/${key}`;
      if (key === 'additionalProperties' && value !== false) walk(value, at);
      else if (!ANNOTATIONS.has(key)) keywords.add(key);
      if (key === 'pattern') patterns.push(String(value));
      if (key === 'not') nots.push(at);
      if (MAPS.has(key)) for (const [name, child] of Object.entries(value as object)) walk(child, `${at}/${name}`);
      else if (MANY.has(key)) (value as unknown[]).forEach((child, index) => walk(child, `${at}/${index}`));
      else if (ONE.has(key) && key !== 'additionalProperties') walk(value, at);
    }
  };
  walk(schema, '#');
  return { keywords, patterns, nots };
}
