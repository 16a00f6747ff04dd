// Alert rules over hourly totals (pure: hours and `now` are passed in). Hours are UTC keys
// (YYYY-MM-DDTHH) as hourly_counters stores them; "traffic" is pageviews + custom events.
//
// - Spike: the last complete hour had at least `spikePercent` % of its usual figure, the usual being
//   the mean of the same hour on the 7 days before (zeros included), and at least `minSpike`
//   pageviews, so a site going from 1 to 4 pageviews does not page anyone.
// - Tracking stopped: no traffic in the last `quietHours` complete hours (nor in the current one),
//   while the same hours of the day had traffic on at least 6 of the 7 days before. A new site
//   (no week of history) or a naturally quiet one (empty windows on ordinary days) never fires.
import { addHours, utcHourKey } from '../reports/calendar.js';

export interface HourTraffic {
  hour: string;
  pageviews: number;
  events: number;
}

export const historyDays = 7;
/** Days of the week before that must have had traffic in the same hours. */
export const usualDays = 6;
/** Fewest pageviews an hour needs to count as a spike, whatever the percentage. */
export const minSpike = 10;

export interface SpikeFinding {
  /** The UTC hour of the spike: the send-log period. */
  hour: string;
  pageviews: number;
  /** Mean pageviews of the same hour over the 7 days before (one decimal). */
  usual: number;
  /** pageviews ÷ usual, whole percent (null when usual is 0). */
  percent: number | null;
}

/** The hours read for both rules: from 8 days before the last complete hour to now. */
export function alertHours(
  nowMs: number,
  quietHours: number,
): { fromHour: string; toHour: string } {
  const current = utcHourKey(nowMs);
  const back = Math.max(24 * (historyDays + 1), quietHours + 24 * historyDays + 1);
  return { fromHour: addHours(current, -back), toHour: current };
}

const byHour = (rows: readonly HourTraffic[]) => new Map(rows.map((r) => [r.hour, r]));

/** The spike of the last complete hour, or undefined. */
export function findSpike(
  rows: readonly HourTraffic[],
  nowMs: number,
  spikePercent: number,
): SpikeFinding | undefined {
  if (spikePercent <= 0) return undefined;
  const hour = addHours(utcHourKey(nowMs), -1);
  return spikeAt(rows, hour, spikePercent);
}

/** The spike rule applied to one hour (also used to rebuild an alert for a retry). */
export function spikeAt(
  rows: readonly HourTraffic[],
  hour: string,
  spikePercent: number,
): SpikeFinding | undefined {
  const map = byHour(rows);
  const pageviews = map.get(hour)?.pageviews ?? 0;
  let sum = 0;
  for (let k = 1; k <= historyDays; k++) sum += map.get(addHours(hour, -24 * k))?.pageviews ?? 0;
  const usual = Math.round((sum / historyDays) * 10) / 10;
  if (pageviews < minSpike) return undefined;
  if (pageviews * 100 < spikePercent * Math.max(usual, 1)) return undefined;
  return {
    hour,
    pageviews,
    usual,
    percent: usual === 0 ? null : Math.round((pageviews / usual) * 100),
  };
}

export interface StoppedFinding {
  /** The last UTC hour with traffic: the send-log period (one alert per outage). */
  lastHour: string;
  /** Whole hours since the end of that hour. */
  quietFor: number;
}

const traffic = (r: HourTraffic | undefined) => (r ? r.pageviews + r.events : 0);

/** Tracking stopped, or undefined. */
export function findStopped(
  rows: readonly HourTraffic[],
  nowMs: number,
  quietHours: number,
): StoppedFinding | undefined {
  if (quietHours <= 0) return undefined;
  const map = byHour(rows);
  const current = utcHourKey(nowMs);
  // The window: the current hour and the `quietHours` complete hours before it.
  for (let i = 0; i <= quietHours; i++) {
    if (traffic(map.get(addHours(current, -i))) > 0) return undefined;
  }
  let daysWithTraffic = 0;
  for (let k = 1; k <= historyDays; k++) {
    let any = false;
    for (let i = 1; i <= quietHours && !any; i++) {
      any = traffic(map.get(addHours(current, -i - 24 * k))) > 0;
    }
    if (any) daysWithTraffic++;
  }
  if (daysWithTraffic < usualDays) return undefined;
  const hours = [...map.values()]
    .filter((r) => traffic(r) > 0 && r.hour < current)
    .map((r) => r.hour)
    .sort();
  const lastHour = hours[hours.length - 1];
  if (lastHour === undefined) return undefined;
  const quietFor = Math.floor((nowMs - Date.parse(`${addHours(lastHour, 1)}:00:00Z`)) / 3_600_000);
  return { lastHour, quietFor };
}
