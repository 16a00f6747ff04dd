// Pure: Pomelo's own export format (docs/API.md, "Exports"): a ZIP holding `pomelo.json` (what it
// is, of which site, in which timezone, which days) and three CSV files with every counter column:
// daily_counters.csv, hourly_counters.csv, revenue_counters.csv. Imported back, they give the same
// counters row for row.
import { dimensions, type DailyRow, type HourlyRow, type RevenueRow } from '../counters/types.js';
import { FLOW_SEPARATOR } from '../counters/deltas.js';
import type { Accumulator } from './accumulator.js';
import { count, day as readDay, MAX_BIG, text, type Where } from './cells.js';
import { ImportError } from './errors.js';

export const POMELO_FORMAT = 'pomelo-counters';
export const POMELO_VERSION = 1;

export interface PomeloManifest {
  format: typeof POMELO_FORMAT;
  version: number;
  domain: string;
  timezone: string;
  /** Days exported (site's timezone), both included; null for a site without counters. */
  from: string | null;
  to: string | null;
  exportedAt: string;
}

const metricHeader = [
  'pageviews',
  'visits',
  'bounces',
  'exits',
  'engaged_ms',
  'engagements',
  'scroll_sum',
  'events',
];

export const pomeloFiles = {
  daily: { name: 'daily_counters.csv', header: ['day', 'dimension', 'value', ...metricHeader] },
  hourly: { name: 'hourly_counters.csv', header: ['hour', ...metricHeader] },
  revenue: {
    name: 'revenue_counters.csv',
    header: ['day', 'event', 'currency', 'amount', 'conversions'],
  },
} as const;
export const MANIFEST = 'pomelo.json';

const metricsOf = (r: DailyRow | HourlyRow) => [
  r.pageviews,
  r.visits,
  r.bounces,
  r.exits,
  r.engagedMs,
  r.engagements,
  r.scrollSum,
  r.events,
];

export const dailyCells = (r: DailyRow) => [r.day, r.dimension, r.value, ...metricsOf(r)];
export const hourlyCells = (r: HourlyRow) => [r.hour, ...metricsOf(r)];
export const revenueCells = (r: RevenueRow) => [
  r.day,
  r.event,
  r.currency,
  r.amount,
  r.conversions,
];

/** The manifest's fields; `where` names it in a refusal (the upload's name and the entry's). */
export function readManifest(raw: string, where: string = MANIFEST): PomeloManifest {
  let m: unknown;
  try {
    m = JSON.parse(raw);
  } catch {
    throw new ImportError('bad_manifest', where, null, 'manifestNotJson');
  }
  const o = m as Partial<PomeloManifest>;
  if (!o || typeof o !== 'object' || o.format !== POMELO_FORMAT) {
    throw new ImportError('bad_manifest', where, null, 'manifestFormat', {
      format: POMELO_FORMAT,
    });
  }
  if (o.version !== POMELO_VERSION) {
    throw new ImportError('bad_manifest', where, null, 'manifestVersion', {
      version: String(o.version),
    });
  }
  if (typeof o.domain !== 'string' || typeof o.timezone !== 'string') {
    throw new ImportError('bad_manifest', where, null, 'manifestFields');
  }
  return o as PomeloManifest;
}

const metricsFrom = (cells: string[], at: Where) => {
  const n = (i: number, big = false) =>
    count(cells[i], metricHeader[i]!, at, big ? MAX_BIG : undefined);
  return {
    pageviews: n(0),
    visits: n(1),
    bounces: n(2),
    exits: n(3),
    engagedMs: n(4, true),
    engagements: n(5),
    scrollSum: n(6),
    events: n(7),
  };
};

const knownDimensions = new Set<string>(dimensions);

export function addPomeloDaily(cells: string[], acc: Accumulator, at: Where, today: string) {
  const d = readDay(cells[0], 'day', at, today);
  const dimension = cells[1] ?? '';
  if (!knownDimensions.has(dimension)) {
    throw new ImportError('bad_value', at.file, at.line, 'unknownDimension', {
      value: JSON.stringify(dimension.slice(0, 40)),
    });
  }
  const value = cells[2] ?? '';
  // Values were sanitised when first counted; an edited file must not bring in what ingestion refuses.
  // (A flow value is two paths joined by a newline: each part is checked.)
  if (
    value.split(dimension === 'flow' ? FLOW_SEPARATOR : /(?!)/).some((part) => text(part) !== part)
  ) {
    throw new ImportError('bad_value', at.file, at.line, 'valueCharacters');
  }
  acc.addDaily(d, dimension as DailyRow['dimension'], value, metricsFrom(cells.slice(3), at));
}

export function addPomeloHourly(cells: string[], acc: Accumulator, at: Where, today: string) {
  const hour = cells[0] ?? '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}$/.test(hour) || Number.isNaN(Date.parse(`${hour}:00:00Z`))) {
    throw new ImportError('bad_date', at.file, at.line, 'notHour', {
      value: JSON.stringify(hour.slice(0, 20)),
    });
  }
  // The UTC hour may be a day past the site's local today (east of UTC): allow one day.
  readDay(hour.slice(0, 10), 'hour', at, nextDay(today));
  acc.addHourly(hour, metricsFrom(cells.slice(1), at));
}

export function addPomeloRevenue(cells: string[], acc: Accumulator, at: Where, today: string) {
  const d = readDay(cells[0], 'day', at, today);
  const event = text(cells[1]);
  const currency = cells[2] ?? '';
  if (event === '' || !/^[A-Z]{3}$/.test(currency)) {
    throw new ImportError('bad_value', at.file, at.line, 'revenueFields');
  }
  acc.addRevenue(
    d,
    event,
    currency,
    count(cells[3], 'amount', at, MAX_BIG),
    count(cells[4], 'conversions', at),
  );
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
