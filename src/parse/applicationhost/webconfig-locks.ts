import type { WebConfigFile, WebConfigSection, WebConfigSet } from '../webconfig';
import { describeSettings } from './anonymous';
import { pathSegments, urlPath } from './attributes';
import { writtenAttributes, type AttributeLock } from './attribute-lock';
import { definitionRefusal, type SectionDefinition } from './section-definition';
import type { SectionLock } from './section-lock';
import { nodeAt } from './sites';
import { tagSettings, type AnonymousSetting, type LocationTag, type PathNode, type SiteRecord } from './types';

/**
 * Whether IIS accepts each anonymousAuthentication section a web.config writes, or refuses the
 * file (HTTP 500.19) because a higher configuration level forbids it (CONFIGURATION_RULES
 * allow-definition, allow-location, lock-location-nearest, lock-in-web-config, lock-attributes,
 * lock-item):
 * - the declaration's allowDefinition and allowLocation (section-definition.ts);
 * - the nearest section lock at or above the path: a `<location overrideMode>` in
 *   applicationHost.config (section-lock.ts) or in a web.config above this one, the lower file
 *   winning at the same path, else the declaration's default;
 * - every attribute or item lock at or above the path, in applicationHost.config or in a
 *   web.config above this one: locks add up downwards and no lower level lifts them.
 * A lock binds only levels below the file that writes it, so a web.config's own `<location>`
 * tags for deeper paths still apply. Locks of a refused web.config bind nothing (IIS answers
 * 500.19 below it anyway).
 *
 * Reads applicationHost.config's location tags from the path tree before any web.config is
 * applied, so it must run before applyWebConfigs attaches the accepted ones.
 */

/** What applicationHost.config says that binds every web.config. */
export interface UpperConfiguration {
  /** The lock in force where no location tag decides: a server-level location's, else the declaration's. */
  server: SectionLock;
  serverSettings: readonly AnonymousSetting[];
  definition: SectionDefinition;
}

/** A web.config that IIS refuses, with the warning that says why (or a doubt about one it accepts). */
export interface Refusal {
  code:
    | 'webconfig-section-not-allowed'
    | 'webconfig-section-locked'
    | 'webconfig-lock-violation'
    | 'webconfig-lock-precedence';
  message: string;
  /** Why, in a few words, for the notes of the findings at and below the path. */
  reason: string;
}

/** Per section of each file: why IIS refuses it, and any doubt about accepting it. */
export interface SectionVerdict {
  refusal?: Refusal;
  warnings: Refusal[];
}

interface LevelLock {
  /** Path depth of the web.config that writes it: it binds deeper files only. */
  level: number;
  owner: string;
  section?: SectionLock;
  attributes?: AttributeLock;
}

interface OwnedAttributeLock {
  owner: string;
  lock: AttributeLock;
}

const APPLICATION_HOST = 'applicationHost.config';

/** Per file (in `set.files` order), per section: why IIS refuses it, if it does, and any doubt. */
export function webConfigRefusals(
  set: WebConfigSet,
  sites: Map<string, SiteRecord>,
  upper: UpperConfiguration,
): SectionVerdict[][] {
  const verdicts: SectionVerdict[][] = set.files.map((file) => file.sections.map(() => ({ warnings: [] })));
  const locks = new Map<PathNode, LevelLock[]>();
  // Upper levels first, so each file meets only the locks of the accepted files above it.
  const order = set.files.map((file, index) => ({ file, index, level: pathSegments(file.path).length }));
  order.sort((a, b) => a.level - b.level || a.index - b.index);
  for (const { file, index, level } of order) {
    const site = sites.get(file.site.toLowerCase());
    // An absent or unreadable file writes nothing; an orphan one is reported by applyWebConfigs.
    if (site === undefined || file.sections.length === 0) continue;
    const fileSegments = pathSegments(file.path);
    const fileNode = nodeAt(site.root, fileSegments);
    const applicationRoot = fileNode === site.root || fileNode.application !== undefined;
    const nodes = file.sections.map((section) => nodeAt(site.root, [...fileSegments, ...section.segments]));
    file.sections.forEach((section, sectionIndex) => {
      const node = nodes[sectionIndex]!;
      const path = urlPath([...fileSegments, ...section.segments]);
      const verdict = verdicts[index]![sectionIndex]!;
      const refusal = refusalOf({
        file,
        section,
        node,
        path,
        level,
        applicationRoot,
        upper,
        locks,
        warnings: verdict.warnings,
      });
      if (refusal !== undefined) verdict.refusal = refusal;
    });
    if (verdicts[index]!.some((verdict) => verdict.refusal !== undefined)) continue;
    file.sections.forEach((section, sectionIndex) => registerLocks(locks, nodes[sectionIndex]!, level, file, section));
  }
  return verdicts;
}

function registerLocks(
  locks: Map<PathNode, LevelLock[]>,
  node: PathNode,
  level: number,
  file: WebConfigFile,
  section: WebConfigSection,
): void {
  const add = (entry: LevelLock) => {
    const list = locks.get(node);
    if (list === undefined) locks.set(node, [entry]);
    else list.push(entry);
  };
  if (section.lock !== undefined) add({ level, owner: file.label, section: section.lock });
  for (const setting of section.settings)
    if (setting.locked !== undefined) add({ level, owner: file.label, attributes: setting.locked });
}

