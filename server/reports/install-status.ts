// The install check of the settings page: has the site counted an event yet, and when did the first
// one arrive? Read from the counters (no raw event exists): the earliest local day with traffic in
// `daily_counters`, then the earliest hour with traffic in `hourly_counters`. Bot-only rows do not
// count (a crawler does not prove the script is installed). Counters past the site's retention are
// purged, so "first" means the earliest one still kept.
import { localDay } from '../counters/time.js';
import type { Metrics } from '../counters/types.js';
import type { SiteRecord, Store } from '../store/types.js';
import { addDays } from './calendar.js';
import { utcHoursOfLocalDays } from './date-range.js';
import type { RecentCounts } from './recent.js';

export interface InstallStatus {
  installed: boolean;
  /** Local day (site timezone) of the earliest counted event still kept; null before any. */
  first_day: string | null;
  /** Start of the UTC hour in which that event arrived (ISO 8601); null before any. */
  first_event_hour: string | null;
  /**
   * Pageviews of the last 30 minutes: every node's on PostgreSQL, this process's on SQLite (one
   * process by design).
   */
  recent_pageviews: number;
}

const hasTraffic = (m: Metrics) => m.pageviews > 0 || m.events > 0 || m.visits > 0;

export async function installStatus(
  store: Store,
  site: SiteRecord,
  recent: RecentCounts,
  nowMs: number,
): Promise<InstallStatus> {
  const recentPageviews = (await recent.realtime(site.id, nowMs, 0)).pageviews;
  const none = {
    installed: false,
    first_day: null,
    first_event_hour: null,
    recent_pageviews: recentPageviews,
  };
  const earliest = await store.reports.firstDay(site.id);
  if (earliest === null) return none;
  const today = localDay(site.timezone, nowMs);
  // The earliest row may be a bot's: look for the first day whose `total` counted something.
  const days = await store.reports.dailyTotals({
    siteId: site.id,
    fromDay: earliest,
    toDay: earliest > today ? earliest : today,
    dimension: 'total',
  });
  const first = days.find(hasTraffic);
  if (!first) return none;
  // The day before too: with a :30 offset the first hour may start on the previous local day.
  const span = utcHoursOfLocalDays(site.timezone, addDays(first.day, -1), first.day);
  const hours = await store.reports.hourlyTotals(site.id, span.fromHour, span.toHour);
  const hour = hours.find(hasTraffic)?.hour;
  return {
    installed: true,
    first_day: first.day,
    first_event_hour: hour ? `${hour}:00:00Z` : null,
    recent_pageviews: recentPageviews,
  };
}
