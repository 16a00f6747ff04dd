// One behavioural contract for every Store (STYLE.md principle 10): store.sqlite.test.ts and
// store.pg.test.ts run it against a real SQLite file and a real PostgreSQL database.
// Known gaps, on purpose: reports (test/reports) and accounts have their own suites.
import { afterEach, describe, expect, test } from 'vitest';
import type { DailyRow, Dimension, HourlyRow, Metrics } from '../../server/counters/types.js';
import { zeroMetrics } from '../../server/counters/types.js';
import type { SiteRecord, Store } from '../../server/store/types.js';

export interface OpenedStore {
  store: Store;
  /** Closes the store and removes its database. */
  cleanup(): Promise<void>;
}

const metrics = (m: Partial<Metrics> = {}): Metrics => ({ ...zeroMetrics(), ...m });

const daily = (
  siteId: number,
  day: string,
  dimension: Dimension,
  value: string,
  m: Partial<Metrics>,
): DailyRow => ({ siteId, day, dimension, value, ...metrics(m) });

const hourly = (siteId: number, hour: string, m: Partial<Metrics>): HourlyRow => ({
  siteId,
  hour,
  ...metrics(m),
});

async function collect<T>(chunks: AsyncIterable<T[]>): Promise<{ rows: T[]; sizes: number[] }> {
  const rows: T[] = [];
  const sizes: number[] = [];
  for await (const chunk of chunks) {
    sizes.push(chunk.length);
    rows.push(...chunk);
  }
  return { rows, sizes };
}

