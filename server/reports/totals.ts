// Totals of a span: the `total` dimension over local days, or hourly rows for a span of hours (24h).
import { zeroMetrics, addMetrics, type Metrics } from '../counters/types.js';
import type { Store } from '../store/types.js';
import { deriveMetrics, type DerivedMetrics } from './metrics.js';
import type { ReportQuery } from './query.js';

export async function rawTotals(store: Store, q: ReportQuery): Promise<Metrics> {
  const { span } = q;
  if (span.hours) {
    const sum = zeroMetrics();
    const rows = await store.reports.hourlyTotals(q.siteId, span.hours.fromHour, span.hours.toHour);
    for (const r of rows) addMetrics(sum, r);
    return sum;
  }
  return store.reports.rangeTotals({
    siteId: q.siteId,
    fromDay: span.fromDay,
    toDay: span.toDay,
    dimension: 'total',
  });
}

export async function totals(store: Store, q: ReportQuery): Promise<DerivedMetrics> {
  return deriveMetrics(await rawTotals(store, q));
}
