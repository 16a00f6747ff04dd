import { describe, expect, test } from 'vitest';
import { type LoadSample, OverloadGovernor } from './overload.js';

const options = { maxLoopDelayMs: 100, maxCommitWaitMs: 1000 };
const calm: LoadSample = { loopDelayMs: 5, peakPending: 80, stalledCommitMs: 3 };
const late: LoadSample = { loopDelayMs: 200, peakPending: 900, stalledCommitMs: 20 };

/** How many of `n` events the governor admits in a row. */
function admitted(g: OverloadGovernor, n = 100): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (g.admit()) count++;
  return count;
}

describe('OverloadGovernor', () => {
  test('admits everything while windows are calm', () => {
    const g = new OverloadGovernor(options);
    for (let i = 0; i < 20; i++) g.observe(calm);
    expect(admitted(g)).toBe(100);
    expect(g.admittedShare).toBe(1);
  });

  test('one late window is not an overload; two in a row are', () => {
    const g = new OverloadGovernor(options);
    g.observe(late);
    expect(admitted(g)).toBe(100);
    g.observe(late);
    // 200 ms against a 100 ms limit: the share is cut by half.
    expect(g.admittedShare).toBe(0.5);
    expect(admitted(g)).toBe(50);
    expect(g.retryAfterSeconds).toBe(1);
  });

  test('the further over the limit, the deeper the cut', () => {
    const g = new OverloadGovernor(options);
    g.observe(late);
    g.observe({ ...late, loopDelayMs: 1000 });
    expect(g.admittedShare).toBeCloseTo(0.1);
    expect(admitted(g)).toBe(10);
  });

  test('a single window far over the limit (a blocked loop) is an overload on its own', () => {
    const g = new OverloadGovernor(options);
    g.observe({ ...late, loopDelayMs: 400 });
    expect(g.admittedShare).toBe(0.25);
  });

  test('a late loop with few events waiting is not shed (a busy machine, a long query)', () => {
    const g = new OverloadGovernor(options);
    for (let i = 0; i < 5; i++) g.observe({ ...late, peakPending: 100, loopDelayMs: 2000 });
    expect(g.admittedShare).toBe(1);
  });

  test('a stuck commit refuses everything, with a longer Retry-After, until commits recover', () => {
    const g = new OverloadGovernor(options);
    g.observe({ ...calm, stalledCommitMs: 1500 });
    expect(admitted(g)).toBe(0);
    expect(g.retryAfterSeconds).toBe(5);
    g.observe({ ...calm, peakPending: 0, stalledCommitMs: 0 });
    expect(g.admittedShare).toBeCloseTo(0.1);
    expect(admitted(g)).toBe(10);
    expect(g.retryAfterSeconds).toBe(1);
  });

  test('the share grows back by a tenth per calm window', () => {
    const g = new OverloadGovernor(options);
    g.observe(late);
    g.observe(late);
    g.observe(late);
    expect(g.admittedShare).toBe(0.25);
    const shares: number[] = [];
    for (let i = 0; i < 9; i++) {
      g.observe(calm);
      shares.push(Math.round(g.admittedShare * 100) / 100);
    }
    expect(shares).toEqual([0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 1, 1]);
  });

  test('a late window keeps the share where it is (neither calm nor confirmed)', () => {
    const g = new OverloadGovernor(options);
    g.observe(late);
    g.observe(late); // 0.5
    g.observe(calm); // 0.6
    g.observe(late); // late again, but the window before was calm
    expect(g.admittedShare).toBeCloseTo(0.6);
  });

  test('admissions are spread evenly, not in runs', () => {
    const g = new OverloadGovernor(options);
    g.observe(late);
    g.observe(late);
    const pattern = Array.from({ length: 6 }, () => (g.admit() ? 'y' : 'n')).join('');
    expect(pattern).toBe('nynyny');
  });

  test('a limit of 0 turns each rule off', () => {
    const g = new OverloadGovernor({ maxLoopDelayMs: 0, maxCommitWaitMs: 0 });
    for (let i = 0; i < 5; i++)
      g.observe({ loopDelayMs: 5000, peakPending: 10_000, stalledCommitMs: 60_000 });
    expect(admitted(g)).toBe(100);
  });
});
