// Pure: GoatCounter's CSV export (format version 2: one row per pageview or event) aggregated into
// Pomelo's daily counters in the site's timezone and its UTC hourly counters, by the same rules as
// ingestion (counters/deltas.ts): a row with FirstVisit is a visit's entry and carries the visit's
// source, referrer and campaign; every pageview carries country, browser, OS and device.
import { classifyReferrer } from '../classify/referrer.js';
import { deviceClass } from '../classify/device.js';
import { localDay } from '../counters/time.js';
import type { Accumulator } from './accumulator.js';
import { inRange, text, type Where } from './cells.js';
import { ImportError } from './errors.js';

// The format version is written into the first header cell: "2Path" (GoatCounter's export.go).
export const goatcounterHeader = [
  '2Path',
  'Title',
  'Event',
  'UserAgent',
  'Browser',
  'System',
  'Session',
  'Bot',
  'Referrer',
  'Referrer scheme',
  'Screen size',
  'Location',
  'FirstVisit',
  'Date',
] as const;

export function checkGoatcounterHeader(header: string[], file: string): void {
  const version = /^(\d+)Path$/.exec(header[0] ?? '');
  if (!version) {
    throw new ImportError('bad_columns', file, 1, 'notGoatcounter');
  }
  if (version[1] !== '2') {
    throw new ImportError('bad_columns', file, 1, 'goatcounterVersion', {
      version: String(version[1]),
    });
  }
  const expected = goatcounterHeader.join(',');
  if (header.join(',') !== expected) {
    throw new ImportError('bad_columns', file, 1, 'columnsExactly', {
      columns: expected,
    });
  }
}

const boolean = (v: string, column: string, at: Where): boolean => {
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0' || v === '') return false;
  throw new ImportError('bad_value', at.file, at.line, 'notBoolean', { column });
};

/** "Firefox 68.0" → "Firefox"; empty → (unknown). */
const family = (v: string) => text(v.replace(/\s+[\d.]+$/, '')) || '(unknown)';

export interface GoatcounterContext {
  timezone: string;
  domain: string;
  today: string;
}

/** Returns 'bot' for rows GoatCounter flagged as bots (counted apart, as ingestion does). */
export function addGoatcounterRow(
  cells: string[],
  acc: Accumulator,
  at: Where,
  ctx: GoatcounterContext,
): 'pageview' | 'event' | 'bot' {
  const [
    path = '',
    ,
    eventCell = '',
    ,
    browser = '',
    system = '',
    ,
    bot = '',
    referrer = '',
    scheme = '',
    screen = '',
    location = '',
    firstVisit = '',
    date = '',
  ] = cells;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(date) || Number.isNaN(Date.parse(date))) {
    throw new ImportError('bad_date', at.file, at.line, 'notRfc3339', {
      value: JSON.stringify(date.slice(0, 40)),
    });
  }
  const ms = Date.parse(date);
  const day = inRange(localDay(ctx.timezone, ms), 'Date', at, ctx.today);
  const hour = new Date(ms).toISOString().slice(0, 13);
  const isEvent = boolean(eventCell, 'Event', at);
  const entry = boolean(firstVisit, 'FirstVisit', at);
  if (!/^\d*$/.test(bot)) throw new ImportError('bad_value', at.file, at.line, 'botNotNumber');
  if (bot !== '' && bot !== '0') {
    acc.addDaily(day, 'bot', isEvent ? 'other' : 'pageview', { events: 1 });
    return 'bot';
  }
  const name = text(path);
  if (isEvent) {
    if (name === '') throw new ImportError('bad_value', at.file, at.line, 'eventPathEmpty');
    acc.addDaily(day, 'total', '', { events: 1 });
    acc.addDaily(day, 'event', name, { events: 1 });
    acc.addHourly(hour, { events: 1 });
    return 'event';
  }
  const page = name || '/';
  const total = { pageviews: 1, visits: entry ? 1 : 0 };
  acc.addDaily(day, 'total', '', total);
  acc.addHourly(hour, total);
  acc.addDaily(day, 'page', page, { pageviews: 1 });
  if (entry) {
    acc.addDaily(day, 'entry', page, total);
    // Scheme "g": a generated referrer (a campaign parameter), not a page address.
    const r =
      scheme === 'g'
        ? classifyReferrer(null, ctx.domain, referrer)
        : classifyReferrer(
            referrer === '' || /^[a-z]+:\/\//i.test(referrer) ? referrer : `https://${referrer}`,
            ctx.domain,
          );
    acc.addDaily(day, 'source', r.source, total);
    if (r.referrer) acc.addDaily(day, 'referrer', r.referrer, total);
  }
  const loc = location.trim().slice(0, 2).toUpperCase();
  acc.addDaily(day, 'country', /^[A-Z]{2}$/.test(loc) ? loc : '(unknown)', total);
  acc.addDaily(day, 'browser', family(browser), total);
  acc.addDaily(day, 'os', family(system), total);
  const width = Number(screen.split(',')[0]);
  acc.addDaily(
    day,
    'device',
    screen.trim() === '' || !(width > 0) ? '(unknown)' : deviceClass(width, 'desktop'),
    total,
  );
  return 'pageview';
}
