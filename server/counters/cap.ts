// Cardinality cap per (site, day, dimension): past the cap, new values are counted under "(other)".
import { compareValues, type DailyGroup } from './batch.js';
import type { DailyRow } from './types.js';
import { OTHER, addMetrics, isZero } from './types.js';

export type CapKey = string;
export const capKey = (siteId: number, day: string, dimension: string): CapKey =>
  `${siteId}\u0000${day}\u0000${dimension}`;

/**
 * Estimated bytes of one known value: the state keeps a 52-bit hash of each value (a number in a
 * Set: its slot and a heap number), not the value itself, so a 300-character path costs the same
 * as "FR". A new value whose hash equals a known one's (about 1 in 10^7 per key at 50,000
 * values) is counted under its own value instead of "(other)": the cap is passed by one row, the
 * totals stay exact.
 */
export const VALUE_BYTES = 48;

/** Two 32-bit FNV-1a passes with different seeds, folded into 52 bits (exact in a double). */
export function valueHash(value: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
/** Estimated bytes of one key beyond its characters (Map slot, Set and entry objects). */
export const KEY_OVERHEAD_BYTES = 256;
/** Default install-wide budget of the cap state: POMELO_CAP_STATE_MB. */
export const DEFAULT_CAP_BUDGET_BYTES = 64 * 1024 * 1024;

/** Estimated bytes of a string held in memory (UTF-16 code units). */
const charBytes = (s: string) => 2 * s.length;

/**
 * The oldest day any site can still receive events for at `nowMs`: the date in the westernmost
 * timezone, UTC−12 (Etc/GMT+12). Every other zone's "today" is that day or later (up to UTC+14,
 * a day ahead), and events are dated by the server's clock, never by the sender. Older keys are
 * dropped from the cap state; an event for one (a skewed clock) reloads it from the store.
 */
export function oldestOpenDay(nowMs: number): string {
  return new Date(nowMs - 12 * 3_600_000).toISOString().slice(0, 10);
}

interface Known {
  /** valueHash of each known value. */
  values: Set<number>;
  day: string;
  bytes: number;
}

/**
 * Known values per (site, day, dimension), bounded in BYTES: VALUE_BYTES per known value (a hash,
 * whatever the value's length) plus each key's characters and overhead stay under the budget
 * after each trim(). Keys are evicted least recently used first, and days no site can still receive events
 * for are dropped. An evicted key is reloaded lazily from the store (the writer asks missingKeys /
 * has, then store.distinctValues), so the cap and the totals stay exact: only memory changes.
 */
export class CapState {
  /** Map order is least recently used first. */
  private readonly known = new Map<CapKey, Known>();
  private bytes = 0;
  private lastOpenDay = '';
  /** Keys dropped so far (evicted or past), for tests and benchmarks. */
  dropped = 0;

  constructor(private readonly budgetBytes = DEFAULT_CAP_BUDGET_BYTES) {}

  /** Estimated bytes held now. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** Keys held now. */
  get heldKeys(): number {
    return this.known.size;
  }

  has(key: CapKey): boolean {
    return this.known.has(key);
  }

  /** Like has(), and marks the key as just used (the writer: this batch needs it). */
  use(key: CapKey): boolean {
    const e = this.known.get(key);
    if (!e) return false;
    this.known.delete(key);
    this.known.set(key, e);
    return true;
  }

  load(key: CapKey, values: Iterable<string>): void {
    this.forget(key);
    const entry: Known = {
      values: new Set(),
      day: dayOf(key),
      bytes: KEY_OVERHEAD_BYTES + charBytes(key),
    };
    for (const v of values) {
      if (v === OTHER) continue;
      const h = valueHash(v);
      if (entry.values.has(h)) continue;
      entry.values.add(h);
      entry.bytes += VALUE_BYTES;
    }
    this.known.set(key, entry);
    this.bytes += entry.bytes;
  }

  /** Forgets everything (after a failed write, so no unwritten value stays "known"). */
  reset(): void {
    this.known.clear();
    this.bytes = 0;
  }

  /**
   * Drops keys of days that can no longer receive events (oldestOpenDay), then evicts the least
   * recently used keys until the state fits its budget. `pinned` keys (the batch being written)
   * are kept: the state may exceed the budget by one batch's keys until the next trim.
   */
  trim(nowMs: number, pinned?: ReadonlySet<CapKey>): void {
    const open = oldestOpenDay(nowMs);
    if (open !== this.lastOpenDay) {
      this.lastOpenDay = open;
      for (const [key, e] of this.known) if (e.day < open && !pinned?.has(key)) this.forget(key);
    }
    if (this.bytes <= this.budgetBytes) return;
    for (const key of this.known.keys()) {
      if (this.bytes <= this.budgetBytes) break;
      if (!pinned?.has(key)) this.forget(key);
    }
  }

  /** Recounts the held bytes from the contents (tests: the running sum must equal it). */
  measure(): number {
    let total = 0;
    for (const [key, e] of this.known) {
      total += KEY_OVERHEAD_BYTES + charBytes(key);
      total += e.values.size * VALUE_BYTES;
    }
    return total;
  }

  private forget(key: CapKey): void {
    const e = this.known.get(key);
    if (!e) return;
    this.known.delete(key);
    this.bytes -= e.bytes;
    this.dropped++;
  }

  /** The key's entry, created empty if missing, moved to the most recently used end. */
  private entry(key: CapKey): Known {
    let e = this.known.get(key);
    if (e) {
      this.known.delete(key);
    } else {
      e = { values: new Set(), day: dayOf(key), bytes: KEY_OVERHEAD_BYTES + charBytes(key) };
      this.bytes += e.bytes;
    }
    this.known.set(key, e);
    return e;
  }

  /** Admits a value into the entry if it has room; true when the value is (now) known. */
  private admit(e: Known, value: string, cap: number): boolean {
    const h = valueHash(value);
    if (e.values.has(h)) return true;
    if (e.values.size >= cap) return false;
    e.values.add(h);
    e.bytes += VALUE_BYTES;
    this.bytes += VALUE_BYTES;
    return true;
  }

  /**
   * Rewrites values past the cap to "(other)", merging rows that become identical. A value is
   * admitted while the key holds fewer than `cap` values; "(other)" never counts toward the cap.
   */
  apply(rows: DailyRow[], capFor: (siteId: number) => number): DailyRow[] {
    const out = new Map<string, DailyRow>();
    for (const row of rows) {
      const key = capKey(row.siteId, row.day, row.dimension);
      const e = this.entry(key);
      let value = row.value;
      if (value !== OTHER && !this.admit(e, value, capFor(row.siteId))) value = OTHER;
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
    const e = this.entry(group.key);
    const start = out.length;
    let other: DailyRow | undefined;
    for (const row of group.rows.values()) {
      const value = row.value;
      if (value !== OTHER && this.admit(e, value, cap)) {
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

/** The day part of a cap key (`site \0 day \0 dimension`). */
function dayOf(key: CapKey): string {
  const a = key.indexOf('\u0000');
  return key.slice(a + 1, key.indexOf('\u0000', a + 1));
}
