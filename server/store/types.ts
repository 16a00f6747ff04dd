// The Store contract: the only way the rest of the server reaches the database (SQLite or PostgreSQL).
import type { AnnotationsRepo } from './annotations.js';
import type { AccountsRepo } from './accounts.js';
import type { CounterWrite, DailyRow, HourlyRow, Metrics } from '../counters/types.js';
import type { Locale } from '../i18n/locale.js';
import type { GoalsRepo } from './goals-store.js';
import type { MailRepo } from './mail-store.js';
import type { MinutesRepo } from './minutes-store.js';
import type { ImportsRepo } from './imports-store.js';
import type { ReplayRepo } from './replay.js';
import type { ReportsRepo } from './reports.js';
import type { RollupsRepo } from './rollups-store.js';
import type { SecondFactorRepo } from './second-factor.js';
import type { TableCopy } from './table-copy.js';

export interface SiteSettings {
  /** Distinct values per (day, dimension) before new ones count as "(other)". */
  cardinalityCap?: number;
  /** Months of counters kept; the purge job deletes older ones (default 25, server/jobs/retention.ts). */
  retentionMonths?: number;
  /** Path patterns never counted (`/admin/*`); applied by ingestion. */
  excludedPaths?: string[];
  /** Events sent with `Sec-GPC: 1` are not counted (default true); the tracker checks it too. */
  honourGpc?: boolean;
  /** The privacy report is readable by anyone at /privacy/<domain> (default false). */
  publicPrivacyReport?: boolean;
  /**
   * The language of the site's generated documents (the replay window's record of processing, the
   * recorder's on-page notice); English when unset. Readers may still ask for another (`?lang=`).
   */
  language?: Locale;
}

/** Global Privacy Control is honoured unless the site's owner turned it off. */
export function honoursGpc(settings: SiteSettings): boolean {
  return settings.honourGpc !== false;
}

export interface SiteRecord {
  id: number;
  domain: string;
  name: string;
  timezone: string;
  settings: SiteSettings;
  createdAt: string;
  /** The owning organisation; null for CLI sites added before the first setup adopted them. */
  orgId?: number | null;
}

export interface NewSite {
  domain: string;
  name?: string;
  timezone: string;
  settings?: SiteSettings;
}

export type CounterTable = 'daily_counters' | 'hourly_counters';

export interface CounterSummary {
  siteId: number;
  rows: number;
  totals: Metrics;
}

export interface ReadyReport {
  /** A query answered. */
  reachable: boolean;
  /** A write lock could be taken at once (SQLite: no other connection holds it). */
  writable: boolean;
  /** Migrations recorded in the database, and migrations shipped with this code. */
  migrations: { applied: number; known: number };
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations from drizzle/<dialect>. */
  migrate(): Promise<void>;
  /** Readiness (GET /readyz): the database answers, takes a write lock now, and is migrated. */
  ready(): Promise<ReadyReport>;

  siteByDomain(domain: string): Promise<SiteRecord | undefined>;
  listSites(): Promise<SiteRecord[]>;
  addSite(site: NewSite, now: Date): Promise<SiteRecord>;
  /** Removes the site, its counters and its shared links; false when there was no such site. */
  removeSite(domain: string): Promise<boolean>;

  /** Adds every row to its counter in one transaction (additive upserts, keys in sorted order). */
  applyCounterDeltas(write: CounterWrite): Promise<void>;
  /**
   * Puts every acknowledged counter write into the counter tables, where other connections read
   * them (SQLite merges its journal, server/store/counter-journal.ts; nothing is pending on
   * PostgreSQL). This store's own reads never need it: they merge first.
   */
  flushCounters(): Promise<void>;
  /** Up to `limit` values already stored for (site, day, dimension): feeds the cardinality cap. */
  distinctValues(siteId: number, day: string, dimension: string, limit: number): Promise<string[]>;
  /** Counter rows of a site (tests, CLI, data migration); ordered by day, dimension, value. */
  dailyRows(siteId: number, fromDay?: string, toDay?: string): Promise<DailyRow[]>;

  /** Read queries behind the reports (server/store/reports.ts). */
  readonly reports: ReportsRepo;
  /** Reports without imported data (Stats API `include.imports: false`, the dashboard's switch). */
  readonly reportsWithoutImports: ReportsRepo;
  /** Import batches and their ledgers (server/imports/). */
  readonly imports: ImportsRepo;
  /** Rollups of closed days, built by the rollups job (server/store/rollups-store.ts). */
  readonly rollups: RollupsRepo;
  /** Hourly rows of a site (tests, CLI, data migration); ordered by hour. */
  hourlyRows(siteId: number, fromHour?: string, toHour?: string): Promise<HourlyRow[]>;

  /** Every daily counter row in key order, `chunkSize` rows at a time, from one snapshot. */
  scanDailyRows(chunkSize: number): AsyncIterable<DailyRow[]>;
  /** Every hourly counter row in key order, `chunkSize` rows at a time, from one snapshot. */
  scanHourlyRows(chunkSize: number): AsyncIterable<HourlyRow[]>;
  /** Row count and per-metric sums of a counter table, per site id (verifies a data migration). */
  counterSummary(table: CounterTable): Promise<CounterSummary[]>;
  /** Inserts sites keeping their ids (data migration); new sites then get ids past them. */
  importSites(sites: SiteRecord[]): Promise<void>;

  /** Whole-table copy of the account tables, for data migration (server/store/table-copy.ts). */
  readonly tables: TableCopy;

  /** Orgs, users, sessions, API keys, shared links, audit log (server/store/accounts.ts). */
  readonly accounts: AccountsRepo;

  /** Replay windows, keys, recordings and encrypted chunks (server/store/replay.ts). */
  readonly replay: ReplayRepo;

  /** Dated notes on the charts of a site or of every site of an org (server/store/annotations.ts). */
  readonly annotations: AnnotationsRepo;

  /** TOTP, recovery codes, passkeys, pending logins, org requirement (server/store/second-factor.ts). */
  readonly secondFactor: SecondFactorRepo;

  /** Goal definitions and revenue counters (server/store/goals-store.ts). */
  readonly goals: GoalsRepo;

  /** Mail settings, recipients and the send log (server/store/mail-store.ts). */
  readonly mail: MailRepo;

  /** Realtime's minute counters (server/reports/minutes.ts): read and pruned; written with the counters. */
  readonly minutes: MinutesRepo;

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
