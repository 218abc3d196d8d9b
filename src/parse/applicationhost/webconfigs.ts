import type { AnonymousScope } from '../../core/model';
import type { FolderWalk, WebConfigFile, WebConfigSet } from '../webconfig';
import { pathSegments, urlPath } from './attributes';
import { nodeAt } from './sites';
import type { ParseContext, SiteRecord } from './types';
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
      (node.locations ??= []).push({
        inheritInChildApplications: section.inheritInChildApplications,
        settings: section.settings,
      });
      site.pending.push({ node, path: urlPath(segments), kind: 'location' });
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

/**
 * For a scope where the section is unlocked at its path or above: every path from the site root
 * down to the scope's own path where the section is unlocked (a web.config there could change
 * the scope) that has no readable web.config entry, each saying what is missing. Empty when the
 * snapshot holds (or knows the absence of) every web.config that could change it.
 */
export function webConfigGaps(scope: AnonymousScope, depths: readonly number[], coverage: WebConfigCoverage): string[] {
  const segments = pathSegments(scope.path);
  const site = scope.site.toLowerCase();
  const paths = coverage.files.get(site);
  const walks = coverage.walks.get(site);
  const gaps: string[] = [];
  for (const depth of depths) {
    const path = urlPath(segments.slice(0, depth));
    const entry = paths?.get(path.toLowerCase());
    if (entry === undefined) {
      const missing = walkGap(walks, path);
      if (missing !== undefined) gaps.push(`${path} (${missing})`);
    } else if (entry.state === 'unreadable')
      gaps.push(`${path} (${entry.label} could not be read: ${entry.reason ?? 'no reason given'})`);
  }
  return gaps;
}

/**
 * Why a path with no entry may still hold a web.config, or undefined when the deepest folder walk
 * at or above it listed its folder (then it has none): no walk covers it, the walk stopped early,
 * or the path is deeper than the walk went.
 */
function walkGap(walks: readonly FolderWalk[] | undefined, path: string): string | undefined {
  const segments = pathSegments(path.toLowerCase());
  let nearest: { walk: FolderWalk; levels: number } | undefined;
  for (const walk of walks ?? []) {
    const root = pathSegments(walk.path.toLowerCase());
    if (root.length > segments.length || root.some((segment, index) => segment !== segments[index])) continue;
    if (nearest === undefined || root.length > segments.length - nearest.levels)
      nearest = { walk, levels: segments.length - root.length };
  }
  if (nearest === undefined) return 'no web.config was collected there';
  if (!nearest.walk.complete)
    return `no web.config was collected there: ${nearest.walk.label} stopped early: ${nearest.walk.reason ?? 'no reason given'}`;
  if (nearest.levels > nearest.walk.depth)
    return `no web.config was collected there: it is ${nearest.levels} folder levels below the start of ${nearest.walk.label}, which lists ${nearest.walk.depth}`;
  return undefined;
}
