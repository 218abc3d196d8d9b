import { excerpt } from '../../core/errors';
import type { AnonymousAuthentication, AnonymousScope, ConnectAsCredentials, Diagnostic } from '../../core/model';
import type { EffectiveSettings, InheritanceResolver } from './inheritance';
import { describeKey, describeSource, type MetabaseKey } from './keys';
import { ANONYMOUS_PROPERTIES, AUTH_ANONYMOUS, DEFAULT_AUTH_FLAGS, DEFAULT_LOGON_METHOD } from './values';

// The scopes of an IIS 6 metabase: each web site's root, and every virtual directory, directory
// or file key below a site's ROOT that sets an anonymous property, with its effective settings.

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

export function buildScopes(
  keys: ReadonlyMap<string, MetabaseKey>,
  resolver: InheritanceResolver,
  file: string,
  diagnostics: Diagnostic[],
): AnonymousScope[] {
  const sites = findSites(keys, file, diagnostics);
  const scopesBySite = new Map<string, AnonymousScope[]>();
  for (const site of sites.values()) {
    scopesBySite.set(site.key.path, [siteScope(site, keys, resolver, file, diagnostics)]);
  }
  for (const key of keys.values()) {
    const kind = SCOPE_KEY_TYPES.get(key.keyType);
    // /lm/w3svc/<site>/root/<path...>: content keys below a site's ROOT, the only ones IIS serves.
    if (
      kind === undefined ||
      key.segments.length < 5 ||
      key.segments[0] !== 'lm' ||
      key.segments[1] !== 'w3svc' ||
      key.segments[3] !== 'root'
    )
      continue;
    if (kind === 'location' && !ANONYMOUS_PROPERTIES.some((name) => key.element.attributes[name] !== undefined))
      continue;
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
    scopesBySite
      .get(sitePath)!
      .push(makeScope(site, sitePathOf(key), kind, resolver.resolve(key.path), key, file, diagnostics));
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
    if (
      key.keyType !== 'IIsWebServer' ||
      key.segments.length !== 3 ||
      key.segments[0] !== 'lm' ||
      key.segments[1] !== 'w3svc'
    )
      continue;
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

function siteScope(
  site: Site,
  keys: ReadonlyMap<string, MetabaseKey>,
  resolver: InheritanceResolver,
  file: string,
  diagnostics: Diagnostic[],
): AnonymousScope {
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
  return makeScope(
    site,
    '/',
    'site',
    resolver.resolve(rootPath),
    { line: site.key.line, properties: root?.properties ?? {} },
    file,
    diagnostics,
  );
}

/** `/LM/W3SVC/1/ROOT/App/Sub` → `/App/Sub`, keeping the case as written. */
function sitePathOf(key: MetabaseKey): string {
  return `/${writtenSegments(key).slice(4).join('/')}`;
}

/** The key's Location segments as written (case kept). */
export function writtenSegments(key: MetabaseKey): string[] {
  return key.location.split('/').filter((segment) => segment !== '');
}

function makeScope(
  site: Site,
  path: string,
  kind: AnonymousScope['kind'],
  settings: EffectiveSettings,
  key: Pick<MetabaseKey, 'line' | 'properties'>,
  file: string,
  diagnostics: Diagnostic[],
): AnonymousScope {
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
function uncConnectAs(
  settings: EffectiveSettings,
  key: Pick<MetabaseKey, 'properties'>,
): ConnectAsCredentials | undefined {
  const path = key.properties.path ?? '';
  const userName = settings.uncUserName;
  if (!path.startsWith('\\\\') || userName === undefined || userName.value === '') return undefined;
  return {
    userName: userName.value,
    logonMethod: 'ClearText',
    passwordSet: settings.uncPasswordSet?.value ?? false,
    physicalPath: path,
    definedAt: describeSource(userName.key),
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
    definedAt:
      userName === undefined
        ? 'not set in the metabase (IIS 6 has no default AnonymousUserName)'
        : describeSource(userName.key),
  };
}

function compareSites(a: Site, b: Site): number {
  const numberA = /^\d+$/.test(a.id) ? Number(a.id) : Number.POSITIVE_INFINITY;
  const numberB = /^\d+$/.test(b.id) ? Number(b.id) : Number.POSITIVE_INFINITY;
  if (numberA !== numberB) return numberA < numberB ? -1 : 1;
  return a.id.toLowerCase().localeCompare(b.id.toLowerCase());
}
