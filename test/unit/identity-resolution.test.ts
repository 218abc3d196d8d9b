import assert from 'node:assert/strict';
import { evaluateIdentities } from '../../src/core/evaluate-identities';
import type { Account, AnonymousScope, ApplicationPool, HostInfo, IisConfiguration } from '../../src/core/model';
import { projectPolicy } from '../../src/core/policy';
import type { RuleSetName } from '../../src/core/rules';
import { applicationPoolSid } from '../../src/core/sids';
import { accounts, DOMAIN_ANON, iis, LOCAL_ANON, pool, scope, template, WEB01 } from '../helpers/builders';

/**
 * Which identities a scope is judged for, under which rule, and how configured names are read:
 * the anonymous user, the worker process identity and the connect-as account (docs/rules.md).
 */

const POOL_SID = applicationPoolSid('DefaultAppPool');
const EVERYONE = ['*S-1-1-0'];

function judge(options: {
  scopes: AnonymousScope[];
  pools?: ApplicationPool[];
  format?: IisConfiguration['format'];
  rights?: Record<string, string[]>;
  ruleSet?: RuleSetName;
  host?: HostInfo | null;
  directory?: Account[];
}) {
  return evaluateIdentities({
    iis: iis(options.scopes, options.pools, options.format),
    policy: projectPolicy(
      template(options.rights ?? { SeNetworkLogonRight: EVERYONE, SeBatchLogonRight: EVERYONE }),
      new Map(),
      false,
    ),
    accounts: accounts(...(options.directory ?? [LOCAL_ANON, DOMAIN_ANON])),
    host: options.host === undefined ? WEB01 : options.host,
    ruleSet: options.ruleSet ?? 'documented',
  }).findings;
}

const roles = (findings: ReturnType<typeof judge>) =>
  findings.map((finding) => `${finding.role} ${finding.identity.name} ${finding.status}`);

const CONNECT_AS = {
  logonMethod: 'ClearText' as const,
  passwordSet: true,
  physicalPath: '\\\\files\\content',
  definedAt: 'site "Default Web Site" virtual directory /',
};

describe('which identities a scope is judged for', () => {
  const cases: { title: string; scopes: AnonymousScope[]; format?: IisConfiguration['format']; expected: string[] }[] =
    [
      {
        title: 'IIS 7+, anonymous disabled with userName="": nothing logs on anonymously, no worker finding either',
        scopes: [scope({ userName: '', enabled: false })],
        expected: ['anonymous-user (application pool identity) not-required'],
      },
      {
        title: 'IIS 7+, anonymous disabled with an account: the same',
        scopes: [scope({ userName: 'WEB01\\anon', enabled: false })],
        expected: ['anonymous-user WEB01\\anon not-required'],
      },
      {
        title: 'IIS 7+, a userName of blanks is userName="": the pool identity, judged once as the worker process',
        scopes: [scope({ userName: '   ' })],
        expected: ['worker-process IIS APPPOOL\\DefaultAppPool ok'],
      },
      {
        title:
          'IIS 7+, the worker process once per site and pool, both named case-insensitively, and not where userName="" judges it',
        scopes: [
          scope({ userName: 'WEB01\\anon' }),
          scope({ site: 'DEFAULT WEB SITE', path: '/a', applicationPool: 'defaultapppool', userName: 'WEB01\\anon' }),
          scope({ site: 'Other', applicationPool: 'DEFAULTAPPPOOL', userName: 'WEB01\\anon' }),
          scope({ site: 'other', path: '/a', userName: '' }),
        ],
        expected: [
          'anonymous-user WEB01\\anon ok',
          'worker-process IIS APPPOOL\\DefaultAppPool ok',
          'anonymous-user WEB01\\anon ok',
          'anonymous-user WEB01\\anon ok',
          'worker-process IIS APPPOOL\\DefaultAppPool ok',
        ],
      },
      {
        title: 'IIS 6 has no userName="" convention: an empty AnonymousUserName is an anonymous user with no name',
        scopes: [scope({ userName: '' })],
        format: 'MetaBase.xml',
        expected: ['anonymous-user (none) unresolved', 'worker-process IIS APPPOOL\\DefaultAppPool ok'],
      },
    ];
  for (const entry of cases) {
    it(entry.title, () => {
      const findings = judge({
        scopes: entry.scopes,
        rights: { SeNetworkLogonRight: EVERYONE, SeServiceLogonRight: [`*${POOL_SID}`] },
        ...(entry.format ? { format: entry.format } : {}),
      });
      assert.deepEqual(roles(findings), entry.expected);
    });
  }

  it('a connect-as account is judged as such, and its message names its role', () => {
    const findings = judge({
      scopes: [scope({ userName: 'WEB01\\anon', connectAs: { ...CONNECT_AS, userName: 'CONTOSO\\svc-anon' } })],
    });
    const connectAs = findings.find((finding) => finding.role === 'connect-as')!;
    assert.equal(connectAs.status, 'ok');
    assert.equal(connectAs.rule!.id, 'connect-as-cleartext');
    assert.match(connectAs.message, /: connect-as account CONTOSO\\svc-anon \(S-1-5-21-7-8-9-1105\) holds Access this/);
  });

  it('an IIS 6 connect-as account (UNCUserName) follows the IIS 6 rule, whose logon type is inferred', () => {
    const findings = judge({
      scopes: [scope({ userName: 'WEB01\\anon', connectAs: { ...CONNECT_AS, userName: 'CONTOSO\\svc-anon' } })],
      format: 'MetaBase.xml',
    });
    const connectAs = findings.find((finding) => finding.role === 'connect-as')!;
    assert.deepEqual(
      [connectAs.rule!.id, connectAs.rule!.evidence, connectAs.logonType],
      ['iis6-connect-as-cleartext', 'inferred', 'NetworkCleartext'],
    );
  });
});

