import type { ApplicationPool } from '../../core/model';
import { InputError } from '../../core/errors';
import type { TextSource } from '../large-text';
import { elementOf, type XmlElement } from '../xml';
import { readXmlEvents, type XmlEventHandlers, type XmlStartTag } from '../xml-events';
import { readServerLevelOrLocation, type ServerLevelSettings } from './anonymous';
import { KEEP_TREE, KeepTree } from './keep';
import { PoolsFromTags } from './pools-from-tags';
import { declaredSectionLock, type SectionLock } from './section-lock';
import { LocationsFromTags } from './locations-from-tags';
import { SitesFromTags } from './sites-from-tags';
import { DECLINED, StreamedSites } from './streamed-sites';
import type { ParseContext, SiteRecord } from './types';

// applicationHost.config read straight from the XML events: each part of the file is read into
// the IIS model as soon as its element closes, so the file's element tree never exists as a whole
// (a 10,000-site file keeps over 100,000 elements). The pools, the sites and the locations are
// read from their tags with no element at all (pools-, sites- and locations-from-tags.ts); the
// rest (the section declarations, the server level) as elements, dropped once read.
//
// The readers are the ones the element-tree path (applicationhost.ts) calls, on the same
// elements, in the same order, so every diagnostic is the same. That order (the section
// declaration, then every pool, every site, then the server level and the locations in document
// order) is the file's own order in every layout IIS writes; a file laid out otherwise, one where
// a later element would change what an earlier site was read with, and any file with an error
// (whose message must name the first error in that order, after any well-formedness error
// anywhere in the file) is declined: the caller then reads the element tree, as before.

/** What the element-tree path computes before sectionDefinition, and the root holding `<configSections>`. */
export interface StreamedApplicationHost {
  root: XmlElement;
  declaredLock: SectionLock;
  applicationPools: Map<string, ApplicationPool>;
  sites: Map<string, SiteRecord>;
  server: ServerLevelSettings;
}

/** The keep-tree position of a `<configSections>` descendant: sectionGroups nest to any depth. */
const SECTIONS = new KeepTree();

/** Stands in the open elements for a part read from its tags (the pools, a site, a location) or a tag inside it. */
function standIn(name: string): XmlElement {
  return elementOf({ name, local: name, uri: '', attributes: {}, line: 0 });
}
const SITE_FROM_TAGS = standIn('#site');
const IN_SITE_FROM_TAGS = standIn('#in-site');
const POOLS_FROM_TAGS = standIn('#pools');
const IN_POOLS_FROM_TAGS = standIn('#in-pools');
const LOCATION_FROM_TAGS = standIn('#location');
const IN_LOCATION_FROM_TAGS = standIn('#in-location');

/** The model of an applicationHost.config, or undefined where the element-tree path must read it. */
export function readApplicationHostStreamed(
  text: TextSource,
  context: ParseContext,
): StreamedApplicationHost | undefined {
  let reader = new StreamedReader(context);
  const handlers: XmlEventHandlers = {
    keeps: (local) => reader.keeps(local),
    open: (tag) => reader.open(tag),
    close: () => reader.close(),
    restart: () => {
      context.diagnostics.length = 0;
      reader = new StreamedReader(context);
    },
  };
  try {
    readXmlEvents(text, context.file, {}, handlers);
    return reader.finish();
  } catch (error) {
    if (error === DECLINED) return undefined;
    throw error;
  }
}

/** An error met while reading is the element-tree path's to report, after any error saxes finds further on. */
function declinedFor(error: unknown): unknown {
  return error instanceof InputError ? DECLINED : error;
}

class StreamedReader {
  private readonly context: ParseContext;
  private root!: XmlElement;
  /** Open elements: the kept ones, and null for one inside a dropped element. */
  private readonly openElements: (XmlElement | null)[] = [];
  private readonly keepNodes: (KeepTree | undefined)[] = [];
  /** The name keeps() was last asked about and its answer, until that element opens. */
  private askedLocal: string | undefined;
  private askedNode: KeepTree | undefined;
  private declaredLock: SectionLock | undefined;
  private applicationPools = new Map<string, ApplicationPool>();
  private readonly sites: StreamedSites;
  private readonly sitesFromTags: SitesFromTags;
  private readonly locationsFromTags: LocationsFromTags;
  private readonly poolsFromTags: PoolsFromTags;
  private readonly server: ServerLevelSettings = { serverSettings: [], serverLock: undefined };
  private hostSeen = false;
  private hostClosed = false;
  private poolsSeen = false;
  private sitesSeen = false;

  constructor(context: ParseContext) {
    this.context = context;
    this.sites = new StreamedSites(context);
    this.sitesFromTags = new SitesFromTags(this.sites, context);
    this.locationsFromTags = new LocationsFromTags(context);
    this.poolsFromTags = new PoolsFromTags(context);
  }

  /** Whether an element of that name opening now is kept (the plain reader then builds its attributes). */
  keeps(local: string): boolean {
    if (this.openElements.length === 0) return true;
    // The start tag asked about opens next: open() takes the answer instead of looking it up again.
    this.askedLocal = local;
    this.askedNode = this.keepNode(local);
    return this.askedNode !== undefined;
  }

  /** The keep-tree position of an element of that name opening now, or undefined when it is dropped. */
  private keepNode(local: string): KeepTree | undefined {
    const depth = this.openElements.length;
    const parentNode = this.keepNodes[depth - 1];
    if (parentNode === SECTIONS) return local === 'section' || local === 'sectionGroup' ? SECTIONS : undefined;
    if (parentNode === undefined) return undefined;
    return depth === 1 && local === 'configSections' ? SECTIONS : parentNode.get(local);
  }

