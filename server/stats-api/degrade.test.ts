import { describe, expect, test } from 'vitest';
import { compatWarning } from './compat.js';
import { compatMeta, widenRows } from './degrade.js';
import { parseStatsQuery } from './parse.js';

const base = { site_id: 'shop.test', date_range: '7d' };
const compat = { plausibleCompat: true };

describe('widenRows: the rows of the parts kept → the request shape', () => {
  test('a dimension left out after a time dimension; a metric not counted', () => {
    const q = parseStatsQuery(
      {
        ...base,
        metrics: ['visitors', 'pageviews'],
        dimensions: ['visit:source', 'time:day', 'visit:referrer'],
      },
      compat,
    );
    expect(q.metrics).toEqual(['visitors']);
    const rows = [{ metrics: [5], dimensions: ['Google', '2025-01-01'] }];
    expect(widenRows(q, rows)).toEqual([
      { metrics: [5, null], dimensions: ['Google', '2025-01-01', null] },
    ]);
  });

  test('a dimension left out first, and every metric null: the stand-in metric is not shown', () => {
    const q = parseStatsQuery(
      { ...base, metrics: ['pageviews'], dimensions: ['visit:city', 'visit:source'] },
      compat,
    );
    expect(q.metrics).toEqual(['visits']);
    expect(widenRows(q, [{ metrics: [7], dimensions: ['Google'] }])).toEqual([
      { metrics: [null], dimensions: [null, 'Google'] },
    ]);
  });

  test('nothing left out: the rows as computed', () => {
    const q = parseStatsQuery({ ...base, metrics: ['visits'], dimensions: ['visit:source'] });
    const rows = [{ metrics: [3], dimensions: ['Google'] }];
    expect(widenRows(q, rows)).toBe(rows);
  });
});

describe('compatMeta: one warning per metric, the most important; every one in meta.warnings', () => {
  test('metric not counted, then filter not applied, then dimension, then approximation', () => {
    const q = parseStatsQuery(
      {
        ...base,
        metrics: ['visitors', 'pageviews'],
        dimensions: ['visit:source', 'visit:city'],
        filters: [['has_done', ['is', 'event:page', ['/']]]],
      },
      compat,
    );
    const meta = compatMeta(q, { visitors: compatWarning('visitors', 'visits')! });
    expect(meta.metric_warnings!.visitors!.code).toBe('filter_not_applied');
    expect(meta.metric_warnings!.visitors!.warning).toMatch(/\(2 more in meta\.warnings\)$/);
    expect(meta.metric_warnings!.pageviews!.code).toBe('metric_not_counted');
    expect(meta.metric_warnings!.pageviews!.warning).toMatch(/\(2 more in meta\.warnings\)$/);
    expect(meta.warnings!.map((w) => `${w.at} ${w.code}`)).toEqual([
      'dimensions[1] dimension_not_recorded',
      'filters[0] filter_not_applied',
      'metrics[1] metric_not_counted',
      'metrics[0] visitors_are_visits',
    ]);
  });

  test('a normal key: the warnings of the metrics as they are, no meta.warnings', () => {
    const q = parseStatsQuery({ ...base, metrics: ['visits'] });
    const revenue = { code: 'no_revenue_goals_matching', warning: 'w' };
    expect(compatMeta(q, { visits: revenue })).toEqual({ metric_warnings: { visits: revenue } });
    expect(compatMeta(q, undefined)).toEqual({});
  });
});
