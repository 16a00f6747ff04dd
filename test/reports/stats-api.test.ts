// POST /api/v2/query over the fixtures on every backend: answers, auth, and refusals naming the part.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testBackends } from '../support/db.js';
import { loadFixtures, site } from './fixtures.js';
import { startReportsServer, type ReportsServer } from './support.js';

const dr = ['2025-03-29', '2025-04-01'];
const base = { site_id: site.domain, date_range: dr };

describe.each(testBackends())('Stats API on %s', (backend) => {
  let s: ReportsServer;
  beforeAll(async () => {
    s = await startReportsServer(backend, [site]);
    await loadFixtures(s);
  });
  afterAll(() => s?.close());

  const rows = async (body: object) => {
    const res = await s.query({ ...base, ...body });
    expect(res.status).toBe(200);
    return res.body.results.map((r: any) => [...r.dimensions, ...r.metrics]);
  };

  test('exit pages: visits are the visits that ended there', async () => {
    expect(
      await rows({ metrics: ['visits', 'exit_rate'], dimensions: ['visit:exit_page'] }),
    ).toEqual([
      ['/', 2, 67],
      ['/docs', 1, 100],
    ]);
  });

  test('entry pages, countries and event names', async () => {
    expect(
      await rows({ metrics: ['visits', 'bounce_rate'], dimensions: ['visit:entry_page'] }),
    ).toEqual([
      ['/', 3, 67],
      ['/pricing', 2, 0],
      ['/100%_off', 1, 0],
    ]);
    expect(
      await rows({
        metrics: ['visits', 'pageviews', 'views_per_visit'],
        dimensions: ['visit:country'],
      }),
    ).toEqual([['FR', 6, 8, 1.33]]);
    expect(
      await rows({
        metrics: ['events'],
        dimensions: ['event:name'],
        order_by: [['event:name', 'asc']],
      }),
    ).toEqual([
      ['Download', 1],
      ['Signup', 2],
    ]);
  });

  test('hours of the DST day, in Plausible labels', async () => {
    const res = await s.query({
      site_id: site.domain,
      date_range: ['2025-03-30', '2025-03-30'],
      metrics: ['visits'],
      dimensions: ['time:hour'],
    });
    expect(res.body.results).toHaveLength(23);
    expect(res.body.results.filter((r: any) => r.metrics[0] > 0)).toEqual([
      { metrics: [1], dimensions: ['2025-03-30 01:00:00'] },
      { metrics: [1], dimensions: ['2025-03-30 03:00:00'] },
    ]);
    expect(res.body.query.date_range).toEqual([
      '2025-03-30T00:00:00+01:00',
      '2025-03-30T23:59:59+02:00',
    ]);
  });

  test('a daily series of one page (same-dimension filter)', async () => {
    expect(
      await rows({
        metrics: ['pageviews'],
        dimensions: ['time:day'],
        filters: [['is', 'event:page', ['/pricing']]],
      }),
    ).toEqual([
      ['2025-03-29', 1],
      ['2025-03-30', 0],
      ['2025-03-31', 1],
      ['2025-04-01', 1],
    ]);
  });

  test('auth first: 401 without a key, 404 for an unknown site', async () => {
    expect((await s.query({ ...base, metrics: ['visits'] }, null)).status).toBe(401);
    expect((await s.query({ ...base, metrics: ['visitors'] }, null)).status).toBe(401);
    expect((await s.query({ ...base, site_id: 'nope.test', metrics: ['visits'] })).status).toBe(
      404,
    );
  });

  test.each([
    ['{not json', 'body: the body must be JSON'],
    [
      { ...base, metrics: ['visits'], dimensions: ['visit:region'] },
      'dimensions[0] visit:region: Pomelo records no region',
    ],
    [
      {
        ...base,
        metrics: ['visits'],
        dimensions: ['visit:source'],
        filters: [['is', 'event:page', ['/']]],
      },
      'filters[0]: counters cannot combine visit:source with event:page',
    ],
  ])('400 for %j', async (body, message) => {
    const res = await s.query(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });
});
