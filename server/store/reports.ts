// Read queries for reports, named by intent; SQLite and PostgreSQL SQL side by side (STYLE.md 7).
//
// Index use: the key is (site_id, day, dimension, value). Every query lists its days explicitly
// (`day IN json_each(?)` / `day = ANY(?)`), so both databases seek (site_id, day, dimension) once
// per day instead of scanning every dimension of the range; values of one day are then read in key
// order. An index on (site_id, dimension, day, value) would turn the per-day seeks into one range
// scan, and a monthly roll-up table would cut 12-month reports by ~30×; neither exists yet
// (docs/BENCHMARKS.md shows what they would be worth).
import type Database from 'better-sqlite3';
import type { Sql } from 'postgres';
import type { Dimension, Metrics } from '../counters/types.js';

export type MetricColumn = keyof Metrics;

/** A condition on a dimension's value. `contains`: case-insensitive substring of any of `values`. */
export interface ValueFilter {
  op: 'is' | 'is_not' | 'contains' | 'contains_not';
  values: string[];
}

export interface DimensionSlice {
  siteId: number;
  fromDay: string;
  toDay: string;
  dimension: Dimension;
  /** Every clause must hold. */
  filters?: ValueFilter[];
  /** Only values that start with this exact text (the event_prop rows of one event). */
  prefix?: string;
}

