// PostgreSQL engine (postgres.js): each batch is one additive multi-row upsert statement, migrations
// are serialised across nodes by an advisory lock; everything else is store.ts, shared with SQLite.
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { PgDialect } from 'drizzle-orm/pg-core';
import postgres, { type Sql, type TransactionSql } from 'postgres';
import type { CounterWrite, DailyRow, HourlyRow, Metrics, RevenueRow } from '../counters/types.js';
import type { MinuteRow } from '../reports/minutes.js';
import { asPgStoreError, pgDb, pgGuarded, pgTypes } from './db-pg.js';
import { knownMigrations, migrationsFolder } from './paths.js';
import { pgReports } from './reports.js';
import { createStore } from './store.js';
import type { Store } from './types.js';

const dialect = new PgDialect();

export interface PgStoreOptions {
  /** Connections this process keeps at most. */
  poolSize: number;
}

/** pg_advisory_lock key for migrations: "pomelo" in ASCII, so it is recognisable in pg_locks. */
const migrationLockKey = 0x706f6d656c6f;

/** Column arrays for unnest(): one array per column, in the order of the INSERT's column list. */
function metricArrays(rows: Metrics[]) {
  return {
    pageviews: rows.map((r) => r.pageviews),
    visits: rows.map((r) => r.visits),
    bounces: rows.map((r) => r.bounces),
    exits: rows.map((r) => r.exits),
    engagedMs: rows.map((r) => r.engagedMs),
    engagements: rows.map((r) => r.engagements),
    scrollSum: rows.map((r) => r.scrollSum),
    events: rows.map((r) => r.events),
  };
}

