// Resolves a report period into local days (and UTC hours) of the site's timezone. Pure: `nowMs` is passed in.
//
// Decisions (docs/API.md, "Periods"):
// - `7d`, `28d`, `30d`, `91d` are N days ENDING TODAY (today included), as Plausible's query parser
//   does for `7d`; the chart then shows today's traffic as it arrives.
// - `month`, `6mo`, `12mo`, `year` run from the first day of the period to today (not to the end
//   of the month/year: future days are not shown as zeros).
// - The previous period is the same number of days immediately before; "last year" is the same
//   dates one year earlier (Feb 29 → Feb 28).
// - Hours: hourly_counters holds UTC hours. A UTC hour is shown in the local hour in which it
//   STARTS. In a :30 or :45 zone (Asia/Kolkata) every local hour bucket therefore covers
//   HH:30–HH+1:30 local; counters cannot be split. On a DST "fall back" day two UTC hours start in
//   the same local hour and are summed into it (the day has 24 buckets, one holding two hours); on
//   a "spring forward" day the skipped local hour has no bucket (23 buckets).
import {
  addDays,
  addHours,
  addMonths,
  daysBetween,
  hourKeyToMs,
  isDay,
  localDateTime,
  monthStart,
  startOfLocalDay,
  utcHourKey,
} from './calendar.js';
import { ReportInputError } from './errors.js';

export const periods = [
  'today',
  'day',
  'yesterday',
  '24h',
  '7d',
  '28d',
  '30d',
  '91d',
  'month',
  'last_month',
  '6mo',
  '12mo',
  'year',
  'all',
  'custom',
] as const;
export type Period = (typeof periods)[number];

export interface DayRange {
  fromDay: string;
  toDay: string;
}

export interface HourSpan {
  /** First and last UTC hour (YYYY-MM-DDTHH), both included. */
  fromHour: string;
  toHour: string;
}

export interface Span extends DayRange {
  /** Set for `24h`: the range is a span of UTC hours rather than whole local days. */
  hours?: HourSpan;
}

export interface ResolvedRange extends Span {
  period: Period;
  timezone: string;
  /** Local days in the range. */
  days: number;
  previous: Span;
  lastYear: Span;
}

export interface DateRangeOptions {
  period: Period;
  timezone: string;
  nowMs: number;
  /** Custom range: YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
  /** First local day with data, for `all` (defaults to today). */
  firstDay?: string;
}

/** Longest custom range: ten years of days. */
export const maxRangeDays = 3661;

const lastDays = (today: string, n: number): DayRange => ({
  fromDay: addDays(today, -(n - 1)),
  toDay: today,
});

function baseRange(o: DateRangeOptions, today: string): Span {
  switch (o.period) {
    case 'today':
    case 'day':
      return { fromDay: today, toDay: today };
    case 'yesterday':
      return { fromDay: addDays(today, -1), toDay: addDays(today, -1) };
    case '24h': {
      const toHour = utcHourKey(o.nowMs);
      const fromHour = addHours(toHour, -23);
      const fromDay = localDateTime(o.timezone, hourKeyToMs(fromHour)).slice(0, 10);
      return { fromDay, toDay: today, hours: { fromHour, toHour } };
    }
    case '7d':
      return lastDays(today, 7);
    case '28d':
      return lastDays(today, 28);
    case '30d':
      return lastDays(today, 30);
    case '91d':
      return lastDays(today, 91);
    case 'month':
      return { fromDay: monthStart(today), toDay: today };
    case 'last_month': {
      const first = addMonths(monthStart(today), -1);
      return { fromDay: first, toDay: addDays(monthStart(today), -1) };
    }
    case '6mo':
      return { fromDay: addMonths(monthStart(today), -5), toDay: today };
    case '12mo':
      return { fromDay: addMonths(monthStart(today), -11), toDay: today };
    case 'year':
      return { fromDay: `${today.slice(0, 4)}-01-01`, toDay: today };
    case 'all':
      return { fromDay: o.firstDay && o.firstDay < today ? o.firstDay : today, toDay: today };
    case 'custom':
      return customRange(o.from, o.to);
  }
}

function customRange(from: string | undefined, to: string | undefined): DayRange {
  if (from === undefined || !isDay(from)) {
    throw new ReportInputError('from', 'from must be a date YYYY-MM-DD when period=custom');
  }
  if (to === undefined || !isDay(to)) {
    throw new ReportInputError('to', 'to must be a date YYYY-MM-DD when period=custom');
  }
  if (to < from) throw new ReportInputError('to', 'to must not be before from');
  if (daysBetween(from, to) + 1 > maxRangeDays) {
    throw new ReportInputError('to', `a custom range spans at most ${maxRangeDays} days`);
  }
  return { fromDay: from, toDay: to };
}

function shiftHours(h: HourSpan, hours: number): HourSpan {
  return { fromHour: addHours(h.fromHour, hours), toHour: addHours(h.toHour, hours) };
}

function previousOf(r: Span, days: number): Span {
  if (r.hours) {
    const h = shiftHours(r.hours, -24);
    return { fromDay: addDays(r.fromDay, -1), toDay: addDays(r.toDay, -1), hours: h };
  }
  return { fromDay: addDays(r.fromDay, -days), toDay: addDays(r.fromDay, -1) };
}

function lastYearOf(r: Span): Span {
  const fromDay = addMonths(r.fromDay, -12);
  const toDay = addMonths(r.toDay, -12);
  if (!r.hours) return { fromDay, toDay };
  return { fromDay, toDay, hours: shiftHours(r.hours, -24 * daysBetween(toDay, r.toDay)) };
}

export function resolveDateRange(o: DateRangeOptions): ResolvedRange {
  const today = localDateTime(o.timezone, o.nowMs).slice(0, 10);
  const base = baseRange(o, today);
  const days = daysBetween(base.fromDay, base.toDay) + 1;
  return {
    ...base,
    period: o.period,
    timezone: o.timezone,
    days,
    previous: previousOf(base, days),
    lastYear: lastYearOf(base),
  };
}

/** The UTC hours whose start lies in local day `day` (see the rule at the top of this file). */
export function utcHoursOfLocalDays(timezone: string, fromDay: string, toDay: string): HourSpan {
  const HOUR = 3_600_000;
  const start = startOfLocalDay(timezone, fromDay);
  const end = startOfLocalDay(timezone, addDays(toDay, 1));
  return {
    fromHour: utcHourKey(Math.ceil(start / HOUR) * HOUR),
    toHour: utcHourKey((Math.ceil(end / HOUR) - 1) * HOUR),
  };
}

/** The hour span a range's hourly series covers. */
export const hourSpanOf = (timezone: string, span: Span): HourSpan =>
  span.hours ?? utcHoursOfLocalDays(timezone, span.fromDay, span.toDay);

export interface LocalHourBucket {
  /** Local hour, YYYY-MM-DDTHH. */
  label: string;
  /** UTC hours summed into it (two on a fall-back hour). */
  hours: string[];
}

/** Groups UTC hours by the local hour in which each starts, in time order. */
export function localHourBuckets(timezone: string, span: HourSpan): LocalHourBucket[] {
  const out: LocalHourBucket[] = [];
  for (let h = span.fromHour; h <= span.toHour; h = addHours(h, 1)) {
    const label = localDateTime(timezone, hourKeyToMs(h)).slice(0, 13);
    const last = out[out.length - 1];
    if (last && last.label === label) last.hours.push(h);
    else out.push({ label, hours: [h] });
  }
  return out;
}