  open(tag: XmlStartTag): void {
    const depth = this.openElements.length;
    if (depth === 0) {
      if (tag.local !== 'configuration') throw DECLINED;
      this.root = elementOf(tag);
      this.openElements.push(this.root);
      this.keepNodes.push(KEEP_TREE);
      return;
    }
    const node = this.askedLocal === tag.local ? this.askedNode : this.keepNode(tag.local);
    this.askedLocal = undefined;
    this.keepNodes.push(node);
    if (node === undefined) {
      this.openElements.push(null);
      return;
    }
    if (depth > 1 && this.openElements[1] === LOCATION_FROM_TAGS) {
      this.openElements.push(IN_LOCATION_FROM_TAGS);
      // The kept tags below a location: system.webServer, security, authentication, and this one.
      if (depth === 5)
        try {
          this.locationsFromTags.anonymous(tag);
        } catch (error) {
          throw declinedFor(error);
        }
      return;
    }
    if (depth === 1 && tag.local === 'location') {
      this.opened('location', LOCATION_FROM_TAGS, 1);
      this.openElements.push(LOCATION_FROM_TAGS);
      try {
        this.locationsFromTags.start(tag);
      } catch (error) {
        throw declinedFor(error);
      }
      return;
    }
    if (depth > 2 && this.openElements[2] === POOLS_FROM_TAGS) {
      this.openElements.push(IN_POOLS_FROM_TAGS);
      try {
        this.poolsFromTags.open(tag, depth - 2);
      } catch (error) {
        throw declinedFor(error);
      }
      return;
    }
    if (depth === 2 && tag.local === 'applicationPools') {
      this.opened('applicationPools', POOLS_FROM_TAGS, 2);
      this.openElements.push(POOLS_FROM_TAGS);
      return;
    }
    if (depth > 3 && this.openElements[3] === SITE_FROM_TAGS) {
      this.openElements.push(IN_SITE_FROM_TAGS);
      this.sitesFromTags.open(tag, depth - 3);
      return;
    }
    if (depth === 3 && tag.local === 'site' && this.openElements[2]!.local === 'sites') {
      this.openElements.push(SITE_FROM_TAGS);
      this.sitesFromTags.start(tag);
      return;
    }
    const element = elementOf(tag);
    this.openElements[depth - 1]!.children.push(element);
    this.openElements.push(element);
    this.opened(element.local, element, depth);
  }

  close(): void {
    const element = this.openElements.pop();
    this.keepNodes.pop();
    if (element !== null && element !== undefined) this.closed(element, this.openElements.length);
  }

  /** Checks, as each part opens, that the file's order is the one the readers' order needs. */
  private opened(local: string, element: XmlElement, depth: number): void {
    if (depth === 1) {
      if (local === 'configSections') {
        if (this.declaredLock !== undefined) throw DECLINED;
        return;
      }
      this.readDeclaration();
      if (local === 'system.applicationHost') {
        if (this.hostSeen) throw DECLINED;
        this.hostSeen = true;
      } else if (!this.hostClosed) {
        // The server level and locations are read after every site.
        throw DECLINED;
      }
    } else if (depth === 2 && this.openElements[1]!.local === 'system.applicationHost') {
      if (local === 'applicationPools') {
        if (this.poolsSeen || this.sitesSeen) throw DECLINED;
        this.poolsSeen = true;
      } else if (local === 'sites') {
        if (this.sitesSeen) throw DECLINED;
        this.sitesSeen = true;
      }
    } else if (depth === 3 && this.openElements[2]!.local === 'sites' && local !== 'site') {
      this.sites.defaultsOpened(element);
    }
  }

  /** Reads each part as it closes, and drops its elements. */
  private closed(element: XmlElement, depth: number): void {
    const parent = this.openElements[depth - 1];
    try {
      if (element === LOCATION_FROM_TAGS) {
        this.locationsFromTags.finish(this.sites.sites, this.server);
      } else if (depth === 1) {
        if (element.local === 'system.applicationHost') {
          this.hostClosed = true;
          parent!.children.pop();
        } else if (element.local !== 'configSections') {
          readServerLevelOrLocation(element, this.sites.sites, this.server, this.context);
          parent!.children.pop();
        }
      } else if (element === POOLS_FROM_TAGS) {
        this.applicationPools = this.poolsFromTags.finish();
      } else if (depth === 2 && element.local === 'sites') {
        this.sites.sectionClosed();
      } else if (element === SITE_FROM_TAGS) {
        this.sitesFromTags.finish();
      }
    } catch (error) {
      // The element-tree path reports it, after any error saxes finds further on.
      if (error instanceof InputError) throw DECLINED;
      throw error;
    }
  }

  private readDeclaration(): void {
    if (this.declaredLock !== undefined) return;
    try {
      this.declaredLock = declaredSectionLock(this.root, this.context);
    } catch (error) {
      if (error instanceof InputError) throw DECLINED;
      throw error;
    }
  }

  finish(): StreamedApplicationHost {
    // A file without system.applicationHost is rare enough for the element-tree path.
    if (!this.hostClosed) throw DECLINED;
    return {
      root: this.root,
      declaredLock: this.declaredLock!,
      applicationPools: this.applicationPools,
      sites: this.sites.sites,
      server: this.server,
    };
  }
}
