import { excerpt } from '../../core/errors';
import { childrenNamed, type XmlElement } from '../xml';
import {
  attribute,
  booleanAttribute,
  DEFAULT_ANONYMOUS,
  enumAttribute,
  LOGON_METHODS,
  pathSegments,
  urlPath,
} from './attributes';
import { applySetting, type EffectiveAnonymous } from './scopes';
import { nodeAt } from './sites';
import type { AnonymousSetting, ParseContext, SiteRecord } from './types';

// configSections: whether web.config files could change the anonymous identity.

/** Returns where the section is unlocked for every path, or undefined. */
export function noteAnonymousSectionUnlocked(root: XmlElement, context: ParseContext): string | undefined {
  let unlockedAt: string | undefined;
  for (const sections of childrenNamed(root, 'configSections')) {
    const declaration = findSectionDeclaration(
      sections,
      ['system.webServer', 'security', 'authentication'],
      'anonymousAuthentication',
    );
    const mode = attribute(declaration, 'overrideModeDefault');
    if (declaration !== undefined && mode !== undefined && mode.trim().toLowerCase() === 'allow') {
      context.diagnostics.push({
        code: 'anonymous-section-unlocked',
        severity: 'info',
        message:
          'anonymousAuthentication is declared with overrideModeDefault="Allow": web.config files may set a different anonymous identity for a site or application; each finding notes where the snapshot holds no web.config that could',
        file: context.file,
        line: declaration.line,
      });
      unlockedAt ??= `overrideModeDefault="Allow" (line ${declaration.line})`;
    }
  }
  return unlockedAt;
}

export function findSectionDeclaration(
  parent: XmlElement,
  groups: readonly string[],
  section: string,
): XmlElement | undefined {
  const [group, ...rest] = groups;
  if (group === undefined)
    return parent.children.find((child) => child.local === 'section' && child.attributes['name'] === section);
  for (const child of parent.children) {
    if (child.local !== 'sectionGroup' || child.attributes['name'] !== group) continue;
    const found = findSectionDeclaration(child, rest, section);
    if (found !== undefined) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// anonymousAuthentication at server level and in location tags.

export function readAnonymousElement(context: ParseContext, element: XmlElement, origin: string): AnonymousSetting {
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
export function anonymousElementsIn(webServer: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  for (const security of childrenNamed(webServer, 'security')) {
    for (const authentication of childrenNamed(security, 'authentication')) {
      for (const element of childrenNamed(authentication, 'anonymousAuthentication')) found.push(element);
    }
  }
  return found;
}

/** Settings written inside one `<location>` (which may hold several `<system.webServer>`). */
export function locationSettings(context: ParseContext, location: XmlElement, origin: string): AnonymousSetting[] {
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
export function readAnonymousSettingsAndLocations(
  root: XmlElement,
  sites: Map<string, SiteRecord>,
  context: ParseContext,
): { serverSettings: AnonymousSetting[]; serverUnlockedAt: string | undefined } {
  const serverSettings: AnonymousSetting[] = [];
  let serverUnlockedAt: string | undefined;
  for (const child of root.children) {
    if (child.local === 'system.webServer') {
      for (const element of anonymousElementsIn(child))
        serverSettings.push(readAnonymousElement(context, element, 'server level'));
      continue;
    }
    if (child.local !== 'location') continue;
    const writtenPath = attribute(child, 'path') ?? '';
    const segments = pathSegments(writtenPath);
    const inheritInChildApplications = booleanAttribute(context, child, 'inheritInChildApplications') ?? true;
    const isServerLevel = segments.length === 0 || (segments.length === 1 && segments[0] === '.');
    const settings = locationSettings(
      context,
      child,
      isServerLevel ? 'server level' : `<location path="${writtenPath}">`,
    );
    // appcmd unlock config writes the (empty) section inside <location overrideMode="Allow">.
    const unlocks =
      settings.length > 0 && attribute(child, 'overrideMode')?.trim().toLowerCase() === 'allow'
        ? `<location path="${writtenPath}" overrideMode="Allow"> (line ${child.line})`
        : undefined;
    if (isServerLevel && unlocks !== undefined) serverUnlockedAt ??= unlocks;
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
          line: child.line,
        });
      }
      continue;
    }
    const [siteName, ...rest] = segments as [string, ...string[]];
    const site = sites.get(siteName.toLowerCase());
    if (site === undefined) {
      const lost = settings.length === 0 ? '' : ` (including anonymousAuthentication ${describeSettings(settings)})`;
      context.diagnostics.push({
        code: 'orphan-location',
        severity: 'warning',
        message: `<location path="${writtenPath}"> names no site defined in <sites>; its settings${lost} apply to nothing`,
        file: context.file,
        line: child.line,
      });
      continue;
    }
    const node = nodeAt(site.root, rest);
    (node.locations ??= []).push({ inheritInChildApplications, settings });
    if (unlocks !== undefined) node.unlockedAt ??= unlocks;
    site.pending.push({ node, path: urlPath(rest), kind: 'location', line: child.line });
  }
  return { serverSettings, serverUnlockedAt };
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
