import { childrenNamed, type XmlAttributeSource, type XmlElement } from '../xml';
import { attribute, booleanAttribute, invalidValue } from './attributes';
import type { ParseContext, PathNode } from './types';

/**
 * Whether web.config files may set anonymousAuthentication at a path: IIS configuration locking,
 * evaluated per path the way IIS does. The facts and their sources are CONFIGURATION_RULES in
 * src/core/rules.ts (lock-declared-default, lock-location-nearest, lock-legacy-allow-override,
 * lock-binds-web-config-only).
 *
 * - The section's declaration in `<configSections>` gives the default: `overrideModeDefault`
 *   "Allow" or "Deny", and "Allow" when the attribute is missing. With no declaration at all the
 *   file is not one IIS would load; the section is taken as IIS declares it, "Deny".
 * - A `<location>` that holds the section with `overrideMode="Allow"` or `"Deny"` (or the legacy
 *   `allowOverride="false"`, which is Deny) sets the mode for its path and everything below;
 *   `"Inherit"`, the default, sets nothing. `allowOverride="true"` is read as Inherit, as .NET's
 *   configuration system defines it, and a diagnostic says so. The nearest such location at or
 *   above a path wins; a server-level one (path "" or ".") comes before the declaration.
 * - A lock binds lower configuration levels only (web.config files): location tags in
 *   applicationHost.config merge whatever it says, so nothing here touches their settings.
 *
 * The functions take one element at a time, so a streaming reader can call them as it meets
 * each `<location>`.
 */
export type OverrideMode = 'Allow' | 'Deny';

export interface SectionLock {
  mode: OverrideMode;
  /** For messages: `overrideModeDefault="Deny" (line 7)`, `<location path="Blog/admin" overrideMode="Deny"> (line 40)`. */
  at: string;
  /** The file that writes it, for messages; applicationHost.config when absent. */
  owner?: string;
}

export const SECTION_GROUPS = ['system.webServer', 'security', 'authentication'];

