import { buildAccountIndex } from './accounts';
import type { PolicyHolder, SecurityTemplate, Snapshot } from './model';
import type { PlanAction } from './plan';

/**
 * Applies plan actions to a local policy the way LsaAddAccountRights and LsaRemoveAccountRights
 * would: a grant adds one SID to one right (no-op when present); a revoke removes exactly one
 * SID from one right, including an entry the export wrote by name that resolves to that SID.
 * The engine never changes a machine; this predicts what the module's LSA calls will leave, for
 * DSC what-if, and is the tests' oracle for plans.
 */
export function applyActionsToPolicy(
  policy: SecurityTemplate,
  actions: readonly Pick<PlanAction, 'action' | 'right' | 'sid'>[],
  resolveName: (name: string) => string | undefined,
): SecurityTemplate {
  const rights = new Map(policy.privilegeRights ?? []);
  for (const action of actions) {
    const existing = rights.get(action.right);
    const holders = existing?.holders ?? [];
    if (action.action === 'grant') {
      if (holders.some((holder) => holderSid(holder, resolveName) === action.sid)) continue;
      rights.set(action.right, {
        ...(existing ?? { right: action.right }),
        holders: [...holders, { kind: 'sid', sid: action.sid, written: `*${action.sid}` }],
      });
    } else {
      if (!existing) continue;
      const kept = holders.filter((holder) => holderSid(holder, resolveName) !== action.sid);
      // LSA forgets a right nobody holds; secedit then omits the line, so drop it too.
      if (kept.length === 0) rights.delete(action.right);
      else rights.set(action.right, { ...existing, holders: kept });
    }
  }
  return { ...policy, privilegeRights: rights };
}

/**
 * The snapshot as it will be once the plan's actions are applied: its local policy changed as
 * LSA would change it, names resolved through the snapshot's own accounts. Group Policy is
 * unchanged, so a temporary grant is still projected away at the next refresh.
 */
export function snapshotAfterPlan(
  snapshot: Snapshot,
  actions: readonly Pick<PlanAction, 'action' | 'right' | 'sid'>[],
): Snapshot {
  const accounts = buildAccountIndex(snapshot.accounts, snapshot.host);
  return {
    ...snapshot,
    localPolicy: applyActionsToPolicy(snapshot.localPolicy, actions, (name) => accounts.byName(name)?.sid),
  };
}

/** `resolveName` maps an entry written by name to the SID LSA holds for it (accounts.json, identity names). */
function holderSid(holder: PolicyHolder, resolveName: (name: string) => string | undefined): string | undefined {
  return holder.kind === 'sid' ? holder.sid : resolveName(holder.name);
}
