// Rollups (server/store/rollups-store.ts) stay exact against daily_counters: after random ingestion
// over months, the rollups job, an import applied then removed, a retention purge, a site
// deletion, the month-so-far block replaced as days close, and the pruning of small blocks a month later, every block equals the sum of its days, and every report read through the rollups
// (totals, top values of each dimension with filters and pages, per-site days of the overview)
// equals the same report read from daily rows alone — with and without imports, on both databases.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  metricNames,
  zeroMetrics,
  type DailyRow,
  type Dimension,
  type Metrics,
} from '../../server/counters/types.js';
import { buildRollups } from '../../server/jobs/rollups.js';
import {
  blockDays,
  blockLength,
  closedBefore,
  dayTotalsDimension,
  isMonthSoFar,
  packedDaysDimension,
  smallBlocksFrom,
} from '../../server/store/rollup-blocks.js';
import type { ReportsRepo, RollupSwitch, TopValuesQuery } from '../../server/store/reports.js';
import type { ReportCache } from '../../server/store/report-cache.js';
import { openStoreAt } from '../../server/store/open.js';
import type { SiteRecord, Store } from '../../server/store/types.js';
import { createPgDatabase, testBackends, type PgDatabase } from '../support/db.js';
import { freshDataDir } from '../support/server.js';

const dayMs = 86_400_000;
const first = '2025-01-20';
const dayAt = (i: number) =>
  new Date(Date.parse(`${first}T00:00:00Z`) + i * dayMs).toISOString().slice(0, 10);
/** "Now": noon of the 111th day, 10 May (days 0–110 hold traffic; the last two are not closed). */
const nowMs = Date.parse(`${dayAt(110)}T12:00:00Z`);
const today = dayAt(110);

const values = ['/', '/a', '/b', '/B', '/é', '/😀', '(other)', '/x/1', '/x/2', '/x/3'];
const dims: Dimension[] = ['total', 'page', 'source', 'country'];

