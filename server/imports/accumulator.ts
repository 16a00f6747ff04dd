// Pure: merges imported counter rows by key in memory until `size` reaches the caller's bound, then
// hands them out as a CounterWrite (the caller stages it and starts again): memory stays bounded
// whatever the file's length, and each key appears once per write.
import type { CounterWrite, DailyRow, Dimension, HourlyRow, Metrics } from '../counters/types.js';
import { addMetrics, isZero, zeroMetrics } from '../counters/types.js';

export class Accumulator {
  private daily = new Map<string, DailyRow>();
  private hourly = new Map<string, HourlyRow>();
  private revenue = new Map<string, NonNullable<CounterWrite['revenue']>[number]>();
  firstDay: string | null = null;
  lastDay: string | null = null;

  constructor(private readonly siteId: number) {}

  get size(): number {
    return this.daily.size + this.hourly.size + this.revenue.size;
  }

  private seeDay(day: string): void {
    if (this.firstDay === null || day < this.firstDay) this.firstDay = day;
    if (this.lastDay === null || day > this.lastDay) this.lastDay = day;
  }

  addDaily(day: string, dimension: Dimension, value: string, m: Partial<Metrics>): void {
    const metrics = { ...zeroMetrics(), ...m };
    this.seeDay(day);
    if (isZero(metrics)) return;
    const key = `${day}\u0000${dimension}\u0000${value}`;
    const row = this.daily.get(key);
    if (row) addMetrics(row, metrics);
    else this.daily.set(key, { siteId: this.siteId, day, dimension, value, ...metrics });
  }

  addHourly(hour: string, m: Partial<Metrics>): void {
    const metrics = { ...zeroMetrics(), ...m };
    if (isZero(metrics)) return;
    const row = this.hourly.get(hour);
    if (row) addMetrics(row, metrics);
    else this.hourly.set(hour, { siteId: this.siteId, hour, ...metrics });
  }

  addRevenue(day: string, event: string, currency: string, amount: number, conversions: number) {
    this.seeDay(day);
    const key = `${day}\u0000${event}\u0000${currency}`;
    const row = this.revenue.get(key);
    if (row) {
      row.amount += amount;
      row.conversions += conversions;
    } else
      this.revenue.set(key, { siteId: this.siteId, day, event, currency, amount, conversions });
  }

  /** The rows merged so far, and a fresh start. */
  drain(): CounterWrite {
    const write = {
      daily: [...this.daily.values()],
      hourly: [...this.hourly.values()],
      revenue: [...this.revenue.values()],
    };
    this.daily = new Map();
    this.hourly = new Map();
    this.revenue = new Map();
    return write;
  }
}
