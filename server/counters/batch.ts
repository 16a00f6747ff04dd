// Merges counter deltas in memory: identical keys are summed, so a batch writes each key once.
import type { EventDeltas } from './deltas.js';
import type { CounterWrite, DailyRow, HourlyRow } from './types.js';
import { addMetrics, isZero } from './types.js';

const dailyKey = (r: DailyRow) => `${r.siteId}\u0000${r.day}\u0000${r.dimension}\u0000${r.value}`;
const hourlyKey = (r: HourlyRow) => `${r.siteId}\u0000${r.hour}`;

export class CounterBatch {
  private readonly daily = new Map<string, DailyRow>();
  private readonly hourly = new Map<string, HourlyRow>();
  /** Accepted events merged into this batch. */
  events = 0;

  add(deltas: EventDeltas): void {
    for (const row of deltas.daily) this.addDaily(row);
    if (!isZero(deltas.hourly)) {
      const key = hourlyKey(deltas.hourly);
      const have = this.hourly.get(key);
      if (have) addMetrics(have, deltas.hourly);
      else this.hourly.set(key, { ...deltas.hourly });
    }
    this.events++;
  }

  addDaily(row: DailyRow): void {
    const key = dailyKey(row);
    const have = this.daily.get(key);
    if (have) addMetrics(have, row);
    else this.daily.set(key, { ...row });
  }

  dailyRows(): DailyRow[] {
    return [...this.daily.values()];
  }

  /**
   * The rows to write, in key order: every writer takes row locks in the same order, so concurrent
   * PostgreSQL nodes cannot deadlock on each other's batches.
   */
  toWrite(daily: DailyRow[] = this.dailyRows()): CounterWrite {
    return {
      daily: daily.filter((r) => !isZero(r)).sort(compareDaily),
      hourly: [...this.hourly.values()].sort(compareHourly),
    };
  }
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareDaily(a: DailyRow, b: DailyRow): number {
  return (
    cmp(a.siteId, b.siteId) ||
    cmp(a.day, b.day) ||
    cmp(a.dimension, b.dimension) ||
    cmp(a.value, b.value)
  );
}

export function compareHourly(a: HourlyRow, b: HourlyRow): number {
  return cmp(a.siteId, b.siteId) || cmp(a.hour, b.hour);
}
