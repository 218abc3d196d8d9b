import { InputError, excerpt } from '../core/errors';
import { ARTIFACT_SIZE_LIMITS, formatBytes } from '../core/limits';
import type { AnonymousAuthentication, AnonymousScope, ApplicationPool, AppPoolIdentityType, Diagnostic, IisConfiguration, LogonMethod } from '../core/model';
import { parseXmlTree, type XmlElement } from './xml';

/**
 * IIS 6 `MetaBase.xml`: every metabase key is one element directly inside `<MBProperty>`,
 * named after its KeyType (`IIsWebServer`, `IIsWebVirtualDir`, ...) and placed by its
 * `Location` attribute, not by nesting. Keys may appear in any order, so the file is first read
 * into a map of keys by path and then resolved with metabase inheritance: an INHERIT property
 * set on a key applies to every key below it in the path unless a deeper key sets it again.
 * Inheritance follows the path whatever the ancestor's KeyType (IIS 6 Resource Kit, "Property
 * Inheritance"), so a generic `IIsConfigObject` key in the middle of a path counts too.
 */

const FORMAT = 'MetaBase.xml';

// ---------------------------------------------------------------------------------------------
// Property values

/**
 * AuthFlags bits (IIS 6 metabase reference, AuthFlags, ID 6000). Names are matched
 * case-insensitively; the MD_AUTH_* spellings are the ABO constants for the same bits.
 */
