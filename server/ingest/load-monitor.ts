// Measures how late the event loop runs and how long commits wait, one window at a time, and feeds
// each window to the OverloadGovernor (overload.ts). The timer is unref'd: it never keeps the
// process alive.
import type { LoadSample } from './overload.js';

export interface LoadMonitorOptions {
  /** How often the loop's lateness is sampled, ms. */
  tickMs?: number;
  /** Length of one measurement window, ms. */
  windowMs?: number;
  /** Monotonic clock in ms (performance.now by default). */
  now?: () => number;
}

export interface LoadMonitor {
  stop(): void;
}

/**
 * A short repeating timer notes how much later than due it fires: that is how long the loop was
 * busy (or blocked) before it could get to it. perf_hooks.monitorEventLoopDelay was the first
 * choice, but on Node 20 it does not see a loop blocked inside a callback (a synchronous SQLite
 * busy wait), which is one of the cases this must catch.
 */
export interface MonitoredWriter {
  /** Figures since the previous call (GroupCommit.takeLoadFigures). */
  takeLoadFigures(): { peakPending: number; stalledCommitMs: number };
}

export function startLoadMonitor(
  observe: (sample: LoadSample) => void,
  writer: MonitoredWriter,
  options: LoadMonitorOptions = {},
): LoadMonitor {
  const tickMs = options.tickMs ?? 10;
  const windowMs = options.windowMs ?? 100;
  const now = options.now ?? (() => performance.now());
  let due = now() + tickMs;
  let windowStart = now();
  let maxLate = 0;
  const timer = setInterval(() => {
    const t = now();
    maxLate = Math.max(maxLate, t - due);
    due = t + tickMs;
    if (t - windowStart < windowMs) return;
    observe({ loopDelayMs: maxLate, ...writer.takeLoadFigures() });
    windowStart = t;
    maxLate = 0;
  }, tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
