// SQLite's counter journal: a group commit appends its counter rows as one journal row (a short
// sequential write) and is durable — answered 202 — once that commits; the rows are merged into the
// counter tables later, many batches at once. Upserting each batch into the counters rewrote a
// B-tree page per distinct key on every commit (~150 pages of WAL for 100 events of real traffic);
// a merge writes each page once for a second's worth of batches, whose keys repeat.
//
// Exact, not eventual: every read of the database merges what is pending first (sqlite.ts wraps the
// store's reads), so nothing reads the counters without the journal's rows. This process keeps
// the pending rows summed in memory; the journal table is what makes them durable. After a crash,
// opening the store merges the journal's rows from the table. Each row names the store that wrote
// it (a random id per open): if another connection merged some of this store's rows first (a CLI
// command opening the same file), fewer of its rows are left than it appended, so the merge rolls
// back, drops what it held in memory and merges the table's rows instead.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  addMetrics,
  type CounterWrite,
  type DailyRow,
  type HourlyRow,
  type Metrics,
  type RevenueRow,
} from '../counters/types.js';
import { compareDaily, compareHourly, compareRevenue } from '../counters/batch.js';

export interface CounterJournalOptions {
  /**
   * Distinct counter keys held in memory before a merge is run at once: bounds memory and how long
   * one merge holds the event loop (a few µs per key: each key is one upsert).
   */
  maxPendingKeys?: number;
  /** Estimated bytes of those keys before a merge is run at once (values are visitor text). */
  maxPendingBytes?: number;
  /** Longest a journal row waits for its merge, ms (a timer; reads merge at once). */
  mergeEveryMs?: number;
}

// Short merges: longer ones cost less CPU (keys repeat) but their pauses become the p99 at fixed
// rates (docs/ARCHITECTURE.md, "Why 100 ms and 1,000 keys").
const defaultMaxPendingKeys = 1_000;
const defaultMergeEveryMs = 100;

/** The counter upserts of sqlite.ts, inside the caller's transaction. */
export type ApplyCounters = (write: CounterWrite) => void;
/** The report cache's write (report-cache.ts): runs `run`, then adds `rows` to cached pieces. */
export type CacheWrite = <T>(rows: readonly DailyRow[], run: () => T) => T;

class JournalRaced extends Error {}

/** A row the counter tables would refuse (a merge must never fail on what was acknowledged). */
export class InvalidCounterRow extends Error {}

const isCount = (n: unknown) => typeof n === 'number' && Number.isFinite(n);

function checkMetrics(m: Metrics): boolean {
  return (
    isCount(m.pageviews) &&
    isCount(m.visits) &&
    isCount(m.bounces) &&
    isCount(m.exits) &&
    isCount(m.engagedMs) &&
    isCount(m.engagements) &&
    isCount(m.scrollSum) &&
    isCount(m.events)
  );
}

/** Throws InvalidCounterRow unless every row has its key columns and finite metrics. */
export function checkWrite(write: CounterWrite): void {
  for (const r of write.daily) {
    if (
      !Number.isInteger(r.siteId) ||
      typeof r.day !== 'string' ||
      typeof r.dimension !== 'string' ||
      typeof r.value !== 'string' ||
      !checkMetrics(r)
    ) {
      throw new InvalidCounterRow('a daily counter row lacks a key column or a finite metric');
    }
  }
  for (const r of write.hourly) {
    if (!Number.isInteger(r.siteId) || typeof r.hour !== 'string' || !checkMetrics(r)) {
      throw new InvalidCounterRow('an hourly counter row lacks a key column or a finite metric');
    }
  }
  for (const r of write.revenue ?? []) {
    if (
      !Number.isInteger(r.siteId) ||
      typeof r.day !== 'string' ||
      typeof r.event !== 'string' ||
      typeof r.currency !== 'string' ||
      !isCount(r.amount) ||
      !isCount(r.conversions)
    ) {
      throw new InvalidCounterRow('a revenue row lacks a key column or a finite amount');
    }
  }
}

const metricsPerRow = 8;
const dailyWidth = 4 + metricsPerRow;
const hourlyWidth = 2 + metricsPerRow;
const revenueWidth = 6;

function pushMetrics(out: unknown[], m: Metrics): void {
  out.push(
    m.pageviews,
    m.visits,
    m.bounces,
    m.exits,
    m.engagedMs,
    m.engagements,
    m.scrollSum,
    m.events,
  );
}

