import { expect, test } from 'vitest';
import { CounterBatch } from './batch.js';
import { CapState, KEY_OVERHEAD_BYTES, capKey, oldestOpenDay } from './cap.js';
import { type DailyRow, OTHER, zeroMetrics } from './types.js';

const row = (
  value: string,
  pageviews = 1,
  dimension: DailyRow['dimension'] = 'page',
): DailyRow => ({
  siteId: 1,
  day: '2026-11-29',
  dimension,
  value,
  ...zeroMetrics(),
  pageviews,
});

test('values past the cap become (other) and totals stay exact', () => {
  const cap = new CapState();
  const rows = Array.from({ length: 10 }, (_, i) => row(`/p${i}`, i + 1));
  const out = cap.apply(rows, () => 3);
  expect(out.map((r) => r.value)).toEqual(['/p0', '/p1', '/p2', OTHER]);
  expect(out.find((r) => r.value === OTHER)?.pageviews).toBe(4 + 5 + 6 + 7 + 8 + 9 + 10);
  expect(out.reduce((s, r) => s + r.pageviews, 0)).toBe(55);
});

test('known values keep counting after the cap is reached', () => {
  const cap = new CapState();
  cap.apply([row('/a'), row('/b')], () => 2);
  expect(cap.apply([row('/b'), row('/c'), row('/a')], () => 2).map((r) => r.value)).toEqual([
    '/b',
    OTHER,
    '/a',
  ]);
});

test('loaded stored values count toward the cap; a stored (other) does not', () => {
  const cap = new CapState();
  const key = capKey(1, '2026-11-29', 'page');
  expect(cap.missingKeys([row('/x')])).toEqual([
    { key, siteId: 1, day: '2026-11-29', dimension: 'page' },
  ]);
  cap.load(key, ['/a', OTHER]);
  expect(cap.missingKeys([row('/x')])).toEqual([]);
  expect(cap.apply([row('/x'), row('/y')], () => 2).map((r) => r.value)).toEqual(['/x', OTHER]);
});

test('each (site, day, dimension) has its own cap', () => {
  const cap = new CapState();
  const out = cap.apply(
    [row('/a'), row('/b'), row('FR', 1, 'country'), { ...row('/c'), day: '2026-11-30' }],
    () => 1,
  );
  expect(out.map((r) => `${r.day}/${r.dimension}/${r.value}`)).toEqual([
    '2026-11-29/page//a',
    '2026-11-29/page/(other)',
    '2026-11-29/country/FR',
    '2026-11-30/page//c',
  ]);
});

test('memory is bounded in bytes: least recently used keys are evicted, not everything', () => {
  const one = KEY_OVERHEAD_BYTES + 2 * capKey(1, '2026-11-29', 'page').length;
  const cap = new CapState(3 * one + 100); // room for three keys (names differ in length), not four
  const now = Date.parse('2026-11-29T12:00:00Z');
  for (const d of ['page', 'entry', 'exit']) cap.load(capKey(1, '2026-11-29', d), []);
  cap.use(capKey(1, '2026-11-29', 'page')); // now the most recently used
  cap.load(capKey(1, '2026-11-29', 'source'), []);
  cap.trim(now);
  expect(cap.heldBytes).toBeLessThanOrEqual(3 * one + 100);
  expect(cap.has(capKey(1, '2026-11-29', 'entry'))).toBe(false); // the least recently used
  expect(cap.has(capKey(1, '2026-11-29', 'page'))).toBe(true);
  expect(cap.has(capKey(1, '2026-11-29', 'exit'))).toBe(true);
  expect(cap.has(capKey(1, '2026-11-29', 'source'))).toBe(true);
});

test('pinned keys (the batch being written) survive a trim; the rest makes room', () => {
  const cap = new CapState(1);
  const a = capKey(1, '2026-11-29', 'page');
  const b = capKey(2, '2026-11-29', 'page');
  cap.load(a, ['/x']);
  cap.load(b, ['/y']);
  cap.trim(Date.parse('2026-11-29T12:00:00Z'), new Set([a]));
  expect([cap.has(a), cap.has(b)]).toEqual([true, false]);
});

