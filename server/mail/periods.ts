// Report periods in the site's timezone (pure: instants are passed in). A weekly report covers Monday
// to Sunday and is due on the next Monday at the site's hour; a monthly one covers a calendar month
// and is due on the 1st at that hour. After downtime, every period due since a recipient's last
// report is planned once (at most `catchUp` of each kind), oldest first: a node down for three weeks
// sends the three missed weekly reports, each once, never one per missed tick (docs/DEPLOY.md, "Mail").
import {
  addDays,
  addMonths,
  isDay,
  localDateTime,
  monthStart,
  offsetMinutes,
  weekStart,
} from '../reports/calendar.js';
import type { Span } from '../reports/date-range.js';

export type ReportKind = 'weekly' | 'monthly';

export interface ReportPeriod {
  kind: ReportKind;
  /** The send-log key: the Monday (weekly) or YYYY-MM (monthly). */
  key: string;
  fromDay: string;
  toDay: string;
  /** The period compared against: the week before, or the calendar month before. */
  previous: Span;
}

const HOUR_MS = 3_600_000;

/** The instant at which local day `day` reaches `hour`:00 in `timezone`. */
export function localHourInstant(timezone: string, day: string, hour: number): number {
  const wall = Date.parse(`${day}T00:00:00Z`) + hour * HOUR_MS;
  const first = wall - offsetMinutes(timezone, wall) * 60_000;
  return wall - offsetMinutes(timezone, first) * 60_000;
}

export function weekPeriod(monday: string): ReportPeriod {
  return {
    kind: 'weekly',
    key: monday,
    fromDay: monday,
    toDay: addDays(monday, 6),
    previous: { fromDay: addDays(monday, -7), toDay: addDays(monday, -1) },
  };
}

export function monthPeriod(month: string): ReportPeriod {
  const first = `${month}-01`;
  const next = addMonths(first, 1);
  const before = addMonths(first, -1);
  return {
    kind: 'monthly',
    key: month,
    fromDay: first,
    toDay: addDays(next, -1),
    previous: { fromDay: before, toDay: addDays(first, -1) },
  };
}

/** When a period's report is due: the local day after it ends, at `hour`. */
export function dueAt(period: ReportPeriod, timezone: string, hour: number): number {
  return localHourInstant(timezone, addDays(period.toDay, 1), hour);
}

/** The latest period of `kind` whose report is due at `nowMs`. */
export function latestDue(
  kind: ReportKind,
  timezone: string,
  hour: number,
  nowMs: number,
): ReportPeriod {
  const today = localDateTime(timezone, nowMs).slice(0, 10);
  if (kind === 'weekly') {
    const last = weekPeriod(addDays(weekStart(today), -7));
    return nowMs >= dueAt(last, timezone, hour) ? last : weekPeriod(addDays(last.key, -7));
  }
  const last = monthPeriod(addMonths(monthStart(today), -1).slice(0, 7));
  return nowMs >= dueAt(last, timezone, hour)
    ? last
    : monthPeriod(addMonths(`${last.key}-01`, -1).slice(0, 7));
}

/** Periods of each kind sent after downtime at most: about a month of weeks, a quarter of months. */
export const catchUp: Record<ReportKind, number> = { weekly: 5, monthly: 3 };

/**
 * The periods of `kind` due at `nowMs` and later than `after` (a send-log key; undefined: only the
 * latest due one, so turning reports on does not send a backlog), oldest first, at most `catchUp`.
 */
export function periodsDue(
  kind: ReportKind,
  timezone: string,
  hour: number,
  nowMs: number,
  after: string | undefined,
): ReportPeriod[] {
  const latest = latestDue(kind, timezone, hour, nowMs);
  if (after === undefined || after >= latest.key) return after === latest.key ? [] : [latest];
  const out = [latest];
  while (out.length < catchUp[kind]) {
    const first = out[0]!;
    const earlier =
      kind === 'weekly'
        ? weekPeriod(addDays(first.key, -7))
        : monthPeriod(addMonths(`${first.key}-01`, -1).slice(0, 7));
    if (earlier.key <= after) break;
    out.unshift(earlier);
  }
  return out;
}

/**
 * A period named by a person (CLI, "send a test now"): `last-week`, `last-month` (the last
 * complete week or month in the site's timezone) or a month `YYYY-MM`; undefined when not one.
 */
export function namedPeriod(
  name: string,
  timezone: string,
  nowMs: number,
): ReportPeriod | undefined {
  const today = localDateTime(timezone, nowMs).slice(0, 10);
  if (name === 'last-week') return weekPeriod(addDays(weekStart(today), -7));
  if (name === 'last-month') return monthPeriod(addMonths(monthStart(today), -1).slice(0, 7));
  if (/^\d{4}-\d{2}$/.test(name) && isDay(`${name}-01`)) return monthPeriod(name);
  return undefined;
}

/** The period a send-log row names (kind + key), for a retry; undefined when malformed. */
export function periodOf(kind: string, key: string): ReportPeriod | undefined {
  if (kind === 'weekly' && isDay(key) && weekStart(key) === key) return weekPeriod(key);
  if (kind === 'monthly' && /^\d{4}-\d{2}$/.test(key) && isDay(`${key}-01`)) {
    return monthPeriod(key);
  }
  return undefined;
}
