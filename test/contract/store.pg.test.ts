// The Store contract over a fresh PostgreSQL database per test, plus what only PostgreSQL can show:
// availability errors become StoreUnavailableError (ingestion answers 503, not 500).
import postgres from 'postgres';
import { describe, expect, test } from 'vitest';
import type { DailyRow, HourlyRow } from '../../server/counters/types.js';
import { openPgStore } from '../../server/store/pg.js';
import { StoreUnavailableError } from '../../server/store/types.js';
import { createPgDatabase, testsPostgres } from '../support/db.js';
import { storeContract } from './store-contract.js';

describe.runIf(testsPostgres())('postgres', () => {
  storeContract('postgres', async () => {
    const database = await createPgDatabase();
    // A small pool, so that concurrent calls really run on several connections at once.
    const store = openPgStore(database.url, { poolSize: 4 });
    return {
      store,
      async cleanup() {
        await store.close();
        await database.drop();
      },
    };
  });

  test('a refused connection is StoreUnavailableError (ECONNREFUSED)', async () => {
    const store = openPgStore('postgres://postgres@127.0.0.1:1/none', { poolSize: 1 });
    try {
      await expect(store.siteByDomain('x.test')).rejects.toMatchObject({
        constructor: StoreUnavailableError,
        causeCode: 'ECONNREFUSED',
      });
      await expect(
        store.applyCounterDeltas({
          daily: [],
          hourly: [
            {
              siteId: 1,
              hour: '2025-03-01T00',
              pageviews: 1,
              visits: 0,
              bounces: 0,
              exits: 0,
              engagedMs: 0,
              engagements: 0,
              scrollSum: 0,
              events: 0,
            },
          ],
        }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  // Also a regression test for a postgres.js 3.4.9 crash: a connection that dies inside sql.begin()
  // throws an uncatchable TypeError from a setImmediate (porsager/postgres#1208), so the hot path
  // must not use explicit transactions (see applyCounterDeltas in server/store/pg.ts).
  test('a write cut off by an administrator is StoreUnavailableError; nothing half-written, no crash', async () => {
    const database = await createPgDatabase();
    const store = openPgStore(database.url, { poolSize: 2 });
    const admin = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      await store.migrate();
      const site = await store.addSite({ domain: 'cut.test', timezone: 'UTC' }, new Date());
      const write = {
        daily: [daily(site.id, 'total', { pageviews: 1 })],
        hourly: [hourly(site.id, { pageviews: 1 })],
      };
      await store.applyCounterDeltas(write);
      let written = 1;
      for (let round = 0; round < 3; round++) {
        // Hold the hourly row's lock so the store's write waits (after its daily upsert), then
        // terminate the waiting backend.
        const outcome = await admin.begin(async (tx) => {
          await tx`SELECT 1 FROM hourly_counters WHERE site_id = ${site.id} FOR UPDATE`;
          const blocked = store.applyCounterDeltas(write).then(
            () => 'committed',
            (err: unknown) => err,
          );
          await waitForLockWaiter(tx, database.name);
          await tx`
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = ${database.name} AND wait_event_type = 'Lock'`;
          return blocked;
        });
        expect(outcome).toBeInstanceOf(StoreUnavailableError);
        // postgres.js reports the termination as 57P01 or as the socket's CONNECTION_CLOSED.
        expect(['57P01', 'CONNECTION_CLOSED']).toContain(
          (outcome as StoreUnavailableError).causeCode,
        );
        // The FATAL message may reach the next query on that connection: one more 503 at most.
        for (let attempt = 1; ; attempt++) {
          try {
            await store.applyCounterDeltas(write);
            written++;
            break;
          } catch (err) {
            expect(err).toBeInstanceOf(StoreUnavailableError);
            expect(attempt).toBeLessThan(2);
          }
        }
      }
      // The cut-off statement wrote neither its daily nor its hourly part.
      expect((await store.dailyRows(site.id))[0]!.pageviews).toBe(written);
      expect((await store.hourlyRows(site.id))[0]!.pageviews).toBe(written);
    } finally {
      await admin.end();
      await store.close();
      await database.drop();
    }
  });
});

async function waitForLockWaiter(tx: postgres.TransactionSql, datname: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    const [row] = await tx<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = ${datname} AND wait_event_type = 'Lock'`;
    if (row!.n > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the store never waited for the row lock');
}

const zero = {
  pageviews: 0,
  visits: 0,
  bounces: 0,
  exits: 0,
  engagedMs: 0,
  engagements: 0,
  scrollSum: 0,
  events: 0,
};
const daily = (siteId: number, dimension: 'total', m: { pageviews: number }): DailyRow => ({
  siteId,
  day: '2025-03-01',
  dimension,
  value: '',
  ...zero,
  ...m,
});
const hourly = (siteId: number, m: { pageviews: number }): HourlyRow => ({
  siteId,
  hour: '2025-03-01T00',
  ...zero,
  ...m,
});
