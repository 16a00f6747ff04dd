// Per-account lock-out with exponential backoff (pure: the caller passes the clock).

export const lockoutPolicy = {
  /** Failures in a row before the first lock. */
  threshold: 5,
  baseMs: 30_000,
  maxMs: 15 * 60_000,
} as const;

/** How long the account stays locked after its n-th failure in a row (0 below the threshold). */
export function lockDurationMs(failures: number): number {
  if (failures < lockoutPolicy.threshold) return 0;
  const doublings = Math.min(failures - lockoutPolicy.threshold, 20);
  return Math.min(lockoutPolicy.maxMs, lockoutPolicy.baseMs * 2 ** doublings);
}

/** Seconds left on a lock, or 0 when the account may try now. */
export function lockedForSeconds(lockedUntil: string | null, nowMs: number): number {
  if (!lockedUntil) return 0;
  const left = Date.parse(lockedUntil) - nowMs;
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** One rung of the lock schedule: from this many failures in a row, locked until `until`. */
export interface LockStep {
  minFailures: number;
  until: string;
}

/**
 * The whole schedule as of `nowMs`, most failures first, for the store's single atomic
 * UPDATE (the count is only known inside it): every count from the threshold up to the one that
 * reaches the ceiling gets its own rung, and the last rung covers every count above it.
 */
export function lockSteps(nowMs: number): LockStep[] {
  const steps: LockStep[] = [];
  for (let failures = lockoutPolicy.threshold; ; failures++) {
    const ms = lockDurationMs(failures);
    steps.push({ minFailures: failures, until: new Date(nowMs + ms).toISOString() });
    if (ms >= lockoutPolicy.maxMs) break;
  }
  return steps.reverse();
}
