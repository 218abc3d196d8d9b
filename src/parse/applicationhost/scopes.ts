import type { AnonymousScope, ConnectAsCredentials, LogonMethod } from '../../core/model';
import { DEFAULT_ANONYMOUS, SCHEMA_DEFAULT_ORIGIN } from './attributes';
import { unlockedChain, unlockedDepths, type SectionLock } from './section-lock';
import type { AnonymousSetting, ApplicationRecord, LocationTag, PathNode, PendingScope, SiteRecord } from './types';
import { indexCoverage, webConfigGaps, type CoverageIndex, type WebConfigCoverage } from './webconfigs';

// Effective settings per scope.

export interface EffectiveAnonymous {
  enabled: boolean;
  userName: string;
  logonMethod: LogonMethod;
  passwordSet: boolean;
  definedAt: string;
}

export function applySetting(effective: EffectiveAnonymous, setting: AnonymousSetting): void {
  if (setting.enabled !== undefined) effective.enabled = setting.enabled;
  if (setting.logonMethod !== undefined) effective.logonMethod = setting.logonMethod;
  if (setting.passwordSet !== undefined) effective.passwordSet = setting.passwordSet;
  if (setting.userName !== undefined) {
    effective.userName = setting.userName;
    effective.definedAt = setting.origin;
  }
}

/** A copy as one literal (a spread costs several times more, and runs for every scope). */
export function copyEffective(effective: EffectiveAnonymous): EffectiveAnonymous {
  return {
    enabled: effective.enabled,
    userName: effective.userName,
    logonMethod: effective.logonMethod,
    passwordSet: effective.passwordSet,
    definedAt: effective.definedAt,
  };
}

export function withSettings(base: EffectiveAnonymous, settings: readonly AnonymousSetting[]): EffectiveAnonymous {
  if (settings.length === 0) return base;
  const effective = copyEffective(base);
  for (const setting of settings) applySetting(effective, setting);
  return effective;
}

/**
 * What every path below a node sees, computed once per node from its parent's, so resolving all
 * scopes costs one step per node however deep the paths or however many location tags share one.
 */
export interface ResolvedNode {
  /** As seen from inside a child application: only tags that inherit into child applications so far. */
  forChildApplications: EffectiveAnonymous;
  /** As seen from this node's own application: every tag, except the non-inheriting ones above its application. */
  here: EffectiveAnonymous;
  application: ApplicationRecord;
}

/** resolveNode's walk up, reused (and emptied after): it runs for every scope. */
const unresolved: (PathNode | undefined)[] = [];

export function resolveNode(node: PathNode, site: SiteRecord, server: EffectiveAnonymous): ResolvedNode {
  const known = node.resolved;
  if (known !== undefined) return known;
  // Most scopes sit right below a resolved node (the path above them was a scope first): no walk.
  const parent = node.parent;
  let above = parent === null ? undefined : parent.resolved;
  if (parent === null || above !== undefined) return resolveStep(node, above, site, server);
  // Walk up to the nearest resolved ancestor, then resolve downwards (no recursion: paths can be deep).
  let count = 0;
  unresolved[count++] = node;
  for (let current: PathNode | null = parent; current !== null; current = current.parent) {
    above = current.resolved;
    if (above !== undefined) break;
    unresolved[count++] = current;
  }
  while (count > 0) {
    const current = unresolved[--count]!;
    unresolved[count] = undefined;
    above = resolveStep(current, above, site, server);
  }
  return above!;
}

/** One node's resolution from its parent's (undefined at the site root). */
function resolveStep(
  current: PathNode,
  above: ResolvedNode | undefined,
  site: SiteRecord,
  server: EffectiveAnonymous,
): ResolvedNode {
  const tags = current.locations;
  let resolved: ResolvedNode;
  if (above !== undefined && tags === undefined && current.application === undefined) {
    // A folder with no tag of its own sees exactly what its parent sees (most nodes).
    resolved = above;
  } else {
    const aboveForChildren = above?.forChildApplications ?? server;
    // An application starts from what its parent passes to child applications; a folder continues its application.
    const start = current.application !== undefined || above === undefined ? aboveForChildren : above.here;
    const application = current.application ?? above?.application ?? site.rootApplication;
    if (tags === undefined) {
      resolved = { forChildApplications: aboveForChildren, here: start, application };
    } else {
      const forChildApplications = withTags(aboveForChildren, tags, true);
      // From the same start with every tag inheriting, both are the same settings: one object serves.
      const here = start === aboveForChildren && allInherit(tags) ? forChildApplications : withTags(start, tags, false);
      resolved = { forChildApplications, here, application };
    }
  }
  current.resolved = resolved;
  return resolved;
}

