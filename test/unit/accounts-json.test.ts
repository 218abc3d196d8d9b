import assert from 'node:assert/strict';
import { parseAccountsJson, parseHostJson, parseJsonText } from '../../src/parse/accounts-json';
import { inputErrorFrom } from '../helpers/errors';

/** accounts.json and host.json after the schema: SIDs normalised, defaults, and JSON text errors. */

describe('accounts.json and host.json', () => {
  it('normalises every SID and keeps names, kinds and unresolved entries as written', () => {
    const directory = parseAccountsJson(
      {
        accounts: [
          {
            name: 'WEB01\\anon',
            sid: 's-1-5-21-01-2-3-1005',
            kind: 'local',
            groups: ['s-1-5-32-545', 'S-1-5-21-1-2-3-0513'],
          },
          { name: 'IUSR', sid: 'S-1-5-17', kind: 'builtin' },
          {
            name: 'BUILTIN\\Users',
            sid: 'S-1-5-32-545',
            kind: 'builtin',
            members: ['s-1-5-11', 'S-1-5-21-1-2-3-0513'],
          },
        ],
        unresolved: [{ name: 'CONTOSO\\gone', reason: 'no such account' }, { name: 'ghost' }],
      },
      'accounts.json',
    );
    assert.deepEqual(directory, {
      accounts: [
        // Listing groups (even none) says they were collected: the engine then infers no alias.
        {
          name: 'WEB01\\anon',
          sid: 'S-1-5-21-1-2-3-1005',
          kind: 'local',
          groups: ['S-1-5-32-545', 'S-1-5-21-1-2-3-513'],
          groupsCollected: true,
        },
        { name: 'IUSR', sid: 'S-1-5-17', kind: 'builtin', groups: [] },
        {
          name: 'BUILTIN\\Users',
          sid: 'S-1-5-32-545',
          kind: 'builtin',
          groups: [],
          members: ['S-1-5-11', 'S-1-5-21-1-2-3-513'],
        },
      ],
      unresolved: [{ name: 'CONTOSO\\gone', reason: 'no such account' }, { name: 'ghost' }],
    });
    assert.ok(!('reason' in directory.unresolved[1]!), 'no reason property when none was given');
    assert.deepEqual(parseAccountsJson({ accounts: [] }, 'accounts.json'), { accounts: [], unresolved: [] });
    assert.throws(
      () =>
        parseAccountsJson(
          { accounts: [{ name: 'G', sid: 'S-1-5-32-545', kind: 'builtin', members: ['S-1-5-99999999999'] }] },
          'accounts.json',
        ),
      /\/accounts\/0\/members\/0/,
    );
  });

  it('rejects a SID whose parts do not fit in 32 bits, naming its JSON pointer', () => {
    const account = inputErrorFrom(() =>
      parseAccountsJson({ accounts: [{ name: 'x', sid: 'S-1-5-21-4294967296', kind: 'local' }] }, 'accounts.json'),
    );
    assert.equal(
      account.message,
      'accounts.json (at /accounts/0/sid): expected a SID (S-1-...) whose parts fit in 32 bits, found "S-1-5-21-4294967296"',
    );
    const group = inputErrorFrom(() =>
      parseAccountsJson(
        {
          accounts: [
            { name: 'x', sid: 'S-1-5-17', kind: 'builtin' },
            { name: 'y', sid: 'S-1-5-18', kind: 'builtin', groups: ['S-1-5-32-545', 'S-1-5-99999999999'] },
          ],
        },
        'accounts.json',
      ),
    );
    assert.deepEqual(group.location, { pointer: '/accounts/1/groups/1' });
  });

  it('host.json drops only $schema', () => {
    assert.deepEqual(
      parseHostJson(
        { $schema: './host.schema.json', computerName: 'WEB01', domainJoined: false, osVersion: '5.2.3790' },
        'host.json',
      ),
      { computerName: 'WEB01', domainJoined: false, osVersion: '5.2.3790' },
    );
  });

  it('parseJsonText reads past a byte order mark and names the line, column and reason of a syntax error', () => {
    assert.deepEqual(parseJsonText('\uFEFF{"a": [1]}', 'f.json'), { a: [1] });
    const error = inputErrorFrom(() => parseJsonText('\uFEFF{\n  "a": 1,\n  "b": }', 'f.json'));
    assert.deepEqual(error.location, { line: 3, column: 8 });
    assert.equal(error.expected, 'valid JSON: a value');
    assert.equal(error.found, '"}"');
  });
});
