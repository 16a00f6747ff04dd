// The counter column each Stats API metric is read from, and the names rows are answered with
// (Plausible's under compatibility). Pure; shared by execute.ts and by-time.ts.
import type { MetricName } from '../reports/metrics.js';
import { compatColumn, toPlausibleValue, type Slice } from './compat.js';
import { metricsByDimension, type StatsMetric, type StatsQuery } from './parse.js';

/**
 * The counter column a metric is read from. On exit pages, Plausible's "visits" are the visits that
 * ended there: Pomelo's exits. Under Plausible compatibility `visitors` (and `events` where custom
 * events are not kept) are answered with what the slice counts (compat.ts compatColumn).
 */
export const columnFor = (slice: Slice, m: StatsMetric): MetricName => {
  const own = metricsByDimension[slice];
  const approximated = m === 'visitors' || (m === 'events' && !own.includes('events'));
  const metric = approximated ? (compatColumn(slice, m, own) ?? 'visits') : m;
  return slice === 'exit' && metric === 'visits' ? 'exits' : (metric as MetricName);
};

/** Country names always (visit:country_name), OS, browser and device names on a compatibility key. */
export const plausibleName = (q: StatsQuery, dimension: string, value: string) =>
  q.compat || dimension === 'visit:country_name' ? toPlausibleValue(dimension, value) : value;
