// PostgreSQL store (postgres.js + drizzle): each batch is one additive multi-row upsert statement,
// migrations are serialised across nodes by an advisory lock. Mirrors sqlite.ts method by method.
import { asc, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from '../../drizzle/schema/pg.js';
import type { DailyRow, HourlyRow, Metrics } from '../counters/types.js';
import { knownMigrations, migrationsFolder } from './paths.js';
import { pgTableCopy } from './table-copy.js';
import { secondFactorRepo } from './second-factor-store.js';
import { pgDb, pgTypes } from './db-pg.js';
import { createPgAccountsRepo } from './accounts-pg.js';
import { replayRepo } from './replay-store.js';
import { deleteSiteReplayPg } from './site-deletion-bridge.js';
import { pgReports } from './reports.js';
import {
  StoreUnavailableError,
  type CounterSummary,
  type CounterTable,
  type NewSite,
  type SiteRecord,
  type SiteSettings,
  type Store,
} from './types.js';

export interface PgStoreOptions {
  /** Connections this process keeps at most. */
  poolSize: number;
}

/** pg_advisory_lock key for migrations: "pomelo" in ASCII, so it is recognisable in pg_locks. */
const migrationLockKey = 0x706f6d656c6f;

// engaged_ms is bigint (int8), which postgres.js returns as a string; float8 is exact to 2^53.
const metricSelect = `pageviews, visits, bounces, exits, engaged_ms::float8 AS "engagedMs",
  engagements, scroll_sum AS "scrollSum", events`;
// sum() of int is bigint and of bigint is numeric: cast back to a JS number (exact to 2^53).
const metricSums = `sum(pageviews)::float8 AS pageviews, sum(visits)::float8 AS visits,
  sum(bounces)::float8 AS bounces, sum(exits)::float8 AS exits,
  sum(engaged_ms)::float8 AS "engagedMs", sum(engagements)::float8 AS engagements,
  sum(scroll_sum)::float8 AS "scrollSum", sum(events)::float8 AS events`;

// SQLSTATE classes and codes that mean "the database cannot take this write now" (the client should
// retry later: 503), not "the code is wrong" (500). https://www.postgresql.org/docs/15/errcodes-appendix.html
const unavailableClasses = ['08', '53', '57P'];
const unavailableStates = new Set(['25006', '40001', '40P01', '55P03']);
// Socket errors from Node and postgres.js's own connection errors.
const unavailableErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

export function isUnavailable(code: string): boolean {
  return (
    unavailableErrnos.has(code) ||
    unavailableStates.has(code) ||
    unavailableClasses.some((c) => code.startsWith(c) && code.length === 5)
  );
}

/** Maps an availability error to StoreUnavailableError; drizzle wraps driver errors in `cause`. */
function asStoreError(err: unknown): unknown {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && isUnavailable(code)) {
      return new StoreUnavailableError(`database unavailable (${code})`, code);
    }
  }
  return err;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw asStoreError(err);
  }
}

type SiteRow = typeof schema.sites.$inferSelect;

function toSite(row: SiteRow): SiteRecord {
  return { ...row, settings: JSON.parse(row.settings) as SiteSettings };
}

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

async function* scan<T>(cursor: AsyncIterable<T[]>): AsyncIterable<T[]> {
  try {
    for await (const rows of cursor) yield [...rows];
  } catch (err) {
    throw asStoreError(err);
  }
}

