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
    [{ ...base, dimensions: ['visit:city'] }, 'dimensions[0]', 'Pomelo records no city'],
    [{ ...base, dimensions: ['visit:utm_term'] }, 'dimensions[0]', 'utm_campaign only'],
    [{ ...base, dimensions: ['visit:nope'] }, 'dimensions[0]', 'not counted'],
    [
      { ...base, metrics: ['visit_duration'], dimensions: ['visit:country'] },
      'metrics[0]',
      'is not supported',
    ],
    [
      { ...base, metrics: ['pageviews'], dimensions: ['event:page', 'time:hour'] },
      'dimensions',
      'cannot be broken down by hour',
    ],
    [{ ...base, filters: [['is', 'segment', [2]]] }, 'filters[0]', 'no saved segments'],
    [
      { ...base, filters: [['has_done', ['is', 'event:page', ['/']]]] },
      'filters[0]',
      'operator has_done: behavioral filters',
    ],
    [
      { ...base, filters: [['contains', 'event:page', ['a'], { case_sensitive: true }]] },
      'filters[0]',
      'always ignores case',
    ],
    [
      { ...base, filters: [['is', 'event:page', ['/a'], { case_sensitive: false }]] },
      'filters[0]',
      'compares exactly',
    ],
    [
      {
        ...base,
        filters: [
          [
            'or',
            [
              ['is', 'event:page', ['/a']],
              ['is', 'visit:country', ['FR']],
            ],
          ],
        ],
      },
      'filters[0]',
      'join with "or" only filters of one dimension',
    ],
    [
      { ...base, filters: [['not', ['is', 'event:goal', ['Signup']]]] },
      'filters[0]',
      '"not" applies to one filter',
    ],
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
      'operator matches: regular expressions',
    ],
    [{ ...base, filters: [['and', []]] }, 'filters[0]', 'must be ["and", [filters]]'],
    [{ ...base, dimensions: ['event:page'] }, 'metrics[0]', 'cannot answer visits by event:page'],
    [
      {
        ...base,
        metrics: ['events'],
        dimensions: ['event:props:plan'],
        filters: [['is', 'event:props:plan', ['pro']]],
      },
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

  test('and flattens, not inverts, or joins values of one dimension', () => {
    const q = parseStatsQuery({
      ...base,
      metrics: ['pageviews'],
      filters: [
        [
          'and',
          [
            [
              'or',
              [
                ['contains', 'event:page', ['/blog']],
                ['contains', 'event:page', ['/docs']],
              ],
            ],
            ['not', ['is', 'event:page', ['/blog/draft']]],
          ],
        ],
      ],
    });
    expect(q.filters).toEqual([
      { op: 'contains', values: ['/blog', '/docs'] },
      { op: 'is_not', values: ['/blog/draft'] },
    ]);
  });

  test('country names become ISO codes; Plausible OS names only on a compatibility key', () => {
    const body = {
      ...base,
      metrics: ['visits'],
      dimensions: ['visit:country_name'],
      filters: [['is', 'visit:country_name', ['Estonia', 'United States of America']]],
    };
    expect(parseStatsQuery(body).filters).toEqual([{ op: 'is', values: ['EE', 'US'] }]);
    const os = {
      ...base,
      metrics: ['visits'],
      filters: [['is', 'visit:os', ['Mac', 'GNU/Linux']]],
    };
    expect(parseStatsQuery(os).filters[0]!.values).toEqual(['Mac', 'GNU/Linux']);
    expect(parseStatsQuery(os, { plausibleCompat: true }).filters[0]!.values).toEqual([
      'Mac OS',
      'Linux',
    ]);
  });

  test('a time dimension with a value dimension, ordered by two keys', () => {
    const q = parseStatsQuery(
      {
        ...base,
        metrics: ['visitors'],
        dimensions: ['time:day', 'event:props:is_customer'],
        order_by: [
          ['time:day', 'asc'],
          ['event:props:is_customer', 'desc'],
        ],
      },
      { plausibleCompat: true },
    );
    expect(q).toMatchObject({
      slice: 'event_prop',
      event: undefined,
      prop: 'is_customer',
      by: { kind: 'time', interval: 'day' },
      timeFirst: true,
      orderKeys: [
        { key: 'time', direction: 'asc' },
        { key: 'value', direction: 'desc' },
      ],
      echo: {
        dimensions: ['time:day', 'event:props:is_customer'],
        order_by: [
          ['time:day', 'asc'],
          ['event:props:is_customer', 'desc'],
        ],
      },
    });
  });

  test('a compatibility key: visit_duration of the whole site only', () => {
    const q = { ...base, metrics: ['visit_duration'] };
    expect(parseStatsQuery(q, { plausibleCompat: true }).metrics).toEqual(['visit_duration']);
    expect(() =>
      parseStatsQuery({ ...q, dimensions: ['visit:country'] }, { plausibleCompat: true }),
    ).toThrow('cannot answer visit_duration by visit:country');
  });
});
