// Group commit: events merge into the open batch; a batch is written in one transaction as soon as
// the writer is free, and each submitter is answered only after its batch committed.
import { MinuteBatch, type MinuteRow } from '../reports/minutes.js';
import type { RealtimeEvent } from '../reports/realtime.js';
import type { MinuteSource } from '../reports/recent.js';
import type { Store } from '../store/types.js';
import { CounterBatch, compareRevenue } from './batch.js';
import { CapState } from './cap.js';
import type { EventDeltas } from './deltas.js';
import { OTHER, type DailyRow, type RevenueRow } from './types.js';

export interface GroupCommitOptions {
  /** Events waiting for a commit (queued + in flight) before submit() refuses with Overloaded. */
  maxPendingEvents: number;
  /** Events per transaction at most; more wait for the next one. */
  maxBatchEvents: number;
  /** The effective cap of a site (its own or the default, never above the install's ceiling). */
  capFor(siteId: number): number;
  /** Memory budget of the cardinality-cap state in bytes (cap.ts; POMELO_CAP_STATE_MB). */
  capBudgetBytes?: number;
  /** Wall clock in ms: which days can still receive events (cap.ts oldestOpenDay). */
  clock?: () => number;
  onError?(err: unknown): void;
  /** After each committed batch: how long the write took, ms (GET /metrics). */
  onCommit?(ms: number): void;
  /** Monotonic clock in ms for takeLoadFigures (performance.now by default). */
  now?: () => number;
  /**
   * Realtime's minute counters (server/reports/recent.ts), PostgreSQL only: each batch also writes
   * the minute rows of its events and the refusals buffered since, in the same statement.
   */
  minutes?: MinuteSource;
}

/** Longest a batch keeps gathering events that are still arriving, ms. */
const gatherMs = 2;

export class OverloadedError extends Error {
  constructor() {
    super('too many events waiting for the database');
  }
}

interface PendingBatch {
  batch: CounterBatch;
  /** The batch's minute rows (only with options.minutes). */
  minutes?: MinuteBatch;
  waiters: { resolve(): void; reject(err: unknown): void }[];
}

export class GroupCommit {
  private readonly queue: PendingBatch[] = [];
  private readonly cap: CapState;
  private readonly clock: () => number;
  private flushing = false;
  /** A batch is being written (it has left the queue). */
  private writing = false;
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly now: () => number;
  private writeStarted = 0;
  private peakPending = 0;
  private stalledCommit = 0;

  constructor(
    private readonly store: Store,
    private readonly options: GroupCommitOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.clock = options.clock ?? Date.now;
    this.cap = new CapState(options.capBudgetBytes);
  }

  /** Estimated bytes the cardinality-cap state holds (benchmarks and tests). */
  get capStateBytes(): number {
    return this.cap.heldBytes;
  }

  /** Cap-state keys dropped so far (evicted, or days past): each is reloaded when needed again. */
  get capStateDropped(): number {
    return this.cap.dropped;
  }

  /** Events accepted but not yet committed. */
  get pendingEvents(): number {
    return this.pending;
  }

  /**
   * For the load monitor (server/ingest/load-monitor.ts), since the previous call: the most events
   * that waited for a commit at once, and the longest stalled commit in ms: the age of one still
   * running, or how long one that failed had waited.
   */
  takeLoadFigures(): { peakPending: number; stalledCommitMs: number } {
    const running = this.writing ? this.now() - this.writeStarted : 0;
    const figures = {
      peakPending: Math.max(this.peakPending, this.pending),
      stalledCommitMs: Math.max(this.stalledCommit, running),
    };
    this.peakPending = this.pending;
    this.stalledCommit = 0;
    return figures;
  }

  /** How long the commit now running has been running, ms; 0 when none is (GET /readyz). */
  get runningCommitMs(): number {
    return this.writing ? this.now() - this.writeStarted : 0;
  }

  /** True while submit() would refuse: callers can answer 503 before doing any work. */
  get overloaded(): boolean {
    return this.pending >= this.options.maxPendingEvents;
  }

