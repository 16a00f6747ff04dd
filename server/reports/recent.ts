// "Recent counts": realtime (the last 30 minutes' visits, pageviews, per-minute series, top pages)
// and the install check's recent outcomes, behind one interface with two implementations.
//
// - In memory (SQLite, one process by design): RealtimeCounter and OutcomeCounter, fed after each
//   commit; nothing in the database, ingestion cost unchanged.
// - Minute counters (PostgreSQL, any number of nodes): the group commit writes the rows of its
//   events in the same statement as the daily and hourly counters (minutes.ts, store/pg.ts), so a
//   committed event is seen by every node and an uncommitted one by none. Refusals that never reach
//   the writer are buffered and join the next commit, or are written by a timer within ~1 s.
import type { Job } from '../jobs/runner.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import {
  PageCap,
  RefusalBuffer,
  outcomesFromRows,
  pruneBefore,
  realtimeFromRows,
  windowOf,
  type MinuteRow,
} from './minutes.js';
import { OutcomeCounter, type NotCountedReason, type RecentOutcomes } from './outcomes.js';
import { RealtimeCounter, type RealtimeEvent, type RealtimeSnapshot } from './realtime.js';

/** What the group commit needs to write minute rows with the counters (minute counters only). */
export interface MinuteSource {
  /** The node's page cap (maxPagesPerSlot per site-minute, the rest "(other)"). */
  readonly pages: PageCap;
  /** Buffered rows (refusals) to add to the commit about to be written; empties the buffer. */
  takePending(): MinuteRow[];
  /** Rows taken by a commit that failed: buffered again for the next one. */
  restore(rows: MinuteRow[]): void;
}

export interface RecentCounts {
  /** 'memory': this process's events only; 'minutes': every node's, from minute_counters. */
  readonly kind: 'memory' | 'minutes';
  /** An accepted event whose batch committed (the in-memory counters; minute counters: nothing). */
  accepted(event: RealtimeEvent, nowMs: number): void;
  /** An event of a known site that was not counted, and why. */
  notCounted(siteId: number, reason: NotCountedReason, nowMs: number): void;
  realtime(siteId: number, nowMs: number, limit?: number): Promise<RealtimeSnapshot>;
  outcomes(siteId: number, nowMs: number): Promise<RecentOutcomes>;
  /** Given to the group commit when minute rows are written with the counters. */
  readonly minuteSource?: MinuteSource;
  /** Periodic work (the prune of old minute rows). */
  readonly jobs: Job[];
  /** Writes what is still buffered (after the writer drained). */
  stop(): Promise<void>;
  /** Refusals left out of the recent outcomes because their buffer was full (minute counters). */
  readonly droppedRefusals: number;
}

export class MemoryRecentCounts implements RecentCounts {
  readonly kind = 'memory';
  readonly jobs: Job[] = [];
  /** Nothing waits for a commit here: a refusal is counted at once. */
  readonly droppedRefusals = 0;

  constructor(
    readonly counter = new RealtimeCounter(),
    readonly outcomeCounter = new OutcomeCounter(),
  ) {}

  accepted(event: RealtimeEvent, nowMs: number): void {
    this.counter.record(event, nowMs);
    this.outcomeCounter.record(event.siteId, event.kind === 'bot' ? 'bot' : 'counted', nowMs);
  }

  notCounted(siteId: number, reason: NotCountedReason, nowMs: number): void {
    this.outcomeCounter.record(siteId, reason, nowMs);
  }

  async realtime(siteId: number, nowMs: number, limit = 10): Promise<RealtimeSnapshot> {
    return this.counter.snapshot(siteId, nowMs, limit);
  }

  async outcomes(siteId: number, nowMs: number): Promise<RecentOutcomes> {
    return this.outcomeCounter.snapshot(siteId, nowMs);
  }

  async stop(): Promise<void> {}
}

