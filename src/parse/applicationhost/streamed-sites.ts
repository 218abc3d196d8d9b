import type { Diagnostic } from '../../core/model';
import type { XmlElement } from '../xml';
import { attribute, pathSegments } from './attributes';
import { addSite, duplicateSite, readSite } from './sites';
import type { ApplicationRecord, ParseContext, SiteRecord } from './types';

// The `<site>` elements of applicationHost.config read one by one as each closes (streamed.ts).
// A site reads two of `<sites>`' own children: the first `<applicationDefaults>` (the pool of an
// application that names none) and the first `<virtualDirectoryDefaults>` (connect-as
// attributes). IIS writes both after the sites. The pool is the common case (the Default Web
// Site's root application names no pool): such a site is read both without a server default
// pool and with a placeholder one, and the reading that matches the pool met later is kept, the
// placeholder replaced by its name, its diagnostics in their place. A virtualDirectoryDefaults
// met after a site that would have read one of its attributes is declined (IIS writes none
// there).

/** Thrown out of the event handlers to stop reading a file the streamed reading declines. */
export const DECLINED = new Error('applicationHost.config: the streamed reading declines this file');

/** Stands for `<sites>`' applicationDefaults pool until it is met; no XML text can hold U+0000. */
const LATER_POOL = '\u0000applicationDefaults';

/** The connect-as attributes a directory takes from the nearest virtualDirectoryDefaults writing them. */
export const DIRECTORY_DEFAULTS = ['userName', 'logonMethod', 'password'] as const;

/** A site read before the server default pool was known: its two readings. */
class SiteAwaitingPool {
  constructor(
    readonly withoutPool: { site: SiteRecord | undefined; diagnostics: Diagnostic[] },
    readonly withPool: { site: SiteRecord; diagnostics: Diagnostic[] },
  ) {}
}

export class StreamedSites {
  readonly sites = new Map<string, SiteRecord>();
  private readonly context: ParseContext;
  /** Whether `<sites>`' applicationDefaults has opened, and the pool it names. */
  serverDefaultsSeen = false;
  serverDefaultPool: string | undefined;
  private directoryDefaults: XmlElement | undefined;
  /** The virtualDirectoryDefaults attributes a directory read before that element would have used. */
  private readonly directoryConsulted = new Set<string>();
  /** Diagnostics held back, in order, from the first site awaiting the pool until the pool is known. */
  private held: (Diagnostic | SiteAwaitingPool)[] | undefined;

  constructor(context: ParseContext) {
    this.context = context;
  }

  /** A child of `<sites>` other than a site opens (its attributes are all it carries for a site). */
  defaultsOpened(element: XmlElement): void {
    if (element.local === 'applicationDefaults' && !this.serverDefaultsSeen) {
      this.serverDefaultsSeen = true;
      this.serverDefaultPool = attribute(element, 'applicationPool');
      this.release();
    } else if (element.local === 'virtualDirectoryDefaults' && this.directoryDefaults === undefined) {
      this.directoryDefaults = element;
      for (const name of this.directoryConsulted) if (attribute(element, name) !== undefined) throw DECLINED;
    }
  }

  siteClosed(element: XmlElement): void {
    this.noteDirectoryDefaults(element);
    if (this.serverDefaultsSeen || !this.readsServerPool(element)) {
      if (this.held === undefined) {
        addSite(this.sites, element, this.serverDefaultPool, this.directoryDefaults, this.context);
      } else {
        const diagnostics: Diagnostic[] = [];
        addSite(this.sites, element, this.serverDefaultPool, this.directoryDefaults, { ...this.context, diagnostics });
        this.held.push(...diagnostics);
      }
      return;
    }
    const without: Diagnostic[] = [];
    const site = addSite(this.sites, element, undefined, this.directoryDefaults, {
      ...this.context,
      diagnostics: without,
    });
    const withPool: Diagnostic[] = [];
    const placeholder = readSite(element, LATER_POOL, this.directoryDefaults, {
      ...this.context,
      diagnostics: withPool,
    });
    // A duplicate's warning follows its own diagnostics in either reading.
    if (site === undefined) withPool.push(without[without.length - 1]!);
    (this.held ??= []).push(
      new SiteAwaitingPool({ site, diagnostics: without }, { site: placeholder, diagnostics: withPool }),
    );
  }

