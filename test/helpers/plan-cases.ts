import fc from 'fast-check';
import { evaluateIdentities, type Evaluation } from '../../src/core/evaluate-identities';
import type {
  Account,
  AnonymousScope,
  ApplicationPool,
  GpoRightAssignment,
  HostInfo,
  LogonMethod,
  SecurityTemplate,
} from '../../src/core/model';
import { projectPolicy, type PolicyProjection } from '../../src/core/policy';
import type { RuleSetName } from '../../src/core/rules';
import { applicationPoolSid, serviceSid } from '../../src/core/sids';
import { holders } from './builders';

/**
 * Generated policies, identities, group memberships and GPO ownerships for the plan's property
 * tests (plan-properties, check-plan-properties).
 */

export const RIGHTS = [
  'SeNetworkLogonRight',
  'SeDenyNetworkLogonRight',
  'SeBatchLogonRight',
  'SeDenyBatchLogonRight',
  'SeServiceLogonRight',
  'SeDenyServiceLogonRight',
  'SeInteractiveLogonRight',
  'SeDenyInteractiveLogonRight',
] as const;
export const GROUPS = [
  'S-1-5-32-545',
  'S-1-5-32-546',
  'S-1-5-32-544',
  'S-1-5-32-568',
  'S-1-5-21-9-9-9-2001',
  'S-1-5-21-9-9-9-2002',
];
export const COMPUTED = [
  'S-1-1-0',
  'S-1-5-11',
  'S-1-5-2',
  'S-1-5-3',
  'S-1-5-6',
  'S-1-5-113',
  'S-1-5-114',
  'S-1-5-15',
  'S-1-5-17',
];
const ACCOUNT_NAMES = ['WEB01\\anon1', 'WEB01\\anon2', 'CONTOSO\\svc-a', 'CONTOSO\\svc-b'];
const POOL_NAMES = ['AppPoolA', 'AppPoolB', 'ReportsPool'];
export const HOST: HostInfo = { computerName: 'WEB01', domain: 'CONTOSO', domainJoined: true, osVersion: '10.0.20348' };

export interface GeneratedCase {
  accounts: Account[];
  pools: ApplicationPool[];
  scopes: AnonymousScope[];
  local: SecurityTemplate;
  gpo: Map<string, GpoRightAssignment>;
  ruleSet: RuleSetName;
  allowTemporaryFix: boolean;
}

const accountArbitrary = (name: string, index: number) =>
  fc.record({ groups: fc.subarray(GROUPS), local: fc.boolean() }).map(({ groups, local }): Account => ({
    name: local ? name.replace(/^CONTOSO/, 'WEB01') : name,
    sid: `S-1-5-21-${local ? '1-2-3' : '7-8-9'}-${1100 + index}`,
    kind: local ? 'local' : 'domain',
    groups,
  }));

/** A service's virtual account (NT SERVICE\\<name>, S-1-5-80-...), which accounts.json may name. */
const serviceAccountArbitrary = fc
  .subarray(GROUPS)
  .map((groups): Account => ({ name: 'NT SERVICE\\WebSync', sid: serviceSid('WebSync'), kind: 'virtual', groups }));

