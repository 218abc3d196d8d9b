import assert from 'node:assert/strict';
import { buildAccountIndex } from '../../src/core/accounts';
import { resolveAnonymousIdentity } from '../../src/core/identity';
import type { AccountDirectory, HostInfo } from '../../src/core/model';
import { applicationPoolSid } from '../../src/core/sids';
import { iis, pool, scope } from '../helpers/builders';

/** Which account IIS uses for anonymous requests at a scope, and how it logs on. */

const HOST: HostInfo = { computerName: 'WEB01', domain: 'CONTOSO' };
const DIRECTORY: AccountDirectory = {
  accounts: [
    { name: 'WEB01\\anon', sid: 'S-1-5-21-1-2-3-1005', kind: 'local', groups: ['S-1-5-32-545'] },
    { name: 'CONTOSO\\svc-pool', sid: 'S-1-5-21-7-8-9-1200', kind: 'domain', groups: ['S-1-5-21-7-8-9-513'] },
    { name: 'IIS APPPOOL\\Collected', sid: 'S-1-5-82-1-2-3-4-5', kind: 'virtual', groups: ['S-1-5-32-568'] },
  ],
  unresolved: [{ name: 'CONTOSO\\gone' }],
};
function resolve(
  overrides: Parameters<typeof scope>[0],
  pools = [pool('DefaultAppPool')],
  format: 'applicationHost.config' | 'MetaBase.xml' = 'applicationHost.config',
) {
  const theScope = scope(overrides);
  return resolveAnonymousIdentity(theScope, iis([theScope], pools, format), buildAccountIndex(DIRECTORY, HOST), HOST);
}

