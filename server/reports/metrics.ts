// Derived metrics from summed counters (docs/METRICS.md). Pure. Rounding as Plausible rounds them.
import type { Metrics } from '../counters/types.js';

export interface DerivedMetrics {
  visits: number;
  pageviews: number;
  /** pageviews ÷ visits, 2 decimals (0 without visits). */
  views_per_visit: number;
  /** bounces ÷ visits, whole percent (0 without visits). */
  bounce_rate: number;
  /** engaged_ms ÷ engagements, whole seconds (null without engagement beacons). */
  time_on_page: number | null;
  /** scroll_sum ÷ engagements, whole percent (null without engagement beacons). */
  scroll_depth: number | null;
  exits: number;
  /** exits ÷ pageviews, whole percent (0 without pageviews). */
  exit_rate: number;
  events: number;
}

export type MetricName = keyof DerivedMetrics;

export const metricNames: MetricName[] = [
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'time_on_page',
  'scroll_depth',
  'exits',
  'exit_rate',
  'events',
];

const ratio = (a: number, b: number, scale: number, decimals: number): number => {
  const f = 10 ** decimals;
  return b === 0 ? 0 : Math.round((a * scale * f) / b) / f;
};

export function deriveMetrics(m: Metrics): DerivedMetrics {
  return {
    visits: m.visits,
    pageviews: m.pageviews,
    views_per_visit: ratio(m.pageviews, m.visits, 1, 2),
    bounce_rate: ratio(m.bounces, m.visits, 100, 0),
    time_on_page: m.engagements === 0 ? null : Math.round(m.engagedMs / m.engagements / 1000),
    scroll_depth: m.engagements === 0 ? null : Math.round(m.scrollSum / m.engagements),
    exits: m.exits,
    exit_rate: ratio(m.exits, m.pageviews, 100, 0),
    events: m.events,
  };
}

/** Share of `part` in `whole`, in percent with one decimal. */
export const percentage = (part: number, whole: number): number => ratio(part, whole, 100, 1);

export function pick<K extends MetricName>(d: DerivedMetrics, names: readonly K[]) {
  return Object.fromEntries(names.map((n) => [n, d[n]])) as Pick<DerivedMetrics, K>;
}
