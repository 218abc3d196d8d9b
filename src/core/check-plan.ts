import { baselineConflicts, type BaselineConflict } from './baselines';
import { isPlainAccountName } from './gpttmpl-line';
import type { Plan, PlanAction, PlanDocument } from './plan';
import { LOGON_RIGHTS } from './rights';
import { applicationPoolSid, serviceSid, wellKnownSidForName } from './sids';

/**
 * A saved plan is valid only against facts. Anyone who can write the file can change it, so
 * before a plan is applied or undone every action must be one the engine itself would plan for
 * the machine as it is now (same action, right, SID, account, temporary flag and findings), and
 * the undo list must be exactly the actions' inverses in reverse order. Without facts, the
 * structural rules still hold: grant only an allow right, revoke only a deny right, a SID that
 * can be an identity's own and agrees with the account it names, temporary only with the opt-in,
 * each action once, and GPO edit lines of one line with SIDs and plain names only.
 */

export interface PlanProblem {
  /** JSON pointer of the offending element. */
  pointer: string;
  expected: string;
  found: string;
}

type UndoAction = Plan['undo'][number];

/** The structural rules; the first problem in document order, or undefined. */
export function checkPlanStructure(plan: PlanDocument): PlanProblem | undefined {
  const seen = new Set<string>();
  for (const [index, action] of plan.actions.entries()) {
    const pointer = `/actions/${index}`;
    const kind = LOGON_RIGHTS.get(action.right)!.kind;
    if (action.action === 'grant' && kind !== 'allow')
      return {
        pointer,
        expected: 'grant only on an allow right (a plan never adds anyone to a deny right)',
        found: describeAction(action),
      };
    if (action.action === 'revoke' && kind !== 'deny')
      return {
        pointer,
        expected: 'revoke only on a deny right (a plan never takes an allow right from anyone)',
        found: describeAction(action),
      };
    const identity = identitySidProblem(action);
    if (identity !== undefined) return { pointer: `${pointer}/sid`, expected: identity, found: describeAction(action) };
    if (action.temporary && !plan.options.allowTemporaryFix)
      return {
        pointer: `${pointer}/temporary`,
        expected: 'temporary only in a plan made with --allow-temporary-fix (options.allowTemporaryFix)',
        found: `a temporary ${describeAction(action)}`,
      };
    const key = actionKey(action);
    if (seen.has(key)) return { pointer, expected: 'each action once', found: `${describeAction(action)} again` };
    seen.add(key);
  }
  const undoProblem = checkUndo(plan.actions, plan.undo);
  if (undoProblem !== undefined) return undoProblem;
  for (const [index, edit] of plan.gpoEdits.entries()) {
    if (edit.line === null) continue;
    const prefix = `${edit.right} = `;
    const entries = edit.line.startsWith(prefix) ? edit.line.slice(prefix.length).split(',') : null;
    const bad =
      entries === null
        ? edit.line
        : entries.find(
            (entry) =>
              !(entry === '' && entries.length === 1) && !/^\*S-1-[0-9-]+$/i.test(entry) && !isPlainAccountName(entry),
          );
    if (bad !== undefined)
      return {
        pointer: `/gpoEdits/${index}/line`,
        expected: `one line "${prefix}" followed by SIDs (*S-1-...) and plain account names`,
        found: JSON.stringify(bad),
      };
  }
  return checkBaselineConflicts(plan);
}

/** A GPO edit names every baseline entry it removes, and only those: a plan cannot hide a conflict or invent one. */
function checkBaselineConflicts(plan: PlanDocument): PlanProblem | undefined {
  for (const [index, edit] of plan.gpoEdits.entries()) {
    const expected = baselineConflicts(edit.right, edit.remove);
    const found = edit.baselineConflicts ?? [];
    const same =
      expected.length === found.length &&
      expected.every(
        (conflict, at) =>
          conflict.sid === found[at]!.sid &&
          conflict.name === found[at]!.name &&
          conflict.requiredBy === found[at]!.requiredBy,
      );
    if (!same) {
      const describe = (list: readonly BaselineConflict[]) =>
        list.length === 0 ? 'none' : list.map((conflict) => `${conflict.sid} (${conflict.requiredBy})`).join(', ');
      return {
        pointer: `/gpoEdits/${index}/baselineConflicts`,
        expected: `the baseline conflicts of removing ${edit.remove.map((sid) => `*${sid}`).join(', ') || 'nothing'} from ${edit.right}: ${describe(expected)}`,
        found: describe(found),
      };
    }
  }
  return undefined;
}

/**
 * Every action is one of `derived` (the engine's plan for the facts now, under the plan's rule
 * set and opt-ins), field for field, and each finding it claims to fix is one the engine's action
 * fixes. A plan may hold fewer actions than the engine would make (a plan for one site).
 */
