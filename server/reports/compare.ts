// Comparison with another period: the change of every metric. Pure.
import type { DerivedMetrics, MetricName } from './metrics.js';

export const comparisons = ['previous', 'year'] as const;
export type Comparison = (typeof comparisons)[number];

/** Rates change by percentage points; counts and averages by percent of the earlier value. */
const pointMetrics = new Set<MetricName>(['bounce_rate', 'exit_rate', 'scroll_depth']);

export type MetricChanges = Record<MetricName, number | null>;

/**
 * Change from `previous` to `current` per metric: whole percent for counts and averages (null when
 * the earlier value is 0 and the new one is not: no meaningful percentage), points for rates.
 */
export function compareMetrics(current: DerivedMetrics, previous: DerivedMetrics): MetricChanges {
  const out = {} as MetricChanges;
  for (const key of Object.keys(current) as MetricName[]) {
    const a = current[key];
    const b = previous[key];
    if (a === null || b === null) out[key] = null;
    else if (pointMetrics.has(key)) out[key] = a - b;
    else if (b === 0) out[key] = a === 0 ? 0 : null;
    else out[key] = Math.round(((a - b) / b) * 100);
  }
  return out;
}
