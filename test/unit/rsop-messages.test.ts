import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import { parseRsopJson, parseRsopJsonText } from '../../src/parse/rsop-json';
import { inputErrorFrom } from '../helpers/errors';

/** rsop.json: what each rejected value is called in the message, and the edges of what is read. */

const FILE = 'rsop.json';
const DDP = '{31B2F340-016D-11D2-945F-00C04FB984F9}';
const entry = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  right: 'SeNetworkLogonRight',
  accounts: ['*S-1-5-11'],
  precedence: 1,
  gpoId: DDP,
  gpoName: 'Default Domain Policy',
  ...overrides,
});

const errorFrom = (value: unknown): InputError => inputErrorFrom(() => parseRsopJson(value, FILE));

describe('rsop.json: messages and edges', () => {
  it('names what it found instead of an entry, for every kind of JSON value', () => {
    const found = (value: unknown): string => errorFrom([value]).found;
    assert.equal(found(null), 'null');
    assert.equal(found([1, 2]), 'an array of 2');
    assert.equal(found('x'), 'the string "x"');
    assert.equal(found(7), 'the number 7');
    assert.equal(found(false), 'false');
    assert.equal(errorFrom([entry({ right: '  ' })]).found, 'the blank string "  "');
    assert.equal(errorFrom([entry({ gpoName: {} })]).found, 'an object');
    assert.equal(errorFrom({}).found, 'an object');
    // A hole in a sparse array reads as nothing.
    assert.equal(errorFrom(new Array(1)).found, 'nothing');
    assert.equal(errorFrom([entry({ precedence: 1.5 })]).found, 'the number 1.5');
  });

  it('every rejection names its JSON pointer and what was expected', () => {
    assert.equal(
      errorFrom([entry(), { right: 'x' }]).message,
      'rsop.json (at /1): expected the property "accounts", found an entry without it',
    );
    assert.equal(
      errorFrom([entry({ 'a/b~c': 1 })]).message,
      'rsop.json (at /0/a~1b~0c): expected only the properties right, accounts, precedence, gpoId, gpoName, found the property "a/b~c"',
    );
    assert.equal(
      errorFrom([entry({ precedence: 0 })]).message,
      'rsop.json (at /0/precedence): expected a whole number from 1 (the applied GPO) up, found the number 0',
    );
    assert.equal(errorFrom([entry({ precedence: 4294967296 })]).found, 'the number 4294967296');
    assert.equal(
      errorFrom([entry({ gpoId: 31 })]).message,
      'rsop.json (at /0/gpoId): expected a GPO id: "{GUID}", "CN={GUID},CN=Policies,CN=System,DC=..." or "LocalGPO", found the number 31',
    );
    assert.equal(
      errorFrom([entry({ accounts: 'S-1-5-11' })]).message,
      'rsop.json (at /0/accounts): expected an array of account entries (or null for none), found the string "S-1-5-11"',
    );
  });

  it('reads precedences up to 2^32-1, trims names and rights, and names a GPO from its first named entry', () => {
    const result = parseRsopJson(
      [
        entry({ right: ' SeBatchLogonRight ', gpoName: null, precedence: 4294967295 }),
        entry({ gpoName: '  ' }),
        entry({ right: 'SeServiceLogonRight', gpoName: ' First name ' }),
        entry({ right: 'SeDenyBatchLogonRight', gpoName: 'Second name' }),
        entry({ right: 'SeInteractiveLogonRight', gpoId: 'LocalGPO', gpoName: undefined }),
      ],
      FILE,
    );
    assert.deepEqual(result.gpos, [
      { id: DDP, name: 'First name' },
      { id: 'LocalGPO', name: 'LocalGPO' },
    ]);
    assert.deepEqual(
      result.assignments.map((assignment) => [assignment.right, assignment.precedence, assignment.gpo.name]),
      [
        ['SeBatchLogonRight', 4294967295, 'First name'],
        ['SeNetworkLogonRight', 1, 'First name'],
        ['SeServiceLogonRight', 1, 'First name'],
        ['SeDenyBatchLogonRight', 1, 'First name'],
        ['SeInteractiveLogonRight', 1, 'LocalGPO'],
      ],
    );
    assert.deepEqual(result.diagnostics, []);
  });

  it('warns about an unknown right and about two losing entries at one precedence', () => {
    const result = parseRsopJson(
      [
        entry({ right: 'SeMadeUp' }),
        entry({ precedence: 2 }),
        entry({ precedence: 2, gpoId: 'LocalGPO', gpoName: 'Local' }),
      ],
      FILE,
    );
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.message]),
      [
        [
          'unknown-right',
          'warning',
          '"SeMadeUp" at /0/right is not a known user right or privilege; kept as written and not evaluated',
        ],
        [
          'duplicate-precedence',
          'warning',
          `SeNetworkLogonRight has two entries at precedence 2, from GPO "Default Domain Policy" ${DDP} (/1) and GPO "Local" LocalGPO (/2); neither is applied, so this does not change the result`,
        ],
      ],
    );
  });

  it('refuses text over 16 MiB before parsing it', () => {
    assert.throws(
      () => parseRsopJsonText(' '.repeat(16 * 1024 * 1024 + 1), FILE),
      (error: unknown) =>
        error instanceof InputError &&
        error.message ===
          `rsop.json: expected an rsop.json of at most 16 MiB, found ${16 * 1024 * 1024 + 1} characters`,
    );
    assert.throws(
      () => parseRsopJsonText(' '.repeat(16 * 1024 * 1024), FILE),
      (error: unknown) => error instanceof InputError && /valid JSON/.test(error.message),
    );
  });
});
