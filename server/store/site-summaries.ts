// The agency overview's per-site figures (store/reports.ts `siteSummaries`): the `total` sums of a
// range and the visits of each of its days, one object per site rather than one per site and day
// (30,000 objects a month for 1,000 sites: what made the overview slow once its rows were cached).
import { addMetrics, zeroMetrics, type Metrics } from '../counters/types.js';
import { metricCount, type Piece } from './report-pieces.js';

export interface SiteSummary {
  siteId: number;
  /** Sums of the site's `total` rows over the range. */
  totals: Metrics;
  /** Visits of each day of the range, in day order (0 for a day without rows). */
  visits: number[];
}

/** Day → its position in [fromDay, toDay]. */
export function dayPositions(fromDay: string, toDay: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let t = Date.parse(`${fromDay}T00:00:00Z`); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > toDay) return out;
    out.set(day, out.size);
  }
}

const empty = (siteId: number, days: number): SiteSummary => ({
  siteId,
  totals: zeroMetrics(),
  visits: new Array<number>(days).fill(0),
});

/** Summaries of per-day rows (any order); every site of `siteIds` once, in id order. */
export function summarizeDays(
  rows: readonly (Metrics & { siteId: number; day: string })[],
  siteIds: readonly number[],
  fromDay: string,
  toDay: string,
): SiteSummary[] {
  const positions = dayPositions(fromDay, toDay);
  const bySite = new Map<number, SiteSummary>();
  for (const id of [...new Set(siteIds)].sort((a, b) => a - b))
    bySite.set(id, empty(id, positions.size));
  for (const r of rows) {
    const s = bySite.get(r.siteId);
    const at = positions.get(r.day);
    if (!s || at === undefined) continue;
    addMetrics(s.totals, r);
    s.visits[at]! += r.visits;
  }
  return [...bySite.values()];
}

/**
 * The summary of one site from pieces whose values are days (the report cache's per-month `total`
 * pieces); days outside the range are left out.
 */
export function summarizePieces(
  siteId: number,
  pieces: readonly Piece[],
  positions: Map<string, number>,
): SiteSummary {
  const s = empty(siteId, positions.size);
  const t = s.totals;
  for (const { values, sums: v } of pieces) {
    for (let i = 0, j = 0; i < values.length; i++, j += metricCount) {
      const at = positions.get(values[i]!);
      if (at === undefined) continue;
      t.pageviews += v[j]!;
      t.visits += v[j + 1]!;
      t.bounces += v[j + 2]!;
      t.exits += v[j + 3]!;
      t.engagedMs += v[j + 4]!;
      t.engagements += v[j + 5]!;
      t.scrollSum += v[j + 6]!;
      t.events += v[j + 7]!;
      s.visits[at]! += v[j + 1]!;
    }
  }
  return s;
}

/** The sums of every value of a piece (the previous period's totals: a `total` piece, one value). */
export function pieceTotals({ values, sums: v }: Piece): Metrics {
  const t = zeroMetrics();
  for (let i = 0, j = 0; i < values.length; i++, j += metricCount) {
    t.pageviews += v[j]!;
    t.visits += v[j + 1]!;
    t.bounces += v[j + 2]!;
    t.exits += v[j + 3]!;
    t.engagedMs += v[j + 4]!;
    t.engagements += v[j + 5]!;
    t.scrollSum += v[j + 6]!;
    t.events += v[j + 7]!;
  }
  return t;
}
