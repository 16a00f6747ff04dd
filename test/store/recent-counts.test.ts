// Realtime and the install check's recent outcomes through the real group commit and store
// (server/reports/recent.ts): on PostgreSQL the minute counters give the in-memory counters' figures
// exactly, old rows are pruned in bounded runs, and deleting a site deletes its rows. On SQLite the
// in-memory counters stay (one process) and the table stays empty.
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GroupCommit } from '../../server/counters/group-commit.js';
import { createMetrics } from '../../server/metrics.js';
import { zeroMetrics } from '../../server/counters/types.js';
import { minuteOf } from '../../server/reports/minutes.js';
import type { NotCountedReason } from '../../server/reports/outcomes.js';
import type { RealtimeEvent } from '../../server/reports/realtime.js';
import {
  MemoryRecentCounts,
  MinuteRecentCounts,
  recentCountsFor,
  type RecentCounts,
} from '../../server/reports/recent.js';
import { openPgStore } from '../../server/store/pg.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { SiteRecord, Store } from '../../server/store/types.js';
import {
  createPgDatabase,
  testBackends,
  testsPostgres,
  type Backend,
  type PgDatabase,
} from '../support/db.js';
import { freshDataDir } from '../support/server.js';

const t0 = Date.parse('2026-03-01T12:00:00Z');
const min = 60_000;

function writerFor(store: Store, recent: RecentCounts) {
  return new GroupCommit(store, {
    maxPendingEvents: 10_000,
    maxBatchEvents: 500,
    capFor: () => 1_000,
    ...(recent.minuteSource && { minutes: recent.minuteSource }),
  });
}

/** Submits an event like the pipeline does: counters (none needed here), then `accepted`. */
async function submit(writer: GroupCommit, recent: RecentCounts, e: RealtimeEvent, t: number) {
  const hour = new Date(t).toISOString().slice(0, 13);
  await writer.submit({ daily: [], hourly: { siteId: e.siteId, hour, ...zeroMetrics() } }, e, t);
  recent.accepted(e, t);
}

async function minuteRows(store: Store, siteId?: number): Promise<number> {
  let n = 0;
  for (const s of siteId === undefined ? await store.listSites() : [{ id: siteId }]) {
    n += (await store.minutes.totals(s.id, 0, 2 ** 31 - 1)).length;
    n += (await store.minutes.topPages(s.id, 0, 2 ** 31 - 1, 1_000_000)).length;
  }
  return n;
}

