import type { IdentityResolution } from './identity';
import type { AnonymousScope } from './model';

/**
 * The application pools the scopes name, each found once per scope. At 10,000 sites a scope's
 * pool was found by its name in four tables (the site and pool pairs, the resolution memo, and
 * twice for the pairs' lower-cased names), each holding every site or pool: Map lookups, new
 * lower-cased strings and a Set per site with several pools, in code that runs once per process.
 * Now each scope's pool is one object, found once, that holds its identity and the sites judged.
 */
export interface NamedPool {
  /** The pool's name as the scope writes it. */
  readonly name: string;
  /** The pool's identity once resolved (resolution-memo.ts). */
  resolution: IdentityResolution | undefined;
  /** The sites whose worker process identity for the pool is judged: one set for every spelling of the name. */
  readonly sites: SiteSet;
}

/** Each scope's pool (null where it names none), by the scope's index in the scope list. */
export class ScopePools {
  private readonly byName = new Map<string, NamedPool>();
  private readonly ofScope: (NamedPool | null)[] = [];
  /** The last site's name and its lower-cased key: scopes come site by site. */
  private lastSite: string | undefined;
  private lastSiteKey = '';

  /**
   * `poolJudgedAsAnonymous` tells a scope whose anonymous identity is its pool's, judged as the
   * worker process: its site and pool pair is added before any other scope asks for it.
   */
  constructor(scopes: readonly AnonymousScope[], poolJudgedAsAnonymous: (scope: AnonymousScope) => boolean) {
    // Indexed, not for-of: this runs cold, and each step of an unoptimized iterator allocates.
    for (let index = 0; index < scopes.length; index++) {
      const scope = scopes[index]!;
      const name = scope.applicationPool;
      if (name === null) {
        this.ofScope.push(null);
        continue;
      }
      const pool = this.named(name);
      this.ofScope.push(pool);
      if (poolJudgedAsAnonymous(scope)) this.addPair(scope.site, pool);
    }
  }

  /** The pool of the scope at this index of the list given. */
  of(index: number): NamedPool | null {
    return this.ofScope[index]!;
  }

  /** Adds the pair of a site and a pool, by name as IIS compares them; false when it was there already. */
  addPair(site: string, pool: NamedPool): boolean {
    if (site !== this.lastSite) {
      this.lastSite = site;
      this.lastSiteKey = site.toLowerCase();
    }
    return pool.sites.add(this.lastSiteKey);
  }

  /**
   * The pool a scope writes so. Its sites are kept with the name in lower case: a name written so
   * is its own entry, and another spelling shares that entry's sites, made for it if no scope
   * writes it so (one table entry per pool whose name IIS writes in lower case, two for others).
   */
  private named(name: string): NamedPool {
    let pool = this.byName.get(name);
    if (pool !== undefined) return pool;
    const key = name.toLowerCase();
    if (key === name) pool = { name, resolution: undefined, sites: new SiteSet() };
    else pool = { name, resolution: undefined, sites: this.named(key).sites };
    this.byName.set(name, pool);
    return pool;
  }
}

/** At most this many sites of a pool are searched in a list; more go into a Set. */
const LISTED_SITES = 8;

/** A pool's sites, lower-cased: most pools serve one or two, so no Set until there are several. */
class SiteSet {
  private first: string | undefined = undefined;
  private more: string[] | Set<string> | undefined = undefined;

  /** Adds the site; false when it was there already. */
  add(site: string): boolean {
    if (this.first === undefined) {
      this.first = site;
      return true;
    }
    if (this.first === site) return false;
    const more = this.more;
    if (more === undefined) {
      this.more = [site];
      return true;
    }
    if (Array.isArray(more)) {
      if (more.includes(site)) return false;
      if (more.length < LISTED_SITES) more.push(site);
      else this.more = new Set(more).add(site);
      return true;
    }
    const size = more.size;
    return more.add(site).size > size;
  }
}
