/**
 * IIS 7+ `applicationHost.config`: application pools, sites with their applications and virtual
 * directories, and the effective `anonymousAuthentication` at every site, application, virtual
 * directory and `<location>` path, resolved the way IIS merges configuration (server level, then
 * location tags from the site down, attribute by attribute).
 *
 * Only the elements this needs are kept while parsing, and every path lookup goes through a
 * per-site tree of path segments, so time and memory stay linear in the size of the file (a
 * 100,000-site file is a real case for hosting servers).
 *
 * Choices where IIS documentation is silent or the file is one IIS itself would not load:
 * - An application's pool comes from its own `applicationPool`, else the site's
 *   `<applicationDefaults>`, else `<sites><applicationDefaults>`. The IIS schema gives that
 *   attribute no default, so with none of them the pool is null (unknown) and a
 *   `no-application-pool` warning says so; nothing guesses DefaultAppPool.
 * - A site without `<application path="/">` still gets its "/" scope, served by a placeholder
 *   root application with the applicationDefaults pool, and a `no-root-application` warning.
 * - `<location path="">`, `path="."` and a location without `path` are the server level, merged
 *   with the root `<system.webServer>` in file order. With inheritInChildApplications="false" a
 *   server-level location reaches no site (every site root is a child application of it).
 * - Location paths: empty segments (leading, trailing or doubled slashes) are ignored and
 *   segments compare case-insensitively; the first segment must name a defined site, else the
 *   location is an `orphan-location` warning and yields no scope.
 * - Duplicate pools, sites or applications (which IIS refuses to load) are warnings; the first
 *   definition wins.
 * - The identityType default is ApplicationPoolIdentity (IIS 7.5+); IIS 7.0 used NetworkService,
 *   but applicationHost.config never says which version wrote it.
 */
import { InputError, excerpt } from '../core/errors';
import type {
  AnonymousScope,
  ApplicationPool,
  AppPoolIdentityType,
  AppPoolLogonType,
  Diagnostic,
  IisConfiguration,
  LogonMethod,
} from '../core/model';
import { childrenNamed, firstChild, parseXmlTree, type XmlElement } from './xml';

// Enum names in the order of their numeric values in the IIS schema, so the index is the number.
const IDENTITY_TYPES: readonly AppPoolIdentityType[] = ['LocalSystem', 'LocalService', 'NetworkService', 'SpecificUser', 'ApplicationPoolIdentity'];
const POOL_LOGON_TYPES: readonly AppPoolLogonType[] = ['LogonBatch', 'LogonService'];
const LOGON_METHODS: readonly LogonMethod[] = ['Interactive', 'Batch', 'Network', 'ClearText'];

/** IIS schema defaults (IIS_schema.xml of IIS 7.5 and later). */
const DEFAULT_IDENTITY_TYPE: AppPoolIdentityType = 'ApplicationPoolIdentity';
const DEFAULT_POOL_LOGON_TYPE: AppPoolLogonType = 'LogonBatch';
const DEFAULT_ANONYMOUS = { enabled: true, userName: 'IUSR', logonMethod: 'ClearText' as LogonMethod, passwordSet: false };
export const SCHEMA_DEFAULT_ORIGIN = 'IIS schema default';

const ANONYMOUS_SECTION_PATH = ['system.webServer', 'security', 'authentication', 'anonymousAuthentication'];

/**
 * Element paths below `<configuration>` that the parser reads; everything else (handlers,
 * modules, bindings, rewrite rules, which make up most of a real file) is dropped unread.
 */
const KEPT_ELEMENT_PATHS: readonly string[] = [
  'configSections',
  'system.applicationHost',
  'system.applicationHost/applicationPools',
  'system.applicationHost/applicationPools/add',
  'system.applicationHost/applicationPools/add/processModel',
  'system.applicationHost/applicationPools/applicationPoolDefaults',
  'system.applicationHost/applicationPools/applicationPoolDefaults/processModel',
  'system.applicationHost/sites',
  'system.applicationHost/sites/applicationDefaults',
  'system.applicationHost/sites/site',
  'system.applicationHost/sites/site/applicationDefaults',
  'system.applicationHost/sites/site/application',
  'system.applicationHost/sites/site/application/virtualDirectory',
  'location',
  ...ANONYMOUS_SECTION_PATH.map((_, index) => ANONYMOUS_SECTION_PATH.slice(0, index + 1).join('/')),
  ...ANONYMOUS_SECTION_PATH.map((_, index) => `location/${ANONYMOUS_SECTION_PATH.slice(0, index + 1).join('/')}`),
];

