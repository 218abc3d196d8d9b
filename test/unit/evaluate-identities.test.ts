import assert from 'node:assert/strict';
import { applicationPoolSid } from '../../src/core/sids';
import { accounts, DOMAIN_ANON, LOCAL_ANON, pool, scope, template } from '../helpers/builders';
import { DEFAULT_NETWORK, judge } from './evaluate-identities-helpers';

describe('evaluateIdentities', () => {
  it('grants a custom ClearText account network logon through Everyone and reports the SID', () => {
    const result = judge({
      localPolicy: template({ SeNetworkLogonRight: DEFAULT_NETWORK }),
      scopes: [scope({ userName: 'WEB01\\anon' })],
    });
    const [finding] = result.findings;
    assert.equal(finding!.status, 'ok');
    assert.equal(finding!.right, 'SeNetworkLogonRight');
    assert.equal(finding!.denyRight, 'SeDenyNetworkLogonRight');
    assert.equal(finding!.logonType, 'NetworkCleartext');
    assert.deepEqual(finding!.grantedBy, ['S-1-1-0', 'S-1-5-32-545']);
    assert.equal(result.inDesiredState, true);
    assert.deepEqual(result.reasons, []);
  });

  it('denies a local account through Local account (S-1-5-113) and deny wins over allow', () => {
    const result = judge({
      localPolicy: template({
        SeNetworkLogonRight: ['*S-1-5-11', '*S-1-5-32-544'],
        SeDenyNetworkLogonRight: ['*S-1-5-32-546', '*S-1-5-113'],
      }),
      scopes: [scope({ userName: 'WEB01\\anon' })],
    });
    const [finding] = result.findings;
    assert.equal(finding!.status, 'denied');
    assert.deepEqual(finding!.grantedBy, ['S-1-5-11']);
    assert.deepEqual(finding!.deniedBy, ['S-1-5-113']);
    assert.equal(result.inDesiredState, false);
    assert.equal(result.reasons[0]!.code, 'IisAnonymousLogonRight:IisAnonymousLogonRight:Denied');
    assert.match(result.reasons[0]!.phrase, /WEB01\\anon \(S-1-5-21-1000-2000-3000-1005\)/);
    assert.match(result.reasons[0]!.phrase, /Access this computer from the network \(SeNetworkLogonRight\)/);
    assert.match(result.reasons[0]!.phrase, /Local account \(S-1-5-113\)/);
  });

  it('does not add Local account SIDs on hosts older than Windows Server 2012 R2', () => {
    const result = judge({
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'], SeDenyNetworkLogonRight: ['*S-1-5-113'] }),
      scopes: [scope({ userName: 'WEB01\\anon' })],
      osVersion: '5.2.3790',
    });
    assert.equal(result.findings[0]!.status, 'ok');
  });

  it('does not deny a domain account through S-1-5-113', () => {
    const result = judge({
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-11'], SeDenyNetworkLogonRight: ['*S-1-5-113'] }),
      scopes: [scope({ userName: 'contoso\\SVC-ANON' })],
    });
    assert.equal(result.findings[0]!.status, 'ok');
    assert.equal(result.findings[0]!.identity.sid, DOMAIN_ANON.sid);
  });

  it('denies a local administrator through S-1-5-114 but not a plain local account', () => {
    const localPolicy = template({ SeNetworkLogonRight: ['*S-1-5-11'], SeDenyNetworkLogonRight: ['*S-1-5-114'] });
    const admin = {
      ...LOCAL_ANON,
      name: 'WEB01\\anonadmin',
      sid: 'S-1-5-21-1000-2000-3000-1006',
      groups: ['S-1-5-32-544'],
    };
    const result = judge({
      localPolicy,
      scopes: [scope({ userName: 'WEB01\\anon' }), scope({ site: 'Admin', userName: 'WEB01\\anonadmin' })],
      directory: accounts(LOCAL_ANON, admin),
    });
    const anonymous = result.findings.filter((finding) => finding.role === 'anonymous-user');
    assert.deepEqual(
      anonymous.map((finding) => finding.status),
      ['ok', 'denied'],
    );
    assert.deepEqual(anonymous[1]!.deniedBy, ['S-1-5-114']);
  });

  it('reports missing when nothing in the token holds the right and no GPO owns it', () => {
    const result = judge({
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544'] }),
      scopes: [scope({ userName: 'WEB01\\anon' })],
    });
    assert.equal(result.findings[0]!.status, 'missing');
    assert.equal(result.reasons[0]!.code, 'IisAnonymousLogonRight:IisAnonymousLogonRight:Missing');
  });

  it('maps each logonMethod to its right and deny right', () => {
    const localPolicy = template({});
    const expectations = [
      ['Interactive', 'SeInteractiveLogonRight', 'SeDenyInteractiveLogonRight'],
      ['Batch', 'SeBatchLogonRight', 'SeDenyBatchLogonRight'],
      ['Network', 'SeNetworkLogonRight', 'SeDenyNetworkLogonRight'],
      ['ClearText', 'SeNetworkLogonRight', 'SeDenyNetworkLogonRight'],
    ] as const;
    for (const [logonMethod, right, denyRight] of expectations) {
      const finding = judge({ localPolicy, scopes: [scope({ userName: 'WEB01\\anon', logonMethod })] }).findings[0]!;
      assert.equal(finding.right, right, logonMethod);
      assert.equal(finding.denyRight, denyRight, logonMethod);
    }
  });

  it('treats the IIS 7+ built-in IUSR as not-required under documented rules and checks it under conservative', () => {
    const localPolicy = template({ SeNetworkLogonRight: ['*S-1-5-32-544'] });
    const documented = judge({ localPolicy, scopes: [scope({ userName: 'IUSR' })] });
    assert.equal(documented.findings[0]!.status, 'not-required');
    assert.equal(documented.findings[0]!.rule!.evidence, 'unconfirmed');
    assert.match(documented.findings[0]!.message, /conservative/);
    const conservative = judge({
      localPolicy,
      scopes: [scope({ userName: 'NT AUTHORITY\\iusr' })],
      ruleSet: 'conservative',
    });
    assert.equal(conservative.findings[0]!.status, 'missing');
    assert.equal(conservative.findings[0]!.identity.sid, 'S-1-5-17');
  });

  it('under conservative rules, an observed-only token SID (IIS_IUSRS for a pool user) no longer grants but still denies', () => {
    const specificUser = pool('Reports', { identityType: 'SpecificUser', userName: 'CONTOSO\\svc-anon' });
    const grantsViaIisIusrs = template({ SeBatchLogonRight: ['*S-1-5-32-568'] });
    const scopes = [scope({ userName: '', applicationPool: 'Reports' })];
    assert.equal(judge({ localPolicy: grantsViaIisIusrs, scopes, pools: [specificUser] }).findings[0]!.status, 'ok');
    assert.equal(
      judge({ localPolicy: grantsViaIisIusrs, scopes, pools: [specificUser], ruleSet: 'conservative' }).findings[0]!
        .status,
      'missing',
    );
    const deniesViaIisIusrs = template({
      SeBatchLogonRight: ['*S-1-5-21-7-8-9-1105'],
      SeDenyBatchLogonRight: ['*S-1-5-32-568'],
    });
    assert.equal(
      judge({ localPolicy: deniesViaIisIusrs, scopes, pools: [specificUser], ruleSet: 'conservative' }).findings[0]!
        .status,
      'denied',
    );
  });

  it('uses the application pool identity for userName="" and computes its S-1-5-82 SID', () => {
    const sid = applicationPoolSid('Shop');
    const result = judge({
      localPolicy: template({ SeServiceLogonRight: [`*${sid}`] }),
      scopes: [scope({ userName: '', applicationPool: 'shop' })],
      pools: [pool('Shop')],
    });
    const [finding] = result.findings;
    assert.equal(finding!.identity.name, 'IIS APPPOOL\\Shop');
    assert.equal(finding!.identity.sid, sid);
    assert.equal(finding!.right, 'SeServiceLogonRight');
    assert.equal(finding!.status, 'ok');
  });

  it('needs batch logon for a SpecificUser pool with LogonBatch and service logon with LogonService', () => {
    const localPolicy = template({
      SeBatchLogonRight: ['*S-1-5-32-544'],
      SeServiceLogonRight: ['*S-1-5-21-7-8-9-1105'],
    });
    const batch = judge({
      localPolicy,
      scopes: [scope({ userName: '', applicationPool: 'P' })],
      pools: [pool('P', { identityType: 'SpecificUser', userName: 'CONTOSO\\svc-anon' })],
    });
    assert.equal(batch.findings[0]!.status, 'missing');
    assert.equal(batch.findings[0]!.right, 'SeBatchLogonRight');
    const service = judge({
      localPolicy,
      scopes: [scope({ userName: '', applicationPool: 'P' })],
      pools: [pool('P', { identityType: 'SpecificUser', userName: 'CONTOSO\\svc-anon', logonType: 'LogonService' })],
    });
    assert.equal(service.findings[0]!.status, 'ok');
    assert.equal(service.findings[0]!.right, 'SeServiceLogonRight');
  });

  it('needs no right for NetworkService, LocalService and LocalSystem pools', () => {
    for (const identityType of ['NetworkService', 'LocalService', 'LocalSystem'] as const) {
      const result = judge({
        localPolicy: template({}),
        scopes: [scope({ userName: '', applicationPool: 'P' })],
        pools: [pool('P', { identityType })],
      });
      assert.equal(result.findings[0]!.status, 'not-required', identityType);
      assert.equal(result.findings[0]!.identity.kind, 'app-pool-builtin-account');
    }
  });

  it('reports unresolved for an account missing from accounts.json and for an undefined pool', () => {
    const result = judge({
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
      scopes: [scope({ userName: 'CONTOSO\\ghost' }), scope({ site: 'B', userName: '', applicationPool: 'Nope' })],
    });
    // The first site's DefaultAppPool worker process is judged too (ok: IIS grants its pool SID the service right).
    assert.deepEqual(
      result.findings.map((finding) => [finding.role, finding.status]),
      [
        ['anonymous-user', 'unresolved'],
        ['worker-process', 'ok'],
        ['worker-process', 'unresolved'],
      ],
    );
    assert.match(result.findings[0]!.message, /CONTOSO\\ghost.*not in accounts.json/);
    assert.match(result.findings[2]!.message, /"Nope", which is not defined/);
    assert.equal(result.inDesiredState, false);
  });

  it('skips scopes with anonymous authentication disabled', () => {
    const result = judge({ localPolicy: template({}), scopes: [scope({ enabled: false, userName: 'WEB01\\anon' })] });
    assert.equal(result.findings[0]!.status, 'not-required');
    assert.match(result.findings[0]!.message, /disabled/);
  });

  it('says each disabled scope with its own place and setting, though they share one verdict', () => {
    const off = (site: string, path: string, userName: string, definedAt: string) => {
      const base = scope({ enabled: false, userName, site, path });
      return { ...base, anonymous: { ...base.anonymous, definedAt } };
    };
    const findings = judge({
      localPolicy: template({}),
      scopes: [off('A', '/', 'WEB01\\anon', 'server level'), off('B', '/x', '', '<location path="B/x"> (line 9)')],
    }).findings.map((finding) => [finding.identity.name, finding.identity.definedAt, finding.message]);
    assert.deepEqual(findings, [
      [
        'WEB01\\anon',
        'server level',
        'Site "A" path /: anonymous authentication is disabled, so no anonymous identity needs a logon right.',
      ],
      [
        '(application pool identity)',
        '<location path="B/x"> (line 9)',
        'Site "B" path /x: anonymous authentication is disabled, so no anonymous identity needs a logon right.',
      ],
    ]);
  });

  it('matches plain-name holders through accounts.json and reports the ones it cannot resolve', () => {
    const localPolicy = template({
      SeNetworkLogonRight: ['anon'],
      SeDenyNetworkLogonRight: ['ADD YOUR DOMAIN ADMINS'],
    });
    const result = judge({ localPolicy, scopes: [scope({ userName: 'WEB01\\anon' })] });
    const [finding] = result.findings;
    assert.equal(finding!.status, 'ok');
    assert.deepEqual(finding!.grantedBy, [LOCAL_ANON.sid]);
    assert.deepEqual(finding!.unresolvedHolders, [
      { right: 'SeDenyNetworkLogonRight', name: 'ADD YOUR DOMAIN ADMINS' },
    ]);
  });
});