export function checkPlanAgainstFacts(plan: PlanDocument, derived: Plan): PlanProblem | undefined {
  const structural = checkPlanStructure(plan);
  if (structural !== undefined) return structural;
  const byKey = new Map(derived.actions.map((action) => [actionKey(action), action]));
  const rules = `the ${plan.ruleSet} rules${plan.options.allowTemporaryFix ? ' with temporary fixes allowed' : ''}`;
  for (const [index, action] of plan.actions.entries()) {
    const pointer = `/actions/${index}`;
    const engine = byKey.get(actionKey(action));
    if (engine === undefined)
      return {
        pointer,
        expected: `an action the engine plans for this snapshot now under ${rules}`,
        found: `${describeAction(action)}, which it does not plan`,
      };
    if (engine.account !== action.account)
      return {
        pointer: `${pointer}/account`,
        expected: `the account the snapshot gives for ${action.sid}, ${JSON.stringify(engine.account)}`,
        found: JSON.stringify(action.account),
      };
    if (engine.temporary !== action.temporary)
      return {
        pointer: `${pointer}/temporary`,
        expected: `temporary ${engine.temporary} (${engine.temporary ? 'a GPO owns the right' : 'local policy owns the right'})`,
        found: String(action.temporary),
      };
    for (const [fixIndex, fix] of action.fixes.entries()) {
      if (
        !engine.fixes.some((known) => known.site === fix.site && known.path === fix.path && known.status === fix.status)
      ) {
        return {
          pointer: `${pointer}/fixes/${fixIndex}`,
          expected: `a finding this action fixes in the snapshot now`,
          found: JSON.stringify(fix),
        };
      }
    }
  }
  return undefined;
}

/** undo[i] must be the inverse of actions[n - 1 - i], and nothing else may be in it. */
function checkUndo(actions: readonly PlanAction[], undo: readonly UndoAction[]): PlanProblem | undefined {
  const expected = [...actions].reverse().map(inverse);
  for (let index = 0; index < Math.max(expected.length, undo.length); index++) {
    const want = expected[index];
    const got = undo[index];
    if (got === undefined)
      return {
        pointer: `/undo/${index}`,
        expected: `the inverse of every action in reverse order: ${describeAction(want!)}`,
        found: 'the end of the list',
      };
    if (want === undefined)
      return {
        pointer: `/undo/${index}`,
        expected: `no more undo actions than actions (${actions.length})`,
        found: describeAction(got),
      };
    if (actionKey(want) !== actionKey(got) || want.account !== got.account || want.temporary !== got.temporary) {
      return {
        pointer: `/undo/${index}`,
        expected: `the inverse of every action in reverse order: ${describeAction(want)}${want.temporary ? ' (temporary)' : ''}`,
        found: `${describeAction(got)}${got.temporary ? ' (temporary)' : ''}`,
      };
    }
  }
  return undefined;
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

/**
 * An IIS identity is an account (S-1-5-21-...), IUSR, SYSTEM, LOCAL SERVICE, NETWORK SERVICE, an
 * application pool identity (S-1-5-82-...) or a service's virtual account (NT SERVICE\\<name>,
 * S-1-5-80- and five numbers: the SIDs the engine can take from accounts.json for a configured
 * name), never a group or a SID Windows computes into tokens (S-1-5-80-0, ALL SERVICES, is one);
 * and a well-known, application pool or service account name fixes its SID.
 */
function identitySidProblem(action: Pick<PlanAction, 'sid' | 'account'>): string | undefined {
  const sid = action.sid.toUpperCase();
  const own = /^S-1-5-21-\d+-\d+-\d+-\d+$/.test(sid)
    ? !GROUP_RIDS.has(Number(sid.slice(sid.lastIndexOf('-') + 1)))
    : IDENTITY_SIDS.has(sid) || /^S-1-5-8[02](-\d+){5}$/.test(sid);
  if (!own)
    return "the identity's own SID (an account, IUSR, a service account, an application pool identity or a service's virtual account), never a group or a computed SID";
  const pool = /^IIS APPPOOL\\(.+)$/i.exec(action.account.trim());
  const service = /^NT SERVICE\\(.+)$/i.exec(action.account.trim());
  const named =
    wellKnownSidForName(action.account) ??
    (pool ? applicationPoolSid(pool[1]!) : service ? serviceSid(service[1]!) : undefined);
  if (named !== undefined && named !== sid) return `the SID of ${JSON.stringify(action.account)}, ${named}`;
  // Every IIS APPPOOL\\<pool> and NT SERVICE\\<service> name has fixed its SID above.
  if (named === undefined && sid.startsWith('S-1-5-82-'))
    return 'an application pool SID only for an account named IIS APPPOOL\\<pool>';
  if (named === undefined && sid.startsWith('S-1-5-80-'))
    return "a service's SID only for an account named NT SERVICE\\<service>";
  return undefined;
}

const IDENTITY_SIDS = new Set(['S-1-5-17', 'S-1-5-18', 'S-1-5-19', 'S-1-5-20']);

/** Well-known domain and machine group RIDs (MS-DTYP 2.4.2.4): never an identity. */
const GROUP_RIDS = new Set([512, 513, 514, 515, 516, 517, 518, 519, 520, 521, 522, 525, 526, 527, 553, 571, 572]);

function actionKey(action: Pick<PlanAction, 'action' | 'right' | 'sid'>): string {
  return `${action.action} ${action.right} ${action.sid.toUpperCase()}`;
}

function describeAction(action: Pick<PlanAction, 'action' | 'right' | 'sid' | 'account'>): string {
  return `${action.action} ${action.right} ${action.action === 'grant' ? 'to' : 'from'} ${action.sid} (${JSON.stringify(action.account)})`;
}
