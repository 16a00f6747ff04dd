import { describe, expect, it } from 'vitest';
import { canFilter, filteredQueries, filterLabel, metricChange } from './filter.js';

describe('report filter', () => {
  it('filters only dimensions whose own rows answer it', () => {
    expect(canFilter('page', '/pricing')).toBe(true);
    expect(canFilter('country', 'FR')).toBe(true);
    expect(canFilter('page', '(other)')).toBe(false);
    expect(canFilter('exit', '/a')).toBe(false);
    expect(canFilter('event', 'Signup')).toBe(false);
    expect(canFilter('event_prop', 'pro')).toBe(false);
  });

  it('names the filter in words', () => {
    expect(filterLabel({ dimension: 'country', value: 'FR' }, 'en-US')).toBe('Country is France');
    expect(filterLabel({ dimension: 'page', value: '/caf%C3%A9' })).toBe('Page is /café');
  });

  it('builds the Stats API queries with the metrics the dimension holds', () => {
    const q = filteredQueries(
      'shop.test',
      { dimension: 'page', value: '/docs' },
      { from: '2025-03-01', to: '2025-03-31' },
      'day',
    );
    expect(q.totals).toEqual({
      site_id: 'shop.test',
      metrics: ['pageviews', 'time_on_page'],
      date_range: ['2025-03-01', '2025-03-31'],
      filters: [['is', 'event:page', ['/docs']]],
    });
    expect(q.series).toEqual({ ...q.totals, dimensions: ['time:day'] });
  });

  it.each([
    ['visits', 15, 10, 50],
    ['visits', 3, 0, null],
    ['visits', 0, 0, 0],
    ['bounce_rate', 40, 55, -15],
    ['time_on_page', null, 12, null],
  ])('%s %s vs %s → %s', (metric, a, b, change) => {
    expect(metricChange(metric, a, b)).toBe(change);
  });
});