/** A fresh store of `backend` with two sites, opened before the suite and dropped after it. */
function useStore(backend: Backend) {
  const ctx = {} as { store: Store; sites: SiteRecord[] };
  let database: PgDatabase | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    if (backend === 'postgres') {
      database = await createPgDatabase();
      ctx.store = openPgStore(database.url, { poolSize: 4 });
    } else {
      dir = freshDataDir();
      ctx.store = openSqliteStore(path.join(dir, 'pomelo.db'));
    }
    await ctx.store.migrate();
    ctx.sites = [];
    for (const domain of ['a.test', 'b.test']) {
      ctx.sites.push(await ctx.store.addSite({ domain, timezone: 'UTC' }, new Date(t0)));
    }
  });
  afterAll(async () => {
    await ctx.store?.close();
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return { ctx, url: () => database!.url };
}

describe.each(testBackends())('recent counts on %s', (backend) => {
  const { ctx } = useStore(backend);

  test('the implementation: minute counters on PostgreSQL, memory on SQLite', () => {
    expect(recentCountsFor(ctx.store).kind).toBe(backend === 'postgres' ? 'minutes' : 'memory');
  });

  test('the same figures as the in-memory counters, read back from the database', async () => {
    const recent = recentCountsFor(ctx.store);
    // The reference: the in-memory counters with the same page cap.
    const memory = new MemoryRecentCounts();
    const writer = writerFor(ctx.store, recent);
    let seed = 11;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    const kinds = ['pageview', 'pageview', 'pageview', 'engagement', 'custom', 'bot'] as const;
    const reasons: NotCountedReason[] = ['unknown_site', 'domain_mismatch', 'excluded_path'];
    for (let t = t0; t < t0 + 40 * min; t += 20_000) {
      const pending: Promise<void>[] = [];
      for (let i = rand(8); i > 0; i--) {
        const e: RealtimeEvent = {
          siteId: ctx.sites[rand(2)]!.id,
          kind: kinds[rand(kinds.length)]!,
          entry: rand(3) === 0,
          path: `/p${rand(12)}`,
        };
        memory.accepted(e, t);
        pending.push(submit(writer, recent, e, t));
      }
      if (rand(4) === 0) {
        const reason = reasons[rand(reasons.length)]!;
        recent.notCounted(ctx.sites[0]!.id, reason, t);
        memory.notCounted(ctx.sites[0]!.id, reason, t);
      }
      await Promise.all(pending);
      if (rand(5) !== 0) continue;
      for (const site of ctx.sites) {
        expect(await recent.realtime(site.id, t)).toEqual(await memory.realtime(site.id, t));
        expect(await recent.outcomes(site.id, t)).toEqual(await memory.outcomes(site.id, t));
      }
    }
    const end = t0 + 40 * min;
    const snap = await recent.realtime(ctx.sites[0]!.id, end);
    expect(snap.pageviews).toBeGreaterThan(20); // the stream really counted something
    expect(snap).toEqual(await memory.realtime(ctx.sites[0]!.id, end));
    await recent.stop();
  });

  test('deleting a site deletes its minute rows, and only its own', async () => {
    const recent = recentCountsFor(ctx.store);
    const writer = writerFor(ctx.store, recent);
    for (const { id } of ctx.sites) {
      const e: RealtimeEvent = { siteId: id, kind: 'pageview', entry: true, path: '/' };
      await submit(writer, recent, e, t0 + 400 * min);
    }
    const before = await minuteRows(ctx.store, ctx.sites[1]!.id);
    expect(before > 0).toBe(backend === 'postgres');
    expect((await minuteRows(ctx.store, ctx.sites[0]!.id)) > 0).toBe(backend === 'postgres');
    if (backend === 'sqlite') expect(await minuteRows(ctx.store)).toBe(0); // memory only
    expect(await ctx.store.removeSite('a.test')).toBe(true);
    expect(await minuteRows(ctx.store, ctx.sites[0]!.id)).toBe(0);
    expect(await minuteRows(ctx.store, ctx.sites[1]!.id)).toBe(before);
  });
});

describe.runIf(testsPostgres())('minute counters on postgres', () => {
  const { ctx, url } = useStore('postgres');

  test('refusals alone reach the table within the flush delay (no commit needed)', async () => {
    const site = ctx.sites[1]!.id;
    const writer = new MinuteRecentCounts(ctx.store, { flushMs: 50 });
    const reader = new MinuteRecentCounts(ctx.store); // another node: nothing of its own buffered
    const t = t0 + 100 * min;
    writer.notCounted(site, 'excluded_path', t);
    writer.notCounted(site, 'excluded_path', t);
    expect((await reader.outcomes(site, t)).not_counted).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await reader.outcomes(site, t)).not_counted).toEqual([
      { reason: 'excluded_path', events: 2 },
    ]);
    await writer.stop();
    await reader.stop();
  });

  test('buffered refusals join the next commit, in the same statement as its events', async () => {
    const site = ctx.sites[1]!.id;
    const node = new MinuteRecentCounts(ctx.store, { flushMs: 60_000 }); // no timer in this test
    const reader = new MinuteRecentCounts(ctx.store);
    const writer = writerFor(ctx.store, node);
    const t = t0 + 150 * min;
    node.notCounted(site, 'domain_mismatch', t);
    expect((await reader.outcomes(site, t)).not_counted).toEqual([]);
    await submit(writer, node, { siteId: site, kind: 'pageview', entry: true, path: '/' }, t);
    expect(await reader.outcomes(site, t)).toEqual({
      minutes: 30,
      counted: 1,
      bots: 0,
      not_counted: [{ reason: 'domain_mismatch', events: 1 }],
    });
    await node.stop();
  });

  test('past maxPendingKeys a refusal is dropped, counted, and shown by GET /metrics', async () => {
    const site = ctx.sites[1]!.id;
    const node = new MinuteRecentCounts(ctx.store, { flushMs: 60_000, maxPendingKeys: 2 });
    const metrics = createMetrics({
      pendingEvents: () => 0,
      droppedRefusals: () => node.droppedRefusals,
      replayStorageBytes: async () => 0,
      siteCount: async () => 1,
    });
    const dropped = async () =>
      /^pomelo_recent_refusals_dropped_total (\d+)$/m.exec(await metrics.registry.metrics())?.[1];
    const t = t0 + 600 * min;
    node.notCounted(site, 'excluded_path', t);
    node.notCounted(site, 'domain_mismatch', t);
    node.notCounted(site, 'excluded_path', t); // a key already held still grows
    expect(await dropped()).toBe('0');
    node.notCounted(site, 'gpc', t); // a third key: dropped
    node.notCounted(site, 'rate_limited', t + min);
    expect(node.droppedRefusals).toBe(2);
    expect(await dropped()).toBe('2');
    expect((await node.outcomes(site, t)).not_counted).toEqual([
      { reason: 'excluded_path', events: 2 },
      { reason: 'domain_mismatch', events: 1 },
    ]);
    await node.stop();
  });

  test('a page cap per site and minute: the rest is "(other)"', async () => {
    const recent = new MinuteRecentCounts(ctx.store, { maxPagesPerSlot: 2 });
    const writer = writerFor(ctx.store, recent);
    const t = t0 + 200 * min;
    const site = ctx.sites[1]!.id;
    for (const p of ['/a', '/b', '/c', '/d', '/a']) {
      await submit(writer, recent, { siteId: site, kind: 'pageview', entry: false, path: p }, t);
    }
    expect((await recent.realtime(site, t)).top_pages).toEqual([
      { page: '(other)', pageviews: 2 },
      { page: '/a', pageviews: 2 },
      { page: '/b', pageviews: 1 },
    ]);
  });

  test('the prune job deletes rows older than 31 minutes, at most pruneLimit × prunePasses per run', async () => {
    const recent = new MinuteRecentCounts(ctx.store, { pruneLimit: 5, prunePasses: 2 });
    const [job] = recent.jobs;
    const site = ctx.sites[1]!.id;
    const old = t0 + 300 * min;
    const writer = writerFor(ctx.store, recent);
    // 8 rows in minute m (outcome, pageviews, visits, 5 pages), 4 in minute m+1.
    for (const p of ['/1', '/2', '/3', '/4', '/5']) {
      await submit(writer, recent, { siteId: site, kind: 'pageview', entry: true, path: p }, old);
    }
    await submit(
      writer,
      recent,
      { siteId: site, kind: 'pageview', entry: true, path: '/6' },
      old + min,
    );
    const rowsIn = async (from: number, to: number) => {
      const sql = postgres(url(), { max: 1, onnotice: () => {} });
      try {
        const [row] = await sql<{ n: number }[]>`select count(*)::int as n from minute_counters
            where minute >= ${from} and minute <= ${to}`;
        return row!.n;
      } finally {
        await sql.end();
      }
    };
    const m = minuteOf(old);
    expect(await rowsIn(m, m)).toBe(8);
    expect(await rowsIn(m + 1, m + 1)).toBe(4);
    // Earlier tests left older rows: every row up to minute m goes, 10 a run, none after it.
    const older = await rowsIn(0, m);
    expect(older).toBeGreaterThan(10);
    // 31 minutes later minute m is still kept.
    await job!.run(old + 31 * min);
    expect(await rowsIn(0, m)).toBe(older - Math.min(10, older - 8));
    let left = await rowsIn(0, m);
    while (left > 0) {
      await job!.run(old + 32 * min);
      const now = await rowsIn(0, m);
      expect(now).toBe(Math.max(0, left - 10));
      left = now;
    }
    expect(await rowsIn(m + 1, m + 1)).toBe(4);
  });
});
