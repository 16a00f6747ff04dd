import { expect, test } from 'vitest';
import { CounterBatch } from './batch.js';
import { CapState, capKey } from './cap.js';
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

test('memory stays bounded: past maxKeys the state is dropped and reloaded lazily', () => {
  const cap = new CapState(2);
  cap.load(capKey(1, 'd1', 'page'), []);
  cap.load(capKey(1, 'd2', 'page'), []);
  cap.load(capKey(1, 'd3', 'page'), []);
  expect(cap.has(capKey(1, 'd1', 'page'))).toBe(false);
  expect(cap.has(capKey(1, 'd3', 'page'))).toBe(true);
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
