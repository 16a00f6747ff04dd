import { describe, expect, test } from 'vitest';
import { ReportInputError } from '../reports/errors.js';
import { parseStatsQuery } from './parse.js';

const base = { site_id: 'shop.test', metrics: ['visits'], date_range: '7d' };

describe('parseStatsQuery refusals name the part', () => {
  test.each([
    [{ ...base, metrics: ['visitors'] }, 'metrics[0]', 'no unique visitors'],
    [{ ...base, metrics: ['visits', 'visit_duration'] }, 'metrics[1]', 'no sessions'],
    [{ ...base, metrics: ['conversion_rate'] }, 'metrics[0]', 'needs an event:goal filter'],
    [
      { ...base, metrics: ['events'], filters: [['contains', 'event:goal', ['Sign']]] },
      'filters[0]',
      'only "is" filters event:goal',
    ],
    [
      {
        ...base,
        metrics: ['events'],
        filters: [
          ['is', 'event:goal', ['Signup']],
          ['is', 'visit:country', ['FR']],
        ],
      },
      'filters[1]',
      'cannot combine event:goal with visit:country',
    ],
    [
      {
        ...base,
        metrics: ['events'],
        dimensions: ['visit:source'],
        filters: [['is', 'event:goal', ['Signup']]],
      },
      'dimensions[0]',
      'cannot combine visit:source with event:goal',
    ],
    [
      { ...base, metrics: ['bounce_rate'], dimensions: ['event:goal'] },
      'metrics[0]',
      'cannot answer bounce_rate for goals',
    ],
    [{ ...base, metrics: [] }, 'metrics', 'non-empty'],
    [{ ...base, date_range: '2d' }, 'date_range', 'not supported'],
    [{ ...base, date_range: ['2025-01-01T00:00:00 UTC', '2025-01-02'] }, 'date_range', 'per day'],
    [{ ...base, dimensions: ['visit:city'] }, 'dimensions[0]', 'not counted'],
    [
      { ...base, dimensions: ['event:page', 'visit:country'] },
      'dimensions',
      'cannot combine event:page with visit:country',
    ],
    [
      {
        ...base,
        metrics: ['pageviews'],
        dimensions: ['event:page'],
        filters: [['is', 'visit:country', ['FR']]],
      },
      'filters[0]',
      'cannot combine event:page with visit:country',
    ],
    [
      {
        ...base,
        filters: [
          ['is', 'event:page', ['/']],
          ['is', 'visit:source', ['Google']],
        ],
      },
      'filters[1]',
      'cannot combine event:page with visit:source',
    ],
    [
      { ...base, filters: [['matches', 'event:page', ['^/a']]] },
      'filters[0]',
      'operator "matches"',
    ],
    [{ ...base, filters: [['and', [['is', 'event:page', ['/']]]]] }, 'filters[0]', 'and/or/not'],
    [{ ...base, dimensions: ['event:page'] }, 'metrics[0]', 'cannot answer visits by event:page'],
    [
      { ...base, metrics: ['events'], dimensions: ['event:props:plan'] },
      'filters',
      'needs a filter ["is", "event:name"',
    ],
    [{ ...base, metrics: ['percentage'] }, 'metrics[0]', 'percentage needs a dimension'],
    [
      {
        ...base,
        dimensions: ['visit:source'],
        metrics: ['bounce_rate'],
        order_by: [['bounce_rate', 'desc']],
      },
      'order_by[0]',
      'not bounce_rate',
    ],
    [
      { ...base, dimensions: ['time:hour'], filters: [['is', 'event:page', ['/']]] },
      'filters[0]',
      'totals only',
    ],
    [{ ...base, pagination: { limit: 0 } }, 'pagination.limit', '1 to 10000'],
    [{ ...base, include: { comparisons: true } }, 'include.comparisons', 'not supported'],
    [{ ...base, include: { time_labels: true } }, 'include.time_labels', 'needs a time dimension'],
    [{ ...base, site: 'x' }, 'site', 'not a Stats API field'],
  ])('%j', (body, param, message) => {
    try {
      parseStatsQuery(body);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ReportInputError);
      expect((err as ReportInputError).param).toBe(param);
      expect((err as Error).message).toContain(message);
    }
  });
});

describe('parseStatsQuery accepts what counters answer', () => {
  test('a filter on the breakdown dimension', () => {
    const q = parseStatsQuery({
      ...base,
      metrics: ['pageviews', 'percentage'],
      dimensions: ['event:page'],
      filters: [['contains', 'event:page', ['/blog']]],
    });
    expect(q).toMatchObject({
      slice: 'page',
      filters: [{ op: 'contains', values: ['/blog'] }],
      echo: { order_by: [['pageviews', 'desc']] },
    });
  });

  test('props of one event: the filter values become stored JSON', () => {
    const q = parseStatsQuery({
      ...base,
      metrics: ['events'],
      dimensions: ['event:props:plan'],
      filters: [
        ['is', 'event:name', ['Signup']],
        ['is', 'event:props:plan', ['pro']],
      ],
    });
    expect(q).toMatchObject({
      slice: 'event_prop',
      event: 'Signup',
      prop: 'plan',
      filters: [{ op: 'is', values: ['["Signup","plan","pro"]'] }],
    });
  });

  test('a daily series of some pages', () => {
    const q = parseStatsQuery({
      ...base,
      metrics: ['pageviews'],
      dimensions: ['time:day'],
      filters: [['is', 'event:page', ['/a']]],
    });
    expect(q).toMatchObject({ slice: 'page', dimension: { kind: 'time', interval: 'day' } });
  });
});
