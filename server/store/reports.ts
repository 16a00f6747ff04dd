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
import {
  addMetrics,
  metricNames,
  zeroMetrics,
  type DailyRow,
  type Dimension,
  type Metrics,
} from '../counters/types.js';
import { byDayKind, ReportCache } from './report-cache.js';
import { sumsWhere, valuesWhere, type ValueTest } from './piece-sums.js';
import {
  eachDayOf,
  lastDayOfMonth,
  mergePieces,
  metricCount,
  pageOf,
  pieceFromRows,
  piecesOf,
  type Piece,
} from './report-pieces.js';
import {
  blockBounds,
  blocksWithin,
  coverDays,
  coverRange,
  dayTotalsDimension,
  packedDaysDimension,
  signedCover,
  type Cover,
  type SignedCover,
} from './rollup-blocks.js';

import {
  dayPositions,
  pieceTotals,
  summarizeDays,
  summarizePieces,
  type SiteSummary,
} from './site-summaries.js';

export type { ValueTest } from './piece-sums.js';
export type { SiteSummary } from './site-summaries.js';

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
  /**
   * The slice's values that `test` accepts, when the repo holds them at hand (SQLite's report
   * cache) and they are at most `limit`; absent or null: read the rows another way.
   */
  valuesWhere?(slice: PlainSlice, test: ValueTest, limit: number): Promise<string[] | null>;
  /** The first local day with any traffic (for period=all), or null. */
  firstDay(siteId: number): Promise<string | null>;
  /** `total` sums per site and day, for the agency overview (one query for many sites). */
  siteDailyTotals(siteIds: number[], fromDay: string, toDay: string): Promise<SiteDayTotals[]>;
  /**
   * Per site (every one asked for, in id order): the `total` sums of the range and its visits per
   * day — what the agency overview shows, without an object per site and day.
   */
  siteSummaries(siteIds: number[], fromDay: string, toDay: string): Promise<SiteSummary[]>;
  /**
   * Per site (every one asked for, in id order): the `total` sums of the range only — the agency
   * overview's previous period, which needs no days: one row per site and block, no day parsed.
   */
  siteTotals(siteIds: number[], fromDay: string, toDay: string): Promise<SiteTotals[]>;
}

