import assert from 'node:assert/strict';
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020';
import { buildAccountIndex } from '../../src/core/accounts';
import { evaluateSnapshot, type Evaluation } from '../../src/core/evaluate';
import type { Account, AnonymousScope, ApplicationPool, GpoRightAssignment, HostInfo, SecurityTemplate } from '../../src/core/model';
import { buildPlan, type Plan } from '../../src/core/plan';
import { projectPolicy, type PolicyProjection } from '../../src/core/policy';
import type { RuleSetName } from '../../src/core/rules';
import { applicationPoolSid } from '../../src/core/sids';
import { applyActionsToPolicy } from '../helpers/policy-simulator';
import { FINDING_STATUSES } from '../../src/core/status';
import { buildPlanDocument } from '../../src/io/plan-document';
import { holders } from '../helpers/builders';

/**
 * The plan's safety properties, checked against the simulator (which applies actions the way
 * LsaAddAccountRights / LsaRemoveAccountRights would) over generated policies, identities,
 * group memberships and GPO ownerships. PLAN_PROPERTY_RUNS raises or lowers the count.
 */
const RUNS = Number(process.env.PLAN_PROPERTY_RUNS ?? 10_000);

const RIGHTS = ['SeNetworkLogonRight', 'SeDenyNetworkLogonRight', 'SeBatchLogonRight', 'SeDenyBatchLogonRight', 'SeServiceLogonRight', 'SeDenyServiceLogonRight', 'SeInteractiveLogonRight', 'SeDenyInteractiveLogonRight'] as const;
const GROUPS = ['S-1-5-32-545', 'S-1-5-32-546', 'S-1-5-32-544', 'S-1-5-32-568', 'S-1-5-21-9-9-9-2001', 'S-1-5-21-9-9-9-2002'];
const COMPUTED = ['S-1-1-0', 'S-1-5-11', 'S-1-5-2', 'S-1-5-3', 'S-1-5-6', 'S-1-5-113', 'S-1-5-114', 'S-1-5-15', 'S-1-5-17'];
const ACCOUNT_NAMES = ['WEB01\\anon1', 'WEB01\\anon2', 'CONTOSO\\svc-a', 'CONTOSO\\svc-b'];
const POOL_NAMES = ['AppPoolA', 'AppPoolB', 'ReportsPool'];
const HOST: HostInfo = { computerName: 'WEB01', domain: 'CONTOSO', domainJoined: true, osVersion: '10.0.20348' };

