import { describe, expect, it } from 'vitest';
import { shapeSeries, shareOfMax } from './series.js';

const point = (date: string, visits: number, pageviews: number) => ({ date, visits, pageviews });

describe('series shaping', () => {
  it('labels buckets and picks the metric', () => {
    const data = shapeSeries(
      [point('2025-03-29', 3, 4), point('2025-03-30', 1, 2)],
      'pageviews',
      'day',
      null,
      'en-US',
    );
    expect(data).toEqual({ labels: ['Mar 29', 'Mar 30'], current: [4, 2], previous: null });
  });

  it('aligns the comparison by position and pads the missing buckets', () => {
    const data = shapeSeries(
      [point('2025-03-29', 3, 4), point('2025-03-30', 1, 2), point('2025-03-31', 5, 5)],
      'visits',
      'day',
      [point('2025-03-26', 2, 2), point('2025-03-27', 0, 0)],
      'en-US',
    );
    expect(data.current).toEqual([3, 1, 5]);
    expect(data.previous).toEqual([2, 0, null]);
    expect(data.previousLabels).toEqual(['Mar 26', 'Mar 27', null]);
  });

  it('scales breakdown bars to the largest value', () => {
    expect(shareOfMax([8, 4, 1])).toEqual([100, 50, 13]);
    expect(shareOfMax([0, 0])).toEqual([0, 0]);
    expect(shareOfMax([])).toEqual([]);
  });
});
