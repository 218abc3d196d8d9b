import { sha1Utf16le } from './sha1';

/**
 * Security identifiers: syntax, normalisation, the well-known table, and the application pool
 * SID derivation. SIDs are what the engine compares; names are only for display and lookup.
 */

// S-<revision>-<identifier authority>-<sub authority>..., revision 1, at most 15 sub-authorities
// (MS-DTYP 2.4.2.1). The authority may be written in hex (0x...) when it exceeds 32 bits.
const SID_PATTERN = /^S-1-(?:\d{1,13}|0x[0-9a-fA-F]{12})(?:-\d{1,10}){0,15}$/i;

export function isValidSid(text: string): boolean {
  if (!SID_PATTERN.test(text)) return false;
  return text
    .split('-')
    .slice(3)
    .every((part) => Number(part) <= 0xffffffff);
}

/**
 * A SID already in normal form: what Windows writes, and so nearly every SID in a snapshot.
 * Policy lists on a large server hold tens of thousands, so these skip the general path.
 */
const NORMAL_SID = /^S-1-(?:0|[1-9]\d{0,12})(?:-(?:0|[1-9]\d{0,9})){0,15}$/;
/**
 * A ten-digit sub-authority above 4294967295 (32 bits), in a SID in normal form: a segment
 * greater than that number digit by digit. Only ten-digit ones can exceed it (pool SIDs have
 * several).
 */
const SUB_AUTHORITY_OVER_32_BITS =
  /-(?:[5-9]\d{9}|4[3-9]\d{8}|429[5-9]\d{6}|42949[7-9]\d{4}|429496[89]\d{3}|4294967[3-9]\d{2}|429496729[6-9])(?=-|$)/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Upper-case `S-` prefix, no leading zeros; undefined when the text is not a SID. */
export function normalizeSid(text: string): string | undefined {
  const trimmed = text.trim();
  if (NORMAL_SID.test(trimmed) && subAuthoritiesFit(trimmed)) return trimmed;
  if (!isValidSid(trimmed)) return undefined;
  const [, revision, authority, ...subAuthorities] = trimmed.split('-');
  const authorityText = authority!.toLowerCase().startsWith('0x')
    ? authority!.toUpperCase().replace('0X', '0x')
    : String(Number(authority));
  return ['S', revision, authorityText, ...subAuthorities.map((part) => String(Number(part)))].join('-');
}

/**
 * For a SID in normal form: every sub-authority is at most 4294967295. A test, which makes no
 * match array: a policy list on a large server holds tens of thousands of pool SIDs with five
 * ten-digit sub-authorities each, and a match array for each was most of what reading
 * secedit.inf allocated.
 */
function subAuthoritiesFit(sid: string): boolean {
  return !SUB_AUTHORITY_OVER_32_BITS.test(sid);
}

export type WellKnownSidEvidence = 'confirmed' | 'inferred';

export interface WellKnownSid {
  sid: string;
  /** English display name (`NT AUTHORITY\\Authenticated Users`). Windows localises these. */
  name: string;
  /** Other spellings found in policy files and gpresult reports, compared case-insensitively. */
  aliases: string[];
}

/**
 * Well-known SIDs (itpro-docs security-identifiers.md; IIS_IUSRS from winnt.h and MS-DTYP).
 * Names are English; the engine matches localised names only through accounts.json.
 */
export const WELL_KNOWN_SIDS: readonly WellKnownSid[] = [
  { sid: 'S-1-1-0', name: 'Everyone', aliases: ['World'] },
  { sid: 'S-1-2-0', name: 'LOCAL', aliases: [] },
  { sid: 'S-1-2-1', name: 'CONSOLE LOGON', aliases: [] },
  { sid: 'S-1-3-0', name: 'CREATOR OWNER', aliases: [] },
  { sid: 'S-1-5-1', name: 'NT AUTHORITY\\DIALUP', aliases: [] },
  { sid: 'S-1-5-2', name: 'NT AUTHORITY\\NETWORK', aliases: [] },
  { sid: 'S-1-5-3', name: 'NT AUTHORITY\\BATCH', aliases: [] },
  { sid: 'S-1-5-4', name: 'NT AUTHORITY\\INTERACTIVE', aliases: [] },
  { sid: 'S-1-5-6', name: 'NT AUTHORITY\\SERVICE', aliases: [] },
  { sid: 'S-1-5-7', name: 'NT AUTHORITY\\ANONYMOUS LOGON', aliases: [] },
  { sid: 'S-1-5-9', name: 'NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS', aliases: ['Enterprise Domain Controllers'] },
  { sid: 'S-1-5-11', name: 'NT AUTHORITY\\Authenticated Users', aliases: [] },
  { sid: 'S-1-5-13', name: 'NT AUTHORITY\\TERMINAL SERVER USER', aliases: [] },
  { sid: 'S-1-5-14', name: 'NT AUTHORITY\\REMOTE INTERACTIVE LOGON', aliases: [] },
  { sid: 'S-1-5-15', name: 'NT AUTHORITY\\This Organization', aliases: [] },
  { sid: 'S-1-5-17', name: 'NT AUTHORITY\\IUSR', aliases: ['IUSR'] },
  { sid: 'S-1-5-18', name: 'NT AUTHORITY\\SYSTEM', aliases: ['LocalSystem', 'Local System'] },
  { sid: 'S-1-5-19', name: 'NT AUTHORITY\\LOCAL SERVICE', aliases: ['LocalService'] },
  { sid: 'S-1-5-20', name: 'NT AUTHORITY\\NETWORK SERVICE', aliases: ['NetworkService'] },
  { sid: 'S-1-5-32-544', name: 'BUILTIN\\Administrators', aliases: [] },
  { sid: 'S-1-5-32-545', name: 'BUILTIN\\Users', aliases: [] },
  { sid: 'S-1-5-32-546', name: 'BUILTIN\\Guests', aliases: [] },
  { sid: 'S-1-5-32-547', name: 'BUILTIN\\Power Users', aliases: [] },
  { sid: 'S-1-5-32-551', name: 'BUILTIN\\Backup Operators', aliases: [] },
  { sid: 'S-1-5-32-555', name: 'BUILTIN\\Remote Desktop Users', aliases: [] },
  { sid: 'S-1-5-32-558', name: 'BUILTIN\\Performance Monitor Users', aliases: [] },
  { sid: 'S-1-5-32-559', name: 'BUILTIN\\Performance Log Users', aliases: [] },
  { sid: 'S-1-5-32-568', name: 'BUILTIN\\IIS_IUSRS', aliases: ['IIS_IUSRS'] },
  { sid: 'S-1-5-113', name: 'NT AUTHORITY\\Local account', aliases: [] },
  { sid: 'S-1-5-114', name: 'NT AUTHORITY\\Local account and member of Administrators group', aliases: [] },
  { sid: 'S-1-5-80-0', name: 'NT SERVICE\\ALL SERVICES', aliases: [] },
];

