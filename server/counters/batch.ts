// Merges counter deltas in memory: identical keys are summed, so a batch writes each key once.
import { type CapKey, capKey } from './cap.js';
import type { EventDeltas } from './deltas.js';
import type { CounterWrite, DailyRow, Dimension, HourlyRow, RevenueRow } from './types.js';
import { addMetrics, isZero } from './types.js';

/** The rows of one (site, day, dimension): the unit the cardinality cap works on. */
export interface DailyGroup {
  key: CapKey;
  siteId: number;
  day: string;
  dimension: Dimension;
  /** Rows by value, in the order the values first appeared in the batch. */
  rows: Map<string, DailyRow>;
}

type Dimensions = Map<Dimension, DailyGroup>;

// Copies written out field by field: one object shape for every row the writer handles.
function copyDaily(r: DailyRow): DailyRow {
  return {
    siteId: r.siteId,
    day: r.day,
    dimension: r.dimension,
    value: r.value,
    pageviews: r.pageviews,
    visits: r.visits,
    bounces: r.bounces,
    exits: r.exits,
    engagedMs: r.engagedMs,
    engagements: r.engagements,
    scrollSum: r.scrollSum,
    events: r.events,
  };
}

function copyHourly(r: HourlyRow): HourlyRow {
  return {
    siteId: r.siteId,
    hour: r.hour,
    pageviews: r.pageviews,
    visits: r.visits,
    bounces: r.bounces,
    exits: r.exits,
    engagedMs: r.engagedMs,
    engagements: r.engagements,
    scrollSum: r.scrollSum,
    events: r.events,
  };
}

/**
 * Rows are kept in nested maps (site → day → dimension → value) rather than under one joined
 * string key: the lookups then hash strings the event already holds (the day, a dimension
 * literal, the value) instead of building and hashing a new key for every row.
 */
export class CounterBatch {
  private readonly daily = new Map<number, Map<string, Dimensions>>();
  private readonly groupList: DailyGroup[] = [];
  /** Hourly rows by hour, then site (no key string to build per event). */
  private readonly hourly = new Map<string, Map<number, HourlyRow>>();
  // The (site, day) of the previous row: every row of an event shares it.
  private lastSite = NaN;
  private lastDay = '';
  private lastDims: Dimensions | undefined;
  /** Revenue rows by site, day, event and currency; created for the first event with revenue. */
  private revenue: Map<string, RevenueRow> | undefined;
  /** Accepted events merged into this batch. */
  events = 0;

  add(deltas: EventDeltas): void {
    for (const row of deltas.daily) this.addDaily(row);
    if (deltas.revenue) this.addRevenue(deltas.revenue);
    const h = deltas.hourly;
    if (!isZero(h)) {
      let sites = this.hourly.get(h.hour);
      if (!sites) this.hourly.set(h.hour, (sites = new Map()));
      const have = sites.get(h.siteId);
      if (have) addMetrics(have, h);
      else sites.set(h.siteId, copyHourly(h));
    }
    this.events++;
  }

  addDaily(row: DailyRow): void {
    const dims = this.dimensionsOf(row.siteId, row.day);
    let group = dims.get(row.dimension);
    if (!group) {
      group = {
        key: capKey(row.siteId, row.day, row.dimension),
        siteId: row.siteId,
        day: row.day,
        dimension: row.dimension,
        rows: new Map(),
      };
      dims.set(row.dimension, group);
      this.groupList.push(group);
    }
    const have = group.rows.get(row.value);
    if (have) addMetrics(have, row);
    else group.rows.set(row.value, copyDaily(row));
  }

  private addRevenue(r: RevenueRow): void {
    const key = `${r.siteId}\u0000${r.day}\u0000${r.event}\u0000${r.currency}`;
    this.revenue ??= new Map();
    const have = this.revenue.get(key);
    if (have) {
      have.amount += r.amount;
      have.conversions += r.conversions;
    } else this.revenue.set(key, { ...r });
  }

  /** Revenue rows in key order (the order every writer locks them in); [] for most batches. */
  revenueRows(): RevenueRow[] {
    if (!this.revenue) return [];
    return [...this.revenue.values()].sort(compareRevenue);
  }

  private dimensionsOf(siteId: number, day: string): Dimensions {
    if (siteId === this.lastSite && day === this.lastDay && this.lastDims) return this.lastDims;
    let days = this.daily.get(siteId);
    if (!days) this.daily.set(siteId, (days = new Map()));
    let dims = days.get(day);
    if (!dims) days.set(day, (dims = new Map()));
    this.lastSite = siteId;
    this.lastDay = day;
    this.lastDims = dims;
    return dims;
  }

  /** The (site, day, dimension) groups in key order; values inside are in first-seen order. */
  groups(): DailyGroup[] {
    return this.groupList.sort(compareGroups);
  }

  dailyRows(): DailyRow[] {
    const out: DailyRow[] = [];
    for (const g of this.groupList) for (const r of g.rows.values()) out.push(r);
    return out;
  }

  hourlyRows(): HourlyRow[] {
    const out: HourlyRow[] = [];
    for (const sites of this.hourly.values()) for (const r of sites.values()) out.push(r);
    return out.sort(compareHourly);
  }

  /**
   * The rows to write, in key order: every writer takes row locks in the same order, so concurrent
   * PostgreSQL nodes cannot deadlock on each other's batches.
   */
  toWrite(daily: DailyRow[] = this.dailyRows()): CounterWrite {
    return {
      daily: daily.filter((r) => !isZero(r)).sort(compareDaily),
      hourly: this.hourlyRows(),
    };
  }
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareGroups(a: DailyGroup, b: DailyGroup): number {
  return cmp(a.siteId, b.siteId) || cmp(a.day, b.day) || cmp(a.dimension, b.dimension);
}

export function compareDaily(a: DailyRow, b: DailyRow): number {
  return (
    cmp(a.siteId, b.siteId) ||
    cmp(a.day, b.day) ||
    cmp(a.dimension, b.dimension) ||
    cmp(a.value, b.value)
  );
}

export function compareRevenue(a: RevenueRow, b: RevenueRow): number {
  return (
    cmp(a.siteId, b.siteId) ||
    cmp(a.day, b.day) ||
    cmp(a.event, b.event) ||
    cmp(a.currency, b.currency)
  );
}

export function compareHourly(a: HourlyRow, b: HourlyRow): number {
  return cmp(a.siteId, b.siteId) || cmp(a.hour, b.hour);
}

/** Orders rows that share (site, day, dimension) by value. */
export function compareValues(a: DailyRow, b: DailyRow): number {
  return cmp(a.value, b.value);
}
