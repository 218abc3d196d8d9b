import type { ApplicationPool, Diagnostic } from '../../core/model';
import { childrenNamed, firstChild, type XmlElement } from '../xml';
import { attribute, pathSegments, requiredAttribute, urlPath } from './attributes';
import { readConnectAs, type ConnectAsDefaults } from './connect-as';
import {
  newApplication,
  type ApplicationRecord,
  type ParseContext,
  type PathNode,
  type PendingScope,
  type SiteRecord,
} from './types';

// Sites, applications, virtual directories.

export function newNode(parent: PathNode | null, key = ''): PathNode {
  return {
    parent,
    depth: parent === null ? 0 : parent.depth + 1,
    key,
    firstChild: undefined,
    nextSibling: undefined,
    childIndex: undefined,
    application: undefined,
    path: '',
    pool: null,
    line: 0,
    connectAs: undefined,
    nextApplication: undefined,
    locations: undefined,
    hasScope: false,
    lock: undefined,
    resolved: undefined,
    lockChain: undefined,
  };
}

/** Children looked up by walking the list, up to this many; beyond it a Map keeps lookups constant. */
const CHILD_LIST_LIMIT = 8;

/** The child under a lower-case segment, if there is one. */
export function childAt(node: PathNode, key: string): PathNode | undefined {
  if (node.childIndex !== undefined) return node.childIndex.get(key);
  for (let child = node.firstChild; child !== undefined; child = child.nextSibling) if (child.key === key) return child;
  return undefined;
}

export function nodeAt(root: PathNode, segments: readonly string[]): PathNode {
  let node = root;
  for (const segment of segments) {
    const key = segment.toLowerCase();
    node = childAt(node, key) ?? addChild(node, key);
  }
  return node;
}

function addChild(node: PathNode, key: string): PathNode {
  const child = newNode(node, key);
  child.nextSibling = node.firstChild;
  node.firstChild = child;
  if (node.childIndex !== undefined) {
    node.childIndex.set(key, child);
    return child;
  }
  let count = 0;
  for (let sibling = child.nextSibling; sibling !== undefined; sibling = sibling.nextSibling) count++;
  if (count >= CHILD_LIST_LIMIT) {
    const index = new Map<string, PathNode>();
    for (let sibling: PathNode | undefined = child; sibling !== undefined; sibling = sibling.nextSibling)
      index.set(sibling.key, sibling);
    node.childIndex = index;
  }
  return child;
}

