// Issue 15 §1–4: Plausible and GoatCounter imports give exact counters, removal restores the counters
// row for row, re-import is refused and replace works, a Pomelo export imported into a new site
// answers every report and Stats API query the same, and reports can leave imported data out —
// on SQLite and PostgreSQL, over a real server and real HTTP.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { breakdownDimensions } from '../../server/reports/breakdown.js';
import { exportSite } from '../../server/imports/export.js';
import { ImportError } from '../../server/imports/errors.js';
import { runImport, type ImportOptions } from '../../server/imports/run-import.js';
import type { SiteRecord } from '../../server/store/types.js';
import { testBackends } from '../support/db.js';
import { loadFixtures, readAt, site as shop } from '../reports/fixtures.js';
import { startReportsServer, type ReportsServer } from '../reports/support.js';
import {
  csv,
  goatExpected,
  goatRows,
  plausibleExpected,
  plausibleFiles,
  tempDir,
  writeZip,
} from './fixtures.js';

const strip = <T extends { siteId: number }>(rows: T[]) => rows.map(({ siteId: _, ...r }) => r);

describe.each(testBackends())('imports on %s', (backend) => {
  let s: ReportsServer;
  let dir: string;
  let plausibleZip: string;
  beforeAll(async () => {
    s = await startReportsServer(backend, [
      { domain: 'example.com', timezone: 'UTC' },
      { domain: 'www.example.com', timezone: 'UTC' },
      { domain: 'goat.test', timezone: 'Europe/Paris' },
      shop,
      { domain: 'copy.test', timezone: 'Europe/Paris' },
    ]);
    await loadFixtures(s);
    dir = tempDir();
    const files: Record<string, string> = {};
    for (const [name, rows] of Object.entries(plausibleFiles)) files[name] = csv(rows);
    plausibleZip = await writeZip(path.join(dir, 'plausible.zip'), files);
  });
  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const store = () => s.server.store;
  const siteOf = async (domain: string) => (await store().siteByDomain(domain)) as SiteRecord;
  const run = async (
    domain: string,
    o: Partial<ImportOptions> & Pick<ImportOptions, 'kind' | 'path'>,
  ) =>
    runImport(store(), {
      fileName: path.basename(o.path),
      site: await siteOf(domain),
      createdBy: null,
      origin: 'cli',
      now: new Date(readAt),
      ...o,
    });

  test('a Plausible export gives the exact expected counters; removing it leaves nothing', async () => {
    const site = await siteOf('example.com');
    const summary = await run('example.com', { kind: 'plausible', path: plausibleZip });
    expect(summary).toMatchObject({
      rows: 16,
      firstDay: '2024-01-01',
      lastDay: '2024-01-02',
      replaced: null,
    });
    expect(strip(await store().dailyRows(site.id))).toEqual(plausibleExpected);
    const [rec] = await store().imports.list(site.id);
    expect(rec).toMatchObject({
      id: summary.id,
      source: 'plausible',
      fileName: 'plausible.zip',
      rows: 16,
      state: 'applied',
      origin: 'cli',
    });
    expect(rec!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await store().imports.remove(site.id, summary.id)).toBe(true);
    expect(await store().dailyRows(site.id)).toEqual([]);
    expect(await store().imports.list(site.id)).toEqual([]);
  });

  test('removing an import over native data restores the counters row for row', async () => {
    const site = await siteOf('example.com');
    await s.event('2024-01-01T10:00:00Z', {
      n: 'pageview',
      d: 'example.com',
      u: 'https://example.com/',
      r: 'https://www.google.com/',
      z: 'Europe/Paris',
      w: 1280,
    });
    s.setClock(readAt);
    const before = await store().dailyRows(site.id);
    const hourlyBefore = await store().hourlyRows(site.id);
    expect(before.length).toBeGreaterThan(5);
    const summary = await run('example.com', { kind: 'plausible', path: plausibleZip });
    const during = await store().dailyRows(site.id);
    expect(during).not.toEqual(before);
    // Native and imported figures add up on shared keys.
    const total = during.find((r) => r.day === '2024-01-01' && r.dimension === 'total')!;
    expect(total.pageviews).toBe(31);

    // Reports without imported data answer what was there before.
    const slice = {
      siteId: site.id,
      fromDay: '2024-01-01',
      toDay: '2024-01-02',
      dimension: 'page' as const,
    };
    expect(
      await store().reportsWithoutImports.rangeTotals({ ...slice, dimension: 'total' }),
    ).toMatchObject({ pageviews: 1, visits: 1 });
    const top = await store().reportsWithoutImports.topValues({
      ...slice,
      orderBy: 'pageviews',
      direction: 'desc',
      limit: 10,
      offset: 0,
    });
    expect(top.rows.map((r) => [r.value, r.pageviews])).toEqual([['/', 1]]);
    expect(top.totalRows).toBe(1);
    const withImports = await store().reports.topValues({
      ...slice,
      orderBy: 'pageviews',
      direction: 'desc',
      limit: 10,
      offset: 0,
    });
    expect(withImports.rows.map((r) => [r.value, r.pageviews])).toEqual([
      ['/', 21],
      ['/about', 10],
    ]);
    expect(
      (await store().reportsWithoutImports.dailyTotals({ ...slice, dimension: 'total' })).map(
        (d) => d.day,
      ),
    ).toEqual(['2024-01-01']);
    expect(await store().reportsWithoutImports.firstDay(site.id)).toBe('2024-01-01');

    await store().imports.remove(site.id, summary.id);
    expect(await store().dailyRows(site.id)).toEqual(before);
    expect(await store().hourlyRows(site.id)).toEqual(hourlyBefore);
  });

  test('the same file twice is refused and changes nothing; replace swaps it', async () => {
    const site = await siteOf('example.com');
    const first = await run('example.com', { kind: 'plausible', path: plausibleZip });
    const after = await store().dailyRows(site.id);
    const err = await run('example.com', { kind: 'plausible', path: plausibleZip }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.reason).toBe('duplicate');
    expect(err.message).toContain('plausible.zip');
    expect(await store().dailyRows(site.id)).toEqual(after);
    expect((await store().imports.list(site.id)).map((i) => i.id)).toEqual([first.id]);

    const second = await run('example.com', {
      kind: 'plausible',
      path: plausibleZip,
      replace: true,
    });
    expect(second.replaced).toBe(first.id);
    expect(await store().dailyRows(site.id)).toEqual(after);
    expect((await store().imports.list(site.id)).map((i) => i.id)).toEqual([second.id]);
    await store().imports.remove(site.id, second.id);
  });

  test('a GoatCounter export is aggregated into daily counters in the site timezone', async () => {
    const site = await siteOf('goat.test');
    const file = path.join(dir, 'goatcounter-export.csv');
    fs.writeFileSync(file, csv(goatRows));
    const summary = await run('goat.test', { kind: 'goatcounter', path: file });
    expect(summary).toMatchObject({
      rows: 5,
      bots: 1,
      firstDay: '2024-03-01',
      lastDay: '2024-03-02',
    });
    expect(strip(await store().dailyRows(site.id))).toEqual(goatExpected);
    expect(
      strip(await store().hourlyRows(site.id)).map((h) => [
        h.hour,
        h.pageviews,
        h.visits,
        h.events,
      ]),
    ).toEqual([
      ['2024-03-01T10', 2, 1, 1],
      ['2024-03-01T23', 1, 1, 0],
    ]);
    await store().imports.remove(site.id, summary.id);
    expect(await store().dailyRows(site.id)).toEqual([]);
    expect(await store().hourlyRows(site.id)).toEqual([]);
  });

  test('round trip: a Pomelo export imported into a new site answers every report the same', async () => {
    const a = await siteOf(shop.domain);
    const out = path.join(dir, 'shop.zip');
    const summary = await exportSite(store(), a, fs.createWriteStream(out), {
      format: 'pomelo',
      now: new Date(readAt),
    });
    expect(summary.files).toEqual([
      'pomelo.json',
      'daily_counters.csv',
      'hourly_counters.csv',
      'revenue_counters.csv',
    ]);
    // Another site's export is refused unless its domain is named.
    const refused = await run('copy.test', { kind: 'pomelo', path: out }).catch((e) => e);
    expect(refused.reason).toBe('other_site');
    expect(await store().dailyRows((await siteOf('copy.test')).id)).toEqual([]);
    await run('copy.test', { kind: 'pomelo', path: out, fromSite: shop.domain });
    const b = await siteOf('copy.test');
    expect(strip(await store().dailyRows(b.id))).toEqual(strip(await store().dailyRows(a.id)));
    expect(strip(await store().hourlyRows(b.id))).toEqual(strip(await store().hourlyRows(a.id)));
    expect(await store().goals.revenueTotals(b.id, '2025-01-01', '2025-12-31')).toEqual(
      await store().goals.revenueTotals(a.id, '2025-01-01', '2025-12-31'),
    );

    const range = 'period=custom&from=2025-03-27&to=2025-04-01';
    const paths = [
      `report?${range}`,
      `report?${range}&interval=hour`,
      `report?period=7d&compare=previous`,
      `timeseries?${range}&interval=day`,
      `flows?${range}&page=/pricing`,
      `funnel?${range}&steps=/,/pricing`,
      ...breakdownDimensions
        .filter((d) => d !== 'event_prop')
        .map((d) => `breakdown/${d}?${range}`),
      `breakdown/event_prop?${range}&event=Signup`,
    ];
    for (const p of paths) {
      const [ra, rb] = [
        await s.get(`/api/sites/${shop.domain}/${p}`),
        await s.get(`/api/sites/copy.test/${p}`),
      ];
      expect(ra.status, p).toBe(200);
      expect(JSON.stringify(rb.body).replaceAll('copy.test', shop.domain), p).toBe(
        JSON.stringify(ra.body),
      );
    }
    const queries = [
      {
        metrics: ['visits', 'pageviews', 'bounce_rate', 'views_per_visit'],
        date_range: ['2025-03-27', '2025-04-01'],
      },
      { metrics: ['visits'], date_range: ['2025-03-27', '2025-04-01'], dimensions: ['time:day'] },
      {
        metrics: ['visits', 'bounce_rate'],
        date_range: ['2025-03-01', '2025-04-01'],
        dimensions: ['visit:source'],
      },
      {
        metrics: ['pageviews'],
        date_range: ['2025-03-27', '2025-04-01'],
        dimensions: ['event:page'],
        filters: [['contains', 'event:page', ['pri']]],
      },
      { metrics: ['events'], date_range: ['2025-03-27', '2025-04-01'], dimensions: ['event:name'] },
    ];
    for (const q of queries) {
      const ra = await s.query({ site_id: shop.domain, ...q });
      const rb = await s.query({ site_id: 'copy.test', ...q });
      expect(ra.status, JSON.stringify(q)).toBe(200);
      expect(JSON.stringify(rb.body).replaceAll('copy.test', shop.domain)).toBe(
        JSON.stringify(ra.body),
      );
    }
  });

  test('a Plausible-format export reads back into the same figures Plausible would import', async () => {
    const a = await siteOf(shop.domain);
    const out = path.join(dir, 'shop-plausible.zip');
    const summary = await exportSite(store(), a, fs.createWriteStream(out), {
      format: 'plausible',
      from: '2025-03-29',
      to: '2025-03-30',
      now: new Date(readAt),
    });
    expect(summary.files).toContain('imported_visitors_20250329_20250330.csv');
    // Imported into a site of the same domain on another server: the visit-level figures match.
    const other = await startReportsServer(backend, [shop]);
    try {
      const site = (await other.server.store.siteByDomain(shop.domain))!;
      await runImport(other.server.store, {
        kind: 'plausible',
        path: out,
        fileName: 'p.zip',
        site,
        createdBy: null,
        origin: 'cli',
        now: new Date(readAt),
      });
      const pick = (
        rows: {
          day: string;
          dimension: string;
          value: string;
          pageviews: number;
          visits: number;
          bounces: number;
        }[],
      ) =>
        rows
          .filter((r) =>
            ['total', 'page', 'entry', 'source', 'country', 'browser', 'os', 'device'].includes(
              r.dimension,
            ),
          )
          .map((r) => [
            r.day,
            r.dimension,
            r.value,
            r.pageviews,
            r.dimension === 'page' ? 0 : r.visits,
            r.dimension === 'page' ? 0 : r.bounces,
          ]);
      expect(pick(await other.server.store.dailyRows(site.id))).toEqual(
        pick(await store().dailyRows(a.id, '2025-03-29', '2025-03-30')),
      );
    } finally {
      await other.close();
    }
  });

  test('include/exclude imported data: the Stats API include.imports and the report routes', async () => {
    const site = await siteOf('www.example.com');
    await s.event('2024-01-01T10:00:00Z', {
      n: 'pageview',
      d: 'www.example.com',
      u: 'https://www.example.com/',
      r: 'https://www.google.com/',
      z: 'Europe/Paris',
      w: 1280,
    });
    s.setClock(readAt);
    const summary = await run('www.example.com', { kind: 'plausible', path: plausibleZip });
    const q = {
      site_id: 'www.example.com',
      metrics: ['visits', 'pageviews'],
      date_range: ['2024-01-01', '2024-01-02'],
    };
    const all = await s.query(q);
    expect(all.status).toBe(200);
    expect(all.body.results).toEqual([{ metrics: [19, 40], dimensions: [] }]);
    const included = await s.query({ ...q, include: { imports: true } });
    expect(included.body.results).toEqual(all.body.results);
    expect(included.body.meta.imports_included).toBe(true);
    const native = await s.query({ ...q, include: { imports: false } });
    expect(native.body.results).toEqual([{ metrics: [1, 1], dimensions: [] }]);
    expect(native.body.meta.imports_included).toBe(false);
    const pages = await s.query({
      ...q,
      metrics: ['pageviews'],
      dimensions: ['event:page'],
      include: { imports: false },
    });
    expect(pages.body.results).toEqual([{ metrics: [1], dimensions: ['/'] }]);

    const range = 'period=custom&from=2024-01-01&to=2024-01-02';
    const withImports = await s.get(`/api/sites/www.example.com/breakdown/source?${range}`);
    const without = await s.get(
      `/api/sites/www.example.com/breakdown/source?${range}&imports=exclude`,
    );
    expect(withImports.status).toBe(200);
    expect(without.status).toBe(200);
    const values = (b: { results: { value: string }[] }) => b.results.map((r) => r.value).sort();
    expect(values(withImports.body)).toEqual(['(direct)', 'Google', 'Newsletter']);
    expect(values(without.body)).toEqual(['Google']);
    const bad = await s.get(`/api/sites/www.example.com/report?${range}&imports=maybe`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('imports');
    await store().imports.remove(site.id, summary.id);
  });

  test('a staged import left by a process that died is discarded by the next import', async () => {
    const site = await siteOf('goat.test');
    const stale = await store().imports.stage({
      siteId: site.id,
      source: 'goatcounter',
      fileName: 'died.csv',
      checksum: 'f'.repeat(64),
      createdBy: null,
      origin: 'cli',
      createdAt: '2025-03-01T00:00:00.000Z',
    });
    await store().imports.stageRows(site.id, stale, {
      daily: [
        {
          siteId: site.id,
          day: '2024-03-01',
          dimension: 'total',
          value: '',
          pageviews: 5,
          visits: 0,
          bounces: 0,
          exits: 0,
          engagedMs: 0,
          engagements: 0,
          scrollSum: 0,
          events: 0,
        },
      ],
      hourly: [],
    });
    // Staged rows are in no report.
    expect(await store().dailyRows(site.id)).toEqual([]);
    const file = path.join(dir, 'goatcounter-again.csv');
    fs.writeFileSync(file, csv(goatRows));
    const summary = await run('goat.test', { kind: 'goatcounter', path: file });
    expect((await store().imports.list(site.id)).map((i) => i.id)).toEqual([summary.id]);
    await store().imports.remove(site.id, summary.id);
    expect(await store().dailyRows(site.id)).toEqual([]);
  });
});
