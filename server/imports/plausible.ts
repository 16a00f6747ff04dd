// Pure: Plausible's CSV export (one file per table, `imported_<table>_<from>_<to>.csv`, columns by
// header name) mapped to Pomelo's counters, and back (exports). docs/METRICS.md, "Imported data",
// states how each figure relates to Pomelo's own: Plausible's `visitors` (unique visitors) has no
// Pomelo counterpart and is read but not stored; `visit_duration` (seconds, summed over visits)
// becomes engaged time with one engagement per visit.
import type { DailyRow, Dimension } from '../counters/types.js';
import { eventPropValue } from '../counters/deltas.js';
import type { Accumulator } from './accumulator.js';
import { count, optionalCount, text, type Where } from './cells.js';
import { ImportError } from './errors.js';

export type Row = Record<string, string>;

export interface PlausibleTable {
  name: string;
  required: readonly string[];
  optional: readonly string[];
  /** Adds one CSV row (its day already read and checked) to the accumulator. */
  add(r: Row, day: string, acc: Accumulator, at: Where, site: SiteFacts): void;
}

export interface SiteFacts {
  domain: string;
}

const metricCols = ['visitors', 'visits', 'visit_duration', 'bounces'];

/** Plausible's "no value" spellings. */
const unset = (v: string) => v === '' || v === '(not set)' || v === '(none)';
const orUnknown = (v: string) => (unset(v) ? '(unknown)' : v);

/** Visit-level metrics of a breakdown row: visits, bounces, pageviews (when the column exists). */
function visitMetrics(r: Row, at: Where) {
  return {
    visits: count(r.visits, 'visits', at),
    bounces: count(r.bounces, 'bounces', at),
    pageviews: optionalCount(r.pageviews, 'pageviews', at),
  };
}

