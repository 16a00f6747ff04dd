// CSV exports of reports: one file per breakdown or series, cells by server/http/csv.ts (every string
// quoted, formulas defused). Pure.
import { toCsv } from '../http/csv.js';
import type { BreakdownResult } from './breakdown.js';
import type { SeriesPoint } from './timeseries.js';

export { csvCell, toCsv } from '../http/csv.js';

export function breakdownCsv(b: BreakdownResult): string {
  const keyed = b.dimension === 'event_prop';
  const header = [...(keyed ? ['key'] : []), b.dimension, ...b.metrics, 'percentage'];
  const rows = b.results.map((r) => [
    ...(keyed ? [r.key] : []),
    r.value,
    ...b.metrics.map((m) => r[m] as number | null),
    r.percentage as number,
  ]);
  return toCsv(header, rows);
}

export const seriesCsvMetrics = [
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'time_on_page',
  'scroll_depth',
  'events',
] as const;

export function timeseriesCsv(points: SeriesPoint[]): string {
  return toCsv(
    ['date', ...seriesCsvMetrics],
    points.map((p) => [p.date, ...seriesCsvMetrics.map((m) => p[m])]),
  );
}
