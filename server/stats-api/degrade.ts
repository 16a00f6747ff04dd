// A compatibility key's answer to what counters cannot answer exactly (docs/API.md, "Plausible
// compatibility"): the parser lists the parts left out (parse.ts, compat.ts Degradation); this
// widens the computed rows back to the request's shape (null for each metric and dimension left
// out) and builds meta's warnings. Pure.
import type { Degradation, MetricWarnings } from './compat.js';
import type { StatsQuery } from './parse.js';

interface Row<V> {
  metrics: V[];
  dimensions: (string | null)[];
}

const nullAt = (q: StatsQuery, code: Degradation['code']) =>
  new Set(q.degraded.filter((d) => d.code === code).map((d) => d.at));

/** Rows computed for `q.metrics` and the dimensions kept → rows of every metric and dimension asked. */
export function widenRows<V>(q: StatsQuery, rows: Row<V>[]): Row<V | null>[] {
  if (q.degraded.length === 0) return rows;
  const metricsNull = nullAt(q, 'metric_not_counted');
  const width = q.echo.dimensions.length;
  return rows.map((r) => {
    let m = 0;
    const metrics = q.asked.map((_, i) =>
      metricsNull.has(`metrics[${i}]`) ? null : r.metrics[m++]!,
    );
    let d = 0;
    const dimensions = Array.from({ length: width }, (_, i) =>
      q.nullDimensions.includes(i) ? null : r.dimensions[d++]!,
    );
    return { metrics, dimensions };
  });
}

export interface WarningEntry {
  code: string;
  warning: string;
  /** The part of the request it concerns: `metrics[0]`, `dimensions[1]`, `filters[1]`. */
  at: string;
}

/** The more a part changes what a value means, the earlier it comes in a metric's warning. */
const weight: Record<Degradation['code'], number> = {
  metric_not_counted: 0,
  filter_not_applied: 1,
  dimensions_not_combined: 2,
  dimension_not_recorded: 2,
};

/**
 * meta's warnings. `perMetric`: the warnings of the metrics computed (approximations, revenue).
 * A compatibility key gets, on every metric in `metric_warnings` (Plausible's shape, one per
 * metric), the most important of its warnings: a metric answered null, then a filter not applied
 * (the value is an upper bound), then a dimension answered null, then the metric's approximation;
 * and, in `warnings`, every warning with the part it concerns.
 */
export function compatMeta(
  q: StatsQuery,
  perMetric: MetricWarnings | undefined,
): { metric_warnings?: MetricWarnings; warnings?: WarningEntry[] } {
  if (!q.compat) return perMetric ? { metric_warnings: perMetric } : {};
  const nulls = nullAt(q, 'metric_not_counted');
  const ranked = [...q.degraded].sort((a, b) => weight[a.code] - weight[b.code]);
  const warnings: WarningEntry[] = q.degraded.map(({ code, warning, at }) => ({
    code,
    warning,
    at,
  }));
  const metric_warnings: MetricWarnings = {};
  q.asked.forEach((m, i) => {
    const own = nulls.has(`metrics[${i}]`) ? undefined : perMetric?.[m];
    if (own) warnings.push({ ...own, at: `metrics[${i}]` });
    if (m in metric_warnings) return;
    const all = [...ranked.filter((d) => !d.metric || d.metric === m), ...(own ? [own] : [])];
    const [first, ...more] = all;
    if (!first) return;
    const note = more.length > 0 ? ` (${more.length} more in meta.warnings)` : '';
    metric_warnings[m] = { code: first.code, warning: first.warning + note };
  });
  return {
    ...(Object.keys(metric_warnings).length > 0 && { metric_warnings }),
    ...(warnings.length > 0 && { warnings }),
  };
}
