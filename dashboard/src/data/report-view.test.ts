import { describe, expect, it } from 'vitest';
import {
  activeTab,
  fitInterval,
  hashOfView,
  intervalsFor,
  pickTab,
  viewFromHash,
  type ReportView,
} from './report-view.js';

const base: ReportView = {
  range: { period: '30d' },
  compare: null,
  interval: null,
  metric: 'visits',
  tabs: [],
  filter: null,
};

describe('report view in the address', () => {
  it('round-trips every part of a view', () => {
    const view: ReportView = {
      range: { period: 'custom', from: '2025-03-01', to: '2025-03-31' },
      compare: 'year',
      interval: 'week',
      metric: 'pageviews',
      tabs: ['exit', 'referrer'],
      filter: { dimension: 'country', value: 'FR' },
    };
    const hash = hashOfView('#/sites/shop.test', view);
    expect(hash).toBe(
      '#/sites/shop.test?period=custom&from=2025-03-01&to=2025-03-31&compare=year' +
        '&interval=week&metric=pageviews&tabs=exit%2Creferrer&filter=country%3AFR',
    );
    expect(viewFromHash(hash)).toEqual(view);
  });

  it('names the chart metric only when it is not the default', () => {
    expect(hashOfView('#/sites/a', base)).toBe('#/sites/a?period=30d');
    expect(hashOfView('#/sites/a', { ...base, metric: 'pageviews' })).toBe(
      '#/sites/a?period=30d&metric=pageviews',
    );
  });

  it('keeps a filter value with colons, spaces and non-ASCII text', () => {
    const view = { ...base, filter: { dimension: 'source', value: 'a:b c/é?&=' } };
    expect(viewFromHash(hashOfView('#/sites/a', view))).toEqual(view);
  });

  it('keeps the state after a shared link token', () => {
    const hash = hashOfView('#token=shr_abc', { ...base, range: { period: '7d' } });
    expect(hash).toBe('#token=shr_abc?period=7d');
    expect(viewFromHash(hash).range).toEqual({ period: '7d' });
  });

  it.each([
    ['#/sites/a', base],
    ['#/sites/a?period=91d', base],
    ['#/sites/a?period=7d&interval=fortnight', { ...base, range: { period: '7d' } }],
    // Hours over 30 days is not a chart the server draws: back to the default.
    ['#/sites/a?period=30d&interval=hour', base],
    ['#/sites/a?filter=nonsense', base],
    ['#/sites/a?filter=event:signup', base],
    ['#/sites/a?filter=country:(other)', base],
    ['#/sites/a?tabs=exit,,EXIT,<b>', { ...base, tabs: ['exit'] }],
    ['#/sites/a?metric=revenue', base],
    ['#/sites/a?metric=PAGEVIEWS', base],
    ['#/sites/a?metric=pageviews', { ...base, metric: 'pageviews' }],
  ])('%s falls back to defaults where it is wrong', (hash, view) => {
    expect(viewFromHash(hash)).toEqual(view);
  });

  it('offers hours only up to seven days', () => {
    expect(intervalsFor({ period: 'day' })).toEqual(['hour', 'day']);
    expect(intervalsFor({ period: '7d' })).toEqual(['hour', 'day']);
    expect(intervalsFor({ period: '30d' })).toEqual(['day', 'week', 'month']);
    expect(intervalsFor({ period: 'custom', from: '2025-01-01', to: '2025-01-08' })).toEqual([
      'day',
      'week',
      'month',
    ]);
    expect(fitInterval('hour', { period: '12mo' })).toBeNull();
    expect(fitInterval('week', { period: '12mo' })).toBe('week');
  });

  it('opens and closes tabs per panel', () => {
    const pages = ['page', 'entry', 'exit'];
    expect(activeTab(pages, [])).toBe('page');
    expect(activeTab(pages, ['referrer', 'exit'])).toBe('exit');
    expect(pickTab(pages, ['referrer'], 'entry')).toEqual(['referrer', 'entry']);
    expect(pickTab(pages, ['referrer', 'entry'], 'page')).toEqual(['referrer']);
  });
});
