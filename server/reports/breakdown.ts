// Top-N breakdown of one dimension: rows with the metrics that dimension's counters hold, their share
// of the range total, pagination and search (case-insensitive substring, wildcards literal).
import type { Dimension } from '../counters/types.js';
import type { MetricColumn, ValueFilter, ValueTotals } from '../store/reports.js';
import type { Store } from '../store/types.js';
import { deriveMetrics, percentage, pick, type MetricName } from './metrics.js';
import type { ReportQuery } from './query.js';
import { hideSmallCounts } from './small-counts.js';
import { rawTotals } from './totals.js';

export const breakdownDimensions = [
  'page',
  'entry',
  'exit',
  'source',
  'referrer',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'country',
  'browser',
  'os',
  'device',
  'event',
  'event_prop',
] as const satisfies readonly Dimension[];
export type BreakdownDimension = (typeof breakdownDimensions)[number];

interface DimensionSpec {
  /** Metrics shown, the first one orders the rows and gives the percentage. */
  metrics: MetricName[];
  orderBy: MetricColumn;
}

const visitSpec: DimensionSpec = { metrics: ['visits', 'bounce_rate'], orderBy: 'visits' };
const audienceSpec: DimensionSpec = { metrics: ['visits', 'pageviews'], orderBy: 'visits' };
const eventSpec: DimensionSpec = { metrics: ['events'], orderBy: 'events' };

/** What each dimension's counter rows can truthfully answer (docs/METRICS.md, deltas.ts). */
export const dimensionSpecs: Record<BreakdownDimension, DimensionSpec> = {
  page: {
    metrics: ['pageviews', 'exits', 'exit_rate', 'time_on_page', 'scroll_depth'],
    orderBy: 'pageviews',
  },
  entry: visitSpec,
  exit: { metrics: ['exits', 'pageviews', 'exit_rate'], orderBy: 'exits' },
  source: visitSpec,
  referrer: visitSpec,
  utm_source: visitSpec,
  utm_medium: visitSpec,
  utm_campaign: visitSpec,
  country: audienceSpec,
  browser: audienceSpec,
  os: audienceSpec,
  device: audienceSpec,
  event: eventSpec,
  event_prop: eventSpec,
};

export interface BreakdownQuery extends ReportQuery {
  dimension: BreakdownDimension;
  limit: number;
  offset: number;
  search?: string;
  /** event_prop: the event whose props are broken down (required), and optionally one prop key. */
  event?: string;
  prop?: string;
  /** Extra conditions on the value (the Stats API's filters on the same dimension). */
  filters?: ValueFilter[];
  orderBy?: MetricColumn | 'value';
  direction?: 'asc' | 'desc';
  /** Metrics to show instead of the dimension's usual ones (the Stats API asks for its own). */
  metrics?: MetricName[];
  /**
   * Small-count protection of the principal (a shared link or API key with k set): rows counted
   * fewer than k times by the dimension's own count (its ordering metric: visits, or pageviews,
   * exits, events where visits do not apply) are summed into one "hidden (fewer than k)" row.
   */
  k?: number;
}

export interface BreakdownRow {
  value: string;
  /** event_prop rows: the prop's key (value is then the prop's value). */
  key?: string;
  /** The row that sums the rows hidden by small-count protection. */
  hidden?: true;
  [metric: string]: string | number | boolean | null | undefined;
}

export interface BreakdownResult {
  dimension: BreakdownDimension;
  event?: string;
  metrics: MetricName[];
  results: BreakdownRow[];
  /** Values matching the search in the whole range (for pagination). */
  total_rows: number;
  limit: number;
  offset: number;
  /** Range total of the ordering metric: the base of `percentage`. */
  total: number;
}

/** JSON text of an event_prop value starts with `["event","key",` (deltas.ts eventPropValue). */
function propPrefix(event: string, prop: string | undefined): string {
  const parts = prop === undefined ? [event] : [event, prop];
  return `${JSON.stringify(parts).slice(0, -1)},`;
}

/** Search inside JSON text: the term as JSON would write it (quotes and backslashes escaped). */
const searchTerm = (q: BreakdownQuery, s: string) =>
  q.dimension === 'event_prop' ? JSON.stringify(s).slice(1, -1) : s;

async function baseTotal(store: Store, q: BreakdownQuery, spec: DimensionSpec): Promise<number> {
  if (q.dimension === 'event_prop') {
    const m = await store.reports.rangeTotals({
      siteId: q.siteId,
      fromDay: q.span.fromDay,
      toDay: q.span.toDay,
      dimension: 'event',
      filters: [{ op: 'is', values: [q.event ?? ''] }],
    });
    return m.events;
  }
  const whole = await rawTotals(store, {
    ...q,
    span: { fromDay: q.span.fromDay, toDay: q.span.toDay },
  });
  return whole[spec.orderBy];
}

/** Exit pages: pageviews of the same pages, for the exit rate. */
async function withPageviews(store: Store, q: BreakdownQuery, rows: ValueTotals[]) {
  if (rows.length === 0) return rows;
  const pages = await store.reports.topValues({
    siteId: q.siteId,
    fromDay: q.span.fromDay,
    toDay: q.span.toDay,
    dimension: 'page',
    filters: [{ op: 'is', values: rows.map((r) => r.value) }],
    orderBy: 'value',
    direction: 'asc',
    limit: rows.length,
    offset: 0,
  });
  const views = new Map(pages.rows.map((r) => [r.value, r.pageviews]));
  return rows.map((r) => ({ ...r, pageviews: views.get(r.value) ?? 0 }));
}

function toRow(
  q: BreakdownQuery,
  r: ValueTotals & { hidden?: true },
  spec: DimensionSpec,
  total: number,
): BreakdownRow {
  const shown = pick(deriveMetrics(r), q.metrics ?? spec.metrics);
  const share = { percentage: percentage(r[spec.orderBy], total) };
  if (r.hidden) return { value: r.value, hidden: true, ...shown, ...share };
  if (q.dimension !== 'event_prop') return { value: r.value, ...shown, ...share };
  const [, key, value] = JSON.parse(r.value) as [string, string, string];
  return { key, value, ...shown, ...share };
}

export async function breakdown(store: Store, q: BreakdownQuery): Promise<BreakdownResult> {
  const spec = dimensionSpecs[q.dimension];
  const filters = [...(q.filters ?? [])];
  if (q.search) filters.push({ op: 'contains', values: [searchTerm(q, q.search)] });
  const page = await store.reports.topValues({
    siteId: q.siteId,
    fromDay: q.span.fromDay,
    toDay: q.span.toDay,
    dimension: q.dimension,
    filters,
    prefix: q.dimension === 'event_prop' ? propPrefix(q.event ?? '', q.prop) : undefined,
    orderBy: q.orderBy ?? spec.orderBy,
    direction: q.direction ?? 'desc',
    limit: q.limit,
    offset: q.offset,
  });
  const found = q.dimension === 'exit' ? await withPageviews(store, q, page.rows) : page.rows;
  // The one place where breakdown rows leave for a principal (reports, CSV, Stats API).
  const rows = hideSmallCounts(found, q.k, (r) => r[spec.orderBy]);
  const total = await baseTotal(store, q, spec);
  return {
    dimension: q.dimension,
    ...(q.dimension === 'event_prop' ? { event: q.event } : {}),
    metrics: [...(q.metrics ?? spec.metrics)],
    results: rows.map((r) => toRow(q, r, spec, total)),
    total_rows: page.totalRows,
    limit: q.limit,
    offset: q.offset,
    total,
  };
}
