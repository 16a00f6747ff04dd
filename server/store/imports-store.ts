// ImportsRepo, written once for SQLite and PostgreSQL (db.ts): import batches (table `imports`) and
// their ledgers (import_daily, import_hourly, import_revenue: exactly what each import added).
//
// An import is written in two phases (docs/ARCHITECTURE.md, "Imports"): its rows are first staged
// into the ledger in small transactions (state 'staged': no report reads them), then `apply` adds the
// whole ledger to the counters in ONE transaction, through the engine's own counter write
// (`addCounters`, the body of applyCounterDeltas), and marks the import 'applied'. `remove` subtracts
// the same ledger through the same path, in one transaction, and deletes the rows it leaves at zero.
import { sql, type SQL } from 'drizzle-orm';
import * as schema from '../../drizzle/schema/sqlite.js';
import type { CounterWrite, DailyRow, HourlyRow, Metrics, RevenueRow } from '../counters/types.js';
import { addCounters, all, exec, get, inList, type Db, type Work } from './db.js';
import { invalidateRollups } from './rollups-store.js';
import { table } from './tables.js';

const importsT = table(schema.imports);

export type ImportSource = 'plausible' | 'goatcounter' | 'pomelo';

export type ImportRecord = Omit<typeof schema.imports.$inferSelect, 'source' | 'state'> & {
  source: ImportSource;
  state: 'staged' | 'applied';
};

export interface NewImport {
  siteId: number;
  source: ImportSource;
  fileName: string;
  checksum: string;
  createdBy: number | null;
  origin: 'cli' | 'api';
  createdAt: string;
}

export interface ImportFigures {
  rows: number;
  firstDay: string | null;
  lastDay: string | null;
}

export interface ImportsRepo {
  /** The site's imports, newest first (staged ones too: an interrupted import shows). */
  list(siteId: number): Promise<ImportRecord[]>;
  get(siteId: number, id: number): Promise<ImportRecord | undefined>;
  /** The applied import of this file (same checksum) on the site, if any. */
  byChecksum(siteId: number, checksum: string): Promise<ImportRecord | undefined>;
  /** Records a staged import; its id. */
  stage(record: NewImport): Promise<number>;
  /** Adds rows to a staged import's ledger (additive; keys must be unique within one call). */
  stageRows(siteId: number, importId: number, write: CounterWrite): Promise<void>;
  /**
   * In one transaction: refuses ('duplicate') when the site already has this file applied (other
   * than `replaces`), removes `replaces`, adds the ledger to the counters, marks it applied.
   */
  apply(
    siteId: number,
    importId: number,
    figures: ImportFigures,
    replaces?: number,
  ): Promise<'applied' | 'duplicate'>;
  /** Deletes a staged import and its ledger (a failed or refused import). */
  discard(siteId: number, importId: number): Promise<void>;
  /** Subtracts an applied import from the counters and deletes it, in one transaction. */
  remove(siteId: number, importId: number): Promise<boolean>;
  /** Staged imports older than `before` (ISO time): left by a process that died; discarded. */
  discardStale(before: string): Promise<number>;

  // Exports read the counters a page at a time (keyset on the key: memory stays bounded).
  /** Daily rows of [fromDay, toDay] (one dimension, or all), after `after`, in key order. */
  dailyPage(
    siteId: number,
    fromDay: string,
    toDay: string,
    dimension: string | null,
    after: DailyRow | null,
    limit: number,
  ): Promise<DailyRow[]>;
  /** Hourly rows of [fromHour, toHour] after `after`, in hour order. */
  hourlyPage(
    siteId: number,
    fromHour: string,
    toHour: string,
    after: string | null,
    limit: number,
  ): Promise<HourlyRow[]>;
  /** Revenue rows of [fromDay, toDay] (few: one per day, event and currency). */
  revenueRows(siteId: number, fromDay: string, toDay: string): Promise<RevenueRow[]>;
  /** How many counter rows an export of [fromDay, toDay] reads (its progress bar's total). */
  countRows(
    siteId: number,
    fromDay: string,
    toDay: string,
    dimensions: string[] | null,
  ): Promise<number>;
  /** The first and last day with counters of the site. */
  daySpan(siteId: number): Promise<{ first: string | null; last: string | null }>;
}

const metricCols = [
  'pageviews',
  'visits',
  'bounces',
  'exits',
  'engaged_ms',
  'engagements',
  'scroll_sum',
  'events',
] as const;
const metricSql = sql.raw(
  `pageviews, visits, bounces, exits, engaged_ms as "engagedMs", engagements, scroll_sum as "scrollSum", events`,
);
const addExcluded = (t: string) =>
  sql.raw(metricCols.map((c) => `${c} = ${t}.${c} + excluded.${c}`).join(', '));
