import { describe, expect, it } from 'vitest';
import type { Metrics } from '../api.js';
import { cardValue, emptyMessage, filteredValue, hasActivity, shownChange } from './empty-state.js';

const none: Metrics = {
  visits: 0,
  pageviews: 0,
  views_per_visit: 0,
  bounce_rate: 0,
  time_on_page: null,
  scroll_depth: null,
  exits: 0,
  exit_rate: 0,
  events: 0,
};
const some: Metrics = {
  ...none,
  visits: 4,
  pageviews: 6,
  views_per_visit: 1.5,
  bounce_rate: 25,
  time_on_page: 12,
  exits: 4,
  exit_rate: 67,
};
const eventsOnly: Metrics = { ...none, events: 3 };

describe('empty states', () => {
  it.each([
    ['visits', none, null],
    ['bounce_rate', none, null],
    ['views_per_visit', none, null],
    ['time_on_page', none, null],
    ['visits', some, 4],
    ['bounce_rate', some, 25],
    ['visits', eventsOnly, 0],
    ['bounce_rate', eventsOnly, null],
    ['exit_rate', eventsOnly, null],
  ] as const)('%s of %j → %j', (metric, m, value) => {
    expect(cardValue(metric, m)).toBe(value);
  });

  it('shows no change against an empty earlier period', () => {
    expect(shownChange('visits', some, none, null)).toBeUndefined();
    expect(shownChange('bounce_rate', some, none, 25)).toBeUndefined();
    expect(shownChange('visits', none, some, -100)).toBeUndefined();
    expect(shownChange('visits', some, some, 0)).toBe(0);
    expect(shownChange('visits', some, undefined, undefined)).toBeUndefined();
    expect(shownChange('time_on_page', some, { ...some, time_on_page: null }, null)).toBe(
      undefined,
    );
  });

  it('says "no data yet" only before the first event', () => {
    expect(hasActivity(none)).toBe(false);
    expect(hasActivity(eventsOnly)).toBe(true);
    expect(emptyMessage(false, null)).toBe('empty.noDataYet');
    expect(emptyMessage(false, '2025-03-01')).toBe('empty.noVisitsInPeriod');
    expect(emptyMessage(true, null)).toBeNull();
  });
});

describe('filtered values', () => {
  it.each([
    [{ pageviews: 0, time_on_page: null }, 'pageviews', null],
    [{ pageviews: 2, time_on_page: null }, 'pageviews', 2],
    [{ visits: 0, bounce_rate: 0 }, 'bounce_rate', null],
    [{ visits: 3, bounce_rate: 0 }, 'bounce_rate', 0],
  ])('%j → %s = %j', (totals, metric, value) => {
    expect(filteredValue(totals, metric)).toBe(value);
  });
});
