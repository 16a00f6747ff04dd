// Change versus an earlier value, the way the server computes it (docs/API.md).

/** Whole-percent change; null when the earlier value is 0 and the new one is not (or either is null). */
export function changePercent(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  if (previous === 0) return current === 0 ? 0 : null;
  return Math.round(((current - previous) / previous) * 100);
}

/** Metrics whose change is a difference in points rather than a percentage. */
const pointMetrics = new Set(['bounce_rate', 'exit_rate', 'scroll_depth']);

export function changeKind(metric: string): 'percent' | 'points' {
  return pointMetrics.has(metric) ? 'points' : 'percent';
}

/**
 * Whether a change is good news: more visits is good, a higher bounce rate is not. null for no
 * change or no comparison.
 */
export function changeTone(metric: string, change: number | null): 'good' | 'bad' | null {
  if (change === null || change === 0) return null;
  const up = change > 0;
  const lowerIsBetter = metric === 'bounce_rate' || metric === 'exit_rate';
  return up !== lowerIsBetter ? 'good' : 'bad';
}