const allZero = sql.raw(metricCols.map((c) => `${c} = 0`).join(' and '));

/** Rows per ledger insert: 13 parameters a row stays below SQLite's and PostgreSQL's limits. */
const insertRows = 1000;
/** Ledger rows read per page when applying or removing (memory stays bounded by it). */
const pageRows = 5000;

const dailyCols = ['site_id', 'import_id', 'day', 'dimension', 'value', ...metricCols];
const hourlyCols = ['site_id', 'import_id', 'hour', ...metricCols];
const revenueCols = ['site_id', 'import_id', 'day', 'event', 'currency', 'amount', 'conversions'];

const metricRecord = (m: Metrics) => ({
  pageviews: m.pageviews,
  visits: m.visits,
  bounces: m.bounces,
  exits: m.exits,
  engaged_ms: m.engagedMs,
  engagements: m.engagements,
  scroll_sum: m.scrollSum,
  events: m.events,
});

const negate = <T extends Metrics>(r: T): T => ({
  ...r,
  pageviews: -r.pageviews,
  visits: -r.visits,
  bounces: -r.bounces,
  exits: -r.exits,
  engagedMs: -r.engagedMs,
  engagements: -r.engagements,
  scrollSum: -r.scrollSum,
  events: -r.events,
});

function* insertLedger(
  name: string,
  cols: string[],
  conflict: string,
  update: SQL,
  rows: Record<string, unknown>[],
): Work<void> {
  for (let i = 0; i < rows.length; i += insertRows) {
    yield* exec(sql`insert into ${sql.identifier(name)} (${sql.raw(cols.join(', '))})
      values ${tuples(rows.slice(i, i + insertRows), cols)}
      on conflict (${sql.raw(conflict)}) do update set ${update}`);
  }
}

/**
 * `(…), (…)` with whole numbers written into the text and everything else bound: a page of 1,000
 * ledger rows is then a few thousand SQL chunks instead of 13,000 (drizzle's cost is per chunk).
 * Only safe integers are inlined (checked here), so nothing a file holds reaches the SQL text.
 */
function tuples(rows: readonly Record<string, unknown>[], cols: readonly string[]): SQL {
  return sql.join(
    rows.map((row) => {
      const parts: SQL[] = [];
      let pending = '';
      cols.forEach((c, k) => {
        const sep = k === 0 ? '' : ', ';
        const v = row[c];
        if (typeof v === 'number' && Number.isSafeInteger(v)) pending += `${sep}${v}`;
        else {
          parts.push(sql.raw(`${pending}${sep}`));
          parts.push(sql`${v ?? null}`);
          pending = '';
        }
      });
      if (pending !== '') parts.push(sql.raw(pending));
      return sql`(${sql.join(parts)})`;
    }),
    sql`, `,
  );
}

/** Every page of an import's daily ledger, in key order (keyset pagination on the primary key). */
function* dailyPages(siteId: number, importId: number, each: (rows: DailyRow[]) => Work<void>) {
  let after: DailyRow | undefined;
  for (;;) {
    const rows: DailyRow[] = yield* all<DailyRow>(sql`select site_id as "siteId", day, dimension,
      value, ${metricSql} from import_daily where site_id = ${siteId} and import_id = ${importId}
      ${after ? sql`and (day, dimension, value) > (${after.day}, ${after.dimension}, ${after.value})` : sql``}
      order by day, dimension, value limit ${pageRows}`);
    if (rows.length === 0) return;
    yield* each(rows);
    if (rows.length < pageRows) return;
    after = rows[rows.length - 1];
  }
}

function* hourlyPages(siteId: number, importId: number, each: (rows: HourlyRow[]) => Work<void>) {
  let after: string | undefined;
  for (;;) {
    const rows: HourlyRow[] = yield* all<HourlyRow>(sql`select site_id as "siteId", hour,
      ${metricSql} from import_hourly where site_id = ${siteId} and import_id = ${importId}
      ${after ? sql`and hour > ${after}` : sql``} order by hour limit ${pageRows}`);
    if (rows.length === 0) return;
    yield* each(rows);
    if (rows.length < pageRows) return;
    after = rows[rows.length - 1]!.hour;
  }
}

function* revenueRows(siteId: number, importId: number): Work<RevenueRow[]> {
  return yield* all<RevenueRow>(sql`select site_id as "siteId", day, event, currency, amount,
    conversions from import_revenue where site_id = ${siteId} and import_id = ${importId}
    order by day, event, currency`);
}

