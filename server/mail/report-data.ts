// What a report email shows, read through the same functions as the dashboard's report API
// (siteReport, breakdown, goalsReport), so every figure equals the API's for the same days.
import { addDays, daysBetween } from '../reports/calendar.js';
import { breakdown, type BreakdownDimension } from '../reports/breakdown.js';
import type { ResolvedRange } from '../reports/date-range.js';
import { goalsReport } from '../reports/goals.js';
import type { DerivedMetrics, MetricName } from '../reports/metrics.js';
import { siteReport } from '../reports/site-report.js';
import type { SiteRecord, Store } from '../store/types.js';
import type { ReportPeriod } from './periods.js';

export interface ReportRow {
  value: string;
  count: number;
}

export interface ReportData {
  site: { id: number; domain: string; name: string; timezone: string };
  period: ReportPeriod;
  totals: DerivedMetrics;
  previous: DerivedMetrics;
  change: Record<MetricName, number | null>;
  /** Visits per local day of the period. */
  days: { day: string; visits: number }[];
  pages: ReportRow[];
  sources: ReportRow[];
  countries: ReportRow[];
  goals: { name: string; conversions: number; rate: number }[];
}

/** Rows a report lists per panel. */
export const reportRows = 5;

/** The period as the report API resolves `period=custom&from&to`, compared with `previous`. */
function rangeOf(period: ReportPeriod, timezone: string): ResolvedRange {
  const days = daysBetween(period.fromDay, period.toDay) + 1;
  return {
    period: 'custom',
    timezone,
    fromDay: period.fromDay,
    toDay: period.toDay,
    days,
    previous: period.previous,
    lastYear: { fromDay: addDays(period.fromDay, -364), toDay: addDays(period.toDay, -364) },
  };
}

async function top(
  store: Store,
  site: SiteRecord,
  range: ResolvedRange,
  dimension: BreakdownDimension,
  metric: 'visits' | 'pageviews',
): Promise<ReportRow[]> {
  const result = await breakdown(store, {
    siteId: site.id,
    timezone: site.timezone,
    span: range,
    dimension,
    limit: reportRows,
    offset: 0,
  });
  return result.results.map((r) => ({ value: r.value, count: Number(r[metric] ?? 0) }));
}

export async function reportData(
  store: Store,
  site: SiteRecord,
  period: ReportPeriod,
): Promise<ReportData> {
  const range = rangeOf(period, site.timezone);
  const report = await siteReport(store, {
    siteId: site.id,
    timezone: site.timezone,
    range,
    interval: 'day',
    compare: 'previous',
  });
  const goals = await store.goals.goalsOf(site.id);
  const [pages, sources, countries, goalReport] = await Promise.all([
    top(store, site, range, 'page', 'pageviews'),
    top(store, site, range, 'source', 'visits'),
    top(store, site, range, 'country', 'visits'),
    goals.length > 0 ? goalsReport(store, site.id, range, goals) : undefined,
  ]);
  return {
    site: { id: site.id, domain: site.domain, name: site.name, timezone: site.timezone },
    period,
    totals: report.totals,
    previous: report.comparison!.totals,
    change: report.comparison!.change,
    days: report.series.map((p) => ({ day: p.date, visits: p.visits })),
    pages,
    sources,
    countries,
    goals: (goalReport?.goals ?? []).map((g) => ({
      name: g.name,
      conversions: g.conversions,
      rate: g.conversion_rate,
    })),
  };
}
