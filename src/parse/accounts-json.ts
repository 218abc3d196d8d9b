import { assertNoDuplicateKeys } from './json-duplicate-keys';
import { InputError } from '../core/errors';
import type { JsonDocumentKind } from '../core/limits';
import type { Account, AccountDirectory, HostInfo } from '../core/model';
import { normalizeSid } from '../core/sids';
import { validateAgainstSchema } from './schema-validation';
import { checkJsonBounds } from './json-bounds';
import { jsonSyntaxInputError } from './json-syntax';

/**
 * Parses JSON text with an error that names the file, the line and column, and what JSON allows
 * there, after checking its nesting and element count against the limits of its kind
 * (json-bounds.ts).
 */
export function parseJsonText(text: string, file: string, kind: JsonDocumentKind = 'facts.json'): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkJsonBounds(body, file, kind);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw jsonSyntaxInputError(body, file, 'valid JSON', error);
  }
  assertNoDuplicateKeys(body, file, { value });
  return value;
}

/** accounts.json: validated against schemas/accounts.schema.json; SIDs normalised. */
export function parseAccountsJson(value: unknown, file: string): AccountDirectory {
  validateAgainstSchema('accounts', value, file);
  const document = value as {
    accounts: {
      name: string;
      sid: string;
      kind: 'local' | 'domain' | 'builtin' | 'virtual';
      groups?: string[];
      groupsIncomplete?: string;
      members?: string[];
    }[];
    unresolved?: { name: string; reason?: string }[];
  };
  return {
    accounts: document.accounts.map((account, index) => {
      const parsed: Account = {
        name: account.name,
        sid: requireSid(account.sid, file, `/accounts/${index}/sid`),
        kind: account.kind,
        groups: (account.groups ?? []).map((group, groupIndex) =>
          requireSid(group, file, `/accounts/${index}/groups/${groupIndex}`),
        ),
      };
      // Whether the groups were collected decides whether the engine may infer aliases.
      if (account.groups !== undefined) parsed.groupsCollected = true;
      if (account.groupsIncomplete !== undefined) parsed.groupsIncomplete = account.groupsIncomplete;
      if (account.members !== undefined)
        parsed.members = account.members.map((member, memberIndex) =>
          requireSid(member, file, `/accounts/${index}/members/${memberIndex}`),
        );
      return parsed;
    }),
    unresolved: (document.unresolved ?? []).map((entry) =>
      entry.reason === undefined ? { name: entry.name } : { name: entry.name, reason: entry.reason },
    ),
  };
}

/** host.json: validated against schemas/host.schema.json. */
export function parseHostJson(value: unknown, file: string): HostInfo {
  validateAgainstSchema('host', value, file);
  const { $schema: _schema, ...host } = value as HostInfo & { $schema?: string };
  return host;
}

function requireSid(text: string, file: string, pointer: string): string {
  const sid = normalizeSid(text);
  // The schema checks the shape; this also rejects sub-authorities above 32 bits.
  if (sid === undefined)
    throw new InputError(file, { pointer }, 'a SID (S-1-...) whose parts fit in 32 bits', JSON.stringify(text));
  return sid;
}
