// Read queries for reports, named by intent; SQLite and PostgreSQL SQL side by side (STYLE.md 7).
//
// Index use: the key is (site_id, day, dimension, value). Every query lists its days explicitly
// (`day IN json_each(?)` / `day = ANY(?)`), so both databases seek (site_id, day, dimension) once
// per day instead of scanning every dimension of the range; values of one day are then read in key
// order. A top-N over a long range still sums every value of every day (300,000 rows for 30 days
// of 10,000 pages), so on SQLite `topValues` sums pieces of days kept in memory (report-cache.ts,
// report-pieces.ts) and reads from the table only the pieces it has not seen or that changed.
import type Database from 'better-sqlite3';
import type { Sql } from 'postgres';
import { metricNames, type DailyRow, type Dimension, type Metrics } from '../counters/types.js';
import { byDayKind, ReportCache } from './report-cache.js';
import { sumsWhere, type ValueTest } from './piece-sums.js';
import { mergePieces, pageOf, pieceFromRows, piecesOf, type Piece } from './report-pieces.js';

export type { ValueTest } from './piece-sums.js';

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
  /** Only values that end with this exact text (the flow pairs into one page). */
  suffix?: string;
}

export interface TopValuesQuery extends DimensionSlice {
  /**
   * Several sites read as one (the agency rollup): each value's counters summed over them before
   * ordering and paging, so a page costs one query; `siteId` is then ignored.
   */
  siteIds?: readonly number[];
  orderBy: MetricColumn | 'value';
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export type DayTotals = Metrics & { day: string };
export type HourTotals = Metrics & { hour: string };
export type ValueTotals = Metrics & { value: string };
export type SiteDayTotals = Metrics & { siteId: number; day: string };
/** A slice of every value of a dimension (sumsWhere). */
export type PlainSlice = Omit<DimensionSlice, 'filters' | 'prefix' | 'suffix'>;

export interface ReportsRepo {
  /** Sums of the slice over its days. */
  rangeTotals(slice: DimensionSlice): Promise<Metrics>;
  /** Sums per day (days without rows are absent), in day order. */
  dailyTotals(slice: DimensionSlice): Promise<DayTotals[]>;
  /** hourly_counters rows from `fromHour` to `toHour` (UTC, both included), in hour order. */
  hourlyTotals(siteId: number, fromHour: string, toHour: string): Promise<HourTotals[]>;
  /** One page of values ordered by a metric (ties by value), and how many values match in all. */
  topValues(q: TopValuesQuery): Promise<{ rows: ValueTotals[]; totalRows: number }>;
  /**
   * Per test, the sum of `metric` over the slice's values that it accepts (the page goals: the
   * pageviews of the pages a pattern matches). Verdicts may be remembered by the tests' keys.
   */
  sumsWhere(
    slice: PlainSlice,
    metric: MetricColumn,
    tests: readonly ValueTest[],
  ): Promise<number[]>;
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

/** `site_id = ?`, or one of several sites. */
function whereSites(d: Dialect, siteId: number, siteIds: readonly number[] | undefined) {
  if (siteIds === undefined) return { text: 'site_id = ?', param: siteId as unknown };
  return d === 'sqlite'
    ? { text: 'site_id IN (SELECT value FROM json_each(?))', param: JSON.stringify(siteIds) }
    : { text: 'site_id = ANY(?::int[])', param: [...siteIds] };
}

function whereSlice(d: Dialect, s: DimensionSlice & { siteIds?: readonly number[] }): Statement {
  const days = dayList(d, eachDayOf(s.fromDay, s.toDay));
  const sites = whereSites(d, s.siteId, s.siteIds);
  const parts = [sites.text, days.text, 'dimension = ?'];
  const params: unknown[] = [sites.param, ...days.params, s.dimension];
  // LIKE narrows the rows; the substr comparison makes the match exact (SQLite's LIKE ignores
  // ASCII case, PostgreSQL's does not), in the database's own character units on both.
  if (s.prefix !== undefined) {
    parts.push(
      `value LIKE ? ESCAPE '\\' AND substr(value, 1, length(cast(? as text))) = cast(? as text)`,
    );
    params.push(`${escapeLike(s.prefix)}%`, s.prefix, s.prefix);
  }
  if (s.suffix !== undefined) {
    parts.push(
      `value LIKE ? ESCAPE '\\' AND substr(value, length(value) - length(cast(? as text)) + 1) = cast(? as text)`,
    );
    params.push(`%${escapeLike(s.suffix)}`, s.suffix, s.suffix);
  }
  for (const f of s.filters ?? []) {
    const w = filterSql(d, f);
    parts.push(w.text);
    params.push(...w.params);
  }
  return { text: parts.join(' AND '), params };
}

/** The calendar months that [from, to] touches, each as its first and last day. */
function monthsOf(from: string, to: string): [string, string][] {
  const out: [string, string][] = [];
  for (let d = new Date(`${from.slice(0, 7)}-01T00:00:00Z`); ;) {
    const first = d.toISOString().slice(0, 10);
    if (first > to) return out;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    out.push([first, new Date(d.getTime() - 86_400_000).toISOString().slice(0, 10)]);
  }
}

function eachDayOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > to) return out;
    out.push(day);
  }
}