function prng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function randomRows(rand: () => number, siteIds: number[], n: number, days: number): DailyRow[] {
  const rows = new Map<string, DailyRow>();
  for (let i = 0; i < n; i++) {
    const r: DailyRow = {
      ...zeroMetrics(),
      siteId: siteIds[Math.floor(rand() * siteIds.length)]!,
      day: dayAt(Math.floor(rand() * days)),
      dimension: dims[Math.floor(rand() * dims.length)]!,
      value: '',
      pageviews: 1 + Math.floor(rand() * 50),
      visits: Math.floor(rand() * 9),
      bounces: Math.floor(rand() * 3),
      exits: Math.floor(rand() * 3),
      engagedMs: Math.floor(rand() * 90_000),
      engagements: Math.floor(rand() * 3),
      scrollSum: Math.floor(rand() * 300),
      events: Math.floor(rand() * 2),
    };
    if (r.dimension !== 'total') r.value = values[Math.floor(rand() * values.length)]!;
    rows.set(`${r.siteId}|${r.day}|${r.dimension}|${r.value}`, r);
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.siteId - b.siteId ||
      (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) ||
      (a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : 0) ||
      (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

const metricsOf = (r: Metrics): Metrics => {
  const m = zeroMetrics();
  for (const k of metricNames) m[k] = Number(r[k]);
  return m;
};

describe.each(testBackends())('rollups on %s', (backend) => {
  let store: Store;
  let dir: string | undefined;
  let pg: PgDatabase | undefined;
  let a: SiteRecord;
  let b: SiteRecord;
  const rand = prng(11);

  beforeAll(async () => {
    if (backend === 'sqlite') {
      dir = freshDataDir('pomelo-rollups-');
      store = await openStoreAt(`sqlite:${path.join(dir, 'pomelo.db')}`);
    } else {
      pg = await createPgDatabase();
      store = await openStoreAt(pg.url);
    }
    await store.migrate();
    const created = new Date(`${first}T00:00:00Z`);
    a = await store.addSite({ domain: 'a.test', timezone: 'UTC' }, created);
    b = await store.addSite({ domain: 'b.test', timezone: 'UTC' }, created);
    // Ingestion: 111 days, in batches as the writer sends them.
    const rows = randomRows(rand, [a.id, b.id], 6_000, 111);
    for (let i = 0; i < rows.length; i += 700) {
      await store.applyCounterDeltas({ daily: rows.slice(i, i + 700), hourly: [] });
    }
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await pg?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const switchOf = () => (store.reports as unknown as { rollups: RollupSwitch }).rollups;
  const cacheOf = () => (store.reports as unknown as { cache?: ReportCache }).cache;

  /** Every block equals the sum of its days' daily rows, value by value (and its day rows). */
  async function expectBlocksExact(site: SiteRecord) {
    const daily = await store.dailyRows(site.id);
    const blocks = await store.rollups.blocksOf(site.id);
    for (const block of blocks) {
      const [from, to] = blockDays(block);
      const want = new Map<string, Metrics>();
      // The packed row: every day's total, in day order, as one flat JSON array; its sums the block's.
      const totals = daily
        .filter((r) => r.day >= from && r.day <= to && r.dimension === 'total')
        .sort((x, y) => (x.day < y.day ? -1 : 1));
      const packed = zeroMetrics();
      for (const r of totals) for (const k of metricNames) packed[k] += r[k];
      want.set(
        `${packedDaysDimension}|${JSON.stringify(totals.flatMap((r) => [r.day, ...metricNames.map((k) => r[k])]))}`,
        packed,
      );
      for (const r of daily) {
        if (r.day < from || r.day > to) continue;
        const keys = [`${r.dimension}|${r.value}`];
        if (r.dimension === 'total') keys.push(`${dayTotalsDimension}|${r.day}`);
        for (const key of keys) {
          const m = want.get(key) ?? zeroMetrics();
          for (const k of metricNames) m[k] += r[k];
          want.set(key, m);
        }
      }
      const got = new Map<string, Metrics>();
      for (const r of await store.rollups.rowsOf(site.id, block)) {
        got.set(`${r.dimension}|${r.value}`, metricsOf(r));
      }
      expect(got, `block ${block} of ${site.domain}`).toEqual(want);
    }
    return blocks;
  }

  /** A set of report queries over several ranges, the overview's per-site days included. */
  async function reportsOf(repo: ReportsRepo) {
    const ranges: [string, string][] = [
      [dayAt(81), today], // 30 days
      [dayAt(0), today], // everything
      [dayAt(12), dayAt(74)],
      [dayAt(40), dayAt(40)],
      // A previous period (a month's block minus its first day), a closed month read whole, and
      // two months but two days at each end.
      ['2025-03-02', '2025-03-31'],
      ['2025-02-01', '2025-02-28'],
      ['2025-02-03', '2025-04-28'],
      [dayAt(100), today],
      [dayAt(31), dayAt(58)],
      // Ranges that hold the month so far of 13 and 14 May (1–11 or 1–12 May).
      [dayAt(90), '2025-05-13'],
      ['2025-05-01', '2025-05-12'],
    ];
    const out: unknown[] = [];
    for (const [fromDay, toDay] of ranges) {
      out.push(await repo.siteDailyTotals([a.id, b.id], fromDay, toDay));
      // Totals before the summaries (read from the rollups), then after (from the summaries' months).
      out.push(await repo.siteTotals([a.id, b.id], fromDay, toDay));
      out.push(await repo.siteSummaries([a.id, b.id], fromDay, toDay));
      out.push(await repo.siteTotals([b.id, a.id], fromDay, toDay));
      for (const site of [a, b]) {
        for (const dimension of dims) {
          const slice = { siteId: site.id, fromDay, toDay, dimension };
          out.push(await repo.rangeTotals(slice));
          const q: TopValuesQuery = {
            ...slice,
            orderBy: 'pageviews',
            direction: 'desc',
            limit: 4,
            offset: 0,
          };
          out.push(await repo.topValues(q));
          out.push(await repo.topValues({ ...q, offset: 3, orderBy: 'visits', direction: 'asc' }));
          out.push(
            await repo.topValues({ ...q, filters: [{ op: 'is_not', values: ['/a', '(other)'] }] }),
          );
          out.push(await repo.topValues({ ...q, filters: [{ op: 'contains', values: ['X'] }] }));
          out.push(await repo.topValues({ ...q, prefix: '/x/' }));
          out.push(await repo.rangeTotals({ ...slice, filters: [{ op: 'is', values: ['/b'] }] }));
        }
      }
    }
    return out;
  }

  /** Reports read with the rollups equal the same reports read from daily rows alone. */
  async function expectReportsExact() {
    const on = [await reportsOf(store.reports), await reportsOf(store.reportsWithoutImports)];
    switchOf().enabled = false;
    cacheOf()?.clear();
    try {
      const off = [await reportsOf(store.reports), await reportsOf(store.reportsWithoutImports)];
      expect(on).toEqual(off);
    } finally {
      switchOf().enabled = true;
      cacheOf()?.clear();
    }
  }

  test('the job rolls up every closed block, exactly; reports read them and stay equal', async () => {
    expect(await buildRollups(store, nowMs)).toBeGreaterThan(0);
    const blocks = await expectBlocksExact(a);
    await expectBlocksExact(b);
    // Every block is closed, and the months before the last closed day are there whole.
    const closed = closedBefore(nowMs);
    expect(blocks.every((x) => blockDays(x)[1] < closed)).toBe(true);
    for (const m of ['2025-01-01/2025-01-31', '2025-02-01/2025-02-28', '2025-03-01/2025-03-31']) {
      expect(blocks).toContain(m);
    }
    // Today is 10 May: up to 8 May is closed (the day before yesterday at UTC−12), 9–10 May not.
    expect(closed).toBe('2025-05-09');
    expect(blocks).toContain('2025-05-01/2025-05-08');
    // 2- and 4-day blocks from March on only (the month of the last closed day and two before).
    expect(smallBlocksFrom(nowMs)).toBe('2025-03-01');
    expect(blocks).toContain('2025-05-05/2025-05-06');
    expect(blocks).toContain('2025-03-01/2025-03-02');
    expect(blocks).toContain('2025-02-01/2025-02-08');
    expect(blocks.filter((x) => blockLength(x) < 8 && x < '2025-03')).toEqual([]);
    expect(blocks.filter((x) => blockDays(x)[1] >= '2025-05-09')).toEqual([]);
    // A second run finds nothing to do.
    expect(await buildRollups(store, nowMs)).toBe(0);
    // Today's traffic keeps arriving (open days: no rollup touched).
    await store.applyCounterDeltas({
      daily: randomRows(rand, [a.id, b.id], 300, 1).map((r) => ({ ...r, day: today })),
      hourly: [],
    });
    await expectReportsExact();
  }, 120_000);

  test('mid-month, the closed days so far are one block, replaced as days close; reports stay exact', async () => {
    const may13 = nowMs + 3 * dayMs;
    // Traffic of 11 to 13 May, written while those days were open.
    await store.applyCounterDeltas({
      daily: randomRows(rand, [a.id, b.id], 600, 3).map((r) => ({
        ...r,
        day: dayAt(111 + Number(r.day.slice(8, 10)) - Number(first.slice(8, 10))),
      })),
      hourly: [],
    });
    await buildRollups(store, may13);
    let blocks = await expectBlocksExact(a);
    await expectBlocksExact(b);
    expect(blocks).toContain('2025-05-01/2025-05-11');
    expect(blocks.filter(isMonthSoFar)).toEqual(['2025-05-01/2025-05-11']);
    await expectReportsExact();
    // A day later it covers 12 May too, and the one before is gone.
    await buildRollups(store, may13 + dayMs);
    blocks = await expectBlocksExact(a);
    expect(blocks.filter(isMonthSoFar)).toEqual(['2025-05-01/2025-05-12']);
    await expectReportsExact();
    // Back on 10 May (the tests below), where the days so far are the 8-day block: none is kept.
    await buildRollups(store, nowMs);
    expect((await store.rollups.blocksOf(a.id)).filter(isMonthSoFar)).toEqual([]);
    await expectReportsExact();
  }, 120_000);

  test('an import applied then removed deletes the blocks over its days; the job rebuilds them', async () => {
    const before = await store.rollups.blocksOf(a.id);
    const importId = await store.imports.stage({
      siteId: a.id,
      source: 'pomelo',
      fileName: 'x.zip',
      checksum: 'abc',
      createdBy: null,
      origin: 'cli',
      createdAt: new Date(nowMs).toISOString(),
    });
    // Days 30–45: February 19 – March 6.
    const imported = randomRows(rand, [a.id], 400, 16).map((r) => ({
      ...r,
      day: dayAt(30 + (Number(r.day.slice(8, 10)) % 16)),
    }));
    const unique = new Map(imported.map((r) => [`${r.day}|${r.dimension}|${r.value}`, r]));
    await store.imports.stageRows(a.id, importId, { daily: [...unique.values()], hourly: [] });
    const days = [...unique.values()].map((r) => r.day).sort();
    await store.imports.apply(a.id, importId, {
      rows: unique.size,
      firstDay: days[0]!,
      lastDay: days[days.length - 1]!,
    });
    const after = await store.rollups.blocksOf(a.id);
    const overlaps = (x: string) => blockDays(x)[1] >= days[0]! && blockDays(x)[0] <= days.at(-1)!;
    expect(after).toEqual(before.filter((x) => !overlaps(x)));
    expect(after.length).toBeLessThan(before.length);
    // Site b untouched.
    await expectBlocksExact(a);
    await expectReportsExact();

    expect(await buildRollups(store, nowMs)).toBeGreaterThan(0);
    expect(await store.rollups.blocksOf(a.id)).toEqual(before);
    await expectBlocksExact(a);
    await expectReportsExact();

    await store.imports.remove(a.id, importId);
    expect((await store.rollups.blocksOf(a.id)).length).toBeLessThan(before.length);
    await expectReportsExact();
    await buildRollups(store, nowMs);
    await expectBlocksExact(a);
    await expectReportsExact();
  }, 120_000);

  test('a retention purge deletes the blocks before its cutoff, a deletion all of the site', async () => {
    // Cutoff 10 February: January goes, February straddles it.
    await store.accounts.purgeCounters(a.id, '2025-02-10', '2025-02-10T00');
    const left = await store.rollups.blocksOf(a.id);
    expect(left.every((x) => blockDays(x)[0] >= '2025-02-10')).toBe(true);
    await expectBlocksExact(a);
    await expectReportsExact();
    await buildRollups(store, nowMs);
    const rebuilt = await expectBlocksExact(a);
    expect(rebuilt).toContain('2025-02-01/2025-02-28');
    expect(rebuilt).not.toContain('2025-01-01/2025-01-31');
    await expectReportsExact();

    expect(await store.removeSite(b.domain)).toBe(true);
    expect(await store.rollups.blocksOf(b.id)).toEqual([]);
    expect(await store.rollups.rowsOf(b.id)).toEqual([]);
  }, 120_000);

  test('a month later, the small blocks of March go; reports stay exact', async () => {
    const later = nowMs + 31 * dayMs; // 10 June: small blocks from April on
    expect(smallBlocksFrom(later)).toBe('2025-04-01');
    await buildRollups(store, later);
    const blocks = await expectBlocksExact(a);
    expect(blocks.filter((x) => blockLength(x) < 8 && x < '2025-04')).toEqual([]);
    expect(blocks).toContain('2025-03-01/2025-03-31');
    expect(blocks).toContain('2025-04-01/2025-04-02');
    expect(blocks).toContain('2025-05-09/2025-05-10');
    await expectReportsExact();
  }, 120_000);

  test('blocks without packed day rows (built before them) read their day rows, exactly', async () => {
    const remove = `DELETE FROM rollup_counters WHERE site_id = ${a.id} AND dimension = '${packedDaysDimension}'`;
    if (backend === 'sqlite') {
      const db = new Database(path.join(dir!, 'pomelo.db'));
      try {
        expect(db.prepare(remove).run().changes).toBeGreaterThan(0);
      } finally {
        db.close();
      }
    } else {
      const sql = postgres(pg!.url, { max: 1, onnotice: () => {} });
      try {
        expect((await sql.unsafe(remove)).count).toBeGreaterThan(0);
      } finally {
        await sql.end({ timeout: 5 });
      }
    }
    cacheOf()?.clear();
    await expectReportsExact();
  }, 120_000);
});
