// Issue 11 §2: a site's cap above the install ceiling (POMELO_MAX_CARDINALITY_CAP) counts as the
// ceiling; the cap-state bound holds under a flood of 300-character values. Evictions and reloads
// under a budget far too small: test/ingest/cap-eviction.test.ts.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TestServer, postEvent, startTestServer } from '../support/server.js';

const sites = ['m1.test', 'm2.test', 'm3.test'];
const ceiling = 500;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: {
      POMELO_CAP_STATE_MB: '1',
      POMELO_MAX_CARDINALITY_CAP: String(ceiling),
      POMELO_CARDINALITY_CAP: String(ceiling),
    },
    // Stored before the ceiling existed: 5,000 is above it, so 500 applies.
    sites: sites.map((domain) => ({ domain, cardinalityCap: 5_000 })),
  });
});
afterAll(() => server.close());

test('unique 300-character paths across sites: the ceiling caps each site, totals stay exact', async () => {
  const perSite = 1_000;
  const jobs = sites.flatMap((domain) =>
    Array.from({ length: perSite }, (_, i) => ({ domain, i })),
  );
  let next = 0;
  const statuses = new Map<number, number>();
  await Promise.all(
    Array.from({ length: 30 }, async () => {
      while (next < jobs.length) {
        const { domain, i } = jobs[next++]!;
        const head = `/p/${i}-`;
        const res = await postEvent(server.url, {
          n: 'pageview',
          u: `https://${domain}${head}${'x'.repeat(300 - head.length)}`,
          d: domain,
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  expect(Object.fromEntries(statuses)).toEqual({ 202: jobs.length });
  expect(server.pomelo.writer.capStateBytes).toBeLessThanOrEqual(1024 * 1024);
  for (const domain of sites) {
    const rows = await server.dailyRows(domain);
    for (const dimension of ['page', 'entry']) {
      const of = rows.filter((r) => r.dimension === dimension);
      expect(of.length).toBe(ceiling + 1);
      expect(of.reduce((n, r) => n + r.pageviews, 0)).toBe(perSite);
      expect(of.find((r) => r.value === '(other)')?.pageviews).toBe(perSite - ceiling);
    }
    expect(rows.find((r) => r.dimension === 'total')?.pageviews).toBe(perSite);
  }
}, 120_000);
