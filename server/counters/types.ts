// Counter rows as they are merged in memory and written: the columns of daily/hourly_counters.
import type { MinuteRow } from '../reports/minutes.js';

export interface Metrics {
  pageviews: number;
  visits: number;
  bounces: number;
  exits: number;
  engagedMs: number;
  engagements: number;
  scrollSum: number;
  events: number;
}

export const metricNames = [
  'pageviews',
  'visits',
  'bounces',
  'exits',
  'engagedMs',
  'engagements',
  'scrollSum',
  'events',
] as const satisfies readonly (keyof Metrics)[];

export interface DailyRow extends Metrics {
  siteId: number;
  /** YYYY-MM-DD in the site's timezone. */
  day: string;
  dimension: Dimension;
  value: string;
}

export interface HourlyRow extends Metrics {
  siteId: number;
  /** YYYY-MM-DDTHH in UTC. */
  hour: string;
}

/** Revenue of custom events per (site, day, event, currency): table revenue_counters. */
export interface RevenueRow {
  siteId: number;
  day: string;
  event: string;
  currency: string;
  /** Thousandths of the currency unit (server/goals/goal-input.ts). */
  amount: number;
  conversions: number;
}

export interface CounterWrite {
  daily: DailyRow[];
  hourly: HourlyRow[];
  /** Written in the same transaction as the counters; absent or empty for most batches. */
  revenue?: RevenueRow[];
  /**
   * Realtime's minute counters, in key order (server/reports/minutes.ts), written in the same
   * statement. PostgreSQL only: SQLite keeps realtime in memory and never receives any.
   */
  minutes?: MinuteRow[];
}

export const dimensions = [
  'total',
  'page',
  'entry',
  'exit',
  'source',
  'referrer',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'country',
  'browser',
  'os',
  'device',
  'event',
  'event_prop',
  'bot',
  /** (previous page → page) pairs: `<previous>\n<page>` (deltas.ts flowValue), pageviews only. */
  'flow',
] as const;
export type Dimension = (typeof dimensions)[number];

/** The value that collects everything past a dimension's cardinality cap. */
export const OTHER = '(other)';

export function zeroMetrics(): Metrics {
  return {
    pageviews: 0,
    visits: 0,
    bounces: 0,
    exits: 0,
    engagedMs: 0,
    engagements: 0,
    scrollSum: 0,
    events: 0,
  };
}

// Written out field by field: a loop over metricNames is a keyed (megamorphic) access per field,
// and these two run for every counter row of every event.
export function addMetrics(into: Metrics, from: Metrics): void {
  into.pageviews += from.pageviews;
  into.visits += from.visits;
  into.bounces += from.bounces;
  into.exits += from.exits;
  into.engagedMs += from.engagedMs;
  into.engagements += from.engagements;
  into.scrollSum += from.scrollSum;
  into.events += from.events;
}

export function isZero(m: Metrics): boolean {
  return (
    m.pageviews === 0 &&
    m.visits === 0 &&
    m.bounces === 0 &&
    m.exits === 0 &&
    m.engagedMs === 0 &&
    m.engagements === 0 &&
    m.scrollSum === 0 &&
    m.events === 0
  );
}