/** The kept paths as a tree of names, so the per-element check walks it without allocating. */
type KeepTree = Map<string, KeepTree>;
const KEEP_TREE: KeepTree = buildKeepTree(KEPT_ELEMENT_PATHS);

function buildKeepTree(paths: readonly string[]): KeepTree {
  const tree: KeepTree = new Map();
  for (const path of paths) {
    let node = tree;
    for (const name of path.split('/')) {
      let child = node.get(name);
      if (child === undefined) {
        child = new Map();
        node.set(name, child);
      }
      node = child;
    }
  }
  return tree;
}

function keepElement(local: string, ancestors: readonly string[]): boolean {
  if (ancestors[0] !== 'configuration') return false;
  // Section declarations nest sectionGroups to any depth; they are few, keep them all.
  if (ancestors[1] === 'configSections') return local === 'sectionGroup' || local === 'section';
  let node: KeepTree | undefined = KEEP_TREE;
  for (let index = 1; index < ancestors.length && node !== undefined; index++) node = node.get(ancestors[index]!);
  return node !== undefined && node.has(local);
}

// ---------------------------------------------------------------------------------------------

/** One `<anonymousAuthentication>` element: only the attributes it writes. */
interface AnonymousSetting {
  enabled?: boolean;
  userName?: string;
  logonMethod?: LogonMethod;
  passwordSet?: boolean;
  /** For `definedAt`: `server level (line 12)`, `<location path="Site/app"> (line 40)`. */
  origin: string;
}

interface LocationTag {
  inheritInChildApplications: boolean;
  settings: AnonymousSetting[];
}

interface ApplicationRecord {
  path: string;
  pool: string | null;
  line: number;
}

/** A node of a site's path tree: one URL segment, compared case-insensitively. */
interface PathNode {
  parent: PathNode | null;
  /** Created on first use: most nodes are leaves, and a large file has hundreds of thousands. */
  children?: Map<string, PathNode>;
  application?: ApplicationRecord;
  /** Location tags for exactly this path, in document order. */
  locations?: LocationTag[];
  /** Set once a scope exists for this path, so later definers of the same path are folded in. */
  hasScope: boolean;
}

interface PendingScope {
  node: PathNode;
  path: string;
  kind: AnonymousScope['kind'];
  line: number;
}

interface SiteRecord {
  name: string;
  root: PathNode;
  /** In document order; the root one is a placeholder when the file defines none. */
  applications: ApplicationRecord[];
  /** `<application path="/">`, or the placeholder standing for it. */
  rootApplication: ApplicationRecord;
  /** Scopes to create, in the order they are reported: root, applications and vdirs, locations. */
  pending: PendingScope[];
}

