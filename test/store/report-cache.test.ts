// The SQLite report cache (server/store/report-cache.ts) answers exactly what the SQL answers, after
// every kind of change: counter writes, purges and deletes on the same connection, and writes from
// another connection (another process, e.g. the CLI).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { zeroMetrics, type DailyRow, type Dimension } from '../../server/counters/types.js';
import { ReportCache, valueBytes } from '../../server/store/report-cache.js';
import { metricCount } from '../../server/store/report-pieces.js';
import { sqliteReports, type TopValuesQuery } from '../../server/store/reports.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/types.js';
import { freshDataDir } from '../support/server.js';

let dir: string;
let file: string;
let store: Store;
let plain: Database.Database;

beforeEach(async () => {
  dir = freshDataDir('pomelo-report-cache-');
  file = path.join(dir, 'pomelo.db');
  store = openSqliteStore(file);
  await store.migrate();
  plain = new Database(file, { readonly: true });
});

afterEach(async () => {
  plain.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A small deterministic PRNG: the same sequence on every run. */
function prng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const day = (i: number) =>
  new Date(Date.UTC(2025, 3, 20) + i * 86_400_000).toISOString().slice(0, 10);
const values = ['/', '/a', '/b', '/B', '/é', '/😀', '/\ue000', '(other)', '/x/1', '/x/2'];
const dims: Dimension[] = ['page', 'source', 'total'];

function randomRows(rand: () => number, siteIds: number[], n: number): DailyRow[] {
  return Array.from({ length: n }, () => ({
    ...zeroMetrics(),
    siteId: siteIds[Math.floor(rand() * siteIds.length)]!,
    day: day(Math.floor(rand() * 70)),
    dimension: dims[Math.floor(rand() * dims.length)]!,
    value: values[Math.floor(rand() * values.length)]!,
    pageviews: Math.floor(rand() * 5),
    visits: Math.floor(rand() * 3),
    exits: Math.floor(rand() * 3) - 1,
  })).sort((a, b) => a.siteId - b.siteId || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

function randomQuery(rand: () => number, siteIds: number[]): TopValuesQuery {
  const a = Math.floor(rand() * 75) - 3;
  const filters: TopValuesQuery['filters'] =
    rand() < 0.3 ? [{ op: rand() < 0.5 ? 'is' : 'is_not', values: values.slice(0, 3) }] : [];
  return {
    siteId: siteIds[Math.floor(rand() * siteIds.length)]!,
    fromDay: day(a),
    toDay: day(a + Math.floor(rand() * 45)),
    dimension: dims[Math.floor(rand() * dims.length)]!,
    filters,
    orderBy: (['pageviews', 'visits', 'exits', 'value'] as const)[Math.floor(rand() * 4)]!,
    direction: rand() < 0.5 ? 'asc' : 'desc',
    limit: 1 + Math.floor(rand() * 4),
    offset: Math.floor(rand() * 4),
  };
}

/** Checks a batch of random queries against the same queries in SQL on another connection. */
async function expectSameAsSql(rand: () => number, siteIds: number[], n = 25) {
  const sql = sqliteReports(plain, { cache: false });
  for (let i = 0; i < n; i++) {
    const q = randomQuery(rand, siteIds);
    expect(await store.reports.topValues(q), JSON.stringify(q)).toEqual(await sql.topValues(q));
    // The overview's per-site daily totals, for some of the sites (an unknown id included).
    const ids = [...siteIds, 999].filter(() => rand() < 0.7);
    expect(await store.reports.siteDailyTotals(ids, q.fromDay, q.toDay)).toEqual(
      await sql.siteDailyTotals(ids, q.fromDay, q.toDay),
    );
    // The previous period's totals (kept as pieces of their own), the same through writes.
    const totals = await sql.siteTotals(ids, q.fromDay, q.toDay);
    expect(await store.reports.siteTotals(ids, q.fromDay, q.toDay)).toEqual(totals);
    // The overview's summaries, read from the cached pieces, equal those of the SQL rows.
    expect(await store.reports.siteSummaries(ids, q.fromDay, q.toDay)).toEqual(
      await sql.siteSummaries(ids, q.fromDay, q.toDay),
    );
    // Then from the summaries' months.
    expect(await store.reports.siteTotals(ids, q.fromDay, q.toDay)).toEqual(totals);
  }
}

test('cached top values and daily totals equal SQL through writes, purges, deletes and foreign writes', async () => {
  const rand = prng(7);
  const now = new Date('2025-07-01T00:00:00Z');
  const sites = [await store.addSite({ domain: 'a.test', timezone: 'UTC' }, now)];
  sites.push(await store.addSite({ domain: 'b.test', timezone: 'UTC' }, now));
  const ids = sites.map((s) => s.id);

  for (let round = 0; round < 12; round++) {
    await store.applyCounterDeltas({ daily: randomRows(rand, ids, 60), hourly: [] });
    await expectSameAsSql(rand, ids);
  }
  expect((store.reports as ReturnType<typeof sqliteReports>).cache.heldValues).toBeGreaterThan(0);

  // A write that fails rolls back: none of its rows may reach the cache.
  const failing = randomRows(rand, ids, 100);
  failing.push({ ...failing[0]!, day: day(69), value: null as unknown as string });
  await expect(store.applyCounterDeltas({ daily: failing, hourly: [] })).rejects.toThrow();
  await expectSameAsSql(rand, ids);

  // Same connection, outside applyCounterDeltas: the retention purge.
  await store.accounts.purgeCounters(ids[0]!, day(30), `${day(30)}T00`);
  await expectSameAsSql(rand, ids);

  // Another connection (another process): its commits are seen through PRAGMA data_version.
  const other = openSqliteStore(file);
  await other.applyCounterDeltas({ daily: randomRows(rand, ids, 80), hourly: [] });
  await expectSameAsSql(rand, ids);
  await other.removeSite('b.test');
  await other.close();
  await expectSameAsSql(rand, ids);

  // Same connection again, then a site deleted here.
  await store.applyCounterDeltas({ daily: randomRows(rand, [ids[0]!], 60), hourly: [] });
  await expectSameAsSql(rand, ids);
  await store.removeSite('a.test');
  await expectSameAsSql(rand, ids);
});

test('a write updates the cached pieces of its site and days in place', async () => {
  const now = new Date('2025-07-01T00:00:00Z');
  const a = await store.addSite({ domain: 'a.test', timezone: 'UTC' }, now);
  const b = await store.addSite({ domain: 'b.test', timezone: 'UTC' }, now);
  const row = (siteId: number, d: string, pageviews: number): DailyRow => ({
    ...zeroMetrics(),
    siteId,
    day: d,
    dimension: 'page',
    value: '/',
    pageviews,
  });
  await store.applyCounterDeltas({
    daily: [row(a.id, '2025-06-01', 1), row(b.id, '2025-06-01', 1)],
    hourly: [],
  });
  const q = (siteId: number): TopValuesQuery => ({
    siteId,
    fromDay: '2025-06-01',
    toDay: '2025-06-30',
    dimension: 'page',
    orderBy: 'pageviews',
    direction: 'desc',
    limit: 10,
    offset: 0,
  });
  await store.reports.topValues(q(a.id));
  await store.reports.topValues(q(b.id));
  const cache = (store.reports as ReturnType<typeof sqliteReports>).cache;
  const held = cache.heldPieces;
  const values = cache.heldValues;
  // Today's piece of site a (the range's last day) takes the write; nothing is dropped or re-read.
  await store.applyCounterDeltas({ daily: [row(a.id, '2025-06-30', 5)], hourly: [] });
  // The read merges the journal (counter-journal.ts) through the cache's write.
  expect((await store.reports.topValues(q(a.id))).rows[0]?.pageviews).toBe(6);
  expect(cache.heldPieces).toBe(held);
  expect(cache.heldValues).toBe(values + 1); // '/' is new in the June 30 piece
  expect((await store.reports.topValues(q(b.id))).rows[0]?.pageviews).toBe(1);
});

test('the cache is bounded in bytes too: long visitor-supplied values evict older pieces', () => {
  const budget = 200_000;
  const cache = new ReportCache(plain, 1_000_000, budget);
  const long = (i: number) => `/${String(i).padStart(6, '0')}${'x'.repeat(293)}`;
  let peak = 0;
  for (let p = 0; p < 40; p++) {
    const piece = {
      values: Array.from({ length: 50 }, (_, i) => long(p * 50 + i)),
      sums: new Float64Array(50 * metricCount),
    };
    cache.set(1, 'page', day(p), day(p), piece);
    peak = Math.max(peak, cache.heldBytes);
  }
  expect(peak).toBeLessThanOrEqual(budget);
  expect(cache.heldValues).toBeLessThan(40 * 50); // pieces went, though far under 1,000,000 values
  expect(cache.heldBytes).toBe(cache.heldValues * valueBytes(long(0)));
});
