// The agency rollup (issue 19 §9): several sites read as one. `rollupReports` is a ReportsRepo over
// a set of sites — every query runs per site and the counters are summed — so the site report, the
// breakdowns and the CSV exports run unchanged on it, and every ratio (bounce rate, time on page,
// exit rate, views per visit) is derived from the summed counters, never averaged from ratios.
import { addMetrics, zeroMetrics, type Metrics } from '../counters/types.js';
import type { ReportsRepo, TopValuesQuery, ValueTotals } from '../store/reports.js';

/** Binary (UTF-8 byte) order, as the SQL ties use (`COLLATE "C"`, SQLite's default). */
export const byteOrder = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

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

/** The order topValues() gives: by the metric (ties by value, ascending), or by value. */
export function orderValues(rows: ValueTotals[], q: Pick<TopValuesQuery, 'orderBy' | 'direction'>) {
  const dir = q.direction === 'asc' ? 1 : -1;
  const orderBy = q.orderBy;
  return rows.sort((a, b) =>
    orderBy === 'value'
      ? dir * byteOrder(a.value, b.value)
      : dir * (a[orderBy] - b[orderBy]) || byteOrder(a.value, b.value),
  );
}

/** "All of them" as a LIMIT both databases take as a plain integer. */
const everyValue = 1_000_000_000;

/**
 * A ReportsRepo whose every query covers `siteIds` (the `siteId` a report passes is ignored).
 * topValues reads every matching value of each site, then sums, orders and pages: exact, at the
 * cost of reading each site's whole list for the range (bounded by the cardinality cap).
 */
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
    async topValues(q) {
      const lists = await each(
        async (siteId) =>
          (
            await base.topValues({
              ...q,
              siteId,
              orderBy: 'value',
              direction: 'asc',
              limit: everyValue,
              offset: 0,
            })
          ).rows,
      );
      const rows = orderValues(
        sumByKey(lists, (r) => r.value),
        q,
      );
      return { rows: rows.slice(q.offset, q.offset + q.limit), totalRows: rows.length };
    },
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
  };
}