export function storeContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    const opened: OpenedStore[] = [];
    /** A fresh, migrated store for one test. */
    async function fresh(migrate = true): Promise<Store> {
      const o = await open();
      opened.push(o);
      if (migrate) await o.store.migrate();
      return o.store;
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((o) => o.cleanup()));
    });

    const addSite = (store: Store, domain: string, timezone = 'UTC'): Promise<SiteRecord> =>
      store.addSite({ domain, timezone }, new Date('2025-03-01T12:00:00Z'));

    test('migrate on a fresh database, concurrently and again, is idempotent and keeps data', async () => {
      const store = await fresh(false);
      await Promise.all([store.migrate(), store.migrate(), store.migrate()]);
      const site = await addSite(store, 'keep.test');
      await store.applyCounterDeltas({
        daily: [daily(site.id, '2025-03-01', 'total', '', { pageviews: 3 })],
        hourly: [],
      });
      await store.migrate();
      await store.migrate();
      expect(await store.listSites()).toEqual([site]);
      expect((await store.dailyRows(site.id)).map((r) => r.pageviews)).toEqual([3]);
    });

    test('users: instance administrators are flagged explicitly, none by default', async () => {
      const store = await fresh();
      const at = new Date('2025-03-01T12:00:00Z');
      const a = await store.accounts.createUser('a@example.test', 'h', at);
      const b = await store.accounts.createUser('b@example.test', 'h', at);
      expect(a.instanceAdmin).toBe(false);
      expect(await store.accounts.instanceAdmins()).toEqual([]);
      expect(await store.accounts.firstUser()).toEqual(a);
      await store.accounts.setInstanceAdmin(b.id, true);
      expect(await store.accounts.instanceAdmins()).toEqual([b.id]);
      expect((await store.accounts.userByEmail('b@example.test'))?.instanceAdmin).toBe(true);
      await store.accounts.setInstanceAdmin(b.id, false);
      expect((await store.accounts.userById(b.id))?.instanceAdmin).toBe(false);
    });

    test('auditHead: row count and last row of the chain; appends link to the previous hash', async () => {
      const store = await fresh();
      expect(await store.accounts.auditHead()).toEqual({ rows: 0, last: undefined, at: undefined });
      const entry = (target: string) => ({
        at: '2025-03-01T12:00:00.000Z',
        orgId: null,
        actor: 'system',
        action: 'test',
        target,
        details: '{}',
      });
      const a = await store.accounts.appendAudit(entry('a'), (prev) => `h(${prev.slice(0, 4)})`);
      const b = await store.accounts.appendAudit(entry('b'), (prev) => `h(${prev.slice(0, 4)})`);
      expect(b.prevHash).toBe(a.hash);
      expect(await store.accounts.auditHead()).toEqual({ rows: 2, last: b, at: undefined });
      expect(await store.accounts.auditHead(a.id)).toEqual({ rows: 2, last: b, at: a });
    });

    test('addSite, siteByDomain, listSites (by domain), duplicate domains refused', async () => {
      const store = await fresh();
      const b = await store.addSite(
        {
          domain: 'b.test',
          timezone: 'Europe/Paris',
          name: 'Bee',
          settings: { cardinalityCap: 50 },
        },
        new Date('2025-03-01T12:00:00Z'),
      );
      const a = await addSite(store, 'a.test');
      expect(b).toMatchObject({
        id: expect.any(Number),
        domain: 'b.test',
        name: 'Bee',
        timezone: 'Europe/Paris',
        settings: { cardinalityCap: 50 },
        createdAt: '2025-03-01T12:00:00.000Z',
      });
      expect(a).toMatchObject({ domain: 'a.test', name: 'a.test', settings: {} });
      expect(a.id).not.toBe(b.id);
      expect(await store.siteByDomain('b.test')).toEqual(b);
      expect(await store.siteByDomain('c.test')).toBeUndefined();
      expect(await store.listSites()).toEqual([a, b]);
      await expect(addSite(store, 'a.test')).rejects.toThrow();
      expect(await store.listSites()).toHaveLength(2);
    });

    test('removeSite deletes the site and its daily and hourly counters, nothing else', async () => {
      const store = await fresh();
      const gone = await addSite(store, 'gone.test');
      const kept = await addSite(store, 'kept.test');
      for (const s of [gone, kept]) {
        await store.applyCounterDeltas({
          daily: [daily(s.id, '2025-03-01', 'total', '', { pageviews: 1 })],
          hourly: [hourly(s.id, '2025-03-01T10', { pageviews: 1 })],
        });
      }
      expect(await store.removeSite('gone.test')).toBe(true);
      expect(await store.removeSite('gone.test')).toBe(false);
      expect(await store.removeSite('never.test')).toBe(false);
      expect(await store.listSites()).toEqual([kept]);
      expect(await store.dailyRows(gone.id)).toEqual([]);
      expect(await store.hourlyRows(gone.id)).toEqual([]);
      expect(await store.dailyRows(kept.id)).toHaveLength(1);
      expect(await store.hourlyRows(kept.id)).toHaveLength(1);
    });

    test('applyCounterDeltas adds to stored counters across calls, negative deltas included', async () => {
      const store = await fresh();
      const site = await addSite(store, 'add.test');
      await store.applyCounterDeltas({
        daily: [
          daily(site.id, '2025-03-01', 'page', '/', {
            pageviews: 2,
            visits: 1,
            bounces: 1,
            exits: 1,
            engagedMs: 1500,
            engagements: 1,
            scrollSum: 40,
            events: 0,
          }),
          daily(site.id, '2025-03-01', 'total', '', { pageviews: 2, visits: 1 }),
        ],
        hourly: [hourly(site.id, '2025-03-01T09', { pageviews: 2, visits: 1, engagedMs: 1500 })],
      });
      // A follow-up engagement beacon takes back an exit and a bounce (docs/WIRE.md).
      await store.applyCounterDeltas({
        daily: [
          daily(site.id, '2025-03-01', 'page', '/', {
            pageviews: 1,
            bounces: -1,
            exits: -1,
            engagedMs: 500,
            scrollSum: 10,
            events: 2,
          }),
        ],
        hourly: [
          hourly(site.id, '2025-03-01T09', { pageviews: 1, engagedMs: 500 }),
          hourly(site.id, '2025-03-01T10', { pageviews: 4 }),
        ],
      });
      expect(await store.dailyRows(site.id)).toEqual([
        daily(site.id, '2025-03-01', 'page', '/', {
          pageviews: 3,
          visits: 1,
          bounces: 0,
          exits: 0,
          engagedMs: 2000,
          engagements: 1,
          scrollSum: 50,
          events: 2,
        }),
        daily(site.id, '2025-03-01', 'total', '', { pageviews: 2, visits: 1 }),
      ]);
      expect(await store.hourlyRows(site.id)).toEqual([
        hourly(site.id, '2025-03-01T09', { pageviews: 3, visits: 1, engagedMs: 2000 }),
        hourly(site.id, '2025-03-01T10', { pageviews: 4 }),
      ]);
      await store.applyCounterDeltas({ daily: [], hourly: [] });
      expect(await store.dailyRows(site.id)).toHaveLength(2);
    });

    test('a big batch (several statement chunks) is written whole', async () => {
      const store = await fresh();
      const site = await addSite(store, 'big.test');
      const rows = Array.from({ length: 5_001 }, (_, i) =>
        daily(site.id, '2025-03-01', 'page', `/p/${String(i).padStart(5, '0')}`, { pageviews: 1 }),
      );
      await store.applyCounterDeltas({ daily: rows, hourly: [] });
      await store.applyCounterDeltas({ daily: rows, hourly: [] });
      const stored = await store.dailyRows(site.id);
      expect(stored).toHaveLength(5_001);
      expect(stored.every((r) => r.pageviews === 2)).toBe(true);
    });

    test('distinctValues is scoped to (site, day, dimension) and respects the limit', async () => {
      const store = await fresh();
      const site = await addSite(store, 'cap.test');
      const other = await addSite(store, 'other.test');
      await store.applyCounterDeltas({
        daily: [
          ...['/a', '/b', '/c', '(other)'].map((v) =>
            daily(site.id, '2025-03-01', 'page', v, { pageviews: 1 }),
          ),
          daily(site.id, '2025-03-01', 'entry', '/e', { visits: 1 }),
          daily(site.id, '2025-03-02', 'page', '/tomorrow', { pageviews: 1 }),
          daily(other.id, '2025-03-01', 'page', '/elsewhere', { pageviews: 1 }),
        ],
        hourly: [],
      });
      expect((await store.distinctValues(site.id, '2025-03-01', 'page', 10)).sort()).toEqual([
        '(other)',
        '/a',
        '/b',
        '/c',
      ]);
      const two = await store.distinctValues(site.id, '2025-03-01', 'page', 2);
      expect(two).toHaveLength(2);
      expect(['(other)', '/a', '/b', '/c']).toEqual(expect.arrayContaining(two));
      expect(await store.distinctValues(site.id, '2025-03-01', 'entry', 10)).toEqual(['/e']);
      expect(await store.distinctValues(site.id, '2025-03-03', 'page', 10)).toEqual([]);
      expect(await store.distinctValues(other.id, '2025-03-01', 'page', 10)).toEqual([
        '/elsewhere',
      ]);
    });

    test('dailyRows: byte order of day, dimension, value; day range; plain numbers', async () => {
      const store = await fresh();
      const site = await addSite(store, 'order.test');
      // Mixed case, punctuation and accents: a locale collation would order these differently.
      const values = ['b', 'B', 'a', '_x', 'é', '(other)', '/Z', '/a', 'a b', 'ab', ''];
      await store.applyCounterDeltas({
        daily: [
          ...values.map((v) => daily(site.id, '2025-03-02', 'page', v, { pageviews: 1 })),
          daily(site.id, '2025-03-02', 'browser', 'Firefox', { pageviews: 1 }),
          daily(site.id, '2025-03-01', 'total', '', {
            pageviews: 1,
            engagedMs: 3_000_000_000, // past 2^31: engaged_ms is a bigint column
          }),
          daily(site.id, '2025-03-03', 'total', '', { pageviews: 1 }),
        ],
        hourly: [],
      });
      const rows = await store.dailyRows(site.id);
      expect(rows.map((r) => `${r.day} ${r.dimension} ${r.value}`)).toEqual([
        '2025-03-01 total ',
        '2025-03-02 browser Firefox',
        ...[...values].sort().map((v) => `2025-03-02 page ${v}`),
        '2025-03-03 total ',
      ]);
      for (const row of rows) {
        for (const [key, value] of Object.entries(row)) {
          if (!['day', 'dimension', 'value'].includes(key))
            expect(typeof value, key).toBe('number');
        }
      }
      expect(rows[0]!.engagedMs).toBe(3_000_000_000);
      const middle = await store.dailyRows(site.id, '2025-03-02', '2025-03-02');
      expect(middle).toHaveLength(values.length + 1);
      expect(await store.dailyRows(site.id, '2025-03-03')).toHaveLength(1);
      expect(await store.dailyRows(site.id, undefined, '2025-03-01')).toHaveLength(1);
    });

    test('hourlyRows: ordered by hour, within the range, plain numbers', async () => {
      const store = await fresh();
      const site = await addSite(store, 'hours.test');
      const hours = ['2025-03-01T23', '2025-03-01T00', '2025-03-02T00', '2025-03-01T09'];
      await store.applyCounterDeltas({
        daily: [],
        hourly: hours.map((h) => hourly(site.id, h, { pageviews: 1, engagedMs: 3_000_000_000 })),
      });
      const rows = await store.hourlyRows(site.id);
      expect(rows.map((r) => r.hour)).toEqual([...hours].sort());
      expect(rows[0]).toEqual(hourly(site.id, '2025-03-01T00', { pageviews: 1, engagedMs: 3e9 }));
      expect(
        (await store.hourlyRows(site.id, '2025-03-01T01', '2025-03-01T23')).map((r) => r.hour),
      ).toEqual(['2025-03-01T09', '2025-03-01T23']);
    });

    test('concurrent applyCounterDeltas calls on the same keys sum exactly', async () => {
      const store = await fresh();
      const sites = [await addSite(store, 'hot1.test'), await addSite(store, 'hot2.test')];
      const calls = 40;
      const write = (i: number) => ({
        // The same keys in every call, sorted as CounterBatch.toWrite sorts them.
        daily: sites.flatMap((s) => [
          daily(s.id, '2025-03-01', 'page', '/hot', { pageviews: 1, engagedMs: i }),
          daily(s.id, '2025-03-01', 'total', '', { pageviews: 1, visits: 1 }),
        ]),
        hourly: sites.map((s) => hourly(s.id, '2025-03-01T12', { pageviews: 1 })),
      });
      await Promise.all(
        Array.from({ length: calls }, (_, i) => store.applyCounterDeltas(write(i))),
      );
      const sumI = (calls * (calls - 1)) / 2;
      for (const s of sites) {
        expect(await store.dailyRows(s.id)).toEqual([
          daily(s.id, '2025-03-01', 'page', '/hot', { pageviews: calls, engagedMs: sumI }),
          daily(s.id, '2025-03-01', 'total', '', { pageviews: calls, visits: calls }),
        ]);
        expect(await store.hourlyRows(s.id)).toEqual([
          hourly(s.id, '2025-03-01T12', { pageviews: calls }),
        ]);
      }
    });

    test('scanDailyRows / scanHourlyRows yield every row in key order, chunk by chunk', async () => {
      const store = await fresh();
      const s1 = await addSite(store, 'scan1.test');
      const s2 = await addSite(store, 'scan2.test');
      const rows = [s2, s1].flatMap((s) =>
        ['/c', '/a', '/b'].map((v) => daily(s.id, '2025-03-01', 'page', v, { pageviews: s.id })),
      );
      const hours = [s2, s1].map((s) => hourly(s.id, '2025-03-01T05', { visits: s.id }));
      await store.applyCounterDeltas({ daily: rows, hourly: hours });
      const scanned = await collect(store.scanDailyRows(4));
      expect(scanned.sizes).toEqual([4, 2]);
      expect(scanned.rows.map((r) => `${r.siteId}${r.value}`)).toEqual(
        [s1, s2].flatMap((s) => ['/a', '/b', '/c'].map((v) => `${s.id}${v}`)),
      );
      expect(scanned.rows[0]).toEqual(
        daily(s1.id, '2025-03-01', 'page', '/a', { pageviews: s1.id }),
      );
      const scannedHours = await collect(store.scanHourlyRows(100));
      expect(scannedHours.rows).toEqual([hours[1], hours[0]]);
      expect((await collect(store.scanHourlyRows(1))).sizes).toEqual([1, 1]);
    });

    test('counterSummary: row count and per-metric sums per site', async () => {
      const store = await fresh();
      const s1 = await addSite(store, 'sum1.test');
      const s2 = await addSite(store, 'sum2.test');
      await store.applyCounterDeltas({
        daily: [
          daily(s1.id, '2025-03-01', 'page', '/a', { pageviews: 2, engagedMs: 3_000_000_000 }),
          daily(s1.id, '2025-03-01', 'page', '/b', { pageviews: 3, exits: -1, events: 4 }),
          daily(s2.id, '2025-03-01', 'total', '', { visits: 7 }),
        ],
        hourly: [hourly(s2.id, '2025-03-01T01', { scrollSum: 9 })],
      });
      expect(await store.counterSummary('daily_counters')).toEqual([
        {
          siteId: s1.id,
          rows: 2,
          totals: metrics({ pageviews: 5, engagedMs: 3_000_000_000, exits: -1, events: 4 }),
        },
        { siteId: s2.id, rows: 1, totals: metrics({ visits: 7 }) },
      ]);
      expect(await store.counterSummary('hourly_counters')).toEqual([
        { siteId: s2.id, rows: 1, totals: metrics({ scrollSum: 9 }) },
      ]);
    });

    test('countLoginFailure: one atomic count + lock, parallel calls one by one, none while locked', async () => {
      const store = await fresh();
      const user = await store.accounts.createUser('lock@example.test', 'x', new Date());
      const now = '2026-01-01T00:00:00.000Z';
      const rungs = [
        { minFailures: 4, until: '2026-01-01T00:02:00.000Z' },
        { minFailures: 3, until: '2026-01-01T00:01:00.000Z' },
      ];
      const first = await store.accounts.countLoginFailure(user.id, now, rungs);
      expect(first).toEqual({ failedLogins: 1, lockedUntil: null });
      // Ten at once: the second and third count, the third locks, the rest find the lock.
      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.accounts.countLoginFailure(user.id, now, rungs)),
      );
      const counted = results.filter((r) => r !== undefined);
      expect(counted.map((r) => r!.failedLogins).sort()).toEqual([2, 3]);
      expect(counted.find((r) => r!.failedLogins === 3)!.lockedUntil).toBe(rungs[1]!.until);
      expect(await store.accounts.userById(user.id)).toMatchObject({
        failedLogins: 3,
        lockedUntil: rungs[1]!.until,
      });
      // At the end of the lock the next failure counts and takes the next rung.
      const later = await store.accounts.countLoginFailure(user.id, rungs[1]!.until, rungs);
      expect(later).toEqual({ failedLogins: 4, lockedUntil: rungs[0]!.until });
      expect(await store.accounts.countLoginFailure(999_999, now, rungs)).toBeUndefined();
    });

    test('forgiveLoginAttempt takes back one count and only the lock that attempt set', async () => {
      const store = await fresh();
      const user = await store.accounts.createUser('forgive@example.test', 'x', new Date());
      const now = '2026-01-01T00:00:00.000Z';
      const rungs = [{ minFailures: 3, until: '2026-01-01T00:01:00.000Z' }];
      await store.accounts.countLoginFailure(user.id, now, rungs);
      await store.accounts.countLoginFailure(user.id, now, rungs);
      // The third attempt (a right password still needing its second step) locked: taken back.
      const third = await store.accounts.countLoginFailure(user.id, now, rungs);
      expect(third).toEqual({ failedLogins: 3, lockedUntil: rungs[0]!.until });
      await store.accounts.forgiveLoginAttempt(user.id, third!.lockedUntil);
      expect(await store.accounts.userById(user.id)).toMatchObject({
        failedLogins: 2,
        lockedUntil: null,
      });
      // A lock set by another attempt stays: only the count goes down.
      await store.accounts.setLoginFailures(user.id, 5, '2026-01-01T00:09:00.000Z');
      await store.accounts.forgiveLoginAttempt(user.id, null);
      expect(await store.accounts.userById(user.id)).toMatchObject({
        failedLogins: 4,
        lockedUntil: '2026-01-01T00:09:00.000Z',
      });
      await store.accounts.setLoginFailures(user.id, 0, null);
      await store.accounts.forgiveLoginAttempt(user.id, null);
      expect((await store.accounts.userById(user.id))!.failedLogins).toBe(0);
    });

    test('importSites keeps ids; sites added afterwards get new, larger ids', async () => {
      const store = await fresh();
      const imported: SiteRecord[] = [
        {
          id: 7,
          domain: 'seven.test',
          name: 'Seven',
          timezone: 'Asia/Tokyo',
          settings: { cardinalityCap: 99 },
          createdAt: '2024-01-01T00:00:00.000Z',
        },
        {
          id: 3,
          domain: 'three.test',
          name: 'Three',
          timezone: 'UTC',
          settings: {},
          createdAt: '2024-01-02T00:00:00.000Z',
        },
      ];
      await store.importSites(imported);
      expect(await store.siteByDomain('seven.test')).toMatchObject(imported[0]!);
      expect(await store.siteByDomain('three.test')).toMatchObject(imported[1]!);
      const next = await addSite(store, 'next.test');
      expect(next.id).toBeGreaterThan(7);
    });
  });
}
