import assert from 'node:assert/strict';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import type { Snapshot } from '../../src/core/model';
import { buildPlan } from '../../src/core/plan';
import { ANON, snapshot } from '../helpers/check-plan-cases';
import {
  accounts,
  DOMAIN_ANON,
  gpoAssignment,
  groupPolicyResult,
  iis,
  LOCAL_ANON,
  pool,
  scope,
  template,
} from '../helpers/builders';

/**
 * What a plan refuses, and the administrator's fix it gives instead, for the cases the plan
 * scenarios do not spell out: identities with no SID or an unconfirmed verdict, identities that
 * need no right, a grant a GPO will take back, denies through a group or a SID Windows computes,
 * entries a GPO lists by name, lines that cannot be given, and the identity-side fix for each
 * baseline deny entry and role. Exact texts, since a person acts on them.
 */

const GPO = 'GPO "CONTOSO Server Baseline" {11111111-2222-3333-4444-555555555555}';
const WHERE = 'Site "Default Web Site" path /';
const WHO = `WEB01\\anon (${ANON})`;
const DENY = 'Deny access to this computer from the network (SeDenyNetworkLogonRight)';
const NEVER = 'Set never removes another holder or changes group membership';
const EXCEPTION = (sid: string) =>
  `Only if that is impossible: remove *${sid} from SeDenyNetworkLogonRight in ${GPO}, as a documented exception to the baseline (it affects every account that carries the SID).`;
const LOCAL_ACCOUNT_FIX = (role: string, alternative: string) =>
  `Identity-side fix first: make the ${role} ${alternative} instead of the local account WEB01\\anon; a domain account's token carries no Local account SID, so the baseline stays as it is.`;
const WITHHELD = `no GptTmpl.inf line is given, because the GPO's list for SeDenyNetworkLogonRight holds an entry that is neither a SID nor a plain account name, and the snapshot does not resolve it to a SID ("Web;Ops"); make the change in the Group Policy Management Editor instead`;

function gpo(...assignments: ReturnType<typeof gpoAssignment>[]): Snapshot['groupPolicy'] {
  return [groupPolicyResult(assignments)];
}

const anonymous = (...scopes: Parameters<typeof scope>[0][]) =>
  iis(scopes.map((overrides) => scope({ userName: 'WEB01\\anon', ...overrides })));

interface Expected {
  refused: [string, string, string][];
  gpoEdits?: [string[], string | null, string | undefined][];
}

