// Turns one classified event into counter increments (DESIGN.md "How a visit is counted", docs/WIRE.md).
import type { DailyRow, Dimension, HourlyRow, Metrics } from './types.js';
import { isZero, zeroMetrics } from './types.js';

export interface EngagementFacts {
  visibleMs: number;
  scrollPct: number;
  /** null when the sender cannot tell (Plausible's engagement events). */
  continued: boolean | null;
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
}

export interface EventDeltas {
  daily: DailyRow[];
  hourly: HourlyRow;
}

/** JSON keeps the triple unambiguous whatever characters a name, key or value holds. */
export function eventPropValue(name: string, key: string, value: string): string {
  return JSON.stringify([name, key, value]);
}

function pageviewMetrics(e: ClassifiedEvent): Metrics {
  return { ...zeroMetrics(), pageviews: 1, visits: e.entry ? 1 : 0 };
}

function engagementMetrics(g: EngagementFacts, entry: boolean): Metrics {
  const m = { ...zeroMetrics(), engagedMs: g.visibleMs, scrollSum: g.scrollPct };
  if (!g.followUp) m.engagements = 1;
  if (g.continued === null) return m;
  if (!g.followUp) {
    m.exits = g.continued ? 0 : 1;
    m.bounces = entry && !g.continued ? 1 : 0;
  } else if (g.continued) {
    // A follow-up saying "continued" takes back the exit (and bounce) an earlier beacon reported.
    m.exits = -1;
    m.bounces = entry ? -1 : 0;
  }
  return m;
}

/** Counter rows for the visit-level dimensions that only an entry carries. */
function acquisitionRows(e: ClassifiedEvent): [Dimension, string | null][] {
  return [
    ['source', e.source],
    ['referrer', e.referrer],
    ['utm_source', e.utmSource],
    ['utm_medium', e.utmMedium],
    ['utm_campaign', e.utmCampaign],
  ];
}

function audienceRows(e: ClassifiedEvent): [Dimension, string][] {
  return [
    ['country', e.country],
    ['browser', e.browser],
    ['os', e.os],
    ['device', e.device],
  ];
}

export function toDeltas(e: ClassifiedEvent): EventDeltas {
  const rows: DailyRow[] = [];
  const add = (dimension: Dimension, value: string | null, m: Metrics) => {
    if (value === null || isZero(m)) return;
    rows.push({ siteId: e.siteId, day: e.day, dimension, value, ...m });
  };
  let total: Metrics;

  switch (e.kind) {
    case 'pageview': {
      total = pageviewMetrics(e);
      add('total', '', total);
      add('page', e.path, { ...zeroMetrics(), pageviews: 1 });
      if (e.entry) {
        add('entry', e.path, total);
        for (const [d, v] of acquisitionRows(e)) add(d, v, total);
      }
      for (const [d, v] of audienceRows(e)) add(d, v, total);
      break;
    }
    case 'engagement': {
      const g = e.engagement ?? { visibleMs: 0, scrollPct: 0, continued: null, followUp: false };
      total = engagementMetrics(g, e.entry);
      add('total', '', total);
      add('page', e.path, { ...total, bounces: 0 });
      add('exit', e.path, { ...zeroMetrics(), exits: total.exits });
      if (e.entry) {
        add('entry', e.path, { ...zeroMetrics(), bounces: total.bounces });
        for (const [d, v] of acquisitionRows(e))
          add(d, v, { ...zeroMetrics(), bounces: total.bounces });
      }
      for (const [d, v] of audienceRows(e)) add(d, v, total);
      break;
    }
    case 'custom': {
      total = { ...zeroMetrics(), events: 1 };
      add('total', '', total);
      add('event', e.eventName, total);
      for (const [k, v] of e.props) add('event_prop', eventPropValue(e.eventName, k, v), total);
      break;
    }
    case 'bot': {
      // Bots are counted apart, under their own dimension, and never reach `total`.
      total = zeroMetrics();
      add('bot', e.eventName === 'pageview' ? 'pageview' : 'other', { ...total, events: 1 });
      return { daily: rows, hourly: { siteId: e.siteId, hour: e.hour, ...total } };
    }
  }
  return { daily: rows, hourly: { siteId: e.siteId, hour: e.hour, ...total } };
}
