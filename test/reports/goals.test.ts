// Issue 13 §1–3: goals computed from the counters already stored (retroactive), revenue counted at
// ingestion per currency (exact), the goals report, the goal filter of the site report, the agency
// overview, CSV, and the Stats API's event:goal / conversion_rate / revenue metrics — over real
// HTTP, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testBackends } from '../support/db.js';
import { postEvent } from '../support/server.js';
import { startReportsServer, type ReportsServer } from './support.js';

const domain = 'goals.test';
const range = 'period=custom&from=2025-02-10&to=2025-02-11';
const dateRange = ['2025-02-10', '2025-02-11'];
const base = { d: domain, z: 'Europe/Paris', w: 1280 };
const pv = (path: string, r: string | null = null) => ({
  ...base,
  n: 'pageview',
  u: `https://${domain}${path}`,
  r,
});
const custom = (n: string, extra: Record<string, unknown> = {}) => ({
  ...base,
  n,
  u: `https://${domain}/checkout`,
  r: null,
  ...extra,
});

/**
 * 4 visits (entries), 5 pageviews. Pages matching "/thanks*": /thanks, /thanks/, /thanks-again (3).
 * Signup: 2 (plan=pro 1). Purchase: 3 events; EUR revenue 19.99 + 5.01 = 25 on 2 events; USD 10.
 */
const events: [string, Record<string, unknown>][] = [
  ['2025-02-10T09:00:00Z', pv('/')],
  ['2025-02-10T09:01:00Z', pv('/thanks', `https://${domain}/`)],
  ['2025-02-10T09:02:00Z', custom('Signup', { p: { plan: 'pro' } })],
  ['2025-02-10T09:03:00Z', custom('Purchase', { $: { currency: 'EUR', amount: 19.99 } })],
  ['2025-02-10T10:00:00Z', pv('/')],
  // Plausible's Events API shape, the amount as a decimal string.
  ['2025-02-10T10:01:00Z', custom('Purchase', { revenue: { currency: 'EUR', amount: '5.01' } })],
  ['2025-02-10T10:02:00Z', custom('Purchase', { $: { currency: 'USD', amount: 10 } })],
  ['2025-02-11T09:00:00Z', pv('/thanks/')],
  ['2025-02-11T09:01:00Z', custom('Signup', { p: { plan: 'free' } })],
  ['2025-02-11T10:00:00Z', pv('/thanks-again')],
];

const goals = [
  { name: 'Thank-you page', page: '/thanks*' },
  { name: 'Signup pro', event: 'Signup', prop: { key: 'plan', value: 'pro' } },
  { event: 'Signup' },
  { name: 'Purchase EUR', event: 'Purchase', currency: 'EUR' },
];

/** A site with the smallest cardinality cap: what goes past it is folded into "(other)". */
const capped = { domain: 'capped.test', timezone: 'UTC', cardinalityCap: 10 };

