import assert from 'node:assert/strict';
import { evaluateIdentities } from '../../src/core/evaluate-identities';
import type { HostInfo } from '../../src/core/model';
import { projectPolicy } from '../../src/core/policy';
import type { RuleSetName } from '../../src/core/rules';
import { applicationPoolSid } from '../../src/core/sids';
import {
  accounts,
  DOMAIN_ANON,
  gpoAssignment,
  iis,
  LOCAL_ANON,
  pool,
  scope,
  template,
  WEB01,
} from '../helpers/builders';

/** Worker process findings: one per site and pool serving anonymous requests, with role and symptom. */

const POOL_SID = applicationPoolSid('DefaultAppPool');

function judge(options: {
  scopes: Parameters<typeof iis>[0];
  pools?: Parameters<typeof iis>[1];
  rights?: Record<string, string[]>;
  gpo?: ReturnType<typeof gpoAssignment>[];
  ruleSet?: RuleSetName;
  host?: HostInfo;
  format?: Parameters<typeof iis>[2];
}) {
  const winners = new Map((options.gpo ?? []).map((assignment) => [assignment.right, assignment]));
  return evaluateIdentities({
    iis: iis(options.scopes, options.pools, options.format),
    policy: projectPolicy(template(options.rights ?? { SeNetworkLogonRight: ['*S-1-1-0'] }), winners, winners.size > 0),
    accounts: accounts(LOCAL_ANON, DOMAIN_ANON),
    host: options.host ?? WEB01,
    ruleSet: options.ruleSet ?? 'documented',
  }).findings;
}

const summary = (findings: ReturnType<typeof judge>) =>
  findings.map(
    (finding) => `${finding.site}${finding.path} ${finding.role} ${finding.identity.name} ${finding.status}`,
  );

