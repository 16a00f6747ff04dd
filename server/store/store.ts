// The Store, written once for SQLite and PostgreSQL. Each database supplies an Engine (sqlite.ts,
// pg.ts): its Db (db.ts), and the few things that are the database's own — opening and migrating,
// readiness, the hot counter upsert, cursor scans and the report queries' executor.
import { sql, type SQL } from 'drizzle-orm';
import * as schema from '../../drizzle/schema/sqlite.js';
import type { CounterWrite, DailyRow, HourlyRow, Metrics } from '../counters/types.js';
import { accountsRepo, toSiteRecord } from './accounts-store.js';
import { annotationsRepo } from './annotations-store.js';
import { exec, get, type Db } from './db.js';
import { goalsRepo } from './goals-store.js';
import { mailRepo } from './mail-store.js';
import { minutesRepo } from './minutes-store.js';
import { importsRepo } from './imports-store.js';
import type { ReportsRepo } from './reports.js';
import { replayRepo } from './replay-store.js';
import { rollupsRepo } from './rollups-store.js';
import { secondFactorRepo } from './second-factor-store.js';
import { deleteSiteData } from './site-deletion.js';
import { tableCopy } from './table-copy.js';
import { table } from './tables.js';
import type { CounterSummary, ReadyReport, Store } from './types.js';

export interface Engine {
  readonly db: Db;
  migrate(): Promise<void>;
  ready(): Promise<ReadyReport>;
  /** Adds every row to its counter in one transaction (the hot path: the database's fastest form). */
  applyCounterDeltas(write: CounterWrite): Promise<void>;
  /** Store.flushCounters (SQLite's journal); absent where writes go to the counters at once. */
  flushCounters?(): Promise<void>;
  /** Rows of one query read from one snapshot, `chunkSize` at a time. */
  scan<T>(query: SQL, chunkSize: number): AsyncIterable<T[]>;
  readonly reports: ReportsRepo;
  /** The same report queries leaving out what applied imports added. */
  readonly reportsWithoutImports: ReportsRepo;
  close(): Promise<void>;
}

const sitesT = table(schema.sites);

type SiteRow = typeof schema.sites.$inferSelect;

const metricSelect = sql`pageviews, visits, bounces, exits, engaged_ms as "engagedMs", engagements,
  scroll_sum as "scrollSum", events`;
// sum() of a bigint is numeric on PostgreSQL (a string in JS): cast back to an integer.
const metricSums = sql`cast(sum(pageviews) as bigint) as pageviews,
  cast(sum(visits) as bigint) as visits, cast(sum(bounces) as bigint) as bounces,
  cast(sum(exits) as bigint) as exits, cast(sum(engaged_ms) as bigint) as "engagedMs",
  cast(sum(engagements) as bigint) as engagements, cast(sum(scroll_sum) as bigint) as "scrollSum",
  cast(sum(events) as bigint) as events`;

export function createStore(engine: Engine): Store {
  const { db } = engine;
  const bytewise = (column: string) => db.bytewise(column);

  return {
    dialect: db.dialect,
    migrate: () => engine.migrate(),
    ready: () => engine.ready(),

    async siteByDomain(domain) {
      const row = await db.get<SiteRow>(
        sql`select ${sitesT.columns} from sites where domain = ${domain}`,
      );
      return row && toSiteRecord(row);
    },

    async listSites() {
      const rows = await db.all<SiteRow>(
        sql`select ${sitesT.columns} from sites order by ${bytewise('domain')}`,
      );
      return rows.map(toSiteRecord);
    },

    async addSite(site, now) {
      const row = await db.get<SiteRow>(
        sql`${sitesT.insert([
          {
            domain: site.domain,
            name: site.name ?? site.domain,
            timezone: site.timezone,
            settings: JSON.stringify(site.settings ?? {}),
            createdAt: now.toISOString(),
          },
        ])} returning ${sitesT.columns}`,
      );
      return toSiteRecord(row!);
    },

    removeSite(domain) {
      return db.tx(function* () {
        const site = yield* get<{ id: number }>(
          sql`select id from sites where domain = ${domain} ${db.forUpdate}`,
        );
        return site ? yield* deleteSiteData(site.id) : false;
      });
    },

    applyCounterDeltas: (write) => engine.applyCounterDeltas(write),
    flushCounters: () => engine.flushCounters?.() ?? Promise.resolve(),

    async distinctValues(siteId, day, dimension, limit) {
      const rows = await db.all<{ value: string }>(sql`select value from daily_counters
        where site_id = ${siteId} and day = ${day} and dimension = ${dimension} limit ${limit}`);
      return rows.map((r) => r.value);
    },

    dailyRows(siteId, fromDay = '0000-00-00', toDay = '9999-99-99') {
      return db.all<DailyRow>(sql`select site_id as "siteId", day, dimension, value, ${metricSelect}
        from daily_counters where site_id = ${siteId} and day >= ${fromDay} and day <= ${toDay}
        order by ${bytewise('day')}, ${bytewise('dimension')}, ${bytewise('value')}`);
    },

    hourlyRows(siteId, fromHour = '0000', toHour = '9999') {
      return db.all<HourlyRow>(sql`select site_id as "siteId", hour, ${metricSelect}
        from hourly_counters where site_id = ${siteId} and hour >= ${fromHour} and hour <= ${toHour}
        order by ${bytewise('hour')}`);
    },

    scanDailyRows(chunkSize) {
      return engine.scan<DailyRow>(
        sql`select site_id as "siteId", day, dimension, value, ${metricSelect}
          from daily_counters order by site_id, day, dimension, value`,
        chunkSize,
      );
    },

    scanHourlyRows(chunkSize) {
      return engine.scan<HourlyRow>(
        sql`select site_id as "siteId", hour, ${metricSelect}
          from hourly_counters order by site_id, hour`,
        chunkSize,
      );
    },

    async counterSummary(name) {
      const rows = await db.all<{ siteId: number; rows: number } & Metrics>(
        sql`select site_id as "siteId", count(*) as rows, ${metricSums}
          from ${sql.identifier(name === 'daily_counters' ? 'daily_counters' : 'hourly_counters')}
          group by site_id order by site_id`,
      );
      return rows.map(({ siteId, rows: count, ...totals }): CounterSummary => ({
        siteId,
        rows: count,
        totals,
      }));
    },

    async importSites(sites) {
      if (sites.length === 0) return;
      const rows = sites.map((s) => ({ ...s, settings: JSON.stringify(s.settings) }));
      await db.tx(function* () {
        for (let i = 0; i < rows.length; i += 500)
          yield* exec(sitesT.insert(rows.slice(i, i + 500)));
        // SQLite's AUTOINCREMENT keeps sqlite_sequence at the largest id inserted.
        yield* db.pgOnly(sql`select setval(pg_get_serial_sequence('sites', 'id'),
          coalesce(max(id), 0) + 1, false) from sites`);
      });
    },

    reports: engine.reports,
    reportsWithoutImports: engine.reportsWithoutImports,
    imports: importsRepo(db),
    rollups: rollupsRepo(db),
    tables: tableCopy(db),
    accounts: accountsRepo(db),
    replay: replayRepo(db),
    secondFactor: secondFactorRepo(db),
    annotations: annotationsRepo(db),
    goals: goalsRepo(db),
    mail: mailRepo(db),
    minutes: minutesRepo(db),
    close: () => engine.close(),
  };
}