export function openPgStore(url: string, options: PgStoreOptions): Store {
  const sql = postgres(url, { max: options.poolSize, onnotice: () => {}, types: pgTypes });

  // One statement writes the whole batch: a statement is atomic on its own (its implicit
  // transaction), takes one round trip instead of BEGIN + upserts + COMMIT, and keeps postgres.js off
  // its explicit-transaction path, which crashes the process with an uncatchable TypeError when the
  // connection dies mid-transaction (porsager/postgres#1154, #1208; reproduced with 3.4.9).
  // Values travel as one array parameter per column whatever the row count (no 65,535-parameter
  // limit, nothing to chunk; POMELO_MAX_BATCH bounds the size), and the text takes one of four
  // forms (with or without revenue, with or without minute rows), each prepared once per connection. Rows arrive sorted by key (CounterBatch.toWrite) and the hourly insert
  // waits for the daily one (its WHERE reads the daily CTE): every node locks rows in the same order,
  // so concurrent batches queue behind each other but never deadlock.
  async function upsertCounters(
    sql: Sql | TransactionSql,
    daily: DailyRow[],
    hourly: HourlyRow[],
    revenue: RevenueRow[],
    minutes: MinuteRow[],
  ): Promise<void> {
    const d = metricArrays(daily);
    const h = metricArrays(hourly);
    // Revenue (rare: custom events carrying an amount) joins the same statement, so that the
    // answer 202 still means "committed" for all of it; batches without revenue keep the text
    // they always had (prepared once per connection).
    const revenueCte =
      revenue.length === 0
        ? sql``
        : sql`, revenue AS (
        INSERT INTO revenue_counters (site_id, day, event, currency, amount, conversions)
        SELECT * FROM unnest(
          ${revenue.map((r) => r.siteId)}::int[], ${revenue.map((r) => r.day)}::text[],
          ${revenue.map((r) => r.event)}::text[], ${revenue.map((r) => r.currency)}::text[],
          ${revenue.map((r) => r.amount)}::bigint[], ${revenue.map((r) => r.conversions)}::int[])
        WHERE (SELECT count(*) FROM hourly) >= 0
        ON CONFLICT (site_id, day, event, currency) DO UPDATE SET
          amount = revenue_counters.amount + excluded.amount,
          conversions = revenue_counters.conversions + excluded.conversions
        RETURNING 1
      )`;
    // Realtime's minute rows (server/reports/minutes.ts), last: they wait for the revenue (or
    // hourly) rows, so the lock order stays daily, hourly, revenue, minutes on every node.
    const minutesCte =
      minutes.length === 0
        ? sql``
        : sql`, minutes AS (
        INSERT INTO minute_counters (site_id, minute, kind, value, count)
        SELECT * FROM unnest(
          ${minutes.map((r) => r.siteId)}::int[], ${minutes.map((r) => r.minute)}::int[],
          ${minutes.map((r) => r.kind)}::text[], ${minutes.map((r) => r.value)}::text[],
          ${minutes.map((r) => r.count)}::int[])
        WHERE (SELECT count(*) FROM ${revenue.length === 0 ? sql`hourly` : sql`revenue`}) >= 0
        ON CONFLICT (site_id, minute, kind, value) DO UPDATE SET
          count = minute_counters.count + excluded.count
        RETURNING 1
      )`;
    await sql`
      WITH daily AS (
        INSERT INTO daily_counters (site_id, day, dimension, value, pageviews, visits, bounces,
                                    exits, engaged_ms, engagements, scroll_sum, events)
        SELECT * FROM unnest(
          ${daily.map((r) => r.siteId)}::int[], ${daily.map((r) => r.day)}::text[],
          ${daily.map((r) => r.dimension)}::text[], ${daily.map((r) => r.value)}::text[],
          ${d.pageviews}::int[], ${d.visits}::int[], ${d.bounces}::int[], ${d.exits}::int[],
          ${d.engagedMs}::bigint[], ${d.engagements}::int[], ${d.scrollSum}::int[], ${d.events}::int[])
        ON CONFLICT (site_id, day, dimension, value) DO UPDATE SET
          pageviews = daily_counters.pageviews + excluded.pageviews,
          visits = daily_counters.visits + excluded.visits,
          bounces = daily_counters.bounces + excluded.bounces,
          exits = daily_counters.exits + excluded.exits,
          engaged_ms = daily_counters.engaged_ms + excluded.engaged_ms,
          engagements = daily_counters.engagements + excluded.engagements,
          scroll_sum = daily_counters.scroll_sum + excluded.scroll_sum,
          events = daily_counters.events + excluded.events
        RETURNING 1
      ), hourly AS (
        INSERT INTO hourly_counters (site_id, hour, pageviews, visits, bounces, exits,
                                     engaged_ms, engagements, scroll_sum, events)
        SELECT * FROM unnest(
          ${hourly.map((r) => r.siteId)}::int[], ${hourly.map((r) => r.hour)}::text[],
          ${h.pageviews}::int[], ${h.visits}::int[], ${h.bounces}::int[], ${h.exits}::int[],
          ${h.engagedMs}::bigint[], ${h.engagements}::int[], ${h.scrollSum}::int[], ${h.events}::int[])
        WHERE (SELECT count(*) FROM daily) >= 0
        ON CONFLICT (site_id, hour) DO UPDATE SET
          pageviews = hourly_counters.pageviews + excluded.pageviews,
          visits = hourly_counters.visits + excluded.visits,
          bounces = hourly_counters.bounces + excluded.bounces,
          exits = hourly_counters.exits + excluded.exits,
          engaged_ms = hourly_counters.engaged_ms + excluded.engaged_ms,
          engagements = hourly_counters.engagements + excluded.engagements,
          scroll_sum = hourly_counters.scroll_sum + excluded.scroll_sum,
          events = hourly_counters.events + excluded.events
        RETURNING 1
      )${revenueCte}${minutesCte}
      SELECT (SELECT count(*) FROM hourly) AS hourly${
        revenue.length === 0 ? sql`` : sql`, (SELECT count(*) FROM revenue) AS revenue`
      }${minutes.length === 0 ? sql`` : sql`, (SELECT count(*) FROM minutes) AS minutes`}`;
  }

  async function writeCounters(conn: Sql | TransactionSql, write: CounterWrite): Promise<void> {
    const revenue = write.revenue ?? [];
    const minutes = write.minutes ?? [];
    const empty = write.daily.length === 0 && write.hourly.length === 0;
    if (empty && revenue.length === 0 && minutes.length === 0) return;
    await upsertCounters(conn, write.daily, write.hourly, revenue, minutes);
  }

  const reports = pgReports(sql);

  return createStore({
    // Imports add many writes in one transaction through the same statement (db.ts `addCounters`).
    db: pgDb(sql, (conn, write) => writeCounters(conn, write)),

    async migrate() {
      // Nodes started together must not run the same migration twice (or race on CREATE SCHEMA):
      // one connection holds a session-level advisory lock while drizzle migrates on it. A single
      // connection (max: 1) keeps the lock and drizzle's transaction on the same session whatever
      // the pool size; the lock goes away with the session if the process dies midway.
      const lockSql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await pgGuarded(async () => {
          await lockSql`SELECT pg_advisory_lock(${migrationLockKey})`;
          try {
            await migrate(drizzle(lockSql), { migrationsFolder: migrationsFolder('pg') });
          } finally {
            await lockSql`SELECT pg_advisory_unlock(${migrationLockKey})`;
          }
        });
      } finally {
        await lockSql.end({ timeout: 5 });
      }
    },

    async ready() {
      const known = knownMigrations('pg');
      try {
        const [row] = await Promise.race([
          sql<{ n: number }[]>`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('timeout')), 2_000).unref(),
          ),
        ]);
        return { reachable: true, writable: true, migrations: { applied: row?.n ?? 0, known } };
      } catch {
        return { reachable: false, writable: false, migrations: { applied: 0, known } };
      }
    },

    applyCounterDeltas: (write) => pgGuarded(() => writeCounters(sql, write)),

    // One statement read through a cursor: one snapshot, `chunkSize` rows in memory at a time.
    async *scan<T>(query: SQL, chunkSize: number): AsyncIterable<T[]> {
      const { sql: text, params } = dialect.sqlToQuery(query);
      try {
        for await (const rows of sql.unsafe(text, params as never[]).cursor(chunkSize)) {
          yield [...rows] as T[];
        }
      } catch (err) {
        throw asPgStoreError(err);
      }
    },

    reports,
    reportsWithoutImports: reports.withoutImports,

    async close() {
      await sql.end({ timeout: 5 });
    },
  });
}
