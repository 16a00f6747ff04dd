// Group commit: events merge into the open batch; a batch is written in one transaction as soon as
// the writer is free, and each submitter is answered only after its batch committed.
import type { Store } from '../store/types.js';
import { CounterBatch } from './batch.js';
import { CapState } from './cap.js';
import type { EventDeltas } from './deltas.js';

export interface GroupCommitOptions {
  /** Events waiting for a commit (queued + in flight) before submit() refuses with Overloaded. */
  maxPendingEvents: number;
  /** Events per transaction at most; more wait for the next one. */
  maxBatchEvents: number;
  capFor(siteId: number): number;
  onError?(err: unknown): void;
}

export class OverloadedError extends Error {
  constructor() {
    super('too many events waiting for the database');
  }
}

interface PendingBatch {
  batch: CounterBatch;
  waiters: { resolve(): void; reject(err: unknown): void }[];
}

export class GroupCommit {
  private readonly queue: PendingBatch[] = [];
  private readonly cap = new CapState();
  private flushing = false;
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Events accepted but not yet committed. */
  get pendingEvents(): number {
    return this.pending;
  }

  /** True while submit() would refuse: callers can answer 503 before doing any work. */
  get overloaded(): boolean {
    return this.pending >= this.options.maxPendingEvents;
  }

  submit(deltas: EventDeltas): Promise<void> {
    if (this.pending >= this.options.maxPendingEvents) {
      return Promise.reject(new OverloadedError());
    }
    let open = this.queue[this.queue.length - 1];
    if (!open || open.batch.events >= this.options.maxBatchEvents) {
      open = { batch: new CounterBatch(), waiters: [] };
      this.queue.push(open);
    }
    open.batch.add(deltas);
    this.pending++;
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
    while ((next = this.queue.shift())) {
      await this.flush(next);
      if (this.queue.length > 0) await new Promise((r) => setImmediate(r));
    }
    this.flushing = false;
    const idle = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of idle) resolve();
  }

  private async flush({ batch, waiters }: PendingBatch): Promise<void> {
    try {
      const rows = batch.dailyRows();
      for (const m of this.cap.missingKeys(rows)) {
        const limit = this.options.capFor(m.siteId) + 1;
        this.cap.load(m.key, await this.store.distinctValues(m.siteId, m.day, m.dimension, limit));
      }
      const capped = this.cap.apply(rows, this.options.capFor);
      await this.store.applyCounterDeltas(batch.toWrite(capped));
      this.pending -= waiters.length;
      for (const w of waiters) w.resolve();
    } catch (err) {
      this.cap.reset();
      this.pending -= waiters.length;
      this.options.onError?.(err);
      for (const w of waiters) w.reject(err);
    }
  }
}
