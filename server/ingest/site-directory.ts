// In-memory cache of sites by domain, so ingestion does not query the database per event.
import type { SiteRecord, Store } from '../store/types.js';

export interface SiteDirectoryOptions {
  /** How long a found site is trusted before it is read again (picks up CLI/API changes). */
  ttlMs?: number;
  /** How long "no such site" is remembered; short, so a newly added site starts counting fast. */
  missTtlMs?: number;
  /** Entries kept at most; unknown domains sent by anyone must not grow memory without bound. */
  maxEntries?: number;
  /** Estimated bytes kept at most (recordBytes: a site's settings can hold 50 × 200-character paths). */
  maxBytes?: number;
  now?: () => number;
}

/** SiteDirectory.cached(): the store has to be asked. */
export const notCached = Symbol('not cached');

interface Entry {
  site: SiteRecord | undefined;
  until: number;
}

/** Estimated bytes of a cached answer: its domain key and the site's strings (UTF-16), plus slack. */
export function recordBytes(domain: string, site: SiteRecord | undefined): number {
  let chars = domain.length;
  if (site) {
    chars += site.domain.length + site.name.length + site.timezone.length;
    for (const p of site.settings.excludedPaths ?? []) chars += p.length + 8;
  }
  return 2 * chars + 400;
}

export class SiteDirectory {
  private readonly entries = new Map<string, Entry>();
  /** The cardinality cap of sites seen, by id (the writer needs it per group; a number each). */
  private readonly capById = new Map<number, number | undefined>();
  private bytes = 0;
  private readonly maxBytes: number;
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
    this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
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
    const bytes = recordBytes(domain, site);
    if (this.entries.size >= this.maxEntries || this.bytes + bytes > this.maxBytes)
      this.invalidate();
    if (site) this.capById.set(site.id, site.settings.cardinalityCap);
    const old = this.entries.get(domain);
    if (old) this.bytes -= recordBytes(domain, old.site);
    this.entries.set(domain, { site, until: now + (site ? this.ttlMs : this.missTtlMs) });
    this.bytes += bytes;
    return site;
  }

  /** The cardinality cap of a site seen by byDomain, else the install-wide default. */
  cardinalityCap(siteId: number, fallback: number): number {
    return this.capById.get(siteId) ?? fallback;
  }

  /** Forgets cached answers (after a site is added or removed in this process). */
  invalidate(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Estimated bytes of the cached answers (tests). */
  get heldBytes(): number {
    return this.bytes;
  }
}
