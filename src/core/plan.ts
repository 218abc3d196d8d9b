import { describeAccount, describeScope, type Evaluation, type Finding, type SidMatch } from './evaluate-identities';
import { baselineConflicts, baselineDenyEntry, type BaselineConflict } from './baselines';
import { describeGpo } from './group-policy';
import { describeGptTmplLine, gptTmplLine } from './gpttmpl-line';
import { IDENTITY_ROLES } from './roles';
import type { GroupPolicyObjectRef } from './model';
import type { PolicyProjection } from './policy';
import { describeRight } from './rights';
import type { RuleSetName } from './rules';
import type { FindingStatus } from './status';

/**
 * Remediation plans. A plan only ever holds identity-scoped actions: give an allow right to the
 * identity's own SID, or take the identity's own SID out of a deny right. It never removes any
 * other holder, never changes group membership, and never acts under a right a GPO owns unless
 * the caller opts in with allowTemporaryFix (and then marks the action temporary). Everything
 * it will not do is listed under `refused` with the administrator's fix.
 */

export type PlanActionKind = 'grant' | 'revoke';

export interface PlanAction {
  action: PlanActionKind;
  right: string;
  sid: string;
  account: string;
  /** The right is owned by a GPO: the change lasts only until the next refresh. */
  temporary: boolean;
  /** The findings this action fixes. */
  fixes: { site: string | null; path: string; status: FindingStatus }[];
}

export interface RefusedFinding {
  site: string | null;
  path: string;
  account: string;
  sid: string | null;
  right: string | null;
  status: FindingStatus;
  reason: string;
  fix: string;
}

export interface GpoEdit {
  gpo: GroupPolicyObjectRef;
  right: string;
  add: string[];
  remove: string[];
  /**
   * The right's line in the GPO's GptTmpl.inf after the edit; null when the GPO's list holds an
   * entry that is neither a SID nor a plain account name (lineWithheld says which and why).
   */
  line: string | null;
  lineWithheld?: string;
  /**
   * Removals that a recognised security baseline forbids (baselines.ts): present only when there
   * are some. The identity-side fix in `refused` comes first; this edit is the documented exception.
   */
  baselineConflicts?: BaselineConflict[];
}

export interface PlanOptions {
  /** Act under GPO-owned rights anyway; such actions are marked temporary. */
  allowTemporaryFix: boolean;
}

export interface Plan {
  options: PlanOptions;
  actions: PlanAction[];
  /** The inverse of every action, in reverse order: applying it restores exactly what changed. */
  undo: Omit<PlanAction, 'fixes'>[];
  refused: RefusedFinding[];
  gpoEdits: GpoEdit[];
}

/** The plan as it is printed, saved and later applied or undone (schemas/plan.schema.json). */
export interface PlanDocument extends Plan {
  planVersion: 1;
  tool: { name: 'iis-logon-rights'; version: string };
  snapshot: string;
  ruleSet: RuleSetName;
  withGpo?: string[];
  verify: string;
}

export const VERIFY_AFTER_SET =
  'After applying the actions, collect the snapshot again and run test; a Set that did not reach the desired state must fail, naming the findings that remain. Save this plan (it carries its undo actions) before applying it.';