interface Subject {
  file: WebConfigFile;
  section: WebConfigSection;
  node: PathNode;
  path: string;
  level: number;
  applicationRoot: boolean;
  upper: UpperConfiguration;
  locks: Map<PathNode, LevelLock[]>;
  /** Doubts about accepting it, reported whether or not it is refused. */
  warnings: Refusal[];
}

const JUDGED_ABOVE = 'The anonymous identity there is judged from the configuration IIS accepts above it.';

function refusalOf(subject: Subject): Refusal | undefined {
  const { file, section, path, upper } = subject;
  const sets = `${file.label} sets anonymousAuthentication (${describeSettings(section.settings)}, line ${section.line}) for ${path}`;
  const below = `for ${path} and every path below it`;
  const notAllowed = definitionRefusal(upper.definition, subject.applicationRoot, section.inLocation, path);
  if (notAllowed !== undefined)
    return {
      code: 'webconfig-section-not-allowed',
      reason: notAllowed,
      message: `${sets}, but ${notAllowed}: IIS refuses that web.config with HTTP 500.19 ${below}. No logon right fixes that; set the anonymous identity where the declaration allows it, or change the declaration. ${JUDGED_ABOVE}`,
    };
  const { lock, overruled } = sectionLockFor(subject);
  if (overruled !== undefined)
    subject.warnings.push({
      code: 'webconfig-lock-precedence',
      reason: `a nearer applicationHost.config Allow outranks ${overruled.owner ?? APPLICATION_HOST}'s lock`,
      message: `${sets}: accepted, because applicationHost.config's ${lock.at} is nearer to ${path} than the lock ${overruled.owner ?? APPLICATION_HOST} writes (${overruled.at}). IIS documents no order between a lock in applicationHost.config and one in a web.config above; if the web.config's lock wins, IIS answers HTTP 500.19 for ${path} and every path below it, and the anonymous identity there is the one the configuration above it names.`,
    });
  if (lock.mode === 'Deny') {
    const owner = lock.owner ?? APPLICATION_HOST;
    const fix =
      lock.owner === undefined
        ? 'unlock the section (appcmd unlock config) or remove it from the web.config. The anonymous identity there is judged from applicationHost.config.'
        : `remove the lock from ${owner} or the section from this web.config. ${JUDGED_ABOVE}`;
    return {
      code: 'webconfig-section-locked',
      reason: `${owner} locks the section (${lock.at})`,
      message: `${sets}, where ${owner} locks the section (${lock.at}): IIS answers HTTP 500.19 (0x80070021, "This configuration section cannot be used at this path") ${below}. No logon right fixes that; ${fix}`,
    };
  }
  for (const { owner, lock: attributeLock } of attributeLocksFor(subject)) {
    const violated = section.settings.flatMap((setting) =>
      attributeLock.item
        ? ['the section']
        : writtenAttributes(setting).filter((name) => attributeLock.attributes.includes(name)),
    );
    if (violated.length === 0) continue;
    const what = attributeLock.item ? 'the whole section' : [...new Set(violated)].join(', ');
    return {
      code: 'webconfig-lock-violation',
      reason: `it writes ${what}, which ${owner} locks (${attributeLock.at})`,
      message: `${sets}, where ${owner} locks ${what} (${attributeLock.at}): IIS answers HTTP 500.19 ("Lock violation") ${below}, whatever value the web.config writes. No logon right fixes that; remove ${attributeLock.item ? 'the section' : what} from the web.config, or the lock from ${owner}. ${JUDGED_ABOVE}`,
    };
  }
  return undefined;
}

/**
 * The nearest section lock at or above the node that binds the file; at one path the lower
 * file's wins. `overruled`: a web.config Deny further up that a nearer applicationHost.config
 * Allow outranks, an order IIS does not document (lock-nearest-across-files).
 */
function sectionLockFor({ node, level, upper, locks }: Subject): { lock: SectionLock; overruled?: SectionLock } {
  let found: SectionLock | undefined;
  for (let current: PathNode | null = node; current !== null; current = current.parent) {
    let nearest: LevelLock | undefined;
    for (const entry of locks.get(current) ?? [])
      if (entry.section !== undefined && entry.level < level && (nearest === undefined || entry.level > nearest.level))
        nearest = entry;
    if (found !== undefined) {
      // The first web.config lock above decides whether the other reading would refuse the file.
      if (nearest?.section !== undefined)
        return nearest.section.mode === 'Deny' ? { lock: found, overruled: nearest.section } : { lock: found };
      continue;
    }
    if (nearest?.section !== undefined) return { lock: nearest.section };
    if (current.lock !== undefined) {
      if (current.lock.mode === 'Deny') return { lock: current.lock };
      found = current.lock;
    }
  }
  return { lock: found ?? upper.server };
}

/** Every attribute or item lock at or above the node that binds the file, nearest first. */
function attributeLocksFor({ node, level, upper, locks }: Subject): OwnedAttributeLock[] {
  const found: OwnedAttributeLock[] = [];
  for (let current: PathNode | null = node; current !== null; current = current.parent) {
    for (const entry of locks.get(current) ?? [])
      if (entry.attributes !== undefined && entry.level < level)
        found.push({ owner: entry.owner, lock: entry.attributes });
    for (let tag: LocationTag | undefined = current.locations; tag !== undefined; tag = tag.next)
      for (const setting of tagSettings(tag))
        if (setting.locked !== undefined) found.push({ owner: APPLICATION_HOST, lock: setting.locked });
  }
  for (const setting of upper.serverSettings)
    if (setting.locked !== undefined) found.push({ owner: APPLICATION_HOST, lock: setting.locked });
  return found;
}
