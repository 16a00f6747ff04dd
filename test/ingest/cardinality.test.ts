// The cardinality acceptance: 10,000 distinct paths under a cap of 1,000 → at most 1,001 page rows.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TestServer, postEvent, startTestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ sites: [{ domain: 'flood.test', cardinalityCap: 1000 }] });
});
afterAll(() => server.close());

test('a flood of random paths cannot grow the page dimension past the cap; totals stay exact', async () => {
  const total = 10_000;
  const concurrency = 50;
  let sent = 0;
  const statuses = new Map<number, number>();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        const i = sent++;
        const path = `/p/${i}-${Math.random().toString(36).slice(2)}`;
        const res = await postEvent(server.url, {
          n: 'pageview',
          u: `https://flood.test${path}`,
          d: 'flood.test',
          t: 0,
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  expect(Object.fromEntries(statuses)).toEqual({ 202: total });

  const db = server.db();
  const pages = db
    .prepare(
      "SELECT count(*) AS rows, sum(pageviews) AS pageviews FROM daily_counters WHERE dimension = 'page'",
    )
    .get() as { rows: number; pageviews: number };
  expect(pages.rows).toBeLessThanOrEqual(1001);
  expect(pages.rows).toBe(1001);
  expect(pages.pageviews).toBe(total);
  const other = db
    .prepare("SELECT pageviews FROM daily_counters WHERE dimension = 'page' AND value = '(other)'")
    .get() as { pageviews: number };
  expect(other.pageviews).toBe(total - 1000);
  const totalRow = db
    .prepare("SELECT pageviews, visits FROM daily_counters WHERE dimension = 'total'")
    .get() as { pageviews: number; visits: number };
  expect(totalRow).toEqual({ pageviews: total, visits: total });
  // entry is capped on its own: the same flood entered on 10,000 distinct paths.
  const entries = db
    .prepare(
      "SELECT count(*) AS rows, sum(visits) AS visits FROM daily_counters WHERE dimension = 'entry'",
    )
    .get() as { rows: number; visits: number };
  expect(entries).toEqual({ rows: 1001, visits: total });
}, 60_000);
