import assert from 'node:assert/strict';
import type { HostInfo } from '../../src/core/model';
import type { LogonType } from '../../src/core/rules';
import { computeTokenSids, describeLogonType, type TokenInput } from '../../src/core/token';

/** The SIDs in an identity's logon token, with where each comes from and how sure that is. */

const LOCAL = 'S-1-5-21-1000-2000-3000-1005';

function token(overrides: Partial<TokenInput>): Map<string, { origin: string; evidence: string }> {
  const input: TokenInput = {
    sid: LOCAL,
    accountKind: 'local',
    groups: [],
    source: 'custom-anonymous-account',
    logonType: 'NetworkCleartext',
    host: null,
    ...overrides,
  };
  return new Map(
    computeTokenSids(input).map((entry) => [entry.sid, { origin: entry.origin, evidence: entry.evidence }]),
  );
}

function sids(overrides: Partial<TokenInput>): string[] {
  return [...token(overrides).keys()];
}

const host = (osVersion: string): HostInfo => ({ computerName: 'WEB01', osVersion });

describe('computeTokenSids', () => {
  it('a local anonymous account on a current Windows: itself, its groups, Everyone, Authenticated Users, Users, NETWORK, Local account', () => {
    const result = token({ groups: ['S-1-5-32-545', 'S-1-5-21-1000-2000-3000-513'], host: host('10.0.17763') });
    assert.deepEqual(
      [...result.keys()],
      [LOCAL, 'S-1-5-32-545', 'S-1-5-21-1000-2000-3000-513', 'S-1-1-0', 'S-1-5-11', 'S-1-5-2', 'S-1-5-113'],
    );
    assert.deepEqual(result.get(LOCAL), { origin: 'the identity itself', evidence: 'confirmed' });
    // A collected membership outranks the inference that Users holds Authenticated Users.
    assert.deepEqual(result.get('S-1-5-32-545'), {
      origin: 'group membership collected on the host (accounts.json)',
      evidence: 'confirmed',
    });
    assert.deepEqual(result.get('S-1-1-0'), { origin: 'Everyone: in every logon token', evidence: 'confirmed' });
    assert.deepEqual(result.get('S-1-5-11'), {
      origin: 'Authenticated Users: every authenticated logon except the Guest account',
      evidence: 'confirmed',
    });
    assert.deepEqual(result.get('S-1-5-2'), {
      origin: 'NETWORK: added by a network cleartext (LOGON32_LOGON_NETWORK_CLEARTEXT) logon',
      evidence: 'confirmed',
    });
    assert.deepEqual(result.get('S-1-5-113'), {
      origin: 'Local account: added to the logon of every local account (Windows 8.1 / Server 2012 R2 and later)',
      evidence: 'inferred',
    });
  });

  it('Users is inferred when not collected, and an inference never replaces a stronger reason', () => {
    assert.deepEqual(token({}).get('S-1-5-32-545'), {
      origin:
        "Users: inferred from its default members (Authenticated Users); accounts.json listed neither this account's groups nor the members of Users",
      evidence: 'inferred',
    });
    assert.equal(
      token({ groupsCollected: true }).get('S-1-5-32-545'),
      undefined,
      'collected groups are the whole story',
    );
    assert.equal(
      token({ sid: 'S-1-5-21-1000-2000-3000-501' }).get('S-1-5-32-545'),
      undefined,
      'not for the Guest account',
    );
    // The identity's own SID listed again as a group keeps its first, equally strong origin.
    assert.equal(token({ groups: [LOCAL] }).get(LOCAL)?.origin, 'the identity itself');
  });

  it('a local administrator also carries S-1-5-114', () => {
    assert.deepEqual(token({ groups: ['S-1-5-32-544'] }).get('S-1-5-114'), {
      origin:
        'Local account and member of Administrators group: a local account in Administrators (the OS version is unknown; assumed Windows 8.1 / Server 2012 R2 or later)',
      evidence: 'inferred',
    });
    assert.ok(!sids({ groups: ['S-1-5-32-545'] }).includes('S-1-5-114'));
  });

  it('adds the Local account SIDs from NT 6.3 (Server 2012 R2) on and when the version is unknown; on 6.1/6.2 as host.json says, unconfirmed when it does not', () => {
    const evidence = (osVersion: string, localAccountSids?: boolean) => {
      const result = token({
        host: { ...host(osVersion), ...(localAccountSids === undefined ? {} : { localAccountSids }) },
        groups: ['S-1-5-32-544'],
      });
      assert.equal(result.get('S-1-5-114')?.evidence, result.get('S-1-5-113')?.evidence, osVersion);
      return result.get('S-1-5-113')?.evidence ?? 'absent';
    };
    for (const [version, expected] of [
      ['6.3.9600', 'inferred'],
      ['6.2.9200', 'unconfirmed'],
      ['6.1.7601', 'unconfirmed'],
      ['6.0.6002', 'absent'],
      ['5.2.3790', 'absent'],
      ['10.0.20348', 'inferred'],
      ['7.0', 'inferred'],
      ['unknown', 'inferred'],
      ['', 'inferred'],
    ] as const) {
      assert.equal(evidence(version), expected, version);
    }
    assert.equal(evidence('6.1.7601', true), 'confirmed');
    assert.equal(evidence('6.2.9200', false), 'absent');
    assert.equal(evidence('5.2.3790', true), 'absent', 'KB 2871997 exists only for NT 6.1 and 6.2');
    assert.equal(evidence('unknown', false), 'absent');
    assert.equal(evidence('unknown', true), 'confirmed');
    assert.match(token({ host: host('6.1.7601') }).get('S-1-5-113')!.origin, /KB 2871997/);
    assert.ok(sids({ host: { computerName: 'WEB01' } }).includes('S-1-5-113'));
    assert.ok(!sids({ accountKind: 'domain', host: host('10.0.17763') }).includes('S-1-5-113'));
  });

  it('local aliases come from their collected members, to a fixed point; nested groups from the groups accounts.json lists for each group', () => {
    const web = 'S-1-5-21-7-8-9-3001';
    const tier = 'S-1-5-21-7-8-9-3002';
    const ops = 'S-1-5-21-1000-2000-3000-1010';
    const directory = {
      groupsOf: (sid: string) => (sid === web ? [tier] : sid === tier ? [web] : undefined),
      aliases: new Map<string, readonly string[]>([
        ['S-1-5-32-545', ['S-1-5-21-7-8-9-513']],
        [ops, [tier]],
        ['S-1-5-32-568', [ops]],
      ]),
    };
    const result = token({ accountKind: 'domain', groups: [web], groupsCollected: true, directory });
    assert.deepEqual(
      result.get(tier),
      {
        origin: `group membership collected on the host (accounts.json): nested, ${web} is a member of it`,
        evidence: 'confirmed',
      },
      'a cycle of nested groups ends',
    );
    assert.deepEqual(result.get(ops), {
      origin: `group membership collected on the host (accounts.json): ${tier} is a member of local group ${ops}`,
      evidence: 'confirmed',
    });
    assert.deepEqual(result.get('S-1-5-32-568'), {
      origin: `group membership collected on the host (accounts.json): ${ops} is a member of local group S-1-5-32-568`,
      evidence: 'confirmed',
    });
    assert.equal(
      result.get('S-1-5-32-545'),
      undefined,
      'Users holds Domain Users only here, and the token has no Domain Users',
    );
    // Without collected groups, collected members of Users still decide: no inference either way.
    assert.equal(token({ directory }).get('S-1-5-32-545'), undefined);
    const viaAuthenticatedUsers = {
      groupsOf: () => undefined,
      aliases: new Map<string, readonly string[]>([['S-1-5-32-545', ['S-1-5-11', 'S-1-5-4']]]),
    };
    assert.equal(
      token({ groupsCollected: true, directory: viaAuthenticatedUsers }).get('S-1-5-32-545')?.evidence,
      'confirmed',
    );
  });

  it('the Guest account is not an authenticated user', () => {
    const guest = sids({ sid: 'S-1-5-21-1000-2000-3000-501' });
    assert.ok(guest.includes('S-1-1-0'));
    assert.ok(!guest.includes('S-1-5-11'));
    assert.ok(!guest.includes('S-1-5-32-545'));
    for (const notGuest of [
      'S-1-5-21-1000-2000-3000-5011',
      'S-1-5-21-1000-2000-3000-1501',
      'S-1-5-21-1000-2000-501',
      'S-1-5-21-1000-2000-3000-4000-501',
    ]) {
      assert.ok(sids({ sid: notGuest }).includes('S-1-5-11'), notGuest);
    }
  });

  it('adds the logon type SID: NETWORK, BATCH, INTERACTIVE, SERVICE, and none for a WAS-supplied token', () => {
    const logonSid = (logonType: LogonType): string[] =>
      sids({ logonType }).filter((sid) => ['S-1-5-2', 'S-1-5-3', 'S-1-5-4', 'S-1-5-6'].includes(sid));
    assert.deepEqual(logonSid('Network'), ['S-1-5-2']);
    assert.deepEqual(logonSid('NetworkCleartext'), ['S-1-5-2']);
    assert.deepEqual(logonSid('Batch'), ['S-1-5-3']);
    assert.deepEqual(logonSid('Interactive'), ['S-1-5-4']);
    assert.deepEqual(logonSid('Service'), ['S-1-5-6']);
    assert.deepEqual(logonSid('WasSuppliedToken'), []);
    assert.equal(
      token({ logonType: 'Batch' }).get('S-1-5-3')?.origin,
      'BATCH: added by a batch (LOGON32_LOGON_BATCH) logon',
    );
  });

  it('a domain account carries This Organization', () => {
    assert.deepEqual(token({ accountKind: 'domain' }).get('S-1-5-15'), {
      origin: 'This Organization: added for accounts of the same forest',
      evidence: 'inferred',
    });
    assert.ok(!sids({ accountKind: 'local' }).includes('S-1-5-15'));
  });

  it('IIS_IUSRS: observed for a specific-user pool, unconfirmed for a pool identity, absent for an anonymous user', () => {
    assert.deepEqual(token({ source: 'app-pool-specific-user', logonType: 'Batch' }).get('S-1-5-32-568'), {
      origin:
        'IIS_IUSRS: WAS adds it to worker process identities (a domain pool account fails when IIS_IUSRS loses the batch right)',
      evidence: 'observed',
    });
    assert.deepEqual(
      token({ source: 'app-pool-identity', accountKind: 'virtual', logonType: 'WasSuppliedToken' }).get('S-1-5-32-568'),
      {
        origin: 'IIS_IUSRS: injected into the worker token at run time; whether it counts at logon is unconfirmed',
        evidence: 'unconfirmed',
      },
    );
    assert.ok(!sids({}).includes('S-1-5-32-568'));
    // Collected membership outranks the unconfirmed injection.
    assert.equal(
      token({ source: 'app-pool-identity', groups: ['S-1-5-32-568'] }).get('S-1-5-32-568')?.evidence,
      'confirmed',
    );
  });

  it('the built-in IUSR: the token observed in whoami /all, whatever the logon type and host', () => {
    const iusr = token({
      sid: 'S-1-5-17',
      accountKind: 'builtin',
      source: 'iis-builtin-iusr',
      logonType: 'WasSuppliedToken',
      host: host('10.0.17763'),
    });
    assert.deepEqual(
      [...iusr.keys()],
      ['S-1-5-17', 'S-1-1-0', 'S-1-5-11', 'S-1-5-32-545', 'S-1-5-15', 'S-1-2-0', 'S-1-2-1', 'S-1-5-32-568'],
    );
    assert.deepEqual(iusr.get('S-1-5-11'), {
      origin: 'Authenticated Users: the IIS anonymous user is a member (security-identifiers.md)',
      evidence: 'confirmed',
    });
    assert.deepEqual(iusr.get('S-1-5-32-545'), {
      origin: 'Users: contains Authenticated Users by default',
      evidence: 'inferred',
    });
    assert.deepEqual(iusr.get('S-1-2-1'), {
      origin: 'CONSOLE LOGON: present in the IUSR token (observed in public whoami /all output)',
      evidence: 'observed',
    });
    assert.deepEqual(iusr.get('S-1-1-0'), { origin: 'Everyone: in every logon token', evidence: 'confirmed' });
  });
});

describe('describeLogonType', () => {
  it('names every logon type with its LogonUser constant', () => {
    assert.deepEqual(
      (
        [
          'Interactive',
          'Batch',
          'Network',
          'NetworkCleartext',
          'Service',
          'WasSuppliedToken',
          'BuiltInServiceAccount',
        ] as const
      ).map(describeLogonType),
      [
        'interactive (LOGON32_LOGON_INTERACTIVE)',
        'batch (LOGON32_LOGON_BATCH)',
        'network (LOGON32_LOGON_NETWORK)',
        'network cleartext (LOGON32_LOGON_NETWORK_CLEARTEXT)',
        'service (LOGON32_LOGON_SERVICE)',
        'WAS-supplied token (no LogonUser call)',
        'built-in service account',
      ],
    );
  });
});