describe('configured names are read without surrounding blanks', () => {
  const GHOST = '  CONTOSO\\ghost ';
  const cases: {
    role: string;
    format: IisConfiguration['format'];
    scopes: AnonymousScope[];
    pools?: ApplicationPool[];
  }[] = [
    { role: 'anonymous-user', format: 'applicationHost.config', scopes: [scope({ userName: GHOST })] },
    { role: 'anonymous-user', format: 'MetaBase.xml', scopes: [scope({ userName: GHOST })] },
    {
      role: 'worker-process',
      format: 'applicationHost.config',
      scopes: [scope({ userName: 'WEB01\\anon' })],
      pools: [pool('DefaultAppPool', { identityType: 'SpecificUser', userName: GHOST })],
    },
    {
      role: 'connect-as',
      format: 'applicationHost.config',
      scopes: [scope({ userName: 'WEB01\\anon', connectAs: { ...CONNECT_AS, userName: GHOST } })],
    },
    {
      role: 'connect-as',
      format: 'MetaBase.xml',
      scopes: [scope({ userName: 'WEB01\\anon', connectAs: { ...CONNECT_AS, userName: GHOST } })],
    },
  ];
  for (const entry of cases) {
    it(`${entry.role} in ${entry.format}: a padded name accounts.json lacks is reported as written, unpadded`, () => {
      const finding = judge({ scopes: entry.scopes, pools: entry.pools, format: entry.format }).find(
        (candidate) => candidate.role === entry.role,
      )!;
      assert.equal(finding.status, 'unresolved');
      assert.equal(finding.identity.name, 'CONTOSO\\ghost');
      assert.ok(finding.message.includes('but "CONTOSO\\ghost" is not in accounts.json,'), finding.message);
    });
  }
});

describe('the rule each identity is judged under', () => {
  const cases: {
    title: string;
    userName: string;
    pools?: ApplicationPool[];
    ruleSet: RuleSetName;
    role: string;
    expected: [string, boolean, string | null, string];
  }[] = [
    {
      title: 'NetworkService needs no right from policy, under either rule set',
      userName: 'WEB01\\anon',
      pools: [pool('DefaultAppPool', { identityType: 'NetworkService' })],
      ruleSet: 'conservative',
      role: 'worker-process',
      expected: ['pool-builtin-account', false, null, 'not-required'],
    },
    {
      title: 'IUSR is not checked under the documented rules (the evidence is unconfirmed)',
      userName: 'IUSR',
      ruleSet: 'documented',
      role: 'anonymous-user',
      expected: ['iis-builtin-iusr', false, 'SeNetworkLogonRight', 'not-required'],
    },
    {
      title: 'the conservative rules check IUSR as a network logon',
      userName: 'IUSR',
      ruleSet: 'conservative',
      role: 'anonymous-user',
      expected: ['iis-builtin-iusr', true, 'SeNetworkLogonRight', 'ok'],
    },
  ];
  for (const entry of cases) {
    it(entry.title, () => {
      const finding = judge({
        scopes: [scope({ userName: entry.userName })],
        pools: entry.pools,
        ruleSet: entry.ruleSet,
      }).find((candidate) => candidate.role === entry.role)!;
      assert.deepEqual([finding.rule!.id, finding.rule!.enforced, finding.right, finding.status], entry.expected);
      if (entry.expected[3] === 'not-required') {
        assert.deepEqual([finding.grantedBy, finding.token, finding.allowRightOwner], [[], [], null]);
        assert.doesNotMatch(finding.message, /holds|lacks/);
      }
    });
  }
});