/** `''` means "no pool" just as a missing attribute does at the end of the chain. */
export function poolName(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

export function readSites(root: XmlElement, context: ParseContext): Map<string, SiteRecord> {
  const sites = new Map<string, SiteRecord>();
  for (const host of childrenNamed(root, 'system.applicationHost')) {
    for (const section of childrenNamed(host, 'sites')) {
      const serverDefaultPool = attribute(firstChild(section, 'applicationDefaults'), 'applicationPool');
      const serverDirectoryDefaults = firstChild(section, 'virtualDirectoryDefaults');
      for (const siteElement of childrenNamed(section, 'site'))
        addSite(sites, siteElement, serverDefaultPool, serverDirectoryDefaults, context);
    }
  }
  return sites;
}

/**
 * Reads one `<site>` into `sites` and answers it; a name already there is a warning, the first
 * definition stays and the answer is undefined.
 */
export function addSite(
  sites: Map<string, SiteRecord>,
  siteElement: XmlElement,
  serverDefaultPool: string | undefined,
  serverDirectoryDefaults: XmlElement | undefined,
  context: ParseContext,
): SiteRecord | undefined {
  const site = readSite(siteElement, serverDefaultPool, serverDirectoryDefaults, context);
  const key = site.name.toLowerCase();
  if (sites.has(key)) {
    context.diagnostics.push(duplicateSite(site.name, siteElement.line, context));
    return undefined;
  }
  sites.set(key, site);
  return site;
}

export function readSite(
  siteElement: XmlElement,
  serverDefaultPool: string | undefined,
  serverDirectoryDefaults: XmlElement | undefined,
  context: ParseContext,
): SiteRecord {
  // Loops over the children rather than childrenNamed and firstChild: this runs for every site,
  // and each of those costs an array or a closure.
  let siteDirectoryDefaults: XmlElement | undefined;
  let siteApplicationDefaults: XmlElement | undefined;
  for (const child of siteElement.children) {
    if (child.local === 'virtualDirectoryDefaults') siteDirectoryDefaults ??= child;
    else if (child.local === 'applicationDefaults') siteApplicationDefaults ??= child;
  }
  const name = requiredAttribute(context, siteElement, 'name');
  const defaultPool = attribute(siteApplicationDefaults, 'applicationPool') ?? serverDefaultPool;
  const root = newNode(null);
  let firstApplication: ApplicationRecord | undefined;
  let lastApplication: ApplicationRecord | undefined;
  const virtualDirectories: PendingScope[] = [];
  for (const applicationElement of siteElement.children) {
    if (applicationElement.local !== 'application') continue;
    const path = requiredAttribute(context, applicationElement, 'path');
    const segments = pathSegments(path);
    const node = nodeAt(root, segments);
    const applicationPath = urlPath(segments);
    if (node.application !== undefined) {
      context.diagnostics.push(duplicateApplication(name, applicationPath, applicationElement.line, context));
      continue;
    }
    const pool = poolName(attribute(applicationElement, 'applicationPool') ?? defaultPool);
    if (pool === null) context.diagnostics.push(noPool(name, applicationPath, applicationElement.line, context));
    const application = newApplication(node, applicationPath, pool, applicationElement.line);
    if (lastApplication === undefined) firstApplication = application;
    else lastApplication.nextApplication = application;
    lastApplication = application;
    const directoryDefaults: ConnectAsDefaults = [
      firstChild(applicationElement, 'virtualDirectoryDefaults'),
      siteDirectoryDefaults,
      serverDirectoryDefaults,
    ];
    // Walk from the application's node: a deep application path is not re-walked per directory.
    const prefix = segments.length === 0 ? '' : applicationPath;
    for (const directory of applicationElement.children) {
      if (directory.local !== 'virtualDirectory') continue;
      const directorySegments = pathSegments(requiredAttribute(context, directory, 'path'));
      const connectAs = readConnectAs(context, directory, directoryDefaults);
      if (directorySegments.length === 0) {
        // The root directory's content is the application's own: its scope carries the account.
        if (connectAs !== undefined && application.connectAs === undefined) application.connectAs = connectAs;
        continue;
      }
      const scope: PendingScope = {
        node: nodeAt(node, directorySegments),
        path: prefix + urlPath(directorySegments),
        kind: 'virtual-directory',
        line: directory.line,
      };
      if (connectAs !== undefined) scope.connectAs = connectAs;
      virtualDirectories.push(scope);
    }
  }
  let rootApplication = root.application;
  if (rootApplication === undefined) {
    // IIS cannot serve such a site; its root is still reported with the pool IIS would give a
    // new root application, so the anonymous identity configured for it is not lost.
    const pool = poolName(defaultPool);
    rootApplication = newApplication(root, '/', pool, siteElement.line);
    rootApplication.nextApplication = firstApplication;
    firstApplication = rootApplication;
    context.diagnostics.push(noRootApplication(name, pool, siteElement.line, context));
  }
  // A copy sized exactly: an array grown by push holds 17 slots or more, and this lives until judging.
  return {
    name,
    line: siteElement.line,
    root,
    firstApplication: firstApplication ?? rootApplication,
    rootApplication,
    directories: virtualDirectories.length === 0 ? undefined : virtualDirectories.slice(),
    later: undefined,
  };
}

export function duplicateSite(name: string, line: number, context: ParseContext): Diagnostic {
  return {
    code: 'duplicate-site',
    severity: 'warning',
    message: `site "${name}" is defined more than once; the first definition is used (IIS refuses to load such a file)`,
    file: context.file,
    line,
  };
}

export function duplicateApplication(
  site: string,
  applicationPath: string,
  line: number,
  context: ParseContext,
): Diagnostic {
  return {
    code: 'duplicate-application',
    severity: 'warning',
    message: `site "${site}" defines application "${applicationPath}" more than once; the first definition is used`,
    file: context.file,
    line,
  };
}

export function noPool(site: string, applicationPath: string, line: number, context: ParseContext): Diagnostic {
  return {
    code: 'no-application-pool',
    severity: 'warning',
    message: `application "${applicationPath}" of site "${site}" names no application pool and no applicationDefaults gives one (the IIS schema has no default pool)`,
    file: context.file,
    line,
  };
}

export function noRootApplication(site: string, pool: string | null, line: number, context: ParseContext): Diagnostic {
  return {
    code: 'no-root-application',
    severity: 'warning',
    message: `site "${site}" has no <application path="/">; its root is evaluated with ${pool === null ? 'no known application pool' : `the applicationDefaults pool "${pool}"`}`,
    file: context.file,
    line,
  };
}

export function reportUnknownPools(
  sites: Map<string, SiteRecord>,
  pools: Map<string, ApplicationPool>,
  context: ParseContext,
): void {
  const reported = new Set<string>();
  for (const site of sites.values()) {
    for (
      let application: ApplicationRecord | undefined = site.firstApplication;
      application !== undefined;
      application = application.nextApplication
    ) {
      if (application.pool === null) continue;
      const key = application.pool.toLowerCase();
      if (pools.has(key) || reported.has(key)) continue;
      reported.add(key);
      context.diagnostics.push({
        code: 'unknown-application-pool',
        severity: 'warning',
        message: `application pool "${application.pool}" is used by application "${application.path}" of site "${site.name}" but not defined in <applicationPools>`,
        file: context.file,
        line: application.line,
      });
    }
  }
}
