// The agency rollup (issue 19 §9): a combined report of three sites equals the sum of their reports,
// for the totals, the series, the comparison and every breakdown panel, and its CSV exports are the
// same rows. Ratios (bounce rate, time on page, exit rate…) come from the summed counters, never
// from averaging the sites' ratios. Real HTTP, on SQLite and on PostgreSQL (vitest.config.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMetrics, zeroMetrics, type Metrics } from '../../server/counters/types.js';
import {
  breakdownDimensions,
  dimensionSpecs,
  type BreakdownDimension,
} from '../../server/reports/breakdown.js';
import { deriveMetrics, percentage, pick } from '../../server/reports/metrics.js';
import { sumByKey } from '../../server/reports/rollup.js';
import type { TopValuesQuery, ValueTotals } from '../../server/store/reports.js';
import { defaultBackend } from '../support/server.js';
import { startReportsServer, type ReportsServer } from './support.js';

// Two sites in UTC, one in Paris: days are each site's local days, the range the first site's.
const sites = [
  { domain: 'a.test', timezone: 'UTC' },
  { domain: 'b.test', timezone: 'UTC' },
  { domain: 'c.test', timezone: 'Europe/Paris' },
];
const domains = sites.map((s) => s.domain);
const from = '2025-04-01';
const to = '2025-04-03';
const range = `period=custom&from=${from}&to=${to}`;
const previous = ['2025-03-29', '2025-03-31'] as const;

let s: ReportsServer;

/** Deterministic traffic: overlapping paths and sources across sites, beacons, events with props. */
async function traffic() {
  const paths = ['/', '/pricing', '/docs', '/blog/a'];
  const refs = [null, 'https://www.google.com/', 'https://t.co/x', 'https://news.example/'];
  const zones = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo'];
  let minute = 0;
  const days = ['2025-03-30', '2025-04-01', '2025-04-02', '2025-04-03'];
  for (const [si, site] of sites.entries()) {
    for (const [di, day] of days.entries()) {
      for (let i = 0; i < 3 + si + di; i++) {
        const path = paths[(i + si) % paths.length]!;
        const utm = i % 3 === 0 ? `?utm_source=mail&utm_medium=email&utm_campaign=c${si}` : '';
        const pv = {
          n: 'pageview',
          u: `https://${site.domain}${path}${utm}`,
          d: site.domain,
          r: refs[(i + di) % refs.length],
          w: [400, 1280, 1600][i % 3],
          z: zones[(i + si) % zones.length],
          t: 0,
        };
        const at = (m: number) =>
          `${day}T${String(10 + Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00Z`;
        await s.event(at(minute++ % 600), pv);
        await s.event(at(minute++ % 600), {
          ...pv,
          n: 'engagement',
          e: 1000 * (i + 1) * (si + 2),
          sd: (i * 17 + si * 5) % 101,
          c: [0, 2, 6][(i + di + si) % 3],
        });
        if (i % 2 === 0)
          await s.event(at(minute++ % 600), {
            ...pv,
            n: 'Signup',
            p: { plan: ['pro', 'free'][(i + si) % 2] },
          });
      }
    }
  }
}

beforeAll(async () => {
  s = await startReportsServer(defaultBackend(), sites);
  await traffic();
  s.setClock('2025-04-04T12:00:00Z');
}, 120_000);
afterAll(() => s.close());

const ok = async (path: string) => {
  const res = await s.get(path);
  expect(res.status, res.text).toBe(200);
  return res;
};
const siteIds = async () =>
  Promise.all(domains.map(async (d) => (await s.server.store.siteByDomain(d))!.id));

/** The summed raw counters of the three sites, straight from the store, over [fromDay, toDay]. */
async function summedTotals(fromDay: string, toDay: string): Promise<Metrics> {
  const sum = zeroMetrics();
  for (const siteId of await siteIds())
    addMetrics(
      sum,
      await s.server.store.reports.rangeTotals({ siteId, fromDay, toDay, dimension: 'total' }),
    );
  return sum;
}

