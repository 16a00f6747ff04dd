// SQLite engine (better-sqlite3): WAL mode, one writer, the hot counter upsert as cached multi-row statements.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { CounterWrite, DailyRow, HourlyRow, Metrics } from '../counters/types.js';
import { CounterJournal, type CounterJournalOptions } from './counter-journal.js';
import type { Db } from './db.js';
import { asSqliteStoreError, sqliteDb } from './db-sqlite.js';
import { knownMigrations, migrationsFolder } from './paths.js';
import { sqliteReports } from './reports.js';
import { createStore } from './store.js';
import type { Store } from './types.js';

const dialect = new SQLiteSyncDialect();

export interface SqliteStoreOptions {
  /** `synchronous` pragma: NORMAL survives kill -9 in WAL mode; FULL survives power loss too. */
  synchronous?: 'NORMAL' | 'FULL';
  readonly?: boolean;
  /** How long a write waits for another connection's lock before SQLITE_BUSY (default 2000 ms). */
  busyTimeoutMs?: number;
  /** Largest database file in MiB, as `PRAGMA max_page_count`; a write past it fails with
   * SQLITE_FULL (→ 503) until pages are freed or the limit is raised. 0 or unset: no limit. */
  maxSizeMb?: number;
  /** The counter journal's memory bounds and merge interval (counter-journal.ts defaults). */
  journal?: CounterJournalOptions;
}

const metricColumns =
  'pageviews, visits, bounces, exits, engaged_ms, engagements, scroll_sum, events';
const addExcluded = (table: string) =>
  metricColumns
    .split(', ')
    .map((c) => `${c} = ${table}.${c} + excluded.${c}`)
    .join(', ');

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

/**
 * Merges a counter journal left in `file` (a server killed, or running now) when the file can be
 * written: a read-only handle reads the counter tables alone, and must not miss acknowledged
 * writes. The logical data does not change; a file that cannot be written is read as it is.
 */
function mergeLeftJournal(file: string): void {
  if (file === ':memory:' || !fs.existsSync(file)) return;
  let conn: Database.Database | undefined;
  let left = false;
  try {
    conn = new Database(file, { fileMustExist: true });
    left =
      conn
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'counter_journal'")
        .get() !== undefined &&
      conn.prepare('SELECT 1 FROM counter_journal LIMIT 1').get() !== undefined;
  } catch {
    return;
  } finally {
    conn?.close();
  }
  if (!left) return;
  try {
    // Opening a writable store merges the whole journal (CounterJournal.open); closing stops it.
    void openSqliteStore(file).close();
  } catch {
    // Read-only storage: read what the counter tables hold.
  }
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  if (options.readonly) mergeLeftJournal(file);
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
  const probe = writeProbe(file);
  // Report cache (report-cache.ts): counter writes go through reports.write() to keep it exact.
  const reports = sqliteReports(sqlite);

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
  // Revenue rows are few (custom events carrying an amount): one cached statement per row.
  let revenueUpsert: Database.Statement | undefined;
  const applyAll = sqlite.transaction((write: CounterWrite) => {
    dailyUpsert(write.daily);
    hourlyUpsert(write.hourly);
    if (write.revenue && write.revenue.length > 0) {
      revenueUpsert ??= sqlite.prepare(
        `INSERT INTO revenue_counters (site_id, day, event, currency, amount, conversions)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (site_id, day, event, currency) DO UPDATE SET
           amount = revenue_counters.amount + excluded.amount,
           conversions = revenue_counters.conversions + excluded.conversions`,
      );
      for (const r of write.revenue) {
        revenueUpsert.run(r.siteId, r.day, r.event, r.currency, r.amount, r.conversions);
      }
    }
  });

  // Group commits are journaled and merged into the counters later (counter-journal.ts); every
  // read below merges what is pending first. A read-only handle has no journal of its own.
  const journal = options.readonly
    ? undefined
    : new CounterJournal(sqlite, (write) => applyAll(write), reports.write, options.journal);
  if (journal?.tableExists) journal.open();
  const beforeRead = (): void => {
    try {
      journal?.merge();
    } catch (err) {
      throw asSqliteStoreError(err);
    }
  };

  return createStore({
    // Imports add many writes in one unit of work through the same body (db.ts `addCounters`).
    db: readAfterMerge(
      sqliteDb(sqlite, (write) => applyAll(write)),
      beforeRead,
    ),

    async migrate() {
      migrate(drizzle(sqlite), { migrationsFolder: migrationsFolder('sqlite') });
      journal?.open();
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

    async applyCounterDeltas(write) {
      try {
        if (journal) journal.append(write);
        else reports.write(write.daily, () => applyAll(write));
      } catch (err) {
        throw asSqliteStoreError(err);
      }
    },

    async flushCounters() {
      beforeRead();
    },

    /** The open statement keeps one read snapshot while its rows are yielded. */
    async *scan<T>(query: SQL, chunkSize: number): AsyncIterable<T[]> {
      beforeRead();
      const { sql: text, params } = dialect.sqlToQuery(query);
      let chunk: T[] = [];
      for (const row of sqlite.prepare(text).iterate(params) as IterableIterator<T>) {
        chunk.push(row);
        if (chunk.length >= chunkSize) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    },

    reports: mergedFirst(reports, beforeRead),
    reportsWithoutImports: mergedFirst(reports.withoutImports, beforeRead),

    async close() {
      try {
        journal?.close();
      } catch {
        // What could not be merged stays in the journal: the next open merges it.
      }
      probe.close();
      sqlite.close();
    },
  });
}

/** The Db with `beforeRead` run before each statement or unit of work (a merge of the journal). */
function readAfterMerge(db: Db, beforeRead: () => void): Db {
  const merged = <T>(run: () => Promise<T>): Promise<T> => {
    try {
      beforeRead();
    } catch (err) {
      return Promise.reject(err);
    }
    return run();
  };
  return {
    ...db,
    all: <R>(query: SQL) => merged(() => db.all<R>(query)),
    get: <R>(query: SQL) => merged(() => db.get<R>(query)),
    exec: (query) => merged(() => db.exec(query)),
    tx: (work) => merged(() => db.tx(work)),
    writeTx: (work) => merged(() => db.writeTx(work)),
  };
}

/**
 * The report repository with `beforeRead` run before each of its queries; `write` (the journal's
 * own way in) and the non-function members are left as they are.
 */
function mergedFirst<R extends object>(repo: R, beforeRead: () => void): R {
  const out: Record<string, unknown> = { ...(repo as Record<string, unknown>) };
  for (const [name, member] of Object.entries(repo)) {
    if (typeof member !== 'function' || name === 'write') continue;
    out[name] = (...args: unknown[]) => {
      beforeRead();
      return (member as (...a: unknown[]) => unknown).apply(repo, args);
    };
  }
  return out as R;
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
