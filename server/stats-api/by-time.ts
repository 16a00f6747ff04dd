// Stats API breakdowns that the report routes do not have: a value dimension broken down by a time
// dimension (one breakdown per day, week or month bucket: counters are daily), and a custom prop
// read across every event (Plausible's `event:props:<key>` without an event:name filter).
import type { Metrics } from '../counters/types.js';
import { OTHER } from '../counters/types.js';
import { breakdown, type BreakdownDimension } from '../reports/breakdown.js';
import { eachDay } from '../reports/calendar.js';
import type { ResolvedRange } from '../reports/date-range.js';
import { ReportInputError } from '../reports/errors.js';
import { bucketOf } from '../reports/goals.js';
import { percentage } from '../reports/metrics.js';
import { hideSmallCounts } from '../reports/small-counts.js';
import { defaultInterval } from '../reports/timeseries.js';
import type { SiteRecord, Store } from '../store/types.js';
import { columnFor, plausibleName } from './columns.js';
import type { StatsQuery } from './parse.js';

type Value = number | null;
export interface Row {
  metrics: Value[];
  dimensions: string[];
}

/** Every value of a dimension in a span: far above any cardinality cap. */
const allValues = 1_000_000;
/** Buckets of one query at most: each is one breakdown. */
export const maxBuckets = 92;

interface Span {
  fromDay: string;
  toDay: string;
}

/** A prop across every event: its values (events summed over event names), most counted first. */
export async function propAcrossEvents(
  store: Store,
  siteId: number,
  span: Span,
  key: string,
  k: number | undefined,
): Promise<{ value: string; events: number; hidden?: true }[]> {
  // The stored value is the JSON text ["event","key","value"]: `","key","` appears in it only
  // between the event and the value (quotes inside strings are escaped). LIKE ignores case, so
  // the key is compared exactly once parsed.
  const term = `","${JSON.stringify(key).slice(1, -1)}","`;
  const { rows } = await store.reports.topValues({
    siteId,
    fromDay: span.fromDay,
    toDay: span.toDay,
    dimension: 'event_prop',
    filters: [{ op: 'contains', values: [term] }],
    orderBy: 'events',
    direction: 'desc',
    limit: allValues,
    offset: 0,
  });
  const sums = new Map<string, Metrics & { value: string }>();
  for (const r of rows) {
    if (r.value === OTHER) continue;
    const [, k2, value] = JSON.parse(r.value) as [string, string, string];
    if (k2 !== key) continue;
    const sum = sums.get(value);
    if (sum) sum.events += r.events;
    else sums.set(value, { ...r, value });
  }
  const sorted = [...sums.values()].sort(
    (a, b) => b.events - a.events || (a.value < b.value ? -1 : 1),
  );
  return hideSmallCounts(sorted, k, (r) => r.events).map((r) => ({
    value: r.value,
    events: r.events,
    ...('hidden' in r ? { hidden: true as const } : {}),
  }));
}

/** The value rows of one span: metric values in the query's order, and the row's value. */
async function valueRows(
  store: Store,
  q: StatsQuery,
  site: SiteRecord,
  span: Span,
  k: number | undefined,
): Promise<{ value: string; metrics: Value[] }[]> {
  const dim = q.dimension!;
  if (dim.kind !== 'value') throw new Error('unreachable');
  const slice = dim.dimension;
  if (slice === 'event_prop' && q.event === undefined) {
    const rows = await propAcrossEvents(store, site.id, span, q.prop!, k);
    return rows.map((r) => ({ value: r.value, metrics: q.metrics.map(() => r.events) }));
  }
  const result = await breakdown(store, {
    siteId: site.id,
    timezone: site.timezone,
    span,
    dimension: slice as BreakdownDimension,
    limit: allValues,
    offset: 0,
    filters: q.filters,
    event: q.event,
    prop: q.prop,
    metrics: q.metrics.map((m) => columnFor(slice, m)),
    k,
  });
  return result.results.map((r) => ({
    value: r.value ?? '',
    metrics: q.metrics.map((m) => (r[columnFor(slice, m)] as Value) ?? null),
  }));
}

/** The buckets of the range for an interval: label and span of each. */
function buckets(q: StatsQuery, range: ResolvedRange): { label: string; span: Span }[] {
  const interval = q.by!.interval ?? defaultInterval(range);
  if (interval === 'hour') {
    throw new ReportInputError('dimensions', 'breakdowns are counted per day, not per hour');
  }
  const out: { label: string; span: Span }[] = [];
  for (const day of eachDay(range.fromDay, range.toDay)) {
    const label = bucketOf(day, interval, range.fromDay);
    const last = out[out.length - 1];
    if (last?.label === label) last.span.toDay = day;
    else out.push({ label, span: { fromDay: day, toDay: day } });
  }
  if (out.length > maxBuckets) {
    throw new ReportInputError(
      'dimensions',
      `${q.by!.name} gives ${out.length} buckets; a breakdown by time takes at most ${maxBuckets} (choose a larger interval)`,
    );
  }
  return out;
}

/** A value dimension per time bucket, sorted by the query's keys, then paginated. */
export async function byTimeAndValue(
  store: Store,
  q: StatsQuery,
  range: ResolvedRange,
  site: SiteRecord,
  k: number | undefined,
): Promise<{ rows: Row[]; labels: string[] }> {
  const dim = q.dimension!;
  const all: { time: string; value: string; metrics: Value[] }[] = [];
  const spans = buckets(q, range);
  for (const b of spans) {
    for (const r of await valueRows(store, q, site, b.span, k)) {
      all.push({ time: b.label, value: plausibleName(q, dim.name, r.value), metrics: r.metrics });
    }
  }
  const keyOf = (r: (typeof all)[number], key: string): string | number =>
    key === 'time'
      ? r.time
      : key === 'value'
        ? r.value
        : (r.metrics[q.metrics.indexOf(key as never)] ?? 0);
  all.sort((a, b) => {
    for (const { key, direction } of q.orderKeys) {
      const x = keyOf(a, key);
      const y = keyOf(b, key);
      if (x !== y) return (x < y ? -1 : 1) * (direction === 'asc' ? 1 : -1);
    }
    return 0;
  });
  const rows = all.map((r) => ({
    metrics: r.metrics,
    dimensions: q.timeFirst ? [r.time, r.value] : [r.value, r.time],
  }));
  return { rows, labels: spans.map((b) => b.label) };
}

/** Percentage base and rows of a prop across events, for a single-dimension breakdown. */
export async function propBreakdown(
  store: Store,
  q: StatsQuery,
  range: ResolvedRange,
  site: SiteRecord,
  k: number | undefined,
): Promise<{ rows: Row[]; totalRows: number }> {
  const found = await propAcrossEvents(store, site.id, range, q.prop!, k);
  const total = found.reduce((a, r) => a + r.events, 0);
  const sorted = q.orderBy
    ? [...found].sort((a, b) => {
        const x = q.orderBy!.key === 'value' ? a.value : a.events;
        const y = q.orderBy!.key === 'value' ? b.value : b.events;
        return (x < y ? -1 : x > y ? 1 : 0) * (q.orderBy!.direction === 'asc' ? 1 : -1);
      })
    : found;
  const rows = sorted.slice(q.offset, q.offset + q.limit).map((r) => ({
    metrics: q.metrics.map((m) =>
      m === 'percentage' ? percentage(r.events, total) : (r.events as Value),
    ),
    dimensions: [r.value],
  }));
  return { rows, totalRows: found.length };
}
