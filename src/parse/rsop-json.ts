import { assertNoDuplicateKeys } from './json-duplicate-keys';
import { InputError, excerpt } from '../core/errors';
import { describeGpo, findPrecedenceClashes, normalizeGpoId } from '../core/group-policy';
import { ARTIFACT_SIZE_LIMITS, formatBytes } from '../core/limits';
import type {
  Diagnostic,
  GpoRightAssignment,
  GroupPolicyObjectRef,
  GroupPolicyResult,
  PolicyHolder,
} from '../core/model';
import { canonicalRightName } from '../core/rights';
import { normalizeSid } from '../core/sids';
import { checkJsonBounds } from './json-bounds';
import { jsonSyntaxInputError } from './json-syntax';
import { refuseDisguisedRightName } from './right-name';

/**
 * rsop.json: the collector's export of WMI `root\rsop\computer` `RSOP_UserPrivilegeRight`
 * joined with `RSOP_GPO` (docs/windows-behaviour.md), shaped as schemas/rsop.schema.json describes:
 * `[{ "right", "accounts": [...], "precedence", "gpoId", "gpoName" }]`.
 *
 * The shape is checked here by hand, in the schema's terms, so each error names its JSON
 * pointer; beyond the schema, a `*` must be followed by a SID and a right may have only one
 * entry at precedence 1.
 *
 * Choices where the sources are silent:
 * - `accounts: null` means defined with no holders: PowerShell serialises an empty WMI array
 *   as null.
 * - An account that parses as a SID is one, with or without the `*` that templates put in front
 *   (a name cannot look like `S-1-5-11`); anything else is an account name.
 * - A GPO's name comes from the first entry that gives one; entries without `gpoName` share it,
 *   and the GUID stands in when no entry names the GPO.
 */

const ENTRY_PROPERTIES: ReadonlySet<string> = new Set(['right', 'accounts', 'precedence', 'gpoId', 'gpoName']);
const HIGHEST_PRECEDENCE = 0xffffffff;

interface RsopEntry {
  right: string;
  accounts: readonly PolicyHolder[];
  precedence: number;
  gpoId: string;
  gpoName: string | undefined;
  pointer: string;
}

/** JSON text to a result; bad JSON becomes an InputError with the line, column and reason (json-syntax.ts). */
export function parseRsopJsonText(text: string, file: string): GroupPolicyResult {
  const limit = ARTIFACT_SIZE_LIMITS['rsop.json'];
  if (text.length > limit)
    throw new InputError(file, {}, `an rsop.json of at most ${formatBytes(limit)}`, `${text.length} characters`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkJsonBounds(body, file, 'rsop.json');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw jsonSyntaxInputError(body, file, 'valid JSON (an array of RSoP user-right entries)', error);
  }
  assertNoDuplicateKeys(body, file, { value });
  return parseRsopJson(value, file);
}

export function parseRsopJson(value: unknown, file: string): GroupPolicyResult {
  if (!Array.isArray(value)) {
    throw new InputError(
      file,
      { pointer: '' },
      'an array of RSoP user-right entries ([{ "right", "accounts", "precedence", "gpoId", "gpoName" }])',
      describeJson(value),
    );
  }
  // Array.from visits holes too, so a sparse array fails like any missing entry.
  const entries = Array.from(value, (item: unknown, index) => readEntry(item, `/${index}`, file));
  const gpos = gposOf(entries);
  const diagnostics: Diagnostic[] = [];
  const assignments: GpoRightAssignment[] = entries.map((entry) => {
    const canonical = canonicalRightName(entry.right);
    if (canonical === undefined) {
      refuseDisguisedRightName(entry.right, file, { pointer: `${entry.pointer}/right` });
      diagnostics.push({
        code: 'unknown-right',
        severity: 'warning',
        message: `${excerpt(entry.right)} at ${entry.pointer}/right is not a known user right or privilege; kept as written and not evaluated`,
        file,
      });
    }
    return {
      right: canonical ?? entry.right,
      holders: [...entry.accounts],
      gpo: gpos.get(entry.gpoId)!,
      precedence: entry.precedence,
      file,
    };
  });
  checkPrecedences(assignments, entries, file, diagnostics);
  return { file, kind: 'rsop', gpos: [...gpos.values()], assignments, diagnostics };
}