export interface SiteTotals {
  siteId: number;
  totals: Metrics;
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
const plain = columns.map(([key, col]) => `${col} AS "${key}"`).join(', ');

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

function blockList(d: Dialect, blocks: string[]): Statement {
  return d === 'sqlite'
    ? { text: 'block IN (SELECT value FROM json_each(?))', params: [JSON.stringify(blocks)] }
    : { text: 'block = ANY(?::text[])', params: [blocks] };
}

/**
 * `span`: the rows' days (default: every day of the slice), or the rollup blocks to read (one
 * site's: never with `siteIds`).
 */
function whereSlice(
  d: Dialect,
  s: DimensionSlice & { siteIds?: readonly number[] },
  span?: Statement,
): Statement {
  const days = span ?? dayList(d, eachDayOf(s.fromDay, s.toDay));
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

/**
 * `FROM …` the slice's rows: the rollups of the cover's blocks and the daily rows of its other
 * days (every day of the slice once). Without a cover (or a block in it), daily rows only.
 */
function fromCover(d: Dialect, s: DimensionSlice, x: boolean, cover?: Cover): Statement {
  if (x || !cover || cover.blocks.length === 0) return fromDaily(whereSlice(d, s), x);
  const r = whereSlice(d, s, blockList(d, cover.blocks));
  const w = whereSlice(d, s, dayList(d, cover.days));
  return {
    text: `FROM (SELECT value, ${metricList} FROM rollup_counters WHERE ${r.text}
           UNION ALL SELECT value, ${metricList} FROM daily_counters WHERE ${w.text}) c`,
    params: [...r.params, ...w.params],
  };
}

/** Per site and day, the `total` sums: from the cover's blocks' day rows, and daily rows. */
function siteDays(d: Dialect, siteIds: number[], cover: Cover): Statement {
  const sites =
    d === 'sqlite'
      ? { text: 'site_id IN (SELECT value FROM json_each(?))', param: JSON.stringify(siteIds) }
      : { text: 'site_id = ANY(?::int[])', param: siteIds };
  const blocks = blockList(d, cover.blocks);
  const days = dayList(d, cover.days);
  return {
    // A block holds one row per day, and the cover's blocks do not overlap: nothing to group.
    text: `SELECT site_id AS "siteId", value AS "day", ${plain} FROM rollup_counters
             WHERE ${sites.text} AND ${blocks.text} AND dimension = '${dayTotalsDimension}'
           UNION ALL
           SELECT site_id AS "siteId", day, ${sums} FROM daily_counters
             WHERE ${sites.text} AND ${days.text} AND dimension = 'total' GROUP BY site_id, day`,
    params: [sites.param, ...blocks.params, sites.param, ...days.params],
  };
}

/**
 * Per site and value, the `total` sums of a signed cover (rollup-blocks.ts signedCover): the
 * blocks' own `total` rows (their sums) and daily rows, those to take away negated — a few rows
 * per site, whatever the number of days.
 */
function siteSums(d: Dialect, siteIds: number[], { plus, minus }: SignedCover): Statement {
  const sites = whereSites(d, 0, siteIds);
  const selects: string[] = [];
  const params: unknown[] = [];
  for (const [cover, list] of [
    [plus, metricList],
    [minus, negatedList],
  ] as const) {
    if (cover.blocks.length > 0) {
      const blocks = blockList(d, cover.blocks);
      selects.push(`SELECT site_id, value, ${list} FROM rollup_counters
        WHERE ${sites.text} AND ${blocks.text} AND dimension = 'total'`);
      params.push(sites.param, ...blocks.params);
    }
    if (cover.days.length > 0) {
      const days = dayList(d, cover.days);
      selects.push(`SELECT site_id, value, ${list} FROM daily_counters
        WHERE ${sites.text} AND ${days.text} AND dimension = 'total'`);
      params.push(sites.param, ...days.params);
    }
  }
  return {
    text: `SELECT site_id AS "siteId", value, ${sums} FROM (${selects.join(' UNION ALL ')}) c
           GROUP BY site_id, value ORDER BY site_id, value`,
    params,
  };
}

/**
 * Rows of siteSums for the sites `ids` over [from, to] (from <= to): the sites that have every
 * block of the best signed cover any of them has read it, the others daily rows.
 */
function* siteTotalsRows(
  d: Dialect,
  ids: number[],
  from: string,
  to: string,
  withRollups: boolean,
): Program<Record<string, unknown>[]> {
  const daily: SignedCover = {
    plus: { blocks: [], days: eachDayOf(from, to) },
    minus: { blocks: [], days: [] },
  };
  if (!withRollups) return yield siteSums(d, ids, daily);
  const [first, last] = [`${from.slice(0, 8)}01`, lastDayOfMonth(to)];
  const has = blocksWithin(
    (yield sitesBlocks(d, ids, first, last)).map((r) => r.block as string),
    first,
    last,
  );
  const best = signedCover(from, to, (b) => has.has(b));
  const needed = [...new Set([...best.plus.blocks, ...best.minus.blocks])];
  if (needed.length === 0) return yield siteSums(d, ids, daily);
  const counts = yield sitesBlockCounts(d, ids, needed);
  const full = new Set(
    counts.filter((r) => Number(r.n) === needed.length).map((r) => Number(r.siteId)),
  );
  const out: Record<string, unknown>[] = [];
  for (const [group, cover] of [
    [ids.filter((id) => full.has(id)), best],
    [ids.filter((id) => !full.has(id)), daily],
  ] as const) {
    if (group.length > 0) out.push(...(yield siteSums(d, group, cover)));
  }
  return out;
}

/** Blocks of one site that start within a range (filtered to those inside it by blocksWithin). */
const blocksSql = 'SELECT block FROM rollup_blocks WHERE site_id = ? AND block >= ? AND block < ?';

/** The blocks any of the sites has that start within a range. */
function sitesBlocks(d: Dialect, ids: number[], from: string, to: string): Statement {
  const [lo, hi] = blockBounds(from, to);
  return d === 'sqlite'
    ? {
        text: `SELECT DISTINCT block FROM rollup_blocks
               WHERE site_id IN (SELECT value FROM json_each(?)) AND block >= ? AND block < ?`,
        params: [JSON.stringify(ids), lo, hi],
      }
    : {
        text: 'SELECT DISTINCT block FROM rollup_blocks WHERE site_id = ANY(?::int[]) AND block >= ? AND block < ?',
        params: [ids, lo, hi],
      };
}

/** How many of `blocks` each site has. */
function sitesBlockCounts(d: Dialect, ids: number[], blocks: string[]): Statement {
  return d === 'sqlite'
    ? {
        text: `SELECT site_id AS "siteId", COUNT(*) AS "n" FROM rollup_blocks
               WHERE site_id IN (SELECT value FROM json_each(?))
                 AND block IN (SELECT value FROM json_each(?)) GROUP BY site_id`,
        params: [JSON.stringify(ids), JSON.stringify(blocks)],
      }
    : {
        text: `SELECT site_id AS "siteId", COUNT(*) AS "n" FROM rollup_blocks
               WHERE site_id = ANY(?::int[]) AND block = ANY(?::text[]) GROUP BY site_id`,
        params: [ids, blocks],
      };
}

/** Statements that read one after another, each given the rows of the previous one. */
type Program<T> = Generator<Statement, T, Record<string, unknown>[]>;

/**
 * Runs a program inside one snapshot (a read transaction), so that the blocks it looked up are
 * still there when it reads their rows, whatever an import or a purge deletes meanwhile.
 */
type Snapshot = <T>(program: () => Program<T>) => Promise<T>;

/** Whether reports read rollups (on by default; the benchmark compares both). */
export interface RollupSwitch {
  enabled: boolean;
}

/**
 * Sites grouped by the cover they can use: those that have every block of the best cover any of
 * them has, and the others (daily rows only; usually none: the job builds the same blocks for all).
 * Written with `step` so that SQLite runs it synchronously and PostgreSQL awaits each statement.
 */
function* siteCovers(
  d: Dialect,
  ids: number[],
  from: string,
  to: string,
): Program<{ ids: number[]; cover: Cover }[]> {
  const names = (yield sitesBlocks(d, ids, from, to)).map((r) => r.block as string);
  const has = blocksWithin(names, from, to);
  const best = coverDays(from, to, (b) => has.has(b));
  const daily: Cover = { blocks: [], days: eachDayOf(from, to) };
  if (best.blocks.length === 0) return [{ ids, cover: daily }];
  const counts = yield sitesBlockCounts(d, ids, best.blocks);
  const full = new Set(
    counts.filter((r) => Number(r.n) === best.blocks.length).map((r) => Number(r.siteId)),
  );
  return [
    { ids: ids.filter((id) => full.has(id)), cover: best },
    { ids: ids.filter((id) => !full.has(id)), cover: daily },
  ].filter((g) => g.ids.length > 0);
}

/** The cover of one site's slice (undefined: no block there). */
function* sliceCover(s: DimensionSlice): Program<Cover | undefined> {
  if (s.fromDay > s.toDay) return undefined;
  const [lo, hi] = blockBounds(s.fromDay, s.toDay);
  const rows = yield { text: blocksSql, params: [s.siteId, lo, hi] };
  if (rows.length === 0) return undefined;
  const has = blocksWithin(
    rows.map((r) => r.block as string),
    s.fromDay,
    s.toDay,
  );
  return coverRange(s.fromDay, s.toDay, (b) => has.has(b));
}

/** The statements, written once for both dialects. */
const queries = {
  rangeTotals(d: Dialect, s: DimensionSlice, x = false, cover?: Cover): Statement {
    const f = fromCover(d, s, x, cover);
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
  topValues(d: Dialect, q: TopValuesQuery, x = false, cover?: Cover): Statement {
    const f = fromCover(d, q, x, cover);
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

/** Runs a program statement by statement (no snapshot). */
async function drive<T>(program: Program<T>, run: Runner): Promise<T> {
  let next = program.next();
  while (!next.done) next = program.next(await run(next.value));
  return next.value;
}

/**
 * `withoutImports`: every answer leaves out what applied imports added (Stats API include.imports);
 * those read daily rows only (rollups include imports). `snapshot` and `rollups`: ranges read the
 * rollup blocks that exist there, and daily rows for the other days.
 */
function createRepo(
  d: Dialect,
  run: Runner,
  withoutImports = false,
  snapshot?: Snapshot,
  rollups: RollupSwitch = { enabled: true },
): ReportsRepo {
  const x = withoutImports;
  const withRollups = () => !x && snapshot !== undefined && rollups.enabled;
  const repo: ReportsRepo = {
    async rangeTotals(slice) {
      if (!withRollups()) return toMetrics((await run(queries.rangeTotals(d, slice, x)))[0]);
      const rows = await snapshot!(function* () {
        return yield queries.rangeTotals(d, slice, x, yield* sliceCover(slice));
      });
      return toMetrics(rows[0]);
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
      function* program(): Program<{ rows: ValueTotals[]; totalRows: number }> {
        const cover = withRollups() && !q.siteIds ? yield* sliceCover(q) : undefined;
        const rows = yield queries.topValues(d, q, x, cover);
        let totalRows = Number(rows[0]?.totalRows ?? 0);
        if (rows.length === 0 && q.offset > 0) {
          // Past the last page the window count is lost with the rows: count separately.
          const all = yield queries.topValues(d, { ...q, limit: 1, offset: 0 }, x, cover);
          totalRows = Number(all[0]?.totalRows ?? 0);
        }
        return { rows: withKeys(rows, ['value']) as ValueTotals[], totalRows };
      }
      return withRollups() ? snapshot!(program) : drive(program(), run);
    },
    sumsWhere: (slice, metric, tests) => sumsOfRows(repo.topValues, slice, metric, tests),
    async firstDay(siteId) {
      const rows = await run(queries.firstDay(siteId, x));
      return (rows[0]?.day as string | null | undefined) ?? null;
    },
    async siteDailyTotals(siteIds, fromDay, toDay) {
      if (siteIds.length === 0) return [];
      const rows = withRollups()
        ? await snapshot!(function* () {
            const ids = [...new Set(siteIds)].sort((a, b) => a - b);
            const out: Record<string, unknown>[] = [];
            for (const g of yield* siteCovers(d, ids, fromDay, toDay)) {
              out.push(...(yield siteDays(d, g.ids, g.cover)));
            }
            return out.sort(
              (a, b) =>
                Number(a.siteId) - Number(b.siteId) || (String(a.day) < String(b.day) ? -1 : 1),
            );
          })
        : await run(queries.siteDailyTotals(d, siteIds, fromDay, toDay, x));
      return withKeys(rows, ['day']).map((r, i) => ({
        ...r,
        siteId: Number(rows[i]!.siteId),
      })) as SiteDayTotals[];
    },
    async siteSummaries(siteIds, fromDay, toDay) {
      const rows = await repo.siteDailyTotals(siteIds, fromDay, toDay);
      return summarizeDays(rows, siteIds, fromDay, toDay);
    },
    async siteTotals(siteIds, fromDay, toDay) {
      if (!withRollups()) {
        const summaries = await repo.siteSummaries(siteIds, fromDay, toDay);
        return summaries.map(({ siteId, totals }) => ({ siteId, totals }));
      }
      const ids = [...new Set(siteIds)].sort((a, b) => a - b);
      const rows = await snapshot!(function* () {
        if (ids.length === 0 || fromDay > toDay) return [];
        return yield* siteTotalsRows(d, ids, fromDay, toDay, true);
      });
      const bySite = new Map(ids.map((id) => [id, zeroMetrics()]));
      for (const r of rows) addMetrics(bySite.get(Number(r.siteId))!, toMetrics(r));
      return ids.map((siteId) => ({ siteId, totals: bySite.get(siteId)! }));
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
  /** Whether reports read the rollups (the benchmark turns them off to compare). */
  readonly rollups: RollupSwitch;
}

/**
 * The cache kind of siteTotals' pieces: a site's `total` sums of a range, possibly with an all-zero
 * row where readPiece has none (days taken away), so kept apart from readPiece's pieces.
 */
const totalsKind = '\u0000totals';

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
  const rows = (s: Statement) =>
    prepare(s.text)
      .raw(false)
      .all(...s.params) as Record<string, unknown>[];
  // A read transaction: the statements of a program see one snapshot (no other connection's
  // commit in between; nothing else runs on this one, better-sqlite3 being synchronous).
  const inSnapshot = db.transaction(<T>(program: Program<T>): T => {
    let next = program.next();
    while (!next.done) next = program.next(rows(next.value));
    return next.value;
  });
  const readSync = <T>(program: () => Program<T>): T => inSnapshot(program()) as T;
  const rollups: RollupSwitch = { enabled: true };
  const snapshot: Snapshot = async (program) => readSync(program);
  const repo = createRepo('sqlite', runner, false, snapshot, rollups);
  const cache = new ReportCache(db);
  const pieceSql = `SELECT value, ${sums} FROM daily_counters
    WHERE site_id = ? AND day IN (SELECT value FROM json_each(?)) AND dimension = ? GROUP BY value`;
  // One day: its rows as they are, one per value (the key ends with the value). Through pieceSql
  // SQLite sorted the rows of the IN list before grouping them: 16.5 ms for a day of 10,000 paths
  // against 9.6 ms (the generated year's 91st day: today's piece of a cold report).
  const dayPieceSql = `SELECT value, ${metricList} FROM daily_counters
    WHERE site_id = ? AND day = ? AND dimension = ?`;
  const blockPieceSql = `SELECT value, ${metricList} FROM rollup_counters
    WHERE site_id = ? AND block = ? AND dimension = ?`;
  const coveredPieceSql = `SELECT value, ${sums} FROM (
      SELECT value, ${metricList} FROM rollup_counters
        WHERE site_id = ? AND block IN (SELECT value FROM json_each(?)) AND dimension = ?
      UNION ALL SELECT value, ${metricList} FROM daily_counters
        WHERE site_id = ? AND day IN (SELECT value FROM json_each(?)) AND dimension = ?
    ) GROUP BY value`;
  /**
   * Per-value sums of [from, to]: the rollup blocks that cover it and daily rows elsewhere, summed
   * in SQL. Turning rows into JavaScript values is what costs (10,000 paths: ~1 µs a row, against
   * ~0.05 µs for SQLite to add a row): one result per range, not one per piece, is the point.
   */
  const readPiece = (siteId: number, dimension: string, from: string, to: string): Piece =>
    readSync(function* () {
      // No block lies within one day (blocksOfMonth and monthSoFar span two days or more).
      if (from === to) {
        return pieceFromRows(
          prepare(dayPieceSql).raw().all(siteId, from, dimension) as unknown[][],
        );
      }
      const cover = rollups.enabled
        ? yield* sliceCover({ siteId, fromDay: from, toDay: to, dimension: 'total' })
        : undefined;
      let rows: unknown[];
      if (!cover || cover.blocks.length === 0) {
        const days = JSON.stringify(eachDayOf(from, to));
        rows = prepare(pieceSql).raw().all(siteId, days, dimension);
      } else if (cover.blocks.length === 1 && cover.days.length === 0) {
        // One block: one row per value already, in key order.
        rows = prepare(blockPieceSql).raw().all(siteId, cover.blocks[0], dimension);
      } else {
        const [blocks, days] = [JSON.stringify(cover.blocks), JSON.stringify(cover.days)];
        rows = prepare(coveredPieceSql)
          .raw()
          .all(siteId, blocks, dimension, siteId, days, dimension);
      }
      return pieceFromRows(rows as unknown[][]);
    });
  const piece = (siteId: number, dimension: string, from: string, to: string): Piece =>
    cache.get(siteId, dimension, from, to) ??
    cache.set(siteId, dimension, from, to, readPiece(siteId, dimension, from, to));
  const packedSql = `SELECT site_id, value FROM rollup_counters
    WHERE site_id IN (SELECT value FROM json_each(?)) AND block IN (SELECT value FROM json_each(?))
      AND dimension = '${packedDaysDimension}'`;
  /** Per site: its days and their sums, 8 numbers a day (a Piece under construction). */
  type DayLists = Map<number, { values: string[]; sums: number[] }>;
  /** `siteDays` rows [siteId, day, sums…] of some sites, added to their lists in `out`. */
  const addSiteDays = (out: DayLists, ids: number[], cover: Cover) => {
    if (ids.length === 0 || (cover.blocks.length === 0 && cover.days.length === 0)) return;
    const s = siteDays('sqlite', ids, cover);
    for (const r of prepare(s.text)
      .raw()
      .all(...s.params) as unknown[][]) {
      const list = out.get(Number(r[0]))!;
      list.values.push(r[1] as string);
      for (let k = 2; k < r.length; k++) list.sums.push(Number(r[k] ?? 0));
    }
  };
  /**
   * Per site, the `total` sums of each day of [from, to] as a piece whose values are days: one
   * packed row per site and block (rollup-blocks.ts packedDaysDimension) — 1,000 sites read ~3,000
   * rows for a month, not 30,000 — and daily rows for the other days. A site whose blocks lack
   * packed rows (built before they existed) reads the blocks' day rows.
   */
  const readSiteDays = (ids: number[], from: string, to: string): Map<number, Piece> =>
    readSync(function* () {
      const out: DayLists = new Map(ids.map((id) => [id, { values: [], sums: [] }]));
      const groups = rollups.enabled
        ? yield* siteCovers('sqlite', ids, from, to)
        : [{ ids, cover: { blocks: [], days: eachDayOf(from, to) } }];
      for (const g of groups) {
        if (g.cover.blocks.length === 0) {
          addSiteDays(out, g.ids, g.cover);
          continue;
        }
        const packed = new Map<number, string[]>();
        const rows = prepare(packedSql)
          .raw()
          .all(JSON.stringify(g.ids), JSON.stringify(g.cover.blocks)) as [number, string][];
        for (const [id, value] of rows) {
          const list = packed.get(id);
          if (list) list.push(value);
          else packed.set(id, [value]);
        }
        const whole = g.ids.filter((id) => packed.get(id)?.length === g.cover.blocks.length);
        for (const id of whole) {
          const list = out.get(id)!;
          for (const value of packed.get(id)!) {
            const flat = JSON.parse(value) as (string | number)[];
            for (let i = 0; i < flat.length; i += metricCount + 1) {
              list.values.push(flat[i] as string);
              for (let k = 1; k <= metricCount; k++) list.sums.push(flat[i + k] as number);
            }
          }
        }
        addSiteDays(out, whole, { blocks: [], days: g.cover.days });
        addSiteDays(
          out,
          g.ids.filter((id) => packed.get(id)?.length !== g.cover.blocks.length),
          g.cover,
        );
      }
      const pieces = new Map<number, Piece>();
      for (const [id, { values, sums }] of out) {
        pieces.set(id, { values, sums: new Float64Array(sums) });
      }
      return pieces;
    });
  /**
   * Per site, the `total` piece of [from, to] (what readPiece reads for one site): the blocks'
   * `total` rows and daily rows summed in SQL, one query for all the sites.
   */
  const readSiteTotals = (ids: number[], from: string, to: string): Map<number, Piece> =>
    readSync(function* () {
      const bySite = new Map<number, unknown[][]>(ids.map((id) => [id, []]));
      if (from > to) return new Map([...bySite.keys()].map((id) => [id, pieceFromRows([])]));
      for (const r of yield* siteTotalsRows('sqlite', ids, from, to, rollups.enabled)) {
        bySite.get(Number(r.siteId))!.push([r.value, ...columns.map(([key]) => r[key])]);
      }
      const pieces = new Map<number, Piece>();
      for (const [id, rows] of bySite) pieces.set(id, pieceFromRows(rows));
      return pieces;
    });
  /** A site's sums of the range as cached pieces: the months before the last one, then the last. */
  const sitePieces = (siteId: number, q: PlainSlice): Piece[] => {
    const spans = piecesOf(q.fromDay, q.toDay);
    const last = spans.pop();
    let parts: Piece[];
    if (spans.length > 1) {
      // The sum of every piece but the last is kept too: a repeated report then adds one piece.
      const [from, to] = [spans[0]![0], spans[spans.length - 1]![1]];
      const head = cache.get(siteId, q.dimension, from, to, '\u0000sum');
      // Read at once rather than piece by piece: one result to turn into JavaScript values.
      parts = [
        head ??
          cache.set(
            siteId,
            q.dimension,
            from,
            to,
            readPiece(siteId, q.dimension, from, to),
            '\u0000sum',
          ),
      ];
    } else parts = spans.map(([a, b]) => piece(siteId, q.dimension, a, b));
    if (last) parts.push(piece(siteId, q.dimension, last[0], last[1]));
    return parts;
  };
  /**
   * Per site and calendar month of [fromDay, toDay], the cached `total` piece of its days: one
   * query per month for the sites not cached yet. `ids`: distinct, in id order.
   */
  const siteMonths = (ids: number[], fromDay: string, toDay: string): Map<number, Piece>[] => {
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
      for (const [id, piece] of readSiteDays(missing, a, b)) {
        found[m]!.set(id, cache.set(id, 'total', a, b, piece, byDayKind));
      }
    });
    return found;
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
    async valuesWhere(slice, test, limit) {
      if (options.cache === false) return null;
      cache.validate();
      return valuesWhere(sitePieces(slice.siteId, slice), test, limit);
    },
    async siteDailyTotals(siteIds, fromDay, toDay) {
      if (options.cache === false || siteIds.length === 0) {
        return repo.siteDailyTotals(siteIds, fromDay, toDay);
      }
      cache.validate();
      const ids = [...new Set(siteIds)].sort((a, b) => a - b);
      const found = siteMonths(ids, fromDay, toDay);
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
    async siteSummaries(siteIds, fromDay, toDay) {
      if (options.cache === false || siteIds.length === 0) {
        return repo.siteSummaries(siteIds, fromDay, toDay);
      }
      cache.validate();
      const ids = [...new Set(siteIds)].sort((a, b) => a - b);
      const found = siteMonths(ids, fromDay, toDay);
      const positions = dayPositions(fromDay, toDay);
      return ids.map((id) =>
        summarizePieces(
          id,
          found.map((pieces) => pieces.get(id)!),
          positions,
        ),
      );
    },
    async siteTotals(siteIds, fromDay, toDay) {
      if (options.cache === false || siteIds.length === 0) {
        return repo.siteTotals(siteIds, fromDay, toDay);
      }
      cache.validate();
      const ids = [...new Set(siteIds)].sort((a, b) => a - b);
      const found = new Map<number, Metrics>();
      const missing: number[] = [];
      const months = monthsOf(fromDay, toDay);
      const positions = dayPositions(fromDay, toDay);
      for (const id of ids) {
        const p = cache.get(id, 'total', fromDay, toDay, totalsKind);
        if (p) {
          found.set(id, pieceTotals(p));
          continue;
        }
        // The months of siteSummaries (by day), when all are held: the overview's current
        // period often covers its previous one's months already.
        const byDay = months.map(([a, b]) => cache.get(id, 'total', a, b, byDayKind));
        if (byDay.every((m) => m !== undefined)) {
          found.set(id, summarizePieces(id, byDay as Piece[], positions).totals);
        } else missing.push(id);
      }
      if (missing.length > 0) {
        for (const [id, p] of readSiteTotals(missing, fromDay, toDay)) {
          found.set(id, pieceTotals(cache.set(id, 'total', fromDay, toDay, p, totalsKind)));
        }
      }
      return ids.map((siteId) => ({ siteId, totals: found.get(siteId)! }));
    },
    write: (rows, run) => cache.write(rows, run),
    cache,
    rollups,
    withoutImports: createRepo('sqlite', runner, true),
  };
}

/** PostgreSQL (postgres.js): `?` placeholders become $1…$n. */
export function pgReports(sql: Sql): ReportsRepo & {
  readonly withoutImports: ReportsRepo;
  readonly rollups: RollupSwitch;
} {
  const runner: Runner = async (s) => {
    let n = 0;
    const text = s.text.replace(/\?/g, () => `$${++n}`);
    return (await sql.unsafe(text, s.params as never[])) as unknown as Record<string, unknown>[];
  };
  // Repeatable read: every statement of a program sees the snapshot of its first one.
  const snapshot: Snapshot = (program) =>
    sql.begin('isolation level repeatable read, read only', async (tx) => {
      const p = program();
      let next = p.next();
      while (!next.done) {
        let n = 0;
        const text = next.value.text.replace(/\?/g, () => `$${++n}`);
        const rows = (await tx.unsafe(text, next.value.params as never[])) as unknown;
        next = p.next(rows as Record<string, unknown>[]);
      }
      return next.value;
    }) as never;
  const rollups: RollupSwitch = { enabled: true };
  return {
    ...createRepo('postgres', runner, false, snapshot, rollups),
    withoutImports: createRepo('postgres', runner, true),
    rollups,
  };
}
