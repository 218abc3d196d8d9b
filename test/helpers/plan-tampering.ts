import fc from 'fast-check';
import type { PlanAction, PlanDocument } from '../../src/core/plan';
import { LOGON_RIGHTS } from '../../src/core/rights';
import { applicationPoolSid, serviceSid } from '../../src/core/sids';

/**
 * What an attacker with write access to a saved plan would try: every field of every action, each
 * action kind, undo lists out of order or not the inverse, foreign SIDs (Everyone, Administrators,
 * another account, another pool), duplicate actions and duplicate JSON keys. Every tampering made
 * here turns a plan the engine wrote into one check-plan --snapshot must refuse: the generator
 * never yields a plan that is merely smaller (one site's plan is valid).
 */

type UndoAction = PlanDocument['undo'][number];

export const FOREIGN_SIDS = [
  'S-1-1-0',
  'S-1-5-32-544',
  'S-1-5-32-545',
  'S-1-5-11',
  'S-1-5-21-1-2-3-1100',
  'S-1-5-21-7-8-9-1101',
  'S-1-5-21-5-5-5-500',
  'S-1-5-21-9-9-9-2001',
  'S-1-5-17',
  'S-1-5-18',
  'S-1-5-20',
  applicationPoolSid('AppPoolA'),
  applicationPoolSid('EvilPool'),
  serviceSid('WebSync'),
  serviceSid('EvilService'),
  'S-1-5-80-0',
];
const ALL_RIGHTS = [...LOGON_RIGHTS.keys()];

export interface Tampering {
  kind: string;
  /** The tampered plan as it would be saved. */
  text: string;
}

function inverse(action: PlanAction): UndoAction {
  return {
    action: action.action === 'grant' ? 'revoke' : 'grant',
    right: action.right,
    sid: action.sid,
    account: action.account,
    temporary: action.temporary,
  };
}

function withActions(plan: PlanDocument, actions: PlanAction[]): PlanDocument {
  return { ...plan, actions, undo: [...actions].reverse().map(inverse) };
}

function text(plan: PlanDocument): string {
  return JSON.stringify(plan, null, 2);
}

/** Change one field of action `index`, keeping the undo list its exact inverse. */
function changeAction(plan: PlanDocument, index: number, change: Partial<PlanAction>): PlanDocument {
  return withActions(
    plan,
    plan.actions.map((action, at) => (at === index ? { ...action, ...change } : action)),
  );
}

const anyAction: fc.Arbitrary<PlanAction> = fc.record({
  action: fc.constantFrom('grant', 'revoke') as fc.Arbitrary<'grant' | 'revoke'>,
  right: fc.constantFrom(...ALL_RIGHTS),
  sid: fc.constantFrom(...FOREIGN_SIDS),
  account: fc.constantFrom(
    'Everyone',
    'BUILTIN\\Administrators',
    'WEB01\\anon1',
    'CONTOSO\\svc-a',
    'IIS APPPOOL\\AppPoolA',
    'NT AUTHORITY\\IUSR',
    'NT SERVICE\\WebSync',
    'NT SERVICE\\EvilService',
  ),
  temporary: fc.boolean(),
  fixes: fc.constant([]),
});

