import { describe, expect, test } from 'vitest';
import { lockDurationMs, lockSteps, lockedForSeconds } from './lockout.js';

describe('lock-out backoff', () => {
  test('no lock below the threshold, then doubling up to the ceiling', () => {
    expect(lockDurationMs(4)).toBe(0);
    expect(lockDurationMs(5)).toBe(30_000);
    expect(lockDurationMs(6)).toBe(60_000);
    expect(lockDurationMs(7)).toBe(120_000);
    expect(lockDurationMs(100)).toBe(15 * 60_000);
  });

  test('seconds left on a lock', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(lockedForSeconds(null, now)).toBe(0);
    expect(lockedForSeconds('2026-01-01T00:00:10Z', now)).toBe(10);
    expect(lockedForSeconds('2025-12-31T23:59:59Z', now)).toBe(0);
  });
});

describe('lock schedule for the atomic update', () => {
  test('one rung per count from the threshold to the ceiling, most failures first', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const steps = lockSteps(now);
    expect(steps.map((s) => s.minFailures)).toEqual([10, 9, 8, 7, 6, 5]);
    for (const s of steps) {
      expect(Date.parse(s.until) - now).toBe(lockDurationMs(s.minFailures));
    }
    // The top rung is the ceiling, so every larger count gets the same lock as lockDurationMs.
    expect(lockDurationMs(11)).toBe(Date.parse(steps[0]!.until) - now);
  });
});
