import { excerpt, InputError } from '../core/errors';
import { ARTIFACT_SIZE_LIMITS, formatBytes } from '../core/limits';
import type { Plan, PlanDocument } from '../core/plan';
import { VERIFY_AFTER_SET } from '../core/plan';
import { LOGON_RIGHTS } from '../core/rights';
import type { RuleSetName } from '../core/rules';
import { normalizeSid } from '../core/sids';
import { parseJsonText } from '../parse/accounts-json';
import { decodeText } from '../parse/decode';
import { VERSION } from '../version';
import type { RightsBefore } from '../core/check-undo';
import { escapePointer } from '../parse/schema-error-words';
import { validateAgainstSchema } from '../parse/schema-validation';

export function buildPlanDocument(
  snapshot: string,
  ruleSet: RuleSetName,
  withGpo: readonly string[],
  plan: Plan,
): PlanDocument {
  return {
    planVersion: 1,
    tool: { name: 'iis-logon-rights', version: VERSION },
    snapshot,
    ruleSet,
    ...(withGpo.length > 0 ? { withGpo: [...withGpo] } : {}),
    ...plan,
    verify: VERIFY_AFTER_SET,
  };
}

/**
 * Reads a saved plan before anything is applied: schema, then every SID and right checked
 * again here so nothing invalid reaches an action even if the schema were loosened.
 */
export function readPlanDocument(bytes: Uint8Array, file: string): PlanDocument {
  // A plan file is size-checked before it is read; one piped on stdin is checked here.
  const limit = ARTIFACT_SIZE_LIMITS['plan.json'];
  if (bytes.length > limit)
    throw new InputError(file, {}, `a plan of at most ${formatBytes(limit)}`, formatBytes(bytes.length));
  return readPlanValue(parseJsonText(decodeText(bytes, file).text, file, 'plan.json'), file);
}

/** The same checks for a plan already parsed (the plan inside a check-plan request on stdin). */
export function readPlanValue(value: unknown, file: string): PlanDocument {
  validateAgainstSchema('plan', value, file);
  const plan = value as PlanDocument;
  for (const [listName, list] of [
    ['actions', plan.actions],
    ['undo', plan.undo],
  ] as const) {
    list.forEach((action, index) => {
      const sid = normalizeSid(action.sid);
      if (sid === undefined)
        throw new InputError(file, { pointer: `/${listName}/${index}/sid` }, 'a valid SID', JSON.stringify(action.sid));
      if (!LOGON_RIGHTS.has(action.right))
        throw new InputError(
          file,
          { pointer: `/${listName}/${index}/right` },
          'a logon right constant',
          JSON.stringify(action.right),
        );
      action.sid = sid;
    });
  }
  return plan;
}

/**
 * rights-before.json, written by the module at Set time: `{ "<SID>": ["SeXxx", ...] }`, the
 * rights each affected SID held itself before the change.
 */
export function readRightsBefore(value: unknown, file: string): RightsBefore {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new InputError(
      file,
      { pointer: '' },
      'an object of SIDs to the rights each held before the change',
      describeValue(value),
    );
  const rights = new Map<string, ReadonlySet<string>>();
  for (const [key, list] of Object.entries(value)) {
    const sid = normalizeSid(key);
    const pointer = `/${escapePointer(key)}`;
    if (sid === undefined) throw new InputError(file, { pointer }, 'a SID as each key', excerpt(key));
    if (!Array.isArray(list)) throw new InputError(file, { pointer }, 'a list of right names', describeValue(list));
    const index = list.findIndex((entry) => typeof entry !== 'string');
    if (index !== -1)
      throw new InputError(file, { pointer: `${pointer}/${index}` }, 'a right name', describeValue(list[index]));
    rights.set(sid.toUpperCase(), new Set(list as string[]));
  }
  return rights;
}

/** A value of untrusted JSON for a message: strings shortened and escaped, containers by their kind. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return excerpt(value);
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}