/** Tamperings applicable to `plan` (an engine-written plan document). */
export function tamperingArbitrary(plan: PlanDocument): fc.Arbitrary<Tampering> {
  const n = plan.actions.length;
  const options: fc.Arbitrary<Tampering>[] = [
    // An extra action anywhere, with a matching undo entry so only the action itself is wrong.
    fc.tuple(anyAction, fc.nat(n)).map(([extra, at]) => ({
      kind: 'extra action',
      text: text(withActions(plan, [...plan.actions.slice(0, at), extra, ...plan.actions.slice(at)])),
    })),
    // An undo entry the actions do not explain (the "actions: [] with an undo that revokes Everyone" class).
    fc.tuple(anyAction, fc.nat(n)).map(([extra, at]) => ({
      kind: 'extra undo',
      text: text({ ...plan, undo: [...plan.undo.slice(0, at), inverse(extra), ...plan.undo.slice(at)] }),
    })),
    fc.tuple(anyAction).map(([extra]) => ({
      kind: 'empty actions, undo kept',
      text: text({ ...plan, actions: [], undo: [...plan.undo, inverse(extra)] }),
    })),
    // A second "actions" key, which JSON.parse would let win.
    fc.tuple(anyAction).map(([extra]) => ({
      kind: 'duplicate actions key',
      text: text(plan).replace(/^\{/, `{\n  "actions": ${JSON.stringify([extra])},`),
    })),
    fc.constantFrom('options', 'ruleSet', 'undo', 'planVersion').map((key) => {
      const written = text(plan);
      const at = written.indexOf(`"${key}":`);
      return {
        kind: `duplicate ${key} key`,
        text: `${written.slice(0, at)}${JSON.stringify(key)}: ${JSON.stringify((plan as unknown as Record<string, unknown>)[key])},\n  ${written.slice(at)}`,
      };
    }),
  ];
  if (n > 0) {
    const index = fc.nat(n - 1);
    options.push(
      fc
        .tuple(index, fc.constantFrom(...FOREIGN_SIDS))
        .filter(([at, sid]) => plan.actions[at]!.sid !== sid)
        .map(([at, sid]) => ({ kind: 'foreign SID, account kept', text: text(changeAction(plan, at, { sid })) })),
      fc
        .tuple(index, fc.constantFrom(...ALL_RIGHTS))
        .filter(([at, right]) => plan.actions[at]!.right !== right)
        .map(([at, right]) => ({ kind: 'other right', text: text(changeAction(plan, at, { right })) })),
      index.map((at) => ({
        kind: 'grant and revoke swapped',
        text: text(changeAction(plan, at, { action: plan.actions[at]!.action === 'grant' ? 'revoke' : 'grant' })),
      })),
      fc
        .tuple(
          index,
          fc.constantFrom('Everyone', 'CONTOSO\\Domain Admins', 'WEB01\\someone-else', 'NT SERVICE\\EvilService', 'x'),
        )
        .filter(([at, account]) => plan.actions[at]!.account !== account)
        .map(([at, account]) => ({ kind: 'other account name', text: text(changeAction(plan, at, { account })) })),
      index.map((at) => ({
        kind: 'temporary flipped',
        text: text(changeAction(plan, at, { temporary: !plan.actions[at]!.temporary })),
      })),
      fc.tuple(index, fc.constantFrom('Evil', 'Shop', null), fc.constantFrom('/evil', '/')).map(([at, site, path]) => ({
        kind: 'a fix the action does not make',
        text: text(
          changeAction(plan, at, {
            fixes: [
              ...plan.actions[at]!.fixes,
              { site, path, status: 'missing' },
              { site: 'Evil', path, status: 'denied' },
            ],
          }),
        ),
      })),
      index.map((at) => ({
        kind: 'duplicate action',
        text: text(
          withActions(plan, [...plan.actions.slice(0, at + 1), plan.actions[at]!, ...plan.actions.slice(at + 1)]),
        ),
      })),
      index.map((at) => ({
        kind: 'action dropped, undo kept',
        text: text({ ...plan, actions: plan.actions.filter((_, position) => position !== at) }),
      })),
      index.map((at) => ({
        kind: 'undo entry dropped',
        text: text({ ...plan, undo: plan.undo.filter((_, position) => position !== at) }),
      })),
      fc
        .tuple(index, fc.constantFrom<keyof UndoAction>('action', 'right', 'sid', 'account', 'temporary'))
        .map(([at, field]) => {
          const entry = plan.undo[at]!;
          const changed: UndoAction = {
            ...entry,
            ...(field === 'action' ? { action: entry.action === 'grant' ? 'revoke' : 'grant' } : {}),
            ...(field === 'right' ? { right: ALL_RIGHTS.find((right) => right !== entry.right)! } : {}),
            ...(field === 'sid' ? { sid: entry.sid === 'S-1-1-0' ? 'S-1-5-32-544' : 'S-1-1-0' } : {}),
            ...(field === 'account' ? { account: `${entry.account} (other)` } : {}),
            ...(field === 'temporary' ? { temporary: !entry.temporary } : {}),
          };
          return {
            kind: `undo ${field} changed`,
            text: text({ ...plan, undo: plan.undo.map((item, position) => (position === at ? changed : item)) }),
          };
        }),
      fc.tuple(index, fc.constantFrom('sid', 'right', 'action')).map(([at, key]) => {
        const written = text(plan);
        const object = JSON.stringify(plan.actions[at], null, 2).split('\n').join('\n    ');
        const start = written.indexOf(object);
        const extra =
          key === 'sid'
            ? '"sid": "S-1-1-0"'
            : key === 'right'
              ? '"right": "SeDenyNetworkLogonRight"'
              : '"action": "revoke"';
        return {
          kind: `duplicate ${key} key in an action`,
          text: `${written.slice(0, start + object.length - 6)},\n      ${extra}\n    }${written.slice(start + object.length)}`,
        };
      }),
    );
    if (plan.actions.some((action) => action.temporary))
      options.push(
        fc.constant({ kind: 'opt-in removed', text: text({ ...plan, options: { allowTemporaryFix: false } }) }),
      );
  }
  if (n > 1) {
    options.push(
      fc
        .tuple(fc.nat(n - 1), fc.nat(n - 1))
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => {
          const undo = [...plan.undo];
          [undo[a], undo[b]] = [undo[b]!, undo[a]!];
          return { kind: 'undo reordered', text: text({ ...plan, undo }) };
        }),
    );
  }
  // A GPO edit must name exactly the baseline entries it removes: hiding or inventing a conflict is refused.
  const withEdit = (at: number, edit: PlanDocument['gpoEdits'][number]) =>
    text({ ...plan, gpoEdits: plan.gpoEdits.map((item, position) => (position === at ? edit : item)) });
  for (const [at, edit] of plan.gpoEdits.entries()) {
    if (edit.baselineConflicts !== undefined) {
      const { baselineConflicts: _dropped, ...hidden } = edit;
      options.push(fc.constant({ kind: 'baseline conflict hidden', text: withEdit(at, hidden) }));
    } else {
      options.push(
        fc.constant({
          kind: 'baseline conflict invented',
          text: withEdit(at, {
            ...edit,
            baselineConflicts: [{ sid: 'S-1-5-113', name: 'NT AUTHORITY\\Local account', requiredBy: 'a baseline' }],
          }),
        }),
      );
    }
  }
  return fc.oneof(...options);
}
