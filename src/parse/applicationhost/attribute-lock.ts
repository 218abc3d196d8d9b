import { excerpt } from '../../core/errors';
import type { XmlAttributeSource } from '../xml';
import { attribute, booleanAttribute } from './attributes';
import type { ParseContext } from './types';

/**
 * Attribute and item locks on an `<anonymousAuthentication>` element (CONFIGURATION_RULES
 * lock-attributes and lock-item): `lockAttributes` locks the attributes it lists ("*" all of
 * them), `lockAllAttributesExcept` every attribute but those, and `lockItem="true"` the whole
 * element. A lower-level web.config that writes a locked attribute at all, or the element under
 * an item lock, is a lock violation (HTTP 500.19). The section has no child elements, so
 * `lockElements` and `lockAllElementsExcept` lock nothing in it and are not read
 * (lock-elements-none).
 */
export const SECTION_ATTRIBUTES = ['enabled', 'userName', 'password', 'logonMethod'] as const;
export type SectionAttribute = (typeof SECTION_ATTRIBUTES)[number];

export interface AttributeLock {
  /** lockItem="true": the element itself, so any lower-level anonymousAuthentication element violates it. */
  item: boolean;
  attributes: SectionAttribute[];
  /** For messages: `lockAllAttributesExcept="enabled" on <location path="Intranet"> (line 35)`. */
  at: string;
}

export function readAttributeLock(
  context: ParseContext,
  element: XmlAttributeSource,
  origin: string,
): AttributeLock | undefined {
  const item = booleanAttribute(context, element, 'lockItem') === true;
  const listed = attribute(element, 'lockAttributes');
  const except = attribute(element, 'lockAllAttributesExcept');
  if (!item && listed === undefined && except === undefined) return undefined;
  const locked = new Set<SectionAttribute>();
  if (listed !== undefined) {
    const names = lockNames(listed);
    for (const name of SECTION_ATTRIBUTES)
      if (names.includes('*') || names.includes(name.toLowerCase())) locked.add(name);
  }
  if (except !== undefined) {
    const open = lockNames(except);
    for (const name of SECTION_ATTRIBUTES) if (!open.includes(name.toLowerCase())) locked.add(name);
  }
  const written: string[] = [];
  if (item) written.push('lockItem="true"');
  if (listed !== undefined) written.push(`lockAttributes=${excerpt(listed)}`);
  if (except !== undefined) written.push(`lockAllAttributesExcept=${excerpt(except)}`);
  return { item, attributes: [...locked], at: `${written.join(' ')} on ${origin}` };
}

/** A comma-separated list of attribute names, compared without case. */
function lockNames(list: string): string[] {
  return list
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

/** The attributes one anonymousAuthentication element writes, by their names in the file. */
export function writtenAttributes(setting: {
  enabled?: boolean;
  userName?: string;
  logonMethod?: string;
  passwordSet?: boolean;
}): SectionAttribute[] {
  const written: SectionAttribute[] = [];
  if (setting.enabled !== undefined) written.push('enabled');
  if (setting.userName !== undefined) written.push('userName');
  if (setting.passwordSet !== undefined) written.push('password');
  if (setting.logonMethod !== undefined) written.push('logonMethod');
  return written;
}