describe('resolveAnonymousIdentity', () => {
  it('nothing to resolve when anonymous access is off', () => {
    assert.deepEqual(resolve({ enabled: false, userName: 'WEB01\\anon' }), { kind: 'anonymous-disabled' });
  });

  it('a configured account, trimmed and looked up, logging on by its logon method', () => {
    assert.deepEqual(resolve({ userName: ' WEB01\\anon ', logonMethod: 'Network' }), {
      kind: 'identity',
      identity: {
        name: 'WEB01\\anon',
        sid: 'S-1-5-21-1-2-3-1005',
        source: 'custom-anonymous-account',
        accountKind: 'local',
        groups: ['S-1-5-32-545'],
        logonType: 'Network',
      },
    });
    const logonTypes = (['Interactive', 'Batch', 'Network', 'ClearText'] as const).map((logonMethod) => {
      const resolution = resolve({ userName: 'WEB01\\anon', logonMethod });
      return resolution.kind === 'identity' ? resolution.identity.logonType : resolution.kind;
    });
    assert.deepEqual(logonTypes, ['Interactive', 'Batch', 'Network', 'NetworkCleartext']);
  });

  it('an account not in accounts.json: no SID, the kind guessed from the name, and why', () => {
    assert.deepEqual(resolve({ userName: 'CONTOSO\\stranger' }), {
      kind: 'identity',
      identity: {
        name: 'CONTOSO\\stranger',
        sid: null,
        source: 'custom-anonymous-account',
        accountKind: 'domain',
        groups: [],
        logonType: 'NetworkCleartext',
        unresolvedReason: '"CONTOSO\\stranger" is not in accounts.json, so its SID and groups are unknown',
      },
    });
    const gone = resolve({ userName: 'CONTOSO\\gone' });
    assert.equal(
      gone.kind === 'identity' && gone.identity.unresolvedReason,
      'the host could not resolve "CONTOSO\\gone" to a SID (listed as unresolved in accounts.json)',
    );
    const unknownKind = resolve({ userName: 'FABRIKAM\\x' });
    assert.equal(unknownKind.kind === 'identity' && unknownKind.identity.accountKind, 'unknown');
  });

  it('IUSR by either spelling is the built-in IUSR, whose token WAS supplies', () => {
    for (const userName of ['IUSR', 'nt authority\\IUSR', ' iusr ']) {
      assert.deepEqual(resolve({ userName }), {
        kind: 'identity',
        identity: {
          name: 'NT AUTHORITY\\IUSR',
          sid: 'S-1-5-17',
          source: 'iis-builtin-iusr',
          accountKind: 'builtin',
          groups: [],
          logonType: 'WasSuppliedToken',
        },
      });
    }
  });

  it('IIS 6: the configured account whatever its name, and no account when none is set', () => {
    assert.deepEqual(resolve({ userName: 'IUSR' }, [], 'MetaBase.xml'), {
      kind: 'identity',
      identity: {
        name: 'NT AUTHORITY\\IUSR',
        sid: 'S-1-5-17',
        source: 'iis6-anonymous-account',
        accountKind: 'builtin',
        groups: [],
        logonType: 'NetworkCleartext',
      },
    });
    assert.deepEqual(resolve({ userName: '' }, [], 'MetaBase.xml'), {
      kind: 'identity',
      identity: {
        name: '(none)',
        sid: null,
        source: 'iis6-anonymous-account',
        accountKind: 'unknown',
        groups: [],
        logonType: 'NetworkCleartext',
        unresolvedReason: 'no anonymous account name is configured',
      },
    });
  });

  describe('userName="": the application pool identity', () => {
    it("ApplicationPoolIdentity: the pool's virtual account, its SID computed unless collected", () => {
      // Its SID is worked out when read (a getter), so its members are read one by one.
      const computed = resolve({ userName: '', applicationPool: 'defaultapppool' });
      assert.ok(computed.kind === 'identity');
      const { name, sid, source, accountKind, groups, logonType } = computed.identity;
      assert.deepEqual(
        { kind: computed.kind, identity: { name, sid, source, accountKind, groups, logonType } },
        {
          kind: 'identity',
          identity: {
            name: 'IIS APPPOOL\\DefaultAppPool',
            sid: applicationPoolSid('DefaultAppPool'),
            source: 'app-pool-identity',
            accountKind: 'virtual',
            groups: [],
            logonType: 'Service',
          },
        },
      );
      assert.deepEqual(resolve({ userName: '', applicationPool: 'Collected' }, [pool('Collected')]), {
        kind: 'identity',
        identity: {
          name: 'IIS APPPOOL\\Collected',
          sid: 'S-1-5-82-1-2-3-4-5',
          source: 'app-pool-identity',
          accountKind: 'virtual',
          groups: ['S-1-5-32-568'],
          logonType: 'Service',
        },
      });
    });

    it('SpecificUser: the pool account, logging on as batch or as a service', () => {
      const specific = pool('Pool', { identityType: 'SpecificUser', userName: ' CONTOSO\\svc-pool ' });
      assert.deepEqual(resolve({ userName: '', applicationPool: 'Pool' }, [specific]), {
        kind: 'identity',
        identity: {
          name: 'CONTOSO\\svc-pool',
          sid: 'S-1-5-21-7-8-9-1200',
          source: 'app-pool-specific-user',
          accountKind: 'domain',
          groups: ['S-1-5-21-7-8-9-513'],
          logonType: 'Batch',
        },
      });
      const service = resolve({ userName: '', applicationPool: 'Pool' }, [{ ...specific, logonType: 'LogonService' }]);
      assert.equal(service.kind === 'identity' && service.identity.logonType, 'Service');
      assert.deepEqual(resolve({ userName: '', applicationPool: 'Pool' }, [{ ...specific, userName: '  ' }]), {
        kind: 'identity',
        identity: {
          name: '(SpecificUser of pool Pool with no userName)',
          sid: null,
          source: 'app-pool-specific-user',
          accountKind: 'unknown',
          groups: [],
          logonType: 'Batch',
          unresolvedReason: 'application pool "Pool" is SpecificUser but names no account',
        },
      });
    });

    it('built-in pool accounts', () => {
      const builtins = (['LocalSystem', 'LocalService', 'NetworkService'] as const).map((identityType) =>
        resolve({ userName: '', applicationPool: 'P' }, [pool('P', { identityType })]),
      );
      assert.deepEqual(
        builtins.map((resolution) =>
          resolution.kind === 'identity'
            ? [
                resolution.identity.name,
                resolution.identity.sid,
                resolution.identity.source,
                resolution.identity.accountKind,
                resolution.identity.logonType,
              ]
            : [],
        ),
        [
          ['NT AUTHORITY\\SYSTEM', 'S-1-5-18', 'app-pool-builtin-account', 'builtin', 'BuiltInServiceAccount'],
          ['NT AUTHORITY\\LOCAL SERVICE', 'S-1-5-19', 'app-pool-builtin-account', 'builtin', 'BuiltInServiceAccount'],
          ['NT AUTHORITY\\NETWORK SERVICE', 'S-1-5-20', 'app-pool-builtin-account', 'builtin', 'BuiltInServiceAccount'],
        ],
      );
    });

    it('a pool the configuration does not define, or no pool at all', () => {
      assert.deepEqual(resolve({ userName: '', applicationPool: 'Missing' }), {
        kind: 'unknown-pool',
        poolName: 'Missing',
      });
      assert.deepEqual(resolve({ userName: '', applicationPool: null }), { kind: 'unknown-pool', poolName: null });
    });
  });
});
