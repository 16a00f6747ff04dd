// The agency rollup (issue 19 §9): several sites read as one. `rollupReports` is a ReportsRepo over
// a set of sites — totals and series run per site and are summed, a breakdown sums each value over
// the sites in one query — so the site report, the breakdowns and the CSV exports run unchanged on
// it, and every ratio (bounce rate, time on page, exit rate, views per visit) is derived from the
// summed counters, never averaged from ratios.
import { addMetrics, zeroMetrics, type Metrics } from '../counters/types.js';
import type { ReportsRepo } from '../store/reports.js';

/** Sums rows of the same key; the key is read by `keyOf`, the sum keeps the first row's key. */
export function sumByKey<R extends Metrics>(lists: R[][], keyOf: (r: R) => string): R[] {
  const out = new Map<string, R>();
  for (const rows of lists)
    for (const r of rows) {
      const key = keyOf(r);
      const into = out.get(key);
      if (into) addMetrics(into, r);
      else out.set(key, { ...r });
    }
  return [...out.values()];
}

/** A ReportsRepo whose every query covers `siteIds` (the `siteId` a report passes is ignored). */
export function rollupReports(base: ReportsRepo, siteIds: readonly number[]): ReportsRepo {
  const each = <T>(run: (siteId: number) => Promise<T>) => Promise.all(siteIds.map(run));
  return {
    async rangeTotals(slice) {
      const sum = zeroMetrics();
      for (const m of await each((siteId) => base.rangeTotals({ ...slice, siteId })))
        addMetrics(sum, m);
      return sum;
    },
    async dailyTotals(slice) {
      const lists = await each((siteId) => base.dailyTotals({ ...slice, siteId }));
      return sumByKey(lists, (r) => r.day).sort((a, b) => (a.day < b.day ? -1 : 1));
    },
    async hourlyTotals(_siteId, fromHour, toHour) {
      const lists = await each((siteId) => base.hourlyTotals(siteId, fromHour, toHour));
      return sumByKey(lists, (r) => r.hour).sort((a, b) => (a.hour < b.hour ? -1 : 1));
    },
    // One query over the sites (store/reports.ts `siteIds`): each value summed over the sites,
    // then ordered and paged by the database (or the SQLite report cache), so only the page asked
    // for comes back: exact, since every value's sum covers every site.
    topValues: (q) => base.topValues({ ...q, siteIds }),
    async sumsWhere(slice, metric, tests) {
      const lists = await each((siteId) => base.sumsWhere({ ...slice, siteId }, metric, tests));
      return tests.map((_, i) => lists.reduce((sum, list) => sum + list[i]!, 0));
    },
    async firstDay() {
      const days = (await each((siteId) => base.firstDay(siteId))).filter(
        (d): d is string => d !== null,
      );
      return days.length === 0 ? null : days.sort()[0]!;
    },
    siteDailyTotals: (ids, fromDay, toDay) => base.siteDailyTotals(ids, fromDay, toDay),
    siteSummaries: (ids, fromDay, toDay) => base.siteSummaries(ids, fromDay, toDay),
    siteTotals: (ids, fromDay, toDay) => base.siteTotals(ids, fromDay, toDay),
  };
}
