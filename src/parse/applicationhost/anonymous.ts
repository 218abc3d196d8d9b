import { excerpt } from '../../core/errors';
import type { XmlAttributeSource, XmlElement } from '../xml';
import {
  attribute,
  booleanAttribute,
  DEFAULT_ANONYMOUS,
  enumAttribute,
  LOGON_METHODS,
  pathSegments,
  urlPath,
} from './attributes';
import { readAttributeLock } from './attribute-lock';
import { applySetting, type EffectiveAnonymous } from './scopes';
import { attachLock, locationSectionLock, type SectionLock } from './section-lock';
import { nodeAt } from './sites';
import { addLaterScope, addLocationTag, type AnonymousSetting, type ParseContext, type SiteRecord } from './types';

// ---------------------------------------------------------------------------------------------
// anonymousAuthentication at server level and in location tags.

export function readAnonymousElement(
  context: ParseContext,
  element: XmlAttributeSource,
  where: string,
): AnonymousSetting {
  // join makes one flat string; a template literal makes a tree of three or four string objects
  // (and keeps the location's own two), which live as long as the model: some 45,000 at 10,000
  // sites. Every field is in the literal, so none is stored outside the object.
  const origin = [where, ' (line ', element.line, ')'].join('');
  const password = attribute(element, 'password');
  return {
    origin,
    enabled: booleanAttribute(context, element, 'enabled'),
    userName: attribute(element, 'userName'),
    logonMethod: enumAttribute(context, element, 'logonMethod', LOGON_METHODS),
    // Only whether a password is configured matters; its (encrypted) value is never copied.
    passwordSet: password === undefined ? undefined : password !== '',
    locked: readAttributeLock(context, element, origin),
  };
}

/** The `<anonymousAuthentication>` elements of one `<system.webServer>`, in document order. */
export function anonymousElementsIn(webServer: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  addAnonymousElements(webServer, found);
  return found;
}

// Loops over the children, not childrenNamed: this runs for every location tag.
function addAnonymousElements(webServer: XmlElement, found: XmlElement[]): void {
  for (const security of webServer.children) {
    if (security.local !== 'security') continue;
    for (const authentication of security.children) {
      if (authentication.local !== 'authentication') continue;
      for (const element of authentication.children)
        if (element.local === 'anonymousAuthentication') found.push(element);
    }
  }
}

/** Settings written inside one `<location>` (which may hold several `<system.webServer>`). */
export function locationSettings(context: ParseContext, location: XmlElement, origin: string): AnonymousSetting[] {
  const elements: XmlElement[] = [];
  for (const webServer of location.children)
    if (webServer.local === 'system.webServer') addAnonymousElements(webServer, elements);
  // map sizes the array exactly; the settings live until the scopes are built.
  return elements.map((element) => readAnonymousElement(context, element, origin));
}

/** The server-level settings and lock gathered so far, in document order. */
export interface ServerLevelSettings {
  serverSettings: AnonymousSetting[];
  serverLock: SectionLock | undefined;
}

/**
 * Reads the server-level section and every `<location>`, in document order, attaching each
 * site location (and the lock it writes, section-lock.ts) to its node in the site's path tree.
 * Returns the server-level settings, and the lock a server-level location writes, if any.
 */
export function readAnonymousSettingsAndLocations(
  root: XmlElement,
  sites: Map<string, SiteRecord>,
  context: ParseContext,
): ServerLevelSettings {
  const server: ServerLevelSettings = { serverSettings: [], serverLock: undefined };
  for (const child of root.children) readServerLevelOrLocation(child, sites, server, context);
  return server;
}

/**
 * One child of `<configuration>`: a `<system.webServer>` adds to the server-level settings, a
 * `<location>` to the server level or to its site's path tree; anything else is ignored. Every
 * site must already be read, as the whole `<sites>` is read before any location.
 */
export function readServerLevelOrLocation(
  child: XmlElement,
  sites: Map<string, SiteRecord>,
  server: ServerLevelSettings,
  context: ParseContext,
): void {
  if (child.local === 'system.webServer') {
    for (const element of anonymousElementsIn(child))
      server.serverSettings.push(readAnonymousElement(context, element, 'server level'));
    return;
  }
  if (child.local !== 'location') return;
  const location = openLocation(context, child);
  placeLocation(context, location, locationSettings(context, child, location.origin), sites, server);
}

