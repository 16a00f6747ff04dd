// The site report the dashboard opens with: totals and series for the range, and the comparison.
import type { Store } from '../store/types.js';
import { compareMetrics, type Comparison, type MetricChanges } from './compare.js';
import type { ResolvedRange, Span } from './date-range.js';
import type { DerivedMetrics } from './metrics.js';
import { timeseries, type Interval, type SeriesPoint } from './timeseries.js';
import { totals } from './totals.js';

export interface SiteReportQuery {
  siteId: number;
  timezone: string;
  range: ResolvedRange;
  interval: Interval;
  compare?: Comparison;
}

const spanOut = (s: Span) => ({
  from: s.fromDay,
  to: s.toDay,
  ...(s.hours ? { from_hour: s.hours.fromHour, to_hour: s.hours.toHour } : {}),
});

export interface SiteReport {
  range: ReturnType<typeof spanOut> & { period: string; timezone: string };
  interval: Interval;
  totals: DerivedMetrics;
  series: SeriesPoint[];
  comparison?: {
    kind: Comparison;
    range: ReturnType<typeof spanOut>;
    totals: DerivedMetrics;
    change: MetricChanges;
    /** Aligned with `series` by position (bucket i of each period). */
    series: SeriesPoint[];
  };
}

export async function siteReport(store: Store, q: SiteReportQuery): Promise<SiteReport> {
  const base = { siteId: q.siteId, timezone: q.timezone };
  const current = { ...base, span: q.range };
  const [sums, series] = await Promise.all([
    totals(store, current),
    timeseries(store, { ...current, interval: q.interval }),
  ]);
  const report: SiteReport = {
    range: { period: q.range.period, timezone: q.timezone, ...spanOut(q.range) },
    interval: q.interval,
    totals: sums,
    series,
  };
  if (q.compare) {
    const span = q.compare === 'previous' ? q.range.previous : q.range.lastYear;
    const other = { ...base, span };
    const [otherTotals, otherSeries] = await Promise.all([
      totals(store, other),
      timeseries(store, { ...other, interval: q.interval }),
    ]);
    report.comparison = {
      kind: q.compare,
      range: spanOut(span),
      totals: otherTotals,
      change: compareMetrics(sums, otherTotals),
      series: otherSeries,
    };
  }
  return report;
}