/** The lock the declaration of anonymousAuthentication sets for every path (first declaration found). */
export function declaredSectionLock(root: XmlElement, context: ParseContext): SectionLock {
  for (const sections of childrenNamed(root, 'configSections')) {
    const declaration = findSectionDeclaration(sections, SECTION_GROUPS, 'anonymousAuthentication');
    if (declaration === undefined) continue;
    const written = attribute(declaration, 'overrideModeDefault');
    const mode =
      written === undefined ? 'Allow' : overrideModeValue(context, declaration, 'overrideModeDefault', false);
    if (mode === 'Deny') return { mode, at: `overrideModeDefault="Deny" (line ${declaration.line})` };
    const at =
      written === undefined
        ? `the declaration without overrideModeDefault, which IIS reads as "Allow" (line ${declaration.line})`
        : `overrideModeDefault="Allow" (line ${declaration.line})`;
    context.diagnostics.push({
      code: 'anonymous-section-unlocked',
      severity: 'info',
      message: `anonymousAuthentication is declared with ${at.replace(/ \(line \d+\)$/, '')}: web.config files may set a different anonymous identity for a site or application wherever no <location overrideMode="Deny"> locks it again; each finding notes where the snapshot holds no web.config that could`,
      file: context.file,
      line: declaration.line,
    });
    return { mode: 'Allow', at };
  }
  return { mode: 'Deny', at: 'the IIS default declaration (overrideModeDefault="Deny")' };
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

/**
 * The lock a `<location>` holding the section writes for its path, or undefined (Inherit).
 * Call it only for a location that holds anonymousAuthentication: the mode applies to the
 * sections inside the tag.
 */
export function locationSectionLock(
  context: ParseContext,
  location: XmlAttributeSource,
  writtenPath: string,
): SectionLock | undefined {
  const overrideMode = attribute(location, 'overrideMode');
  const allowOverride = booleanAttribute(context, location, 'allowOverride');
  const tag = (written: string) => `<location path="${writtenPath}" ${written}> (line ${location.line})`;
  if (overrideMode !== undefined) {
    if (allowOverride !== undefined)
      context.diagnostics.push({
        code: 'location-lock-ambiguous',
        severity: 'warning',
        message: `<location path="${writtenPath}"> writes both overrideMode and allowOverride, which .NET's configuration system refuses and IIS documents nowhere; overrideMode="${overrideMode}" is used`,
        file: context.file,
        line: location.line,
      });
    const mode = overrideModeValue(context, location, 'overrideMode', true);
    return mode === undefined ? undefined : { mode, at: tag(`overrideMode="${mode}"`) };
  }
  if (allowOverride === false) return { mode: 'Deny', at: tag('allowOverride="false"') };
  if (allowOverride === true)
    context.diagnostics.push({
      code: 'location-allow-override-true',
      severity: 'info',
      message: `<location path="${writtenPath}" allowOverride="true"> is read as overrideMode="Inherit", as .NET's configuration system defines it (IIS documents only allowOverride="false"); if IIS unlocks anonymousAuthentication there, web.config files could set another anonymous identity`,
      file: context.file,
      line: location.line,
    });
  return undefined;
}

/** Allow or Deny in any case; Inherit (undefined) only where the attribute allows it. */
function overrideModeValue(
  context: ParseContext,
  element: XmlAttributeSource,
  name: string,
  inheritAllowed: boolean,
): OverrideMode | undefined {
  const raw = attribute(element, name) ?? '';
  const value = raw.trim().toLowerCase();
  if (value === 'allow') return 'Allow';
  if (value === 'deny') return 'Deny';
  if (value === 'inherit' && inheritAllowed) return undefined;
  throw invalidValue(context, element, name, inheritAllowed ? 'Allow, Deny or Inherit' : 'Allow or Deny', raw);
}

/** Records a location's lock on its node; the first lock written for one path wins, a different later one is a warning. */
export function attachLock(node: PathNode, lock: SectionLock, context: ParseContext, line: number): void {
  if (node.lock === undefined) {
    node.lock = lock;
    return;
  }
  if (node.lock.mode !== lock.mode)
    context.diagnostics.push({
      code: 'location-lock-conflict',
      severity: 'warning',
      message: `${lock.at} contradicts ${node.lock.at} for the same path; the first is used`,
      file: context.file,
      line,
    });
}

/** Where web.config files could change a node's anonymous identity. */
export interface UnlockedChain {
  /** The deepest path at or above the node where the section is unlocked, and the ones above it. */
  allowed: UnlockedDepth;
  /** For messages: what unlocks it, and what locks it again below, if anything does. */
  description: string;
}

/** One path (by depth, 0 = the site root) where the section is unlocked, linked to the next one up. */
export interface UnlockedDepth {
  depth: number;
  lock: SectionLock;
  above: UnlockedDepth | undefined;
}

/**
 * The lock in force at a node, computed once per node from its parent's: a scope under a path
 * 10,000 levels deep costs one step, not one per level (a chain shared by every node below it).
 */
export interface LockChain {
  /** The lock where no location tag decides, which the chain was computed with (one object per parse). */
  server: SectionLock;
  /** The nearest lock at or above the node, else the server's. */
  lock: SectionLock;
  allowed: UnlockedDepth | undefined;
}

/** lockChain's walk up, reused (and emptied after): it runs for every scope. */
const uncomputed: (PathNode | undefined)[] = [];

export function lockChain(node: PathNode, server: SectionLock): LockChain {
  const known = node.lockChain;
  if (known !== undefined && known.server === server) return known;
  // Most scopes sit right below a computed node: no walk.
  const parent = node.parent;
  let above = parent === null ? undefined : parent.lockChain;
  if (parent === null || (above !== undefined && above.server === server)) return lockStep(node, above, server);
  // Walk up to the nearest node already computed, then down (no recursion: paths can be deep).
  above = undefined;
  let count = 0;
  uncomputed[count++] = node;
  for (let current: PathNode | null = parent; current !== null; current = current.parent) {
    const chain = current.lockChain;
    if (chain !== undefined && chain.server === server) {
      above = chain;
      break;
    }
    uncomputed[count++] = current;
  }
  while (count > 0) {
    const current = uncomputed[--count]!;
    uncomputed[count] = undefined;
    above = lockStep(current, above, server);
  }
  return above!;
}

/** The chain of a node only the server's lock reaches, for the last server lock asked about. */
let serverOnly: LockChain | undefined;

/** One node's chain from its parent's (undefined at the site root). */
function lockStep(current: PathNode, above: LockChain | undefined, server: SectionLock): LockChain {
  const lock = current.lock ?? above?.lock ?? server;
  let chain: LockChain;
  if (above !== undefined && lock === above.lock && lock.mode === 'Deny') {
    // Locked as its parent is, and unlocked at the same depths: the parent's chain serves (most nodes).
    chain = above;
  } else {
    const allowed = lock.mode === 'Allow' ? { depth: current.depth, lock, above: above?.allowed } : above?.allowed;
    // Locked by the server's lock and unlocked nowhere (every site root, as a rule): one chain serves them all.
    if (allowed === undefined && lock === server) {
      if (serverOnly?.server !== server) serverOnly = { server, lock, allowed };
      chain = serverOnly;
    } else {
      chain = { server, lock, allowed };
    }
  }
  current.lockChain = chain;
  return chain;
}

/** Undefined when the section is locked at the node and at every path above it. */
export function unlockedChain(node: PathNode, server: SectionLock): UnlockedChain | undefined {
  const { lock, allowed } = lockChain(node, server);
  // A Deny at or above every Allow (server Allow, site root Deny) leaves nothing unlocked.
  if (allowed === undefined) return undefined;
  const description =
    lock.mode === 'Deny'
      ? `${allowed.lock.at} above it, though ${lock.at} locks it again for this path`
      : allowed.lock.at;
  return { allowed, description };
}

/** The depths, from the site root down, where the section is unlocked. */
export function unlockedDepths(chain: UnlockedChain): number[] {
  const depths: number[] = [];
  for (let link: UnlockedDepth | undefined = chain.allowed; link !== undefined; link = link.above)
    depths.push(link.depth);
  return depths.reverse();
}
