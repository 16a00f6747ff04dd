// A report narrowed to one value of one dimension (click-to-filter): totals and series from the
// Stats API, which reads that dimension's own counter rows; the comparison likewise.
import { useEffect, useState } from 'preact/hooks';
import type { Access, CompareKind, SiteReport } from '../api.js';
import {
  filterDimensions,
  filteredQueries,
  type CardMetric,
  type ReportFilter,
} from '../data/filter.js';
import { statsQuery } from '../stats-api.js';
import { errorText } from './use-load.js';

type Values = Partial<Record<CardMetric, number | null>>;

export interface PeriodData {
  totals: Values;
  /** null by the hour: hourly counters hold the whole site's totals only (docs/API.md). */
  series: { date: string; visits: number; pageviews: number }[] | null;
}

export interface FilteredReport {
  filter: ReportFilter;
  metrics: CardMetric[];
  current: PeriodData;
  comparison: PeriodData | null;
}

const valuesOf = (metrics: CardMetric[], row: (number | null)[] | undefined): Values =>
  Object.fromEntries(metrics.map((m, i) => [m, row?.[i] ?? null]));

async function periodData(
  domain: string,
  filter: ReportFilter,
  range: { from: string; to: string },
  interval: SiteReport['interval'],
  access: Access | undefined,
): Promise<PeriodData> {
  const metrics = filterDimensions[filter.dimension]!.metrics;
  const q = filteredQueries(domain, filter, range, interval);
  const [totals, series] = await Promise.all([
    statsQuery(q.totals, access),
    interval === 'hour' ? null : statsQuery(q.series, access),
  ]);
  return {
    totals: valuesOf(metrics, totals.results[0]?.metrics),
    series:
      series?.results.map((r) => {
        const v = valuesOf(metrics, r.metrics);
        return { date: r.dimensions[0] ?? '', visits: v.visits ?? 0, pageviews: v.pageviews ?? 0 };
      }) ?? null,
  };
}

export function useFilteredReport(
  domain: string,
  filter: ReportFilter | null,
  report: SiteReport | null,
  compare: CompareKind | null,
  access: Access | undefined,
): { data: FilteredReport | null; error: string | null } {
  const [data, setData] = useState<FilteredReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    if (!filter || !report) return;
    let live = true;
    const earlier = compare ? report.comparison?.range : undefined;
    Promise.all([
      periodData(domain, filter, report.range, report.interval, access),
      earlier ? periodData(domain, filter, earlier, report.interval, access) : null,
    ]).then(
      ([current, comparison]) =>
        live &&
        setData({
          filter,
          metrics: filterDimensions[filter.dimension]!.metrics,
          current,
          comparison,
        }),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [domain, filter, report, compare, access]);
  return { data, error };
}