describe.each(testBackends())('goals on %s', (backend) => {
  let s: ReportsServer;
  beforeAll(async () => {
    s = await startReportsServer(backend, [{ domain, timezone: 'UTC' }, capped]);
    for (const [at, body] of events) await s.event(at, body);
    s.setClock('2025-02-12T12:00:00Z');
  });
  afterAll(() => s?.close());

  const site = () => s.server.store.siteByDomain(domain).then((x) => x!);

  test('revenue is stored exactly, per currency, never converted', async () => {
    const { id } = await site();
    expect(await s.server.store.goals.revenueTotals(id, '2025-02-10', '2025-02-11')).toEqual([
      { event: 'Purchase', currency: 'EUR', amount: 25_000, conversions: 2 },
      { event: 'Purchase', currency: 'USD', amount: 10_000, conversions: 1 },
    ]);
  });

  test('bad revenue is refused with a 400 naming it, and changes nothing', async () => {
    const { id } = await site();
    const before = await s.server.store.dailyRows(id);
    const bad: unknown[] = [
      { currency: 'EUR', amount: -1 },
      { currency: 'EUR', amount: 1e21 },
      { currency: 'EUR', amount: 1_000_000_001 },
      { currency: 'EUR', amount: 'NaN' },
      { currency: 'EUR', amount: 'twelve' },
      { currency: 'EUR', amount: '0.1234567890123456789012345678901234567890' },
      { currency: 'EUR', amount: 0.123456789012345678901234567890123456789 },
      { currency: 'EUR', amount: 1.5e-7 },
      { currency: 'EUR', amount: true },
      { currency: 'EUR' },
      { currency: 'XXX', amount: 1 },
      { currency: 'EURO', amount: 1 },
      { currency: 'eu', amount: 1 },
      { currency: 12, amount: 1 },
      'EUR 12',
      [1],
    ];
    for (const revenue of bad) {
      const res = await postEvent(s.server.url, custom('Purchase', { $: revenue }));
      expect(res.status, JSON.stringify(revenue)).toBe(400);
      expect((res.body as { error: { code: string } }).error.code).toBe('bad_revenue');
    }
    expect(await s.server.store.dailyRows(id)).toEqual(before);
    expect(await s.server.store.goals.revenueTotals(id, '2025-02-10', '2025-02-12')).toHaveLength(
      2,
    );
  });

  test('goals added after the events count them (retroactive)', async () => {
    const { id } = await site();
    for (const g of goals) {
      const { parseGoal } = await import('../../server/goals/goal-input.js');
      const parsed = parseGoal(g);
      if (!parsed.ok) throw new Error(parsed.message);
      await s.server.store.goals.addGoal(id, parsed.goal, '2025-02-12T12:00:00Z');
    }
    const res = await s.get(`/api/sites/${domain}/goals/report?${range}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      site: domain,
      range: { from: '2025-02-10', to: '2025-02-11' },
      visits: 4,
      goals: [
        {
          name: 'Thank-you page',
          kind: 'page',
          conversions: 3,
          conversion_rate: 75,
          revenue: null,
        },
        { name: 'Signup pro', kind: 'event', conversions: 1, conversion_rate: 25, revenue: null },
        { name: 'Signup', kind: 'event', conversions: 2, conversion_rate: 50, revenue: null },
        {
          name: 'Purchase EUR',
          kind: 'revenue',
          conversions: 3,
          conversion_rate: 75,
          revenue: { currency: 'EUR', total: 25, average: 12.5, conversions: 2 },
        },
      ],
      folded: { pageviews: 0, events: 0, props: 0 },
    });
  });

  test('CSV export of the goals report', async () => {
    const res = await s.get(`/api/sites/${domain}/export/goals.csv?${range}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text).toBe(
      [
        '"goal","kind","conversions","conversion_rate","currency","total_revenue","average_revenue"',
        '"Thank-you page","page",3,75,,,',
        '"Signup pro","event",1,25,,,',
        '"Signup","event",2,50,,,',
        '"Purchase EUR","revenue",3,75,"EUR",25,12.5',
        '',
      ].join('\r\n'),
    );
  });

  test('a goal narrows the site report: its conversions per day against the visits', async () => {
    const res = await s.get(
      `/api/sites/${domain}/report?${range}&interval=day&goal=${encodeURIComponent('Thank-you page')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.goal).toEqual({
      name: 'Thank-you page',
      kind: 'page',
      visits: 4,
      conversions: 3,
      conversion_rate: 75,
      revenue: null,
      series: [
        { date: '2025-02-10', visits: 2, conversions: 1, conversion_rate: 50, revenue: null },
        { date: '2025-02-11', visits: 2, conversions: 2, conversion_rate: 100, revenue: null },
      ],
    });
    const purchase = await s.get(`/api/sites/${domain}/report?${range}&goal=Purchase%20EUR`);
    expect(purchase.body.goal.series[0].revenue).toEqual({
      currency: 'EUR',
      total: 25,
      average: 12.5,
      conversions: 2,
    });
    const unknown = await s.get(`/api/sites/${domain}/report?${range}&goal=Nope`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^goal:/);
  });

  test('the agency overview shows conversions and rate per site', async () => {
    s.setClock('2025-02-12T12:00:00Z');
    const res = await s.get('/api/overview?period=7d');
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({
      domain,
      visits: 4,
      conversions: 3 + 1 + 2 + 3,
      conversion_rate: 225,
    });
  });

  test('Stats API: event:goal dimension with conversions, rate and revenue', async () => {
    const res = await s.query({
      site_id: domain,
      metrics: ['events', 'conversion_rate', 'total_revenue', 'average_revenue'],
      date_range: dateRange,
      dimensions: ['event:goal'],
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      {
        dimensions: ['Thank-you page'],
        metrics: [3, 75, null, null],
      },
      {
        dimensions: ['Purchase EUR'],
        metrics: [3, 75, { value: 25, currency: 'EUR' }, { value: 12.5, currency: 'EUR' }],
      },
      { dimensions: ['Signup'], metrics: [2, 50, null, null] },
      { dimensions: ['Signup pro'], metrics: [1, 25, null, null] },
    ]);
  });

  test('Stats API: event:goal filter, in aggregate and by day', async () => {
    const agg = await s.query({
      site_id: domain,
      metrics: ['events', 'conversion_rate'],
      date_range: dateRange,
      filters: [['is', 'event:goal', ['Signup']]],
    });
    expect(agg.status).toBe(200);
    expect(agg.body.results).toEqual([{ metrics: [2, 50], dimensions: [] }]);
    const byDay = await s.query({
      site_id: domain,
      metrics: ['events', 'conversion_rate', 'total_revenue'],
      date_range: dateRange,
      dimensions: ['time:day'],
      filters: [['is', 'event:goal', ['Purchase EUR']]],
    });
    expect(byDay.status).toBe(200);
    expect(byDay.body.results).toEqual([
      { dimensions: ['2025-02-10'], metrics: [3, 150, { value: 25, currency: 'EUR' }] },
      { dimensions: ['2025-02-11'], metrics: [0, 0, { value: 0, currency: 'EUR' }] },
    ]);
    const noGoal = await s.query({
      site_id: domain,
      metrics: ['conversion_rate'],
      date_range: dateRange,
    });
    expect(noGoal.status).toBe(400);
    expect(noGoal.body.error.message).toContain('event:goal');
    const unknown = await s.query({
      site_id: domain,
      metrics: ['events'],
      date_range: dateRange,
      filters: [['is', 'event:goal', ['Nope']]],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('Nope');
  });

  test('Stats API: revenue of goals without a revenue goal is null with a warning', async () => {
    const res = await s.query({
      site_id: domain,
      metrics: ['events', 'total_revenue'],
      date_range: dateRange,
      filters: [['is', 'event:goal', ['Signup']]],
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ metrics: [2, null], dimensions: [] }]);
    expect(res.body.meta.metric_warnings).toEqual({
      total_revenue: {
        code: 'no_revenue_goals_matching',
        warning: 'Revenue metrics are null as there are no matching revenue goals.',
      },
    });
  });

  test('Stats API: events are pageviews + custom events (Plausible)', async () => {
    const res = await s.query({
      site_id: domain,
      metrics: ['pageviews', 'events'],
      date_range: dateRange,
    });
    expect(res.body.results).toEqual([{ metrics: [5, 10], dimensions: [] }]);
  });
});

describe.each(testBackends())('folded values on %s', (backend) => {
  let s: ReportsServer;
  beforeAll(async () => {
    s = await startReportsServer(backend, [capped]);
  });
  afterAll(() => s?.close());

  test('values past the cap cannot match a goal; the report says how much was folded', async () => {
    const at = (i: number) => `2025-02-10T10:${String(i).padStart(2, '0')}:00Z`;
    const base = { d: capped.domain, r: null, w: 1280 };
    for (let i = 1; i <= 12; i++) {
      await s.event(at(i), { ...base, n: 'pageview', u: `https://${capped.domain}/p${i}` });
    }
    for (let i = 1; i <= 12; i++) {
      await s.event(at(20 + i), {
        ...base,
        n: `E${i}`,
        u: `https://${capped.domain}/buy`,
        $: { currency: 'EUR', amount: 1.5 },
      });
    }
    s.setClock('2025-02-11T12:00:00Z');
    const { id } = (await s.server.store.siteByDomain(capped.domain))!;
    // Revenue of a folded event name is folded with it: never more names than the event counters.
    const revenue = await s.server.store.goals.revenueTotals(id, '2025-02-10', '2025-02-10');
    expect(revenue.find((r) => r.event === '(other)')).toEqual({
      event: '(other)',
      currency: 'EUR',
      amount: 3_000,
      conversions: 2,
    });
    expect(revenue.filter((r) => r.event !== '(other)')).toHaveLength(10);
    for (const g of [
      { name: 'Pages', page: '/p*' },
      { name: 'First', event: 'E1', currency: 'EUR' },
      { name: 'Last', event: 'E12', currency: 'EUR' },
    ]) {
      const { parseGoal } = await import('../../server/goals/goal-input.js');
      const parsed = parseGoal(g);
      if (!parsed.ok) throw new Error(parsed.message);
      await s.server.store.goals.addGoal(id, parsed.goal, '2025-02-11T12:00:00Z');
    }
    const res = await s.get(
      `/api/sites/${capped.domain}/goals/report?period=custom&from=2025-02-10&to=2025-02-10`,
    );
    expect(res.status).toBe(200);
    expect(res.body.goals.map((g: { conversions: number }) => g.conversions)).toEqual([10, 1, 0]);
    expect(res.body.goals[1].revenue).toEqual({
      currency: 'EUR',
      total: 1.5,
      average: 1.5,
      conversions: 1,
    });
    expect(res.body.goals[2].revenue).toEqual({
      currency: 'EUR',
      total: 0,
      average: null,
      conversions: 0,
    });
    expect(res.body.folded).toEqual({ pageviews: 2, events: 2, props: 0 });
  });

  test('retention purges old revenue; deleting the site deletes its goals and revenue', async () => {
    const { id } = (await s.server.store.siteByDomain(capped.domain))!;
    await s.server.store.accounts.purgeCounters(id, '2025-02-10', '2025-02-10T00');
    expect(await s.server.store.goals.revenueTotals(id, '2025-02-10', '2025-02-10')).toHaveLength(
      11,
    );
    await s.server.store.accounts.purgeCounters(id, '2025-02-11', '2025-02-11T00');
    expect(await s.server.store.goals.revenueTotals(id, '2025-02-10', '2025-02-10')).toEqual([]);
    expect(await s.server.store.goals.goalsOf(id)).toHaveLength(3);
    expect(await s.server.store.removeSite(capped.domain)).toBe(true);
    expect(await s.server.store.goals.goalsOf(id)).toEqual([]);
  });
});
