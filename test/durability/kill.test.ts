// Durability of acknowledged events: a 202 survives kill -9; SIGTERM drains in-flight events first.
import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { openPgStore } from '../../server/store/pg.js';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import { journaledDaily } from '../support/journal.js';
import { createPgDatabase, testsPostgres } from '../support/db.js';
import {
  addSites,
  countedPageviews,
  freshDir,
  pageview,
  pool,
  send,
  startChild,
  type ChildServer,
  type SendOutcome,
} from './child-server.js';

const dirs: string[] = [];
const children: ChildServer[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function freshServer(): Promise<{ dataDir: string; server: ChildServer }> {
  const dataDir = freshDir();
  dirs.push(dataDir);
  await addSites(dataDir, ['example.test']);
  const server = await startChild({ dataDir });
  children.push(server);
  return { dataDir, server };
}

describe('durability', () => {
  test('2,000 events answered 202, then SIGKILL: exactly 2,000 pageviews are in the file', async () => {
    const n = 2_000;
    const { dataDir, server } = await freshServer();
    const results = await pool(n, 200, () => send(server.url, pageview()));
    expect(results.filter((r) => r.outcome === 'accepted')).toHaveLength(n);

    server.proc.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    expect(countedPageviews(dataDir)).toBe(n);

    // The next open merges what the killed process left in the journal into the counters.
    const store = openSqliteStore(sqliteFile(dataDir));
    const site = await store.siteByDomain('example.test');
    const total = (await store.dailyRows(site!.id)).filter((r) => r.dimension === 'total');
    expect(total.reduce((sum, r) => sum + r.pageviews, 0)).toBe(n);
    await store.close();
    const db = new Database(sqliteFile(dataDir), { readonly: true });
    expect(journaledDaily(db)).toEqual([]);
    db.close();
  });

  test('SIGTERM with events in flight: every 202 is counted and the process exits 0', async () => {
    const { dataDir, server } = await freshServer();
    const tally: Record<SendOutcome, number> = { accepted: 0, refused: 0, failed: 0 };
    let exited = false;
    void server.exited.then(() => (exited = true));
    let signalled = false;
    const sender = async () => {
      while (!exited) {
        const { outcome } = await send(server.url, pageview());
        tally[outcome]++;
        // Once the server closes its connections, new ones are refused: stop sending.
        if (outcome === 'failed' && signalled) return;
      }
    };
    const senders = Array.from({ length: 50 }, sender);
    while (tally.accepted < 500) await new Promise((r) => setTimeout(r, 5));
    const acceptedBeforeSignal = tally.accepted;
    signalled = true;
    const t0 = Date.now();
    server.proc.kill('SIGTERM');
    const { code, signal } = await server.exited;
    const drainMs = Date.now() - t0;
    await Promise.all(senders);

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // Busy keep-alive connections do not hold the shutdown open (each answer closes its connection).
    expect(drainMs).toBeLessThan(5_000);
    expect(tally.refused).toBe(0);
    expect(tally.accepted).toBeGreaterThan(acceptedBeforeSignal); // events really were in flight
    const counted = countedPageviews(dataDir);
    // Every acknowledged event is counted; an event whose connection broke may or may not be.
    expect(counted).toBeGreaterThanOrEqual(tally.accepted);
    expect(counted).toBeLessThanOrEqual(tally.accepted + tally.failed);
  });
});

describe.runIf(testsPostgres())('durability on PostgreSQL', () => {
  test('1,000 events answered 202, then SIGKILL of the node: exactly 1,000 pageviews stored', async () => {
    const database = await createPgDatabase();
    try {
      const setup = openPgStore(database.url, { poolSize: 1 });
      await setup.migrate();
      const site = await setup.addSite({ domain: 'example.test', timezone: 'UTC' }, new Date());
      await setup.close();
      const dataDir = freshDir();
      dirs.push(dataDir);
      const server = await startChild({ dataDir, env: { POMELO_DATABASE_URL: database.url } });
      children.push(server);
      const n = 1_000;
      const results = await pool(n, 100, () => send(server.url, pageview()));
      expect(results.filter((r) => r.outcome === 'accepted')).toHaveLength(n);

      server.proc.kill('SIGKILL');
      expect((await server.exited).signal).toBe('SIGKILL');
      const check = openPgStore(database.url, { poolSize: 1 });
      try {
        const totals = (await check.dailyRows(site.id)).filter((r) => r.dimension === 'total');
        expect(totals.reduce((s, r) => s + r.pageviews, 0)).toBe(n);
      } finally {
        await check.close();
      }
    } finally {
      await database.drop();
    }
  }, 60_000);
});