interface GeneratedCase {
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

const caseArbitrary: fc.Arbitrary<GeneratedCase> = fc
  .tuple(...ACCOUNT_NAMES.map((name, index) => accountArbitrary(name, index)))
  .chain((accounts) => {
    const allSids = [...new Set([...accounts.map((account) => account.sid), ...GROUPS, ...COMPUTED, ...POOL_NAMES.map((pool) => applicationPoolSid(pool))])];
    const holderList = fc.subarray(allSids, { maxLength: 5 }).chain((sids) =>
      // Some entries written by name, as secedit writes local accounts.
      fc.constant(sids.map((sid) => accounts.find((account) => account.sid === sid && account.kind === 'local')?.name.split('\\')[1] ?? `*${sid}`)),
    );
    const rightsArbitrary = fc.dictionary(fc.constantFrom(...RIGHTS), holderList, { noNullPrototype: true });
    const pool = fc.record({
      name: fc.constantFrom(...POOL_NAMES),
      identityType: fc.constantFrom('ApplicationPoolIdentity', 'SpecificUser', 'NetworkService') as fc.Arbitrary<ApplicationPool['identityType']>,
      userName: fc.constantFrom(...accounts.map((account) => account.name)),
      logonType: fc.constantFrom('LogonBatch', 'LogonService') as fc.Arbitrary<ApplicationPool['logonType']>,
    });
    const scopeArbitrary = fc.record({
      site: fc.constantFrom('Shop', 'Intranet', 'Reports'),
      path: fc.constantFrom('/', '/app', '/api'),
      userName: fc.constantFrom('', 'IUSR', ...accounts.map((account) => account.name), 'CONTOSO\\missing'),
      logonMethod: fc.constantFrom('ClearText', 'Network', 'Batch', 'Interactive') as fc.Arbitrary<AnonymousScope['anonymous']['logonMethod']>,
      enabled: fc.integer({ min: 0, max: 9 }).map((draw) => draw > 0),
      pool: fc.constantFrom(...POOL_NAMES, 'UndefinedPool'),
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
      anonymous: { enabled: entry.enabled, userName: entry.userName, logonMethod: entry.logonMethod, passwordSet: true, definedAt: 'generated' },
    })),
    local: {
      file: 'secedit.inf',
      sections: ['Privilege Rights'],
      privilegeRights: new Map(Object.entries(generated.local).map(([right, entries]) => [right, { right, holders: holders(...entries) }])),
      diagnostics: [],
    },
    gpo: new Map(Object.entries(generated.gpo).map(([right, entries]): [string, GpoRightAssignment] => [right, { right, holders: holders(...entries), gpo: { id: '{0BADF00D-0000-0000-0000-000000000001}', name: 'Generated Baseline' }, precedence: 1, file: 'gpresult.xml' }])),
    ruleSet: generated.ruleSet,
    allowTemporaryFix: generated.allowTemporaryFix,
  }));

function evaluate(testCase: GeneratedCase, local: SecurityTemplate): { evaluation: Evaluation; policy: PolicyProjection } {
  const policy = projectPolicy(local, testCase.gpo, testCase.gpo.size > 0);
  const evaluation = evaluateSnapshot({
    iis: { file: 'applicationHost.config', format: 'applicationHost.config', iisMajorVersion: null, applicationPools: new Map(testCase.pools.map((pool) => [pool.name.toLowerCase(), pool])), scopes: testCase.scopes, diagnostics: [] },
    policy,
    accounts: { accounts: testCase.accounts, unresolved: [] },
    host: HOST,
    ruleSet: testCase.ruleSet,
  });
  return { evaluation, policy };
}

function resolverFor(testCase: GeneratedCase): (name: string) => string | undefined {
  const index = buildAccountIndex({ accounts: testCase.accounts, unresolved: [] }, HOST);
  return (name) => index.byName(name)?.sid;
}

function sidsOf(policy: SecurityTemplate, right: string, resolve: (name: string) => string | undefined): Set<string> {
  return new Set((policy.privilegeRights?.get(right)?.holders ?? []).map((holder) => (holder.kind === 'sid' ? holder.sid : (resolve(holder.name) ?? `name:${holder.name}`))));
}

const counts = { cases: 0, actions: 0, grants: 0, revokes: 0, temporary: 0, refused: 0, inDesiredState: 0 };