  /** `<sites>`' virtualDirectoryDefaults, once it has opened. */
  get serverDirectoryDefaults(): XmlElement | undefined {
    return this.directoryDefaults;
  }

  /**
   * A site read from its tags (sites-from-tags.ts), with its diagnostics and the
   * virtualDirectoryDefaults attributes its directories fall back to (bit i: DIRECTORY_DEFAULTS[i]).
   */
  siteRead(site: SiteRecord, line: number, diagnostics: readonly Diagnostic[] | undefined, consulted: number): void {
    if (this.directoryDefaults === undefined)
      for (let index = 0; index < DIRECTORY_DEFAULTS.length; index++)
        if ((consulted & (1 << index)) !== 0) this.directoryConsulted.add(DIRECTORY_DEFAULTS[index]!);
    const target = this.held ?? this.context.diagnostics;
    if (diagnostics !== undefined) for (const diagnostic of diagnostics) target.push(diagnostic);
    const key = site.name.toLowerCase();
    if (this.sites.has(key)) target.push(duplicateSite(site.name, line, this.context));
    else this.sites.set(key, site);
  }

  sectionClosed(): void {
    this.release();
  }

  /** The pool is known (or will never be): each held site keeps the reading that matches it. */
  private release(): void {
    const held = this.held;
    if (held === undefined) return;
    this.held = undefined;
    const pool = this.serverDefaultPool;
    for (const entry of held) {
      if (!(entry instanceof SiteAwaitingPool)) {
        this.context.diagnostics.push(entry);
        continue;
      }
      // An empty pool name is no pool, exactly as a missing one.
      if (pool === undefined || pool === '') {
        this.context.diagnostics.push(...entry.withoutPool.diagnostics);
        continue;
      }
      const { site, diagnostics } = entry.withPool;
      for (
        let application: ApplicationRecord | undefined = site.firstApplication;
        application !== undefined;
        application = application.nextApplication
      )
        if (application.pool === LATER_POOL) application.pool = pool;
      for (const diagnostic of diagnostics)
        this.context.diagnostics.push({ ...diagnostic, message: diagnostic.message.replaceAll(LATER_POOL, pool) });
      if (entry.withoutPool.site !== undefined) this.sites.set(site.name.toLowerCase(), site);
    }
  }

  /** Whether the site would take the server default pool for an application (or its root). */
  private readsServerPool(site: XmlElement): boolean {
    // Loops, not find/filter/some: this runs for every site of a file whose pool comes late.
    let siteDefaultsSeen = false;
    let rootSeen = false;
    let poolMissing = false;
    for (const child of site.children) {
      if (child.local === 'applicationDefaults' && !siteDefaultsSeen) {
        if (attribute(child, 'applicationPool') !== undefined) return false;
        siteDefaultsSeen = true;
      } else if (child.local === 'application') {
        if (attribute(child, 'applicationPool') === undefined) poolMissing = true;
        if (!rootSeen && pathSegments(attribute(child, 'path') ?? '').length === 0) rootSeen = true;
      }
    }
    return poolMissing || !rootSeen;
  }

  private noteDirectoryDefaults(site: XmlElement): void {
    if (this.directoryDefaults !== undefined || this.directoryConsulted.size === DIRECTORY_DEFAULTS.length) return;
    const siteDefaults = site.children.find((child) => child.local === 'virtualDirectoryDefaults');
    for (const application of site.children) {
      if (application.local !== 'application') continue;
      const applicationDefaults = application.children.find((child) => child.local === 'virtualDirectoryDefaults');
      for (const directory of application.children) {
        if (directory.local !== 'virtualDirectory') continue;
        for (const name of DIRECTORY_DEFAULTS)
          if (
            attribute(directory, name) === undefined &&
            attribute(applicationDefaults, name) === undefined &&
            attribute(siteDefaults, name) === undefined
          )
            this.directoryConsulted.add(name);
      }
    }
  }
}