export function openPgStore(url: string, options: PgStoreOptions): Store {
  const sql = postgres(url, { max: options.poolSize, onnotice: () => {}, types: pgTypes });
  const db = drizzle(sql, { schema });
  const pdb = pgDb(sql);

  // One statement writes the whole batch: a statement is atomic on its own (its implicit
  // transaction), takes one round trip instead of BEGIN + upserts + COMMIT, and keeps postgres.js off
  // its explicit-transaction path, which crashes the process with an uncatchable TypeError when the
  // connection dies mid-transaction (porsager/postgres#1154, #1208; reproduced with 3.4.9).
  // Values travel as 22 array parameters whatever the row count (no 65,535-parameter limit, nothing
  // to chunk; POMELO_MAX_BATCH bounds the size), and the text never changes, so postgres.js prepares
  // it once per connection. Rows arrive sorted by key (CounterBatch.toWrite) and the hourly insert
  // waits for the daily one (its WHERE reads the daily CTE): every node locks rows in the same order,
  // so concurrent batches queue behind each other but never deadlock.
  async function upsertCounters(daily: DailyRow[], hourly: HourlyRow[]): Promise<void> {
    const d = metricArrays(daily);
    const h = metricArrays(hourly);
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
      )
      SELECT (SELECT count(*) FROM hourly) AS hourly`;
  }

  return {
    dialect: 'postgres',

    async migrate() {
      // Nodes started together must not run the same migration twice (or race on CREATE SCHEMA):
      // one connection holds a session-level advisory lock while drizzle migrates on it. A single
      // connection (max: 1) keeps the lock and drizzle's transaction on the same session whatever
      // the pool size; the lock goes away with the session if the process dies midway.
      const lockSql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await guarded(async () => {
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

    siteByDomain: (domain) =>
      guarded(async () => {
        const [row] = await db.select().from(schema.sites).where(eq(schema.sites.domain, domain));
        return row ? toSite(row) : undefined;
      }),

    listSites: () =>
      guarded(async () =>
        (await db.select().from(schema.sites).orderBy(asc(schema.sites.domain))).map(toSite),
      ),

    addSite: (site: NewSite, now: Date) =>
      guarded(async () => {
        const [row] = await db
          .insert(schema.sites)
          .values({
            domain: site.domain,
            name: site.name ?? site.domain,
            timezone: site.timezone,
            settings: JSON.stringify(site.settings ?? {}),
            createdAt: now.toISOString(),
          })
          .returning();
        return toSite(row!);
      }),

    removeSite: (domain) =>
      guarded(() =>
        db.transaction(async (tx) => {
          const [site] = await tx
            .select()
            .from(schema.sites)
            .where(eq(schema.sites.domain, domain))
            .for('update');
          if (!site) return false;
          await tx.delete(schema.dailyCounters).where(eq(schema.dailyCounters.siteId, site.id));
          await tx.delete(schema.hourlyCounters).where(eq(schema.hourlyCounters.siteId, site.id));
          await tx.delete(schema.sharedLinks).where(eq(schema.sharedLinks.siteId, site.id));
          await deleteSiteReplayPg(tx, site.id);
          await tx.delete(schema.sites).where(eq(schema.sites.id, site.id));
          return true;
        }),
      ),

    applyCounterDeltas: (write) =>
      guarded(async () => {
        if (write.daily.length === 0 && write.hourly.length === 0) return;
        await upsertCounters(write.daily, write.hourly);
      }),

    distinctValues: (siteId, day, dimension, limit) =>
      guarded(async () => {
        const rows = await sql<{ value: string }[]>`
          SELECT value FROM daily_counters
          WHERE site_id = ${siteId} AND day = ${day} AND dimension = ${dimension} LIMIT ${limit}`;
        return rows.map((r) => r.value);
      }),

    // COLLATE "C" orders by bytes, as SQLite's BINARY collation does, whatever the database locale.
    dailyRows: (siteId, fromDay = '0000-00-00', toDay = '9999-99-99') =>
      guarded(async () => [
        ...(await sql<DailyRow[]>`
          SELECT site_id AS "siteId", day, dimension, value, ${sql.unsafe(metricSelect)}
          FROM daily_counters WHERE site_id = ${siteId} AND day >= ${fromDay} AND day <= ${toDay}
          ORDER BY day COLLATE "C", dimension COLLATE "C", value COLLATE "C"`),
      ]),

    hourlyRows: (siteId, fromHour = '0000', toHour = '9999') =>
      guarded(async () => [
        ...(await sql<HourlyRow[]>`
          SELECT site_id AS "siteId", hour, ${sql.unsafe(metricSelect)}
          FROM hourly_counters WHERE site_id = ${siteId} AND hour >= ${fromHour} AND hour <= ${toHour}
          ORDER BY hour COLLATE "C"`),
      ]),

    // One statement read through a cursor: one snapshot, `chunkSize` rows in memory at a time.
    scanDailyRows: (chunkSize) =>
      scan(
        sql<DailyRow[]>`
          SELECT site_id AS "siteId", day, dimension, value, ${sql.unsafe(metricSelect)}
          FROM daily_counters ORDER BY site_id, day, dimension, value`.cursor(chunkSize),
      ),

    scanHourlyRows: (chunkSize) =>
      scan(
        sql<HourlyRow[]>`
          SELECT site_id AS "siteId", hour, ${sql.unsafe(metricSelect)}
          FROM hourly_counters ORDER BY site_id, hour`.cursor(chunkSize),
      ),

    counterSummary: (table: CounterTable) =>
      guarded(async () => {
        const name = table === 'daily_counters' ? 'daily_counters' : 'hourly_counters';
        const rows = await sql.unsafe<({ siteId: number; rows: number } & Metrics)[]>(
          `SELECT site_id AS "siteId", count(*)::float8 AS rows, ${metricSums}
           FROM ${name} GROUP BY site_id ORDER BY site_id`,
        );
        return rows.map(({ siteId, rows: count, ...totals }): CounterSummary => ({
          siteId,
          rows: count,
          totals,
        }));
      }),

    importSites: (sites) =>
      guarded(() =>
        db.transaction(async (tx) => {
          for (const site of sites) {
            await tx
              .insert(schema.sites)
              .values({ ...site, settings: JSON.stringify(site.settings) });
          }
          // Explicit ids do not advance the serial sequence: move it past the largest id.
          await tx.execute(
            `SELECT setval(pg_get_serial_sequence('sites', 'id'), coalesce(max(id), 0) + 1, false) FROM sites`,
          );
        }),
      ),

    reports: pgReports(sql),
    tables: pgTableCopy(db),
    accounts: createPgAccountsRepo(db),
    replay: replayRepo(pdb),
    secondFactor: secondFactorRepo(pdb),

    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