describe('report: totals, series and comparison', () => {
  test('the totals and the comparison are those of the summed counters', async () => {
    const all = `sites=${domains.join(',')}&${range}&interval=day&compare=previous`;
    const rollup = (await ok(`/api/rollup/report?${all}`)).body;
    expect(rollup.sites).toEqual(domains);
    expect(rollup.range).toMatchObject({ from, to, timezone: 'UTC' });
    const raw = await summedTotals(from, to);
    expect(raw.visits).toBeGreaterThan(20);
    expect(raw.bounces).toBeGreaterThan(0);
    expect(raw.bounces).toBeLessThan(raw.visits);
    expect(rollup.totals).toEqual(deriveMetrics(raw));
    expect(rollup.comparison.totals).toEqual(deriveMetrics(await summedTotals(...previous)));

    // The additive figures are the sum of the three sites' own reports…
    const own = await Promise.all(
      domains.map(async (d) => (await ok(`/api/sites/${d}/report?${range}&interval=day`)).body),
    );
    for (const m of ['visits', 'pageviews', 'exits', 'events'] as const)
      expect(rollup.totals[m]).toBe(own.reduce((a, r) => a + r.totals[m], 0));
    // …and the bounce rate is the summed bounces over the summed visits, not an average of rates.
    expect(rollup.totals.bounce_rate).toBe(Math.round((100 * raw.bounces) / raw.visits));

    // Series: bucket by bucket, the sum of the sites' buckets.
    expect(rollup.series.map((p: { date: string }) => p.date)).toEqual([from, '2025-04-02', to]);
    for (const [i, point] of rollup.series.entries()) {
      const day = point.date as string;
      const sum = zeroMetrics();
      for (const siteId of await siteIds()) {
        const rows = await s.server.store.reports.dailyTotals({
          siteId,
          fromDay: day,
          toDay: day,
          dimension: 'total',
        });
        for (const r of rows) addMetrics(sum, r);
      }
      expect(point).toEqual({ date: day, ...deriveMetrics(sum) });
      expect(point.visits).toBe(own.reduce((a, r) => a + r.series[i].visits, 0));
    }
  });
});

/** Every value of a dimension over the three sites, summed from the store, as the API shows it. */
async function expectedRows(dimension: BreakdownDimension, event?: string) {
  const spec = dimensionSpecs[dimension];
  const sums = new Map<string, Metrics>();
  for (const siteId of await siteIds()) {
    const { rows } = await s.server.store.reports.topValues({
      siteId,
      fromDay: from,
      toDay: to,
      dimension,
      ...(event ? { prefix: `${JSON.stringify([event]).slice(0, -1)},` } : {}),
      orderBy: 'value',
      direction: 'asc',
      limit: 100_000,
      offset: 0,
    });
    for (const r of rows) {
      const into = sums.get(r.value) ?? zeroMetrics();
      addMetrics(into, r);
      sums.set(r.value, into);
    }
  }
  if (dimension === 'exit') {
    // Exit pages show the same pages' pageviews (for the exit rate), summed the same way.
    const pages = await expectedRows('page');
    for (const [value, m] of sums) m.pageviews = pages.sums.get(value)?.pageviews ?? 0;
  }
  return { spec, sums };
}

describe('every breakdown panel', () => {
  test.each(breakdownDimensions)('%s: the sum of the three sites, value by value', async (dim) => {
    const event = dim === 'event_prop' ? '&event=Signup' : '';
    const query = `sites=${domains.join(',')}&${range}&limit=1000${event}`;
    const rollup = (await ok(`/api/rollup/breakdown/${dim}?${query}`)).body;
    const { spec, sums } = await expectedRows(dim, event ? 'Signup' : undefined);
    expect(sums.size).toBeGreaterThan(0);
    expect(rollup.total_rows).toBe(sums.size);
    const total = rollup.total as number;
    const shown = rollup.results.map((r: Record<string, unknown>) => {
      const stored = dim === 'event_prop' ? JSON.stringify(['Signup', r.key, r.value]) : r.value;
      return [stored, r];
    });
    expect(shown.length).toBe(sums.size);
    for (const [value, r] of shown) {
      const m = sums.get(value as string)!;
      expect(m, String(value)).toBeDefined();
      expect(r).toMatchObject({
        ...pick(deriveMetrics(m), spec.metrics),
        percentage: percentage(m[spec.orderBy], total),
      });
    }
    // Ordered as a site's breakdown is: by the panel's metric, ties by value.
    const order = shown.map(([v]: [string]) => sums.get(v)![spec.orderBy]);
    expect(order).toEqual([...order].sort((a, b) => b - a));

    // The additive metric is the sum of the three sites' own panels.
    const own = await Promise.all(
      domains.map(
        async (d) =>
          (await ok(`/api/sites/${d}/breakdown/${dim}?${range}&limit=1000${event}`)).body,
      ),
    );
    const additive = spec.orderBy;
    const metric = spec.metrics[0]!;
    const perValue = new Map<string, number>();
    for (const o of own)
      for (const r of o.results)
        perValue.set(
          `${r.key ?? ''}|${r.value}`,
          (perValue.get(`${r.key ?? ''}|${r.value}`) ?? 0) + r[metric],
        );
    for (const r of rollup.results)
      expect(r[metric], `${additive} of ${r.value}`).toBe(
        perValue.get(`${r.key ?? ''}|${r.value}`),
      );
  });

  test('a page of the rollup is a page of the whole ordered list', async () => {
    const query = `sites=${domains.join(',')}&${range}`;
    const all = (await ok(`/api/rollup/breakdown/source?${query}&limit=1000`)).body.results;
    const second = (await ok(`/api/rollup/breakdown/source?${query}&limit=2&page=2`)).body;
    expect(second.results).toEqual(all.slice(2, 4));
    expect(second.total_rows).toBe(all.length);
  });
});