function checkCase(testCase: GeneratedCase): void {
  const { evaluation, policy } = evaluate(testCase, testCase.local);
  const plan: Plan = buildPlan(evaluation, policy, { allowTemporaryFix: testCase.allowTemporaryFix });
  const resolve = resolverFor(testCase);
  counts.cases++;
  counts.actions += plan.actions.length;
  counts.grants += plan.actions.filter((action) => action.action === 'grant').length;
  counts.revokes += plan.actions.filter((action) => action.action === 'revoke').length;
  counts.temporary += plan.actions.filter((action) => action.temporary).length;
  counts.refused += plan.refused.length;

  // 1. Identity-scoped: every action's SID is the identity SID of a finding it fixes, and no SID
  //    other than a revoked identity's own ever leaves any right.
  const identitySids = new Set(evaluation.findings.map((finding) => finding.identity.sid));
  for (const action of plan.actions) {
    assert.ok(identitySids.has(action.sid), `action on ${action.sid}, which is no finding's identity`);
    for (const fix of action.fixes) assert.ok(evaluation.findings.some((finding) => finding.site === fix.site && finding.path === fix.path && finding.identity.sid === action.sid));
    if (action.action === 'revoke') assert.match(action.right, /^SeDeny/, 'revoke only from deny rights');
    if (action.action === 'grant') assert.doesNotMatch(action.right, /^SeDeny/, 'grant only allow rights');
  }
  const applied = applyActionsToPolicy(testCase.local, plan.actions, resolve);
  const revoked = new Set(plan.actions.filter((action) => action.action === 'revoke').map((action) => `${action.right} ${action.sid}`));
  for (const right of RIGHTS) {
    const before = sidsOf(testCase.local, right, resolve);
    const after = sidsOf(applied, right, resolve);
    for (const sid of before) if (!after.has(sid)) assert.ok(revoked.has(`${right} ${sid}`), `${sid} was removed from ${right} without a revoke of the identity's own SID`);
  }

  // 2. Idempotent: planning again on the applied policy yields no action.
  const again = evaluate(testCase, applied);
  const replan = buildPlan(again.evaluation, again.policy, { allowTemporaryFix: testCase.allowTemporaryFix });
  assert.deepEqual(replan.actions, [], 'a second plan after applying the first must be empty');

  // 3. After applying, every finding is in the desired state, or the plan said why not (refused,
  //    or fixed only temporarily under a GPO-owned right).
  for (const finding of again.evaluation.findings) {
    if (FINDING_STATUSES[finding.status].inDesiredState) continue;
    const explained =
      plan.refused.some((entry) => entry.site === finding.site && entry.path === finding.path) ||
      plan.actions.some((action) => action.temporary && action.fixes.some((fix) => fix.site === finding.site && fix.path === finding.path));
    assert.ok(explained, `after applying, ${finding.site}${finding.path} is ${finding.status} and the plan did not say why`);
  }

  // 4. A snapshot in the desired state gets an empty plan.
  if (evaluation.inDesiredState) {
    counts.inDesiredState++;
    assert.deepEqual(plan.actions, []);
    assert.deepEqual(plan.refused, []);
  }

  // Undo restores exactly what changed.
  const undone = applyActionsToPolicy(applied, plan.undo, resolve);
  for (const right of RIGHTS) assert.deepEqual([...sidsOf(undone, right, resolve)].sort(), [...sidsOf(testCase.local, right, resolve)].sort(), `undo of ${right}`);
}

describe('plan properties (simulator as oracle)', function () {
  this.timeout(600_000);

  after(() => {
    console.log(`      plan properties: ${counts.cases} generated cases, ${counts.actions} actions (${counts.grants} grants, ${counts.revokes} revokes, ${counts.temporary} temporary), ${counts.refused} refusals, ${counts.inDesiredState} cases already in the desired state`);
  });

  it(`holds for ${RUNS} generated policies, identities, groups and GPO ownerships`, () => {
    fc.assert(fc.property(caseArbitrary, checkCase), { numRuns: RUNS });
    assert.ok(counts.grants > 0 && counts.revokes > 0 && counts.temporary > 0 && counts.refused > 0, `the generator must reach every kind of outcome: ${JSON.stringify(counts)}`);
  });

  it('produces plans that validate against schemas/plan.schema.json', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    const validate = ajv.compile(require('../../schemas/plan.schema.json'));
    fc.assert(
      fc.property(caseArbitrary, (testCase) => {
        const { evaluation, policy } = evaluate(testCase, testCase.local);
        const document = buildPlanDocument('generated', testCase.ruleSet, [], buildPlan(evaluation, policy, { allowTemporaryFix: testCase.allowTemporaryFix }));
        assert.ok(validate(JSON.parse(JSON.stringify(document))), JSON.stringify(validate.errors));
      }),
      { numRuns: 300 },
    );
  });
});
