/**
 * webconfigs.json: the web.config files the collector read where anonymousAuthentication is
 * unlocked (schemas/webconfigs.schema.json). Each entry names a site, the URL path the file
 * applies at and where the file is on the host, and holds the file's text, or says that the
 * folder has none, or why it could not be read. folderWalks say which plain folder trees below
 * those paths the collector listed, so a web.config missing there is known to be absent.
 *
 * Site names, paths and file paths are hostile data: they are labels for messages and keys into
 * the site's path tree, and nothing here or anywhere in the engine opens a file they name.
 *
 * Only `<system.webServer><security><authentication><anonymousAuthentication>` is read, at the
 * file's own level and inside `<location path>` (a path relative to the file's folder).
 */
import { InputError, excerpt } from '../core/errors';
import type { Diagnostic } from '../core/model';
import { MAX_WEB_CONFIG_LENGTH, formatBytes } from '../core/limits';
import { anonymousElementsIn, readAnonymousElement } from './applicationhost/anonymous';
import { attribute, booleanAttribute, pathSegments, urlPath } from './applicationhost/attributes';
import { keepElement } from './applicationhost/keep';
import { locationSectionLock, type SectionLock } from './applicationhost/section-lock';
import type { AnonymousSetting, ParseContext } from './applicationhost/types';
import { validateAgainstSchema } from './schema-validation';
import { childrenNamed, parseXmlTree, type XmlElement } from './xml';

/** The anonymousAuthentication elements one web.config writes for one path. */
export interface WebConfigSection {
  /** Segments below the file's own path: [] for the file's level, ['sub'] for `<location path="sub">`. */
  segments: string[];
  inheritInChildApplications: boolean;
  settings: AnonymousSetting[];
  line: number;
  /** Written inside a `<location>` tag (allowLocation="false" refuses it there). */
  inLocation: boolean;
  /** The lock its `<location overrideMode>` (or allowOverride="false") writes for the web.config files below. */
  lock?: SectionLock;
}

export interface WebConfigFile {
  site: string;
  /** Site-relative URL path the file applies at, normalised: `/`, `/app`. */
  path: string;
  physicalPath: string;
  state: 'read' | 'absent' | 'unreadable';
  reason?: string;
  /** For messages: the web.config's location on the host and the entry in webconfigs.json. */
  label: string;
  sections: WebConfigSection[];
  /** What reading its `<location>` tags noticed (an ambiguous lock, for instance). */
  diagnostics: Diagnostic[];
}

/** A folder tree the collector listed: every web.config within `depth` levels below `path` is in `files`. */
export interface FolderWalk {
  site: string;
  /** Site-relative URL path the walk started at, normalised. */
  path: string;
  depth: number;
  complete: boolean;
  reason?: string;
  /** For messages: `the folder walk below "D:\\blog" (site "Blog" path /)`. */
  label: string;
}

export interface WebConfigSet {
  file: string;
  files: WebConfigFile[];
  /** Empty when the collector recorded none (older snapshots): then only listed paths count as looked at. */
  walks: FolderWalk[];
}

interface FolderWalkJson {
  site: string;
  path: string;
  physicalPath: string;
  depth: number;
  complete: boolean;
  reason?: string;
}

interface WebConfigEntryJson {
  site: string;
  path: string;
  physicalPath: string;
  state: 'read' | 'absent' | 'unreadable';
  text?: string;
  reason?: string;
}

/** Validates webconfigs.json and parses the text of every web.config it holds. */
export function parseWebConfigs(value: unknown, file: string): WebConfigSet {
  validateAgainstSchema('webconfigs', value, file);
  const { webConfigs: entries, folderWalks = [] } = value as {
    webConfigs: WebConfigEntryJson[];
    folderWalks?: FolderWalkJson[];
  };
  return {
    file,
    files: entries.map((entry, index) => parseEntry(entry, file, `/webConfigs/${index}`)),
    walks: folderWalks.map((walk) => {
      const path = urlPath(pathSegments(walk.path));
      const parsed: FolderWalk = {
        site: walk.site,
        path,
        depth: walk.depth,
        complete: walk.complete,
        label: `the folder walk below "${plainLabel(walk.physicalPath)}" (site "${plainLabel(walk.site)}" path ${plainLabel(path)})`,
      };
      if (walk.reason !== undefined) parsed.reason = walk.reason;
      return parsed;
    }),
  };
}