/** What a `<location>`'s start tag says, read before its settings (a copy: the tag may be reused). */
export interface LocationOpened extends XmlAttributeSource {
  writtenPath: string;
  segments: string[];
  inheritInChildApplications: boolean;
  isServerLevel: boolean;
  /** For the settings' `definedAt`. */
  origin: string;
}

export function openLocation(context: ParseContext, tag: XmlAttributeSource): LocationOpened {
  const writtenPath = attribute(tag, 'path') ?? '';
  const segments = pathSegments(writtenPath);
  const inheritInChildApplications = booleanAttribute(context, tag, 'inheritInChildApplications') ?? true;
  const isServerLevel = segments.length === 0 || (segments.length === 1 && segments[0] === '.');
  return {
    name: tag.name,
    attributes: tag.attributes,
    line: tag.line,
    writtenPath,
    segments,
    inheritInChildApplications,
    isServerLevel,
    origin: isServerLevel ? 'server level' : `<location path="${writtenPath}">`,
  };
}

/**
 * A `<location>` with its settings, added to the server level or to its site's path tree
 * (with the lock it writes, section-lock.ts). Every site must already be read.
 */
export function placeLocation(
  context: ParseContext,
  location: LocationOpened,
  settings: readonly AnonymousSetting[],
  sites: Map<string, SiteRecord>,
  server: ServerLevelSettings,
): void {
  const { writtenPath, segments, inheritInChildApplications, isServerLevel, line } = location;
  const serverSettings = server.serverSettings;
  // appcmd unlock config (lock config) writes the (empty) section inside <location overrideMode="Allow"> ("Deny").
  const lock = settings.length > 0 ? locationSectionLock(context, location, writtenPath) : undefined;
  if (isServerLevel && lock !== undefined) server.serverLock ??= lock;
  if (isServerLevel) {
    if (inheritInChildApplications) {
      for (const setting of settings) serverSettings.push(setting);
    } else if (settings.length > 0) {
      // Every site's root application is a child application of the server level.
      context.diagnostics.push({
        code: 'location-not-inherited',
        severity: 'info',
        message: `<location path="${writtenPath}" inheritInChildApplications="false"> sets anonymousAuthentication for the server level only; no site inherits it`,
        file: context.file,
        line,
      });
    }
    return;
  }
  const siteName = segments[0]!;
  const rest = segments.slice(1);
  const site = sites.get(siteName.toLowerCase());
  if (site === undefined) {
    const lost = settings.length === 0 ? '' : ` (including anonymousAuthentication ${describeSettings(settings)})`;
    context.diagnostics.push({
      code: 'orphan-location',
      severity: 'warning',
      message: `<location path="${writtenPath}"> names no site defined in <sites>; its settings${lost} apply to nothing`,
      file: context.file,
      line,
    });
    return;
  }
  const node = nodeAt(site.root, rest);
  addLocationTag(node, inheritInChildApplications, settings, line);
  if (lock !== undefined) attachLock(node, lock, context, line);
  // An application's path (the root's too) already has its scope, made before any location's.
  if (node.application === undefined) addLaterScope(site, { node, path: urlPath(rest), kind: 'location', line });
}

/** What a location's anonymousAuthentication elements write, for messages: `userName="test", a password`. */
export function describeSettings(settings: readonly AnonymousSetting[]): string {
  const merged: EffectiveAnonymous = { ...DEFAULT_ANONYMOUS, definedAt: '' };
  const written = new Set<string>();
  for (const setting of settings) {
    applySetting(merged, setting);
    for (const key of ['enabled', 'userName', 'logonMethod', 'passwordSet'] as const)
      if (setting[key] !== undefined) written.add(key);
  }
  const parts: string[] = [];
  if (written.has('enabled')) parts.push(`enabled="${merged.enabled}"`);
  if (written.has('userName')) parts.push(`userName=${excerpt(merged.userName)}`);
  if (written.has('logonMethod')) parts.push(`logonMethod="${merged.logonMethod}"`);
  if (written.has('passwordSet')) parts.push(merged.passwordSet ? 'a password' : 'an empty password');
  return parts.length === 0 ? 'with no attributes' : parts.join(', ');
}
