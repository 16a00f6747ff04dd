// Shapes API time series into what the chart draws: labels, the current values and, with a
// comparison, the earlier period's values aligned by position (bucket i against bucket i).
import { formatBucket } from './format.js';

export type Interval = 'hour' | 'day' | 'week' | 'month';
export type ChartMetric = 'visits' | 'pageviews';

export interface SeriesPoint {
  date: string;
  visits: number;
  pageviews: number;
}

export interface ChartData {
  labels: string[];
  current: number[];
  /** The comparison period's values, padded with null where it has fewer buckets. */
  previous: (number | null)[] | null;
  /** What the earlier line is, for its legend: `previous period` unless told. */
  previousLabel?: string;
}

export function shapeSeries(
  series: SeriesPoint[],
  metric: ChartMetric,
  interval: Interval,
  comparison?: SeriesPoint[] | null,
  locale?: string,
): ChartData {
  return {
    labels: series.map((p) => formatBucket(p.date, interval, locale)),
    current: series.map((p) => p[metric]),
    previous: comparison ? series.map((_, i) => comparison[i]?.[metric] ?? null) : null,
  };
}

/** Bar widths for breakdown rows: each value as a share of the largest, 0–100. */
export function shareOfMax(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? 0 : Math.round((v / max) * 100)));
}