/** A journal row: the write's rows as flat arrays of primitives (cheap to stringify and parse). */
export function encodeWrite(write: CounterWrite): string {
  const d: unknown[] = [];
  for (const r of write.daily) {
    d.push(r.siteId, r.day, r.dimension, r.value);
    pushMetrics(d, r);
  }
  const h: unknown[] = [];
  for (const r of write.hourly) {
    h.push(r.siteId, r.hour);
    pushMetrics(h, r);
  }
  const v: unknown[] = [];
  for (const r of write.revenue ?? []) {
    v.push(r.siteId, r.day, r.event, r.currency, r.amount, r.conversions);
  }
  return JSON.stringify({ d, h, v });
}

const metricsAt = (flat: unknown[], i: number): Metrics => ({
  pageviews: flat[i] as number,
  visits: flat[i + 1] as number,
  bounces: flat[i + 2] as number,
  exits: flat[i + 3] as number,
  engagedMs: flat[i + 4] as number,
  engagements: flat[i + 5] as number,
  scrollSum: flat[i + 6] as number,
  events: flat[i + 7] as number,
});

export function decodeWrite(text: string): CounterWrite {
  const { d, h, v } = JSON.parse(text) as { d: unknown[]; h: unknown[]; v: unknown[] };
  const daily: DailyRow[] = [];
  for (let i = 0; i < d.length; i += dailyWidth) {
    daily.push({
      siteId: d[i] as number,
      day: d[i + 1] as string,
      dimension: d[i + 2] as DailyRow['dimension'],
      value: d[i + 3] as string,
      ...metricsAt(d, i + 4),
    });
  }
  const hourly: HourlyRow[] = [];
  for (let i = 0; i < h.length; i += hourlyWidth) {
    hourly.push({ siteId: h[i] as number, hour: h[i + 1] as string, ...metricsAt(h, i + 2) });
  }
  const revenue: RevenueRow[] = [];
  for (let i = 0; i < v.length; i += revenueWidth) {
    revenue.push({
      siteId: v[i] as number,
      day: v[i + 1] as string,
      event: v[i + 2] as string,
      currency: v[i + 3] as string,
      amount: v[i + 4] as number,
      conversions: v[i + 5] as number,
    });
  }
  return { daily, hourly, revenue };
}

/** A row object with its 8 metrics and the map's entry, beyond its strings. */
const rowBytes = 200;

/** Counter rows summed by key: what several writes add up to. */
export class PendingSums {
  private readonly daily = new Map<string, DailyRow>();
  private readonly hourly = new Map<string, HourlyRow>();
  private readonly revenue = new Map<string, RevenueRow>();
  /** Estimated bytes held: each key twice (the map's and the row's strings) plus a row. */
  bytes = 0;

  get keys(): number {
    return this.daily.size + this.hourly.size + this.revenue.size;
  }

  add(write: CounterWrite): void {
    for (const r of write.daily) {
      const key = `${r.siteId}\u0000${r.day}\u0000${r.dimension}\u0000${r.value}`;
      const have = this.daily.get(key);
      if (have) addMetrics(have, r);
      else {
        this.daily.set(key, { ...r });
        this.bytes += 4 * key.length + rowBytes;
      }
    }
    for (const r of write.hourly) {
      const key = `${r.siteId}\u0000${r.hour}`;
      const have = this.hourly.get(key);
      if (have) addMetrics(have, r);
      else {
        this.hourly.set(key, { ...r });
        this.bytes += 4 * key.length + rowBytes;
      }
    }
    for (const r of write.revenue ?? []) {
      const key = `${r.siteId}\u0000${r.day}\u0000${r.event}\u0000${r.currency}`;
      const have = this.revenue.get(key);
      if (have) {
        have.amount += r.amount;
        have.conversions += r.conversions;
      } else {
        this.revenue.set(key, { ...r });
        this.bytes += 4 * key.length + rowBytes;
      }
    }
  }

  /** The sums in key order (the counters' primary key order: pages written in sequence). */
  toWrite(): CounterWrite {
    return {
      daily: [...this.daily.values()].sort(compareDaily),
      hourly: [...this.hourly.values()].sort(compareHourly),
      revenue: [...this.revenue.values()].sort(compareRevenue),
    };
  }
}

