// Scale-out (DESIGN.md): three Pomelo processes over one PostgreSQL database, started together (so
// their migrations race), all hammering the same counter keys at once. Every event is acknowledged
// (202) and the stored counters are exact: no deadlock, no lost update, no double count.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DailyRow, HourlyRow, Metrics } from '../../server/counters/types.js';
import { metricNames, zeroMetrics } from '../../server/counters/types.js';
import { openPgStore } from '../../server/store/pg.js';
import type { SiteRecord, Store } from '../../server/store/types.js';
import { createPgDatabase, testsPostgres, type PgDatabase } from '../support/db.js';
import { postEvent } from '../support/server.js';
import { startNode, type PomeloNode } from './nodes.js';

const domain = 'multi.test';
const pages = ['/', '/pricing', '/docs'];
const eventsPerNode = 600;
const concurrencyPerNode = 16;

type Kind = 'entry' | 'internal' | 'engagement' | 'follow-up' | 'custom';
const kinds: Kind[] = ['entry', 'internal', 'engagement', 'follow-up', 'custom'];

/** Event i of the known set: its wire body (docs/WIRE.md) and what it must add to the counters. */
function event(i: number): { kind: Kind; page: string; body: Record<string, unknown> } {
  const kind = kinds[i % kinds.length]!;
  const page = pages[i % pages.length]!;
  const base = { u: `https://${domain}${page}`, d: domain, w: 1280, z: 'Europe/Paris', t: 0 };
  switch (kind) {
    case 'entry':
      return { kind, page, body: { ...base, n: 'pageview', r: null } };
    case 'internal':
      return { kind, page, body: { ...base, n: 'pageview', r: `https://${domain}/` } };
    case 'engagement':
      return { kind, page, body: { ...base, n: 'engagement', r: null, e: 1000, sd: 40, c: 0 } };
    case 'follow-up':
      // Takes back the exit and bounce of an earlier beacon: negative deltas across nodes.
      return {
        kind,
        page,
        body: { ...base, n: 'engagement', r: null, e: 500, sd: 10, c: 1, f: 1 },
      };
    case 'custom':
      return { kind, page, body: { ...base, n: 'Signup', r: null, p: { plan: 'pro' } } };
  }
}

function sum(rows: Metrics[]): Metrics {
  const total = zeroMetrics();
  for (const r of rows) for (const m of metricNames) total[m] += r[m];
  return total;
}

/** Sums rows of one (dimension, value) over every day (the run may cross midnight UTC). */
function byKey(rows: DailyRow[]): Map<string, Metrics> {
  const out = new Map<string, Metrics>();
  for (const r of rows) {
    const key = `${r.dimension}:${r.value}`;
    out.set(key, sum([out.get(key) ?? zeroMetrics(), r]));
  }
  return out;
}

describe.runIf(testsPostgres())('three nodes over one PostgreSQL database', () => {
  let database: PgDatabase;
  let store: Store;
  let site: SiteRecord;
  let nodes: PomeloNode[] = [];

  beforeAll(async () => {
    database = await createPgDatabase();
    // Started together on an empty database: their migrations run at the same moment.
    const started = Date.now();
    nodes = await Promise.all(
      [0, 1, 2].map(() =>
        startNode({ POMELO_DATABASE_URL: database.url, POMELO_DATABASE_POOL: '4' }),
      ),
    );
    console.info(`multi-node: 3 nodes started and migrated in ${Date.now() - started} ms`);
    store = openPgStore(database.url, { poolSize: 2 });
    site = await store.addSite({ domain, timezone: 'UTC' }, new Date());
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await store?.close();
    await database?.drop();
  });

  test('every event is acknowledged and every counter is exact', async () => {
    const statuses = new Map<number, number>();
    const started = Date.now();
    // Each node gets the same sequence of events, so the same keys are written by all at once.
    await Promise.all(
      nodes.flatMap((node) => {
        let next = 0;
        return Array.from({ length: concurrencyPerNode }, async () => {
          while (next < eventsPerNode) {
            const { body } = event(next++);
            const res = await postEvent(node.url, body);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status !== 202) {
              throw new Error(`${res.status} ${JSON.stringify(res.body)}\n${node.output()}`);
            }
          }
        });
      }),
    );
    const elapsed = Date.now() - started;
    const total = nodes.length * eventsPerNode;
    console.info(
      `multi-node: ${total} events over 3 nodes in ${elapsed} ms (${Math.round((total / elapsed) * 1000)}/s)`,
    );
    expect(Object.fromEntries(statuses)).toEqual({ 202: total });

    const count = (pred: (e: ReturnType<typeof event>) => boolean) =>
      nodes.length * Array.from({ length: eventsPerNode }, (_, i) => event(i)).filter(pred).length;
    const entries = count((e) => e.kind === 'entry');
    const pageviews = count((e) => e.kind === 'entry' || e.kind === 'internal');
    const firstBeacons = count((e) => e.kind === 'engagement');
    const followUps = count((e) => e.kind === 'follow-up');
    const custom = count((e) => e.kind === 'custom');

    const rows = byKey(await store.dailyRows(site.id));
    expect(rows.get('total:')).toEqual({
      pageviews,
      visits: entries,
      bounces: firstBeacons - followUps,
      exits: firstBeacons - followUps,
      engagedMs: firstBeacons * 1000 + followUps * 500,
      engagements: firstBeacons,
      scrollSum: firstBeacons * 40 + followUps * 10,
      events: custom,
    });
    for (const page of pages) {
      const on = (kind: Kind) => count((e) => e.page === page && e.kind === kind);
      expect(rows.get(`page:${page}`)?.pageviews, page).toBe(on('entry') + on('internal'));
      expect(rows.get(`entry:${page}`)?.visits, page).toBe(on('entry'));
      expect(rows.get(`exit:${page}`)?.exits, page).toBe(on('engagement') - on('follow-up'));
    }
    expect(rows.get('event:Signup')?.events).toBe(custom);
    expect(rows.get('browser:Chrome')?.pageviews).toBe(pageviews);

    // The hourly totals hold the same sums as the daily total row.
    const hourly: HourlyRow[] = await store.hourlyRows(site.id);
    expect(sum(hourly)).toEqual(rows.get('total:'));
  }, 120_000);
});
