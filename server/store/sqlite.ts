// SQLite store (better-sqlite3 + drizzle): WAL mode, one writer, prepared statements on the hot path.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { asc, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../drizzle/schema/sqlite.js';
import type { CounterWrite, DailyRow, Dimension, HourlyRow, Metrics } from '../counters/types.js';
import { knownMigrations, migrationsFolder } from './paths.js';
import { sqliteTableCopy } from './table-copy.js';
import { secondFactorRepo } from './second-factor-store.js';
import { sqliteDb } from './db-sqlite.js';
import { createSqliteAccountsRepo } from './accounts-sqlite.js';
import { replayRepo } from './replay-store.js';
import { deleteSiteReplaySqlite } from './site-deletion-bridge.js';
import { sqliteReports } from './reports.js';
import {
  StoreUnavailableError,
  type CounterSummary,
  type CounterTable,
  type NewSite,
  type SiteRecord,
  type SiteSettings,
  type Store,
} from './types.js';

export interface SqliteStoreOptions {
  /** `synchronous` pragma: NORMAL survives kill -9 in WAL mode; FULL survives power loss too. */
  synchronous?: 'NORMAL' | 'FULL';
  readonly?: boolean;
  /** How long a write waits for another connection's lock before SQLITE_BUSY (default 2000 ms). */
  busyTimeoutMs?: number;
  /** Largest database file in MiB, as `PRAGMA max_page_count`; a write past it fails with
   * SQLITE_FULL (→ 503) until pages are freed or the limit is raised. 0 or unset: no limit. */
  maxSizeMb?: number;
}

const metricColumns =
  'pageviews, visits, bounces, exits, engaged_ms, engagements, scroll_sum, events';
const metricSelect =
  'pageviews, visits, bounces, exits, engaged_ms AS engagedMs, engagements, scroll_sum AS scrollSum, events';
const metricSums =
  'sum(pageviews) AS pageviews, sum(visits) AS visits, sum(bounces) AS bounces, sum(exits) AS exits, ' +
  'sum(engaged_ms) AS engagedMs, sum(engagements) AS engagements, sum(scroll_sum) AS scrollSum, ' +
  'sum(events) AS events';
const addExcluded = (table: string) =>
  metricColumns
    .split(', ')
    .map((c) => `${c} = ${table}.${c} + excluded.${c}`)
    .join(', ');

// SQLite error codes that mean "the database cannot take this write now", not "the code is wrong".
const unavailableCodes = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_PROTOCOL',
]);

function asStoreError(err: unknown): unknown {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && [...unavailableCodes].some((c) => code.startsWith(c))) {
    return new StoreUnavailableError(`database unavailable (${code})`, code);
  }
  return err;
}

type SiteRow = typeof schema.sites.$inferSelect;

function toSite(row: SiteRow): SiteRecord {
  return { ...row, settings: JSON.parse(row.settings) as SiteSettings };
}

/** Writes the 8 metrics of a row into `p` from index `i`; returns the next free index. */
function metricValues(m: Metrics, p: unknown[], i: number): number {
  p[i] = m.pageviews;
  p[i + 1] = m.visits;
  p[i + 2] = m.bounces;
  p[i + 3] = m.exits;
  p[i + 4] = m.engagedMs;
  p[i + 5] = m.engagements;
  p[i + 6] = m.scrollSum;
  p[i + 7] = m.events;
  return i + 8;
}

/** Rows per counter upsert statement: 64 × 12 parameters stays far below SQLite's 32,766. */
const upsertRows = 64;

/**
 * Additive upserts of many rows per statement, with positional parameters: per row, binding a
 * dozen named parameters and stepping a statement cost about as much as SQLite's own work.
 * Statements are prepared on first use, one per row count (1..upsertRows), and kept.
 */
function multiRowUpsert<T>(
  sqlite: Database.Database,
  table: 'daily_counters' | 'hourly_counters',
  keyColumns: string,
  fill: (row: T, params: unknown[], at: number) => number,
): (rows: readonly T[]) => void {
  const perRow = keyColumns.split(',').length + 8;
  const tuple = `(${new Array<string>(perRow).fill('?').join(', ')})`;
  const cache: Database.Statement[] = [];
  const statementFor = (n: number) =>
    (cache[n] ??= sqlite.prepare(
      `INSERT INTO ${table} (${keyColumns}, ${metricColumns})
       VALUES ${new Array<string>(n).fill(tuple).join(', ')}
       ON CONFLICT (${keyColumns}) DO UPDATE SET ${addExcluded(table)}`,
    ));
  return (rows) => {
    for (let start = 0; start < rows.length; start += upsertRows) {
      const n = Math.min(upsertRows, rows.length - start);
      const params = new Array<unknown>(n * perRow);
      let at = 0;
      for (let i = start; i < start + n; i++) at = fill(rows[i]!, params, at);
      statementFor(n).run(params);
    }
  };
}

