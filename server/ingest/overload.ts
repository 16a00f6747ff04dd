// Decides when ingestion sheds load, from the event loop's delay, how many events wait, and how
// long commits take. Pure: the caller passes each measurement window in; no timers, no clock.
//
// Why these signals: under a burst the queue builds in front of the process (the kernel's accept
// and socket buffers), where no pending-events cap can see it; what the process does see is its own
// event loop running late with many events in hand. A stalled database shows as a commit that
// runs too long (PostgreSQL, awaited) or fails after blocking the loop (SQLite's busy wait).

export interface OverloadOptions {
  /** Event-loop delay, in ms, above which a busy window counts as late (0 = never). */
  maxLoopDelayMs: number;
  /**
   * A commit still running after this many ms, or one that failed after waiting this long, means
   * the database is stuck: nothing is admitted (0 = never).
   */
  maxCommitWaitMs: number;
  /**
   * Events waiting at once below which a late loop is not ingestion's doing (a machine short of
   * CPU, a long report query): shedding them would not help. Default 256.
   */
  minPendingToShed?: number;
}

/** What one measurement window saw. */
export interface LoadSample {
  /** The longest event-loop delay in the window, ms. */
  loopDelayMs: number;
  /** The most events that waited for a commit at once during the window. */
  peakPending: number;
  /** The longest stalled commit in the window, ms: one still running, or one that failed. */
  stalledCommitMs: number;
}

/** Share of events admitted again after each window that was not overloaded. */
const recoveryStep = 0.1;
/** A late window at least this many times over the limit is overloaded on its own. */
const severeFactor = 4;

/**
 * Admits a share of events: 1 normally; cut by at least half for every overloaded window (more the
 * further the delay is over the limit), to nothing while commits are stuck, and grown back by a
 * tenth per calm window. A window is late when the loop ran later than the limit while many events
 * waited; it is overloaded when the previous window was late too, or when it is far over the limit:
 * one late wake-up is not an overload, a loop that stays late is. Admission is spread evenly (a
 * credit counter), not drawn at random, so the same inputs always give the same answers.
 */
export class OverloadGovernor {
  private share = 1;
  private credit = 0;
  private lateBefore = false;
  private stuck = false;
  private readonly minPending: number;

  constructor(private readonly options: OverloadOptions) {
    this.minPending = options.minPendingToShed ?? 256;
  }

  /** The share of events currently admitted, 0..1. */
  get admittedShare(): number {
    return this.share;
  }

  /** Feeds one measurement window. */
  observe(sample: LoadSample): void {
    const { maxLoopDelayMs, maxCommitWaitMs } = this.options;
    this.stuck = maxCommitWaitMs > 0 && sample.stalledCommitMs > maxCommitWaitMs;
    const late =
      maxLoopDelayMs > 0 &&
      sample.peakPending >= this.minPending &&
      sample.loopDelayMs > maxLoopDelayMs;
    const overloaded =
      late && (this.lateBefore || sample.loopDelayMs >= severeFactor * maxLoopDelayMs);
    this.lateBefore = late;
    if (this.stuck) {
      this.share = 0;
    } else if (overloaded) {
      this.share *= Math.min(0.5, maxLoopDelayMs / sample.loopDelayMs);
    } else if (!late) {
      this.share = Math.min(1, this.share + recoveryStep);
    }
    if (this.share >= 1) this.credit = 0;
  }

  /** Whether to take this event; call once per event. */
  admit(): boolean {
    if (this.share >= 1) return true;
    this.credit += this.share;
    if (this.credit < 1 - 1e-9) return false; // ten times 0.1 must make one
    this.credit -= 1;
    return true;
  }

  /** Seconds a refused client should wait: longer while commits are stuck. */
  get retryAfterSeconds(): number {
    return this.stuck ? 5 : 1;
  }
}