/** A referrer as Pomelo keeps it: the host alone, without `www.`. */
export function referrerHost(raw: string): string | null {
  const v = raw.trim();
  if (v === '') return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`).hostname;
    return text(host.replace(/^www\./, '')) || null;
  } catch {
    return null;
  }
}

/** Plausible's device names (Desktop, Laptop, Tablet, Mobile) in Pomelo's lower case. */
function deviceValue(v: string): string {
  const d = v.toLowerCase();
  return d === 'desktop' || d === 'laptop' || d === 'tablet' || d === 'mobile' ? d : '(unknown)';
}

function countryValue(v: string): string {
  const c = v.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(c) && c !== 'ZZ' && c !== 'XX' ? c : '(unknown)';
}

/** Direct traffic: Plausible writes it as an empty source or "Direct / None". */
function sourceValue(v: string): string {
  return unset(v) || v === 'Direct / None' ? '(direct)' : v;
}

/** A host of the site: its domain or a subdomain of it (www., blog.). */
function isSiteHost(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase();
  return h === d || h.endsWith(`.${d}`) || d.endsWith(`.${h}`);
}

export const plausibleTables: readonly PlausibleTable[] = [
  {
    name: 'imported_visitors',
    required: ['date', 'visitors', 'pageviews', 'bounces', 'visits', 'visit_duration'],
    optional: [],
    add(r, day, acc, at) {
      const visits = count(r.visits, 'visits', at);
      acc.addDaily(day, 'total', '', {
        pageviews: count(r.pageviews, 'pageviews', at),
        visits,
        bounces: count(r.bounces, 'bounces', at),
        engagedMs: 1000 * count(r.visit_duration, 'visit_duration', at),
        engagements: visits,
      });
      count(r.visitors, 'visitors', at);
    },
  },
  {
    name: 'imported_sources',
    required: ['date', 'source', ...metricCols],
    optional: [
      'referrer',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_content',
      'utm_term',
      'pageviews',
    ],
    add(r, day, acc, at) {
      const m = visitMetrics(r, at);
      count(r.visitors, 'visitors', at);
      count(r.visit_duration, 'visit_duration', at);
      acc.addDaily(day, 'source', text(sourceValue(r.source ?? '')) || '(direct)', m);
      const ref = referrerHost(r.referrer ?? '');
      if (ref) acc.addDaily(day, 'referrer', ref, m);
      for (const dim of ['utm_source', 'utm_medium', 'utm_campaign'] as const) {
        const v = text(r[dim]);
        if (v !== '') acc.addDaily(day, dim, v, m);
      }
    },
  },
  {
    name: 'imported_pages',
    required: ['date', 'page', 'visitors', 'pageviews'],
    optional: [
      'hostname',
      'visits',
      'exits',
      'time_on_page',
      'scroll_depth',
      'pageleave_visitors',
      'total_scroll_depth',
      'total_scroll_depth_visits',
      'total_time_on_page',
      'total_time_on_page_visits',
    ],
    add(r, day, acc, at, site) {
      const host = (r.hostname ?? '').trim();
      if (host !== '' && !isSiteHost(host, site.domain)) {
        throw new ImportError('other_site', at.file, at.line, 'otherHostname', {
          host: JSON.stringify(host.slice(0, 100)),
          domain: site.domain,
        });
      }
      count(r.visitors, 'visitors', at);
      optionalCount(r.visits, 'visits', at);
      const seconds =
        optionalCount(r.total_time_on_page, 'total_time_on_page', at) ||
        optionalCount(r.time_on_page, 'time_on_page', at);
      acc.addDaily(day, 'page', text(r.page) || '/', {
        pageviews: count(r.pageviews, 'pageviews', at),
        exits: optionalCount(r.exits, 'exits', at),
        engagedMs: 1000 * seconds,
        engagements:
          optionalCount(r.total_time_on_page_visits, 'total_time_on_page_visits', at) ||
          optionalCount(r.pageleave_visitors, 'pageleave_visitors', at),
        scrollSum:
          optionalCount(r.total_scroll_depth, 'total_scroll_depth', at) ||
          optionalCount(r.scroll_depth, 'scroll_depth', at),
      });
      optionalCount(r.total_scroll_depth_visits, 'total_scroll_depth_visits', at);
    },
  },
  {
    name: 'imported_entry_pages',
    required: ['date', 'entry_page', 'visitors', 'entrances', 'visit_duration', 'bounces'],
    optional: ['pageviews'],
    add(r, day, acc, at) {
      count(r.visitors, 'visitors', at);
      count(r.visit_duration, 'visit_duration', at);
      acc.addDaily(day, 'entry', text(r.entry_page) || '/', {
        visits: count(r.entrances, 'entrances', at),
        bounces: count(r.bounces, 'bounces', at),
        pageviews: optionalCount(r.pageviews, 'pageviews', at),
      });
    },
  },
  {
    name: 'imported_exit_pages',
    required: ['date', 'exit_page', 'visitors', 'exits'],
    optional: ['visit_duration', 'bounces', 'pageviews'],
    add(r, day, acc, at) {
      count(r.visitors, 'visitors', at);
      optionalCount(r.visit_duration, 'visit_duration', at);
      optionalCount(r.bounces, 'bounces', at);
      optionalCount(r.pageviews, 'pageviews', at);
      acc.addDaily(day, 'exit', text(r.exit_page) || '/', { exits: count(r.exits, 'exits', at) });
    },
  },
  {
    name: 'imported_locations',
    required: ['date', 'country', ...metricCols],
    optional: ['region', 'city', 'pageviews'],
    add(r, day, acc, at) {
      count(r.visitors, 'visitors', at);
      count(r.visit_duration, 'visit_duration', at);
      optionalCount(r.city, 'city', at, Number.MAX_SAFE_INTEGER);
      acc.addDaily(day, 'country', countryValue(r.country ?? ''), visitMetrics(r, at));
    },
  },
  {
    name: 'imported_devices',
    required: ['date', 'device', ...metricCols],
    optional: ['pageviews'],
    add(r, day, acc, at) {
      count(r.visitors, 'visitors', at);
      count(r.visit_duration, 'visit_duration', at);
      acc.addDaily(day, 'device', deviceValue(r.device ?? ''), visitMetrics(r, at));
    },
  },
  {
    name: 'imported_browsers',
    required: ['date', 'browser', ...metricCols],
    optional: ['browser_version', 'pageviews'],
    add(r, day, acc, at) {
      count(r.visitors, 'visitors', at);
      count(r.visit_duration, 'visit_duration', at);
      acc.addDaily(day, 'browser', text(orUnknown(r.browser ?? '')), visitMetrics(r, at));
    },
  },
  {
    name: 'imported_operating_systems',
    required: ['date', 'operating_system', ...metricCols],
    optional: ['operating_system_version', 'pageviews'],
    add(r, day, acc, at) {
      count(r.visitors, 'visitors', at);
      count(r.visit_duration, 'visit_duration', at);
      acc.addDaily(day, 'os', text(orUnknown(r.operating_system ?? '')), visitMetrics(r, at));
    },
  },
  {
    name: 'imported_custom_events',
    required: ['date', 'name', 'visitors', 'events'],
    optional: ['link_url', 'path'],
    add(r, day, acc, at) {
      count(r.visitors, 'visitors', at);
      const name = text(r.name);
      if (name === '') throw new ImportError('bad_value', at.file, at.line, 'eventNameEmpty');
      const events = count(r.events, 'events', at);
      acc.addDaily(day, 'total', '', { events });
      acc.addDaily(day, 'event', name, { events });
      const url = text(r.link_url);
      if (url !== '') acc.addDaily(day, 'event_prop', eventPropValue(name, 'url', url), { events });
      const path = text(r.path);
      if (path !== '')
        acc.addDaily(day, 'event_prop', eventPropValue(name, 'path', path), { events });
    },
  },
];

/** `imported_pages_20240101_20240131.csv` (a folder inside the ZIP is allowed) → its table. */
export function plausibleTableOf(entryName: string): PlausibleTable | null {
  const base = entryName.split('/').pop() ?? '';
  const m = /^(imported_[a-z_]+?)(?:_\d{8}_\d{8})?\.csv$/.exec(base);
  return (m && plausibleTables.find((t) => t.name === m[1])) ?? null;
}

// ---- export: Pomelo's counters as Plausible's import files --------------------------------------

export interface PlausibleExportFile {
  table: string;
  /** The Pomelo dimension read for it. */
  dimension: Dimension;
  header: string[];
  row(r: DailyRow, domain: string): (string | number)[];
}

const secs = (ms: number) => Math.round(ms / 1000);
const capitalised = (v: string) =>
  v.startsWith('(') ? '' : v.charAt(0).toUpperCase() + v.slice(1);
const plain = (v: string) => (v.startsWith('(') ? '' : v);
const visitCols = ['visitors', 'visits', 'visit_duration', 'bounces', 'pageviews'];
const visitValues = (r: DailyRow) => [
  r.visits,
  r.visits,
  secs(r.engagedMs),
  r.bounces,
  r.pageviews,
];

/** What each Plausible file is written from (docs/METRICS.md lists what is approximate). */
export const plausibleExportFiles: readonly PlausibleExportFile[] = [
  {
    table: 'imported_visitors',
    dimension: 'total',
    header: ['date', 'visitors', 'pageviews', 'bounces', 'visits', 'visit_duration'],
    row: (r) => [r.day, r.visits, r.pageviews, r.bounces, r.visits, secs(r.engagedMs)],
  },
  {
    table: 'imported_sources',
    dimension: 'source',
    header: [
      'date',
      'source',
      'referrer',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_content',
      'utm_term',
      'pageviews',
      'visitors',
      'visits',
      'visit_duration',
      'bounces',
    ],
    row: (r) => [
      r.day,
      r.value === '(direct)' ? '' : r.value,
      '',
      '',
      '',
      '',
      '',
      '',
      r.pageviews,
      r.visits,
      r.visits,
      0,
      r.bounces,
    ],
  },
  {
    table: 'imported_pages',
    dimension: 'page',
    header: [
      'date',
      'hostname',
      'page',
      'visits',
      'visitors',
      'pageviews',
      'exits',
      'total_time_on_page',
      'total_time_on_page_visits',
      'total_scroll_depth',
    ],
    row: (r, domain) => [
      r.day,
      domain,
      r.value,
      r.pageviews,
      r.pageviews,
      r.pageviews,
      r.exits,
      secs(r.engagedMs),
      r.engagements,
      r.scrollSum,
    ],
  },
  {
    table: 'imported_entry_pages',
    dimension: 'entry',
    header: [
      'date',
      'entry_page',
      'visitors',
      'entrances',
      'visit_duration',
      'bounces',
      'pageviews',
    ],
    row: (r) => [r.day, r.value, r.visits, r.visits, secs(r.engagedMs), r.bounces, r.pageviews],
  },
  {
    table: 'imported_exit_pages',
    dimension: 'exit',
    header: ['date', 'exit_page', 'visitors', 'exits'],
    row: (r) => [r.day, r.value, r.exits, r.exits],
  },
  {
    table: 'imported_locations',
    dimension: 'country',
    header: ['date', 'country', 'region', 'city', ...visitCols],
    row: (r) => [r.day, plain(r.value), '', 0, ...visitValues(r)],
  },
  {
    table: 'imported_devices',
    dimension: 'device',
    header: ['date', 'device', ...visitCols],
    row: (r) => [r.day, capitalised(r.value), ...visitValues(r)],
  },
  {
    table: 'imported_browsers',
    dimension: 'browser',
    header: ['date', 'browser', 'browser_version', ...visitCols],
    row: (r) => [r.day, plain(r.value), '', ...visitValues(r)],
  },
  {
    table: 'imported_operating_systems',
    dimension: 'os',
    header: ['date', 'operating_system', 'operating_system_version', ...visitCols],
    row: (r) => [r.day, plain(r.value), '', ...visitValues(r)],
  },
  {
    table: 'imported_custom_events',
    dimension: 'event',
    header: ['date', 'name', 'link_url', 'path', 'visitors', 'events'],
    row: (r) => [r.day, r.value, '', '', r.events, r.events],
  },
];
