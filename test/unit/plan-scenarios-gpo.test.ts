import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkPlanStructure } from '../../src/core/check-plan';
import { type Plan } from '../../src/core/plan';
import { buildPlanDocument } from '../../src/io/plan-document';
import { renderPlan } from '../../src/render/plan';
import { loadSnapshotFolder } from '../../src/io/snapshot';
import { gpoAssignment, iis, pool, scope, template } from '../helpers/builders';
import { ANON, BASELINE, WHERE, groupPolicy, plan, refusals, snapshot } from './plan-scenarios-helpers';

describe('plans', () => {
  it('one action per identity and right, fixing every scope that needs it; undo in reverse', () => {
    const twoScopes = snapshot({
      iis: iis([
        scope({ userName: 'WEB01\\anon' }),
        scope({ site: 'Shop', userName: 'WEB01\\anon' }),
        scope({ site: 'Api', userName: 'CONTOSO\\svc-anon' }),
      ]),
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544'] }),
    });
    const result = plan(twoScopes);
    assert.deepEqual(
      result.actions.map((action) => [action.sid, action.fixes.map((fix) => fix.site)]),
      [
        [ANON, ['Default Web Site', 'Shop']],
        ['S-1-5-21-7-8-9-1105', ['Api']],
      ],
    );
    assert.deepEqual(
      result.undo.map((action) => [action.action, action.sid]),
      [
        ['revoke', 'S-1-5-21-7-8-9-1105'],
        ['revoke', ANON],
      ],
    );
    assert.deepEqual(
      result.actions.map((action) => action.temporary),
      [false, false],
    );
  });

  it('a deny through a group or a computed SID in a GPO: the GPO edit removes those SIDs, and each is refused with its own fix', () => {
    const result = plan(
      snapshot({
        localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
        groupPolicy: groupPolicy(gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-32-545', '*S-1-5-113'])),
      }),
      true,
    );
    assert.deepEqual(result.actions, []);
    const denied = `${WHERE}: WEB01\\anon (${ANON}) is denied by Deny access to this computer from the network (SeDenyNetworkLogonRight) through`;
    assert.deepEqual(refusals(result), [
      [
        'revoked-at-refresh',
        `${denied} BUILTIN\\Users (S-1-5-32-545), a group; Set never removes another holder or changes group membership`,
        `Remove WEB01\\anon from BUILTIN\\Users (S-1-5-32-545), or remove *S-1-5-32-545 from SeDenyNetworkLogonRight in ${BASELINE}.`,
      ],
      // S-1-5-113 is a deny entry the DISA STIG requires: the identity-side fix comes first.
      [
        'revoked-at-refresh',
        `${denied} NT AUTHORITY\\Local account (S-1-5-113), a SID Windows adds to the token itself; Set never removes another holder or changes group membership; removing NT AUTHORITY\\Local account (S-1-5-113) from that right would conflict with the DISA STIG for domain-joined member servers (WN22-MS-000080 and its 2016/2019 equivalents: Local account or Local account and member of Administrators)`,
        `Identity-side fix first: make the anonymous user a domain account, or the application pool identity (anonymousAuthentication userName="") instead of the local account WEB01\\anon; a domain account's token carries no Local account SID, so the baseline stays as it is. Only if that is impossible: remove *S-1-5-113 from SeDenyNetworkLogonRight in ${BASELINE}, as a documented exception to the baseline (it affects every account that carries the SID).`,
      ],
    ]);
    assert.deepEqual(
      result.gpoEdits.map((edit) => [edit.right, edit.add, edit.remove, edit.line]),
      [['SeDenyNetworkLogonRight', [], ['S-1-5-32-545', 'S-1-5-113'], 'SeDenyNetworkLogonRight = ']],
    );
    // The GPO edit itself says that it conflicts with the baseline, for S-1-5-113 only.
    assert.deepEqual(result.gpoEdits[0]!.baselineConflicts, [
      {
        sid: 'S-1-5-113',
        name: 'NT AUTHORITY\\Local account',
        requiredBy:
          'the DISA STIG for domain-joined member servers (WN22-MS-000080 and its 2016/2019 equivalents: Local account or Local account and member of Administrators)',
      },
    ]);
  });

  it('a GPO edit that removes a baseline entry says so in the plan table, after the identity-side fix, and check-plan holds it to the facts', () => {
    const result = plan(
      snapshot({
        localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
        groupPolicy: groupPolicy(gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-32-545', '*S-1-5-113'])),
      }),
    );
    const document = buildPlanDocument('WEB01', 'documented', [], result);
    const table = renderPlan(document, { color: false, width: 1000 });
    const identityFix = table.indexOf('fix: Identity-side fix first');
    const conflict = table.indexOf(
      '  conflicts with a baseline: removing *S-1-5-113 (NT AUTHORITY\\Local account) goes against the DISA STIG',
    );
    assert.ok(identityFix >= 0 && conflict > identityFix, table);
    assert.ok(!table.includes('removing *S-1-5-32-545 (BUILTIN'), 'Users is no baseline entry');
    assert.equal(checkPlanStructure(document), undefined);
    const hidden = { ...document, gpoEdits: document.gpoEdits.map(({ baselineConflicts: _hidden, ...edit }) => edit) };
    assert.deepEqual(checkPlanStructure(hidden)?.pointer, '/gpoEdits/0/baselineConflicts');
    const invented = {
      ...document,
      gpoEdits: document.gpoEdits.map((edit) => ({ ...edit, remove: ['S-1-5-32-545'] })),
    };
    assert.match(checkPlanStructure(invented)?.found ?? '', /^S-1-5-113 \(the DISA STIG/);
  });

  it("a local deny of the identity's own SID under a GPO that does not list it: refused until the refresh, revoked only when a temporary fix is allowed", () => {
    const stale = snapshot({
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'], SeDenyNetworkLogonRight: [`*${ANON}`] }),
      groupPolicy: groupPolicy(gpoAssignment('SeDenyNetworkLogonRight', ['Guests'])),
    });
    const refused = plan(stale);
    assert.deepEqual(refused.actions, []);
    assert.deepEqual(refusals(refused), [
      [
        'denied',
        `${WHERE}: ${BASELINE} owns Deny access to this computer from the network (SeDenyNetworkLogonRight) and does not list WEB01\\anon (${ANON}); the next refresh removes the local entry`,
        'Run gpupdate /force (or wait for the next refresh), or rerun with --allow-temporary-fix.',
      ],
    ]);
    assert.deepEqual(refused.gpoEdits, []);
    const temporary = plan(stale, true);
    assert.deepEqual(
      temporary.actions.map((action) => [action.action, action.right, action.temporary]),
      [['revoke', 'SeDenyNetworkLogonRight', true]],
    );
    assert.deepEqual(temporary.refused, []);
  });

  it('a GPO-owned allow right that does not grant: the exact refusal and fix, one GPO edit adding the SID once for every scope', () => {
    const blocked = snapshot({
      iis: iis([scope({ userName: 'WEB01\\anon' }), scope({ site: 'Shop', userName: 'WEB01\\anon' })]),
      groupPolicy: groupPolicy(gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'])),
    });
    const refused = plan(blocked);
    const line = `SeNetworkLogonRight = *S-1-5-32-544,*${ANON}`;
    assert.deepEqual(refusals(refused)[0], [
      'gpo-blocked',
      `${WHERE}: Access this computer from the network (SeNetworkLogonRight) is owned by ${BASELINE}, which does not grant it to WEB01\\anon (${ANON}); a local grant would be undone at the next refresh`,
      `Add *${ANON} (WEB01\\anon) to SeNetworkLogonRight in ${BASELINE}: ${line} (or rerun with --allow-temporary-fix for a local grant that lasts until the next refresh)`,
    ]);
    assert.equal(refused.refused.length, 2);
    assert.deepEqual(
      refused.gpoEdits.map((edit) => [edit.add, edit.remove, edit.line]),
      [[[ANON], [], line]],
    );
    const temporary = plan(blocked, true);
    assert.deepEqual(
      temporary.actions.map((action) => [action.action, action.temporary, action.fixes.map((fix) => fix.site)]),
      [['grant', true, ['Default Web Site', 'Shop']]],
    );
    assert.deepEqual(
      temporary.undo.map((action) => [action.action, action.temporary]),
      [['revoke', true]],
    );
  });

  it('denied while the GPO already grants the allow right: only the revoke, no refusal about the allow side', () => {
    const result = plan(
      snapshot({
        localPolicy: template({ SeNetworkLogonRight: [`*${ANON}`], SeDenyNetworkLogonRight: [`*${ANON}`] }),
        groupPolicy: groupPolicy(gpoAssignment('SeNetworkLogonRight', [`*${ANON}`])),
      }),
    );
    assert.deepEqual(
      result.actions.map((action) => [action.action, action.right, action.temporary]),
      [['revoke', 'SeDenyNetworkLogonRight', false]],
    );
    assert.deepEqual(result.refused, []);
    assert.deepEqual(result.gpoEdits, []);
  });

  it('scopes whose identity needs no right from policy plan nothing', () => {
    const result = plan(
      snapshot({ iis: iis([scope({ userName: '' })], [pool('DefaultAppPool', { identityType: 'NetworkService' })]) }),
    );
    assert.deepEqual([result.actions, result.undo, result.refused, result.gpoEdits], [[], [], [], []]);
  });

  it('the example snapshots: a grant for the missing batch right, GPO edits for the GPO-owned findings', () => {
    const example = (name: string, allowTemporaryFix = false): Plan =>
      plan(loadSnapshotFolder(join(__dirname, '..', '..', 'examples', 'snapshots', name)), allowTemporaryFix);
    const batch = example('iis10-specificuser-pool-missing-batch');
    assert.deepEqual(
      batch.actions.map((action) => [action.action, action.right, action.account, action.temporary, action.fixes]),
      [
        [
          'grant',
          'SeBatchLogonRight',
          'CONTOSO\\svc-reports',
          false,
          [{ site: 'Reports', path: '/', status: 'missing' }],
        ],
      ],
    );
    const blocked = example('iis10-gpo-blocked');
    assert.deepEqual(
      blocked.gpoEdits.map((edit) => [edit.gpo.name, edit.right, edit.add, edit.remove, edit.line]),
      [
        [
          'CONTOSO Hardened Baseline - Computer',
          'SeNetworkLogonRight',
          ['S-1-5-21-2060260628-1893702904-3285376245-1841'],
          [],
          'SeNetworkLogonRight = *S-1-5-32-544,*S-1-5-21-2060260628-1893702904-3285376245-1841',
        ],
      ],
    );
    assert.match(
      blocked.refused[0]!.fix,
      / \(or rerun with --allow-temporary-fix for a local grant that lasts until the next refresh\)$/,
    );
    assert.deepEqual(
      example('iis10-gpo-blocked', true).actions.map((action) => [action.action, action.temporary]),
      [['grant', true]],
    );
    const revoked = example('iis6-gpo-revoked-at-refresh', true);
    assert.deepEqual(revoked.actions, []);
    assert.deepEqual(
      revoked.refused.map((refused) => [refused.site, refused.status]),
      [
        ['Default Web Site', 'revoked-at-refresh'],
        ['Intranet', 'revoked-at-refresh'],
      ],
    );
    assert.doesNotMatch(revoked.refused[0]!.fix, /allow-temporary-fix/);
    assert.equal(revoked.gpoEdits.length, 1, 'one edit for both sites');
  });
});