const AUTH_FLAG_BITS: ReadonlyMap<string, number> = new Map([
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
const AUTH_ANONYMOUS = 0x1;
const KNOWN_AUTH_BITS = 0x1 | 0x2 | 0x4 | 0x10 | 0x40;

/**
 * Used when no key in the path sets AuthFlags. The Windows Server 2003 metabase reference
 * (cc785637) gives "authanonymous" as the default; the IIS 6 SDK (ms524513) gives schema
 * default AuthAnonymous and internal default AuthAnonymous | AuthNTLM. Both enable anonymous,
 * so taking the schema default changes nothing this tool decides.
 */
const DEFAULT_AUTH_FLAGS = AUTH_ANONYMOUS;

/** LogonMethod (ID 6013): 0..3 in IIS 6; the MD_LOGON_* names are the ABO constants. */
const LOGON_METHODS: readonly LogonMethod[] = ['Interactive', 'Batch', 'Network', 'ClearText'];
const LOGON_METHOD_NAMES: ReadonlyMap<string, LogonMethod> = new Map([
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
const DEFAULT_LOGON_METHOD: LogonMethod = 'ClearText';

/** AppPoolIdentityType (ID 9021): 0..3; default 2 (NetworkService). */
const IDENTITY_TYPES: readonly AppPoolIdentityType[] = ['LocalSystem', 'LocalService', 'NetworkService', 'SpecificUser'];
const IDENTITY_TYPE_NAMES: ReadonlyMap<string, AppPoolIdentityType> = new Map([
  ['md_apppool_identity_type_localsystem', 'LocalSystem'],
  ['md_apppool_identity_type_localservice', 'LocalService'],
  ['md_apppool_identity_type_networkservice', 'NetworkService'],
  ['md_apppool_identity_type_specificuser', 'SpecificUser'],
  ['localsystem', 'LocalSystem'],
  ['localservice', 'LocalService'],
  ['networkservice', 'NetworkService'],
  ['specificuser', 'SpecificUser'],
]);
const DEFAULT_IDENTITY_TYPE: AppPoolIdentityType = 'NetworkService';

/** Properties whose presence on an IIsWebDirectory/IIsWebFile makes it a scope of its own. */
const ANONYMOUS_PROPERTIES = ['AnonymousUserName', 'AnonymousUserPass', 'LogonMethod', 'AuthFlags'] as const;

/** Metabase IDs of the properties read here, to recognise them when written as <Custom>. */
const READ_PROPERTY_IDS: ReadonlyMap<string, string> = new Map([
  ['6000', 'AuthFlags'],
  ['6013', 'LogonMethod'],
  ['6020', 'AnonymousUserName'],
  ['6021', 'AnonymousUserPass'],
  ['9021', 'AppPoolIdentityType'],
  ['9101', 'AppPoolId'],
]);
const READ_PROPERTY_NAMES = new Set(['authflags', 'logonmethod', 'anonymoususername', 'anonymoususerpass', 'apppoolidentitytype', 'apppoolid', 'wamusername']);

// ---------------------------------------------------------------------------------------------
// Keys

/** One metabase key: an element inside <MBProperty> with a Location. */
interface MetabaseKey {
  element: XmlElement;
  /** Element local name = the key's KeyType. */
  keyType: string;
  /** Location as written, trimmed. */
  location: string;
  /** Lower-cased, no trailing slash: metabase paths compare case-insensitively. */
  path: string;
  segments: string[];
  line: number;
  properties: KeyProperties;
}

/** The properties this parser reads, validated; absent = not set on this key. */
interface KeyProperties {
  anonymousUserName?: string;
  anonymousPasswordSet?: boolean;
  logonMethod?: LogonMethod;
  authFlags?: number;
  appPoolId?: string;
  appPoolIdentityType?: AppPoolIdentityType;
  wamUserName?: string;
  iis5IsolationMode?: boolean;
  anonymousPasswordSync?: boolean;
}

/** Value of one inherited property and the key that set it. */
interface Inherited<T> {
  value: T;
  key: MetabaseKey;
}

interface EffectiveSettings {
  anonymousUserName?: Inherited<string>;
  anonymousPasswordSet?: Inherited<boolean>;
  logonMethod?: Inherited<LogonMethod>;
  authFlags?: Inherited<number>;
  appPoolId?: Inherited<string>;
  appPoolIdentityType?: Inherited<AppPoolIdentityType>;
  wamUserName?: Inherited<string>;
  iis5IsolationMode?: Inherited<boolean>;
  anonymousPasswordSync?: Inherited<boolean>;
}

/**
 * Parses an IIS 6 MetaBase.xml and resolves the effective anonymous identity of every web site,
 * virtual directory and directory that overrides anonymous settings. Throws InputError for
 * malformed XML, a root other than <configuration>, or an invalid LogonMethod, AuthFlags or
 * AppPoolIdentityType value.
 */
export function parseMetabase(text: string, file: string): IisConfiguration {
  const limit = ARTIFACT_SIZE_LIMITS[FORMAT];
  if (text.length > limit) throw new InputError(file, {}, `a ${FORMAT} of at most ${formatBytes(limit)}`, `${text.length} characters`);
  const root = parseXmlTree(text, file);
  const source = new SourceIndex(text, root);
  if (root.local !== 'configuration') {
    throw new InputError(file, { line: source.lineOf(root), element: `<${root.name}>` }, `<configuration> as the root element of ${FORMAT}`, `<${root.name}>`);
  }
  const diagnostics: Diagnostic[] = [];
  const keys = readKeys(root, file, source, diagnostics);
  const resolver = new InheritanceResolver(keys);
  const applicationPools = readApplicationPools(keys, resolver, file, diagnostics);
  const scopes = buildScopes(keys, resolver, file, diagnostics);
  reportUnknownPools(scopes, applicationPools, file, diagnostics);
  return { file, format: FORMAT, iisMajorVersion: 6, applicationPools, scopes, diagnostics };
}

function readKeys(root: XmlElement, file: string, source: SourceIndex, diagnostics: Diagnostic[]): Map<string, MetabaseKey> {
  const containers = root.children.filter((child) => child.local === 'MBProperty');
  if (containers.length === 0) {
    throw new InputError(file, { line: source.lineOf(root), element: `<${root.name}>` }, '<MBProperty> inside <configuration> (the metabase keys)', 'none');
  }
  const keys = new Map<string, MetabaseKey>();
  for (const container of containers) {
    for (const element of container.children) {
      const location = element.attributes['Location'];
      if (location === undefined) continue;
      checkLocationSize(location, file, { line: source.attributeLine(element, 'Location'), element: `<${element.name}>` });
      const path = normalizeMetabasePath(location);
      // IIS_Global is written with Location "." and holds no web settings.
      if (path === undefined) continue;
      const line = source.lineOf(element);
      const existing = keys.get(path);
      if (existing !== undefined) {
        diagnostics.push({
          code: 'duplicate-location',
          severity: 'warning',
          message: `Location ${excerpt(location.trim())} appears again (<${element.name}>); the first key, <${existing.element.name}> at line ${existing.line}, is used`,
          file,
          line,
        });
        continue;
      }
      const segments = path === '/' ? [] : path.slice(1).split('/');
      const key: MetabaseKey = { element, keyType: element.local, location: location.trim(), path, segments, line, properties: {} };
      if (isInWebServiceTree(segments)) {
        key.properties = readKeyProperties(key, file, source);
        reportUndefinedAuthBits(key, file, source, diagnostics);
        reportCustomProperties(key, file, source, diagnostics);
      }
      keys.set(path, key);
    }
  }
  return keys;
}

/** `/LM/W3SVC/1/ROOT/` → `/lm/w3svc/1/root`; undefined for anything that is not a path. */
function normalizeMetabasePath(location: string): string | undefined {
  const trimmed = location.trim();
  if (!trimmed.startsWith('/')) return undefined;
  const segments = trimmed.split('/').filter((segment) => segment !== '');
  return `/${segments.join('/')}`.toLowerCase();
}

/**
 * Real metabase paths are a handful of segments of at most 256 characters each
 * (METADATA_MAX_NAME_LEN); the bounds keep inheritance walks and their cache small.
 */
const MAX_LOCATION_LENGTH = 4096;
const MAX_LOCATION_SEGMENTS = 256;

function checkLocationSize(location: string, file: string, where: ValueLocation): void {
  const expected = `a Location of at most ${MAX_LOCATION_LENGTH} characters and ${MAX_LOCATION_SEGMENTS} segments`;
  if (location.length > MAX_LOCATION_LENGTH) throw new InputError(file, where, expected, `${location.length} characters: ${excerpt(location)}`);
  const segments = location.split('/').filter((segment) => segment !== '').length;
  if (segments > MAX_LOCATION_SEGMENTS) throw new InputError(file, where, expected, `${segments} segments: ${excerpt(location)}`);
}

/** `/`, `/LM` and everything under `/LM/W3SVC`: the keys whose web properties can matter. */
function isInWebServiceTree(segments: readonly string[]): boolean {
  if (segments.length <= 1) return segments.length === 0 || segments[0] === 'lm';
  return segments[0] === 'lm' && segments[1] === 'w3svc';
}

function readKeyProperties(key: MetabaseKey, file: string, source: SourceIndex): KeyProperties {
  const attributes = key.element.attributes;
  const properties: KeyProperties = {};
  const where = (name: string) => ({ line: source.attributeLine(key.element, name), element: describeKey(key) });

  const userName = attributes['AnonymousUserName'];
  if (userName !== undefined) properties.anonymousUserName = userName.trim();
  // Secure properties are stored encrypted; only whether one is there matters, never its value.
  const password = attributes['AnonymousUserPass'];
  if (password !== undefined) properties.anonymousPasswordSet = password.trim() !== '';
  const logonMethod = attributes['LogonMethod'];
  if (logonMethod !== undefined) properties.logonMethod = parseLogonMethod(logonMethod, file, where('LogonMethod'));
  const authFlags = attributes['AuthFlags'];
  if (authFlags !== undefined) properties.authFlags = parseAuthFlags(authFlags, file, where('AuthFlags'));
  const appPoolId = attributes['AppPoolId'];
  if (appPoolId !== undefined) properties.appPoolId = appPoolId.trim();
  const identityType = attributes['AppPoolIdentityType'];
  if (identityType !== undefined) properties.appPoolIdentityType = parseIdentityType(identityType, file, where('AppPoolIdentityType'));
  const wamUserName = attributes['WAMUserName'];
  if (wamUserName !== undefined) properties.wamUserName = wamUserName.trim();
  const isolation = attributes['IIs5IsolationModeEnabled'];
  if (isolation !== undefined) properties.iis5IsolationMode = parseMetabaseBoolean(isolation, file, where('IIs5IsolationModeEnabled'));
  const passwordSync = attributes['AnonymousPasswordSync'];
  if (passwordSync !== undefined) properties.anonymousPasswordSync = parseMetabaseBoolean(passwordSync, file, where('AnonymousPasswordSync'));
  return properties;
}

interface ValueLocation {
  line: number;
  element: string;
}

/** DWORDs are written in decimal; hexadecimal (0x...) is accepted as hand edits use it. */
function parseDword(text: string): number | undefined {
  const trimmed = text.trim();
  let value: number;
  if (/^\d{1,10}$/.test(trimmed)) value = Number(trimmed);
  else if (/^0x[0-9a-f]{1,8}$/i.test(trimmed)) value = Number.parseInt(trimmed.slice(2), 16);
  else return undefined;
  return value <= 0xffffffff ? value : undefined;
}

function parseLogonMethod(text: string, file: string, where: ValueLocation): LogonMethod {
  const number = parseDword(text);
  const method = number !== undefined ? LOGON_METHODS[number] : LOGON_METHOD_NAMES.get(text.trim().toLowerCase());
  if (method === undefined) {
    throw new InputError(file, where, 'LogonMethod 0 (interactive), 1 (batch), 2 (network) or 3 (network cleartext), or an MD_LOGON_* name', excerpt(text));
  }
  return method;
}

/** `AuthAnonymous | AuthNTLM` (any spacing or case), a number, or a mix of both. */
function parseAuthFlags(text: string, file: string, where: ValueLocation): number {
  const tokens = text.split('|').map((token) => token.trim());
  let flags = 0;
  for (const token of tokens) {
    const bit = AUTH_FLAG_BITS.get(token.toLowerCase()) ?? parseDword(token);
    if (bit === undefined) {
      throw new InputError(file, where, 'AuthFlags as names joined by "|" (AuthAnonymous, AuthBasic, AuthNTLM, AuthMD5, AuthPassport) or a number', excerpt(text));
    }
    flags = (flags | bit) >>> 0;
  }
  return flags;
}

function parseIdentityType(text: string, file: string, where: ValueLocation): AppPoolIdentityType {
  const number = parseDword(text);
  const type = number !== undefined ? IDENTITY_TYPES[number] : IDENTITY_TYPE_NAMES.get(text.trim().toLowerCase());
  if (type === undefined) {
    throw new InputError(file, where, 'AppPoolIdentityType 0 (LocalSystem), 1 (LocalService), 2 (NetworkService) or 3 (SpecificUser)', excerpt(text));
  }
  return type;
}

/** The metabase writes booleans as TRUE/FALSE; 1/0 appear in hand edits. */
function parseMetabaseBoolean(text: string, file: string, where: ValueLocation): boolean {
  const value = text.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new InputError(file, where, 'TRUE or FALSE', excerpt(text));
}

/** Bits no AuthFlags name stands for are kept (only bit 1 is decided on) but worth a look. */
function reportUndefinedAuthBits(key: MetabaseKey, file: string, source: SourceIndex, diagnostics: Diagnostic[]): void {
  const flags = key.properties.authFlags;
  if (flags === undefined || (flags & ~KNOWN_AUTH_BITS) === 0) return;
  diagnostics.push({
    code: 'unknown-auth-flags',
    severity: 'info',
    message: `${describeKey(key)} sets AuthFlags ${flags} (0x${flags.toString(16)}), which has bits no IIS 6 authentication scheme uses`,
    file,
    line: source.attributeLine(key.element, 'AuthFlags'),
  });
}

/**
 * A property written as <Custom Name=... ID=... Value=...> carries its own attributes (it may
 * not even be INHERIT), so it is not folded into inheritance; it is reported instead of being
 * silently ignored.
 */
function reportCustomProperties(key: MetabaseKey, file: string, source: SourceIndex, diagnostics: Diagnostic[]): void {
  for (const child of key.element.children) {
    if (child.local !== 'Custom') continue;
    const name = child.attributes['Name']?.trim() ?? '';
    const byId = READ_PROPERTY_IDS.get(child.attributes['ID']?.trim() ?? '');
    if (byId === undefined && !READ_PROPERTY_NAMES.has(name.toLowerCase())) continue;
    diagnostics.push({
      code: 'custom-property-ignored',
      severity: 'warning',
      message: `${describeKey(key)} writes ${byId ?? excerpt(name)} as a <Custom> property; custom properties are not evaluated, check this key by hand`,
      file,
      line: source.lineOf(child),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Inheritance

class InheritanceResolver {
  private readonly cache = new Map<string, EffectiveSettings>();

  constructor(private readonly keys: ReadonlyMap<string, MetabaseKey>) {}

  /** Effective settings at a metabase path (normalised), walking every ancestor key from `/` down. */
  resolve(path: string): EffectiveSettings {
    const cached = this.cache.get(path);
    if (cached !== undefined) return cached;
    const parentPath = path === '/' ? undefined : path.slice(0, path.lastIndexOf('/')) || '/';
    const inherited: EffectiveSettings = parentPath === undefined ? {} : this.resolve(parentPath);
    const key = this.keys.get(path);
    const effective = key === undefined ? inherited : applyKey(inherited, key);
    this.cache.set(path, effective);
    return effective;
  }
}

function applyKey(inherited: EffectiveSettings, key: MetabaseKey): EffectiveSettings {
  const effective: EffectiveSettings = { ...inherited };
  const set = key.properties;
  if (set.anonymousUserName !== undefined) effective.anonymousUserName = { value: set.anonymousUserName, key };
  if (set.anonymousPasswordSet !== undefined) effective.anonymousPasswordSet = { value: set.anonymousPasswordSet, key };
  if (set.logonMethod !== undefined) effective.logonMethod = { value: set.logonMethod, key };
  if (set.authFlags !== undefined) effective.authFlags = { value: set.authFlags, key };
  if (set.appPoolId !== undefined) effective.appPoolId = { value: set.appPoolId, key };
  if (set.appPoolIdentityType !== undefined) effective.appPoolIdentityType = { value: set.appPoolIdentityType, key };
  if (set.wamUserName !== undefined) effective.wamUserName = { value: set.wamUserName, key };
  if (set.iis5IsolationMode !== undefined) effective.iis5IsolationMode = { value: set.iis5IsolationMode, key };
  if (set.anonymousPasswordSync !== undefined) effective.anonymousPasswordSync = { value: set.anonymousPasswordSync, key };
  return effective;
}

// ---------------------------------------------------------------------------------------------
// Application pools

/**
 * IIsApplicationPool keys (normally /LM/W3SVC/AppPools/<name>); the pool name is the last path
 * segment as written. IIS 6 pools log on as batch when they run as a specific user.
 */
function readApplicationPools(keys: ReadonlyMap<string, MetabaseKey>, resolver: InheritanceResolver, file: string, diagnostics: Diagnostic[]): Map<string, ApplicationPool> {
  const pools = new Map<string, ApplicationPool>();
  for (const key of keys.values()) {
    if (key.keyType !== 'IIsApplicationPool' || !isInWebServiceTree(key.segments) || key.segments.length === 0) continue;
    const name = writtenSegments(key).pop() ?? '';
    const settings = resolver.resolve(key.path);
    const identityType = settings.appPoolIdentityType?.value ?? DEFAULT_IDENTITY_TYPE;
    const userName = identityType === 'SpecificUser' ? settings.wamUserName?.value ?? '' : '';
    if (identityType === 'SpecificUser' && userName === '') {
      diagnostics.push({
        code: 'pool-user-missing',
        severity: 'warning',
        message: `Application pool ${excerpt(name)} runs as a specific user (AppPoolIdentityType 3) but no WAMUserName applies to it`,
        file,
        line: key.line,
      });
    }
    pools.set(name.toLowerCase(), { name, identityType, userName, logonType: 'LogonBatch', line: key.line });
  }
  return pools;
}

// ---------------------------------------------------------------------------------------------
// Sites and scopes

interface Site {
  key: MetabaseKey;
  /** Site identifier as written in the Location (`1`, `1864297`). */
  id: string;
  name: string;
}

const SCOPE_KEY_TYPES: ReadonlyMap<string, AnonymousScope['kind']> = new Map([
  ['IIsWebVirtualDir', 'virtual-directory'],
  ['IIsWebDirectory', 'location'],
  ['IIsWebFile', 'location'],
]);

function buildScopes(keys: ReadonlyMap<string, MetabaseKey>, resolver: InheritanceResolver, file: string, diagnostics: Diagnostic[]): AnonymousScope[] {
  const sites = findSites(keys, file, diagnostics);
  const scopesBySite = new Map<string, AnonymousScope[]>();
  for (const site of sites.values()) {
    scopesBySite.set(site.key.path, [siteScope(site, keys, resolver, file, diagnostics)]);
  }
  for (const key of keys.values()) {
    const kind = SCOPE_KEY_TYPES.get(key.keyType);
    // /lm/w3svc/<site>/root/<path...>: content keys below a site's ROOT, the only ones IIS serves.
    if (kind === undefined || key.segments.length < 5 || key.segments[0] !== 'lm' || key.segments[1] !== 'w3svc' || key.segments[3] !== 'root') continue;
    if (kind === 'location' && !ANONYMOUS_PROPERTIES.some((name) => key.element.attributes[name] !== undefined)) continue;
    const sitePath = `/lm/w3svc/${key.segments[2]}`;
    const site = sites.get(sitePath);
    if (site === undefined) {
      diagnostics.push({
        code: 'orphan-location',
        severity: 'warning',
        message: `${describeKey(key)} belongs to no web site: there is no IIsWebServer at ${excerpt(`/${writtenSegments(key).slice(0, 3).join('/')}`)}`,
        file,
        line: key.line,
      });
      continue;
    }
    scopesBySite.get(sitePath)!.push(makeScope(site, sitePathOf(key), kind, resolver.resolve(key.path), key.line, file, diagnostics));
  }
  const ordered = [...sites.values()].sort(compareSites);
  return ordered.flatMap((site) => {
    const [root, ...rest] = scopesBySite.get(site.key.path)!;
    rest.sort((a, b) => a.path.toLowerCase().localeCompare(b.path.toLowerCase()) || a.path.localeCompare(b.path));
    return [root!, ...rest];
  });
}

/** IIsWebServer keys directly under /LM/W3SVC (templates under /LM/W3SVC/Info are not sites). */
function findSites(keys: ReadonlyMap<string, MetabaseKey>, file: string, diagnostics: Diagnostic[]): Map<string, Site> {
  const sites = new Map<string, Site>();
  const byName = new Map<string, Site>();
  for (const key of keys.values()) {
    if (key.keyType !== 'IIsWebServer' || key.segments.length !== 3 || key.segments[0] !== 'lm' || key.segments[1] !== 'w3svc') continue;
    const id = writtenSegments(key)[2] ?? '';
    const comment = key.element.attributes['ServerComment']?.trim() ?? '';
    const site: Site = { key, id, name: comment === '' ? id : comment };
    const sameName = byName.get(site.name.toLowerCase());
    if (sameName !== undefined) {
      diagnostics.push({
        code: 'duplicate-site-name',
        severity: 'warning',
        message: `Sites ${sameName.id} and ${id} are both named ${excerpt(site.name)}; their findings share that name`,
        file,
        line: key.line,
      });
    } else {
      byName.set(site.name.toLowerCase(), site);
    }
    sites.set(key.path, site);
  }
  return sites;
}

function siteScope(site: Site, keys: ReadonlyMap<string, MetabaseKey>, resolver: InheritanceResolver, file: string, diagnostics: Diagnostic[]): AnonymousScope {
  const rootPath = `${site.key.path}/root`;
  if (keys.get(rootPath)?.keyType !== 'IIsWebVirtualDir') {
    diagnostics.push({
      code: 'missing-root-virtual-directory',
      severity: 'warning',
      message: `Site ${excerpt(site.name)} (${describeKey(site.key)}) has no IIsWebVirtualDir at ROOT below it; its settings are taken from the site key`,
      file,
      line: site.key.line,
    });
  }
  return makeScope(site, '/', 'site', resolver.resolve(rootPath), site.key.line, file, diagnostics);
}

/** `/LM/W3SVC/1/ROOT/App/Sub` → `/App/Sub`, keeping the case as written. */
function sitePathOf(key: MetabaseKey): string {
  return `/${writtenSegments(key).slice(4).join('/')}`;
}

function writtenSegments(key: MetabaseKey): string[] {
  return key.location.split('/').filter((segment) => segment !== '');
}

function makeScope(site: Site, path: string, kind: AnonymousScope['kind'], settings: EffectiveSettings, line: number, file: string, diagnostics: Diagnostic[]): AnonymousScope {
  const anonymous = anonymousAuthentication(settings);
  if (anonymous.enabled && anonymous.userName === '') {
    diagnostics.push({
      code: 'anonymous-user-missing',
      severity: 'warning',
      message: `Anonymous access is enabled for ${excerpt(site.name)} ${excerpt(path)} but no AnonymousUserName applies to it; IIS 6 has no default anonymous account, so anonymous requests fail`,
      file,
      line,
    });
  }
  if (anonymous.enabled && settings.anonymousPasswordSync?.value === true) {
    diagnostics.push({
      code: 'anonymous-password-sync',
      severity: 'info',
      message: `AnonymousPasswordSync is TRUE for ${excerpt(site.name)} ${excerpt(path)} (set at ${describeSource(settings.anonymousPasswordSync.key)}): IIS logs the anonymous user on through the iissuba.dll sub-authenticator, a network logon, whatever LogonMethod says`,
      file,
      line,
    });
  }
  // In IIS 5 isolation mode requests run in inetinfo/dllhost, not in application pools.
  const isolated = settings.iis5IsolationMode?.value === true;
  return {
    site: site.name,
    path,
    kind,
    applicationPool: isolated ? null : settings.appPoolId?.value || null,
    anonymous,
    line,
  };
}

function anonymousAuthentication(settings: EffectiveSettings): AnonymousAuthentication {
  const authFlags = settings.authFlags?.value ?? DEFAULT_AUTH_FLAGS;
  const userName = settings.anonymousUserName;
  return {
    enabled: (authFlags & AUTH_ANONYMOUS) !== 0,
    userName: userName?.value ?? '',
    logonMethod: settings.logonMethod?.value ?? DEFAULT_LOGON_METHOD,
    passwordSet: settings.anonymousPasswordSet?.value ?? false,
    definedAt: userName === undefined ? 'not set in the metabase (IIS 6 has no default AnonymousUserName)' : describeSource(userName.key),
  };
}

function reportUnknownPools(scopes: readonly AnonymousScope[], pools: ReadonlyMap<string, ApplicationPool>, file: string, diagnostics: Diagnostic[]): void {
  const reported = new Set<string>();
  for (const scope of scopes) {
    const pool = scope.applicationPool;
    if (pool === null || pools.has(pool.toLowerCase()) || reported.has(pool.toLowerCase())) continue;
    reported.add(pool.toLowerCase());
    diagnostics.push({
      code: 'unknown-application-pool',
      severity: 'warning',
      message: `AppPoolId ${excerpt(pool)} (used by ${excerpt(scope.site)} ${excerpt(scope.path)}) names no IIsApplicationPool in this metabase`,
      file,
      ...(scope.line !== undefined ? { line: scope.line } : {}),
    });
  }
}

function compareSites(a: Site, b: Site): number {
  const numberA = /^\d+$/.test(a.id) ? Number(a.id) : Number.POSITIVE_INFINITY;
  const numberB = /^\d+$/.test(b.id) ? Number(b.id) : Number.POSITIVE_INFINITY;
  if (numberA !== numberB) return numberA < numberB ? -1 : 1;
  return a.id.toLowerCase().localeCompare(b.id.toLowerCase());
}

function describeKey(key: MetabaseKey): string {
  return `<${key.element.name} Location=${excerpt(key.location, 200)}>`;
}

function describeSource(key: MetabaseKey): string {
  return `${describeKey(key)} line ${key.line}`;
}

// ---------------------------------------------------------------------------------------------
// Source positions

/**
 * Line numbers of start tags and of attributes. The XML tree records the line where a start
 * tag ends, and MetaBase.xml writes one attribute per line, so a key's tag spans many lines; a
 * message about a bad LogonMethod should point at the LogonMethod line. Start tags are located
 * by a scan of the (already validated) text: in well-formed XML a `<` outside comments, CDATA
 * and processing instructions opens a tag, and start tags come in the same order as a
 * depth-first walk of the tree.
 */
class SourceIndex {
  private readonly lineStarts: number[];
  private readonly tagStarts = new Map<XmlElement, number>();

  constructor(private readonly text: string, root: XmlElement) {
    this.lineStarts = computeLineStarts(text);
    const offsets = findStartTags(text);
    const elements: XmlElement[] = [];
    const pending: XmlElement[] = [root];
    while (pending.length > 0) {
      const element = pending.pop()!;
      elements.push(element);
      for (let index = element.children.length - 1; index >= 0; index--) pending.push(element.children[index]!);
    }
    // Should the scan ever disagree with the parser, fall back to the parser's lines.
    if (offsets.length !== elements.length) return;
    elements.forEach((element, index) => this.tagStarts.set(element, offsets[index]!));
  }

  /** Line of the element's `<`. */
  lineOf(element: XmlElement): number {
    const offset = this.tagStarts.get(element);
    return offset === undefined ? element.line : this.lineAt(offset);
  }

  /** Line of `name=` inside the element's start tag; the tag's line when not found. */
  attributeLine(element: XmlElement, name: string): number {
    const start = this.tagStarts.get(element);
    if (start === undefined) return element.line;
    const offset = findAttributeOffset(this.text, start, name);
    return offset === undefined ? this.lineAt(start) : this.lineAt(offset);
  }

  private lineAt(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

/** Offsets where lines begin; CRLF, CR and LF each end a line, as XML end-of-line handling says. */
function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) starts.push(index + 1);
  }
  return starts;
}

function findStartTags(text: string): number[] {
  const offsets: number[] = [];
  let index = text.indexOf('<');
  while (index !== -1) {
    let next: number;
    if (text.startsWith('<!--', index)) next = endAfter(text, '-->', index + 4);
    else if (text.startsWith('<![CDATA[', index)) next = endAfter(text, ']]>', index + 9);
    else if (text.startsWith('<?', index) || text.startsWith('<!', index) || text.startsWith('</', index)) next = endAfter(text, '>', index + 2);
    else {
      offsets.push(index);
      next = endOfStartTag(text, index);
    }
    index = next >= text.length ? -1 : text.indexOf('<', next);
  }
  return offsets;
}

function endAfter(text: string, terminator: string, from: number): number {
  const end = text.indexOf(terminator, from);
  return end === -1 ? text.length : end + terminator.length;
}

/** Offset just past the `>` of a start tag; attribute values may contain `>` but not `<`. */
function endOfStartTag(text: string, start: number): number {
  let quote = '';
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index]!;
    if (quote !== '') {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return index + 1;
    }
  }
  return text.length;
}

/** Walks the attributes of the start tag at `start` and returns the offset of the one named `name`. */
function findAttributeOffset(text: string, start: number, name: string): number | undefined {
  let index = start + 1;
  while (index < text.length && !isXmlSpace(text[index]!) && text[index] !== '>' && text[index] !== '/') index++;
  for (;;) {
    while (index < text.length && isXmlSpace(text[index]!)) index++;
    if (index >= text.length || text[index] === '>' || text[index] === '/') return undefined;
    const nameStart = index;
    while (index < text.length && !isXmlSpace(text[index]!) && text[index] !== '=') index++;
    const attributeName = text.slice(nameStart, index);
    while (index < text.length && (isXmlSpace(text[index]!) || text[index] === '=')) index++;
    const quote = text[index];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = text.indexOf(quote, index + 1);
    if (close === -1) return undefined;
    if (attributeName === name) return nameStart;
    index = close + 1;
  }
}

function isXmlSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}
