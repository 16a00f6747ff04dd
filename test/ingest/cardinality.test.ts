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

  const rows = await server.dailyRows('flood.test');
  const of = (dimension: string) => rows.filter((r) => r.dimension === dimension);
  const sum = (list: typeof rows, key: 'pageviews' | 'visits') =>
    list.reduce((n, r) => n + r[key], 0);
  expect(of('page').length).toBeLessThanOrEqual(1001);
  expect(of('page').length).toBe(1001);
  expect(sum(of('page'), 'pageviews')).toBe(total);
  expect(of('page').find((r) => r.value === '(other)')?.pageviews).toBe(total - 1000);
  expect(of('total').map((r) => [r.pageviews, r.visits])).toEqual([[total, total]]);
  // entry is capped on its own: the same flood entered on 10,000 distinct paths.
  expect(of('entry').length).toBe(1001);
  expect(sum(of('entry'), 'visits')).toBe(total);
}, 60_000);
