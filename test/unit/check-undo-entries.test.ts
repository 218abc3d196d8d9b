import assert from 'node:assert/strict';
import { checkUndoAgainstFacts } from '../../src/core/check-undo';
import type { PlanDocument } from '../../src/core/plan';
import { ANON, planned, say, snapshot, type Planned } from '../helpers/check-plan-cases';
import { iis, pool, scope, template } from '../helpers/builders';

/**
 * check-plan --undo: each undo entry restores exactly what the backup recorded. The undo of a
 * grant revokes only a right the SID did not hold before; the undo of a revoke grants back only a
 * deny right the SID held before. An entry must name an identity that needs a right now: one that
 * needs none (NetworkService as a worker process) or whose SID is unknown gives it no standing.
 */

const NETWORK_SERVICE = 'S-1-5-20';

describe('check-plan --undo: each entry against the facts and rights-before', () => {
  /** grant SeNetworkLogonRight to WEB01\anon and revoke its SeDenyNetworkLogonRight entry; beside it a pool running as NetworkService and an anonymous user the host cannot resolve. */
  let plan: Planned;
  before(() => {
    plan = planned(
      snapshot({
        localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544'], SeDenyNetworkLogonRight: [`*${ANON}`] }),
        iis: iis(
          [
            scope({ userName: 'WEB01\\anon' }),
            scope({ site: 'Tools', userName: '', applicationPool: 'Tools' }),
            scope({ site: 'Legacy', userName: 'CONTOSO\\ghost' }),
          ],
          [pool('DefaultAppPool'), pool('Tools', { identityType: 'NetworkService' })],
        ),
      }),
      false,
    );
  });

  const check = (document: PlanDocument, before: Record<string, string[]>) =>
    say(
      checkUndoAgainstFacts(
        document,
        plan.evaluation,
        new Map(Object.entries(before).map(([sid, rights]) => [sid, new Set(rights)])),
      ),
    );

  it('the snapshot has the identities these cases need', () => {
    assert.deepEqual(
      plan.evaluation.findings
        .filter((finding) => finding.role === 'anonymous-user' || finding.identity.sid === NETWORK_SERVICE)
        .map((finding) => [finding.site, finding.identity.sid, finding.status, finding.right]),
      [
        ['Default Web Site', ANON, 'denied', 'SeNetworkLogonRight'],
        ['Tools', NETWORK_SERVICE, 'not-required', null],
        ['Legacy', null, 'unresolved', 'SeNetworkLogonRight'],
      ],
    );
    assert.deepEqual(
      plan.document.undo.map((entry) => [entry.action, entry.right]),
      [
        ['grant', 'SeDenyNetworkLogonRight'],
        ['revoke', 'SeNetworkLogonRight'],
      ],
    );
  });

  it('passes the exact inverse of the change: the deny entry held before, the allow right not', () => {
    assert.equal(check(plan.document, { [ANON]: ['SeDenyNetworkLogonRight'] }), undefined);
    assert.equal(check(plan.document, { [ANON]: ['SeDenyNetworkLogonRight', 'SeBatchLogonRight'] }), undefined);
  });

  it('refuses to grant back a deny right the SID did not hold, or to revoke a right it held', () => {
    assert.equal(
      check(plan.document, { [ANON]: [] }),
      `/undo/0: expected an undo that grants back only a deny right the change removed, found grant SeDenyNetworkLogonRight to ${ANON}, which did not hold it before the change`,
    );
    assert.equal(
      check(plan.document, { [ANON]: ['SeDenyNetworkLogonRight', 'SeNetworkLogonRight'] }),
      `/undo/1: expected an undo that revokes only a right the change granted, found revoke SeNetworkLogonRight from ${ANON}, which held it before the change`,
    );
  });

  it('refuses an entry for an identity that needs no right now, naming its SID and account', () => {
    const document = structuredClone(plan.document);
    const account = 'NT AUTHORITY\\NETWORK SERVICE';
    document.actions = [{ ...document.actions[0]!, sid: NETWORK_SERVICE, account, fixes: [] }];
    document.undo = [{ ...document.undo[1]!, sid: NETWORK_SERVICE, account }];
    assert.equal(
      check(document, { [NETWORK_SERVICE]: [] }),
      `/undo/0/sid: expected the SID of an identity that needs a logon right from policy now, found ${NETWORK_SERVICE} ("NT AUTHORITY\\\\NETWORK SERVICE"), which IIS logs on with but which needs no logon right from policy (rule pool-builtin-account), so no plan grants it one`,
    );
    // A SID no site, application or pool uses is refused for that reason, its account escaped.
    const stranger = 'S-1-5-21-1-2-3-4242';
    const unused = structuredClone(document);
    unused.actions[0] = { ...unused.actions[0]!, sid: stranger, account: 'WEB01\\"gone"' };
    unused.undo[0] = { ...unused.undo[0]!, sid: stranger, account: 'WEB01\\"gone"' };
    assert.equal(
      check(unused, { [stranger]: [] }),
      `/undo/0/sid: expected the SID of an identity IIS logs on with now, found ${stranger} ("WEB01\\\\\\"gone\\""), which no site, application or pool uses`,
    );
    // The structure is checked first, with the message check-plan gives without --undo.
    document.undo[0]!.temporary = true;
    assert.match(check(document, { [NETWORK_SERVICE]: [] }) ?? '', /^\/undo\/0: expected the inverse of every action/);
  });
});
