/**
 * IIS 7+ `applicationHost.config`: application pools, sites with their applications and virtual
 * directories, and the effective `anonymousAuthentication` at every site, application, virtual
 * directory and `<location>` path, resolved the way IIS merges configuration (server level, then
 * location tags from the site down, attribute by attribute).
 *
 * The model is built straight from the XML events, each site and location as its element
 * closes (applicationhost/streamed.ts), so the file's element tree is never held whole; a file
 * laid out otherwise than IIS writes it, or one with an error, is read from its element tree of
 * the elements this needs instead, with the same result. Every path lookup goes through a
 * per-site tree of path segments, so time and memory stay linear in the size of the file (a
 * 100,000-site file is a real case for hosting servers).
 *
 * Choices where IIS documentation is silent or the file is one IIS itself would not load:
 * - An application's pool comes from its own `applicationPool`, else the site's
 *   `<applicationDefaults>`, else `<sites><applicationDefaults>`. The IIS schema gives that
 *   attribute no default, so with none of them the pool is null (unknown) and a
 *   `no-application-pool` warning says so; nothing guesses DefaultAppPool.
 * - A site without `<application path="/">` still gets its "/" scope, served by a placeholder
 *   root application with the applicationDefaults pool, and a `no-root-application` warning.
 * - `<location path="">`, `path="."` and a location without `path` are the server level, merged
 *   with the root `<system.webServer>` in file order. With inheritInChildApplications="false" a
 *   server-level location reaches no site (every site root is a child application of it).
 * - Location paths: empty segments (leading, trailing or doubled slashes) are ignored and
 *   segments compare case-insensitively; the first segment must name a defined site, else the
 *   location is an `orphan-location` warning and yields no scope.
 * - Duplicate pools, sites or applications (which IIS refuses to load) are warnings; the first
 *   definition wins.
 * - The identityType default is ApplicationPoolIdentity (IIS 7.5+); IIS 7.0 used NetworkService,
 *   but applicationHost.config never says which version wrote it, so a pool whose identityType
 *   no attribute sets is marked `identityTypeDefaulted` and the engine decides with host.json.
 * - A virtual directory's connect-as credentials (userName, password, logonMethod) fall back
 *   attribute by attribute to the nearest virtualDirectoryDefaults (application, site, sites);
 *   the root directory's account belongs to its application's scope.
 * - Collected web.config files (webconfigs.json) are applied where the section is unlocked, as
 *   applicationhost/webconfigs.ts describes; where it is locked they are a warning (HTTP 500.19).
 *   Whether it is locked is decided per path, nearest lock first (applicationhost/section-lock.ts).
 */
import { InputError, excerpt } from '../core/errors';
import type { IisConfiguration } from '../core/model';
import { readAnonymousSettingsAndLocations } from './applicationhost/anonymous';
import { keepElement } from './applicationhost/keep';
import { readApplicationPools } from './applicationhost/pools';
import { buildScopes } from './applicationhost/scopes';
import { reportDefinitionConflicts, sectionDefinition } from './applicationhost/section-definition';
import { declaredSectionLock } from './applicationhost/section-lock';
import { readSites, reportUnknownPools } from './applicationhost/sites';
import { readApplicationHostStreamed, type StreamedApplicationHost } from './applicationhost/streamed';
import type { ParseContext } from './applicationhost/types';
import { applyWebConfigs, coverageOf, markRefusedPaths } from './applicationhost/webconfigs';
import { wholeText, type TextSource } from './large-text';
import type { WebConfigSet } from './webconfig';
import { parseXmlTree } from './xml';

export { SCHEMA_DEFAULT_ORIGIN } from './applicationhost/attributes';

/**
 * Parses an IIS 7+ applicationHost.config, with the web.config files collected beside it. Throws InputError for malformed XML, a root element
 * other than `<configuration>`, a missing required key (pool, site or application name/path) or
 * an enum/boolean value IIS would not accept. Facts that do not make the file unusable (a
 * location naming no site, an application without a pool) become diagnostics.
 */
export function parseApplicationHostConfig(
  text: TextSource,
  file: string,
  webConfigs?: WebConfigSet,
): IisConfiguration {
  let context: ParseContext = { file, diagnostics: [] };
  let read = readApplicationHostStreamed(text, context);
  if (read === undefined) {
    context = { file, diagnostics: [] };
    read = readApplicationHostTree(wholeText(text), context);
  }
  return buildConfiguration(read, context, webConfigs);
}

/**
 * The same model from the whole element tree: for a file the streamed reading declines (an
 * error, or a layout other than IIS's own), where each reader sees the whole file.
 */
export function readApplicationHostTree(text: string, context: ParseContext): StreamedApplicationHost {
  const root = parseXmlTree(text, context.file, { keep: keepElement });
  if (root.local !== 'configuration') {
    throw new InputError(
      context.file,
      { line: root.line },
      'the root element <configuration> of an applicationHost.config',
      `root element ${excerpt(`<${root.name}>`)}`,
    );
  }
  const declaredLock = declaredSectionLock(root, context);
  const applicationPools = readApplicationPools(root, context);
  const sites = readSites(root, context);
  const server = readAnonymousSettingsAndLocations(root, sites, context);
  return { root, declaredLock, applicationPools, sites, server };
}

export function buildConfiguration(
  read: StreamedApplicationHost,
  context: ParseContext,
  webConfigs: WebConfigSet | undefined,
): IisConfiguration {
  const { root, declaredLock, applicationPools, sites } = read;
  const { serverSettings, serverLock: locationLock } = read.server;
  // A server-level <location overrideMode> is nearer to every path than the section's declaration.
  const serverLock = locationLock ?? declaredLock;
  // web.config files sit after applicationHost.config's location tags for the same path.
  const definition = sectionDefinition(root, context);
  reportDefinitionConflicts(definition, sites, serverSettings, context);
  const refused =
    webConfigs === undefined
      ? []
      : applyWebConfigs(webConfigs, sites, { server: serverLock, serverSettings, definition }, context);
  const scopes = buildScopes(
    sites,
    serverSettings,
    serverLock,
    webConfigs === undefined ? undefined : coverageOf(webConfigs),
  );
  markRefusedPaths(scopes, refused);
  reportUnknownPools(sites, applicationPools, context);
  return {
    file: context.file,
    format: 'applicationHost.config',
    iisMajorVersion: null,
    applicationPools,
    scopes,
    diagnostics: context.diagnostics,
  };
}
