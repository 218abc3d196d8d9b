import { InputError, excerpt } from '../../core/errors';
import type { AppPoolIdentityType, Diagnostic, LogonMethod } from '../../core/model';
import type { XmlElement } from '../xml';
import type { SourceIndex } from '../xml-source-index';
import {
  KNOWN_AUTH_BITS,
  parseAuthFlags,
  parseIdentityType,
  parseLogonMethod,
  parseMetabaseBoolean,
  READ_PROPERTY_IDS,
  READ_PROPERTY_NAMES,
  type ValueLocation,
} from './values';

/** Metabase keys: reading them by Location and their properties (inheritance.ts resolves them down the path). */

// Keys

/** One metabase key: an element inside <MBProperty> with a Location. */
export interface MetabaseKey {
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
export interface KeyProperties {
  anonymousUserName?: string;
  anonymousPasswordSet?: boolean;
  logonMethod?: LogonMethod;
  authFlags?: number;
  appPoolId?: string;
  appPoolIdentityType?: AppPoolIdentityType;
  wamUserName?: string;
  uncUserName?: string;
  uncPasswordSet?: boolean;
  /** Path (ID 3001): the directory's content, a local folder or a UNC share; not inherited. */
  path?: string;
  iis5IsolationMode?: boolean;
  anonymousPasswordSync?: boolean;
}

export function readKeys(
  root: XmlElement,
  file: string,
  source: SourceIndex,
  diagnostics: Diagnostic[],
): Map<string, MetabaseKey> {
  const containers = root.children.filter((child) => child.local === 'MBProperty');
  if (containers.length === 0) {
    throw new InputError(
      file,
      { line: source.lineOf(root), element: `<${root.name}>` },
      '<MBProperty> inside <configuration> (the metabase keys)',
      'none',
    );
  }
  const keys = new Map<string, MetabaseKey>();
  for (const container of containers) {
    for (const element of container.children) {
      const location = element.attributes['Location'];
      if (location === undefined) continue;
      checkLocationSize(location, file, {
        line: source.attributeLine(element, 'Location'),
        element: `<${element.name}>`,
      });
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
      const key: MetabaseKey = {
        element,
        keyType: element.local,
        location: location.trim(),
        path,
        segments,
        line,
        properties: {},
      };
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
export function normalizeMetabasePath(location: string): string | undefined {
  const trimmed = location.trim();
  if (!trimmed.startsWith('/')) return undefined;
  const segments = trimmed.split('/').filter((segment) => segment !== '');
  return `/${segments.join('/')}`.toLowerCase();
}

/**
 * Real metabase paths are a handful of segments of at most 256 characters each
 * (METADATA_MAX_NAME_LEN); the bounds keep inheritance walks and their cache small.
 */
export const MAX_LOCATION_LENGTH = 4096;
export const MAX_LOCATION_SEGMENTS = 256;

export function checkLocationSize(location: string, file: string, where: ValueLocation): void {
  const expected = `a Location of at most ${MAX_LOCATION_LENGTH} characters and ${MAX_LOCATION_SEGMENTS} segments`;
  if (location.length > MAX_LOCATION_LENGTH)
    throw new InputError(file, where, expected, `${location.length} characters: ${excerpt(location)}`);
  const segments = location.split('/').filter((segment) => segment !== '').length;
  if (segments > MAX_LOCATION_SEGMENTS)
    throw new InputError(file, where, expected, `${segments} segments: ${excerpt(location)}`);
}

/** `/`, `/LM` and everything under `/LM/W3SVC`: the keys whose web properties can matter. */
export function isInWebServiceTree(segments: readonly string[]): boolean {
  if (segments.length <= 1) return segments.length === 0 || segments[0] === 'lm';
  return segments[0] === 'lm' && segments[1] === 'w3svc';
}

export function readKeyProperties(key: MetabaseKey, file: string, source: SourceIndex): KeyProperties {
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
  if (identityType !== undefined)
    properties.appPoolIdentityType = parseIdentityType(identityType, file, where('AppPoolIdentityType'));
  const wamUserName = attributes['WAMUserName'];
  if (wamUserName !== undefined) properties.wamUserName = wamUserName.trim();
  const uncUserName = attributes['UNCUserName'];
  if (uncUserName !== undefined) properties.uncUserName = uncUserName.trim();
  const uncPassword = attributes['UNCPassword'];
  if (uncPassword !== undefined) properties.uncPasswordSet = uncPassword.trim() !== '';
  const path = attributes['Path'];
  if (path !== undefined) properties.path = path.trim();
  const isolation = attributes['IIs5IsolationModeEnabled'];
  if (isolation !== undefined)
    properties.iis5IsolationMode = parseMetabaseBoolean(isolation, file, where('IIs5IsolationModeEnabled'));
  const passwordSync = attributes['AnonymousPasswordSync'];
  if (passwordSync !== undefined)
    properties.anonymousPasswordSync = parseMetabaseBoolean(passwordSync, file, where('AnonymousPasswordSync'));
  return properties;
}

export function reportUndefinedAuthBits(
  key: MetabaseKey,
  file: string,
  source: SourceIndex,
  diagnostics: Diagnostic[],
): void {
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
export function reportCustomProperties(
  key: MetabaseKey,
  file: string,
  source: SourceIndex,
  diagnostics: Diagnostic[],
): void {
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

export function describeKey(key: MetabaseKey): string {
  return `<${key.element.name} Location=${excerpt(key.location, 200)}>`;
}

export function describeSource(key: MetabaseKey): string {
  return `${describeKey(key)} line ${key.line}`;
}