test.each([
  ['2026-12-01T11:59:59Z', '2026-11-30'],
  ['2026-12-01T12:00:00Z', '2026-12-01'],
  ['2026-12-01T00:00:00Z', '2026-11-30'],
])('at %s the oldest day that can still receive events is %s (UTC−12)', (now, day) => {
  expect(oldestOpenDay(Date.parse(now))).toBe(day);
});

test('past days are dropped: only days some timezone is still living', () => {
  const cap = new CapState();
  const keys = ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'].map((d) =>
    capKey(1, d, 'page'),
  );
  for (const k of keys) cap.load(k, ['/a']);
  // 11:00 UTC on Dec 1: Etc/GMT+12 is at 23:00 on Nov 30; Pacific/Kiritimati (UTC+14) on Dec 2.
  cap.trim(Date.parse('2026-12-01T11:00:00Z'));
  expect(keys.map((k) => cap.has(k))).toEqual([false, true, true, true]);
  cap.trim(Date.parse('2026-12-01T12:00:00Z'));
  expect(keys.map((k) => cap.has(k))).toEqual([false, false, true, true]);
  expect(cap.heldBytes).toBe(cap.measure());
});

test('a flood of unique 300-character values never holds more than the budget after a trim', () => {
  const budget = 256 * 1024;
  const cap = new CapState(budget);
  let now = Date.parse('2026-11-29T00:00:00Z');
  let seed = 1;
  const unique = () => `/${(seed++).toString(36).padStart(8, '0')}${'x'.repeat(291)}`;
  let peak = 0;
  let rowsIn = 0;
  let pageviewsOut = 0;
  const dims = ['page', 'entry', 'utm_source', 'event_prop'] as const;
  for (let batch = 0; batch < 400; batch++) {
    now += 15 * 60_000; // four days over the run: past days go
    const day = new Date(now).toISOString().slice(0, 10);
    const out: DailyRow[] = [];
    const b = new CounterBatch();
    for (let i = 0; i < 50; i++) {
      const r = { ...row(unique(), 1, dims[i % 4]), siteId: 1 + (i % 5), day };
      b.add({ daily: [r], hourly: hourlyZero });
      rowsIn++;
    }
    const pinned = new Set(b.groups().map((g) => g.key));
    for (const g of b.groups()) if (!cap.use(g.key)) cap.load(g.key, []);
    for (const g of b.groups()) cap.applyGroup(g, 50_000, out);
    cap.trim(now, pinned);
    pageviewsOut += out.reduce((n, r) => n + r.pageviews, 0);
    cap.trim(now);
    peak = Math.max(peak, cap.heldBytes);
    expect(cap.heldBytes).toBe(cap.measure());
  }
  expect(peak).toBeLessThanOrEqual(budget);
  expect(peak).toBeGreaterThan(budget / 2); // the flood did fill it: the bound was exercised
  expect(pageviewsOut).toBe(rowsIn); // capping moves counts, never loses them
});

test('the writer path (batch groups + applyGroup) writes exactly what apply + toWrite would', () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const dims = ['page', 'source', 'browser', 'total'] as const;
  const byRows = new CapState();
  const byGroups = new CapState();
  for (const cap of [byRows, byGroups]) cap.load(capKey(1, 'd1', 'page'), ['/p1', '/p7']);
  for (let round = 0; round < 30; round++) {
    const batch = new CounterBatch();
    for (let i = 0; i < 40; i++) {
      const value = random(9) === 0 ? OTHER : `/p${random(12)}`;
      const r = { ...row(value, random(3) - 1, dims[random(4)]), siteId: 1 + random(2) };
      batch.add({ daily: [{ ...r, day: `d${1 + random(2)}` }], hourly: hourlyZero });
    }
    const expected = batch.toWrite(byRows.apply(batch.dailyRows(), (site) => 2 + site)).daily;
    const daily: DailyRow[] = [];
    for (const g of batch.groups()) byGroups.applyGroup(g, 2 + g.siteId, daily);
    expect(daily).toEqual(expected);
  }
});

const hourlyZero = { siteId: 1, hour: '2026-11-29T10', ...zeroMetrics() };