const metricList = columns.map(([, col]) => col).join(', ');
const negatedList = columns.map(([, col]) => `-${col}`).join(', ');
/** Not every sum is zero: a value that only imports brought leaves no row once they are taken out. */
const nonZero = columns.map(([, col]) => `SUM(${col}) <> 0`).join(' OR ');
const appliedImports = `import_id IN (SELECT id FROM imports WHERE state = 'applied')`;

/**
 * `FROM daily_counters WHERE …`, or without imported data: the counters minus what every applied
 * import added (its ledger rows negated), the same WHERE on both sides so that both seek their key.
 */
function fromDaily(
  w: Statement,
  withoutImports: boolean,
  keys = 'site_id, day, dimension, value',
): Statement {
  if (!withoutImports) return { text: `FROM daily_counters WHERE ${w.text}`, params: w.params };
  return {
    text: `FROM (SELECT ${keys}, ${metricList} FROM daily_counters WHERE ${w.text}
           UNION ALL SELECT ${keys}, ${negatedList} FROM import_daily
           WHERE ${w.text} AND ${appliedImports}) c`,
    params: [...w.params, ...w.params],
  };
}

/** The statements, written once for both dialects. */
const queries = {
  rangeTotals(d: Dialect, s: DimensionSlice, x = false): Statement {
    const f = fromDaily(whereSlice(d, s), x);
    return { text: `SELECT ${sums} ${f.text}`, params: f.params };
  },
  dailyTotals(d: Dialect, s: DimensionSlice, x = false): Statement {
    const f = fromDaily(whereSlice(d, s), x);
    return {
      text: `SELECT day, ${sums} ${f.text} GROUP BY day${x ? ` HAVING ${nonZero}` : ''} ORDER BY day`,
      params: f.params,
    };
  },
  hourlyTotals(siteId: number, fromHour: string, toHour: string, x = false): Statement {
    const w = 'site_id = ? AND hour >= ? AND hour <= ?';
    const p = [siteId, fromHour, toHour];
    if (!x) {
      return {
        text: `SELECT hour, ${sums} FROM hourly_counters WHERE ${w} GROUP BY hour ORDER BY hour`,
        params: p,
      };
    }
    return {
      text: `SELECT hour, ${sums} FROM (SELECT hour, ${metricList} FROM hourly_counters WHERE ${w}
             UNION ALL SELECT hour, ${negatedList} FROM import_hourly WHERE ${w} AND ${appliedImports}) c
             GROUP BY hour HAVING ${nonZero} ORDER BY hour`,
      params: [...p, ...p],
    };
  },
  topValues(d: Dialect, q: TopValuesQuery, x = false): Statement {
    const f = fromDaily(whereSlice(d, q), x);
    const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
    // Binary order for ties, so both databases page identically whatever their collation.
    const byValue = d === 'sqlite' ? 'value' : 'value COLLATE "C"';
    const order =
      q.orderBy === 'value'
        ? `${byValue} ${dir}`
        : `SUM(${columnOf[q.orderBy]}) ${dir}, ${byValue} ASC`;
    return {
      text: `SELECT value, ${sums}, COUNT(*) OVER () AS "totalRows" ${f.text}
             GROUP BY value${x ? ` HAVING ${nonZero}` : ''} ORDER BY ${order} LIMIT ? OFFSET ?`,
      params: [...f.params, q.limit, q.offset],
    };
  },
  firstDay(siteId: number, x = false): Statement {
    // The key leads with (site_id, day): MIN is one index seek.
    if (!x)
      return {
        text: 'SELECT MIN(day) AS "day" FROM daily_counters WHERE site_id = ?',
        params: [siteId],
      };
    const f = fromDaily({ text: `site_id = ? AND dimension = 'total'`, params: [siteId] }, true);
    return {
      text: `SELECT MIN(day) AS "day" FROM (SELECT day ${f.text} GROUP BY day HAVING ${nonZero}) t`,
      params: f.params,
    };
  },
  siteDailyTotals(
    d: Dialect,
    siteIds: number[],
    fromDay: string,
    toDay: string,
    x = false,
  ): Statement {
    const days = dayList(d, eachDayOf(fromDay, toDay));
    const sites = whereSites(d, 0, siteIds);
    const f = fromDaily(
      {
        text: `${sites.text} AND ${days.text} AND dimension = 'total'`,
        params: [sites.param, ...days.params],
      },
      x,
    );
    return {
      text: `SELECT site_id AS "siteId", day, ${sums} ${f.text}
             GROUP BY site_id, day${x ? ` HAVING ${nonZero}` : ''} ORDER BY site_id, day`,
      params: f.params,
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

/** "All of them" for topValues: far above any cardinality cap. */
const everyValue = 1_000_000_000;

/** sumsWhere over the rows of topValues (every value of the slice). */
async function sumsOfRows(
  topValues: ReportsRepo['topValues'],
  slice: PlainSlice,
  metric: MetricColumn,
  tests: readonly ValueTest[],
): Promise<number[]> {
  const q = { ...slice, orderBy: 'value', direction: 'asc', limit: everyValue, offset: 0 } as const;
  const { rows } = await topValues(q);
  return tests.map((t) => {
    let sum = 0;
    for (const r of rows) if (t.test(r.value)) sum += r[metric];
    return sum;
  });
}

/** A runner executes a Statement and returns plain rows. */
type Runner = (s: Statement) => Promise<Record<string, unknown>[]>;

/** `withoutImports`: every answer leaves out what applied imports added (Stats API include.imports). */
function createRepo(d: Dialect, run: Runner, withoutImports = false): ReportsRepo {
  const x = withoutImports;
  const repo: ReportsRepo = {
    async rangeTotals(slice) {
      return toMetrics((await run(queries.rangeTotals(d, slice, x)))[0]);
    },
    async dailyTotals(slice) {
      return withKeys(await run(queries.dailyTotals(d, slice, x)), ['day']) as DayTotals[];
    },
    async hourlyTotals(siteId, fromHour, toHour) {
      return withKeys(await run(queries.hourlyTotals(siteId, fromHour, toHour, x)), [
        'hour',
      ]) as HourTotals[];
    },
    async topValues(q) {
      const rows = await run(queries.topValues(d, q, x));
      let totalRows = Number(rows[0]?.totalRows ?? 0);
      if (rows.length === 0 && q.offset > 0) {
        // Past the last page the window count is lost with the rows: count separately.
        const all = await run(queries.topValues(d, { ...q, limit: 1, offset: 0 }, x));
        totalRows = Number(all[0]?.totalRows ?? 0);
      }
      return { rows: withKeys(rows, ['value']) as ValueTotals[], totalRows };
    },
    sumsWhere: (slice, metric, tests) => sumsOfRows(repo.topValues, slice, metric, tests),
    async firstDay(siteId) {
      const rows = await run(queries.firstDay(siteId, x));
      return (rows[0]?.day as string | null | undefined) ?? null;
    },
    async siteDailyTotals(siteIds, fromDay, toDay) {
      if (siteIds.length === 0) return [];
      const rows = await run(queries.siteDailyTotals(d, siteIds, fromDay, toDay, x));
      return withKeys(rows, ['day']).map((r, i) => ({
        ...r,
        siteId: Number(rows[i]!.siteId),
      })) as SiteDayTotals[];
    },
  };
  return repo;
}

export interface SqliteReportsRepo extends ReportsRepo {
  /** The same reports without imported data (no cache: read straight from SQL). */
  readonly withoutImports: ReportsRepo;
  /** Runs a synchronous counter write of these rows, keeping the report cache exact. */
  write<T>(rows: readonly DailyRow[], run: () => T): T;
  readonly cache: ReportCache;
}

/** Exact-value filters only: LIKE's case rules stay in SQL. */
const cacheable = (q: TopValuesQuery) =>
  q.prefix === undefined &&
  q.suffix === undefined &&
  (q.filters ?? []).every((f) => f.op === 'is' || f.op === 'is_not');

/** SQLite: statements prepared once per SQL text (bounded cache: filters vary the text). */
export function sqliteReports(
  db: Database.Database,
  options: { cache?: boolean } = {},
): SqliteReportsRepo {
  const statements = new Map<string, Database.Statement>();
  const prepare = (text: string) => {
    let stmt = statements.get(text);
    if (!stmt) {
      if (statements.size >= 200) statements.clear();
      stmt = db.prepare(text);
      statements.set(text, stmt);
    }
    return stmt;
  };
  const runner: Runner = async (s) => prepare(s.text).all(...s.params) as never;
  const repo = createRepo('sqlite', runner);
  const cache = new ReportCache(db);
  const pieceSql = `SELECT value, ${sums} FROM daily_counters
    WHERE site_id = ? AND day IN (SELECT value FROM json_each(?)) AND dimension = ? GROUP BY value`;
  const byDaySql = `SELECT site_id, day, ${sums} FROM daily_counters
    WHERE site_id IN (SELECT value FROM json_each(?)) AND day IN (SELECT value FROM json_each(?))
      AND dimension = 'total' GROUP BY site_id, day`;
  const piece = (siteId: number, dimension: string, from: string, to: string): Piece =>
    cache.get(siteId, dimension, from, to) ??
    cache.set(
      siteId,
      dimension,
      from,
      to,
      pieceFromRows(
        prepare(pieceSql)
          .raw()
          .all(siteId, JSON.stringify(eachDayOf(from, to)), dimension) as unknown[][],
      ),
    );
  /** A site's sums of the range as cached pieces: the months before the last one, then the last. */
  const sitePieces = (siteId: number, q: PlainSlice): Piece[] => {
    const spans = piecesOf(q.fromDay, q.toDay);
    const last = spans.pop();
    let parts: Piece[];
    if (spans.length > 1) {
      // The sum of every piece but the last is kept too: a repeated report then adds one piece.
      const [from, to] = [spans[0]![0], spans[spans.length - 1]![1]];
      const head = cache.get(siteId, q.dimension, from, to, '\u0000sum');
      parts = [
        head ??
          cache.set(
            siteId,
            q.dimension,
            from,
            to,
            mergePieces(spans.map(([a, b]) => piece(siteId, q.dimension, a, b))),
            '\u0000sum',
          ),
      ];
    } else parts = spans.map(([a, b]) => piece(siteId, q.dimension, a, b));
    if (last) parts.push(piece(siteId, q.dimension, last[0], last[1]));
    return parts;
  };
  return {
    ...repo,
    async topValues(q) {
      if (options.cache === false || !cacheable(q)) return repo.topValues(q);
      cache.validate();
      const parts = (q.siteIds ?? [q.siteId]).flatMap((siteId) => sitePieces(siteId, q));
      return pageOf(mergePieces(parts), {
        orderBy: q.orderBy,
        direction: q.direction,
        limit: q.limit,
        offset: q.offset,
        filters: (q.filters ?? []) as { op: 'is' | 'is_not'; values: string[] }[],
      });
    },
    async sumsWhere(slice, metric, tests) {
      if (options.cache === false) return repo.sumsWhere(slice, metric, tests);
      cache.validate();
      return sumsWhere(sitePieces(slice.siteId, slice), metricNames.indexOf(metric), tests);
    },
    async siteDailyTotals(siteIds, fromDay, toDay) {
      if (options.cache === false || siteIds.length === 0) {
        return repo.siteDailyTotals(siteIds, fromDay, toDay);
      }
      cache.validate();
      const ids = [...new Set(siteIds)].sort((a, b) => a - b);
      const months = monthsOf(fromDay, toDay);
      // Per site and calendar month, the `total` sums of each day: one query per month for the
      // sites not cached yet.
      // Held here too: with many sites the cache may evict a piece before the loop below reads it.
      const found = months.map(() => new Map<number, Piece>());
      months.forEach(([a, b], m) => {
        const missing: number[] = [];
        for (const id of ids) {
          const p = cache.get(id, 'total', a, b, byDayKind);
          if (p) found[m]!.set(id, p);
          else missing.push(id);
        }
        if (missing.length === 0) return;
        const rows = prepare(byDaySql)
          .raw()
          .all(JSON.stringify(missing), JSON.stringify(eachDayOf(a, b))) as unknown[][];
        const bySite = new Map<number, unknown[][]>(missing.map((id) => [id, []]));
        for (const r of rows) bySite.get(Number(r[0]))!.push(r.slice(1));
        for (const [id, list] of bySite) {
          found[m]!.set(id, cache.set(id, 'total', a, b, pieceFromRows(list), byDayKind));
        }
      });
      const out: SiteDayTotals[] = [];
      for (const siteId of ids) {
        const days: SiteDayTotals[] = [];
        for (const pieces of found) {
          const { values, sums: v } = pieces.get(siteId)!;
          for (let i = 0, j = 0; i < values.length; i++, j += 8) {
            const day = values[i]!;
            if (day < fromDay || day > toDay) continue;
            days.push({
              siteId,
              day,
              pageviews: v[j]!,
              visits: v[j + 1]!,
              bounces: v[j + 2]!,
              exits: v[j + 3]!,
              engagedMs: v[j + 4]!,
              engagements: v[j + 5]!,
              scrollSum: v[j + 6]!,
              events: v[j + 7]!,
            });
          }
        }
        // A day written after its piece was loaded is appended: restore day order.
        for (let i = 1; i < days.length; i++) {
          if (days[i - 1]!.day > days[i]!.day) {
            days.sort((x, y) => (x.day < y.day ? -1 : 1));
            break;
          }
        }
        for (const d of days) out.push(d);
      }
      return out;
    },
    write: (rows, run) => cache.write(rows, run),
    cache,
    withoutImports: createRepo('sqlite', runner, true),
  };
}

/** PostgreSQL (postgres.js): `?` placeholders become $1…$n. */
export function pgReports(sql: Sql): ReportsRepo & { readonly withoutImports: ReportsRepo } {
  const runner: Runner = async (s) => {
    let n = 0;
    const text = s.text.replace(/\?/g, () => `$${++n}`);
    return (await sql.unsafe(text, s.params as never[])) as unknown as Record<string, unknown>[];
  };
  return {
    ...createRepo('postgres', runner),
    withoutImports: createRepo('postgres', runner, true),
  };
}
