// Answers a parsed Stats API query from the report functions, in Plausible's v2 response shape.
import type { Metrics } from '../counters/types.js';
import { breakdown, dimensionSpecs, type BreakdownDimension } from '../reports/breakdown.js';
import {
  addDays,
  formatOffset,
  localDateTime,
  offsetMinutes,
  startOfLocalDay,
  hourKeyToMs,
} from '../reports/calendar.js';
import { resolveDateRange, type ResolvedRange } from '../reports/date-range.js';
import { ReportInputError } from '../reports/errors.js';
import { deriveMetrics, type DerivedMetrics, type MetricName } from '../reports/metrics.js';
import { checkInterval, defaultInterval, timeseries } from '../reports/timeseries.js';
import { rawTotals } from '../reports/totals.js';
import type { MetricColumn } from '../store/reports.js';
import type { SiteRecord, Store } from '../store/types.js';
import { metricsByDimension, type StatsMetric, type StatsQuery } from './parse.js';
import {
  compatColumn,
  compatWarning,
  toPlausibleValue,
  type MetricWarnings,
  type Slice,
} from './compat.js';
import { byTimeAndValue, propBreakdown } from './by-time.js';
import { columnFor, plausibleName } from './columns.js';
import { compatMeta, widenRows, type WarningEntry } from './degrade.js';
import { goalQuery } from './goals.js';

/** A revenue metric is Plausible's `{value, currency}`. */
type Value = number | null | { value: number; currency: string };

export interface StatsResponse {
  /** A dimension is null where a compatibility key's answer left it out (degrade.ts). */
  results: { metrics: Value[]; dimensions: (string | null)[] }[];
  meta: {
    time_labels?: string[];
    total_rows?: number;
    metric_warnings?: MetricWarnings;
    /** Compatibility keys: every warning, with the part of the request it concerns (degrade.ts). */
    warnings?: WarningEntry[];
    /** Present when the query named include.imports: whether imported data was counted. */
    imports_included?: boolean;
  };
  query: Record<string, unknown>;
}

/** Plausible's `events`: pageviews + custom events (the total slice; other slices hold one kind). */
function valueOf(slice: Slice, m: StatsMetric, d: DerivedMetrics, raw?: Metrics): Value {
  if (m === 'events' && slice === 'total') return d.pageviews + d.events;
  if (m === 'visit_duration') {
    // Engaged (visible) time per visit, whole seconds: Plausible compatibility only, aggregates only.
    return !raw || raw.visits === 0 ? 0 : Math.round(raw.engagedMs / raw.visits / 1000);
  }
  return d[columnFor(slice, m)] as Value;
}