interface ParseContext {
  file: string;
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------

/**
 * Parses an IIS 7+ applicationHost.config. Throws InputError for malformed XML, a root element
 * other than `<configuration>`, a missing required key (pool, site or application name/path) or
 * an enum/boolean value IIS would not accept. Facts that do not make the file unusable (a
 * location naming no site, an application without a pool) become diagnostics.
 */
export function parseApplicationHostConfig(text: string, file: string): IisConfiguration {
  const root = parseXmlTree(text, file, { keep: keepElement });
  if (root.local !== 'configuration') {
    throw new InputError(file, { line: root.line }, 'the root element <configuration> of an applicationHost.config', `root element ${excerpt(`<${root.name}>`)}`);
  }
  const context: ParseContext = { file, diagnostics: [] };
  noteAnonymousSectionUnlocked(root, context);
  const applicationPools = readApplicationPools(root, context);
  const sites = readSites(root, context);
  const serverSettings = readAnonymousSettingsAndLocations(root, sites, context);
  const scopes = buildScopes(sites, serverSettings);
  reportUnknownPools(sites, applicationPools, context);
  return { file, format: 'applicationHost.config', iisMajorVersion: null, applicationPools, scopes, diagnostics: context.diagnostics };
}

// ---------------------------------------------------------------------------------------------
// Attribute values.

function attribute(element: XmlElement | undefined, name: string): string | undefined {
  return element === undefined ? undefined : element.attributes[name];
}

function invalidValue(context: ParseContext, element: XmlElement, name: string, expected: string, value: string): InputError {
  return new InputError(context.file, { line: element.line, element: `<${element.name}>` }, `${name} to be ${expected}`, excerpt(value));
}

/** Reads an enum attribute written by name (any case) or by its schema number. */
function enumAttribute<T extends string>(context: ParseContext, element: XmlElement | undefined, name: string, names: readonly T[]): T | undefined {
  const raw = attribute(element, name);
  if (raw === undefined || element === undefined) return undefined;
  const value = raw.trim();
  if (/^\d{1,3}$/.test(value)) {
    const byNumber = names[Number(value)];
    if (byNumber !== undefined) return byNumber;
  } else {
    const lower = value.toLowerCase();
    const byName = names.find((candidate) => candidate.toLowerCase() === lower);
    if (byName !== undefined) return byName;
  }
  throw invalidValue(context, element, name, `one of ${names.join(', ')} or a number 0-${names.length - 1}`, raw);
}

function booleanAttribute(context: ParseContext, element: XmlElement | undefined, name: string): boolean | undefined {
  const raw = attribute(element, name);
  if (raw === undefined || element === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidValue(context, element, name, 'true or false', raw);
}

function requiredAttribute(context: ParseContext, element: XmlElement, name: string): string {
  const value = attribute(element, name);
  if (value === undefined || value.trim() === '') {
    throw new InputError(context.file, { line: element.line, element: `<${element.name}>` }, `a non-empty ${name} attribute`, value === undefined ? 'none' : 'an empty value');
  }
  return value;
}

/** URL path segments: `/App/Sub/` -> [App, Sub]; empty segments (doubled or edge slashes) dropped. */
function pathSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function urlPath(segments: readonly string[]): string {
  return `/${segments.join('/')}`;
}

// ---------------------------------------------------------------------------------------------
// configSections: whether web.config files could change the anonymous identity.

function noteAnonymousSectionUnlocked(root: XmlElement, context: ParseContext): void {
  for (const sections of childrenNamed(root, 'configSections')) {
    const declaration = findSectionDeclaration(sections, ['system.webServer', 'security', 'authentication'], 'anonymousAuthentication');
    const mode = attribute(declaration, 'overrideModeDefault');
    if (declaration !== undefined && mode !== undefined && mode.trim().toLowerCase() === 'allow') {
      context.diagnostics.push({
        code: 'anonymous-section-unlocked',
        severity: 'info',
        message: 'anonymousAuthentication is declared with overrideModeDefault="Allow": web.config files, which are not part of the snapshot, may set a different anonymous identity for a site or application',
        file: context.file,
        line: declaration.line,
      });
    }
  }
}

function findSectionDeclaration(parent: XmlElement, groups: readonly string[], section: string): XmlElement | undefined {
  const [group, ...rest] = groups;
  if (group === undefined) return parent.children.find((child) => child.local === 'section' && child.attributes['name'] === section);
  for (const child of parent.children) {
    if (child.local !== 'sectionGroup' || child.attributes['name'] !== group) continue;
    const found = findSectionDeclaration(child, rest, section);
    if (found !== undefined) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Application pools.

interface ProcessModelSettings {
  identityType?: AppPoolIdentityType;
  userName?: string;
  logonType?: AppPoolLogonType;
}

function readProcessModel(context: ParseContext, pool: XmlElement | undefined): ProcessModelSettings {
  const processModel = pool === undefined ? undefined : firstChild(pool, 'processModel');
  const settings: ProcessModelSettings = {};
  const identityType = enumAttribute(context, processModel, 'identityType', IDENTITY_TYPES);
  if (identityType !== undefined) settings.identityType = identityType;
  const userName = attribute(processModel, 'userName');
  if (userName !== undefined) settings.userName = userName;
  const logonType = enumAttribute(context, processModel, 'logonType', POOL_LOGON_TYPES);
  if (logonType !== undefined) settings.logonType = logonType;
  return settings;
}

function readApplicationPools(root: XmlElement, context: ParseContext): Map<string, ApplicationPool> {
  const pools = new Map<string, ApplicationPool>();
  for (const host of childrenNamed(root, 'system.applicationHost')) {
    for (const section of childrenNamed(host, 'applicationPools')) {
      // applicationPoolDefaults may follow the pools it applies to (it does in IIS-written files).
      const defaults = readProcessModel(context, firstChild(section, 'applicationPoolDefaults'));
      for (const add of childrenNamed(section, 'add')) {
        const name = requiredAttribute(context, add, 'name');
        const own = readProcessModel(context, add);
        const identityType = own.identityType ?? defaults.identityType ?? DEFAULT_IDENTITY_TYPE;
        const key = name.toLowerCase();
        if (pools.has(key)) {
          context.diagnostics.push({ code: 'duplicate-application-pool', severity: 'warning', message: `application pool "${name}" is defined more than once; the first definition is used (IIS refuses to load such a file)`, file: context.file, line: add.line });
          continue;
        }
        const userName = identityType === 'SpecificUser' ? (own.userName ?? defaults.userName ?? '') : '';
        if (identityType === 'SpecificUser' && userName === '') {
          context.diagnostics.push({ code: 'specific-user-without-name', severity: 'warning', message: `application pool "${name}" has identityType SpecificUser but no userName`, file: context.file, line: add.line });
        }
        pools.set(key, { name, identityType, userName, logonType: own.logonType ?? defaults.logonType ?? DEFAULT_POOL_LOGON_TYPE, line: add.line });
      }
    }
  }
  return pools;
}

// ---------------------------------------------------------------------------------------------
// Sites, applications, virtual directories.

function newNode(parent: PathNode | null): PathNode {
  return { parent, hasScope: false };
}

function nodeAt(root: PathNode, segments: readonly string[]): PathNode {
  let node = root;
  for (const segment of segments) {
    const key = segment.toLowerCase();
    node.children ??= new Map();
    let child = node.children.get(key);
    if (child === undefined) {
      child = newNode(node);
      node.children.set(key, child);
    }
    node = child;
  }
  return node;
}

/** `''` means "no pool" just as a missing attribute does at the end of the chain. */
function poolName(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

function readSites(root: XmlElement, context: ParseContext): Map<string, SiteRecord> {
  const sites = new Map<string, SiteRecord>();
  for (const host of childrenNamed(root, 'system.applicationHost')) {
    for (const section of childrenNamed(host, 'sites')) {
      const serverDefaultPool = attribute(firstChild(section, 'applicationDefaults'), 'applicationPool');
      for (const siteElement of childrenNamed(section, 'site')) {
        const site = readSite(siteElement, serverDefaultPool, context);
        const key = site.name.toLowerCase();
        if (sites.has(key)) {
          context.diagnostics.push({ code: 'duplicate-site', severity: 'warning', message: `site "${site.name}" is defined more than once; the first definition is used (IIS refuses to load such a file)`, file: context.file, line: siteElement.line });
          continue;
        }
        sites.set(key, site);
      }
    }
  }
  return sites;
}

function readSite(siteElement: XmlElement, serverDefaultPool: string | undefined, context: ParseContext): SiteRecord {
  const name = requiredAttribute(context, siteElement, 'name');
  const defaultPool = attribute(firstChild(siteElement, 'applicationDefaults'), 'applicationPool') ?? serverDefaultPool;
  const root = newNode(null);
  const applications: ApplicationRecord[] = [];
  const pending: PendingScope[] = [{ node: root, path: '/', kind: 'site', line: siteElement.line }];
  const virtualDirectories: PendingScope[] = [];
  for (const applicationElement of childrenNamed(siteElement, 'application')) {
    const path = requiredAttribute(context, applicationElement, 'path');
    const segments = pathSegments(path);
    const node = nodeAt(root, segments);
    if (node.application !== undefined) {
      context.diagnostics.push({ code: 'duplicate-application', severity: 'warning', message: `site "${name}" defines application "${urlPath(segments)}" more than once; the first definition is used`, file: context.file, line: applicationElement.line });
      continue;
    }
    const pool = poolName(attribute(applicationElement, 'applicationPool') ?? defaultPool);
    if (pool === null) {
      context.diagnostics.push({ code: 'no-application-pool', severity: 'warning', message: `application "${urlPath(segments)}" of site "${name}" names no application pool and no applicationDefaults gives one (the IIS schema has no default pool)`, file: context.file, line: applicationElement.line });
    }
    const applicationPath = urlPath(segments);
    node.application = { path: applicationPath, pool, line: applicationElement.line };
    applications.push(node.application);
    if (segments.length > 0) pending.push({ node, path: applicationPath, kind: 'application', line: applicationElement.line });
    // Walk from the application's node: a deep application path is not re-walked per directory.
    const prefix = segments.length === 0 ? '' : applicationPath;
    for (const directory of childrenNamed(applicationElement, 'virtualDirectory')) {
      const directorySegments = pathSegments(requiredAttribute(context, directory, 'path'));
      if (directorySegments.length === 0) continue;
      virtualDirectories.push({ node: nodeAt(node, directorySegments), path: prefix + urlPath(directorySegments), kind: 'virtual-directory', line: directory.line });
    }
  }
  let rootApplication = root.application;
  if (rootApplication === undefined) {
    // IIS cannot serve such a site; its root is still reported with the pool IIS would give a
    // new root application, so the anonymous identity configured for it is not lost.
    const pool = poolName(defaultPool);
    rootApplication = { path: '/', pool, line: siteElement.line };
    root.application = rootApplication;
    applications.unshift(rootApplication);
    context.diagnostics.push({
      code: 'no-root-application',
      severity: 'warning',
      message: `site "${name}" has no <application path="/">; its root is evaluated with ${pool === null ? 'no known application pool' : `the applicationDefaults pool "${pool}"`}`,
      file: context.file,
      line: siteElement.line,
    });
  }
  for (const directory of virtualDirectories) pending.push(directory);
  return { name, root, applications, rootApplication, pending };
}

// ---------------------------------------------------------------------------------------------
// anonymousAuthentication at server level and in location tags.

function readAnonymousElement(context: ParseContext, element: XmlElement, origin: string): AnonymousSetting {
  const setting: AnonymousSetting = { origin: `${origin} (line ${element.line})` };
  const enabled = booleanAttribute(context, element, 'enabled');
  if (enabled !== undefined) setting.enabled = enabled;
  const userName = attribute(element, 'userName');
  if (userName !== undefined) setting.userName = userName;
  const logonMethod = enumAttribute(context, element, 'logonMethod', LOGON_METHODS);
  if (logonMethod !== undefined) setting.logonMethod = logonMethod;
  // Only whether a password is configured matters; its (encrypted) value is never copied.
  const password = attribute(element, 'password');
  if (password !== undefined) setting.passwordSet = password !== '';
  return setting;
}

/** The `<anonymousAuthentication>` elements of one `<system.webServer>`, in document order. */
function anonymousElementsIn(webServer: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  for (const security of childrenNamed(webServer, 'security')) {
    for (const authentication of childrenNamed(security, 'authentication')) {
      for (const element of childrenNamed(authentication, 'anonymousAuthentication')) found.push(element);
    }
  }
  return found;
}

/** Settings written inside one `<location>` (which may hold several `<system.webServer>`). */
function locationSettings(context: ParseContext, location: XmlElement, origin: string): AnonymousSetting[] {
  const settings: AnonymousSetting[] = [];
  for (const webServer of childrenNamed(location, 'system.webServer')) {
    for (const element of anonymousElementsIn(webServer)) settings.push(readAnonymousElement(context, element, origin));
  }
  return settings;
}

/**
 * Reads the server-level section and every `<location>`, in document order, attaching each
 * site location to its node in the site's path tree. Returns the server-level settings.
 */
function readAnonymousSettingsAndLocations(root: XmlElement, sites: Map<string, SiteRecord>, context: ParseContext): AnonymousSetting[] {
  const serverSettings: AnonymousSetting[] = [];
  for (const child of root.children) {
    if (child.local === 'system.webServer') {
      for (const element of anonymousElementsIn(child)) serverSettings.push(readAnonymousElement(context, element, 'server level'));
      continue;
    }
    if (child.local !== 'location') continue;
    const writtenPath = attribute(child, 'path') ?? '';
    const segments = pathSegments(writtenPath);
    const inheritInChildApplications = booleanAttribute(context, child, 'inheritInChildApplications') ?? true;
    const isServerLevel = segments.length === 0 || (segments.length === 1 && segments[0] === '.');
    const settings = locationSettings(context, child, isServerLevel ? 'server level' : `<location path="${writtenPath}">`);
    if (isServerLevel) {
      if (inheritInChildApplications) {
        for (const setting of settings) serverSettings.push(setting);
      } else if (settings.length > 0) {
        // Every site's root application is a child application of the server level.
        context.diagnostics.push({ code: 'location-not-inherited', severity: 'info', message: `<location path="${writtenPath}" inheritInChildApplications="false"> sets anonymousAuthentication for the server level only; no site inherits it`, file: context.file, line: child.line });
      }
      continue;
    }
    const [siteName, ...rest] = segments as [string, ...string[]];
    const site = sites.get(siteName.toLowerCase());
    if (site === undefined) {
      const lost = settings.length === 0 ? '' : ` (including anonymousAuthentication ${describeSettings(settings)})`;
      context.diagnostics.push({ code: 'orphan-location', severity: 'warning', message: `<location path="${writtenPath}"> names no site defined in <sites>; its settings${lost} apply to nothing`, file: context.file, line: child.line });
      continue;
    }
    const node = nodeAt(site.root, rest);
    (node.locations ??= []).push({ inheritInChildApplications, settings });
    site.pending.push({ node, path: urlPath(rest), kind: 'location', line: child.line });
  }
  return serverSettings;
}

/** What a location's anonymousAuthentication elements write, for messages: `userName="test", a password`. */
function describeSettings(settings: readonly AnonymousSetting[]): string {
  const merged: EffectiveAnonymous = { ...DEFAULT_ANONYMOUS, definedAt: '' };
  const written = new Set<string>();
  for (const setting of settings) {
    applySetting(merged, setting);
    for (const key of ['enabled', 'userName', 'logonMethod', 'passwordSet'] as const) if (setting[key] !== undefined) written.add(key);
  }
  const parts: string[] = [];
  if (written.has('enabled')) parts.push(`enabled="${merged.enabled}"`);
  if (written.has('userName')) parts.push(`userName=${excerpt(merged.userName)}`);
  if (written.has('logonMethod')) parts.push(`logonMethod="${merged.logonMethod}"`);
  if (written.has('passwordSet')) parts.push(merged.passwordSet ? 'a password' : 'an empty password');
  return parts.length === 0 ? 'with no attributes' : parts.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Effective settings per scope.

interface EffectiveAnonymous {
  enabled: boolean;
  userName: string;
  logonMethod: LogonMethod;
  passwordSet: boolean;
  definedAt: string;
}

function applySetting(effective: EffectiveAnonymous, setting: AnonymousSetting): void {
  if (setting.enabled !== undefined) effective.enabled = setting.enabled;
  if (setting.logonMethod !== undefined) effective.logonMethod = setting.logonMethod;
  if (setting.passwordSet !== undefined) effective.passwordSet = setting.passwordSet;
  if (setting.userName !== undefined) {
    effective.userName = setting.userName;
    effective.definedAt = setting.origin;
  }
}

/** A copy as one literal (a spread costs several times more, and runs for every scope). */
function copyEffective(effective: EffectiveAnonymous): EffectiveAnonymous {
  return { enabled: effective.enabled, userName: effective.userName, logonMethod: effective.logonMethod, passwordSet: effective.passwordSet, definedAt: effective.definedAt };
}

function withSettings(base: EffectiveAnonymous, settings: readonly AnonymousSetting[]): EffectiveAnonymous {
  if (settings.length === 0) return base;
  const effective = copyEffective(base);
  for (const setting of settings) applySetting(effective, setting);
  return effective;
}

/**
 * What every path below a node sees, computed once per node from its parent's, so resolving all
 * scopes costs one step per node however deep the paths or however many location tags share one.
 */
interface ResolvedNode {
  /** As seen from inside a child application: only tags that inherit into child applications so far. */
  forChildApplications: EffectiveAnonymous;
  /** As seen from this node's own application: every tag, except the non-inheriting ones above its application. */
  here: EffectiveAnonymous;
  application: ApplicationRecord;
}

const NO_SETTINGS: readonly AnonymousSetting[] = [];

function resolveNode(node: PathNode, site: SiteRecord, server: EffectiveAnonymous, memo: Map<PathNode, ResolvedNode>): ResolvedNode {
  const known = memo.get(node);
  if (known !== undefined) return known;
  // Walk up to the nearest resolved ancestor, then resolve downwards (no recursion: paths can be deep).
  const pending: PathNode[] = [];
  let parentResolved: ResolvedNode | undefined;
  for (let current: PathNode | null = node; current !== null; current = current.parent) {
    parentResolved = memo.get(current);
    if (parentResolved !== undefined) break;
    pending.push(current);
  }
  let resolved = parentResolved;
  for (let index = pending.length - 1; index >= 0; index--) {
    const current = pending[index]!;
    // Most nodes carry no location tag; they allocate nothing here.
    const tags = current.locations;
    const allSettings = tags === undefined ? NO_SETTINGS : tags.flatMap((tag) => tag.settings);
    const inheritedSettings = tags === undefined ? NO_SETTINGS : tags.filter((tag) => tag.inheritInChildApplications).flatMap((tag) => tag.settings);
    const aboveForChildren = resolved?.forChildApplications ?? server;
    // An application starts from what its parent passes to child applications; a folder continues its application.
    const start = current.application !== undefined || resolved === undefined ? aboveForChildren : resolved.here;
    const application = current.application ?? resolved?.application ?? site.rootApplication;
    resolved = { forChildApplications: withSettings(aboveForChildren, inheritedSettings), here: withSettings(start, allSettings), application };
    memo.set(current, resolved);
  }
  // pending always holds at least `node` itself when it was not memoized.
  return resolved ?? { forChildApplications: server, here: server, application: site.rootApplication };
}

function buildScopes(sites: Map<string, SiteRecord>, serverSettings: readonly AnonymousSetting[]): AnonymousScope[] {
  const server = withSettings({ ...DEFAULT_ANONYMOUS, definedAt: SCHEMA_DEFAULT_ORIGIN }, serverSettings);
  const memo = new Map<PathNode, ResolvedNode>();
  const scopes: AnonymousScope[] = [];
  for (const site of sites.values()) {
    for (const pending of site.pending) {
      if (pending.node.hasScope) continue;
      pending.node.hasScope = true;
      const resolved = resolveNode(pending.node, site, server, memo);
      scopes.push({ site: site.name, path: pending.path, kind: pending.kind, applicationPool: resolved.application.pool, anonymous: copyEffective(resolved.here), line: pending.line });
    }
  }
  return scopes;
}

function reportUnknownPools(sites: Map<string, SiteRecord>, pools: Map<string, ApplicationPool>, context: ParseContext): void {
  const reported = new Set<string>();
  for (const site of sites.values()) {
    for (const application of site.applications) {
      if (application.pool === null) continue;
      const key = application.pool.toLowerCase();
      if (pools.has(key) || reported.has(key)) continue;
      reported.add(key);
      context.diagnostics.push({ code: 'unknown-application-pool', severity: 'warning', message: `application pool "${application.pool}" is used by application "${application.path}" of site "${site.name}" but not defined in <applicationPools>`, file: context.file, line: application.line });
    }
  }
}