function allInherit(tags: LocationTag): boolean {
  for (let tag: LocationTag | undefined = tags; tag !== undefined; tag = tag.next)
    if (!tag.inheritInChildApplications) return false;
  return true;
}

/** The base with the settings of the tags applied in order (only inheriting tags' when asked). */
function withTags(base: EffectiveAnonymous, tags: LocationTag, inheritingOnly: boolean): EffectiveAnonymous {
  let effective = base;
  for (let tag: LocationTag | undefined = tags; tag !== undefined; tag = tag.next) {
    if (inheritingOnly && !tag.inheritInChildApplications) continue;
    if (tag.setting === undefined) continue;
    if (effective === base) effective = copyEffective(base);
    applySetting(effective, tag.setting);
    if (tag.laterSettings !== undefined) for (const setting of tag.laterSettings) applySetting(effective, setting);
  }
  return effective;
}

/** With `coverage` (web.config files were collected), each unlocked scope also lists what is still missing. */
export function buildScopes(
  sites: Map<string, SiteRecord>,
  serverSettings: readonly AnonymousSetting[],
  serverLock: SectionLock,
  coverage?: WebConfigCoverage,
): AnonymousScope[] {
  const server = withSettings({ ...DEFAULT_ANONYMOUS, definedAt: SCHEMA_DEFAULT_ORIGIN }, serverSettings);
  const building: ScopeBuilding = {
    server,
    serverLock,
    covered: coverage === undefined ? undefined : indexCoverage(sites, coverage),
    scopes: [],
  };
  for (const site of sites.values()) addSiteScopes(building, site);
  return building.scopes;
}

/** A site's scopes in the order they are reported (SiteRecord). */
function addSiteScopes(building: ScopeBuilding, site: SiteRecord): void {
  const root = site.rootApplication;
  addScope(building, site, root, '/', 'site', site.line, root.connectAs);
  for (
    let application: ApplicationRecord | undefined = site.firstApplication;
    application !== undefined;
    application = application.nextApplication
  )
    if (application !== root)
      addScope(building, site, application, application.path, 'application', application.line, application.connectAs);
  if (site.directories !== undefined) for (const pending of site.directories) addPending(building, site, pending);
  if (site.later !== undefined) for (const pending of site.later) addPending(building, site, pending);
}

interface ScopeBuilding {
  server: EffectiveAnonymous;
  serverLock: SectionLock;
  covered: CoverageIndex | undefined;
  scopes: AnonymousScope[];
}

function addPending(building: ScopeBuilding, site: SiteRecord, pending: PendingScope): void {
  addScope(building, site, pending.node, pending.path, pending.kind, pending.line, pending.connectAs);
}

function addScope(
  building: ScopeBuilding,
  site: SiteRecord,
  node: PathNode,
  path: string,
  kind: AnonymousScope['kind'],
  line: number | undefined,
  connectAs: ConnectAsCredentials | undefined,
): void {
  if (node.hasScope) return;
  node.hasScope = true;
  const resolved = resolveNode(node, site, building.server);
  // Scopes share their node's settings (nothing changes them once built), and most have a
  // line: one literal with it gives them one shape, with no properties stored outside.
  const scope: AnonymousScope =
    line === undefined
      ? {
          site: site.name,
          path,
          kind,
          applicationPool: resolved.application.pool,
          anonymous: resolved.here,
        }
      : {
          site: site.name,
          path,
          kind,
          applicationPool: resolved.application.pool,
          anonymous: resolved.here,
          line,
        };
  if (connectAs !== undefined) scope.connectAs = connectAs;
  const unlocked = unlockedChain(node, building.serverLock);
  if (unlocked !== undefined) {
    scope.anonymousUnlockedAt = unlocked.description;
    if (building.covered !== undefined)
      scope.webConfigGaps = webConfigGaps(scope, node, unlockedDepths(unlocked), building.covered);
  }
  building.scopes.push(scope);
}
