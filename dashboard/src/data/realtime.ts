// Shapes the realtime answer (30 one-minute buckets, UTC) for the chart: local clock labels.
import type { ChartData } from './series.js';

export interface MinuteBucket {
  minute: string;
  visits: number;
  pageviews: number;
}

/** `2025-03-30T14:05Z` as the viewer's wall-clock time (`14:05` in UTC, `4:05 PM` in Paris…). */
export function minuteLabel(minute: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone && { timeZone }),
  }).format(Date.parse(minute));
}

export function realtimeChart(
  series: MinuteBucket[],
  locale?: string,
  timeZone?: string,
): ChartData {
  return {
    labels: series.map((b) => minuteLabel(b.minute, locale, timeZone)),
    current: series.map((b) => b.pageviews),
    previous: null,
  };
}
