// CSV export (RFC 4180): CRLF line ends, fields quoted when needed, quotes doubled. Visitor text is
// untrusted: a cell starting with = + - @ TAB or CR gets a leading single quote so that spreadsheet
// programs do not run it as a formula (OWASP "CSV injection"). Pure.
import type { BreakdownResult } from './breakdown.js';
import type { SeriesPoint } from './timeseries.js';

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',') + '\r\n').join('');
}

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