describe('one query over the sites (store topValues with siteIds)', () => {
  // The rollup asks the store for one page of values summed over the sites; each case here is read
  // both ways: that page, and every site's whole list summed, ordered and cut by hand. The cases
  // cover the SQLite report cache (no filter, `is`), SQL (`contains`, a prefix) and the reports
  // without imported data.
  const cases: [string, Partial<TopValuesQuery>][] = [
    ['pages by visits', { dimension: 'page', orderBy: 'visits' }],
    ['sources by pageviews, second page', { dimension: 'source', orderBy: 'pageviews', offset: 2 }],
    ['pages by value', { dimension: 'page', orderBy: 'value', direction: 'asc' }],
    ['pages, is', { dimension: 'page', filters: [{ op: 'is', values: ['/', '/docs'] }] }],
    ['pages, contains', { dimension: 'page', filters: [{ op: 'contains', values: ['O'] }] }],
    ['event props', { dimension: 'event_prop', prefix: '["Signup",' }],
  ];
  const sortRows = (rows: ValueTotals[], q: TopValuesQuery) => {
    const dir = q.direction === 'asc' ? 1 : -1;
    const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    return rows.sort((a, b) =>
      q.orderBy === 'value'
        ? dir * bytes(a.value, b.value)
        : dir * (a[q.orderBy] - b[q.orderBy]) || bytes(a.value, b.value),
    );
  };
  test.each(cases)('%s', async (_name, more) => {
    const ids = await siteIds();
    for (const repo of [s.server.store.reports, s.server.store.reportsWithoutImports]) {
      const q: TopValuesQuery = {
        siteId: ids[0]!,
        fromDay: from,
        toDay: to,
        dimension: 'page',
        orderBy: 'visits',
        direction: 'desc',
        limit: 3,
        offset: 0,
        ...more,
      };
      const lists = await Promise.all(
        ids.map(
          async (siteId) =>
            (
              await repo.topValues({
                ...q,
                siteId,
                orderBy: 'value',
                direction: 'asc',
                limit: 100_000,
                offset: 0,
              })
            ).rows,
        ),
      );
      const all = sortRows(
        sumByKey(lists, (r) => r.value),
        q,
      );
      expect(all.length).toBeGreaterThan(q.offset);
      const page = await repo.topValues({ ...q, siteIds: ids });
      expect(page).toEqual({
        rows: all.slice(q.offset, q.offset + q.limit),
        totalRows: all.length,
      });
    }
  });
});

describe('CSV of the rollup', () => {
  test('breakdown and series exports carry the same rows as the JSON', async () => {
    const sel = `sites=${domains.join(',')}&${range}`;
    const json = (await ok(`/api/rollup/breakdown/page?${sel}&limit=1000`)).body;
    const csv = await ok(`/api/rollup/export/breakdown/page.csv?${sel}`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="rollup-3-sites-page-${from}-${to}.csv"`,
    );
    const lines = csv.text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      ['page', ...json.metrics, 'percentage'].map((h: string) => `"${h}"`).join(','),
    );
    expect(lines.slice(1)).toEqual(
      json.results.map((r: Record<string, unknown>) =>
        [`"${r.value}"`, ...json.metrics.map((m: string) => r[m] ?? ''), r.percentage].join(','),
      ),
    );

    const report = (await ok(`/api/rollup/report?${sel}&interval=day`)).body;
    const series = await ok(`/api/rollup/export/timeseries.csv?${sel}&interval=day`);
    const rows = series.text.split('\r\n').filter(Boolean).slice(1);
    expect(rows.map((l) => l.split(',')[1])).toEqual(
      report.series.map((p: { visits: number }) => String(p.visits)),
    );
  });
});

describe('selection', () => {
  test.each([
    ['', 400, /sites: give either/],
    [`sites=a.test&org=x`, 400, /sites: give either/],
    [`sites=a.test,nothing.test`, 404, /no site "nothing.test" you may read/],
    [`sites=a.test,`, 400, /comma-separated/],
    [`org=No such org`, 404, /no organisation/],
    [`sites=a.test&colour=red`, 400, /unknown query parameter colour/],
  ])('%j → %i', async (sel, status, message) => {
    const res = await s.get(`/api/rollup/report?${sel}${sel ? '&' : ''}${range}`);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });
});