/** Adds (sign 1) or subtracts (sign -1) an import's ledger through the engine's counter write. */
function* applyLedger(siteId: number, importId: number, sign: 1 | -1): Work<void> {
  // Imports write closed days: the rollups over them go, the rollups job rebuilds them.
  const span = yield* get<{ first: string | null; last: string | null }>(sql`select
    min(day) as "first", max(day) as "last" from import_daily
    where site_id = ${siteId} and import_id = ${importId}`);
  if (span?.first && span.last) yield* invalidateRollups(siteId, span.first, span.last);
  const signed = <T extends Metrics>(rows: T[]) => (sign === 1 ? rows : rows.map(negate));
  yield* dailyPages(siteId, importId, function* (rows) {
    yield* addCounters({ daily: signed(rows), hourly: [] });
  });
  yield* hourlyPages(siteId, importId, function* (rows) {
    yield* addCounters({ daily: [], hourly: signed(rows) });
  });
  const revenue = yield* revenueRows(siteId, importId);
  if (revenue.length > 0) {
    yield* addCounters({
      daily: [],
      hourly: [],
      revenue: revenue.map((r) => ({
        ...r,
        amount: sign * r.amount,
        conversions: sign * r.conversions,
      })),
    });
  }
}

function* deleteLedger(siteId: number, importId: number): Work<void> {
  for (const t of ['import_daily', 'import_hourly', 'import_revenue']) {
    yield* exec(
      sql`delete from ${sql.identifier(t)} where site_id = ${siteId} and import_id = ${importId}`,
    );
  }
  yield* exec(sql`delete from imports where site_id = ${siteId} and id = ${importId}`);
}

/**
 * Subtracts an applied import, then deletes the counter rows it leaves at zero (rows the import
 * created): the counters are then what they were before it, row for row.
 */
function* removeApplied(siteId: number, importId: number): Work<void> {
  yield* applyLedger(siteId, importId, -1);
  yield* exec(sql`delete from daily_counters where site_id = ${siteId} and ${allZero}
    and (day, dimension, value) in (select day, dimension, value from import_daily
      where site_id = ${siteId} and import_id = ${importId})`);
  yield* exec(sql`delete from hourly_counters where site_id = ${siteId} and ${allZero}
    and hour in (select hour from import_hourly where site_id = ${siteId} and import_id = ${importId})`);
  yield* exec(sql`delete from revenue_counters where site_id = ${siteId} and amount = 0
    and conversions = 0 and (day, event, currency) in (select day, event, currency
      from import_revenue where site_id = ${siteId} and import_id = ${importId})`);
  yield* deleteLedger(siteId, importId);
}

const lockSite = (db: Db, siteId: number) =>
  // Two nodes applying the same file at once: the checksum check and the write are serialised per site.
  db.pgOnly(sql`select pg_advisory_xact_lock(${0x706f6d69}, ${siteId})`);

