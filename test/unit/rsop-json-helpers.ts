import { join } from 'node:path';
import type { GroupPolicyResult, PolicyHolder } from '../../src/core/model';
import { parseRsopJson } from '../../src/parse/rsop-json';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'gpresult');
export const SCHEMA_PATH = join(__dirname, '..', '..', 'schemas', 'rsop.schema.json');
export const FILE = 'rsop.json';

export const BASELINE = '{7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47}';
export const DEFAULT_DOMAIN_POLICY = '{31B2F340-016D-11D2-945F-00C04FB984F9}';

export function parse(value: unknown): GroupPolicyResult {
  return parseRsopJson(value, FILE);
}

export function entry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    right: 'SeNetworkLogonRight',
    accounts: ['*S-1-5-32-544'],
    precedence: 1,
    gpoId: BASELINE,
    gpoName: 'Contoso Server Baseline',
    ...overrides,
  };
}

export function without(key: string): Record<string, unknown> {
  const copy = entry();
  delete copy[key];
  return copy;
}

/** What the engine compares: SIDs, and names for holders without one. */
export function identities(holders: readonly PolicyHolder[]): string[] {
  return holders.map((holder) => (holder.kind === 'sid' ? holder.sid : `name:${holder.name.toLowerCase()}`));
}