/** Plausible compatibility: each approximated metric is flagged, as Plausible flags its own. */
function compatWarnings(q: StatsQuery): MetricWarnings | undefined {
  if (!q.compat) return undefined;
  const out: MetricWarnings = {};
  const own = metricsByDimension[q.slice];
  const goals = q.goals !== null || q.dimension?.kind === 'goal';
  for (const m of q.metrics) {
    const warning = goals
      ? m === 'visitors'
        ? compatWarning(m, 'conversions')
        : undefined
      : m === 'visitors' || (m === 'events' && !own.includes('events'))
        ? compatWarning(m, columnFor(q.slice, m) === 'exits' ? 'visits' : columnFor(q.slice, m))
        : m === 'visit_duration'
          ? compatWarning(m, 'engaged')
          : undefined;
    if (warning) out[m] = warning;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function isoAt(timezone: string, ms: number): string {
  return `${localDateTime(timezone, ms)}${formatOffset(offsetMinutes(timezone, ms))}`;
}

/** The resolved range as Plausible echoes it: local datetimes with their UTC offsets. */
function echoRange(range: ResolvedRange): [string, string] {
  const tz = range.timezone;
  if (range.hours) {
    const from = hourKeyToMs(range.hours.fromHour);
    return [isoAt(tz, from), isoAt(tz, hourKeyToMs(range.hours.toHour) + 3_599_000)];
  }
  const start = startOfLocalDay(tz, range.fromDay);
  const end = startOfLocalDay(tz, addDays(range.toDay, 1)) - 1000;
  return [isoAt(tz, start), isoAt(tz, end)];
}

async function sliceTotals(store: Store, q: StatsQuery, range: ResolvedRange, siteId: number) {
  const slice = {
    siteId,
    fromDay: range.fromDay,
    toDay: range.toDay,
    filters: q.filters,
  };
  const m = await store.reports.rangeTotals({ ...slice, dimension: q.slice as BreakdownDimension });
  if (q.slice !== 'exit') return m;
  // The exit rate of exit pages needs the pageviews of the same pages.
  const pages = await store.reports.rangeTotals({ ...slice, dimension: 'page' });
  return { ...m, pageviews: pages.pageviews } satisfies Metrics;
}

async function aggregate(store: Store, q: StatsQuery, range: ResolvedRange, site: SiteRecord) {
  const m =
    q.slice === 'total'
      ? await rawTotals(store, { siteId: site.id, timezone: site.timezone, span: range })
      : await sliceTotals(store, q, range, site.id);
  if (q.slice !== 'total' && q.metrics.includes('visit_duration')) {
    throw new ReportInputError('metrics', 'visit_duration is available without filters only');
  }
  const d = deriveMetrics(m);
  return [{ metrics: q.metrics.map((x) => valueOf(q.slice, x, d, m)), dimensions: [] }];
}

const timeLabel = (date: string) => (date.includes('T') ? `${date.replace('T', ' ')}:00` : date);

async function byTime(store: Store, q: StatsQuery, range: ResolvedRange, site: SiteRecord) {
  const dim = q.dimension!;
  const interval = (dim.kind === 'time' && dim.interval) || defaultInterval(range);
  checkInterval(range, interval);
  if (q.metrics.includes('visit_duration')) {
    throw new ReportInputError('metrics', 'visit_duration is available in aggregates only');
  }
  if (q.slice === 'exit' && q.metrics.includes('exit_rate')) {
    throw new ReportInputError('metrics', 'exit_rate of exit pages is not available by time');
  }
  const points = await timeseries(store, {
    siteId: site.id,
    timezone: site.timezone,
    span: range,
    interval,
    slice:
      q.slice === 'total'
        ? undefined
        : { dimension: q.slice as BreakdownDimension, filters: q.filters },
  });
  const rows = points.map((p) => ({
    metrics: q.metrics.map((x) => valueOf(q.slice, x, p)),
    dimensions: [timeLabel(p.date)],
  }));
  return { rows, labels: rows.map((r) => r.dimensions[0]!) };
}

async function byValue(
  store: Store,
  q: StatsQuery,
  range: ResolvedRange,
  site: SiteRecord,
  k: number | undefined,
) {
  const dim = q.dimension!;
  if (dim.kind !== 'value') throw new Error('unreachable');
  const shown = q.metrics.filter((m) => m !== 'percentage').map((m) => columnFor(dim.dimension, m));
  const order = q.orderBy
    ? {
        orderBy: (q.orderBy.key === 'value'
          ? 'value'
          : columnFor(dim.dimension, q.orderBy.key as StatsMetric)) as MetricColumn | 'value',
        direction: q.orderBy.direction,
      }
    : {};
  const result = await breakdown(store, {
    siteId: site.id,
    timezone: site.timezone,
    span: { fromDay: range.fromDay, toDay: range.toDay },
    dimension: dim.dimension,
    limit: q.limit,
    offset: q.offset,
    filters: q.filters,
    event: q.event,
    prop: q.prop,
    metrics: shown,
    ...order,
    k,
  });
  const rows = result.results.map((r) => ({
    metrics: q.metrics.map((m) =>
      m === 'percentage' ? (r.percentage as number) : (r[columnFor(dim.dimension, m)] as Value),
    ),
    dimensions: [plausibleName(q, dim.name, r.value)],
  }));
  return { rows, totalRows: result.total_rows };
}

/**
 * Small-count protection on a filtered slice without a value dimension (an aggregate or a time
 * series of `page is /u/jane`): the slice is one row, so it is refused when counted 1 to k - 1
 * times by its dimension's own count (breakdown.ts dimensionSpecs).
 */
async function guardSlice(
  store: Store,
  q: StatsQuery,
  range: ResolvedRange,
  site: SiteRecord,
  k: number,
) {
  if (q.slice === 'total' || q.dimension?.kind === 'value') return;
  const m = await sliceTotals(store, q, range, site.id);
  const count = m[dimensionSpecs[q.slice].orderBy];
  if (count > 0 && count < k) {
    throw new ReportInputError(
      'filters',
      `this API key hides rows counted fewer than ${k} times, and the filtered slice is one of them`,
    );
  }
}

export interface StatsOptions {
  /** Small-count protection of the API key (server/reports/small-counts.ts). */
  k?: number;
}

export async function executeStatsQuery(
  allData: Store,
  site: SiteRecord,
  q: StatsQuery,
  nowMs: number,
  options: StatsOptions = {},
): Promise<StatsResponse> {
  // include.imports false: every report query leaves out what applied imports added.
  const store = q.include.imports
    ? allData
    : { ...allData, reports: allData.reportsWithoutImports };
  const firstDay = q.period === 'all' ? await store.reports.firstDay(site.id) : null;
  const range = resolveDateRange({
    period: q.period,
    timezone: site.timezone,
    nowMs,
    from: q.from,
    to: q.to,
    firstDay: firstDay ?? undefined,
  });
  if (options.k !== undefined) await guardSlice(store, q, range, site, options.k);
  const meta: StatsResponse['meta'] = {};
  let results: { metrics: Value[]; dimensions: string[] }[];
  let goalWarnings: MetricWarnings | undefined;
  if (q.goals !== null || q.dimension?.kind === 'goal') {
    const answer = await goalQuery(store, site, q, range);
    results = answer.rows.slice(q.offset, q.offset + q.limit);
    goalWarnings = answer.warnings;
    if (q.include.time_labels && answer.labels) meta.time_labels = answer.labels;
    if (q.include.total_rows) meta.total_rows = answer.rows.length;
  } else if (q.by) {
    const { rows, labels } = await byTimeAndValue(store, q, range, site, options.k);
    results = rows.slice(q.offset, q.offset + q.limit);
    if (q.include.time_labels) meta.time_labels = labels;
    if (q.include.total_rows) meta.total_rows = rows.length;
  } else if (!q.dimension) {
    results = await aggregate(store, q, range, site);
  } else if (q.dimension.kind === 'time') {
    const { rows, labels } = await byTime(store, q, range, site);
    results = rows.slice(q.offset, q.offset + q.limit);
    if (q.include.time_labels) meta.time_labels = labels;
    if (q.include.total_rows) meta.total_rows = rows.length;
  } else {
    const acrossEvents = q.slice === 'event_prop' && q.event === undefined;
    const { rows, totalRows } = acrossEvents
      ? await propBreakdown(store, q, range, site, options.k)
      : await byValue(store, q, range, site, options.k);
    results = rows;
    if (q.include.total_rows) meta.total_rows = totalRows;
  }
  const perMetric = { ...goalWarnings, ...compatWarnings(q) };
  Object.assign(meta, compatMeta(q, Object.keys(perMetric).length > 0 ? perMetric : undefined));
  if ('imports' in q.echo.include) meta.imports_included = q.include.imports;
  const { site_id, metrics, filters, dimensions, order_by, include, pagination } = q.echo;
  return {
    results: widenRows(q, results),
    meta,
    query: {
      site_id,
      metrics,
      date_range: echoRange(range),
      filters,
      dimensions,
      order_by,
      include,
      pagination,
    },
  };
}