export interface MinuteCountsOptions {
  log?: Logger;
  maxPagesPerSlot?: number;
  /** Buffered refusal keys at most (site, minute, reason); past it refusals are dropped. */
  maxPendingKeys?: number;
  /** How long a refusal waits for a commit before the timer writes it, ms. */
  flushMs?: number;
  /** Old rows deleted per statement of the prune job (default 10,000). */
  pruneLimit?: number;
  /** Statements per prune run at most (default 20): the job runs every minute on every node. */
  prunePasses?: number;
}

export class MinuteRecentCounts implements RecentCounts, MinuteSource {
  readonly kind = 'minutes';
  readonly pages: PageCap;
  readonly jobs: Job[];
  private readonly pending: RefusalBuffer;
  private readonly flushMs: number;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: MinuteCountsOptions = {},
  ) {
    this.pages = new PageCap({ maxPagesPerSlot: options.maxPagesPerSlot });
    this.pending = new RefusalBuffer(options.maxPendingKeys);
    this.flushMs = options.flushMs ?? 1_000;
    const limit = options.pruneLimit ?? 10_000;
    const passes = options.prunePasses ?? 20;
    this.jobs = [
      {
        name: 'minute-counters-prune',
        everyMs: 60_000,
        // Bounded work per run, in short statements; enough to keep up with 200,000 rows a minute.
        run: async (nowMs) => {
          for (let i = 0; i < passes; i++) {
            if ((await store.minutes.prune(pruneBefore(nowMs), limit)) < limit) break;
          }
        },
      },
    ];
  }

  get minuteSource(): MinuteSource {
    return this;
  }

  /** Refusals dropped because the buffer was full (GET /metrics). */
  get droppedRefusals(): number {
    return this.pending.dropped;
  }

  accepted(): void {
    // Written by the group commit with the event's counters.
  }

  notCounted(siteId: number, reason: NotCountedReason, nowMs: number): void {
    this.pending.add(siteId, reason, nowMs);
    this.timer ??= setTimeout(() => void this.flushNow(), this.flushMs).unref();
  }

  /** Writes the buffered refusals now, one flush at a time. */
  private flushNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return (this.flushing = this.flushing.then(() => this.flushPending()));
  }

  takePending(): MinuteRow[] {
    return this.pending.size === 0 ? [] : this.pending.take();
  }

  restore(rows: MinuteRow[]): void {
    this.pending.restore(rows);
  }

  private async flushPending(): Promise<void> {
    const minutes = this.takePending();
    if (minutes.length === 0) return;
    try {
      await this.store.applyCounterDeltas({ daily: [], hourly: [], minutes });
    } catch {
      // Held again (within the buffer's bound) for the next commit or flush.
      this.pending.restore(minutes);
      this.options.log?.warn('recent outcomes not written', { rows: minutes.length });
    }
  }

  async realtime(siteId: number, nowMs: number, limit = 10): Promise<RealtimeSnapshot> {
    const { from, to } = windowOf(nowMs);
    const [rows, top] = await Promise.all([
      this.store.minutes.totals(siteId, from, to),
      this.store.minutes.topPages(siteId, from, to, limit),
    ]);
    return realtimeFromRows(rows, top, nowMs);
  }

  async outcomes(siteId: number, nowMs: number): Promise<RecentOutcomes> {
    // This node's own refusals are written first: the install check right after a test visit
    // shows them at once (other nodes' within flushMs).
    if (this.pending.size > 0) await this.flushNow();
    const { from, to } = windowOf(nowMs);
    return outcomesFromRows(await this.store.minutes.totals(siteId, from, to), nowMs);
  }

  async stop(): Promise<void> {
    await this.flushNow();
  }
}

/** Minute counters on PostgreSQL (several nodes share it), in memory on SQLite (one process). */
export function recentCountsFor(store: Store, log?: Logger): RecentCounts {
  return store.dialect === 'postgres'
    ? new MinuteRecentCounts(store, { log })
    : new MemoryRecentCounts();
}