describe('worker process identities', () => {
  it('one finding per site and pool, after the anonymous finding of the first scope it serves', () => {
    const findings = judge({
      scopes: [
        scope({ userName: 'WEB01\\anon' }),
        scope({ path: '/app', kind: 'application', userName: 'WEB01\\anon' }),
        scope({ site: 'B', userName: 'WEB01\\anon' }),
      ],
    });
    assert.deepEqual(summary(findings), [
      'Default Web Site/ anonymous-user WEB01\\anon ok',
      'Default Web Site/ worker-process IIS APPPOOL\\DefaultAppPool ok',
      'Default Web Site/app anonymous-user WEB01\\anon ok',
      'B/ anonymous-user WEB01\\anon ok',
      'B/ worker-process IIS APPPOOL\\DefaultAppPool ok',
    ]);
    assert.deepEqual(
      findings.map((finding) => finding.symptom.httpStatus),
      ['401.1', '503', '401.1', '401.1', '503'],
    );
    assert.equal(
      findings[1]!.identity.definedAt,
      'application pool "DefaultAppPool" serving site "Default Web Site" path /',
    );
  });

  it('userName="" already judges the pool identity as the worker process: no second finding; anonymous off adds none', () => {
    assert.deepEqual(
      summary(
        judge({ scopes: [scope({ userName: 'WEB01\\anon' }), scope({ path: '/x', kind: 'location', userName: '' })] }),
      ),
      [
        'Default Web Site/ anonymous-user WEB01\\anon ok',
        'Default Web Site/x worker-process IIS APPPOOL\\DefaultAppPool ok',
      ],
    );
    assert.deepEqual(summary(judge({ scopes: [scope({ enabled: false })] })), [
      'Default Web Site/ anonymous-user IUSR not-required',
    ]);
    assert.deepEqual(summary(judge({ scopes: [scope({ applicationPool: 'Nope' })] })), [
      'Default Web Site/ anonymous-user NT AUTHORITY\\IUSR not-required',
    ]);
  });

  it('IIS grants an ApplicationPoolIdentity SID the service right itself: credited under documented, not under conservative; a deny still wins', () => {
    const gpo = [gpoAssignment('SeServiceLogonRight', ['*S-1-5-80-0'])];
    const documented = judge({ scopes: [scope({ userName: '' })], gpo });
    assert.equal(documented[0]!.status, 'ok');
    assert.equal(documented[0]!.matches!.afterRefresh.grantedBy[0]!.holder, '(granted by IIS at worker process start)');
    assert.equal(documented[0]!.matches!.afterRefresh.grantedBy[0]!.evidence, 'observed');
    assert.match(
      documented[0]!.message,
      /defines the right without it, but IIS adds the pool's own SID back whenever it starts a worker process/,
    );
    assert.equal(judge({ scopes: [scope({ userName: '' })], gpo, ruleSet: 'conservative' })[0]!.status, 'gpo-blocked');
    const denied = judge({
      scopes: [scope({ userName: '' })],
      rights: { SeDenyServiceLogonRight: [`*${POOL_SID}`] },
    })[0]!;
    assert.equal(denied.status, 'denied');
    assert.match(denied.message, /Symptom: the pool cannot start its worker process, so its requests get HTTP 503\.$/);
  });

  it('SpecificUser pools are not credited with a self-grant: batch and service rights come from policy only', () => {
    const pools = [
      pool('DefaultAppPool', {
        identityType: 'SpecificUser',
        userName: 'CONTOSO\\svc-anon',
        logonType: 'LogonService',
      }),
    ];
    const finding = judge({ scopes: [scope({ userName: 'WEB01\\anon' })], pools })[1]!;
    assert.deepEqual(
      [finding.role, finding.right, finding.status],
      ['worker-process', 'SeServiceLogonRight', 'missing'],
    );
  });

  it('pools that run as one account are judged alike, each finding with its own pool, place and assumption', () => {
    const pools = [
      pool('A', { identityType: 'SpecificUser', userName: 'CONTOSO\\svc-anon', logonType: 'LogonService' }),
      pool('B', { identityType: 'SpecificUser', userName: 'CONTOSO\\svc-anon', logonType: 'LogonService' }),
      pool('C', { identityType: 'NetworkService' }),
      pool('D', { identityType: 'NetworkService' }),
      pool('E', { identityTypeDefaulted: true, identityType: 'NetworkService' }),
    ];
    const findings = judge({
      scopes: ['A', 'B', 'C', 'D', 'E'].map((name) =>
        scope({ site: `site ${name}`, applicationPool: name, userName: 'WEB01\\anon' }),
      ),
      pools,
      host: { ...WEB01, iisVersion: undefined },
      rights: { SeNetworkLogonRight: ['*S-1-1-0'], SeServiceLogonRight: ['CONTOSO\\svc-anon'] },
    }).filter((finding) => finding.role === 'worker-process');
    assert.deepEqual(
      findings.map((finding) => [finding.applicationPool, finding.identity.name, finding.status, finding.notes.length]),
      [
        ['A', 'CONTOSO\\svc-anon', 'ok', 0],
        ['B', 'CONTOSO\\svc-anon', 'ok', 0],
        ['C', 'NT AUTHORITY\\NETWORK SERVICE', 'not-required', 0],
        ['D', 'NT AUTHORITY\\NETWORK SERVICE', 'not-required', 0],
        ['E', 'NT AUTHORITY\\NETWORK SERVICE', 'not-required', 1],
      ],
    );
    assert.match(findings[1]!.message, /site B/);
    assert.match(findings[4]!.notes[0]!, /^Pool "E" sets no identityType/);
  });

  it('the identityType default follows host.json: NetworkService on IIS 7.0, ApplicationPoolIdentity from 7.5, assumed (and said) when unknown', () => {
    const pools = [pool('DefaultAppPool', { identityTypeDefaulted: true })];
    const on = (iisVersion: string | undefined) =>
      judge({
        scopes: [scope({ userName: 'WEB01\\anon' })],
        pools,
        host: iisVersion === undefined ? WEB01 : { ...WEB01, iisVersion },
      })[1]!;
    assert.equal(on('7.0').identity.name, 'NT AUTHORITY\\NETWORK SERVICE');
    assert.deepEqual(on('7.0').notes, []);
    assert.equal(on('7.5').identity.name, 'IIS APPPOOL\\DefaultAppPool');
    assert.equal(on('10.0').identity.name, 'IIS APPPOOL\\DefaultAppPool');
    const unknown = on(undefined);
    assert.equal(unknown.identity.name, 'IIS APPPOOL\\DefaultAppPool');
    assert.deepEqual(unknown.notes, [
      'Pool "DefaultAppPool" sets no identityType and host.json gives no IIS version, so the IIS 7.5+ default ApplicationPoolIdentity was assumed (IIS 7.0 defaulted to NetworkService).',
    ]);
    assert.match(unknown.message, /Note: Pool "DefaultAppPool" sets no identityType/);
    // A pool that sets its identityType keeps it whatever the version.
    assert.equal(
      judge({ scopes: [scope({ userName: 'WEB01\\anon' })], host: { ...WEB01, iisVersion: '7.0' } })[1]!.identity.name,
      'IIS APPPOOL\\DefaultAppPool',
    );
  });

  it("where anonymousAuthentication is unlocked, the anonymous identity's finding says a web.config may change it; the pool's own finding does not", () => {
    const unlocked = { anonymousUnlockedAt: '<location path="Default Web Site" overrideMode="Allow"> (line 9)' };
    const findings = judge({
      scopes: [
        scope({ userName: 'WEB01\\anon', ...unlocked }),
        scope({ site: 'B', enabled: false, ...unlocked }),
        scope({ site: 'C', userName: '', ...unlocked }),
      ],
    });
    const noted = findings.map((finding) => [
      finding.site,
      finding.role,
      finding.notes.some((note) => note.includes('overrideMode="Allow"') && note.includes('web.config')),
    ]);
    assert.deepEqual(noted, [
      ['Default Web Site', 'anonymous-user', true],
      ['Default Web Site', 'worker-process', false],
      ['B', 'anonymous-user', true],
      ['C', 'worker-process', true],
    ]);
    assert.match(
      findings[2]!.message,
      /anonymous authentication is disabled.* Note: anonymousAuthentication is unlocked for this path .* turn anonymous access on/,
    );
  });

  it('IIS 6 configurable pools log on as a batch job, with the IIS 6 symptom', () => {
    const pools = [
      pool('DefaultAppPool', {
        identityType: 'SpecificUser',
        userName: 'CONTOSO\\svc-anon',
        logonType: 'LogonService',
      }),
    ];
    const finding = judge({ scopes: [scope({ userName: 'WEB01\\anon' })], pools, format: 'MetaBase.xml' })[1]!;
    assert.deepEqual(
      [finding.identity.kind, finding.logonType, finding.right, finding.status],
      ['iis6-pool-specific-user', 'Batch', 'SeBatchLogonRight', 'missing'],
    );
    assert.match(finding.symptom.description, /W3SVC logs event 1021/);
    assert.ok(!finding.token.some((entry) => entry.sid === 'S-1-5-32-568'), 'IIS 6 has no IIS_IUSRS to inject');
  });
});
