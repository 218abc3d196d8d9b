import assert from 'node:assert/strict';
import { checkPlanAgainstFacts, checkPlanStructure } from '../../src/core/check-plan';
import type { PlanDocument } from '../../src/core/plan';
import { applicationPoolSid, serviceSid } from '../../src/core/sids';
import { ANON, enginePlans, say, tampered, WHO, type Planned } from '../helpers/check-plan-cases';

/**
 * What check-plan says when a saved plan's actions or undo list were changed: the element
 * (pointer), what was expected and what was found, with the action named as "grant <right> to"
 * or "revoke <right> from" its SID and account. Without facts the structure is checked; with
 * facts, every action must be one the engine plans now, field for field.
 */

describe('check-plan: refusals of actions and undo entries', () => {
  let local: Planned;
  let localOptedIn: Planned;
  let gpo: Planned;
  before(() => ({ local, localOptedIn, gpo } = enginePlans()));

  it('structural refusals name the action as grant ... to or revoke ... from, with its SID and account', () => {
    const cases: [string, Planned, (document: PlanDocument) => void, string][] = [
      [
        'temporary without the opt-in',
        local,
        (document) => {
          document.actions[1]!.temporary = true;
          document.undo[0]!.temporary = true;
        },
        `/actions/1/temporary: expected temporary only in a plan made with --allow-temporary-fix (options.allowTemporaryFix), found a temporary revoke SeDenyNetworkLogonRight from ${WHO}`,
      ],
      [
        'the same action twice',
        local,
        (document) => document.actions.push(structuredClone(document.actions[0]!)),
        `/actions/2: expected each action once, found grant SeNetworkLogonRight to ${WHO} again`,
      ],
      [
        'an undo entry missing',
        local,
        (document) => document.undo.pop(),
        `/undo/1: expected the inverse of every action in reverse order: revoke SeNetworkLogonRight from ${WHO}, found the end of the list`,
      ],
      [
        'an undo entry too many',
        local,
        (document) => document.undo.push({ ...document.undo[1]!, action: 'grant' }),
        `/undo/2: expected no more undo actions than actions (2), found grant SeNetworkLogonRight to ${WHO}`,
      ],
      [
        'an undo that is not temporary',
        gpo,
        (document) => (document.undo[0]!.temporary = false),
        `/undo/0: expected the inverse of every action in reverse order: revoke SeNetworkLogonRight from ${WHO} (temporary), found revoke SeNetworkLogonRight from ${WHO}`,
      ],
      [
        'an undo that is temporary',
        local,
        (document) => (document.undo[1]!.temporary = true),
        `/undo/1: expected the inverse of every action in reverse order: revoke SeNetworkLogonRight from ${WHO}, found revoke SeNetworkLogonRight from ${WHO} (temporary)`,
      ],
    ];
    for (const [name, plan, change, want] of cases)
      assert.equal(say(checkPlanStructure(tampered(plan, change))), want, name);
  });

  it('against the facts: an action the engine does not plan, another account, another temporary flag, a fix it does not make', () => {
    const inverse = (document: PlanDocument, index: number) => {
      const action = document.actions[index]!;
      const undo = document.undo[document.undo.length - 1 - index]!;
      Object.assign(undo, { right: action.right, sid: action.sid, account: action.account });
      undo.temporary = action.temporary;
    };
    const fixOf = (document: PlanDocument) => document.actions[0]!.fixes[1]!;
    const cases: [string, Planned, (document: PlanDocument) => void, string][] = [
      [
        'another right',
        local,
        (document) => {
          document.actions[0]!.right = 'SeBatchLogonRight';
          inverse(document, 0);
        },
        `/actions/0: expected an action the engine plans for this snapshot now under the documented rules, found grant SeBatchLogonRight to ${WHO}, which it does not plan`,
      ],
      [
        'another right, opted in',
        gpo,
        (document) => {
          document.actions[0]!.right = 'SeInteractiveLogonRight';
          inverse(document, 0);
        },
        `/actions/0: expected an action the engine plans for this snapshot now under the documented rules with temporary fixes allowed, found grant SeInteractiveLogonRight to ${WHO}, which it does not plan`,
      ],
      [
        'another account name',
        local,
        (document) => {
          document.actions[1]!.account = 'WEB01\\other';
          inverse(document, 1);
        },
        `/actions/1/account: expected the account the snapshot gives for ${ANON}, "WEB01\\\\anon", found "WEB01\\\\other"`,
      ],
      [
        'not temporary under a GPO-owned right',
        gpo,
        (document) => {
          document.actions[0]!.temporary = false;
          inverse(document, 0);
        },
        '/actions/0/temporary: expected temporary true (a GPO owns the right), found false',
      ],
      [
        'temporary under a right local policy owns',
        localOptedIn,
        (document) => {
          document.actions[0]!.temporary = true;
          inverse(document, 0);
        },
        '/actions/0/temporary: expected temporary false (local policy owns the right), found true',
      ],
      [
        'a fix on another site',
        local,
        (document) => (fixOf(document).site = 'Intranet'),
        '/actions/0/fixes/1: expected a finding this action fixes in the snapshot now, found {"site":"Intranet","path":"/","status":"denied"}',
      ],
      [
        'a fix on another path',
        local,
        (document) => (fixOf(document).path = '/admin'),
        '/actions/0/fixes/1: expected a finding this action fixes in the snapshot now, found {"site":"Shop","path":"/admin","status":"denied"}',
      ],
      [
        'a fix of another status',
        local,
        (document) => (fixOf(document).status = 'missing'),
        '/actions/0/fixes/1: expected a finding this action fixes in the snapshot now, found {"site":"Shop","path":"/","status":"missing"}',
      ],
    ];
    for (const [name, plan, change, want] of cases) {
      const document = tampered(plan, change);
      assert.equal(checkPlanStructure(document), undefined, `${name}: the structure alone passes`);
      assert.equal(say(checkPlanAgainstFacts(document, plan.derived)), want, name);
    }
  });

  it("an action's SID is the identity's own, bound to the account it names", () => {
    const own =
      "the identity's own SID (an account, IUSR, a service account, an application pool identity or a service's virtual account), never a group or a computed SID";
    const poolOnly = 'an application pool SID only for an account named IIS APPPOOL\\<pool>';
    const serviceOnly = "a service's SID only for an account named NT SERVICE\\<service>";
    const cases: [string, string, string, string | undefined][] = [
      ['a domain account', 'S-1-5-21-7-8-9-1105', 'CONTOSO\\svc-anon', undefined],
      ['Domain Users (RID 513)', 'S-1-5-21-7-8-9-513', 'CONTOSO\\Domain Users', own],
      ['Domain Admins (RID 512)', 'S-1-5-21-7-8-9-512', 'CONTOSO\\svc-anon', own],
      ['a domain SID with five sub-authorities', 'S-1-5-21-7-8-9-1105-1', 'CONTOSO\\svc-anon', own],
      ['NETWORK SERVICE', 'S-1-5-20', 'NT AUTHORITY\\NETWORK SERVICE', undefined],
      ['a pool SID with six numbers', `${applicationPoolSid('Shop')}-1`, 'CONTOSO\\svc-anon', own],
      ['a service SID with six numbers', `${serviceSid('WebSync')}-1`, 'CONTOSO\\svc-anon', own],
      // A pool or service name fixes its SID; only that name may carry it.
      ...(
        [
          ['IIS APPPOOL', applicationPoolSid, poolOnly],
          ['NT SERVICE', serviceSid, serviceOnly],
        ] as const
      ).flatMap(([prefix, sidOf, only]): [string, string, string, string | undefined][] => [
        [`${prefix} by its name`, sidOf('Shop'), `${prefix}\\Shop`, undefined],
        [`${prefix} inside another name`, sidOf('Shop'), `CONTOSO\\${prefix}\\Shop`, only],
        [`${prefix} and a line break`, sidOf('Shop'), `${prefix}\\Shop\nCONTOSO\\x`, only],
        [
          `a padded ${prefix} name, bound to its own SID`,
          sidOf('Shop'),
          ` ${prefix}\\Intranet `,
          `the SID of " ${prefix}\\\\Intranet ", ${sidOf('Intranet')}`,
        ],
      ]),
    ];
    for (const [name, sid, account, expected] of cases) {
      const plan = tampered(local, (document) => {
        Object.assign(document.actions[0]!, { sid, account });
        Object.assign(document.undo[1]!, { sid, account });
      });
      const problem = checkPlanStructure(plan);
      assert.deepEqual(
        problem && [problem.pointer, problem.expected, problem.found],
        expected && ['/actions/0/sid', expected, `grant SeNetworkLogonRight to ${sid} (${JSON.stringify(account)})`],
        name,
      );
    }
  });
});
