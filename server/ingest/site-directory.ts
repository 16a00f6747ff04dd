// In-memory cache of sites by domain, so ingestion does not query the database per event.
import type { SiteRecord, Store } from '../store/types.js';

export interface SiteDirectoryOptions {
  /** How long a found site is trusted before it is read again (picks up CLI/API changes). */
  ttlMs?: number;
  /** How long "no such site" is remembered; short, so a newly added site starts counting fast. */
  missTtlMs?: number;
  /** Entries kept at most; unknown domains sent by anyone must not grow memory without bound. */
  maxEntries?: number;
  now?: () => number;
}

/** SiteDirectory.cached(): the store has to be asked. */
export const notCached = Symbol('not cached');

interface Entry {
  site: SiteRecord | undefined;
  until: number;
}

export class SiteDirectory {
  private readonly entries = new Map<string, Entry>();
  /** Sites seen by id, for settings the writer needs per row (e.g. the cardinality cap). */
  private readonly byId = new Map<number, SiteRecord>();
  private readonly ttlMs: number;
  private readonly missTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    options: SiteDirectoryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.missTtlMs = options.missTtlMs ?? 2_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The cached answer for this domain without waiting: the site, undefined for "no such site",
   * or `notCached` when the store must be asked (byDomain). Ingestion's fast path: no promise.
   */
  cached(domain: string): SiteRecord | undefined | typeof notCached {
    const hit = this.entries.get(domain);
    return hit && hit.until > this.now() ? hit.site : notCached;
  }

  /** The site registered under exactly this domain (lowercase), if any. */
  async byDomain(domain: string): Promise<SiteRecord | undefined> {
    const now = this.now();
    const hit = this.entries.get(domain);
    if (hit && hit.until > now) return hit.site;
    const site = await this.store.siteByDomain(domain);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    if (site) this.byId.set(site.id, site);
    this.entries.set(domain, { site, until: now + (site ? this.ttlMs : this.missTtlMs) });
    return site;
  }

  /** The cardinality cap of a site seen by byDomain, else the install-wide default. */
  cardinalityCap(siteId: number, fallback: number): number {
    return this.byId.get(siteId)?.settings.cardinalityCap ?? fallback;
  }

  /** Forgets cached answers (after a site is added or removed in this process). */
  invalidate(): void {
    this.entries.clear();
  }
}
