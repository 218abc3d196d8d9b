import type { AnonymousScope } from '../../core/model';
import type { FolderWalk, WebConfigFile, WebConfigSet } from '../webconfig';
import { pathSegments, urlPath } from './attributes';
import { childAt, nodeAt } from './sites';
import { addLaterScope, addLocationTag, type ParseContext, type PathNode, type SiteRecord } from './types';
import { webConfigRefusals, type UpperConfiguration } from './webconfig-locks';

/**
 * Applies collected web.config files to the sites' path trees the way IIS merges configuration:
 * a web.config's settings sit at its own path (and its `<location path>` below it), after the
 * applicationHost.config location tags for that same path, so at equal depth the web.config
 * wins and a deeper location tag in applicationHost.config still wins over it. They count only
 * where IIS accepts them (webconfig-locks.ts: the declaration allows the file, and no lock at or
 * above the path forbids what it writes); one it refuses makes IIS answer HTTP 500.19 for that
 * path and below, which is reported and changes nothing here.
 *
 * Must run after the applicationHost.config location tags are attached and before scopes are
 * built (scopes.ts resolves each node once).
 */
export function applyWebConfigs(
  set: WebConfigSet,
  sites: Map<string, SiteRecord>,
  upper: UpperConfiguration,
  context: ParseContext,
): RefusedPath[] {
  const verdicts = webConfigRefusals(set, sites, upper);
  const refused: RefusedPath[] = [];
  set.files.forEach((file, fileIndex) => {
    for (const diagnostic of file.diagnostics) context.diagnostics.push(diagnostic);
    const site = sites.get(file.site.toLowerCase());
    if (site === undefined) {
      context.diagnostics.push({
        code: 'webconfig-orphan',
        severity: 'warning',
        message: `${file.label} belongs to no site defined in <sites>; it is ignored`,
        file: set.file,
      });
      return;
    }
    file.sections.forEach((section, sectionIndex) => {
      const { refusal, warnings } = verdicts[fileIndex]![sectionIndex]!;
      for (const warning of warnings)
        context.diagnostics.push({ code: warning.code, severity: 'warning', message: warning.message, file: set.file });
      if (refusal !== undefined) {
        context.diagnostics.push({ code: refusal.code, severity: 'warning', message: refusal.message, file: set.file });
        refused.push({
          site: site.name.toLowerCase(),
          segments: [...pathSegments(file.path), ...section.segments].map((segment) => segment.toLowerCase()),
          text: `${file.label}: ${refusal.reason}`,
        });
        return;
      }
      const segments = [...pathSegments(file.path), ...section.segments];
      const node = nodeAt(site.root, segments);
      addLocationTag(node, section.inheritInChildApplications, section.settings, undefined);
      addLaterScope(site, { node, path: urlPath(segments), kind: 'location' });
    });
  });
  return refused;
}

/** A path where IIS answers HTTP 500.19 because it refuses a web.config there. */
export interface RefusedPath {
  /** Lower-cased, as the segments. */
  site: string;
  segments: string[];
  text: string;
}

/** Tells every scope at or below a refused web.config's path that IIS answers 500.19 there first. */
export function markRefusedPaths(scopes: readonly AnonymousScope[], refused: readonly RefusedPath[]): void {
  if (refused.length === 0) return;
  for (const scope of scopes) {
    const site = scope.site.toLowerCase();
    const segments = pathSegments(scope.path.toLowerCase());
    for (const path of refused) {
      if (path.site !== site || path.segments.some((segment, index) => segments[index] !== segment)) continue;
      (scope.refusedWebConfigs ??= []).push(path.text);
    }
  }
}

/** Per lower-cased site name: collected entries by lower-cased URL path, and the folder walks. */
export interface WebConfigCoverage {
  files: Map<string, Map<string, WebConfigFile>>;
  walks: Map<string, FolderWalk[]>;
}

export function coverageOf(set: WebConfigSet): WebConfigCoverage {
  const coverage: WebConfigCoverage = { files: new Map(), walks: new Map() };
  for (const walk of set.walks) {
    const site = walk.site.toLowerCase();
    const walks = coverage.walks.get(site);
    if (walks === undefined) coverage.walks.set(site, [walk]);
    else walks.push(walk);
  }
  for (const file of set.files) {
    let paths = coverage.files.get(file.site.toLowerCase());
    if (paths === undefined) coverage.files.set(file.site.toLowerCase(), (paths = new Map()));
    const known = paths.get(file.path.toLowerCase());
    // A read file outranks an entry for the same path that says it was absent or unreadable.
    if (known === undefined || (known.state !== 'read' && file.state === 'read'))
      paths.set(file.path.toLowerCase(), file);
  }
  return coverage;
}

