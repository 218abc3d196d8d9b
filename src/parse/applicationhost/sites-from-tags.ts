import { InputError } from '../../core/errors';
import type { Diagnostic } from '../../core/model';
import type { XmlElement } from '../xml';
import type { XmlStartTag } from '../xml-events';
import { attribute, pathSegments, requiredAttribute, urlPath } from './attributes';
import { readConnectAs, type ConnectAsDefaults } from './connect-as';
import { duplicateApplication, newNode, noPool, noRootApplication, nodeAt, poolName } from './sites';
import { DIRECTORY_DEFAULTS, type StreamedSites } from './streamed-sites';
import {
  newApplication,
  type ApplicationRecord,
  type ParseContext,
  type PathNode,
  type PendingScope,
  type SiteRecord,
} from './types';

// A `<site>` read into its SiteRecord as its tags open, with no element objects: a 10,000-site
// file has some 60,000 kept elements in its sites, each an object with a children array that
// readSite walked once and dropped. The steps are readSite's, in its order, so the record and
// every diagnostic are the same.
//
// That holds for the sites IIS writes: applications with their directories, no defaults inside
// the site, a pool on every application or `<sites>`' applicationDefaults already met. A site
// with anything else (a default written after the applications it applies to, a pool still to
// come, an error whose message depends on such a default) is "unusual": its tags, logged as they
// opened, become elements when it closes, and readSite reads them as before (streamed-sites.ts).

export class SitesFromTags {
  private readonly context: ParseContext;
  private readonly sites: StreamedSites;
  private usual = true;
  // The site's kept tags as they opened, for an unusual one: parallel arrays reused from site to
  // site, so a usual site costs six stores per tag and no object.
  private logged = 0;
  private readonly depths: number[] = [];
  private readonly names: string[] = [];
  private readonly locals: string[] = [];
  private readonly uris: string[] = [];
  private readonly attributeSets: Record<string, string>[] = [];
  private readonly lines: number[] = [];

  private name = '';
  private line = 0;
  private root: PathNode = newNode(null);
  private defaultPool: string | undefined;
  private directoryDefaults: ConnectAsDefaults = [];
  private diagnostics: Diagnostic[] | undefined;
  /** The site's applications read so far, linked in document order (SiteRecord.firstApplication). */
  private firstApplication: ApplicationRecord | undefined;
  private lastApplication: ApplicationRecord | undefined;
  // readSite's directories array, reused: the record gets a copy sized exactly.
  private readonly directories: PendingScope[] = [];
  private directoryCount = 0;
  /** The open application; none while a duplicate application's directories are skipped. */
  private openApplication: ApplicationRecord | undefined;
  private prefix = '';
  /** Which of `<sites>`' virtualDirectoryDefaults attributes the site's directories fall back to (one bit each). */
  private consulted = 0;

  constructor(sites: StreamedSites, context: ParseContext) {
    this.sites = sites;
    this.context = context;
  }

  /** A `<site>` of `<sites>` opens. */
  start(tag: XmlStartTag): void {
    this.usual = true;
    this.logged = 0;
    this.log(0, tag);
    this.diagnostics = undefined;
    this.firstApplication = undefined;
    this.lastApplication = undefined;
    this.directoryCount = 0;
    this.openApplication = undefined;
    this.consulted = 0;
    const sites = this.sites;
    this.defaultPool = sites.serverDefaultPool;
    const serverDirectoryDefaults = sites.serverDirectoryDefaults;
    if (this.directoryDefaults[0] !== serverDirectoryDefaults)
      this.directoryDefaults = serverDirectoryDefaults === undefined ? [] : [serverDirectoryDefaults];
    this.line = tag.line;
    this.root = newNode(null);
    try {
      this.name = requiredAttribute(this.context, tag, 'name');
    } catch (error) {
      this.unusualOn(error);
    }
  }

  /** A kept tag inside the site opens, `depth` levels below it. */
  open(tag: XmlStartTag, depth: number): void {
    this.log(depth, tag);
    if (depth === 1 ? tag.local !== 'application' : tag.local !== 'virtualDirectory') {
      // A default inside the site or its application: readSite looks for it before anything else.
      this.usual = false;
      return;
    }
    if (!this.usual) return;
    try {
      if (depth === 1) this.application(tag);
      else this.directory(tag);
    } catch (error) {
      this.unusualOn(error);
    }
  }

