// The agency rollup's breakdowns over many sites: `npx tsx bench/rollup.ts [sites] [pages]`.
// Fills a fresh SQLite file and a fresh PostgreSQL database (127.0.0.1:5432) with `sites` sites ×
// 30 days × `pages` page values drawn from a shared pool (a few paths common to every site, a long
// tail proper to each), then times the rollup's top-10 pages, first (cold) and repeated (warm), and
// checks that it equals the sum of every site's whole list, ordered and cut by hand.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zeroMetrics, type DailyRow } from '../server/counters/types.js';
import { rollupReports, sumByKey } from '../server/reports/rollup.js';
import { openPgStore } from '../server/store/pg.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import type { TopValuesQuery, ValueTotals } from '../server/store/reports.js';
import type { Store } from '../server/store/types.js';
import { createPgDatabase } from '../test/support/db.js';
import { rng } from './payloads.js';

const siteCount = Number(process.argv[2] ?? 300);
const pagesPerDay = Number(process.argv[3] ?? 60);
const days = Array.from({ length: 30 }, (_, i) => `2025-04-${String(i + 1).padStart(2, '0')}`);

/** The order topValues() gives by a metric, descending: ties by value in UTF-8 byte order. */
const byVisits = (a: ValueTotals, b: ValueTotals) =>
  b.visits - a.visits || Buffer.compare(Buffer.from(a.value), Buffer.from(b.value));

async function fill(store: Store): Promise<number[]> {
  await store.migrate();
  const ids: number[] = [];
  const rand = rng(7);
  for (let s = 0; s < siteCount; s++) {
    const site = await store.addSite(
      { domain: `s${s}.test`, timezone: 'UTC' },
      new Date('2025-03-01T00:00:00Z'),
    );
    ids.push(site.id);
    const daily: DailyRow[] = [];
    for (const day of days) {
      const seen = new Set<string>();
      for (let p = 0; p < pagesPerDay; p++) {
        // Half the values from 50 shared paths, half from the site's own 2,000.
        const value =
          rand() < 0.5
            ? `/shared/${Math.floor(rand() ** 2 * 50)}`
            : `/own/${s}/${Math.floor(rand() * 2000)}`;
        if (seen.has(value)) continue;
        seen.add(value);
        const visits = 1 + Math.floor(rand() ** 3 * 500);
        daily.push({
          ...zeroMetrics(),
          siteId: site.id,
          day,
          dimension: 'page',
          value,
          pageviews: visits + Math.floor(rand() * visits),
          visits,
          bounces: Math.floor(visits * rand()),
        });
      }
    }
    daily.sort((a, b) => (a.day + a.value < b.day + b.value ? -1 : 1));
    await store.applyCounterDeltas({ daily, hourly: [] });
  }
  return ids;
}

const query: Omit<TopValuesQuery, 'siteId'> = {
  fromDay: days[0]!,
  toDay: days[days.length - 1]!,
  dimension: 'page',
  orderBy: 'visits',
  direction: 'desc',
  limit: 10,
  offset: 0,
};

async function measure(name: string, store: Store, ids: number[]) {
  const repo = rollupReports(store.reports, ids);
  const times: number[] = [];
  let answer = await repo.topValues({ ...query, siteId: ids[0]! });
  for (let run = 0; run < 6; run++) {
    const t0 = performance.now();
    answer = await repo.topValues({ ...query, siteId: ids[0]! });
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  // Exactness: every site's whole list, summed, ordered and cut here.
  const lists = await Promise.all(
    ids.map(async (siteId) => {
      const r = await store.reports.topValues({
        ...query,
        siteId,
        orderBy: 'value',
        direction: 'asc',
        limit: 1_000_000_000,
      });
      return r.rows;
    }),
  );
  const all = sumByKey(lists, (r) => r.value).sort(byVisits);
  const exact =
    JSON.stringify(answer.rows) === JSON.stringify(all.slice(0, query.limit)) &&
    answer.totalRows === all.length;
  const rows = lists.reduce((n, l) => n + l.length, 0);
  times.sort((a, b) => a - b);
  console.log(
    `${name}: ${ids.length} sites, ${rows} (site, value) pairs read, ${all.length} values; ` +
      `top 10 by visits: median ${times[3]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times[5]!.toFixed(1)}); ` +
      `exact: ${exact} (check ${(performance.now() - t0).toFixed(0)} ms)`,
  );
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-rollup-'));
const sqlite = openSqliteStore(path.join(dir, 'bench.db'));
await measure('sqlite', sqlite, await fill(sqlite));
await sqlite.close();
fs.rmSync(dir, { recursive: true, force: true });

const db = await createPgDatabase();
const pg = openPgStore(db.url, { poolSize: 10 });
try {
  await measure('postgres', pg, await fill(pg));
} finally {
  await pg.close();
  await db.drop();
}
