import { expect, test } from 'vitest';
import { CounterBatch } from './batch.js';
import { type DailyRow, zeroMetrics } from './types.js';

const daily = (
  siteId: number,
  day: string,
  dimension: DailyRow['dimension'],
  value: string,
  pageviews = 1,
): DailyRow => ({
  siteId,
  day,
  dimension,
  value,
  ...zeroMetrics(),
  pageviews,
});
const hourly = (pageviews: number) => ({
  siteId: 1,
  hour: '2026-11-29T10',
  ...zeroMetrics(),
  pageviews,
});

test('identical keys are summed and rows come out in key order', () => {
  const b = new CounterBatch();
  b.add({ daily: [daily(2, 'd', 'page', '/b'), daily(1, 'd', 'page', '/a')], hourly: hourly(1) });
  b.add({ daily: [daily(1, 'd', 'page', '/a', 2), daily(1, 'c', 'total', '')], hourly: hourly(2) });
  const w = b.toWrite();
  expect(w.daily.map((r) => [r.siteId, r.day, r.dimension, r.value, r.pageviews])).toEqual([
    [1, 'c', 'total', '', 1],
    [1, 'd', 'page', '/a', 3],
    [2, 'd', 'page', '/b', 1],
  ]);
  expect(w.hourly).toEqual([hourly(3)]);
  expect(b.events).toBe(2);
});

test('rows that sum to zero are not written', () => {
  const b = new CounterBatch();
  b.add({
    daily: [{ ...daily(1, 'd', 'exit', '/a', 0), exits: 1 }],
    hourly: { ...hourly(0), exits: 1 },
  });
  b.add({
    daily: [{ ...daily(1, 'd', 'exit', '/a', 0), exits: -1 }],
    hourly: { ...hourly(0), exits: -1 },
  });
  expect(b.toWrite().daily).toEqual([]);
});
