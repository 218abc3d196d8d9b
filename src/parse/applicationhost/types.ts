import type { AnonymousScope, ConnectAsCredentials, Diagnostic, LogonMethod } from '../../core/model';
import type { AttributeLock } from './attribute-lock';
import type { ResolvedNode } from './scopes';
import type { LockChain, SectionLock } from './section-lock';

/** The records the applicationHost.config reader builds while it walks the file. */

/** One `<anonymousAuthentication>` element: only the attributes it writes. */
export interface AnonymousSetting {
  enabled?: boolean;
  userName?: string;
  logonMethod?: LogonMethod;
  passwordSet?: boolean;
  /** For `definedAt`: `server level (line 12)`, `<location path="Site/app"> (line 40)`. */
  origin: string;
  /** lockAttributes, lockAllAttributesExcept or lockItem on the element: what lower levels may not write. */
  locked?: AttributeLock;
}

export interface LocationTag {
  inheritInChildApplications: boolean;
  /**
   * The tag's first anonymousAuthentication setting, and the others after it: a location writes
   * one as a rule, and an array of one per tag was two objects more kept with the model.
   */
  setting: AnonymousSetting | undefined;
  laterSettings: readonly AnonymousSetting[] | undefined;
  /** The tag's own line in applicationHost.config; none for a web.config's tag (another file). */
  line: number | undefined;
  /** The next tag for the same path, in document order. */
  next: LocationTag | undefined;
  /** On a path's first tag, its last: adding a tag costs one step however many one path has. */
  last: LocationTag | undefined;
}

/**
 * An application is the path node of its path, which also stands for its scope (kind
 * application; the site's for the root application): a record beside the node, one more object
 * per application kept with the model, held nothing the node could not.
 */
export type ApplicationRecord = PathNode;

/** Makes the node an application's, with every application field set (one shape for all nodes). */
export function newApplication(node: PathNode, path: string, pool: string | null, line: number): ApplicationRecord {
  node.application = node;
  node.path = path;
  node.pool = pool;
  node.line = line;
  return node;
}

/**
 * A node of a site's path tree: one URL segment, compared case-insensitively. Every field exists
 * from the start (newNode), so all nodes share one shape and hold their fields in the object.
 */
export interface PathNode {
  parent: PathNode | null;
  /** Levels below the site root (0 there). */
  depth: number;
  /** The lower-case segment under which the parent holds this node ('' at the site root). */
  key: string;
  /**
   * The children as a list (the newest first), linked through nextSibling: most nodes have none
   * or a few, and a Map each (some 300 bytes with its table) was the largest part of the model.
   */
  firstChild: PathNode | undefined;
  nextSibling: PathNode | undefined;
  /** The children by key as well, once a node has many (CHILD_LIST_LIMIT, sites.ts). */
  childIndex: Map<string, PathNode> | undefined;
  /** The node itself on an application's path (newApplication), whose fields follow. */
  application: ApplicationRecord | undefined;
  /** An application's path as a URL (`/`, `/api`); '' on other nodes. */
  path: string;
  pool: string | null;
  /** An application's line in applicationHost.config; 0 on other nodes. */
  line: number;
  /** The connect-as credentials of an application's root directory, which its scope carries. */
  connectAs: ConnectAsCredentials | undefined;
  /** The site's next application (SiteRecord.firstApplication): an array per site cost two objects. */
  nextApplication: ApplicationRecord | undefined;
  /** The first location tag for exactly this path; the others follow it (next), in document order. */
  locations: LocationTag | undefined;
  /** Set once a scope exists for this path, so later definers of the same path are folded in. */
  hasScope: boolean;
  /** A `<location overrideMode="Allow|Deny">` holding anonymousAuthentication for this path: the lock here and below. */
  lock: SectionLock | undefined;
  /** What the path sees, once buildScopes has resolved it (a field, not a map: there is one per node). */
  resolved: ResolvedNode | undefined;
  /** The lock in force here, once a scope at or below it has asked (section-lock.ts). */
  lockChain: LockChain | undefined;
}

export interface PendingScope {
  node: PathNode;
  path: string;
  kind: AnonymousScope['kind'];
  /** In applicationHost.config; none for a path only a web.config names. */
  line?: number;
  /** The connect-as credentials of the virtual directory this scope stands for. */
  connectAs?: ConnectAsCredentials;
}

export interface SiteRecord {
  name: string;
  line: number;
  root: PathNode;
  /**
   * The first of the site's applications, linked in document order through nextApplication; the
   * root one is a placeholder when the file defines none, and then comes first.
   */
  firstApplication: ApplicationRecord;
  /** `<application path="/">`, or the placeholder standing for it. */
  rootApplication: ApplicationRecord;
  /**
   * The scopes to create are reported in this order: the site's (its root application's
   * record), the other applications' (their records), these virtual directories' (readSite's,
   * sized exactly; none for most sites), then the location tags' in document order, created
   * with the first (most sites have none or one).
   */
  directories: PendingScope[] | undefined;
  later: PendingScope[] | undefined;
}

/** The path nodes of a site's scopes to create, each once or more. */
export function scopeNodes(site: SiteRecord): PathNode[] {
  const nodes: PathNode[] = [];
  for (
    let application: ApplicationRecord | undefined = site.firstApplication;
    application !== undefined;
    application = application.nextApplication
  )
    nodes.push(application);
  for (const scope of site.directories ?? []) nodes.push(scope.node);
  for (const scope of site.later ?? []) nodes.push(scope.node);
  return nodes;
}

/** Adds a location tag's scope after the site's own. */
export function addLaterScope(site: SiteRecord, scope: PendingScope): void {
  if (site.later === undefined) site.later = [scope];
  else site.later.push(scope);
}

/** A tag's settings in document order. */
export function tagSettings(tag: LocationTag): readonly AnonymousSetting[] {
  if (tag.setting === undefined) return [];
  return tag.laterSettings === undefined ? [tag.setting] : [tag.setting, ...tag.laterSettings];
}

/** Adds a location tag to its node, after any tag already there. */
export function addLocationTag(
  node: PathNode,
  inheritInChildApplications: boolean,
  settings: readonly AnonymousSetting[],
  line: number | undefined,
): void {
  // Linked through the tags, not held in an array: a node has one tag as a rule, and an array
  // of one was two objects more per location kept with the model.
  const tag: LocationTag = {
    inheritInChildApplications,
    setting: settings[0],
    laterSettings: settings.length > 1 ? settings.slice(1) : undefined,
    line,
    next: undefined,
    last: undefined,
  };
  const first = node.locations;
  if (first === undefined) {
    tag.last = tag;
    node.locations = tag;
  } else {
    first.last!.next = tag;
    first.last = tag;
  }
}

export interface ParseContext {
  file: string;
  diagnostics: Diagnostic[];
}
