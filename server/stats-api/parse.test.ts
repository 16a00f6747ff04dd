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

  test('a compatibility key: visit_duration of the whole site only (null by a dimension)', () => {
    const q = { ...base, metrics: ['visit_duration'] };
    expect(parseStatsQuery(q, { plausibleCompat: true }).metrics).toEqual(['visit_duration']);
    const byCountry = parseStatsQuery(
      { ...q, dimensions: ['visit:country'] },
      { plausibleCompat: true },
    );
    expect(byCountry.asked).toEqual(['visit_duration']);
    expect(byCountry.degraded).toEqual([
      expect.objectContaining({ code: 'metric_not_counted', at: 'metrics[0]' }),
    ]);
    expect(byCountry.degraded[0]!.warning).toContain('visit_duration in aggregates only');
  });
});

describe('a compatibility key leaves out what counters cannot answer, each part flagged', () => {
  const compat = { plausibleCompat: true };
  const codes = (q: ReturnType<typeof parseStatsQuery>) =>
    q.degraded.map((d) => `${d.at} ${d.code}`);
  const refusal = (body: unknown) => {
    try {
      parseStatsQuery(body, {});
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('a normal key accepted it');
  };

  test('an unrecorded dimension is null in every row, with the reason a normal key gets', () => {
    const body = { ...base, dimensions: ['visit:country', 'visit:city'] };
    const q = parseStatsQuery(body, compat);
    expect(q).toMatchObject({ slice: 'country', nullDimensions: [1] });
    expect(q.echo.dimensions).toEqual(['visit:country', 'visit:city']);
    expect(codes(q)).toEqual(['dimensions[1] dimension_not_recorded']);
    expect(q.degraded[0]!.warning).toContain('Pomelo records no city');
    expect(refusal(body)).toBe(
      'dimensions[1] visit:city: Pomelo records no city: the country comes from the browser timezone, never the IP',
    );
    // Alone, it leaves the totals: one row.
    const alone = parseStatsQuery({ ...base, dimensions: ['visit:region'] }, compat);
    expect(alone).toMatchObject({ dimension: null, slice: 'total', nullDimensions: [0] });
  });

  test('a second value dimension is null; the first keeps its rows, order_by and pagination', () => {
    const body = {
      ...base,
      dimensions: ['visit:utm_medium', 'visit:utm_source'],
      order_by: [['visits', 'asc']],
      pagination: { limit: 3, offset: 1 },
    };
    const q = parseStatsQuery(body, compat);
    expect(q).toMatchObject({
      dimension: { name: 'visit:utm_medium' },
      nullDimensions: [1],
      orderBy: { key: 'visits', direction: 'asc' },
      limit: 3,
      offset: 1,
    });
    expect(codes(q)).toEqual(['dimensions[1] dimensions_not_combined']);
    expect(refusal(body)).toMatch(
      /^counters cannot combine visit:utm_medium with visit:utm_source/,
    );
    // With a time dimension too: the time dimension is kept.
    const timed = parseStatsQuery(
      { ...base, dimensions: ['visit:source', 'time:day', 'visit:referrer'] },
      compat,
    );
    expect(timed).toMatchObject({
      by: { name: 'time:day' },
      timeFirst: false,
      nullDimensions: [2],
    });
  });

  test('a metric the slice does not count is null; ordering by it is left out', () => {
    const body = {
      ...base,
      metrics: ['visitors', 'pageviews'],
      dimensions: ['visit:source'],
      order_by: [['pageviews', 'desc']],
    };
    const q = parseStatsQuery(body, compat);
    expect(q).toMatchObject({
      metrics: ['visitors'],
      asked: ['visitors', 'pageviews'],
      orderBy: null,
    });
    expect(codes(q)).toEqual(['metrics[1] metric_not_counted']);
    expect(refusal({ ...body, metrics: ['visits', 'pageviews'] })).toMatch(
      /^metrics\[1\]: counters cannot answer pageviews by visit:source/,
    );
    // Every metric null: the rows are still read, by the slice's own metric.
    const none = parseStatsQuery({ ...body, metrics: ['pageviews'], order_by: undefined }, compat);
    expect(none).toMatchObject({ metrics: ['visits'], asked: ['pageviews'] });
  });

  test('filters are kept in order while they combine; the others are not applied', () => {
    const body = {
      ...base,
      metrics: ['pageviews'],
      filters: [
        ['is', 'event:page', ['/a']],
        ['is', 'visit:country', ['FR']],
        ['contains', 'event:page', ['docs']],
      ],
    };
    const q = parseStatsQuery(body, compat);
    expect(q.slice).toBe('page');
    expect(q.filters).toEqual([
      { op: 'is', values: ['/a'] },
      { op: 'contains', values: ['docs'] },
    ]);
    expect(codes(q)).toEqual(['filters[1] filter_not_applied']);
    expect(q.degraded[0]!.warning).toContain('upper bound');
    expect(q.degraded[0]!.warning).toContain(refusal(body));
    expect(q.echo.filters).toEqual(body.filters);
  });

  test.each([
    [
      'or across dimensions',
      [
        'or',
        [
          ['is', 'event:page', ['/a']],
          ['is', 'visit:country', ['FR']],
        ],
      ],
    ],
    ['a segment', ['is', 'segment', [2]]],
    ['has_done', ['has_done', ['is', 'event:page', ['/pricing']]]],
    ['has_not_done', ['has_not_done', ['is', 'event:name', ['Signup']]]],
    ['matches', ['matches', 'event:page', ['^/blog']]],
    ['an unrecorded dimension', ['is', 'visit:city', ['Paris']]],
    [
      'not of two filters',
      [
        'not',
        [
          'and',
          [
            ['is', 'event:page', ['/a']],
            ['is', 'event:page', ['/b']],
          ],
        ],
      ],
    ],
  ])('%s: not applied on a compatibility key, a 400 on a normal key', (_name, filter) => {
    const body = { ...base, filters: [['is', 'visit:source', ['Google']], filter] };
    const q = parseStatsQuery(body, compat);
    expect(q.filters).toEqual([{ op: 'is', values: ['Google'] }]);
    expect(codes(q)).toEqual(['filters[1] filter_not_applied']);
    expect(refusal(body)).toMatch(/^filters\[1\]/);
  });

  test.each([
    [{ ...base, metrics: ['visitorz'] }, 'metrics[0]'],
    [{ ...base, date_range: ['2024-01-02', '2024-01-01'] }, 'date_range'],
    [{ ...base, dimensions: ['visit:nope'] }, 'dimensions[0]'],
    [{ ...base, filters: [['has_done']] }, 'filters[0]'],
    [{ ...base, filters: [['has_done', 'x']] }, 'filters[0][1]'],
    [{ ...base, filters: [['is', 'segment', 'x']] }, 'filters[0]'],
    [{ ...base, filters: [['matches', 'event:page', [1]]] }, 'filters[0]'],
    [{ ...base, filters: [['is', 'visit:nope', ['a']]] }, 'filters[0]'],
    [{ ...base, filters: [['or', []]] }, 'filters[0]'],
    [{ ...base, order_by: [['visits', 'up']] }, 'order_by[0]'],
    // Past SQLite's expression depth (found by the compatibility-key fuzz: a 500 before).
    [
      { ...base, filters: Array.from({ length: 101 }, () => ['is', 'event:page', ['/']]) },
      'filters',
    ],
    [
      {
        ...base,
        filters: [['contains', 'event:page', Array.from({ length: 501 }, (_, i) => `/${i}`)]],
      },
      'filters[0]',
    ],
  ])('still malformed: %j stays a 400 on a compatibility key', (body, param) => {
    let error: unknown;
    try {
      parseStatsQuery(body, compat);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ReportInputError);
    expect((error as ReportInputError).param).toBe(param);
  });
});