export function buildPlan(evaluation: Evaluation, policy: PolicyProjection, options: PlanOptions): Plan {
  const actions = new Map<string, PlanAction>();
  const sidOfName = holderSids(evaluation.findings);
  const refused: RefusedFinding[] = [];
  const gpoEdits = new Map<string, GpoEdit>();

  const addAction = (finding: Finding, action: PlanActionKind, right: string, temporary: boolean) => {
    const sid = finding.identity.sid!;
    const key = `${action}\u0000${right}\u0000${sid}`;
    const existing = actions.get(key);
    const fix = { site: finding.site, path: finding.path, status: finding.status };
    if (existing) {
      existing.fixes.push(fix);
      existing.temporary = existing.temporary || temporary;
    } else {
      actions.set(key, { action, right, sid, account: finding.identity.name, temporary, fixes: [fix] });
    }
  };
  const addGpoEdit = (gpo: GroupPolicyObjectRef, right: string, add: string[], remove: string[]) => {
    const key = `${gpo.id}\u0000${right}`;
    const edit: GpoEdit = gpoEdits.get(key) ?? { gpo, right, add: [], remove: [], line: null };
    for (const sid of add) if (!edit.add.includes(sid)) edit.add.push(sid);
    for (const sid of remove) if (!edit.remove.includes(sid)) edit.remove.push(sid);
    const line = gptTmplLine(right, policy.afterRefresh.holders(right), edit.add, edit.remove, sidOfName);
    edit.line = line.ok ? line.line : null;
    if (line.ok) delete edit.lineWithheld;
    else edit.lineWithheld = describeGptTmplLine(line);
    const conflicts = baselineConflicts(right, edit.remove);
    if (conflicts.length > 0) edit.baselineConflicts = conflicts;
    gpoEdits.set(key, edit);
  };
  const editLine = (gpo: GroupPolicyObjectRef, right: string) => {
    const edit = gpoEdits.get(`${gpo.id}\u0000${right}`)!;
    return edit.line ?? edit.lineWithheld!;
  };
  const refuse = (finding: Finding, reason: string, fix: string) => {
    refused.push({
      site: finding.site,
      path: finding.path,
      account: finding.identity.name,
      sid: finding.identity.sid,
      right: finding.right,
      status: finding.status,
      reason,
      fix,
    });
  };

  for (const finding of evaluation.findings) {
    if (finding.status === 'ok' || finding.status === 'not-required') continue;
    const where = describeScope({ site: finding.site ?? '(server)', path: finding.path });
    if (
      finding.status === 'unresolved' ||
      finding.identity.sid === null ||
      finding.right === null ||
      finding.matches === null
    ) {
      if (finding.identity.sid !== null && finding.status === 'unresolved')
        refuse(
          finding,
          `${where}: the verdict on ${describeAccount(finding.identity.name, finding.identity.sid)} is not confirmed (its domain groups could not be read), so Set has nothing it may safely change`,
          'Collect the snapshot again where a domain controller is reachable, then plan again.',
        );
      else
        refuse(
          finding,
          `${where}: the identity's SID is unknown, so no right can be granted to it`,
          'Make sure the account exists and resolves on the host, then collect the snapshot again.',
        );
      continue;
    }
    const sid = finding.identity.sid;
    const who = describeAccount(finding.identity.name, sid);
    const right = finding.right;
    const current = finding.matches.current;
    const after = finding.matches.afterRefresh;
    const allowOwner = finding.allowRightOwner;
    const denyOwner = finding.denyRightOwner;

    // Allow side. Where local policy owns the right, a grant lasts. Where a GPO owns it, the
    // GPO's list decides after the next refresh, so the fix is a GPO edit; a local grant is only
    // made on request and marked temporary.
    const grantedNow = current.grantedBy.length > 0;
    const grantedAfterRefresh = after.grantedBy.length > 0;
    if (!allowOwner) {
      if (!grantedNow) addAction(finding, 'grant', right, false);
    } else if (!grantedAfterRefresh || !grantedNow) {
      if (!grantedAfterRefresh) addGpoEdit(allowOwner, right, [sid], []);
      if (options.allowTemporaryFix && !grantedNow) {
        addAction(finding, 'grant', right, true);
      } else if (!grantedAfterRefresh) {
        refuse(
          finding,
          `${where}: ${describeRight(right)} is owned by ${describeGpo(allowOwner)}, which does not grant it to ${who}; a local grant would be undone at the next refresh`,
          `Add *${sid} (${finding.identity.name}) to ${right} in ${describeGpo(allowOwner)}: ${editLine(allowOwner, right)}${grantedNow ? '' : ' (or rerun with --allow-temporary-fix for a local grant that lasts until the next refresh)'}`,
        );
      } else {
        refuse(
          finding,
          `${where}: ${describeGpo(allowOwner)} owns ${describeRight(right)} and already grants it to ${who}; the next refresh applies it`,
          'Run gpupdate /force (or wait for the next refresh); no local change is needed.',
        );
      }
    }

    // Deny side: only the identity's own SID may be removed; a deny through a group or a
    // computed SID is reported with the change an administrator would make.
    const denyRight = finding.denyRight;
    if (denyRight) {
      const ownNow = current.deniedBy.some((match) => match.sid === sid);
      const ownAfterRefresh = after.deniedBy.some((match) => match.sid === sid);
      if (!denyOwner) {
        if (ownNow) addAction(finding, 'revoke', denyRight, false);
      } else if (ownNow || ownAfterRefresh) {
        if (ownAfterRefresh) addGpoEdit(denyOwner, denyRight, [], [sid]);
        if (options.allowTemporaryFix && ownNow) {
          addAction(finding, 'revoke', denyRight, true);
        } else if (ownAfterRefresh) {
          refuse(
            finding,
            `${where}: ${describeRight(denyRight)} is owned by ${describeGpo(denyOwner)}, which lists ${who}`,
            `Remove *${sid} from ${denyRight} in ${describeGpo(denyOwner)}: ${editLine(denyOwner, denyRight)}`,
          );
        } else {
          refuse(
            finding,
            `${where}: ${describeGpo(denyOwner)} owns ${describeRight(denyRight)} and does not list ${who}; the next refresh removes the local entry`,
            'Run gpupdate /force (or wait for the next refresh), or rerun with --allow-temporary-fix.',
          );
        }
      }
      const others = new Map<string, SidMatch>();
      for (const match of [...current.deniedBy, ...(denyOwner ? after.deniedBy : [])])
        if (match.sid !== sid) others.set(match.sid, match);
      for (const match of others.values()) {
        const through = describeAccount(match.name, match.sid);
        const computed = !match.origin.includes('group membership collected');
        const inGpo = denyOwner !== null && after.deniedBy.some((entry) => entry.sid === match.sid);
        if (inGpo) addGpoEdit(denyOwner, denyRight, [], [match.sid]);
        const scope = inGpo ? `in ${describeGpo(denyOwner)}` : 'in local policy';
        const baseline = baselineDenyEntry(denyRight, match.sid);
        const reason = `${where}: ${who} is denied by ${describeRight(denyRight)} through ${through}, ${computed ? 'a SID Windows adds to the token itself' : 'a group'}; Set never removes another holder or changes group membership`;
        if (baseline !== undefined) {
          // Editing the baseline is the last resort: the identity-side fix keeps it intact.
          refuse(
            finding,
            `${reason}; removing ${through} from that right would conflict with ${baseline.requiredBy}`,
            `${identitySideFix(finding, match)} Only if that is impossible: remove *${match.sid} from ${denyRight} ${scope}, as a documented exception to the baseline (it affects every account that carries the SID).`,
          );
        } else {
          refuse(
            finding,
            reason,
            computed
              ? `Remove *${match.sid} from ${denyRight} ${scope} (this affects every account that carries it), or run anonymous requests as an identity that does not carry it.`
              : `Remove ${finding.identity.name} from ${through}, or remove *${match.sid} from ${denyRight} ${scope}.`,
          );
        }
      }
    }
  }

  const actionList = [...actions.values()];
  const undo = [...actionList].reverse().map(({ action, right, sid, account, temporary }) => ({
    action: action === 'grant' ? ('revoke' as const) : ('grant' as const),
    right,
    sid,
    account,
    temporary,
  }));
  return { options, actions: actionList, undo, refused, gpoEdits: [...gpoEdits.values()] };
}