function readEntry(item: unknown, pointer: string, file: string): RsopEntry {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new InputError(
      file,
      { pointer },
      'an object { "right", "accounts", "precedence", "gpoId", "gpoName" }',
      describeJson(item),
    );
  }
  const record = item as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!ENTRY_PROPERTIES.has(key)) {
      throw new InputError(
        file,
        { pointer: `${pointer}/${escapePointer(key)}` },
        'only the properties right, accounts, precedence, gpoId, gpoName',
        `the property ${excerpt(key)}`,
      );
    }
  }
  const property = (key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);
  for (const key of ['right', 'accounts', 'precedence', 'gpoId']) {
    if (!Object.hasOwn(record, key))
      throw new InputError(file, { pointer }, `the property "${key}"`, 'an entry without it');
  }
  return {
    right: readNonBlankString(
      property('right'),
      `${pointer}/right`,
      'the right\'s constant, e.g. "SeNetworkLogonRight"',
      file,
    ),
    accounts: readAccounts(property('accounts'), `${pointer}/accounts`, file),
    precedence: readPrecedence(property('precedence'), `${pointer}/precedence`, file),
    gpoId: readGpoId(property('gpoId'), `${pointer}/gpoId`, file),
    gpoName: readGpoName(property('gpoName'), `${pointer}/gpoName`, file),
    pointer,
  };
}

function readNonBlankString(value: unknown, pointer: string, what: string, file: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new InputError(file, { pointer }, what, describeJson(value));
  return value.trim();
}

function readAccounts(value: unknown, pointer: string, file: string): PolicyHolder[] {
  if (value === null) return [];
  if (!Array.isArray(value))
    throw new InputError(file, { pointer }, 'an array of account entries (or null for none)', describeJson(value));
  return Array.from(value, (account: unknown, index) => readAccount(account, `${pointer}/${index}`, file));
}

function readAccount(value: unknown, pointer: string, file: string): PolicyHolder {
  const written = readNonBlankString(
    value,
    pointer,
    'an account: a SID ("*S-1-5-32-544" or "S-1-5-11") or a name ("CONTOSO\\\\Web Admins")',
    file,
  );
  const starred = written.startsWith('*');
  const sid = normalizeSid(starred ? written.slice(1) : written);
  if (sid !== undefined) return { kind: 'sid', sid, written };
  if (starred) throw new InputError(file, { pointer }, 'a SID after "*" (like *S-1-5-32-544)', excerpt(written));
  return { kind: 'name', name: written, written };
}

function readPrecedence(value: unknown, pointer: string, file: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > HIGHEST_PRECEDENCE) {
    throw new InputError(file, { pointer }, 'a whole number from 1 (the applied GPO) up', describeJson(value));
  }
  return value;
}

function readGpoId(value: unknown, pointer: string, file: string): string {
  const id = typeof value === 'string' ? normalizeGpoId(value) : undefined;
  if (id === undefined) {
    throw new InputError(
      file,
      { pointer },
      'a GPO id: "{GUID}", "CN={GUID},CN=Policies,CN=System,DC=..." or "LocalGPO"',
      describeJson(value),
    );
  }
  return id;
}

function readGpoName(value: unknown, pointer: string, file: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new InputError(file, { pointer }, "the GPO's display name (a string) or null", describeJson(value));
  const name = value.trim();
  return name === '' ? undefined : name;
}

/** One shared reference per GPO, in order of first appearance. */
function gposOf(entries: readonly RsopEntry[]): Map<string, GroupPolicyObjectRef> {
  const names = new Map<string, string>();
  for (const entry of entries)
    if (entry.gpoName !== undefined && !names.has(entry.gpoId)) names.set(entry.gpoId, entry.gpoName);
  const gpos = new Map<string, GroupPolicyObjectRef>();
  for (const entry of entries)
    if (!gpos.has(entry.gpoId)) gpos.set(entry.gpoId, { id: entry.gpoId, name: names.get(entry.gpoId) ?? entry.gpoId });
  return gpos;
}

/** As for gpresult: two applied entries for one right is a contradiction; two losing ones only odd. */
function checkPrecedences(
  assignments: readonly GpoRightAssignment[],
  entries: readonly RsopEntry[],
  file: string,
  diagnostics: Diagnostic[],
): void {
  const pointerOf = new Map(assignments.map((assignment, index) => [assignment, entries[index]!.pointer]));
  for (const clash of findPrecedenceClashes(assignments)) {
    const both = `${describeGpo(clash.first.gpo)} (${pointerOf.get(clash.first)}) and ${describeGpo(clash.second.gpo)} (${pointerOf.get(clash.second)})`;
    if (clash.precedence === 1) {
      throw new InputError(
        file,
        { pointer: `${pointerOf.get(clash.second)}/precedence` },
        `at most one precedence-1 (applied) entry for ${clash.right}`,
        `two, from ${both}`,
      );
    }
    diagnostics.push({
      code: 'duplicate-precedence',
      severity: 'warning',
      message: `${clash.right} has two entries at precedence ${clash.precedence}, from ${both}; neither is applied, so this does not change the result`,
      file,
    });
  }
}

/** RFC 6901: `~` and `/` inside a key are written `~0` and `~1`. */
function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return value.trim() === '' ? `the blank string ${excerpt(value)}` : `the string ${excerpt(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
