import { InputError, excerpt } from '../../core/errors';
import type { AppPoolIdentityType, AppPoolLogonType, LogonMethod } from '../../core/model';
import type { XmlAttributeSource } from '../xml';
import type { ParseContext } from './types';

// Enum names in the order of their numeric values in the IIS schema, so the index is the number.
export const IDENTITY_TYPES: readonly AppPoolIdentityType[] = [
  'LocalSystem',
  'LocalService',
  'NetworkService',
  'SpecificUser',
  'ApplicationPoolIdentity',
];
export const POOL_LOGON_TYPES: readonly AppPoolLogonType[] = ['LogonBatch', 'LogonService'];
export const LOGON_METHODS: readonly LogonMethod[] = ['Interactive', 'Batch', 'Network', 'ClearText'];

/** IIS schema defaults (IIS_schema.xml of IIS 7.5 and later). */
export const DEFAULT_IDENTITY_TYPE: AppPoolIdentityType = 'ApplicationPoolIdentity';
export const DEFAULT_POOL_LOGON_TYPE: AppPoolLogonType = 'LogonBatch';
export const DEFAULT_ANONYMOUS = {
  enabled: true,
  userName: 'IUSR',
  logonMethod: 'ClearText' as LogonMethod,
  passwordSet: false,
};
export const SCHEMA_DEFAULT_ORIGIN = 'IIS schema default';

export const ANONYMOUS_SECTION_PATH = ['system.webServer', 'security', 'authentication', 'anonymousAuthentication'];

// ---------------------------------------------------------------------------------------------
// Attribute values.

export function attribute(element: XmlAttributeSource | undefined, name: string): string | undefined {
  return element === undefined ? undefined : element.attributes[name];
}

export function invalidValue(
  context: ParseContext,
  element: XmlAttributeSource,
  name: string,
  expected: string,
  value: string,
): InputError {
  return new InputError(
    context.file,
    { line: element.line, element: `<${element.name}>` },
    `${name} to be ${expected}`,
    excerpt(value),
  );
}

/** Reads an enum attribute written by name (any case) or by its schema number. */
export function enumAttribute<T extends string>(
  context: ParseContext,
  element: XmlAttributeSource | undefined,
  name: string,
  names: readonly T[],
): T | undefined {
  const raw = attribute(element, name);
  if (raw === undefined || element === undefined) return undefined;
  const value = raw.trim();
  if (isSmallNumber(value)) {
    const byNumber = names[Number(value)];
    if (byNumber !== undefined) return byNumber;
  } else {
    const byName = namesByLowerCase(names).get(value.toLowerCase());
    if (byName !== undefined) return byName;
  }
  throw invalidValue(context, element, name, `one of ${names.join(', ')} or a number 0-${names.length - 1}`, raw);
}

/** One to three ASCII digits, as /^\d{1,3}$/ (a loop: this runs for every pool and location). */
function isSmallNumber(value: string): boolean {
  if (value.length === 0 || value.length > 3) return false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

const lowerCaseNames = new Map<readonly string[], ReadonlyMap<string, string>>();

/** An enum's names by their lower case (the first of equal ones), made once per enum. */
function namesByLowerCase<T extends string>(names: readonly T[]): ReadonlyMap<string, T> {
  let byLower = lowerCaseNames.get(names);
  if (byLower === undefined) {
    const made = new Map<string, string>();
    for (const name of names) if (!made.has(name.toLowerCase())) made.set(name.toLowerCase(), name);
    lowerCaseNames.set(names, made);
    byLower = made;
  }
  return byLower as ReadonlyMap<string, T>;
}

export function booleanAttribute(
  context: ParseContext,
  element: XmlAttributeSource | undefined,
  name: string,
): boolean | undefined {
  const raw = attribute(element, name);
  if (raw === undefined || element === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidValue(context, element, name, 'true or false', raw);
}

export function requiredAttribute(context: ParseContext, element: XmlAttributeSource, name: string): string {
  const value = attribute(element, name);
  if (value === undefined || value.trim() === '') {
    throw new InputError(
      context.file,
      { line: element.line, element: `<${element.name}>` },
      `a non-empty ${name} attribute`,
      value === undefined ? 'none' : 'an empty value',
    );
  }
  return value;
}

/** URL path segments: `/App/Sub/` -> [App, Sub]; empty segments (doubled or edge slashes) dropped. */
export function pathSegments(path: string): string[] {
  // A loop over the slashes: split and filter cost two arrays and a closure for every path.
  const segments: string[] = [];
  let start = 0;
  for (;;) {
    const slash = path.indexOf('/', start);
    const end = slash === -1 ? path.length : slash;
    if (end > start) segments.push(path.slice(start, end));
    if (slash === -1) return segments;
    start = slash + 1;
  }
}

export function urlPath(segments: readonly string[]): string {
  return `/${segments.join('/')}`;
}
