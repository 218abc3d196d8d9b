import assert from 'node:assert/strict';
import { buildAccountIndex, guessAccountKind, type AccountIndex } from '../../src/core/accounts';
import type { Account, HostInfo } from '../../src/core/model';

/** Looking accounts up by SID and by name, the way policy files and IIS spell them. */

const ANON: Account = { name: 'WEB01\\anon', sid: 'S-1-5-21-1-2-3-1005', kind: 'local', groups: [] };
const DOMAIN_ANON: Account = { name: 'CONTOSO\\anon', sid: 'S-1-5-21-7-8-9-1105', kind: 'domain', groups: [] };
const SVC: Account = { name: 'CONTOSO\\svc-web', sid: 'S-1-5-21-7-8-9-1200', kind: 'domain', groups: [] };
const WEB01: HostInfo = { computerName: 'web01', domain: 'CONTOSO' };

describe('buildAccountIndex', () => {
  let index: AccountIndex;
  before(() => {
    index = buildAccountIndex(
      {
        accounts: [ANON, DOMAIN_ANON, SVC, { ...SVC, name: 'CONTOSO\\svc-web-renamed' }],
        unresolved: [{ name: 'CONTOSO\\Gone' }],
      },
      WEB01,
    );
  });

  it('finds an account by SID, the first listing winning', () => {
    assert.equal(index.bySid('S-1-5-21-7-8-9-1200')?.name, 'CONTOSO\\svc-web');
    assert.equal(index.bySid('S-1-5-21-1-2-3-1005'), ANON);
    assert.equal(index.bySid('S-1-5-21-9-9-9-9'), undefined);
  });

  it('finds a qualified name case-insensitively, with .\\ meaning this machine', () => {
    assert.equal(index.byName('contoso\\SVC-WEB'), SVC);
    assert.equal(index.byName(' WEB01\\Anon '), ANON);
  });

  it("a bare name is this machine's account first, then a unique short name, never an ambiguous one", () => {
    assert.equal(index.byName('anon'), ANON, 'WEB01\\anon, not CONTOSO\\anon');
    assert.equal(index.byName('svc-web'), SVC);
    assert.equal(index.byName('svc-web-renamed')?.sid, SVC.sid);
    const elsewhere = buildAccountIndex({ accounts: [ANON, DOMAIN_ANON], unresolved: [] }, { computerName: 'WEB02' });
    assert.equal(elsewhere.byName('anon'), undefined, 'two accounts share the short name');
    const three = buildAccountIndex(
      { accounts: [ANON, DOMAIN_ANON, { ...SVC, name: 'FABRIKAM\\anon' }], unresolved: [] },
      { computerName: 'WEB02' },
    );
    assert.equal(three.byName('anon'), undefined, 'three accounts share the short name');
    const noHost = buildAccountIndex({ accounts: [ANON, { ...ANON, name: 'OTHER\\anon' }], unresolved: [] }, null);
    assert.equal(
      noHost.byName('anon')?.sid,
      ANON.sid,
      'the same SID twice is not ambiguous (the later listing answers)',
    );
    assert.equal(noHost.byName('anon')?.name, 'OTHER\\anon');
    assert.equal(noHost.byName('OTHER\\missing'), undefined);
  });

  it('falls back to the well-known SIDs, named in English', () => {
    assert.deepEqual(index.byName('Authenticated Users'), {
      name: 'NT AUTHORITY\\Authenticated Users',
      sid: 'S-1-5-11',
      kind: 'builtin',
      groups: [],
    });
    assert.deepEqual(index.byName('builtin\\iis_iusrs'), {
      name: 'BUILTIN\\IIS_IUSRS',
      sid: 'S-1-5-32-568',
      kind: 'builtin',
      groups: [],
    });
    assert.equal(index.byName('CONTOSO\\Nobody'), undefined);
  });

  it('display names: collected, else well-known, else the SID', () => {
    assert.equal(index.displayName('S-1-5-21-1-2-3-1005'), 'WEB01\\anon');
    assert.equal(index.displayName('S-1-5-32-544'), 'BUILTIN\\Administrators');
    assert.equal(index.displayName('S-1-5-21-9-9-9-9'), 'S-1-5-21-9-9-9-9');
  });

  it('knows which names the collector could not resolve', () => {
    assert.equal(index.isKnownUnresolved('contoso\\gone'), true);
    assert.equal(index.isKnownUnresolved('CONTOSO\\anon'), false);
  });

  it("finds a pool's virtual account as byName does, and nothing when accounts.json lists none", () => {
    const pool: Account = { name: 'IIS APPPOOL\\Shop', sid: 'S-1-5-82-1-2-3-4-5', kind: 'virtual', groups: [] };
    const withPool = buildAccountIndex({ accounts: [ANON, pool], unresolved: [] }, WEB01);
    assert.equal(withPool.poolAccount('shop '), pool);
    assert.equal(withPool.poolAccount('Other'), undefined);
    for (const name of ['Shop', 'Everyone', 'IUSR', 'anon', ' SYSTEM']) {
      assert.equal(index.poolAccount(name), index.byName(`IIS APPPOOL\\${name}`), name);
      assert.equal(withPool.poolAccount(name), withPool.byName(`IIS APPPOOL\\${name}`), name);
    }
  });

  it('works with no accounts.json and no host.json', () => {
    const empty = buildAccountIndex(null, null);
    assert.equal(empty.bySid('S-1-5-11'), undefined);
    assert.equal(empty.byName('Everyone')?.sid, 'S-1-1-0');
    assert.equal(empty.isKnownUnresolved('x'), false);
    assert.equal(empty.displayName('S-1-1-0'), 'Everyone');
  });
});

describe('guessAccountKind', () => {
  it('the machine\'s own name or "." is local, the host\'s domain is domain, anything else unknown', () => {
    assert.equal(guessAccountKind('WEB01\\anon', WEB01), 'local');
    assert.equal(guessAccountKind('.\\anon', null), 'local');
    assert.equal(guessAccountKind('contoso\\anon', WEB01), 'domain');
    assert.equal(guessAccountKind('FABRIKAM\\anon', WEB01), undefined);
    assert.equal(guessAccountKind('anon', WEB01), undefined);
    assert.equal(guessAccountKind('web01$', WEB01), undefined, 'a bare name, even the machine account');
    assert.equal(guessAccountKind('CONTOSOX', WEB01), undefined, 'a bare name that begins with the domain');
    assert.equal(guessAccountKind('WEB01\\anon', null), undefined);
    assert.equal(guessAccountKind('WEB01\\anon', { domain: 'WEB01' }), 'domain');
  });
});