export class CounterJournal {
  private pending = new PendingSums();
  /** Journal rows appended by this process and not merged yet, and the last one's id. */
  private appended = 0;
  private lastId = 0;
  private timer: NodeJS.Timeout | undefined;
  /** This store's name on its journal rows. */
  private readonly writer = randomUUID();
  private readonly maxPendingKeys: number;
  private readonly maxPendingBytes: number;
  private statements:
    | {
        insert: Database.Statement;
        deleteUpTo: Database.Statement;
        readAll: Database.Statement;
        mergeTx: (write: CounterWrite, lastId: number, count: number) => void;
      }
    | undefined;
  /** Merges that failed (the rows stay journaled and are merged by a later one). */
  failedMerges = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly apply: ApplyCounters,
    private readonly cacheWrite: CacheWrite,
    private readonly options: CounterJournalOptions = {},
  ) {
    this.maxPendingKeys = options.maxPendingKeys ?? defaultMaxPendingKeys;
    this.maxPendingBytes = options.maxPendingBytes ?? 16 * 1024 * 1024;
  }

  /** The journal table exists (the database is migrated): open() can run. */
  get tableExists(): boolean {
    return (
      this.sqlite
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'counter_journal'")
        .get() !== undefined
    );
  }

  /**
   * Once the table exists (after migrations): merges what a previous process left (a crash) and
   * starts the merge timer. Until then, append() refuses (no table) and there is nothing to merge.
   */
  open(): void {
    if (this.statements) return;
    const deleteOwn = this.sqlite.prepare(
      'DELETE FROM counter_journal WHERE writer = ? AND id <= ?',
    );
    this.statements = {
      insert: this.sqlite.prepare('INSERT INTO counter_journal (writer, write) VALUES (?, ?)'),
      deleteUpTo: this.sqlite.prepare('DELETE FROM counter_journal WHERE id <= ?'),
      readAll: this.sqlite.prepare('SELECT id, write FROM counter_journal ORDER BY id'),
      mergeTx: this.sqlite.transaction((write: CounterWrite, lastId: number, count: number) => {
        if (deleteOwn.run(this.writer, lastId).changes !== count) throw new JournalRaced();
        this.apply(write);
      }),
    };
    this.mergeFromTable();
    const every = this.options.mergeEveryMs ?? defaultMergeEveryMs;
    this.timer = setInterval(() => {
      try {
        this.merge();
      } catch {
        this.failedMerges++;
      }
    }, every);
    this.timer.unref();
  }

  /**
   * Durable once this returns: one journal row in its own transaction. Rows the counter tables
   * would refuse are refused here (InvalidCounterRow), before anything is written.
   */
  append(write: CounterWrite): void {
    if (write.daily.length === 0 && write.hourly.length === 0 && !write.revenue?.length) return;
    const { insert } = this.statements ?? (this.open(), this.statements!);
    checkWrite(write);
    const text = encodeWrite(write);
    // Through the report cache's write so that it counts this change as its own (no rows to add).
    const id = this.cacheWrite([], () => insert.run(this.writer, text).lastInsertRowid);
    this.lastId = Number(id);
    this.appended++;
    this.pending.add(write);
    if (this.pending.keys >= this.maxPendingKeys || this.pending.bytes >= this.maxPendingBytes) {
      try {
        this.merge();
      } catch {
        // The rows are durable in the journal; the timer or the next read merges them.
        this.failedMerges++;
      }
    }
  }

  /** Adds everything pending to the counters, in one transaction; a no-op when nothing is. */
  merge(): void {
    if (this.appended === 0 || !this.statements) return;
    const { mergeTx } = this.statements;
    const write = this.pending.toWrite();
    try {
      this.cacheWrite(write.daily, () => mergeTx(write, this.lastId, this.appended));
    } catch (err) {
      if (!(err instanceof JournalRaced)) throw err;
      // Another connection merged some of these rows: the table holds what is left to merge.
      this.pending = new PendingSums();
      this.appended = 0;
      this.mergeFromTable();
      return;
    }
    this.pending = new PendingSums();
    this.appended = 0;
  }

  /** Merges every row of the journal table (after a crash, or a race with another connection). */
  private mergeFromTable(): void {
    const { readAll, deleteUpTo } = this.statements!;
    this.sqlite
      .transaction(() => {
        const sums = new PendingSums();
        let last = 0;
        for (const row of readAll.iterate() as IterableIterator<{
          id: number;
          write: string;
        }>) {
          sums.add(decodeWrite(row.write));
          last = row.id;
        }
        if (last === 0) return;
        this.apply(sums.toWrite());
        deleteUpTo.run(last);
      })
      .immediate();
  }

  /** Merges what is pending and stops the timer. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.merge();
  }
}
