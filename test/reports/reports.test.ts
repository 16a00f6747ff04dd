// Report routes over counters built from known events (test/reports/fixtures.ts), on every backend:
// exact numbers for every metric and breakdown, across a DST change, a month boundary and the
// comparison period.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testBackends } from '../support/db.js';
import { loadFixtures, site } from './fixtures.js';
import { startReportsServer, type ReportsServer } from './support.js';

const range = 'period=custom&from=2025-03-29&to=2025-04-01';
const api = (path: string) => `/api/sites/${site.domain}${path}`;
const zeroPoint = {
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

describe.each(testBackends())('reports on %s', (backend) => {
  let s: ReportsServer;
  beforeAll(async () => {
    s = await startReportsServer(backend, [site]);
    await loadFixtures(s);
  });
  afterAll(() => s?.close());

  test('totals, daily series and the previous period', async () => {
    const res = await s.get(api(`/report?${range}&compare=previous&interval=day`));
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({
      visits: 6,
      pageviews: 8,
      views_per_visit: 1.33,
      bounce_rate: 33,
      time_on_page: 11,
      scroll_depth: 32,
      exits: 3,
      exit_rate: 38,
      events: 3,
    });
    expect(res.body.series.map((p: any) => [p.date, p.visits, p.pageviews, p.bounce_rate])).toEqual(
      [
        ['2025-03-29', 1, 2, 0],
        ['2025-03-30', 2, 2, 100],
        ['2025-03-31', 1, 2, 0],
        ['2025-04-01', 2, 2, 0],
      ],
    );
    expect(res.body.comparison.range).toEqual({ from: '2025-03-25', to: '2025-03-28' });
    expect(res.body.comparison.totals).toEqual({
      ...zeroPoint,
      visits: 1,
      pageviews: 1,
      views_per_visit: 1,
    });
    expect(res.body.comparison.change).toEqual({
      visits: 500,
      pageviews: 700,
      views_per_visit: 33,
      bounce_rate: 33,
      time_on_page: null,
      scroll_depth: null,
      exits: null,
      exit_rate: 38,
      events: null,
    });
    expect(res.body.comparison.series.map((p: any) => [p.date, p.visits])).toEqual([
      ['2025-03-25', 0],
      ['2025-03-26', 0],
      ['2025-03-27', 1],
      ['2025-03-28', 0],
    ]);
  });

  test('week and month buckets start inside the range', async () => {
    const weeks = await s.get(api(`/timeseries?${range}&interval=week`));
    expect(weeks.body.results.map((p: any) => [p.date, p.visits, p.pageviews])).toEqual([
      ['2025-03-29', 3, 4],
      ['2025-03-31', 3, 4],
    ]);
    const months = await s.get(api(`/timeseries?${range}&interval=month`));
    expect(months.body.results.map((p: any) => [p.date, p.visits, p.pageviews])).toEqual([
      ['2025-03-29', 4, 6],
      ['2025-04-01', 2, 2],
    ]);
  });

  test('hours of the DST day: 23 local hours, UTC hours placed where they start', async () => {
    const res = await s.get(api('/timeseries?period=custom&from=2025-03-30&to=2025-03-30'));
    expect(res.body.interval).toBe('hour');
    const points = res.body.results as any[];
    expect(points).toHaveLength(23);
    expect(
      points.filter((p) => p.pageviews > 0).map((p) => [p.date, p.visits, p.bounce_rate]),
    ).toEqual([
      ['2025-03-30T01:00', 1, 100],
      ['2025-03-30T03:00', 1, 100],
    ]);
    expect(points.some((p) => p.date === '2025-03-30T02:00')).toBe(false);
  });

  test('pages: pageviews, exits, time on page, scroll', async () => {
    const res = await s.get(api(`/breakdown/page?${range}`));
    expect(res.body).toMatchObject({
      dimension: 'page',
      total_rows: 4,
      page: 1,
      limit: 10,
      total: 8,
    });
    expect(res.body.metrics).toEqual([
      'pageviews',
      'exits',
      'exit_rate',
      'time_on_page',
      'scroll_depth',
    ]);
    expect(res.body.results).toEqual([
      {
        value: '/',
        pageviews: 3,
        exits: 2,
        exit_rate: 67,
        time_on_page: 5,
        scroll_depth: 10,
        percentage: 37.5,
      },
      {
        value: '/pricing',
        pageviews: 3,
        exits: 0,
        exit_rate: 0,
        time_on_page: 30,
        scroll_depth: 50,
        percentage: 37.5,
      },
      {
        value: '/100%_off',
        pageviews: 1,
        exits: 0,
        exit_rate: 0,
        time_on_page: null,
        scroll_depth: null,
        percentage: 12.5,
      },
      {
        value: '/docs',
        pageviews: 1,
        exits: 1,
        exit_rate: 100,
        time_on_page: 10,
        scroll_depth: 80,
        percentage: 12.5,
      },
    ]);
  });

  test('pagination and search (case-insensitive, wildcards literal)', async () => {
    const second = await s.get(api(`/breakdown/page?${range}&limit=2&page=2`));
    expect(second.body.results.map((r: any) => r.value)).toEqual(['/100%_off', '/docs']);
    expect(second.body.total_rows).toBe(4);
    const past = await s.get(api(`/breakdown/page?${range}&limit=2&page=3`));
    expect([past.body.results, past.body.total_rows]).toEqual([[], 4]);
    const search = async (q: string) =>
      (await s.get(api(`/breakdown/page?${range}&search=${encodeURIComponent(q)}`))).body;
    expect((await search('PRIC')).results.map((r: any) => r.value)).toEqual(['/pricing']);
    expect((await search('%')).results.map((r: any) => r.value)).toEqual(['/100%_off']);
    expect((await search('_')).results.map((r: any) => r.value)).toEqual(['/100%_off']);
    expect((await search('0_o')).total_rows).toBe(0);
  });

  test.each([
    [
      'entry',
      [
        { value: '/', visits: 3, bounce_rate: 67, percentage: 50 },
        { value: '/pricing', visits: 2, bounce_rate: 0, percentage: 33.3 },
        { value: '/100%_off', visits: 1, bounce_rate: 0, percentage: 16.7 },
      ],
    ],
    [
      'exit',
      [
        { value: '/', exits: 2, pageviews: 3, exit_rate: 67, percentage: 66.7 },
        { value: '/docs', exits: 1, pageviews: 1, exit_rate: 100, percentage: 33.3 },
      ],
    ],
    [
      'source',
      [
        { value: '(direct)', visits: 3, bounce_rate: 33, percentage: 50 },
        { value: 'Google', visits: 1, bounce_rate: 0, percentage: 16.7 },
        { value: 'Twitter', visits: 1, bounce_rate: 100, percentage: 16.7 },
        { value: 'news', visits: 1, bounce_rate: 0, percentage: 16.7 },
      ],
    ],
    [
      'referrer',
      [
        { value: 'google.com', visits: 2, bounce_rate: 0, percentage: 33.3 },
        { value: 't.co', visits: 1, bounce_rate: 100, percentage: 16.7 },
      ],
    ],
    ['utm_source', [{ value: 'news', visits: 1, bounce_rate: 0, percentage: 16.7 }]],
    ['utm_medium', [{ value: 'email', visits: 1, bounce_rate: 0, percentage: 16.7 }]],
    ['utm_campaign', [{ value: 'spring', visits: 1, bounce_rate: 0, percentage: 16.7 }]],
    ['country', [{ value: 'FR', visits: 6, pageviews: 8, percentage: 100 }]],
    ['browser', [{ value: 'Chrome', visits: 6, pageviews: 8, percentage: 100 }]],
    ['os', [{ value: 'Linux', visits: 6, pageviews: 8, percentage: 100 }]],
    [
      'device',
      [
        { value: 'laptop', visits: 3, pageviews: 4, percentage: 50 },
        { value: 'desktop', visits: 1, pageviews: 2, percentage: 16.7 },
        { value: 'mobile', visits: 1, pageviews: 1, percentage: 16.7 },
        { value: 'tablet', visits: 1, pageviews: 1, percentage: 16.7 },
      ],
    ],
    [
      'event',
      [
        { value: 'Signup', events: 2, percentage: 66.7 },
        { value: 'Download', events: 1, percentage: 33.3 },
      ],
    ],
  ])('%s breakdown', async (dimension, expected) => {
    const res = await s.get(api(`/breakdown/${dimension}?${range}`));
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual(expected);
  });

  test('props of one event', async () => {
    const res = await s.get(api(`/breakdown/event_prop?${range}&event=Signup`));
    expect(res.body).toMatchObject({ event: 'Signup', total: 2, total_rows: 2 });
    expect(res.body.results).toEqual([
      { key: 'plan', value: 'free', events: 1, percentage: 50 },
      { key: 'plan', value: 'pro', events: 1, percentage: 50 },
    ]);
    const one = await s.get(api(`/breakdown/event_prop?${range}&event=Signup&prop=plan&search=PR`));
    expect(one.body.results.map((r: any) => r.value)).toEqual(['pro']);
  });

  test('the month boundary: March and April of the same UTC night', async () => {
    const march = await s.get(api('/report?period=custom&from=2025-03-31&to=2025-03-31'));
    const april = await s.get(api('/report?period=custom&from=2025-04-01&to=2025-04-01'));
    expect([march.body.totals.visits, march.body.totals.pageviews]).toEqual([1, 2]);
    expect([
      april.body.totals.visits,
      april.body.totals.pageviews,
      april.body.totals.events,
    ]).toEqual([2, 2, 2]);
  });

  test('today, month to date and last year', async () => {
    const today = await s.get(api('/report?period=today&compare=year'));
    expect(today.body.range).toMatchObject({
      period: 'today',
      from: '2025-04-01',
      to: '2025-04-01',
    });
    expect(today.body.totals.visits).toBe(2);
    expect(today.body.comparison.range).toEqual({ from: '2024-04-01', to: '2024-04-01' });
    expect(today.body.series).toHaveLength(24);
    const month = await s.get(api('/report?period=month'));
    expect(month.body.totals.visits).toBe(2);
    const all = await s.get(api('/report?period=all&interval=day'));
    expect(all.body.range).toMatchObject({ from: '2025-03-27', to: '2025-04-01' });
    expect(all.body.totals.visits).toBe(7);
  });

  test('CSV exports agree with the API, quote RFC 4180 and defuse formulas', async () => {
    const series = await s.get(api(`/export/timeseries.csv?${range}&interval=day`));
    expect(series.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(series.headers.get('content-disposition')).toBe(
      'attachment; filename="shop.test-timeseries-2025-03-29-2025-04-01.csv"',
    );
    expect(series.text).toBe(
      '"date","visits","pageviews","views_per_visit","bounce_rate","time_on_page","scroll_depth","events"\r\n' +
        '"2025-03-29",1,2,2,0,20,65,1\r\n' +
        '"2025-03-30",2,2,1,100,6,10,0\r\n' +
        '"2025-03-31",1,2,2,0,2,10,0\r\n' +
        '"2025-04-01",2,2,1,0,,,2\r\n',
    );
    const props = await s.get(api(`/export/breakdown/event_prop.csv?${range}&event=Download`));
    expect(props.text).toBe(
      `"key","event_prop","events","percentage"\r\n"file","'=cmd|calc",1,100\r\n`,
    );
  });

  test('realtime: the last 30 minutes (memory on SQLite, minute counters on PostgreSQL)', async () => {
    const res = await s.get(api('/realtime'));
    expect(res.body).toMatchObject({
      site: 'shop.test',
      minutes: 30,
      visits: 1,
      pageviews: 1,
      top_pages: [{ page: '/100%_off', pageviews: 1 }],
    });
    expect(res.body.series).toHaveLength(30);
  });

  test('agency overview: 7 days ending today, against the 7 days before', async () => {
    const res = await s.get('/api/overview?period=7d');
    // The bounce rate of the summed counters, as the site's own report gives it (issue 19).
    const report = (await s.get('/api/sites/shop.test/report?period=7d')).body;
    expect(res.body.results).toEqual([
      {
        domain: 'shop.test',
        name: 'shop.test',
        org: null,
        visits: 7,
        pageviews: 9,
        bounce_rate: report.totals.bounce_rate,
        change: { visits: null, pageviews: null },
        sparkline: [0, 1, 0, 1, 2, 1, 2],
        // No goals on this site: no conversions to show (test/reports/goals.test.ts has some).
        conversions: null,
        conversion_rate: null,
      },
    ]);
  });

  test.each([
    ['/report?period=week', 400, 'period must be one of'],
    ['/report?period=custom&from=2025-04-01', 400, 'to must be a date'],
    ['/report?from=2025-04-01', 400, 'from needs period=custom'],
    ['/report?compare=lastyear', 400, 'compare must be one of previous, year'],
    ['/report?colour=red', 400, 'unknown query parameter colour'],
    ['/timeseries?period=30d&interval=hour', 400, 'interval=hour needs a range of at most 7 days'],
    ['/breakdown/page?limit=0', 400, 'limit must be a whole number from 1 to 1000'],
    ['/breakdown/page?page=x', 400, 'page must be a whole number'],
    ['/breakdown/pages', 400, 'dimension must be one of'],
    ['/breakdown/event_prop', 400, 'event is required'],
    ['/breakdown/page?event=Signup', 400, 'event: only for event_prop'],
    ['/export/breakdown/page.json', 404, 'exports end in .csv'],
  ])('%s → %i', async (path, status, message) => {
    const res = await s.get(api(path));
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });

  test('authorization comes first: 401 without a key, 404 for an unknown site', async () => {
    expect((await s.get(api('/report'), null)).status).toBe(401);
    expect((await s.get('/api/sites/nope.test/report')).status).toBe(404);
  });
});
