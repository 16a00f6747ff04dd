// Small-count protection for what leaves the organisation (docs/API.md "Small-count protection"):
// a shared link or API key with `k` set never shows a breakdown row counted fewer than k times.
// Such rows are removed and summed into one row, "hidden (fewer than k)"; totals are untouched.
// Pure: every route that sends breakdown rows to a principal goes through hideSmallCounts.
import { addMetrics, zeroMetrics, type Metrics } from '../counters/types.js';

/** The label of the row that sums the hidden rows. */
export const hiddenLabel = (k: number): string => `hidden (fewer than ${k})`;

/**
 * Keeps the rows whose count (`countOf`: visits, or pageviews / exits / events where a dimension
 * has no visits) is at least k, in their order, and appends one row that sums the others' metrics
 * (only when at least one row was hidden). k undefined: the rows unchanged.
 */
export function hideSmallCounts<T extends Metrics & { value: string }>(
  rows: readonly T[],
  k: number | undefined,
  countOf: (row: T) => number,
): (T | (Metrics & { value: string; hidden: true }))[] {
  if (k === undefined) return [...rows];
  const kept: T[] = [];
  const sum = zeroMetrics();
  let hidden = 0;
  for (const row of rows) {
    if (countOf(row) >= k) {
      kept.push(row);
    } else {
      addMetrics(sum, row);
      hidden++;
    }
  }
  if (hidden === 0) return kept;
  return [...kept, { ...sum, value: hiddenLabel(k), hidden: true as const }];
}

/**
 * A single count shown to a protected principal: null when from 1 to k - 1 (0 says nobody, which
 * names no one).
 */
export function protectCount(count: number, k: number | undefined): number | null {
  return k !== undefined && count > 0 && count < k ? null : count;
}