const CASES: [string, Partial<Snapshot>, Expected][] = [
  [
    'an account the host does not know; anonymous disabled; a pool as NetworkService',
    {
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
      iis: iis(
        [
          scope({ userName: 'CONTOSO\\ghost' }),
          scope({ site: 'Tools', applicationPool: 'Tools', enabled: false }),
          scope({ site: 'Svc', userName: '', applicationPool: 'Tools' }),
        ],
        [pool('DefaultAppPool'), pool('Tools', { identityType: 'NetworkService' })],
      ),
    },
    {
      refused: [
        [
          'unresolved',
          `${WHERE}: the identity's SID is unknown, so no right can be granted to it`,
          'Make sure the account exists and resolves on the host, then collect the snapshot again.',
        ],
      ],
    },
  ],
  [
    'a verdict its unread domain groups leave unconfirmed',
    {
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'], SeDenyNetworkLogonRight: ['*S-1-5-21-7-8-9-2001'] }),
      iis: iis([scope({ userName: DOMAIN_ANON.name })]),
      accounts: accounts({ ...DOMAIN_ANON, groupsIncomplete: 'the domain controller did not answer' }),
    },
    {
      refused: [
        [
          'unresolved',
          `${WHERE}: the verdict on CONTOSO\\svc-anon (${DOMAIN_ANON.sid}) is not confirmed (its domain groups could not be read), so Set has nothing it may safely change`,
          'Collect the snapshot again where a domain controller is reachable, then plan again.',
        ],
      ],
    },
  ],
  [
    'a local grant a GPO takes back at the next refresh (no opt-in offered: it is held now)',
    {
      localPolicy: template({ SeNetworkLogonRight: [`*${ANON}`] }),
      iis: anonymous({}),
      groupPolicy: gpo(gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'])),
    },
    {
      refused: [
        [
          'revoked-at-refresh',
          `${WHERE}: Access this computer from the network (SeNetworkLogonRight) is owned by ${GPO}, which does not grant it to ${WHO}; a local grant would be undone at the next refresh`,
          `Add *${ANON} (WEB01\\anon) to SeNetworkLogonRight in ${GPO}: SeNetworkLogonRight = *S-1-5-32-544,*${ANON}`,
        ],
      ],
      gpoEdits: [[[], `SeNetworkLogonRight = *S-1-5-32-544,*${ANON}`, undefined]],
    },
  ],
  [
    'a local deny through a group, under a GPO that owns the deny right and does not list the group',
    {
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'], SeDenyNetworkLogonRight: ['*S-1-5-32-545'] }),
      iis: anonymous({}),
      groupPolicy: gpo(gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-32-546'])),
    },
    {
      refused: [
        [
          'denied',
          `${WHERE}: ${WHO} is denied by ${DENY} through BUILTIN\\Users (S-1-5-32-545), a group; ${NEVER}`,
          'Remove WEB01\\anon from BUILTIN\\Users (S-1-5-32-545), or remove *S-1-5-32-545 from SeDenyNetworkLogonRight in local policy.',
        ],
      ],
      gpoEdits: [],
    },
  ],
  [
    'a GPO deny of the account, beside a local deny through a group the GPO does not list: only the own SID is a GPO edit',
    {
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'], SeDenyNetworkLogonRight: ['*S-1-5-32-545'] }),
      iis: anonymous({}),
      groupPolicy: gpo(gpoAssignment('SeDenyNetworkLogonRight', [`*${ANON}`])),
    },
    {
      refused: [
        [
          'gpo-blocked',
          `${WHERE}: ${DENY} is owned by ${GPO}, which lists ${WHO}`,
          `Remove *${ANON} from SeDenyNetworkLogonRight in ${GPO}: SeDenyNetworkLogonRight = `,
        ],
        [
          'gpo-blocked',
          `${WHERE}: ${WHO} is denied by ${DENY} through BUILTIN\\Users (S-1-5-32-545), a group; ${NEVER}`,
          'Remove WEB01\\anon from BUILTIN\\Users (S-1-5-32-545), or remove *S-1-5-32-545 from SeDenyNetworkLogonRight in local policy.',
        ],
      ],
      gpoEdits: [[[ANON], 'SeDenyNetworkLogonRight = ', undefined]],
    },
  ],
  [
    'a local deny of Everyone, a SID Windows adds to every token',
    {
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-545'], SeDenyNetworkLogonRight: ['*S-1-1-0'] }),
      iis: anonymous({}),
    },
    {
      refused: [
        [
          'denied',
          `${WHERE}: ${WHO} is denied by ${DENY} through Everyone (S-1-1-0), a SID Windows adds to the token itself; ${NEVER}`,
          'Remove *S-1-1-0 from SeDenyNetworkLogonRight in local policy (this affects every account that carries it), or run anonymous requests as an identity that does not carry it.',
        ],
      ],
    },
  ],
  [
    'a GPO deny that lists the account by name: the line drops the name',
    {
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
      iis: anonymous({}),
      groupPolicy: gpo(gpoAssignment('SeDenyNetworkLogonRight', ['WEB01\\anon', 'Guests'])),
    },
    {
      refused: [
        [
          'revoked-at-refresh',
          `${WHERE}: ${DENY} is owned by ${GPO}, which lists ${WHO}`,
          `Remove *${ANON} from SeDenyNetworkLogonRight in ${GPO}: SeDenyNetworkLogonRight = Guests`,
        ],
      ],
      gpoEdits: [[[ANON], 'SeDenyNetworkLogonRight = Guests', undefined]],
    },
  ],
  [
    'a GPO deny whose list holds a name no line can carry, for two sites: one edit, no line, the reason',
    {
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
      iis: anonymous({}, { site: 'Shop' }),
      groupPolicy: gpo(gpoAssignment('SeDenyNetworkLogonRight', [`*${ANON}`, 'Web;Ops'])),
    },
    {
      refused: ['Default Web Site', 'Shop'].map((site): [string, string, string] => [
        'revoked-at-refresh',
        `Site "${site}" path /: ${DENY} is owned by ${GPO}, which lists ${WHO}`,
        `Remove *${ANON} from SeDenyNetworkLogonRight in ${GPO}: ${WITHHELD}`,
      ]),
      gpoEdits: [[[ANON], null, WITHHELD]],
    },
  ],
  [
    'a baseline deny of Guests: take the account out of the group first',
    {
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
      iis: anonymous({}),
      accounts: accounts({ ...LOCAL_ANON, groups: ['S-1-5-32-546'] }),
      groupPolicy: gpo(gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-32-546'])),
    },
    {
      refused: [
        [
          'revoked-at-refresh',
          `${WHERE}: ${WHO} is denied by ${DENY} through BUILTIN\\Guests (S-1-5-32-546), a group; ${NEVER}; removing BUILTIN\\Guests (S-1-5-32-546) from that right would conflict with the DISA STIG (WN22-MS-000080: Guests on all systems) and the CIS benchmark`,
          `Identity-side fix first: take WEB01\\anon out of BUILTIN\\Guests (S-1-5-32-546), or make the anonymous user an account that is not in it, so the baseline stays as it is. ${EXCEPTION('S-1-5-32-546')}`,
        ],
      ],
    },
  ],
  [
    'a baseline deny of S-1-5-114 (a local administrator): a domain account first',
    {
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
      iis: anonymous({}),
      accounts: accounts({ ...LOCAL_ANON, groups: ['S-1-5-32-544'] }),
      groupPolicy: gpo(gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-114'])),
    },
    {
      refused: [
        [
          'revoked-at-refresh',
          `${WHERE}: ${WHO} is denied by ${DENY} through NT AUTHORITY\\Local account and member of Administrators group (S-1-5-114), a SID Windows adds to the token itself; ${NEVER}; removing NT AUTHORITY\\Local account and member of Administrators group (S-1-5-114) from that right would conflict with the DISA STIG for domain-joined member servers (WN22-MS-000080) and the CIS benchmark for member servers (Deny access to this computer from the network)`,
          `${LOCAL_ACCOUNT_FIX('anonymous user', 'a domain account, or the application pool identity (anonymousAuthentication userName="")')} ${EXCEPTION('S-1-5-114')}`,
        ],
      ],
    },
  ],
  [
    'a baseline deny of S-1-5-113 for a local connect-as account: its own alternative',
    {
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
      iis: iis([
        scope({
          userName: DOMAIN_ANON.name,
          connectAs: {
            userName: 'WEB01\\anon',
            logonMethod: 'ClearText',
            passwordSet: true,
            physicalPath: '\\\\fs\\share',
            definedAt: 'server level',
          },
        }),
      ]),
      accounts: accounts(LOCAL_ANON, DOMAIN_ANON),
      groupPolicy: gpo(gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-113'])),
    },
    {
      refused: [
        [
          'revoked-at-refresh',
          `${WHERE}: ${WHO} is denied by ${DENY} through NT AUTHORITY\\Local account (S-1-5-113), a SID Windows adds to the token itself; ${NEVER}; removing NT AUTHORITY\\Local account (S-1-5-113) from that right would conflict with the DISA STIG for domain-joined member servers (WN22-MS-000080 and its 2016/2019 equivalents: Local account or Local account and member of Administrators)`,
          `${LOCAL_ACCOUNT_FIX('connect-as account', 'a domain account (or, for a worker process, ApplicationPoolIdentity)')} ${EXCEPTION('S-1-5-113')}`,
        ],
      ],
    },
  ],
];

describe('plan: what it refuses and the fix it gives', () => {
  for (const [name, overrides, expected] of CASES) {
    it(name, () => {
      const { evaluation, policy } = judgeSnapshot(snapshot(overrides), { ruleSet: 'documented', withGpo: [] });
      const plan = buildPlan(evaluation, policy, { allowTemporaryFix: false });
      assert.deepEqual(plan.actions, []);
      assert.deepEqual(
        plan.refused.map((refused) => [refused.status, refused.reason, refused.fix]),
        expected.refused,
      );
      if (expected.gpoEdits !== undefined)
        assert.deepEqual(
          plan.gpoEdits.map((edit) => [edit.remove, edit.line, edit.lineWithheld]),
          expected.gpoEdits,
        );
    });
  }
});