describe("a defaulted pool identityType and the host's IIS version", () => {
  const defaulted = [pool('DefaultAppPool', { identityTypeDefaulted: true })];
  const identityOn = (host: HostInfo | null) =>
    judge({ scopes: [scope({ userName: 'WEB01\\anon' })], pools: defaulted, host }).find(
      (finding) => finding.role === 'worker-process',
    )!;

  it('a bare major version "7" is IIS 7.0: NetworkService', () => {
    assert.equal(identityOn({ ...WEB01, iisVersion: '7' }).identity.name, 'NT AUTHORITY\\NETWORK SERVICE');
  });

  it('no host.json at all: ApplicationPoolIdentity is assumed, and the finding says so', () => {
    const finding = identityOn(null);
    assert.equal(finding.identity.name, 'IIS APPPOOL\\DefaultAppPool');
    assert.match(finding.notes.join(' '), /host\.json gives no IIS version, so the IIS 7\.5\+ default/);
  });

  it('a version that does not start with a number says nothing about the default', () => {
    const finding = identityOn({ ...WEB01, iisVersion: 'IIS 7.0' });
    assert.equal(finding.identity.name, 'IIS APPPOOL\\DefaultAppPool');
    assert.equal(finding.notes.length, 1);
  });

  it('IIS 6 has no such default: its pool keeps the identityType it has, whatever host.json says', () => {
    const finding = judge({
      scopes: [scope({ userName: 'WEB01\\anon' })],
      pools: defaulted,
      format: 'MetaBase.xml',
      host: { ...WEB01, iisVersion: '7.0' },
    }).find((candidate) => candidate.role === 'worker-process')!;
    assert.equal(finding.identity.name, 'IIS APPPOOL\\DefaultAppPool');
    assert.deepEqual(finding.notes, []);
  });

  it('a pool that sets its identityType keeps it on IIS 7.0, and nothing is assumed', () => {
    const finding = judge({
      scopes: [scope({ userName: 'WEB01\\anon' })],
      pools: [pool('DefaultAppPool', { identityType: 'ApplicationPoolIdentity' })],
      host: { ...WEB01, iisVersion: '7.0' },
    }).find((candidate) => candidate.role === 'worker-process')!;
    assert.equal(finding.identity.name, 'IIS APPPOOL\\DefaultAppPool');
    assert.deepEqual(finding.notes, []);
  });
});

describe('an ApplicationPoolIdentity that accounts.json lists', () => {
  // Conservative rules: IIS's own grant is not credited, so only policy entries decide.
  for (const groupsCollected of [true, false]) {
    it(`groups ${groupsCollected ? 'collected without Users: Users grants nothing' : 'not collected: Users is inferred'}`, () => {
      const virtual: Account = {
        name: 'IIS APPPOOL\\DefaultAppPool',
        sid: POOL_SID,
        kind: 'virtual',
        groups: [],
        ...(groupsCollected ? { groupsCollected } : {}),
      };
      const finding = judge({
        scopes: [scope({ userName: 'WEB01\\anon' })],
        rights: { SeNetworkLogonRight: EVERYONE, SeServiceLogonRight: ['*S-1-5-32-545'] },
        ruleSet: 'conservative',
        directory: [LOCAL_ANON, virtual],
      }).find((candidate) => candidate.role === 'worker-process')!;
      assert.equal(finding.status, groupsCollected ? 'missing' : 'ok');
      assert.equal(
        finding.token.some((entry) => entry.sid === 'S-1-5-32-545'),
        !groupsCollected,
      );
    });
  }
});

describe('identities judged once each', () => {
  it('two accounts whose SID and name run together into the same text are still judged apart', () => {
    // S-1-5-21-1-2-3-1000 + "CORP\anon" and S-1-5-21-1-2-3-100 + "0CORP\anon" read alike without a separator.
    const corp: Account = { name: 'CORP\\anon', sid: 'S-1-5-21-1-2-3-1000', kind: 'domain', groups: [] };
    const zeroCorp: Account = { name: '0CORP\\anon', sid: 'S-1-5-21-1-2-3-100', kind: 'domain', groups: [] };
    const statuses = judge({
      scopes: [scope({ userName: corp.name }), scope({ site: 'B', userName: zeroCorp.name })],
      rights: { SeNetworkLogonRight: EVERYONE, SeDenyNetworkLogonRight: [`*${corp.sid}`] },
      directory: [corp, zeroCorp],
    })
      .filter((finding) => finding.role === 'anonymous-user')
      .map((finding) => `${finding.identity.name} ${finding.status}`);
    assert.deepEqual(statuses, ['CORP\\anon denied', '0CORP\\anon ok']);
  });
});
