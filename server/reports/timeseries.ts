// Time series at hour/day/week/month granularity. The server fills empty buckets with zeros, so the
// JSON API and the CSV export always list the same buckets (STYLE.md 8).
import { addMetrics, zeroMetrics, type Dimension, type Metrics } from '../counters/types.js';
import type { ValueFilter } from '../store/reports.js';
import type { Store } from '../store/types.js';
import { eachDay, monthStart, weekStart } from './calendar.js';
import { hourSpanOf, localHourBuckets, type Span } from './date-range.js';
import { ReportInputError } from './errors.js';
import { deriveMetrics, type DerivedMetrics } from './metrics.js';
import type { ReportQuery } from './query.js';

export const intervals = ['hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof intervals)[number];

/** Longest span shown per hour: beyond a week an hourly chart is unreadable. */
export const maxHourlyDays = 7;

export interface SeriesPoint extends DerivedMetrics {
  /** Local bucket start: YYYY-MM-DD (day, week = its Monday, month = its 1st), YYYY-MM-DDTHH:00 (hour). */
  date: string;
}

export interface SeriesQuery extends ReportQuery {
  interval: Interval;
  /** Sum one dimension's matching rows instead of `total` (days only: hours hold totals). */
  slice?: { dimension: Dimension; filters: ValueFilter[] };
}

const spanDays = (s: Span) => eachDay(s.fromDay, s.toDay).length;

/** The interval a chart uses when none is asked for. */
export function defaultInterval(span: Span): Interval {
  const days = spanDays(span);
  if (span.hours || days === 1) return 'hour';
  return days <= 92 ? 'day' : 'month';
}

export function checkInterval(span: Span, interval: Interval): void {
  if (interval === 'hour' && !span.hours && spanDays(span) > maxHourlyDays) {
    throw new ReportInputError(
      'interval',
      `interval=hour needs a range of at most ${maxHourlyDays} days`,
    );
  }
}

async function hourlySeries(store: Store, q: SeriesQuery): Promise<SeriesPoint[]> {
  const span = hourSpanOf(q.timezone, q.span);
  const rows = await store.reports.hourlyTotals(q.siteId, span.fromHour, span.toHour);
  const byHour = new Map(rows.map((r) => [r.hour, r as Metrics]));
  return localHourBuckets(q.timezone, span).map((b) => {
    const sum = zeroMetrics();
    for (const h of b.hours) {
      const row = byHour.get(h);
      if (row) addMetrics(sum, row);
    }
    return { date: `${b.label}:00`, ...deriveMetrics(sum) };
  });
}

/** The bucket (first local day within the span) that a day falls into. */
function bucketOf(day: string, interval: Interval, fromDay: string): string {
  const start = interval === 'week' ? weekStart(day) : interval === 'month' ? monthStart(day) : day;
  return start < fromDay ? fromDay : start;
}

export async function timeseries(store: Store, q: SeriesQuery): Promise<SeriesPoint[]> {
  checkInterval(q.span, q.interval);
  if (q.interval === 'hour') {
    if (q.slice) throw new ReportInputError('interval', 'hourly counters hold totals only');
    return hourlySeries(store, q);
  }
  const { fromDay, toDay } = q.span;
  const rows = await store.reports.dailyTotals({
    siteId: q.siteId,
    fromDay,
    toDay,
    dimension: q.slice?.dimension ?? 'total',
    filters: q.slice?.filters,
  });
  const buckets = new Map<string, Metrics>();
  for (const day of eachDay(fromDay, toDay)) {
    const key = bucketOf(day, q.interval, fromDay);
    if (!buckets.has(key)) buckets.set(key, zeroMetrics());
  }
  for (const r of rows) addMetrics(buckets.get(bucketOf(r.day, q.interval, fromDay))!, r);
  return [...buckets].map(([date, m]) => ({ date, ...deriveMetrics(m) }));
}