  /** `event` and `nowMs`: what the minute counters need (when options.minutes is set). */
  submit(deltas: EventDeltas, event?: RealtimeEvent, nowMs?: number): Promise<void> {
    if (this.pending >= this.options.maxPendingEvents) {
      return Promise.reject(new OverloadedError());
    }
    let open = this.queue[this.queue.length - 1];
    if (!open || open.batch.events >= this.options.maxBatchEvents) {
      open = { batch: new CounterBatch(), waiters: [] };
      this.queue.push(open);
    }
    open.batch.add(deltas);
    const minutes = this.options.minutes;
    if (minutes && event) {
      (open.minutes ??= new MinuteBatch()).addEvent(event, nowMs ?? this.clock(), minutes.pages);
    }
    if (++this.pending > this.peakPending) this.peakPending = this.pending;
    const done = new Promise<void>((resolve, reject) => open.waiters.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  /** Resolves once every submitted event has been written (or failed). */
  drain(): Promise<void> {
    if (this.pending === 0 && !this.flushing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    // setImmediate lets every request parsed in this I/O phase join the batch before it is written.
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => void this.flushLoop());
    }
  }

  private async flushLoop(): Promise<void> {
    let next: PendingBatch | undefined;
    while ((next = this.queue[0])) {
      await this.gather(next);
      this.queue.shift();
      this.writing = true;
      this.writeStarted = this.now();
      const ok = await this.flush(next);
      // A slow commit that succeeded (a checkpoint's fsync on a busy disk) wrote the data: not a
      // stall. One that failed after waiting (SQLite's busy timeout) is.
      if (!ok) this.stalledCommit = Math.max(this.stalledCommit, this.now() - this.writeStarted);
      else this.options.onCommit?.(this.now() - this.writeStarted);
      this.writing = false;
      if (this.queue.length > 0) await new Promise((r) => setImmediate(r));
    }
    this.flushing = false;
    const idle = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of idle) resolve();
  }

  /**
   * While the batch grew during the last turn of the event loop, gives it one more turn (a poll
   * that does not block: an immediate is pending) for the requests already on their way, up to
   * gatherMs. Under load that merges what would have been two or three transactions into one
   * (fewer counter rows to upsert per event); a lone event is written at once.
   */
  private async gather({ batch }: PendingBatch): Promise<void> {
    const started = this.now();
    let seen = 1;
    while (
      batch.events > seen &&
      batch.events < this.options.maxBatchEvents &&
      this.now() - started < gatherMs
    ) {
      seen = batch.events;
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Writes one batch and answers its submitters; false when the write failed. */
  private async flush({ batch, waiters, minutes }: PendingBatch): Promise<boolean> {
    let refusals: MinuteRow[] = [];
    try {
      const groups = batch.groups();
      // This batch's keys stay loaded until it is written; others may be evicted (reloaded later).
      const pinned = new Set(groups.map((g) => g.key));
      for (const g of groups) {
        if (this.cap.use(g.key)) continue;
        const limit = this.options.capFor(g.siteId) + 1;
        this.cap.load(g.key, await this.store.distinctValues(g.siteId, g.day, g.dimension, limit));
        this.cap.trim(this.clock(), pinned);
      }
      const daily: DailyRow[] = [];
      for (const g of groups) this.cap.applyGroup(g, this.options.capFor(g.siteId), daily);
      this.cap.trim(this.clock(), pinned);
      const revenue = batch.revenueRows();
      const minuteRows = mergeMinutes(
        minutes,
        (refusals = this.options.minutes?.takePending() ?? []),
      );
      await this.store.applyCounterDeltas({
        daily,
        hourly: batch.hourlyRows(),
        ...(revenue.length > 0 && { revenue: foldRevenue(revenue, daily) }),
        ...(minuteRows.length > 0 && { minutes: minuteRows }),
      });
      this.pending -= waiters.length;
      for (const w of waiters) w.resolve();
      return true;
    } catch (err) {
      // Refusals are not this batch's events: they wait for the next commit.
      if (refusals.length > 0) this.options.minutes?.restore(refusals);
      this.cap.reset();
      this.pending -= waiters.length;
      this.options.onError?.(err);
      for (const w of waiters) w.reject(err);
      return false;
    }
  }
}

/** The batch's minute rows and the buffered ones, merged, in key order. */
function mergeMinutes(minutes: MinuteBatch | undefined, pending: MinuteRow[]): MinuteRow[] {
  if (pending.length === 0) return minutes?.toRows() ?? [];
  const all = minutes ?? new MinuteBatch();
  all.addRows(pending);
  return all.toRows();
}

/**
 * Revenue of an event whose name the cardinality cap folded into "(other)" today is kept under
 * "(other)" too: the revenue table never holds more event names than the event counters.
 */
function foldRevenue(rows: RevenueRow[], daily: DailyRow[]): RevenueRow[] {
  const kept = new Set<string>();
  for (const d of daily) {
    if (d.dimension === 'event') kept.add(`${d.siteId}\u0000${d.day}\u0000${d.value}`);
  }
  const out = new Map<string, RevenueRow>();
  for (const r of rows) {
    const event = kept.has(`${r.siteId}\u0000${r.day}\u0000${r.event}`) ? r.event : OTHER;
    const key = `${r.siteId}\u0000${r.day}\u0000${event}\u0000${r.currency}`;
    const have = out.get(key);
    if (have) {
      have.amount += r.amount;
      have.conversions += r.conversions;
    } else out.set(key, { ...r, event });
  }
  return [...out.values()].sort(compareRevenue);
}
