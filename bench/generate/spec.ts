/** What a generated snapshot is made of: its shape, who is who in it, and seeded randomness. */

export const DOMAIN = 'CONTOSO';
export const DOMAIN_SID = 'S-1-5-21-2060260628-1893702904-3285376245';
export const DOMAIN_USERS = `${DOMAIN_SID}-513`;
/** A domain group the web server baseline GPO grants batch logon to. */
export const POOL_ACCOUNTS_GROUP = `${DOMAIN_SID}-1150`;
export const BASELINE_GPO = { id: '{7F5DB33D-0155-4227-9CDF-4B938E348EA8}', name: 'CONTOSO Web Server Baseline' };
export const DEFAULT_DOMAIN_GPO = { id: '{31B2F340-016D-11D2-945F-00C04FB984F9}', name: 'Default Domain Policy' };

/**
 * What is wrong on a host, so a fleet yields every status:
 * - healthy: the GPO keeps granting what local policy grants;
 * - gpo-revoked: local policy grants network logon to the anonymous accounts by name, the GPO's
 *   list does not (revoked-at-refresh);
 * - gpo-blocked: the GPO defines network logon as Administrators only (gpo-blocked);
 * - local-denied: local policy denies network logon to Local account, S-1-5-113 (denied);
 * - missing-batch: batch logon lost IIS_IUSRS and the pool accounts, no GPO owns it (missing);
 * - unresolved: accounts.json lacks some accounts (unresolved);
 * - no-gpresult: no Group Policy data collected;
 * - mixed: a bit of everything (the single large snapshot of P2).
 */
export type Profile =
  'healthy' | 'gpo-revoked' | 'gpo-blocked' | 'local-denied' | 'missing-batch' | 'unresolved' | 'no-gpresult' | 'mixed';
export const PROFILES: readonly Profile[] = [
  'healthy',
  'gpo-revoked',
  'gpo-blocked',
  'local-denied',
  'missing-batch',
  'unresolved',
  'no-gpresult',
  'mixed',
];

export interface SnapshotSpec {
  sites: number;
  profile: Profile;
  /** Computer name, e.g. WEB0001. */
  host: string;
  /** The machine's own domain SID (local accounts are RIDs under it). */
  machineSid: string;
  /** Truncate applicationHost.config (a broken snapshot a fleet run must report and survive). */
  truncated?: boolean;
}

/**
 * Pools whose worker process has started hold "Log on as a service" (WAS grants it at start), so
 * their SIDs are in local policy. Real exports list only started pools; the cap keeps the line
 * under the engine's 1 MiB INF line limit even for 100,000 pools.
 */
export const MAX_LISTED_POOL_SIDS = 12_000;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness.

/** mulberry32: small, fast, and the same numbers everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBase64(random: () => number, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let index = 0; index < length; index++) out += alphabet[Math.floor(random() * 64)];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Naming: who is who in a generated snapshot.

export type PoolIdentity =
  | { type: 'ApplicationPoolIdentity'; written: boolean }
  | { type: 'NetworkService' | 'LocalService' | 'LocalSystem' }
  | { type: 'SpecificUser'; account: number; logonType: 'LogonBatch' | 'LogonService' };

/** Identity mix per 20 pools: 12 ApplicationPoolIdentity, 2 NetworkService, 4 SpecificUser, 1 LocalService, 1 LocalSystem. */
export function poolIdentity(index: number, spec: SnapshotSpec): PoolIdentity {
  const slot = index % 20;
  if (slot < 12) return { type: 'ApplicationPoolIdentity', written: slot % 2 === 0 };
  if (slot < 14) return { type: 'NetworkService' };
  if (slot < 17) return { type: 'SpecificUser', account: index % poolAccountCount(spec), logonType: 'LogonBatch' };
  if (slot === 17) return { type: 'SpecificUser', account: index % poolAccountCount(spec), logonType: 'LogonService' };
  if (slot === 18) return { type: 'LocalService' };
  return { type: 'LocalSystem' };
}

/** Service accounts are shared: one per 50 sites, as a hosting operator would group them. */
export function poolAccountCount(spec: SnapshotSpec): number {
  return Math.max(1, Math.ceil(spec.sites / 50));
}

export function anonymousAccountCount(spec: SnapshotSpec): number {
  return Math.max(1, Math.ceil(spec.sites / 50));
}

export const poolName = (index: number) => `pool-${index}`;
export const siteName = (index: number) => `site-${index}`;
export const poolAccountName = (account: number) => `${DOMAIN}\\svc-pool-${account}`;
export const poolAccountSid = (account: number) => `${DOMAIN_SID}-${20000 + account}`;
export const anonymousAccountName = (account: number) => `${DOMAIN}\\svc-anon-${account}`;
export const anonymousAccountSid = (account: number) => `${DOMAIN_SID}-${900000 + account}`;
export const siteAccountName = (spec: SnapshotSpec, site: number) => `${spec.host}\\IUSR_${siteName(site)}`;
export const siteAccountSid = (spec: SnapshotSpec, site: number) => `${spec.machineSid}-${2000 + site}`;

/** What a site's `<location>` tag does (one per site). */
export type LocationKind =
  'pool-identity' | 'site-account' | 'domain-account' | 'builtin-iusr' | 'api-anonymous-off' | 'api-other-settings';

export function locationKind(site: number): LocationKind {
  switch (site % 8) {
    case 0:
      return 'pool-identity';
    case 2:
      return 'site-account';
    case 4:
      return 'domain-account';
    case 6:
      return 'builtin-iusr';
    case 1:
    case 5:
      return 'api-anonymous-off';
    default:
      return 'api-other-settings';
  }
}

/** UTF-16LE with a byte-order mark, as secedit and gpresult write their files. */
export function utf16WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}
