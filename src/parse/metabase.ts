import { InputError, excerpt } from '../core/errors';
import { ARTIFACT_SIZE_LIMITS, formatBytes } from '../core/limits';
import type { AnonymousScope, ApplicationPool, Diagnostic, IisConfiguration } from '../core/model';
import { InheritanceResolver } from './metabase/inheritance';
import { isInWebServiceTree, readKeys, type MetabaseKey } from './metabase/keys';
import { buildScopes, writtenSegments } from './metabase/scopes';
import { DEFAULT_IDENTITY_TYPE } from './metabase/values';
import { parseXmlTree } from './xml';
import { SourceIndex } from './xml-source-index';

/**
 * IIS 6 `MetaBase.xml`: every metabase key is one element directly inside `<MBProperty>`,
 * named after its KeyType (`IIsWebServer`, `IIsWebVirtualDir`, ...) and placed by its
 * `Location` attribute, not by nesting. Keys may appear in any order, so the file is first read
 * into a map of keys by path and then resolved with metabase inheritance: an INHERIT property
 * set on a key applies to every key below it in the path unless a deeper key sets it again.
 * Inheritance follows the path whatever the ancestor's KeyType (IIS 6 Resource Kit, "Property
 * Inheritance"), so a generic `IIsConfigObject` key in the middle of a path counts too.
 */

const FORMAT = 'MetaBase.xml';

/**
 * Parses an IIS 6 MetaBase.xml and resolves the effective anonymous identity of every web site,
 * virtual directory and directory that overrides anonymous settings. Throws InputError for
 * malformed XML, a root other than <configuration>, or an invalid LogonMethod, AuthFlags or
 * AppPoolIdentityType value.
 */
export function parseMetabase(text: string, file: string): IisConfiguration {
  const limit = ARTIFACT_SIZE_LIMITS[FORMAT];
  if (text.length > limit)
    throw new InputError(file, {}, `a ${FORMAT} of at most ${formatBytes(limit)}`, `${text.length} characters`);
  const root = parseXmlTree(text, file);
  const source = new SourceIndex(text, root);
  if (root.local !== 'configuration') {
    throw new InputError(
      file,
      { line: source.lineOf(root), element: `<${root.name}>` },
      `<configuration> as the root element of ${FORMAT}`,
      `<${root.name}>`,
    );
  }
  const diagnostics: Diagnostic[] = [];
  const keys = readKeys(root, file, source, diagnostics);
  const resolver = new InheritanceResolver(keys);
  const applicationPools = readApplicationPools(keys, resolver, file, diagnostics);
  const scopes = buildScopes(keys, resolver, file, diagnostics);
  reportUnknownPools(scopes, applicationPools, file, diagnostics);
  return { file, format: FORMAT, iisMajorVersion: 6, applicationPools, scopes, diagnostics };
}

// ---------------------------------------------------------------------------------------------
// Application pools

/**
 * IIsApplicationPool keys (normally /LM/W3SVC/AppPools/<name>); the pool name is the last path
 * segment as written. IIS 6 pools log on as batch when they run as a specific user.
 */
function readApplicationPools(
  keys: ReadonlyMap<string, MetabaseKey>,
  resolver: InheritanceResolver,
  file: string,
  diagnostics: Diagnostic[],
): Map<string, ApplicationPool> {
  const pools = new Map<string, ApplicationPool>();
  for (const key of keys.values()) {
    if (key.keyType !== 'IIsApplicationPool' || !isInWebServiceTree(key.segments) || key.segments.length === 0)
      continue;
    const name = writtenSegments(key).pop() ?? '';
    const settings = resolver.resolve(key.path);
    const identityType = settings.appPoolIdentityType?.value ?? DEFAULT_IDENTITY_TYPE;
    const userName = identityType === 'SpecificUser' ? (settings.wamUserName?.value ?? '') : '';
    if (identityType === 'SpecificUser' && userName === '') {
      diagnostics.push({
        code: 'pool-user-missing',
        severity: 'warning',
        message: `Application pool ${excerpt(name)} runs as a specific user (AppPoolIdentityType 3) but no WAMUserName applies to it`,
        file,
        line: key.line,
      });
    }
    pools.set(name.toLowerCase(), { name, identityType, userName, logonType: 'LogonBatch', line: key.line });
  }
  return pools;
}

function reportUnknownPools(
  scopes: readonly AnonymousScope[],
  pools: ReadonlyMap<string, ApplicationPool>,
  file: string,
  diagnostics: Diagnostic[],
): void {
  const reported = new Set<string>();
  for (const scope of scopes) {
    const pool = scope.applicationPool;
    if (pool === null || pools.has(pool.toLowerCase()) || reported.has(pool.toLowerCase())) continue;
    reported.add(pool.toLowerCase());
    diagnostics.push({
      code: 'unknown-application-pool',
      severity: 'warning',
      message: `AppPoolId ${excerpt(pool)} (used by ${excerpt(scope.site)} ${excerpt(scope.path)}) names no IIsApplicationPool in this metabase`,
      file,
      ...(scope.line !== undefined ? { line: scope.line } : {}),
    });
  }
}
