// CSV exports of reports: one file per breakdown or series, cells by server/http/csv.ts (every string
// quoted, formulas defused). Pure.
import { toCsv } from '../http/csv.js';
import type { BreakdownResult } from './breakdown.js';
import type { GoalsReport } from './goals.js';
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

/** The goals report: one row per goal; revenue in the goal's currency (empty for other goals). */
export function goalsCsv(r: GoalsReport): string {
  return toCsv(
    [
      'goal',
      'kind',
      'conversions',
      'conversion_rate',
      'currency',
      'total_revenue',
      'average_revenue',
    ],
    r.goals.map((g) => [
      g.name,
      g.kind,
      g.conversions,
      g.conversion_rate,
      g.revenue?.currency,
      g.revenue?.total,
      g.revenue?.average,
    ]),
  );
}