export function importsRepo(db: Db): ImportsRepo {
  return {
    async list(siteId) {
      return db.all<ImportRecord>(
        sql`select ${importsT.columns} from imports where site_id = ${siteId} order by id desc`,
      );
    },
    async get(siteId, id) {
      return db.get<ImportRecord>(
        sql`select ${importsT.columns} from imports where site_id = ${siteId} and id = ${id}`,
      );
    },
    async byChecksum(siteId, checksum) {
      return db.get<ImportRecord>(sql`select ${importsT.columns} from imports
        where site_id = ${siteId} and checksum = ${checksum} and state = 'applied'`);
    },
    async stage(r) {
      const row = await db.get<{ id: number }>(
        sql`${importsT.insert([{ ...r, rows: 0, state: 'staged' }])} returning id`,
      );
      return row!.id;
    },
    stageRows(siteId, importId, write) {
      return db.tx(function* () {
        yield* insertLedger(
          'import_daily',
          dailyCols,
          'site_id, import_id, day, dimension, value',
          addExcluded('import_daily'),
          write.daily.map((r) => ({
            site_id: siteId,
            import_id: importId,
            day: r.day,
            dimension: r.dimension,
            value: r.value,
            ...metricRecord(r),
          })),
        );
        yield* insertLedger(
          'import_hourly',
          hourlyCols,
          'site_id, import_id, hour',
          addExcluded('import_hourly'),
          write.hourly.map((r) => ({
            site_id: siteId,
            import_id: importId,
            hour: r.hour,
            ...metricRecord(r),
          })),
        );
        yield* insertLedger(
          'import_revenue',
          revenueCols,
          'site_id, import_id, day, event, currency',
          sql.raw(
            'amount = import_revenue.amount + excluded.amount, conversions = import_revenue.conversions + excluded.conversions',
          ),
          (write.revenue ?? []).map((r) => ({
            site_id: siteId,
            import_id: importId,
            day: r.day,
            event: r.event,
            currency: r.currency,
            amount: r.amount,
            conversions: r.conversions,
          })),
        );
      });
    },
    apply(siteId, importId, figures, replaces) {
      return db.tx(function* () {
        yield* lockSite(db, siteId);
        const mine = yield* get<{ checksum: string; state: string }>(
          sql`select checksum, state from imports where site_id = ${siteId} and id = ${importId}`,
        );
        if (!mine || mine.state !== 'staged') throw new Error(`import ${importId} is not staged`);
        const same = yield* all<{ id: number }>(sql`select id from imports where site_id = ${siteId}
          and checksum = ${mine.checksum} and state = 'applied'`);
        if (same.some((s) => s.id !== replaces)) return 'duplicate' as const;
        if (replaces !== undefined) {
          const old = yield* get<{ state: string }>(
            sql`select state from imports where site_id = ${siteId} and id = ${replaces}`,
          );
          if (old?.state === 'applied') yield* removeApplied(siteId, replaces);
        }
        yield* applyLedger(siteId, importId, 1);
        yield* exec(sql`update imports set state = 'applied', rows = ${figures.rows},
          first_day = ${figures.firstDay}, last_day = ${figures.lastDay}
          where site_id = ${siteId} and id = ${importId}`);
        return 'applied' as const;
      });
    },
    discard(siteId, importId) {
      return db.tx(function* () {
        const row = yield* get<{ state: string }>(
          sql`select state from imports where site_id = ${siteId} and id = ${importId}`,
        );
        if (row?.state === 'staged') yield* deleteLedger(siteId, importId);
      });
    },
    remove(siteId, importId) {
      return db.tx(function* () {
        yield* lockSite(db, siteId);
        const row = yield* get<{ state: string }>(
          sql`select state from imports where site_id = ${siteId} and id = ${importId} ${db.forUpdate}`,
        );
        if (!row) return false;
        if (row.state === 'applied') yield* removeApplied(siteId, importId);
        else yield* deleteLedger(siteId, importId);
        return true;
      });
    },
    dailyPage(siteId, fromDay, toDay, dimension, after, limit) {
      return db.all<DailyRow>(sql`select site_id as "siteId", day, dimension, value, ${metricSql}
        from daily_counters where site_id = ${siteId} and day >= ${fromDay} and day <= ${toDay}
        ${dimension === null ? sql`` : sql`and dimension = ${dimension}`}
        ${after ? sql`and (day, dimension, value) > (${after.day}, ${after.dimension}, ${after.value})` : sql``}
        order by day, dimension, value limit ${limit}`);
    },
    hourlyPage(siteId, fromHour, toHour, after, limit) {
      return db.all<HourlyRow>(sql`select site_id as "siteId", hour, ${metricSql}
        from hourly_counters where site_id = ${siteId} and hour >= ${fromHour} and hour <= ${toHour}
        ${after ? sql`and hour > ${after}` : sql``} order by hour limit ${limit}`);
    },
    revenueRows(siteId, fromDay, toDay) {
      return db.all<RevenueRow>(sql`select site_id as "siteId", day, event, currency, amount,
        conversions from revenue_counters where site_id = ${siteId} and day >= ${fromDay}
        and day <= ${toDay} order by day, event, currency`);
    },
    async countRows(siteId, fromDay, toDay, dims) {
      const row = await db.get<{ n: number }>(sql`select count(*) as n from daily_counters
        where site_id = ${siteId} and day >= ${fromDay} and day <= ${toDay}
        ${dims === null ? sql`` : sql`and ${inList(sql`dimension`, dims)}`}`);
      return Number(row?.n ?? 0);
    },
    async daySpan(siteId) {
      const row = await db.get<{ first: string | null; last: string | null }>(sql`select
        min(day) as "first", max(day) as "last" from daily_counters where site_id = ${siteId}`);
      return { first: row?.first ?? null, last: row?.last ?? null };
    },
    async discardStale(before) {
      const stale = await db.all<{ id: number; siteId: number }>(sql`select id,
        site_id as "siteId" from imports where state = 'staged' and created_at < ${before}`);
      for (const s of stale) await this.discard(s.siteId, s.id);
      return stale.length;
    },
  };
}
