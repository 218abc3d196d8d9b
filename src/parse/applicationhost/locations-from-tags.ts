import type { XmlStartTag } from '../xml-events';
import {
  openLocation,
  placeLocation,
  readAnonymousElement,
  type LocationOpened,
  type ServerLevelSettings,
} from './anonymous';
import type { AnonymousSetting, ParseContext, SiteRecord } from './types';

// A `<location>` of applicationHost.config read as its tags open: its start tag when it opens,
// each anonymousAuthentication setting as its tag opens, and the location placed when it closes.
// A 10,000-site file has a location per site, each five elements deep (location,
// system.webServer, security, authentication, anonymousAuthentication), which
// readServerLevelOrLocation walked once and dropped. The steps and their order are that
// function's: the start tag's attributes, the settings in document order, then the lock and
// every diagnostic at the close.

export class LocationsFromTags {
  private readonly context: ParseContext;
  private location: LocationOpened | undefined;
  /** The open location's settings, reused from location to location: its tag keeps the settings, not the array. */
  private readonly settings: AnonymousSetting[] = [];
  private settingCount = 0;

  constructor(context: ParseContext) {
    this.context = context;
  }

  /** A `<location>` opens. */
  start(tag: XmlStartTag): void {
    this.settingCount = 0;
    this.location = openLocation(this.context, tag);
  }

  /** An `<anonymousAuthentication>` of the open location opens. */
  anonymous(tag: XmlStartTag): void {
    this.settings[this.settingCount++] = readAnonymousElement(this.context, tag, this.location!.origin);
  }

  /** The location closes: it goes to the server level or its site. */
  finish(sites: Map<string, SiteRecord>, server: ServerLevelSettings): void {
    this.settings.length = this.settingCount;
    placeLocation(this.context, this.location!, this.settings, sites, server);
    this.location = undefined;
  }
}