function parseEntry(entry: WebConfigEntryJson, file: string, pointer: string): WebConfigFile {
  const path = urlPath(pathSegments(entry.path));
  const label = `web.config "${plainLabel(entry.physicalPath)}" (site "${plainLabel(entry.site)}" path ${plainLabel(path)})`;
  const parsed: WebConfigFile = {
    site: entry.site,
    path,
    physicalPath: entry.physicalPath,
    state: entry.state,
    label,
    sections: [],
    diagnostics: [],
  };
  if (entry.reason !== undefined) parsed.reason = entry.reason;
  if (entry.state !== 'read' || entry.text === undefined) return parsed;
  if (entry.text.length > MAX_WEB_CONFIG_LENGTH)
    throw new InputError(
      file,
      { pointer: `${pointer}/text` },
      `a web.config of at most ${formatBytes(MAX_WEB_CONFIG_LENGTH)} characters`,
      `${entry.text.length} characters`,
    );
  try {
    parsed.sections = readSections(entry.text, label, parsed.diagnostics);
  } catch (error) {
    // The web.config's own line and column, inside the entry that holds its text.
    if (!(error instanceof InputError)) throw error;
    throw new InputError(
      file,
      { ...error.location, pointer: `${pointer}/text` },
      `${error.expected} in ${label}`,
      error.found,
    );
  }
  return parsed;
}

/** Errors here name the web.config's label; parseEntry re-anchors them in webconfigs.json. */
function readSections(text: string, label: string, diagnostics: Diagnostic[]): WebConfigSection[] {
  // A web.config has no DOCTYPE either; the same strict, bounded reader as applicationHost.config.
  const root = parseXmlTree(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, label, { keep: keepElement });
  if (root.local !== 'configuration')
    throw new InputError(
      label,
      { line: root.line },
      'the root element <configuration>',
      `root element ${excerpt(`<${root.name}>`)}`,
    );
  const context: ParseContext = { file: label, diagnostics };
  const sections: WebConfigSection[] = [];
  for (const child of root.children) {
    if (child.local === 'system.webServer') {
      const settings = settingsIn(context, child, label);
      if (settings.length > 0)
        sections.push({
          segments: [],
          inheritInChildApplications: true,
          settings,
          line: child.line,
          inLocation: false,
        });
    } else if (child.local === 'location') {
      const writtenPath = attribute(child, 'path') ?? '';
      const segments = pathSegments(writtenPath).filter((segment) => segment !== '.');
      const origin = `<location path="${writtenPath}"> in ${label}`;
      const settings = childrenNamed(child, 'system.webServer').flatMap((webServer) =>
        settingsIn(context, webServer, origin),
      );
      const inheritInChildApplications = booleanAttribute(context, child, 'inheritInChildApplications') ?? true;
      if (settings.length === 0) continue;
      const section: WebConfigSection = {
        segments,
        inheritInChildApplications,
        settings,
        line: child.line,
        inLocation: true,
      };
      // A lock here binds the web.config files below this one (webconfig-locks.ts), not this file.
      const lock = locationSectionLock(context, child, writtenPath);
      if (lock !== undefined) section.lock = { ...lock, owner: label };
      sections.push(section);
    }
  }
  return sections;
}

/** Hostile text for a label: one line, bounded, backslashes kept as written (Windows paths). */
function plainLabel(text: string): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f"]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}...` : oneLine;
}

function settingsIn(context: ParseContext, webServer: XmlElement, origin: string): AnonymousSetting[] {
  return anonymousElementsIn(webServer).map((element) => readAnonymousElement(context, element, origin));
}
