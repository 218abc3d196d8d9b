import assert from 'node:assert/strict';
import { validateAgainstSchema, type SchemaName } from '../../src/parse/schema-validation';
import { inputErrorFrom } from '../helpers/errors';

/**
 * A document that fails its schema is refused with one line naming the file, the JSON pointer of
 * the value a person must fix, what the schema expected there and what the document holds. Each
 * row pins that line for one kind of schema error (and each kind of value found), and the rows
 * with several errors pin which one is shown: the deepest, a missing or unknown property counting
 * one level deeper than the object that holds it.
 */

const SID_WORDS = 'a SID such as S-1-5-32-544 (S-1-, then numbers joined by "-")';

function account(fields: object): object {
  return { accounts: [{ name: 'HOST\\web', sid: 'S-1-5-21-1-2-3-1001', kind: 'local', ...fields }] };
}

function webConfig(fields: object): object {
  return { webConfigs: [{ site: 'Shop', path: '/', physicalPath: 'C:\\inetpub\\shop', state: 'absent', ...fields }] };
}

const CASES: { name: string; schema: SchemaName; value: unknown; line: string }[] = [
  {
    name: 'a required property missing at the root',
    schema: 'accounts',
    value: {},
    line: 'f.json (at (document root)): expected property "accounts", found it missing',
  },
  {
    name: 'an undocumented property, named in the pointer',
    schema: 'accounts',
    value: { accounts: [], extra: 1 },
    line: 'f.json (at /extra): expected only the documented properties (no "extra"), found property "extra"',
  },
  {
    name: 'a value outside an enum, every allowed value listed',
    schema: 'accounts',
    value: account({ kind: 'alien' }),
    line: 'f.json (at /accounts/0/kind): expected one of "local", "domain", "builtin", "virtual", found "alien"',
  },
  {
    name: 'a constant that differs',
    schema: 'facts',
    value: { factsVersion: 2, files: { 'secedit.inf': '' } },
    line: 'f.json (at /factsVersion): expected 1, found number 2',
  },
  {
    name: 'a string where a boolean belongs',
    schema: 'host',
    value: { domainJoined: 'yes' },
    line: 'f.json (at /domainJoined): expected a value of type boolean, found "yes"',
  },
  {
    name: 'null where a string belongs',
    schema: 'host',
    value: { computerName: null },
    line: 'f.json (at /computerName): expected a value of type string, found null',
  },
  {
    name: 'an array where a string belongs, with its length',
    schema: 'host',
    value: { computerName: [1, 2] },
    line: 'f.json (at /computerName): expected a value of type string, found an array of 2 item(s)',
  },
  {
    name: 'an object where a string belongs',
    schema: 'host',
    value: { computerName: {} },
    line: 'f.json (at /computerName): expected a value of type string, found an object',
  },
  {
    name: 'a number where a string belongs',
    schema: 'host',
    value: { computerName: 5 },
    line: 'f.json (at /computerName): expected a value of type string, found number 5',
  },
  {
    name: 'a document that is not an object',
    schema: 'host',
    value: 7,
    line: 'f.json (at (document root)): expected a value of type object, found number 7',
  },
  {
    name: 'a value of none of several types',
    schema: 'facts',
    value: { files: { 'secedit.inf': '', 'rsop.json': false } },
    line: 'f.json (at /files/rsop.json): expected a value of type string or array, found boolean false',
  },
  {
    name: 'a string that does not match its pattern',
    schema: 'accounts',
    value: account({ sid: 'X-1' }),
    line: `f.json (at /accounts/0/sid): expected ${SID_WORDS}, found "X-1"`,
  },
  {
    name: 'an empty string where one character is the least',
    schema: 'accounts',
    value: account({ name: '' }),
    line: 'f.json (at /accounts/0/name): expected a string of at least 1 character(s), found ""',
  },
  {
    name: 'a string over its length limit, shown shortened',
    schema: 'webconfigs',
    value: webConfig({ site: 'x'.repeat(1025) }),
    line: `f.json (at /webConfigs/0/site): expected a string of at most 1024 character(s), found a string of 1025 characters, "${'x'.repeat(60)}..."`,
  },
  {
    name: 'text given for a web.config that is absent',
    schema: 'webconfigs',
    value: webConfig({ text: 'x' }),
    line: 'f.json (at /webConfigs/0/text): expected no property "text" unless state is "read", found property "text"',
  },
  {
    name: 'a missing property shown before a summary error on the same object',
    schema: 'webconfigs',
    value: webConfig({ state: 'unreadable', text: 'x' }),
    line: 'f.json (at /webConfigs/0): expected property "reason", found it missing',
  },
  {
    name: 'an undocumented property shown before a summary error on the same object',
    schema: 'webconfigs',
    value: webConfig({ text: 'x', extra: 1 }),
    line: 'f.json (at /webConfigs/0/extra): expected only the documented properties (no "extra"), found property "extra"',
  },
  {
    name: 'a deep error shown before an undocumented property at the root',
    schema: 'accounts',
    value: { extra: 1, accounts: [{ name: 'a', sid: 'bad', kind: 'local' }] },
    line: `f.json (at /accounts/0/sid): expected ${SID_WORDS}, found "bad"`,
  },
  {
    name: 'the deeper of two type errors, in a later array item',
    schema: 'accounts',
    value: { unresolved: 3, accounts: [{ name: 'a', sid: 'S-1-1-0', kind: 'local', groups: ['S-1-1-0', 5] }] },
    line: 'f.json (at /accounts/0/groups/1): expected a value of type string, found number 5',
  },
  {
    // Depth counts path segments, not characters: the longer pointer is the shallower one here.
    name: 'the deeper error where a shallower one has the longer pointer',
    schema: 'accounts',
    value: {
      accounts: [
        { name: 'a', sid: 'S-1-1-0', kind: 'local', groupsIncomplete: 5 },
        { name: 'b', sid: 'S-1-1-0', kind: 'local', groups: [7] },
      ],
    },
    line: 'f.json (at /accounts/1/groups/0): expected a value of type string, found number 7',
  },
  {
    name: 'a missing property of an array item',
    schema: 'accounts',
    value: { accounts: [], unresolved: [{ name: 'a' }, { reason: 'gone' }] },
    line: 'f.json (at /unresolved/1): expected property "name", found it missing',
  },
];

describe('schema validation: the one line a schema error gives', () => {
  for (const { name, schema, value, line } of CASES) {
    it(name, () => {
      const error = inputErrorFrom(() => validateAgainstSchema(schema, value, 'f.json'));
      assert.equal(error.message, line);
      assert.equal(error.file, 'f.json');
    });
  }

  it('accepts a valid document of each kind without a word', () => {
    assert.doesNotThrow(() => validateAgainstSchema('accounts', account({}), 'f.json'));
    assert.doesNotThrow(() => validateAgainstSchema('host', { computerName: 'WEB1' }, 'f.json'));
    assert.doesNotThrow(() => validateAgainstSchema('webconfigs', webConfig({}), 'f.json'));
  });
});
