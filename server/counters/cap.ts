// Cardinality cap per (site, day, dimension): past the cap, new values are counted under "(other)".
import { compareValues, type DailyGroup } from './batch.js';
import type { DailyRow } from './types.js';
import { OTHER, addMetrics, isZero } from './types.js';

export type CapKey = string;
export const capKey = (siteId: number, day: string, dimension: string): CapKey =>
  `${siteId}\u0000${day}\u0000${dimension}`;

/**
 * Known values per (site, day, dimension). Holds at most `cap` values per key; the writer loads a
 * key's stored values before the first batch that touches it (see missingKeys).
 */
export class CapState {
  private readonly known = new Map<CapKey, Set<string>>();

  constructor(private readonly maxKeys = 100_000) {}

  has(key: CapKey): boolean {
    return this.known.has(key);
  }

  load(key: CapKey, values: Iterable<string>): void {
    if (this.known.size >= this.maxKeys) this.known.clear(); // reloaded lazily; bounds memory
    const set = new Set(values);
    set.delete(OTHER);
    this.known.set(key, set);
  }

  /** Forgets everything (after a failed write, so no unwritten value stays "known"). */
  reset(): void {
    this.known.clear();
  }

  /**
   * Rewrites values past the cap to "(other)", merging rows that become identical. A value is
   * admitted while the key holds fewer than `cap` values; "(other)" never counts toward the cap.
   */
  apply(rows: DailyRow[], capFor: (siteId: number) => number): DailyRow[] {
    const out = new Map<string, DailyRow>();
    for (const row of rows) {
      const key = capKey(row.siteId, row.day, row.dimension);
      let set = this.known.get(key);
      if (!set) {
        set = new Set();
        this.known.set(key, set);
      }
      let value = row.value;
      if (value !== OTHER && !set.has(value)) {
        if (set.size < capFor(row.siteId)) set.add(value);
        else value = OTHER;
      }
      const outKey = `${key}\u0000${value}`;
      const have = out.get(outKey);
      if (have) addMetrics(have, row);
      else out.set(outKey, { ...row, value });
    }
    return [...out.values()];
  }

  /**
   * The writer's path: caps one group of a batch (see apply for the rule) and appends its rows to
   * `out`, sorted by value, without rows that sum to zero. One lookup per group instead of one
   * key per row; the group's row objects are reused (the batch is done once it is written).
   */
  applyGroup(group: DailyGroup, cap: number, out: DailyRow[]): void {
    let set = this.known.get(group.key);
    if (!set) {
      set = new Set();
      this.known.set(group.key, set);
    }
    const start = out.length;
    let other: DailyRow | undefined;
    for (const row of group.rows.values()) {
      const value = row.value;
      if (value !== OTHER && (set.has(value) || (set.size < cap && set.add(value)))) {
        if (!isZero(row)) out.push(row);
      } else if (other) {
        addMetrics(other, row);
      } else {
        other = { ...row, value: OTHER };
      }
    }
    if (other && !isZero(other)) out.push(other);
    if (out.length - start > 1) {
      const sorted = out.splice(start).sort(compareValues);
      for (const r of sorted) out.push(r);
    }
  }

  /** The (site, day, dimension) keys of these rows whose stored values are not loaded yet. */
  missingKeys(rows: DailyRow[]): { key: CapKey; siteId: number; day: string; dimension: string }[] {
    const seen = new Map<CapKey, { key: CapKey; siteId: number; day: string; dimension: string }>();
    for (const r of rows) {
      const key = capKey(r.siteId, r.day, r.dimension);
      if (!this.known.has(key) && !seen.has(key)) {
        seen.set(key, { key, siteId: r.siteId, day: r.day, dimension: r.dimension });
      }
    }
    return [...seen.values()];
  }
}