/** The coverage placed on the sites' path trees: the entry at each node, and the first folder walk starting there. */
export interface CoverageIndex {
  files: Map<PathNode, WebConfigFile>;
  walks: Map<PathNode, FolderWalk>;
}

/**
 * Places the coverage on the path trees once, so a scope finds what covers each path above it
 * by its own chain of nodes instead of building and looking up the text of every such path (a
 * cost in the square of the depth for every scope). Paths with no node have no scope at or
 * below them, so nothing asks for them.
 */
export function indexCoverage(sites: Map<string, SiteRecord>, coverage: WebConfigCoverage): CoverageIndex {
  const index: CoverageIndex = { files: new Map(), walks: new Map() };
  for (const [siteKey, paths] of coverage.files) {
    const root = sites.get(siteKey)?.root;
    if (root === undefined) continue;
    for (const [path, file] of paths) {
      const node = existingNode(root, pathSegments(path));
      if (node !== undefined) index.files.set(node, file);
    }
  }
  for (const [siteKey, walks] of coverage.walks) {
    const root = sites.get(siteKey)?.root;
    if (root === undefined) continue;
    for (const walk of walks) {
      const node = existingNode(root, pathSegments(walk.path.toLowerCase()));
      // At one path the first walk listed counts.
      if (node !== undefined && !index.walks.has(node)) index.walks.set(node, walk);
    }
  }
  return index;
}

function existingNode(root: PathNode, segments: readonly string[]): PathNode | undefined {
  let node: PathNode | undefined = root;
  for (const segment of segments) {
    node = childAt(node, segment.toLowerCase());
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * For a scope where the section is unlocked at its path or above: every path from the site root
 * down to the scope's own path where the section is unlocked (a web.config there could change
 * the scope) that has no readable web.config entry, each saying what is missing. Empty when the
 * snapshot holds (or knows the absence of) every web.config that could change it. `node` is the
 * scope's node and `depths` ascending; each path is named as the scope's path writes it.
 */
export function webConfigGaps(
  scope: AnonymousScope,
  node: PathNode,
  depths: readonly number[],
  index: CoverageIndex,
): string[] {
  const chain: PathNode[] = [];
  for (let current: PathNode | null = node; current !== null; current = current.parent) chain.push(current);
  chain.reverse();
  const segments = pathSegments(scope.path);
  const gaps: string[] = [];
  let nearest: NearestWalk | undefined;
  let path = '/';
  for (let depth = 0, next = 0; depth < chain.length && next < depths.length; depth++) {
    if (depth > 0) path = depth === 1 ? `/${segments[0]}` : `${path}/${segments[depth - 1]}`;
    const walk = index.walks.get(chain[depth]!);
    // The deepest walk at or above the path decides.
    if (walk !== undefined) nearest = { walk, depth };
    if (depths[next] !== depth) continue;
    next++;
    const entry = index.files.get(chain[depth]!);
    if (entry === undefined) {
      const missing = walkGap(nearest, depth);
      if (missing !== undefined) gaps.push(`${path} (${missing})`);
    } else if (entry.state === 'unreadable')
      gaps.push(`${path} (${entry.label} could not be read: ${entry.reason ?? 'no reason given'})`);
  }
  return gaps;
}

interface NearestWalk {
  walk: FolderWalk;
  /** Depth of the path the walk started at. */
  depth: number;
}

/**
 * Why a path with no entry may still hold a web.config, or undefined when the deepest folder walk
 * at or above it listed its folder (then it has none): no walk covers it, the walk stopped early,
 * or the path is deeper than the walk went.
 */
function walkGap(nearest: NearestWalk | undefined, depth: number): string | undefined {
  if (nearest === undefined) return 'no web.config was collected there';
  const { walk } = nearest;
  const levels = depth - nearest.depth;
  if (!walk.complete)
    return `no web.config was collected there: ${walk.label} stopped early: ${walk.reason ?? 'no reason given'}`;
  if (levels > walk.depth)
    return `no web.config was collected there: it is ${levels} folder levels below the start of ${walk.label}, which lists ${walk.depth}`;
  return undefined;
}
