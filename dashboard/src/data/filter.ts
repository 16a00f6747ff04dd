// Click-to-filter where the counters can answer it: one value of one dimension narrows the cards
// and the chart (the Stats API reads that dimension's own rows per day). Other panels stay whole:
// counters are kept per dimension, so "pages of visitors from France" has no rows (docs/API.md).
import { changeKind, changePercent } from './change.js';
import { displayValue } from './labels.js';
import { t, type MessageKey } from '../i18n/t.js';

export type CardMetric = 'visits' | 'pageviews' | 'views_per_visit' | 'bounce_rate' | 'time_on_page';

interface FilterDimension {
  /** The Stats API's name for the dimension. */
  stats: string;
  /** What the dimension's counters hold, of the report's cards (docs/API.md, Stats API). */
  metrics: CardMetric[];
  label: MessageKey;
}

const acquisition: CardMetric[] = ['visits', 'bounce_rate'];
const audience: CardMetric[] = [
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'time_on_page',
];

export const filterDimensions: Record<string, FilterDimension> = {
  page: { stats: 'event:page', metrics: ['pageviews', 'time_on_page'], label: 'dimension.page' },
  entry: { stats: 'visit:entry_page', metrics: acquisition, label: 'dimension.entry' },
  source: { stats: 'visit:source', metrics: acquisition, label: 'dimension.source' },
  referrer: { stats: 'visit:referrer', metrics: acquisition, label: 'dimension.referrer' },
  utm_source: { stats: 'visit:utm_source', metrics: acquisition, label: 'dimension.utmSource' },
  utm_medium: { stats: 'visit:utm_medium', metrics: acquisition, label: 'dimension.utmMedium' },
  utm_campaign: {
    stats: 'visit:utm_campaign',
    metrics: acquisition,
    label: 'dimension.utmCampaign',
  },
  country: { stats: 'visit:country', metrics: audience, label: 'dimension.country' },
  browser: { stats: 'visit:browser', metrics: audience, label: 'dimension.browser' },
  os: { stats: 'visit:os', metrics: audience, label: 'dimension.os' },
  device: { stats: 'visit:device', metrics: audience, label: 'dimension.device' },
};

export interface ReportFilter {
  dimension: string;
  value: string;
}

export const canFilter = (dimension: string, value: string): boolean =>
  dimension in filterDimensions && value !== '(other)';

/** `Country is France`, `Page is /café`: plain text for the filter bar. */
export function filterLabel(f: ReportFilter, locale?: string): string {
  const d = filterDimensions[f.dimension];
  return t('filter.is', {
    dimension: d ? t(d.label) : f.dimension,
    value: displayValue(f.dimension, f.value, locale),
  });
}

/** The two Stats API bodies behind a filtered report: totals, and the series per interval. */
export function filteredQueries(
  site: string,
  f: ReportFilter,
  range: { from: string; to: string },
  interval: 'hour' | 'day' | 'week' | 'month',
) {
  const d = filterDimensions[f.dimension]!;
  const base = {
    site_id: site,
    metrics: d.metrics,
    date_range: [range.from, range.to],
    filters: [['is', d.stats, [f.value]]],
  };
  return { totals: base, series: { ...base, dimensions: [`time:${interval}`] } };
}

/** The change of one card, as the server computes it (points for rates, else whole percent). */
export function metricChange(metric: string, current: number | null, previous: number | null) {
  if (changeKind(metric) === 'points') {
    return current === null || previous === null ? null : current - previous;
  }
  return changePercent(current, previous);
}