export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'pomelo.db');
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  // A read-only handle cannot switch the journal mode (SQLITE_READONLY); it reads either mode.
  // Before any table exists: a new file frees purged replay pages without a full VACUUM.
  if (!options.readonly) sqlite.pragma('auto_vacuum = INCREMENTAL');
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 2000))}`);
  if (options.maxSizeMb && options.maxSizeMb > 0) {
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
    // SQLite never lowers the limit below the current size: a larger file is "full" from the start.
    sqlite.pragma(`max_page_count = ${Math.floor((options.maxSizeMb * 1024 * 1024) / pageSize)}`);
  }
  const db = drizzle(sqlite, { schema });
  const sdb = sqliteDb(sqlite);
  const probe = writeProbe(file);
  // Report cache (report-cache.ts): counter writes go through reports.write() to keep it exact.
  const reports = sqliteReports(sqlite);

  let statements: ReturnType<typeof prepare> | undefined;
  function prepare() {
    return {
      distinct: sqlite.prepare(
        'SELECT value FROM daily_counters WHERE site_id = ? AND day = ? AND dimension = ? LIMIT ?',
      ),
    };
  }
  // Statements are prepared after migrate(), once the tables exist.
  const stmts = () => (statements ??= prepare());
  const dailyUpsert = multiRowUpsert(
    sqlite,
    'daily_counters',
    'site_id, day, dimension, value',
    (r: DailyRow, p, i) => {
      p[i] = r.siteId;
      p[i + 1] = r.day;
      p[i + 2] = r.dimension;
      p[i + 3] = r.value;
      return metricValues(r, p, i + 4);
    },
  );
  const hourlyUpsert = multiRowUpsert(
    sqlite,
    'hourly_counters',
    'site_id, hour',
    (r: HourlyRow, p, i) => {
      p[i] = r.siteId;
      p[i + 1] = r.hour;
      return metricValues(r, p, i + 2);
    },
  );

  /** Yields the rows of a statement in chunks; the open statement keeps one read snapshot. */
  async function* chunked<T>(stmt: Database.Statement, chunkSize: number): AsyncIterable<T[]> {
    let chunk: T[] = [];
    for (const row of stmt.iterate() as IterableIterator<T>) {
      chunk.push(row);
      if (chunk.length >= chunkSize) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  const applyAll = sqlite.transaction((write: CounterWrite) => {
    dailyUpsert(write.daily);
    hourlyUpsert(write.hourly);
  });

  return {
    dialect: 'sqlite',

    async migrate() {
      migrate(db, { migrationsFolder: migrationsFolder('sqlite') });
    },

    async ready() {
      const applied = (() => {
        try {
          return (
            sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as {
              n: number;
            }
          ).n;
        } catch {
          return -1;
        }
      })();
      const writable = file === ':memory:' || options.readonly ? true : await probe.writable();
      return {
        reachable: applied >= 0,
        writable,
        migrations: { applied: Math.max(0, applied), known: knownMigrations('sqlite') },
      };
    },

    async siteByDomain(domain) {
      try {
        const row = db.select().from(schema.sites).where(eq(schema.sites.domain, domain)).get();
        return row ? toSite(row) : undefined;
      } catch (err) {
        throw asStoreError(err); // ingestion looks sites up: a busy or broken file is a 503
      }
    },

    async listSites() {
      return db.select().from(schema.sites).orderBy(asc(schema.sites.domain)).all().map(toSite);
    },

    async addSite(site: NewSite, now: Date) {
      const row = db
        .insert(schema.sites)
        .values({
          domain: site.domain,
          name: site.name ?? site.domain,
          timezone: site.timezone,
          settings: JSON.stringify(site.settings ?? {}),
          createdAt: now.toISOString(),
        })
        .returning()
        .get();
      return toSite(row);
    },

    async removeSite(domain) {
      return sqlite.transaction(() => {
        const site = db.select().from(schema.sites).where(eq(schema.sites.domain, domain)).get();
        if (!site) return false;
        db.delete(schema.dailyCounters).where(eq(schema.dailyCounters.siteId, site.id)).run();
        db.delete(schema.hourlyCounters).where(eq(schema.hourlyCounters.siteId, site.id)).run();
        db.delete(schema.sharedLinks).where(eq(schema.sharedLinks.siteId, site.id)).run();
        deleteSiteReplaySqlite(db, site.id);
        db.delete(schema.sites).where(eq(schema.sites.id, site.id)).run();
        return true;
      })();
    },

    async applyCounterDeltas(write) {
      try {
        reports.write(write.daily, () => applyAll(write));
      } catch (err) {
        throw asStoreError(err);
      }
    },

    async distinctValues(siteId, day, dimension, limit) {
      try {
        return (stmts().distinct.all(siteId, day, dimension, limit) as { value: string }[]).map(
          (r) => r.value,
        );
      } catch (err) {
        throw asStoreError(err);
      }
    },

    async dailyRows(siteId, fromDay = '0000-00-00', toDay = '9999-99-99') {
      const rows = sqlite
        .prepare(
          `SELECT site_id AS siteId, day, dimension, value, pageviews, visits, bounces, exits,
                  engaged_ms AS engagedMs, engagements, scroll_sum AS scrollSum, events
           FROM daily_counters WHERE site_id = ? AND day >= ? AND day <= ?
           ORDER BY day, dimension, value`,
        )
        .all(siteId, fromDay, toDay) as (Omit<DailyRow, 'dimension'> & { dimension: string })[];
      return rows as DailyRow[] as (DailyRow & { dimension: Dimension })[];
    },

    async hourlyRows(siteId, fromHour = '0000', toHour = '9999') {
      return sqlite
        .prepare(
          `SELECT site_id AS siteId, hour, ${metricSelect}
           FROM hourly_counters WHERE site_id = ? AND hour >= ? AND hour <= ? ORDER BY hour`,
        )
        .all(siteId, fromHour, toHour) as HourlyRow[];
    },

    scanDailyRows(chunkSize) {
      return chunked<DailyRow>(
        sqlite.prepare(
          `SELECT site_id AS siteId, day, dimension, value, ${metricSelect}
           FROM daily_counters ORDER BY site_id, day, dimension, value`,
        ),
        chunkSize,
      );
    },

    scanHourlyRows(chunkSize) {
      return chunked<HourlyRow>(
        sqlite.prepare(
          `SELECT site_id AS siteId, hour, ${metricSelect}
           FROM hourly_counters ORDER BY site_id, hour`,
        ),
        chunkSize,
      );
    },

    async counterSummary(table: CounterTable) {
      const name = table === 'daily_counters' ? 'daily_counters' : 'hourly_counters';
      const rows = sqlite
        .prepare(
          `SELECT site_id AS siteId, count(*) AS rows, ${metricSums}
           FROM ${name} GROUP BY site_id ORDER BY site_id`,
        )
        .all() as ({ siteId: number; rows: number } & CounterSummary['totals'])[];
      return rows.map(({ siteId, rows: count, ...totals }) => ({ siteId, rows: count, totals }));
    },

    async importSites(sites) {
      // AUTOINCREMENT keeps sqlite_sequence at the largest id inserted, so new ids come after these.
      sqlite.transaction(() => {
        for (const site of sites) {
          db.insert(schema.sites)
            .values({ ...site, settings: JSON.stringify(site.settings) })
            .run();
        }
      })();
    },

    reports,
    tables: sqliteTableCopy(db),
    accounts: createSqliteAccountsRepo(sqlite, db),
    replay: replayRepo(sdb),
    secondFactor: secondFactorRepo(sdb),

    async close() {
      probe.close();
      sqlite.close();
    },
  };
}

/**
 * Whether a write lock can be had now, asked on a connection of its own with no busy wait (the
 * server's connection would block the event loop for its busy timeout). A lock held for a moment by
 * a commit is retried a few times, 50 ms apart, before the answer is no.
 */
function writeProbe(file: string) {
  let conn: Database.Database | undefined;
  const attempt = (): boolean => {
    try {
      conn ??= new Database(file, { fileMustExist: true, timeout: 0 });
      conn.exec('BEGIN IMMEDIATE');
      conn.exec('ROLLBACK');
      return true;
    } catch {
      return false;
    }
  };
  return {
    async writable(): Promise<boolean> {
      for (let i = 0; i < 5; i++) {
        if (attempt()) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    },
    close: () => conn?.close(),
  };
}