const wellKnownBySid = new Map(WELL_KNOWN_SIDS.map((entry) => [entry.sid, entry]));
const wellKnownByName = new Map<string, WellKnownSid>();
for (const entry of WELL_KNOWN_SIDS) {
  for (const name of [entry.name, shortName(entry.name), ...entry.aliases])
    wellKnownByName.set(normalizeAccountName(name), entry);
}

export function wellKnownSidName(sid: string): string | undefined {
  return wellKnownBySid.get(sid)?.name;
}

/** The well-known SID for an English name (`Authenticated Users`, `BUILTIN\\Users`, `IUSR`). */
export function wellKnownSidForName(name: string): string | undefined {
  return wellKnownSidForNormalizedName(normalizeAccountName(name));
}

/** wellKnownSidForName of a name normalizeAccountName already folded. */
export function wellKnownSidForNormalizedName(normalized: string): string | undefined {
  return wellKnownByName.get(normalized)?.sid;
}

/**
 * Account names compare case-insensitively (Windows does), with `.\\x` meaning the local
 * machine's `x`. Locale-independent folding keeps the comparison stable across hosts.
 */
export function normalizeAccountName(name: string): string {
  let trimmed = name.trim();
  if (trimmed.startsWith('.\\')) trimmed = trimmed.slice(2);
  // ASCII folds the same in every locale, and toLowerCase skips the ICU call (names are
  // compared once per scope, so a large server folds hundreds of thousands of them).
  return ASCII_ONLY.test(trimmed) ? trimmed.toLowerCase() : trimmed.toLocaleLowerCase('en-US');
}

function shortName(qualified: string): string {
  // Without a backslash lastIndexOf is -1, and the slice is the whole name.
  return qualified.slice(qualified.lastIndexOf('\\') + 1);
}

/** The part after `DOMAIN\\` (or the whole name). */
export function accountShortName(name: string): string {
  return shortName(name.trim());
}

/**
 * Pool SIDs already derived, by lower-case name: a pool serves many scopes and each asks for its
 * SID. Cleared when full, so a fleet of many snapshots cannot grow it without bound.
 */
const POOL_SIDS = new Map<string, string>();
const POOL_SIDS_KEPT = 50_000;

/**
 * `IIS APPPOOL\\<pool>` virtual account SID: S-1-5-82 followed by the SHA-1 of the UTF-16LE
 * bytes of the lower-cased pool name, read as five little-endian 32-bit numbers. Checked by
 * computation against the DefaultAppPool SID seen in many public `whoami /all` outputs
 * (docs/windows-behaviour.md). Lower-casing of non-ASCII names is not confirmed; the collector's
 * LookupAccountName answer, when present in accounts.json, takes precedence.
 */
export function applicationPoolSid(poolName: string): string {
  const key = poolName.toLowerCase();
  const known = POOL_SIDS.get(key);
  if (known !== undefined) return known;
  const sid = hashedSid('S-1-5-82', key);
  if (POOL_SIDS.size >= POOL_SIDS_KEPT) POOL_SIDS.clear();
  POOL_SIDS.set(key, sid);
  return sid;
}

/**
 * `NT SERVICE\\<service>` virtual account (service SID): S-1-5-80 followed by the SHA-1 of the
 * UTF-16LE bytes of the upper-cased service name, read the same way. Checked by computation
 * against NT SERVICE\\TrustedInstaller (S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464)
 * and NT SERVICE\\MSSQLSERVER, as `sc showsid` prints them. Upper-casing of non-ASCII names is
 * not confirmed.
 */
export function serviceSid(serviceName: string): string {
  return hashedSid('S-1-5-80', serviceName.toUpperCase());
}

function hashedSid(prefix: string, text: string): string {
  const digest = sha1Utf16le(text);
  // The digest's bytes read as little-endian numbers: each big-endian SHA-1 word byte-swapped.
  let sid = prefix;
  for (let index = 0; index < 5; index++) {
    const word = digest[index]!;
    sid += `-${(word & 0xff) * 0x1000000 + ((word >>> 8) & 0xff) * 0x10000 + ((word >>> 16) & 0xff) * 0x100 + (word >>> 24)}`;
  }
  return sid;
}

/** A local account SID (machine domain) ends in a RID after S-1-5-21-a-b-c. */
export function isDomainOrMachineAccountSid(sid: string): boolean {
  return /^S-1-5-21-\d+-\d+-\d+-\d+$/.test(sid);
}
