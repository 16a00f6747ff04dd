// What a report shows where there is nothing to show (issue 19): a metric without data is "—"
// (never 0 or 0 %), no change against an empty earlier period, and the words for an empty report:
// "No data yet" only before the site's first event, "No visits in this period" after it.
import type { Metrics } from '../api.js';
import type { MessageKey } from '../i18n/t.js';

type Totals = Pick<Metrics, 'visits' | 'pageviews' | 'events'> & Partial<Metrics>;

/** Whether a period counted anything at all. */
export const hasActivity = (m: Totals): boolean => m.visits + m.pageviews + m.events > 0;

/** Ratios whose denominator is visits: without visits they have no value, not 0. */
const perVisit = new Set(['views_per_visit', 'bounce_rate']);

/** A card's value, or null ("—") where the period holds no data for it. */
export function cardValue(metric: keyof Metrics, m: Metrics): number | null {
  if (!hasActivity(m)) return null;
  if (perVisit.has(metric) && m.visits === 0) return null;
  if (metric === 'exit_rate' && m.pageviews === 0) return null;
  return m[metric];
}

/**
 * The change a card shows: undefined (no badge at all) without a comparison, or when either period
 * has no value for the metric — an empty earlier period is not a baseline.
 */
export function shownChange(
  metric: keyof Metrics,
  current: Metrics,
  previous: Metrics | undefined,
  change: number | null | undefined,
): number | null | undefined {
  if (!previous || change === undefined) return undefined;
  if (cardValue(metric, current) === null || cardValue(metric, previous) === null) return undefined;
  return change;
}

/** The sentence for an empty report or panel: null when there is something to show. */
export function emptyMessage(
  periodHasData: boolean,
  siteFirstDay: string | null | undefined,
): MessageKey | null {
  if (periodHasData) return null;
  return siteFirstDay ? 'empty.noVisitsInPeriod' : 'empty.noDataYet';
}

/** A filtered card's value (Stats API totals): null when the filter's counters hold nothing. */
export function filteredValue(
  totals: Partial<Record<string, number | null>>,
  metric: string,
): number | null {
  const values = Object.values(totals);
  if (values.every((v) => v === null || v === 0 || v === undefined)) return null;
  const v = totals[metric] ?? null;
  if (perVisit.has(metric) && !totals.visits) return 'visits' in totals ? null : v;
  return v;
}