export interface TopValuesQuery extends DimensionSlice {
  orderBy: MetricColumn | 'value';
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export type DayTotals = Metrics & { day: string };
export type HourTotals = Metrics & { hour: string };
export type ValueTotals = Metrics & { value: string };
export type SiteDayTotals = Metrics & { siteId: number; day: string };

export interface ReportsRepo {
  /** Sums of the slice over its days. */
  rangeTotals(slice: DimensionSlice): Promise<Metrics>;
  /** Sums per day (days without rows are absent), in day order. */
  dailyTotals(slice: DimensionSlice): Promise<DayTotals[]>;
  /** hourly_counters rows from `fromHour` to `toHour` (UTC, both included), in hour order. */
  hourlyTotals(siteId: number, fromHour: string, toHour: string): Promise<HourTotals[]>;
  /** One page of values ordered by a metric (ties by value), and how many values match in all. */
  topValues(q: TopValuesQuery): Promise<{ rows: ValueTotals[]; totalRows: number }>;
  /** The first local day with any traffic (for period=all), or null. */
  firstDay(siteId: number): Promise<string | null>;
  /** `total` sums per site and day, for the agency overview (one query for many sites). */
  siteDailyTotals(siteIds: number[], fromDay: string, toDay: string): Promise<SiteDayTotals[]>;
}

const columns: [MetricColumn, string][] = [
  ['pageviews', 'pageviews'],
  ['visits', 'visits'],
  ['bounces', 'bounces'],
  ['exits', 'exits'],
  ['engagedMs', 'engaged_ms'],
  ['engagements', 'engagements'],
  ['scrollSum', 'scroll_sum'],
  ['events', 'events'],
];
const columnOf = Object.fromEntries(columns) as Record<MetricColumn, string>;
const sums = columns.map(([key, col]) => `SUM(${col}) AS "${key}"`).join(', ');

type Dialect = 'sqlite' | 'postgres';

/** SQL text with `?` placeholders and its parameters; PostgreSQL numbers them at the end. */
interface Statement {
  text: string;
  params: unknown[];
}

/** Escapes LIKE wildcards so that visitor text matches literally (ESCAPE '\'). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function dayList(d: Dialect, days: string[]): Statement {
  return d === 'sqlite'
    ? { text: 'day IN (SELECT value FROM json_each(?))', params: [JSON.stringify(days)] }
    : { text: 'day = ANY(?::text[])', params: [days] };
}

function filterSql(d: Dialect, f: ValueFilter): Statement {
  if (f.values.length === 0) return { text: f.op.endsWith('not') ? '1=1' : '1=0', params: [] };
  if (f.op === 'is' || f.op === 'is_not') {
    const list = f.values.map(() => '?').join(', ');
    return { text: `value ${f.op === 'is' ? '' : 'NOT '}IN (${list})`, params: f.values };
  }
  const like = d === 'sqlite' ? 'LIKE' : 'ILIKE';
  const any = f.values.map(() => `value ${like} ? ESCAPE '\\'`).join(' OR ');
  return {
    text: f.op === 'contains' ? `(${any})` : `NOT (${any})`,
    params: f.values.map((v) => `%${escapeLike(v)}%`),
  };
}

function whereSlice(d: Dialect, s: DimensionSlice): Statement {
  const days = dayList(d, eachDayOf(s.fromDay, s.toDay));
  const parts = ['site_id = ?', days.text, 'dimension = ?'];
  const params: unknown[] = [s.siteId, ...days.params, s.dimension];
  if (s.prefix !== undefined) {
    parts.push(`value LIKE ? ESCAPE '\\'`);
    params.push(`${escapeLike(s.prefix)}%`);
  }
  for (const f of s.filters ?? []) {
    const w = filterSql(d, f);
    parts.push(w.text);
    params.push(...w.params);
  }
  return { text: parts.join(' AND '), params };
}

function eachDayOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > to) return out;
    out.push(day);
  }
}

/** The statements, written once for both dialects. */
const queries = {
  rangeTotals(d: Dialect, s: DimensionSlice): Statement {
    const w = whereSlice(d, s);
    return { text: `SELECT ${sums} FROM daily_counters WHERE ${w.text}`, params: w.params };
  },
  dailyTotals(d: Dialect, s: DimensionSlice): Statement {
    const w = whereSlice(d, s);
    return {
      text: `SELECT day, ${sums} FROM daily_counters WHERE ${w.text} GROUP BY day ORDER BY day`,
      params: w.params,
    };
  },
  hourlyTotals(siteId: number, fromHour: string, toHour: string): Statement {
    return {
      text: `SELECT hour, ${sums} FROM hourly_counters WHERE site_id = ? AND hour >= ? AND hour <= ?
             GROUP BY hour ORDER BY hour`,
      params: [siteId, fromHour, toHour],
    };
  },
  topValues(d: Dialect, q: TopValuesQuery): Statement {
    const w = whereSlice(d, q);
    const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
    // Binary order for ties, so both databases page identically whatever their collation.
    const byValue = d === 'sqlite' ? 'value' : 'value COLLATE "C"';
    const order =
      q.orderBy === 'value'
        ? `${byValue} ${dir}`
        : `SUM(${columnOf[q.orderBy]}) ${dir}, ${byValue} ASC`;
    return {
      text: `SELECT value, ${sums}, COUNT(*) OVER () AS "totalRows" FROM daily_counters
             WHERE ${w.text} GROUP BY value ORDER BY ${order} LIMIT ? OFFSET ?`,
      params: [...w.params, q.limit, q.offset],
    };
  },
  siteDailyTotals(d: Dialect, siteIds: number[], fromDay: string, toDay: string): Statement {
    const days = dayList(d, eachDayOf(fromDay, toDay));
    const sites =
      d === 'sqlite'
        ? { text: 'site_id IN (SELECT value FROM json_each(?))', param: JSON.stringify(siteIds) }
        : { text: 'site_id = ANY(?::int[])', param: siteIds };
    return {
      text: `SELECT site_id AS "siteId", day, ${sums} FROM daily_counters
             WHERE ${sites.text} AND ${days.text} AND dimension = 'total'
             GROUP BY site_id, day ORDER BY site_id, day`,
      params: [sites.param, ...days.params],
    };
  },
};

/** Sums come back as null (no rows), bigint strings (PostgreSQL) or numbers: make them numbers. */
function toMetrics(row: Record<string, unknown> | undefined): Metrics {
  const m = {} as Metrics;
  for (const [key] of columns) m[key] = Number(row?.[key] ?? 0);
  return m;
}

function withKeys<K extends string>(rows: Record<string, unknown>[], keys: K[]) {
  return rows.map((r) => {
    const out = toMetrics(r) as Metrics & Record<K, unknown>;
    for (const k of keys) (out as Record<string, unknown>)[k] = r[k];
    return out;
  });
}

/** A runner executes a Statement and returns plain rows. */
type Runner = (s: Statement) => Promise<Record<string, unknown>[]>;

function createRepo(d: Dialect, run: Runner): ReportsRepo {
  return {
    async rangeTotals(slice) {
      return toMetrics((await run(queries.rangeTotals(d, slice)))[0]);
    },
    async dailyTotals(slice) {
      return withKeys(await run(queries.dailyTotals(d, slice)), ['day']) as DayTotals[];
    },
    async hourlyTotals(siteId, fromHour, toHour) {
      return withKeys(await run(queries.hourlyTotals(siteId, fromHour, toHour)), [
        'hour',
      ]) as HourTotals[];
    },
    async topValues(q) {
      const rows = await run(queries.topValues(d, q));
      let totalRows = Number(rows[0]?.totalRows ?? 0);
      if (rows.length === 0 && q.offset > 0) {
        // Past the last page the window count is lost with the rows: count separately.
        const all = await run(queries.topValues(d, { ...q, limit: 1, offset: 0 }));
        totalRows = Number(all[0]?.totalRows ?? 0);
      }
      return { rows: withKeys(rows, ['value']) as ValueTotals[], totalRows };
    },
    async firstDay(siteId) {
      const rows = await run({
        // The key leads with (site_id, day): MIN is one index seek.
        text: 'SELECT MIN(day) AS "day" FROM daily_counters WHERE site_id = ?',
        params: [siteId],
      });
      return (rows[0]?.day as string | null | undefined) ?? null;
    },
    async siteDailyTotals(siteIds, fromDay, toDay) {
      if (siteIds.length === 0) return [];
      const rows = await run(queries.siteDailyTotals(d, siteIds, fromDay, toDay));
      return withKeys(rows, ['day']).map((r, i) => ({
        ...r,
        siteId: Number(rows[i]!.siteId),
      })) as SiteDayTotals[];
    },
  };
}

/** SQLite: statements prepared once per SQL text (bounded cache: filters vary the text). */
export function sqliteReports(db: Database.Database): ReportsRepo {
  const cache = new Map<string, Database.Statement>();
  return createRepo('sqlite', async (s) => {
    let stmt = cache.get(s.text);
    if (!stmt) {
      if (cache.size >= 200) cache.clear();
      stmt = db.prepare(s.text);
      cache.set(s.text, stmt);
    }
    return stmt.all(...s.params) as Record<string, unknown>[];
  });
}

/** PostgreSQL (postgres.js): `?` placeholders become $1…$n. */
export function pgReports(sql: Sql): ReportsRepo {
  return createRepo('postgres', async (s) => {
    let n = 0;
    const text = s.text.replace(/\?/g, () => `$${++n}`);
    return (await sql.unsafe(text, s.params as never[])) as unknown as Record<string, unknown>[];
  });
}
