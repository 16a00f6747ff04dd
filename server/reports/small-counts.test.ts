import { describe, expect, test } from 'vitest';
import { zeroMetrics } from '../counters/types.js';
import { hiddenLabel, hideSmallCounts, protectCount } from './small-counts.js';

const row = (value: string, visits: number, pageviews = visits) => ({
  ...zeroMetrics(),
  value,
  visits,
  pageviews,
});

describe('hideSmallCounts', () => {
  const rows = [row('/a', 9), row('/u/jane', 1, 3), row('/b', 5), row('/c', 4), row('/d', 0, 2)];

  test('without k, every row is kept as it is', () => {
    expect(hideSmallCounts(rows, undefined, (r) => r.visits)).toEqual(rows);
  });

  test('rows below k go into one summed row at the end; the others keep their order', () => {
    const out = hideSmallCounts(rows, 5, (r) => r.visits);
    expect(out.map((r) => r.value)).toEqual(['/a', '/b', hiddenLabel(5)]);
    expect(out[2]).toMatchObject({
      value: 'hidden (fewer than 5)',
      hidden: true,
      visits: 5,
      pageviews: 9,
    });
  });

  test('the sum of every metric is unchanged (totals stay exact)', () => {
    for (const k of [2, 5, 10, 1000]) {
      const out = hideSmallCounts(rows, k, (r) => r.visits);
      const sum = (list: { visits: number; pageviews: number }[]) =>
        list.reduce((a, r) => [a[0]! + r.visits, a[1]! + r.pageviews], [0, 0]);
      expect(sum(out)).toEqual(sum(rows));
      // No shown value row is below k.
      for (const r of out)
        if (r.value !== hiddenLabel(k)) expect(r.visits).toBeGreaterThanOrEqual(k);
    }
  });

  test('the count may be another metric than visits', () => {
    const out = hideSmallCounts(rows, 3, (r) => r.pageviews);
    expect(out.map((r) => r.value)).toEqual(['/a', '/u/jane', '/b', '/c', hiddenLabel(3)]);
  });

  test('nothing hidden: no extra row', () => {
    expect(hideSmallCounts([row('/a', 9)], 5, (r) => r.visits)).toHaveLength(1);
    expect(hideSmallCounts(rows.slice(0, 0), 5, (r) => r.visits)).toEqual([]);
  });
});

test('protectCount', () => {
  expect(protectCount(4, undefined)).toBe(4);
  expect(protectCount(4, 5)).toBeNull();
  expect(protectCount(5, 5)).toBe(5);
  expect(protectCount(0, 5)).toBe(0);
});