/**
 * The SIDs the evaluation matched to policy entries written as names (the identity's own name,
 * a group in its token), so a GptTmpl.inf line can drop or rewrite exactly those entries.
 */
export function holderSids(findings: readonly Finding[]): (name: string) => string | undefined {
  const sids = new Map<string, string>();
  for (const finding of findings) {
    const matches = finding.matches;
    if (!matches) continue;
    for (const match of [
      ...matches.current.grantedBy,
      ...matches.current.deniedBy,
      ...matches.afterRefresh.grantedBy,
      ...matches.afterRefresh.deniedBy,
    ]) {
      if (!match.holder.startsWith('*')) sids.set(match.holder.toLowerCase(), match.sid);
    }
  }
  return (name) => sids.get(name.toLowerCase());
}

/** The fix that keeps a baseline's deny entry: an identity whose token does not carry the SID. */
export function identitySideFix(
  finding: Pick<Finding, 'role' | 'identity'>,
  match: Pick<SidMatch, 'sid' | 'name'>,
): string {
  const role = IDENTITY_ROLES[finding.role].label;
  if (match.sid === 'S-1-5-113' || match.sid === 'S-1-5-114') {
    const alternative =
      finding.role === 'anonymous-user'
        ? 'a domain account, or the application pool identity (anonymousAuthentication userName="")'
        : 'a domain account (or, for a worker process, ApplicationPoolIdentity)';
    return `Identity-side fix first: make the ${role} ${alternative} instead of the local account ${finding.identity.name}; a domain account's token carries no Local account SID, so the baseline stays as it is.`;
  }
  return `Identity-side fix first: take ${finding.identity.name} out of ${describeAccount(match.name, match.sid)}, or make the ${role} an account that is not in it, so the baseline stays as it is.`;
}
