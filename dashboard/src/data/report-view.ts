// A site report's whole view — range, comparison, interval, chart metric, open tabs, filter — read from and
// written to the address (router.ts keeps it in the hash's query part). Pure: no DOM, no history.
import type { CompareKind, Interval, Period, RangeQuery } from '../api.js';
import { parseReportState, withReportState } from '../router.js';
import { customRangeError } from './custom-range.js';
import { canFilter, type ReportFilter } from './filter.js';
import type { MessageKey } from '../i18n/t.js';
import { chartMetrics, type ChartMetric } from './series.js';

export interface ReportView {
  range: RangeQuery;
  compare: CompareKind | null;
  /** null: the server's default for the range. */
  interval: Interval | null;
  /** What the chart draws (visits unless the address names another). */
  metric: ChartMetric;
  /** Open breakdown tabs other than each panel's first (dimension names). */
  tabs: string[];
  filter: ReportFilter | null;
}

export const reportPeriods: { value: Period; label: MessageKey }[] = [
  { value: 'day', label: 'period.day' },
  { value: 'yesterday', label: 'period.yesterday' },
  { value: '7d', label: 'period.7d' },
  { value: '30d', label: 'period.30d' },
  { value: 'month', label: 'period.month' },
  { value: 'last_month', label: 'period.lastMonth' },
  { value: '12mo', label: 'period.12mo' },
  { value: 'custom', label: 'period.custom' },
];

export const defaultRange: RangeQuery = { period: '30d' };

/** A range from the URL's state, or null when it is not one the report offers. */
export function rangeFromState(s: {
  period: string | null;
  from?: string | null;
  to?: string | null;
}): RangeQuery | null {
  if (!reportPeriods.some((p) => p.value === s.period)) return null;
  if (s.period !== 'custom') return { period: s.period as Period };
  if (!s.from || !s.to || customRangeError(s.from, s.to)) return null;
  return { period: 'custom', from: s.from, to: s.to };
}

/** Days a range spans at most (months count 31): enough to decide which intervals fit. */
export function rangeDays(range: RangeQuery): number {
  switch (range.period) {
    case 'day':
    case 'yesterday':
      return 1;
    case '7d':
      return 7;
    case '30d':
      return 30;
    case 'month':
    case 'last_month':
      return 31;
    case '12mo':
      return 366;
    case 'custom': {
      const from = Date.parse(`${range.from ?? ''}T00:00:00Z`);
      const to = Date.parse(`${range.to ?? ''}T00:00:00Z`);
      return Number.isNaN(from) || Number.isNaN(to) ? 1 : (to - from) / 86_400_000 + 1;
    }
  }
}

/** The intervals the server answers for a range (hours up to 7 days, server/reports/timeseries.ts). */
export function intervalsFor(range: RangeQuery): Interval[] {
  const days = rangeDays(range);
  const all: Interval[] = ['hour', 'day', 'week', 'month'];
  return all.filter((i) => (i === 'hour' ? days <= 7 : i === 'day' ? true : days > 7));
}

/** The interval kept when the range changes: dropped (back to the default) where it no longer fits. */
export function fitInterval(interval: Interval | null, range: RangeQuery): Interval | null {
  return interval && intervalsFor(range).includes(interval) ? interval : null;
}

/** The view an address holds; anything it does not hold (or holds wrongly) takes the default. */
export function viewFromHash(hash: string): ReportView {
  const s = parseReportState(hash);
  const range = rangeFromState(s) ?? defaultRange;
  const filter = s.filter && canFilter(s.filter.dimension, s.filter.value) ? s.filter : null;
  return {
    range,
    compare: s.compare,
    interval: fitInterval(s.interval ?? null, range),
    metric: chartMetrics.find((m) => m === s.metric) ?? chartMetrics[0]!,
    tabs: s.tabs ?? [],
    filter,
  };
}

/** The address of a view, keeping the route part of `hash`. */
export function hashOfView(hash: string, v: ReportView): string {
  return withReportState(hash, {
    period: v.range.period,
    from: v.range.from ?? null,
    to: v.range.to ?? null,
    compare: v.compare,
    ...(v.interval ? { interval: v.interval } : {}),
    ...(v.metric !== chartMetrics[0] ? { metric: v.metric } : {}),
    ...(v.tabs.length > 0 ? { tabs: v.tabs } : {}),
    ...(v.filter ? { filter: v.filter } : {}),
  });
}

/** The open tab of a panel whose tabs are `dimensions` (its first unless the view names another). */
export function activeTab(dimensions: string[], tabs: string[]): string {
  return dimensions.find((d) => tabs.includes(d)) ?? dimensions[0]!;
}

/** The view's tabs after picking `picked` in the panel whose tabs are `dimensions`. */
export function pickTab(dimensions: string[], tabs: string[], picked: string): string[] {
  const others = tabs.filter((d) => !dimensions.includes(d));
  return picked === dimensions[0] ? others : [...others, picked];
}
