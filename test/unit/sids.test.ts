import assert from 'node:assert/strict';
import {
  accountShortName,
  applicationPoolSid,
  isDomainOrMachineAccountSid,
  isValidSid,
  normalizeAccountName,
  normalizeSid,
  wellKnownSidForName,
  wellKnownSidName,
} from '../../src/core/sids';

/** SID syntax and normal form, account-name comparison, the well-known table, pool SIDs. */

describe('SIDs', () => {
  it('normalizeSid: upper-case S, no leading zeros, trimmed; a hex authority kept in hex', () => {
    const cases: [string, string][] = [
      ['S-1-5-11', 'S-1-5-11'],
      ['s-1-5-11', 'S-1-5-11'],
      ['  S-1-5-32-544\t', 'S-1-5-32-544'],
      ['S-1-05-32-0544', 'S-1-5-32-544'],
      ['S-1-5-21-4294967295', 'S-1-5-21-4294967295'],
      ['S-1-5-21-0000000001', 'S-1-5-21-1'],
      ['s-1-0x00000000000a-7', 'S-1-0x00000000000A-7'],
      ['S-1-0X00000000000B', 'S-1-0x00000000000B'],
      ['S-1-0', 'S-1-0'],
    ];
    for (const [written, normal] of cases) assert.equal(normalizeSid(written), normal, written);
  });

  it('normalizeSid and isValidSid refuse sub-authorities over 32 bits, anywhere in the SID', () => {
    for (const text of [
      'S-1-5-21-4294967296',
      'S-1-5-21-9999999999',
      'S-1-5-21-1000000000-4294967296',
      'S-1-5-82-4294967295-4294967296',
      'S-1-5-21-04294967296',
    ]) {
      assert.equal(normalizeSid(text), undefined, text);
      assert.equal(isValidSid(text), false, text);
    }
    assert.equal(
      normalizeSid('S-1-5-82-1000000000-2000000000-3000000000-4000000000-4294967295'),
      'S-1-5-82-1000000000-2000000000-3000000000-4000000000-4294967295',
    );
  });

  it('normalizeSid draws the 32-bit line at 4294967295 for a sub-authority at every digit, not for the authority', () => {
    const limit = 4294967295;
    const values = [limit];
    for (let power = 1; power <= 1e9; power *= 10) values.push(limit - power, limit + power);
    for (const value of values.filter((candidate) => candidate >= 1e9 && candidate < 1e10)) {
      const fits = value <= limit;
      for (const sid of [`S-1-5-${value}`, `S-1-5-21-${value}-1000`, `S-1-5-82-1-2-3-${value}`])
        assert.equal(normalizeSid(sid), fits ? sid : undefined, sid);
      // The identifier authority has 48 bits.
      assert.equal(normalizeSid(`S-1-${value}-1`), `S-1-${value}-1`);
    }
  });

  it('normalizeSid refuses what is not a SID', () => {
    for (const text of [
      '',
      'S-1',
      'S-1-',
      'S-2-5-11',
      'S-1-5-x',
      'S-1-5-11-',
      '*S-1-5-11',
      'S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16',
      'S-1-0x00000000005-1',
    ]) {
      assert.equal(normalizeSid(text), undefined, text);
    }
    assert.equal(
      normalizeSid('S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15'),
      'S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15',
    );
  });

  it('recognises an account SID of a domain or machine: S-1-5-21-a-b-c-RID', () => {
    assert.equal(isDomainOrMachineAccountSid('S-1-5-21-1-2-3-1005'), true);
    assert.equal(isDomainOrMachineAccountSid('S-1-5-21-173939653-3250197068-1151168150-1003'), true);
    for (const sid of [
      'S-1-5-21-1-2-3',
      'S-1-5-21-1-2-3-4-5',
      'S-1-5-32-544',
      'xS-1-5-21-1-2-3-4',
      'S-1-5-21-1-2-3-4x',
      'S-1-5-21-a-2-3-4',
    ])
      assert.equal(isDomainOrMachineAccountSid(sid), false, sid);
  });

  it('derives an application pool SID from the lower-cased pool name (DefaultAppPool, as whoami /all shows it)', () => {
    assert.equal(applicationPoolSid('DefaultAppPool'), 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415');
    assert.equal(applicationPoolSid('DEFAULTAPPPOOL'), applicationPoolSid('defaultapppool'));
    assert.notEqual(applicationPoolSid('Shop'), applicationPoolSid('Shop2'));
    assert.match(applicationPoolSid('Shop'), /^S-1-5-82(-\d{1,10}){5}$/);
  });
});

describe('account names', () => {
  it('compare case-insensitively, trimmed, with .\\ meaning this machine', () => {
    assert.equal(normalizeAccountName('  CONTOSO\\Svc-Web '), 'contoso\\svc-web');
    assert.equal(normalizeAccountName('.\\Anon'), 'anon');
    assert.equal(normalizeAccountName('WEB.\\Anon'), 'web.\\anon');
    assert.equal(normalizeAccountName('ÄRGER\\Öl'), 'ärger\\öl');
  });

  it('the short name is the part after the last backslash', () => {
    assert.equal(accountShortName(' CONTOSO\\svc '), 'svc');
    assert.equal(accountShortName('A\\B\\c'), 'c');
    assert.equal(accountShortName('Guest'), 'Guest');
    assert.equal(accountShortName('A\\user'), 'user', 'a one-letter domain');
    assert.equal(accountShortName('\\user'), 'user');
  });

  it('well-known SIDs by English name, short name or alias, and their display names', () => {
    const byName: [string, string | undefined][] = [
      ['Everyone', 'S-1-1-0'],
      ['world', 'S-1-1-0'],
      ['BUILTIN\\Users', 'S-1-5-32-545'],
      ['Users', 'S-1-5-32-545'],
      ['NT AUTHORITY\\IUSR', 'S-1-5-17'],
      ['iusr', 'S-1-5-17'],
      ['Authenticated Users', 'S-1-5-11'],
      ['NetworkService', 'S-1-5-20'],
      ['Local account', 'S-1-5-113'],
      ['Nobody', undefined],
    ];
    for (const [name, sid] of byName) assert.equal(wellKnownSidForName(name), sid, name);
    assert.equal(wellKnownSidName('S-1-5-11'), 'NT AUTHORITY\\Authenticated Users');
    assert.equal(wellKnownSidName('S-1-5-32-568'), 'BUILTIN\\IIS_IUSRS');
    assert.equal(wellKnownSidName('S-1-5-21-1-2-3-4'), undefined);
  });
});