  /** The site closes: its record, or its elements for readSite when it is unusual. */
  finish(): void {
    if (this.usual && this.root.application === undefined && !this.sites.serverDefaultsSeen) this.usual = false;
    if (!this.usual) {
      this.sites.siteClosed(this.elements());
      return;
    }
    const name = this.name;
    const root = this.root;
    let firstApplication = this.firstApplication;
    let rootApplication = root.application;
    if (rootApplication === undefined) {
      const pool = poolName(this.defaultPool);
      rootApplication = newApplication(root, '/', pool, this.line);
      rootApplication.nextApplication = firstApplication;
      firstApplication = rootApplication;
      this.diagnostic(noRootApplication(name, pool, this.line, this.context));
    }
    const site: SiteRecord = {
      name,
      line: this.line,
      root,
      firstApplication: firstApplication ?? rootApplication,
      rootApplication,
      directories: this.directoryCount === 0 ? undefined : this.directories.slice(0, this.directoryCount),
      later: undefined,
    };
    this.sites.siteRead(site, this.line, this.diagnostics, this.consulted);
  }

  private application(tag: XmlStartTag): void {
    const context = this.context;
    const pooled = attribute(tag, 'applicationPool');
    // readSite would take `<sites>`' applicationDefaults pool, which is still to come.
    if (pooled === undefined && !this.sites.serverDefaultsSeen) {
      this.usual = false;
      return;
    }
    const segments = pathSegments(requiredAttribute(context, tag, 'path'));
    const node = nodeAt(this.root, segments);
    const applicationPath = urlPath(segments);
    if (node.application !== undefined) {
      this.diagnostic(duplicateApplication(this.name, applicationPath, tag.line, context));
      this.openApplication = undefined;
      return;
    }
    const pool = poolName(pooled ?? this.defaultPool);
    if (pool === null) this.diagnostic(noPool(this.name, applicationPath, tag.line, context));
    const application = newApplication(node, applicationPath, pool, tag.line);
    if (this.lastApplication === undefined) this.firstApplication = application;
    else this.lastApplication.nextApplication = application;
    this.lastApplication = application;
    this.openApplication = application;
    this.prefix = segments.length === 0 ? '' : applicationPath;
  }

  private directory(tag: XmlStartTag): void {
    // readSite skips a duplicate application's directories; the connect-as defaults check does not.
    if (this.directoryDefaults.length === 0)
      for (let index = 0; index < DIRECTORY_DEFAULTS.length; index++)
        if (tag.attributes[DIRECTORY_DEFAULTS[index]!] === undefined) this.consulted |= 1 << index;
    const application = this.openApplication;
    if (application === undefined) return;
    const context = this.context;
    const directorySegments = pathSegments(requiredAttribute(context, tag, 'path'));
    const connectAs = readConnectAs(context, tag, this.directoryDefaults);
    if (directorySegments.length === 0) {
      // The root directory's content is the application's own: its scope carries the account.
      if (connectAs !== undefined && application.connectAs === undefined) application.connectAs = connectAs;
      return;
    }
    const scope: PendingScope = {
      node: nodeAt(application, directorySegments),
      path: this.prefix + urlPath(directorySegments),
      kind: 'virtual-directory',
      line: tag.line,
    };
    if (connectAs !== undefined) scope.connectAs = connectAs;
    this.directories[this.directoryCount++] = scope;
  }

  private diagnostic(diagnostic: Diagnostic): void {
    (this.diagnostics ??= []).push(diagnostic);
  }

  /** An error while reading: readSite, reading the elements, gives it (or none) in its own order. */
  private unusualOn(error: unknown): void {
    if (!(error instanceof InputError)) throw error;
    this.usual = false;
  }

  private log(depth: number, tag: XmlStartTag): void {
    const at = this.logged++;
    this.depths[at] = depth;
    this.names[at] = tag.name;
    this.locals[at] = tag.local;
    this.uris[at] = tag.uri;
    this.attributeSets[at] = tag.attributes;
    this.lines[at] = tag.line;
  }

  /** The logged tags as the elements the streamed reader would have built. */
  private elements(): XmlElement {
    const open: XmlElement[] = [];
    for (let at = 0; at < this.logged; at++) {
      const element: XmlElement = {
        name: this.names[at]!,
        local: this.locals[at]!,
        uri: this.uris[at]!,
        attributes: this.attributeSets[at]!,
        children: [],
        text: '',
        line: this.lines[at]!,
      };
      const depth = this.depths[at]!;
      if (depth > 0) open[depth - 1]!.children.push(element);
      open[depth] = element;
    }
    return open[0]!;
  }
}
