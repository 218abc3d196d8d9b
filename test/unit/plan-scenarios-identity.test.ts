import assert from 'node:assert/strict';
import { gpoAssignment, iis, scope, template } from '../helpers/builders';
import { ANON, BASELINE, WHERE, groupPolicy, plan, refusals, snapshot } from './plan-scenarios-helpers';

describe('plans', () => {
  it("the identity's own SID in a local deny right: revoke it, and refuse the deny through a group with the fix", () => {
    const result = plan(
      snapshot({
        localPolicy: template({
          SeNetworkLogonRight: ['*S-1-1-0'],
          SeDenyNetworkLogonRight: [`*${ANON}`, '*S-1-5-32-545'],
        }),
      }),
    );
    assert.deepEqual(result.actions, [
      {
        action: 'revoke',
        right: 'SeDenyNetworkLogonRight',
        sid: ANON,
        account: 'WEB01\\anon',
        temporary: false,
        fixes: [{ site: 'Default Web Site', path: '/', status: 'denied' }],
      },
    ]);
    assert.deepEqual(result.undo, [
      { action: 'grant', right: 'SeDenyNetworkLogonRight', sid: ANON, account: 'WEB01\\anon', temporary: false },
    ]);
    assert.deepEqual(refusals(result), [
      [
        'denied',
        `${WHERE}: WEB01\\anon (${ANON}) is denied by Deny access to this computer from the network (SeDenyNetworkLogonRight) through BUILTIN\\Users (S-1-5-32-545), a group; Set never removes another holder or changes group membership`,
        'Remove WEB01\\anon from BUILTIN\\Users (S-1-5-32-545), or remove *S-1-5-32-545 from SeDenyNetworkLogonRight in local policy.',
      ],
    ]);
    assert.deepEqual(result.gpoEdits, []);
  });

  it("the identity's own SID in a GPO's deny right: the GPO edit, and a temporary revoke only when allowed", () => {
    const denied = snapshot({
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'], SeDenyNetworkLogonRight: [`*${ANON}`] }),
      groupPolicy: groupPolicy(gpoAssignment('SeDenyNetworkLogonRight', [`*${ANON}`, 'Guests'])),
    });
    const edit = {
      gpo: { id: '{11111111-2222-3333-4444-555555555555}', name: 'CONTOSO Server Baseline' },
      right: 'SeDenyNetworkLogonRight',
      add: [],
      remove: [ANON],
      line: 'SeDenyNetworkLogonRight = Guests',
    };
    const refused = plan(denied);
    assert.deepEqual(refused.actions, []);
    assert.deepEqual(refusals(refused), [
      [
        'gpo-blocked',
        `${WHERE}: Deny access to this computer from the network (SeDenyNetworkLogonRight) is owned by ${BASELINE}, which lists WEB01\\anon (${ANON})`,
        `Remove *${ANON} from SeDenyNetworkLogonRight in ${BASELINE}: SeDenyNetworkLogonRight = Guests`,
      ],
    ]);
    assert.deepEqual(refused.gpoEdits, [edit]);
    const temporary = plan(denied, true);
    assert.deepEqual(temporary.actions, [
      {
        action: 'revoke',
        right: 'SeDenyNetworkLogonRight',
        sid: ANON,
        account: 'WEB01\\anon',
        temporary: true,
        fixes: [{ site: 'Default Web Site', path: '/', status: 'gpo-blocked' }],
      },
    ]);
    assert.deepEqual(temporary.undo, [
      { action: 'grant', right: 'SeDenyNetworkLogonRight', sid: ANON, account: 'WEB01\\anon', temporary: true },
    ]);
    assert.deepEqual(temporary.refused, []);
    assert.deepEqual(temporary.gpoEdits, [edit]);
  });

  it('a GPO that will deny at the next refresh: refused either way, with the GPO line left empty', () => {
    const later = snapshot({
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
      groupPolicy: groupPolicy(gpoAssignment('SeDenyNetworkLogonRight', [`*${ANON}`])),
    });
    for (const allowTemporaryFix of [false, true]) {
      const result = plan(later, allowTemporaryFix);
      assert.deepEqual(result.actions, []);
      assert.deepEqual(refusals(result), [
        [
          'revoked-at-refresh',
          `${WHERE}: Deny access to this computer from the network (SeDenyNetworkLogonRight) is owned by ${BASELINE}, which lists WEB01\\anon (${ANON})`,
          `Remove *${ANON} from SeDenyNetworkLogonRight in ${BASELINE}: SeDenyNetworkLogonRight = `,
        ],
      ]);
      assert.deepEqual(
        result.gpoEdits.map((edit) => edit.line),
        ['SeDenyNetworkLogonRight = '],
      );
    }
  });

  it('a right the GPO already grants: nothing local, unless a temporary grant is allowed', () => {
    const pending = snapshot({
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544'] }),
      groupPolicy: groupPolicy(gpoAssignment('SeNetworkLogonRight', [`*${ANON}`])),
    });
    const result = plan(pending);
    assert.deepEqual(refusals(result), [
      [
        'missing',
        `${WHERE}: ${BASELINE} owns Access this computer from the network (SeNetworkLogonRight) and already grants it to WEB01\\anon (${ANON}); the next refresh applies it`,
        'Run gpupdate /force (or wait for the next refresh); no local change is needed.',
      ],
    ]);
    assert.deepEqual(result.gpoEdits, []);
    assert.deepEqual(
      plan(pending, true).actions.map((action) => [action.action, action.right, action.temporary]),
      [['grant', 'SeNetworkLogonRight', true]],
    );
  });

  it('an identity without a SID cannot be acted on', () => {
    const result = plan(
      snapshot({
        iis: iis([scope({ userName: 'CONTOSO\\ghost' })]),
        localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544'] }),
      }),
      true,
    );
    assert.deepEqual(refusals(result), [
      [
        'unresolved',
        `${WHERE}: the identity's SID is unknown, so no right can be granted to it`,
        'Make sure the account exists and resolves on the host, then collect the snapshot again.',
      ],
    ]);
    assert.deepEqual([result.actions, result.undo, result.gpoEdits], [[], [], []]);
  });
});
