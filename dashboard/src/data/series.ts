// Shapes API time series into what the chart draws: labels, the current values and, with a
// comparison, the earlier period's values aligned by position (bucket i against bucket i) with
// their own dates for the tooltip.
import { formatBucket } from './format.js';

export type Interval = 'hour' | 'day' | 'week' | 'month';
export type ChartMetric = 'visits' | 'pageviews';
/** The metrics the chart draws, the default first. */
export const chartMetrics: readonly ChartMetric[] = ['visits', 'pageviews'];

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
  /** The comparison's own bucket dates, for its tooltip (aligned by position like `previous`). */
  previousLabels?: (string | null)[];
  /** The bucket still filling up (drawn dashed), if the range reaches now. */
  incomplete?: number | null;
  /** Annotations as markers on their buckets. */
  markers?: ChartMarker[];
}

export interface ChartMarker {
  /** The bucket (x index) the marker stands on. */
  index: number;
  text: string;
}

export function shapeSeries(
  series: SeriesPoint[],
  metric: ChartMetric,
  interval: Interval,
  comparison?: SeriesPoint[] | null,
  locale?: string,
): ChartData {
  const data: ChartData = {
    labels: series.map((p) => formatBucket(p.date, interval, locale)),
    current: series.map((p) => p[metric]),
    previous: comparison ? series.map((_, i) => comparison[i]?.[metric] ?? null) : null,
  };
  if (comparison) {
    data.previousLabels = series.map((_, i) => {
      const date = comparison[i]?.date;
      return date === undefined ? null : formatBucket(date, interval, locale);
    });
  }
  return data;
}

/** Bar widths for breakdown rows: each value as a share of the largest, 0–100. */
export function shareOfMax(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? 0 : Math.round((v / max) * 100)));
}
