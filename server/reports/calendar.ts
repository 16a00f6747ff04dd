// Pure calendar arithmetic on YYYY-MM-DD days and timezone offsets; no clock (instants are passed in).

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A real calendar day YYYY-MM-DD ("2025-13-01" is an Invalid Date, whose toISOString throws). */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

const toMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => fromMs(toMs(day) + n * DAY_MS);

/** Whole days from `from` to `to` (0 when equal). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((toMs(to) - toMs(from)) / DAY_MS);

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

/** The same day-of-month `n` months away, clamped to the month's last day (Mar 31 − 1 → Feb 28/29). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return fromMs(first.getTime());
}

/** Monday of the ISO week holding `day`. */
export function weekStart(day: string): string {
  const dow = (new Date(toMs(day)).getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timezone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timezone, f);
  }
  return f;
}

/** Local wall-clock time of an instant as YYYY-MM-DDTHH:MM:SS. */
export function localDateTime(timezone: string, ms: number): string {
  const p: Record<string, string> = {};
  for (const { type, value } of partsFormatter(timezone).formatToParts(ms)) p[type] = value;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** Offset of `timezone` from UTC at instant `ms`, in minutes (Paris in summer → 120). */
export function offsetMinutes(timezone: string, ms: number): number {
  const wall = Date.parse(`${localDateTime(timezone, ms)}Z`);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The first instant of local day `day` in `timezone`. Where midnight does not exist (a DST gap at
 * 00:00), this is the first instant after the gap.
 */
export function startOfLocalDay(timezone: string, day: string): number {
  const wall = toMs(day);
  let guess = wall - offsetMinutes(timezone, wall) * 60_000;
  const second = wall - offsetMinutes(timezone, guess) * 60_000;
  if (second !== guess) guess = Math.min(guess, second);
  // In a gap the guess lands before midnight-that-never-was: step to the day itself.
  while (localDateTime(timezone, guess).slice(0, 10) < day) guess += 15 * 60_000;
  return guess;
}

/** UTC hour key (YYYY-MM-DDTHH) of an instant, as hourly_counters stores it. */
export const utcHourKey = (ms: number): string => new Date(ms).toISOString().slice(0, 13);
export const hourKeyToMs = (hour: string): number => Date.parse(`${hour}:00:00Z`);
export const addHours = (hour: string, n: number): string =>
  utcHourKey(hourKeyToMs(hour) + n * HOUR_MS);

/** ISO-8601 offset string for minutes (330 → "+05:30"). */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}
