// Issue 11 §2: the cap state evicts least-recently-used keys under its byte budget and reloads them
// from the store (SQLite or PostgreSQL) when a batch needs them again: the cap and every total stay
// exact however often that happens.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { GroupCommit } from '../../server/counters/group-commit.js';
import { type DailyRow, OTHER, zeroMetrics } from '../../server/counters/types.js';
import { type TestServer, startTestServer } from '../support/server.js';

const domains = ['e1.test', 'e2.test', 'e3.test'];
const now = Date.parse('2026-11-29T12:00:00Z');
const day = '2026-11-29';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ sites: domains.map((domain) => ({ domain })) });
});
afterAll(() => server.close());

test('a budget of a few keys: constant evictions and reloads, exact caps and totals', async () => {
  const ids = await Promise.all(domains.map(async (d) => (await server.store.siteByDomain(d))!.id));
  const cap = 40;
  const writer = new GroupCommit(server.store, {
    maxPendingEvents: 100_000,
    maxBatchEvents: 25,
    capFor: () => cap,
    capBudgetBytes: 4_096, // about two full keys (40 × 48 bytes + the key) of the six
    clock: () => now,
  });
  const perSite = 600;
  const row = (siteId: number, dimension: DailyRow['dimension'], value: string): DailyRow => ({
    siteId,
    day,
    dimension,
    value,
    ...zeroMetrics(),
    pageviews: 1,
  });
  const hourly = (siteId: number) => ({ siteId, hour: '2026-11-29T12', ...zeroMetrics() });
  // One site per batch, in turn: the other sites' keys are least recently used and go.
  for (let round = 0; round < perSite / 25; round++) {
    for (const siteId of ids) {
      const waits: Promise<void>[] = [];
      for (let i = 0; i < 25; i++) {
        const n = round * 25 + i;
        // Half the values repeat earlier ones: known values must keep their own rows.
        const value = `/v/${n % 2 === 0 ? n : n % 60}-${'x'.repeat(280)}`;
        waits.push(
          writer.submit({
            daily: [row(siteId, 'page', value), row(siteId, 'entry', value)],
            hourly: hourly(siteId),
          }),
        );
      }
      await Promise.all(waits);
    }
  }
  await writer.drain();
  expect(writer.capStateDropped).toBeGreaterThan(10);
  for (const siteId of ids) {
    const rows = await server.store.dailyRows(siteId);
    for (const dimension of ['page', 'entry']) {
      const of = rows.filter((r) => r.dimension === dimension);
      expect(of.length).toBe(cap + 1);
      expect(of.reduce((s, r) => s + r.pageviews, 0)).toBe(perSite);
      expect(of.some((r) => r.value === OTHER)).toBe(true);
    }
  }
}, 120_000);
