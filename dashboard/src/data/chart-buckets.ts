// Which chart bucket holds a moment: the current, still incomplete bucket (drawn dashed) and the
// buckets of annotations (markers). Pure: "now" is passed in, the site's timezone applied by Intl.
import type { Interval } from './series.js';

const dayMs = 86_400_000;

/** `YYYY-MM-DDTHH` for an instant in a timezone (the chart's buckets are local to the site). */
export function localHour(nowMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(nowMs));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}`;
}

const dayOf = (s: string) => Date.parse(`${s.slice(0, 10)}T00:00:00Z`);

/**
 * The index of the bucket (dates as the API gives them: `YYYY-MM-DDTHH:00`, a day, a week's
 * Monday or a month's 1st) that holds `moment` (`YYYY-MM-DD` or `YYYY-MM-DDTHH`), or null.
 */
export function bucketIndexOf(dates: string[], interval: Interval, moment: string): number | null {
  const i = dates.findIndex((d) => {
    switch (interval) {
      case 'hour':
        return moment.length > 10 ? d.slice(0, 13) === moment.slice(0, 13) : d.startsWith(moment);
      case 'day':
        return d.slice(0, 10) === moment.slice(0, 10);
      case 'week': {
        const start = dayOf(d);
        const m = dayOf(moment);
        return m >= start && m < start + 7 * dayMs;
      }
      case 'month':
        return d.slice(0, 7) === moment.slice(0, 7);
    }
  });
  return i === -1 ? null : i;
}

/** The bucket still filling up now (null when the range ended before now). */
export function incompleteBucket(
  dates: string[],
  interval: Interval,
  nowMs: number,
  timeZone: string,
): number | null {
  return bucketIndexOf(dates, interval, localHour(nowMs, timeZone));
}

/** Annotations (a day and a text) as markers on the buckets holding their day. */
export function markersFor(
  notes: { day: string; text: string }[],
  dates: string[],
  interval: Interval,
): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  for (const n of notes) {
    const index = bucketIndexOf(dates, interval, n.day);
    if (index !== null) out.push({ index, text: n.text });
  }
  return out;
}
