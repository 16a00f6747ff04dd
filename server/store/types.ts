// The Store contract: the only way the rest of the server reaches the database (SQLite or PostgreSQL).
import type { CounterWrite, DailyRow } from '../counters/types.js';

export interface SiteSettings {
  /** Distinct values per (day, dimension) before new ones count as "(other)". */
  cardinalityCap?: number;
}

export interface SiteRecord {
  id: number;
  domain: string;
  name: string;
  timezone: string;
  settings: SiteSettings;
  createdAt: string;
}

export interface NewSite {
  domain: string;
  name?: string;
  timezone: string;
  settings?: SiteSettings;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations from drizzle/<dialect>. */
  migrate(): Promise<void>;

  siteByDomain(domain: string): Promise<SiteRecord | undefined>;
  listSites(): Promise<SiteRecord[]>;
  addSite(site: NewSite, now: Date): Promise<SiteRecord>;
  /** Removes the site and all of its counters; false when there was no such site. */
  removeSite(domain: string): Promise<boolean>;

  /** Adds every row to its counter in one transaction (additive upserts, keys in sorted order). */
  applyCounterDeltas(write: CounterWrite): Promise<void>;
  /** Up to `limit` values already stored for (site, day, dimension): feeds the cardinality cap. */
  distinctValues(siteId: number, day: string, dimension: string, limit: number): Promise<string[]>;
  /** Counter rows of a site (tests, CLI, data migration); ordered by day, dimension, value. */
  dailyRows(siteId: number, fromDay?: string, toDay?: string): Promise<DailyRow[]>;

  close(): Promise<void>;
}

/** Raised by a store when the database cannot take writes now (locked, read-only, full, down). */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    readonly causeCode: string,
  ) {
    super(message);
  }
}
