// Calendar keys for counters: the day in a site's timezone and the UTC hour. Pure: `now` is passed in.

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
// The local day changes at most once per minute boundary, so one format per (tz, minute) suffices.
const dayCache = new Map<string, { minute: number; day: string }>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = dayFormatters.get(timezone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timezone, f);
  }
  return f;
}

/** YYYY-MM-DD of `nowMs` in `timezone` (an IANA name already validated when the site was made). */
export function localDay(timezone: string, nowMs: number): string {
  const minute = Math.floor(nowMs / 60_000);
  const cached = dayCache.get(timezone);
  if (cached && cached.minute === minute) return cached.day;
  const day = formatterFor(timezone).format(nowMs);
  dayCache.set(timezone, { minute, day });
  return day;
}

let hourCache = { hour: NaN, key: '' };

/** YYYY-MM-DDTHH of `nowMs` in UTC (formatted once per hour: it is asked for on every event). */
export function utcHour(nowMs: number): string {
  const hour = Math.floor(nowMs / 3_600_000);
  if (hour !== hourCache.hour) {
    hourCache = { hour, key: new Date(hour * 3_600_000).toISOString().slice(0, 13) };
  }
  return hourCache.key;
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
