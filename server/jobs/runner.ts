// A small periodic jobs runner: each job runs at start and then every `everyMs`; the clock and the
// timer are injectable so tests drive it by hand (runDue).
import type { Logger } from '../log.js';

export interface Job {
  name: string;
  everyMs: number;
  run(nowMs: number): Promise<void>;
}

export interface JobRunnerOptions {
  now?: () => number;
  log: Logger;
  /** How often due jobs are looked for. */
  tickMs?: number;
  /** After each run: the job's name and whether it succeeded (GET /metrics). */
  onRun?(job: string, ok: boolean): void;
}

export class JobRunner {
  private readonly next = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly jobs: readonly Job[],
    private readonly options: JobRunnerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    const tick = () => void this.runDue();
    this.timer = setInterval(tick, this.options.tickMs ?? 60_000);
    this.timer.unref();
    setImmediate(tick).unref();
  }

  /** Runs every job whose time has come (one pass at a time); failures are logged, not thrown. */
  runDue(): Promise<void> {
    // `finally` is attached after the assignment: a pass with nothing due finishes synchronously,
    // and clearing `running` inside the pass itself would then happen before it was set, leaving
    // the runner stuck on a settled pass forever (no job would run again).
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    for (const job of this.jobs) {
      const now = this.now();
      if ((this.next.get(job.name) ?? 0) > now) continue;
      this.next.set(job.name, now + job.everyMs);
      try {
        await job.run(now);
        this.options.onRun?.(job.name, true);
      } catch (err) {
        this.options.onRun?.(job.name, false);
        this.options.log.warn('job failed', { job: job.name, error: (err as Error)?.name });
      }
    }
  }

  /** Stops scheduling and waits for a running pass to end. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
