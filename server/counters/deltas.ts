// Turns one classified event into counter increments (DESIGN.md "How a visit is counted", docs/WIRE.md).
import type { Revenue } from '../goals/goal-input.js';
import type { DailyRow, Dimension, HourlyRow, Metrics, RevenueRow } from './types.js';
import { isZero } from './types.js';

export interface EngagementFacts {
  visibleMs: number;
  scrollPct: number;
  /** New since the previous beacon; null when the sender cannot tell (Plausible's engagement events). */
  continued: boolean | null;
  /**
   * New since the previous beacon: the visit engaged on this page — it continued, or fired an
   * interactive custom event (Plausible's definition of "not a bounce"). Continuing implies it,
   * except on a follow-up when an earlier beacon already reported the engagement.
   */
  engaged: boolean;
  followUp: boolean;
}

/** What the pipeline knows about an accepted event after classification; no identifiers. */
export interface ClassifiedEvent {
  siteId: number;
  day: string;
  hour: string;
  kind: 'pageview' | 'engagement' | 'custom' | 'bot';
  path: string;
  entry: boolean;
  /**
   * Pageviews: the same-site page it came from (normalised like `path`), or null (an entry, a
   * reload, back/forward, an SPA route change without pp). Counted as the pair previous → path.
   */
  previous?: string | null;
  source: string;
  referrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  country: string;
  browser: string;
  os: string;
  device: string;
  eventName: string;
  props: [string, string][];
  engagement: EngagementFacts | null;
  /** Custom events only: the amount the event carried (thousandths) and its currency. */
  revenue?: Revenue | null;
}

export interface EventDeltas {
  daily: DailyRow[];
  hourly: HourlyRow;
  /** The event's revenue row, or null (almost every event: nothing more to do for it). */
  revenue?: RevenueRow | null;
}

/** JSON keeps the triple unambiguous whatever characters a name, key or value holds. */
export function eventPropValue(name: string, key: string, value: string): string {
  return JSON.stringify([name, key, value]);
}

/**
 * The `flow` dimension's value of a (previous page → page) pair. A normalised path never holds a
 * control character (sanitiseText strips them), so the newline cannot be part of either path.
 */
export const FLOW_SEPARATOR = '\n';
export function flowValue(previous: string, page: string): string {
  return `${previous}${FLOW_SEPARATOR}${page}`;
}

/** A Metrics object with one fixed shape (the hot path builds several per event). */
function metrics(
  pageviews: number,
  visits: number,
  bounces: number,
  exits: number,
  engagedMs: number,
  engagements: number,
  scrollSum: number,
  events: number,
): Metrics {
  return { pageviews, visits, bounces, exits, engagedMs, engagements, scrollSum, events };
}

function engagementMetrics(g: EngagementFacts, entry: boolean): Metrics {
  const m = metrics(0, 0, 0, 0, g.visibleMs, g.followUp ? 0 : 1, g.scrollPct, 0);
  if (g.continued === null) return m;
  if (!g.followUp) {
    m.exits = g.continued ? 0 : 1;
    m.bounces = entry && !g.engaged && !g.continued ? 1 : 0;
  } else {
    // A follow-up takes back the exit an earlier beacon reported when the visitor continued since,
    // and the bounce when the visit engaged since (continued, or an interactive event).
    m.exits = g.continued ? -1 : 0;
    m.bounces = entry && g.engaged ? -1 : 0;
  }
  return m;
}

/** Collects the daily rows of one event; rows whose metrics are all zero are left out. */
class RowSink {
  readonly rows: DailyRow[] = [];
  constructor(private readonly e: ClassifiedEvent) {}

  add(dimension: Dimension, value: string | null, m: Metrics): void {
    if (value === null || isZero(m)) return;
    const { siteId, day } = this.e;
    this.rows.push({
      siteId,
      day,
      dimension,
      value,
      pageviews: m.pageviews,
      visits: m.visits,
      bounces: m.bounces,
      exits: m.exits,
      engagedMs: m.engagedMs,
      engagements: m.engagements,
      scrollSum: m.scrollSum,
      events: m.events,
    });
  }

  /** The visit-level dimensions that only an entry carries. */
  acquisition(m: Metrics): void {
    const e = this.e;
    this.add('source', e.source, m);
    this.add('referrer', e.referrer, m);
    this.add('utm_source', e.utmSource, m);
    this.add('utm_medium', e.utmMedium, m);
    this.add('utm_campaign', e.utmCampaign, m);
  }

  audience(m: Metrics): void {
    const e = this.e;
    this.add('country', e.country, m);
    this.add('browser', e.browser, m);
    this.add('os', e.os, m);
    this.add('device', e.device, m);
  }
}

const noEngagement: EngagementFacts = {
  visibleMs: 0,
  scrollPct: 0,
  continued: null,
  engaged: false,
  followUp: false,
};

export function toDeltas(e: ClassifiedEvent): EventDeltas {
  const out = new RowSink(e);
  let total: Metrics;

  switch (e.kind) {
    case 'pageview': {
      total = metrics(1, e.entry ? 1 : 0, 0, 0, 0, 0, 0, 0);
      out.add('total', '', total);
      out.add('page', e.path, metrics(1, 0, 0, 0, 0, 0, 0, 0));
      if (e.previous)
        out.add('flow', flowValue(e.previous, e.path), metrics(1, 0, 0, 0, 0, 0, 0, 0));
      if (e.entry) {
        out.add('entry', e.path, total);
        out.acquisition(total);
      }
      out.audience(total);
      break;
    }
    case 'engagement': {
      total = engagementMetrics(e.engagement ?? noEngagement, e.entry);
      out.add('total', '', total);
      out.add('page', e.path, { ...total, bounces: 0 });
      out.add('exit', e.path, metrics(0, 0, 0, total.exits, 0, 0, 0, 0));
      if (e.entry) {
        const bounces = metrics(0, 0, total.bounces, 0, 0, 0, 0, 0);
        out.add('entry', e.path, bounces);
        out.acquisition(bounces);
      }
      out.audience(total);
      break;
    }
    case 'custom': {
      total = metrics(0, 0, 0, 0, 0, 0, 0, 1);
      out.add('total', '', total);
      out.add('event', e.eventName, total);
      for (const [k, v] of e.props) out.add('event_prop', eventPropValue(e.eventName, k, v), total);
      break;
    }
    case 'bot': {
      // Bots are counted apart, under their own dimension, and never reach `total`.
      total = metrics(0, 0, 0, 0, 0, 0, 0, 0);
      out.add(
        'bot',
        e.eventName === 'pageview' ? 'pageview' : 'other',
        metrics(0, 0, 0, 0, 0, 0, 0, 1),
      );
      break;
    }
  }
  const revenue =
    e.kind === 'custom' && e.revenue
      ? {
          siteId: e.siteId,
          day: e.day,
          event: e.eventName,
          currency: e.revenue.currency,
          amount: e.revenue.amount,
          conversions: 1,
        }
      : null;
  return { daily: out.rows, hourly: { siteId: e.siteId, hour: e.hour, ...total }, revenue };
}
