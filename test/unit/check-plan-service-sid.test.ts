import assert from 'node:assert/strict';
import { checkPlanAgainstFacts, checkPlanStructure } from '../../src/core/check-plan';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import type { Snapshot } from '../../src/core/model';
import { buildPlan } from '../../src/core/plan';
import { applicationPoolSid, serviceSid } from '../../src/core/sids';
import { buildPlanDocument } from '../../src/io/plan-document';
import { accounts, iis, pool, scope, template, WEB01 } from '../helpers/builders';

/**
 * A service's virtual account (NT SERVICE\<service>) has the SID S-1-5-80 followed by the SHA-1
 * of the upper-cased service name in UTF-16LE, as five numbers; `sc showsid` prints
 * NT SERVICE\TrustedInstaller as S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464.
 * S-1-5-80-0 is NT SERVICE\ALL SERVICES, a group every service's token carries. A pool (or an
 * anonymous user) configured with such an account makes the engine plan a grant to that SID, and
 * check-plan must pass it, while a plan that names another holder stays refused.
 */

const SYNC = serviceSid('WebSync');

function servicePoolPlan() {
  const snapshot: Snapshot = {
    name: 'WEB01',
    localPolicy: template({ SeServiceLogonRight: ['*S-1-5-32-544'], SeNetworkLogonRight: ['*S-1-1-0'] }),
    iis: iis(
      [scope({ applicationPool: 'Sync' })],
      [pool('Sync', { identityType: 'SpecificUser', userName: 'NT SERVICE\\WebSync', logonType: 'LogonService' })],
    ),
    groupPolicy: [],
    accounts: accounts({ name: 'NT SERVICE\\WebSync', sid: SYNC, kind: 'virtual', groups: [] }),
    host: WEB01,
  };
  const { evaluation, policy } = judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] });
  const plan = buildPlan(evaluation, policy, { allowTemporaryFix: false });
  return { plan, document: buildPlanDocument('WEB01', 'documented', [], plan) };
}

describe("check-plan: a service's virtual account (NT SERVICE, S-1-5-80)", () => {
  it('computes service SIDs as sc showsid prints them', () => {
    assert.equal(serviceSid('TrustedInstaller'), 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464');
    assert.equal(serviceSid('mssqlserver'), 'S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003');
  });

  it('passes the grant the engine plans for a pool that runs as NT SERVICE\\WebSync', () => {
    const { plan, document } = servicePoolPlan();
    assert.deepEqual(
      document.actions.map((action) => [action.action, action.right, action.sid, action.account]),
      [['grant', 'SeServiceLogonRight', SYNC, 'NT SERVICE\\WebSync']],
    );
    assert.equal(checkPlanStructure(document), undefined);
    assert.equal(checkPlanAgainstFacts(document, plan), undefined);
  });

  it('still refuses a plan that names another holder through a service SID', () => {
    const { plan, document } = servicePoolPlan();
    const action = document.actions[0]!;
    const withAction = (change: Partial<typeof action>) => {
      const changed = { ...action, ...change };
      return {
        ...document,
        actions: [changed],
        undo: [{ ...document.undo[0]!, sid: changed.sid, account: changed.account }],
      };
    };
    const structural: [string, Partial<typeof action>, RegExp][] = [
      ['ALL SERVICES, a group', { sid: 'S-1-5-80-0' }, /the identity's own SID/],
      [
        'ALL SERVICES by name',
        { sid: SYNC, account: 'NT SERVICE\\ALL SERVICES' },
        /the SID of "NT SERVICE\\\\ALL SERVICES", S-1-5-80-0/,
      ],
      [
        'another service under this name',
        { sid: serviceSid('EvilService') },
        /the SID of "NT SERVICE\\\\WebSync", S-1-5-80-/,
      ],
      [
        'a service SID under a plain name',
        { account: 'CONTOSO\\svc-a' },
        /a service's SID only for an account named NT SERVICE/,
      ],
      ['a service SID with four numbers', { sid: 'S-1-5-80-1-2-3-4' }, /the identity's own SID/],
      [
        'a pool SID under an empty pool name',
        { sid: applicationPoolSid('EvilPool'), account: 'IIS APPPOOL\\' },
        /an application pool SID only for an account named IIS APPPOOL/,
      ],
    ];
    for (const [name, change, pattern] of structural) {
      const problem = checkPlanStructure(withAction(change));
      assert.ok(problem, name);
      assert.equal(problem.pointer, '/actions/0/sid', name);
      assert.match(problem.expected, pattern, name);
    }
    // A consistent name and SID of another service passes the structure; the facts refuse it.
    const other = withAction({ sid: serviceSid('EvilService'), account: 'NT SERVICE\\EvilService' });
    assert.equal(checkPlanStructure(other), undefined);
    assert.ok(checkPlanAgainstFacts(other, plan));
  });
});