export const caseArbitrary: fc.Arbitrary<GeneratedCase> = fc
  .tuple(...ACCOUNT_NAMES.map((name, index) => accountArbitrary(name, index)), serviceAccountArbitrary)
  .chain((accounts) => {
    const allSids = [
      ...new Set([
        ...accounts.map((account) => account.sid),
        ...GROUPS,
        ...COMPUTED,
        ...POOL_NAMES.map((pool) => applicationPoolSid(pool)),
      ]),
    ];
    const holderList = fc.subarray(allSids, { maxLength: 5 }).chain((sids) =>
      // Some entries written by name, as secedit writes local accounts.
      fc.constant(
        sids.map(
          (sid) =>
            accounts.find((account) => account.sid === sid && account.kind === 'local')?.name.split('\\')[1] ??
            `*${sid}`,
        ),
      ),
    );
    const rightsArbitrary = fc.dictionary(fc.constantFrom(...RIGHTS), holderList, { noNullPrototype: true });
    const pool = fc.record({
      name: fc.constantFrom(...POOL_NAMES),
      identityType: fc.constantFrom(
        'ApplicationPoolIdentity',
        'SpecificUser',
        'NetworkService',
        'LocalService',
        'LocalSystem',
      ) as fc.Arbitrary<ApplicationPool['identityType']>,
      userName: fc.constantFrom(...accounts.map((account) => account.name)),
      logonType: fc.constantFrom('LogonBatch', 'LogonService') as fc.Arbitrary<ApplicationPool['logonType']>,
    });
    const scopeArbitrary = fc.record({
      site: fc.constantFrom('Shop', 'Intranet', 'Reports'),
      path: fc.constantFrom('/', '/app', '/api'),
      userName: fc.constantFrom('', 'IUSR', ...accounts.map((account) => account.name), 'CONTOSO\\missing'),
      logonMethod: fc.constantFrom('ClearText', 'Network', 'Batch', 'Interactive') as fc.Arbitrary<LogonMethod>,
      enabled: fc.integer({ min: 0, max: 9 }).map((draw) => draw > 0),
      pool: fc.constantFrom(...POOL_NAMES, 'UndefinedPool'),
      // A virtual directory's connect-as account (about one scope in three has one).
      connectAs: fc.option(
        fc.record({
          userName: fc.constantFrom(...accounts.map((account) => account.name), 'CONTOSO\\missing'),
          logonMethod: fc.constantFrom('ClearText', 'Network', 'Batch', 'Interactive') as fc.Arbitrary<LogonMethod>,
        }),
        { freq: 2, nil: undefined },
      ),
    });
    return fc.record({
      accounts: fc.constant(accounts),
      pools: fc.uniqueArray(pool, { selector: (entry) => entry.name, minLength: 1, maxLength: 3 }),
      scopes: fc.array(scopeArbitrary, { minLength: 1, maxLength: 4 }),
      local: rightsArbitrary,
      gpo: fc.dictionary(fc.constantFrom(...RIGHTS), holderList, { noNullPrototype: true, maxKeys: 3 }),
      ruleSet: fc.constantFrom('documented', 'conservative') as fc.Arbitrary<RuleSetName>,
      allowTemporaryFix: fc.boolean(),
    });
  })
  .map((generated) => ({
    accounts: generated.accounts,
    pools: generated.pools,
    scopes: generated.scopes.map((entry) => ({
      site: entry.site,
      path: entry.path,
      kind: 'location' as const,
      applicationPool: entry.pool,
      anonymous: {
        enabled: entry.enabled,
        userName: entry.userName,
        logonMethod: entry.logonMethod,
        passwordSet: true,
        definedAt: 'generated',
      },
      ...(entry.connectAs === undefined
        ? {}
        : {
            connectAs: {
              ...entry.connectAs,
              passwordSet: true,
              physicalPath: '\\\\files\\share',
              definedAt: 'generated',
            },
          }),
    })),
    local: {
      file: 'secedit.inf',
      sections: ['Privilege Rights'],
      privilegeRights: new Map(
        Object.entries(generated.local).map(([right, entries]) => [right, { right, holders: holders(...entries) }]),
      ),
      diagnostics: [],
    },
    gpo: new Map(
      Object.entries(generated.gpo).map(([right, entries]): [string, GpoRightAssignment] => [
        right,
        {
          right,
          holders: holders(...entries),
          gpo: { id: '{0BADF00D-0000-0000-0000-000000000001}', name: 'Generated Baseline' },
          precedence: 1,
          file: 'gpresult.xml',
        },
      ]),
    ),
    ruleSet: generated.ruleSet,
    allowTemporaryFix: generated.allowTemporaryFix,
  }));

export function evaluate(
  testCase: GeneratedCase,
  local: SecurityTemplate,
): { evaluation: Evaluation; policy: PolicyProjection } {
  const policy = projectPolicy(local, testCase.gpo, testCase.gpo.size > 0);
  const evaluation = evaluateIdentities({
    iis: {
      file: 'applicationHost.config',
      format: 'applicationHost.config',
      iisMajorVersion: null,
      applicationPools: new Map(testCase.pools.map((pool) => [pool.name.toLowerCase(), pool])),
      scopes: testCase.scopes,
      diagnostics: [],
    },
    policy,
    accounts: { accounts: testCase.accounts, unresolved: [] },
    host: HOST,
    ruleSet: testCase.ruleSet,
  });
  return { evaluation, policy };
}
