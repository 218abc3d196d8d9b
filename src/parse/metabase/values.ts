import { InputError, excerpt } from '../../core/errors';
import type { AppPoolIdentityType, LogonMethod } from '../../core/model';

/** Metabase property values: the names and numbers IIS 6 writes, their defaults, and their parsers. */

// Property values

/**
 * AuthFlags bits (IIS 6 metabase reference, AuthFlags, ID 6000). Names are matched
 * case-insensitively; the MD_AUTH_* spellings are the ABO constants for the same bits.
 */
export const AUTH_FLAG_BITS: ReadonlyMap<string, number> = new Map([
  ['authanonymous', 0x1],
  ['md_auth_anonymous', 0x1],
  ['authbasic', 0x2],
  ['md_auth_basic', 0x2],
  ['authntlm', 0x4],
  ['md_auth_nt', 0x4],
  ['authmd5', 0x10],
  ['md_auth_md5', 0x10],
  ['authpassport', 0x40],
  ['md_auth_passport', 0x40],
]);
export const AUTH_ANONYMOUS = 0x1;
export const KNOWN_AUTH_BITS = 0x1 | 0x2 | 0x4 | 0x10 | 0x40;

/**
 * Used when no key in the path sets AuthFlags. The Windows Server 2003 metabase reference
 * (cc785637) gives "authanonymous" as the default; the IIS 6 SDK (ms524513) gives schema
 * default AuthAnonymous and internal default AuthAnonymous | AuthNTLM. Both enable anonymous,
 * so taking the schema default changes nothing this tool decides.
 */
export const DEFAULT_AUTH_FLAGS = AUTH_ANONYMOUS;

/** LogonMethod (ID 6013): 0..3 in IIS 6; the MD_LOGON_* names are the ABO constants. */
export const LOGON_METHODS: readonly LogonMethod[] = ['Interactive', 'Batch', 'Network', 'ClearText'];
export const LOGON_METHOD_NAMES: ReadonlyMap<string, LogonMethod> = new Map([
  ['md_logon_interactive', 'Interactive'],
  ['md_logon_batch', 'Batch'],
  ['md_logon_network', 'Network'],
  ['md_logon_network_cleartext', 'ClearText'],
  ['interactive', 'Interactive'],
  ['batch', 'Batch'],
  ['network', 'Network'],
  ['cleartext', 'ClearText'],
]);
/** IIS 6 default (cc782820, ms525650); IIS 5 defaulted to 0, but this file is IIS 6 only. */
export const DEFAULT_LOGON_METHOD: LogonMethod = 'ClearText';

/** AppPoolIdentityType (ID 9021): 0..3; default 2 (NetworkService). */
export const IDENTITY_TYPES: readonly AppPoolIdentityType[] = [
  'LocalSystem',
  'LocalService',
  'NetworkService',
  'SpecificUser',
];
export const IDENTITY_TYPE_NAMES: ReadonlyMap<string, AppPoolIdentityType> = new Map([
  ['md_apppool_identity_type_localsystem', 'LocalSystem'],
  ['md_apppool_identity_type_localservice', 'LocalService'],
  ['md_apppool_identity_type_networkservice', 'NetworkService'],
  ['md_apppool_identity_type_specificuser', 'SpecificUser'],
  ['localsystem', 'LocalSystem'],
  ['localservice', 'LocalService'],
  ['networkservice', 'NetworkService'],
  ['specificuser', 'SpecificUser'],
]);
export const DEFAULT_IDENTITY_TYPE: AppPoolIdentityType = 'NetworkService';

/** Properties whose presence on an IIsWebDirectory/IIsWebFile makes it a scope of its own. */
export const ANONYMOUS_PROPERTIES = ['AnonymousUserName', 'AnonymousUserPass', 'LogonMethod', 'AuthFlags'] as const;

/** Metabase IDs of the properties read here, to recognise them when written as <Custom>. */
export const READ_PROPERTY_IDS: ReadonlyMap<string, string> = new Map([
  ['6000', 'AuthFlags'],
  ['6013', 'LogonMethod'],
  ['6020', 'AnonymousUserName'],
  ['6021', 'AnonymousUserPass'],
  ['9021', 'AppPoolIdentityType'],
  ['9101', 'AppPoolId'],
  ['3002', 'UNCUserName'],
  ['3003', 'UNCPassword'],
]);
export const READ_PROPERTY_NAMES = new Set([
  'authflags',
  'logonmethod',
  'anonymoususername',
  'anonymoususerpass',
  'apppoolidentitytype',
  'apppoolid',
  'wamusername',
  'uncusername',
  'uncpassword',
]);

export interface ValueLocation {
  line: number;
  element: string;
}

/** DWORDs are written in decimal; hexadecimal (0x...) is accepted as hand edits use it. */
export function parseDword(text: string): number | undefined {
  const trimmed = text.trim();
  let value: number;
  if (/^\d{1,10}$/.test(trimmed)) value = Number(trimmed);
  else if (/^0x[0-9a-f]{1,8}$/i.test(trimmed)) value = Number.parseInt(trimmed.slice(2), 16);
  else return undefined;
  return value <= 0xffffffff ? value : undefined;
}

export function parseLogonMethod(text: string, file: string, where: ValueLocation): LogonMethod {
  const number = parseDword(text);
  const method = number !== undefined ? LOGON_METHODS[number] : LOGON_METHOD_NAMES.get(text.trim().toLowerCase());
  if (method === undefined) {
    throw new InputError(
      file,
      where,
      'LogonMethod 0 (interactive), 1 (batch), 2 (network) or 3 (network cleartext), or an MD_LOGON_* name',
      excerpt(text),
    );
  }
  return method;
}

/** `AuthAnonymous | AuthNTLM` (any spacing or case), a number, or a mix of both. */
export function parseAuthFlags(text: string, file: string, where: ValueLocation): number {
  const tokens = text.split('|').map((token) => token.trim());
  let flags = 0;
  for (const token of tokens) {
    const bit = AUTH_FLAG_BITS.get(token.toLowerCase()) ?? parseDword(token);
    if (bit === undefined) {
      throw new InputError(
        file,
        where,
        'AuthFlags as names joined by "|" (AuthAnonymous, AuthBasic, AuthNTLM, AuthMD5, AuthPassport) or a number',
        excerpt(text),
      );
    }
    flags = (flags | bit) >>> 0;
  }
  return flags;
}

export function parseIdentityType(text: string, file: string, where: ValueLocation): AppPoolIdentityType {
  const number = parseDword(text);
  const type = number !== undefined ? IDENTITY_TYPES[number] : IDENTITY_TYPE_NAMES.get(text.trim().toLowerCase());
  if (type === undefined) {
    throw new InputError(
      file,
      where,
      'AppPoolIdentityType 0 (LocalSystem), 1 (LocalService), 2 (NetworkService) or 3 (SpecificUser)',
      excerpt(text),
    );
  }
  return type;
}

/** The metabase writes booleans as TRUE/FALSE; 1/0 appear in hand edits. */
export function parseMetabaseBoolean(text: string, file: string, where: ValueLocation): boolean {
  const value = text.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new InputError(file, where, 'TRUE or FALSE', excerpt(text));
}
