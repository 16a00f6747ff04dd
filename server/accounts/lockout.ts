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
