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
  settings: AnonymousSetting[];
  /** The tag's own line in applicationHost.config; none for a web.config's tag (another file). */
  line?: number;
}

export interface ApplicationRecord {
  path: string;
  pool: string | null;
  line: number;
}

/** A node of a site's path tree: one URL segment, compared case-insensitively. */
export interface PathNode {
  parent: PathNode | null;
  /** Created on first use: most nodes are leaves, and a large file has hundreds of thousands. */
  children?: Map<string, PathNode>;
  application?: ApplicationRecord;
  /** Location tags for exactly this path, in document order. */
  locations?: LocationTag[];
  /** Set once a scope exists for this path, so later definers of the same path are folded in. */
  hasScope: boolean;
  /** A `<location overrideMode="Allow|Deny">` holding anonymousAuthentication for this path: the lock here and below. */
  lock?: SectionLock;
  /** What the path sees, once buildScopes has resolved it (a field, not a map: there is one per node). */
  resolved?: ResolvedNode;
  /** The lock in force here, once a scope at or below it has asked (section-lock.ts). */
  lockChain?: LockChain;
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
  root: PathNode;
  /** In document order; the root one is a placeholder when the file defines none. */
  applications: ApplicationRecord[];
  /** `<application path="/">`, or the placeholder standing for it. */
  rootApplication: ApplicationRecord;
  /** Scopes to create, in the order they are reported: root, applications and vdirs, locations. */
  pending: PendingScope[];
}

export interface ParseContext {
  file: string;
  diagnostics: Diagnostic[];
}
