import { InputError, excerpt } from '../core/errors';
import { ARTIFACT_SIZE_LIMITS, formatBytes } from '../core/limits';
import type { AnonymousAuthentication, AnonymousScope, ApplicationPool, ConnectAsCredentials, Diagnostic, IisConfiguration } from '../core/model';
import { describeKey, describeSource, InheritanceResolver, isInWebServiceTree, readKeys, type EffectiveSettings, type MetabaseKey } from './metabase/keys';
import { ANONYMOUS_PROPERTIES, AUTH_ANONYMOUS, DEFAULT_AUTH_FLAGS, DEFAULT_IDENTITY_TYPE, DEFAULT_LOGON_METHOD } from './metabase/values';
import { parseXmlTree } from './xml';
import { SourceIndex } from './xml-source-index';

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
    scopesBySite.get(sitePath)!.push(makeScope(site, sitePathOf(key), kind, resolver.resolve(key.path), key, file, diagnostics));
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
  const root = keys.get(rootPath);
  return makeScope(site, '/', 'site', resolver.resolve(rootPath), { line: site.key.line, properties: root?.properties ?? {} }, file, diagnostics);
}

/** `/LM/W3SVC/1/ROOT/App/Sub` → `/App/Sub`, keeping the case as written. */
function sitePathOf(key: MetabaseKey): string {
  return `/${writtenSegments(key).slice(4).join('/')}`;
}

function writtenSegments(key: MetabaseKey): string[] {
  return key.location.split('/').filter((segment) => segment !== '');
}

function makeScope(site: Site, path: string, kind: AnonymousScope['kind'], settings: EffectiveSettings, key: Pick<MetabaseKey, 'line' | 'properties'>, file: string, diagnostics: Diagnostic[]): AnonymousScope {
  const line = key.line;
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
  const scope: AnonymousScope = {
    site: site.name,
    path,
    kind,
    applicationPool: isolated ? null : settings.appPoolId?.value || null,
    anonymous,
    line,
  };
  const connectAs = uncConnectAs(settings, key);
  if (connectAs !== undefined) scope.connectAs = connectAs;
  return scope;
}

/**
 * UNCUserName (inherited) is logged on only for a virtual directory whose own Path is a UNC
 * share (IIS 6 UNCUserName reference: "the user name for UNC virtual roots").
 */
function uncConnectAs(settings: EffectiveSettings, key: Pick<MetabaseKey, 'properties'>): ConnectAsCredentials | undefined {
  const path = key.properties.path ?? '';
  const userName = settings.uncUserName;
  if (!path.startsWith('\\\\') || userName === undefined || userName.value === '') return undefined;
  return { userName: userName.value, logonMethod: 'ClearText', passwordSet: settings.uncPasswordSet?.value ?? false, physicalPath: path, definedAt: describeSource(userName.key) };
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
