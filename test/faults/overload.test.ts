// Load shedding at the default pending cap: when commits stall (another connection holds SQLite's
// write lock longer than POMELO_MAX_COMMIT_WAIT_MS), new events get a fast 503 + Retry-After
// before their body is even parsed; once the lock is gone events are accepted again, and every
// 202 is counted exactly once (no 503 ever is). The decision rule itself is unit-tested in
// server/ingest/overload.test.ts with a controlled sequence of measurements.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startPomelo } from '../../server/server.js';
import { openStore } from '../../server/store/open.js';
import { sqliteFile } from '../../server/store/sqlite.js';
import { addSites, countedPageviews, desktopChrome, freshDir } from '../durability/child-server.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Answer {
  status: number;
  code?: string;
  retryAfter: string | null;
}

async function post(url: string, body: string): Promise<Answer> {
  const res = await fetch(`${url}/api/event`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': desktopChrome },
    body,
  });
  const text = await res.text();
  const code = text ? (JSON.parse(text) as { error?: { code?: string } }).error?.code : undefined;
  return { status: res.status, code, retryAfter: res.headers.get('retry-after') };
}

let seq = 0;
const pageview = () =>
  JSON.stringify({ n: 'pageview', u: `https://example.test/p${++seq}`, d: 'example.test', t: 0 });

test('stalled commits: fast 503 + Retry-After before parsing, then 202 again, no 202 lost', async () => {
  const dataDir = freshDir('pomelo-overload-');
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  await addSites(dataDir, ['example.test']);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    POMELO_DATA_DIR: dataDir,
    // A commit that waits 600 ms for the lock counts as stalled past 300 ms.
    POMELO_SQLITE_BUSY_TIMEOUT_MS: '600',
    POMELO_MAX_COMMIT_WAIT_MS: '300',
  });
  expect(config.maxPendingEvents).toBe(20_000); // the default cap: it is not what refuses here
  const store = await openStore(config);
  const pomelo = await startPomelo({ config, store, log: createLogger('silent') });
  cleanups.push(() => pomelo.stop());

  const answers: Answer[] = [];
  for (let i = 0; i < 5; i++) answers.push(await post(pomelo.url, pageview()));
  expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);

  // Nothing left for the counter journal's background merge, which would otherwise wait out the
  // same lock on its own (a loop delay, Retry-After 1) before the commit under test stalls.
  await store.flushCounters();
  const locker = new Database(sqliteFile(dataDir));
  cleanups.push(() => locker.close());
  locker.exec('BEGIN EXCLUSIVE');
  // The first event's commit waits out the busy timeout and fails: nothing was acknowledged.
  const stalled = await post(pomelo.url, pageview());
  answers.push(stalled);
  expect(stalled).toEqual({ status: 503, code: 'storage_unavailable', retryAfter: '5' });
  // Now the writer counts as stuck: refused at once, before the body is read or parsed (an
  // invalid body gets the same 503, not a 400), with the longer Retry-After.
  const shed = [await post(pomelo.url, pageview()), await post(pomelo.url, '{not json')];
  answers.push(shed[0]!);
  expect(shed).toEqual([
    { status: 503, code: 'overloaded', retryAfter: '5' },
    { status: 503, code: 'overloaded', retryAfter: '5' },
  ]);

  locker.exec('COMMIT');
  // Admission comes back a tenth per calm 100 ms window: keep sending until events are accepted.
  let acceptedInARow = 0;
  for (let i = 0; i < 400 && acceptedInARow < 5; i++) {
    const a = await post(pomelo.url, pageview());
    answers.push(a);
    if (a.status === 202) acceptedInARow++;
    else
      expect([a.status, a.code, a.retryAfter === '1' || a.retryAfter === '5']).toEqual([
        503,
        'overloaded',
        true,
      ]);
    if (a.status !== 202) await new Promise((r) => setTimeout(r, 20));
  }
  expect(acceptedInARow).toBe(5);

  await pomelo.stop();
  const acknowledged = answers.filter((a) => a.status === 202).length;
  expect(countedPageviews(dataDir, 'example.test', { readonly: true })).toBe(acknowledged);
});

// POMELO_MAX_PENDING on PostgreSQL, where a commit waiting for a lock does not block the event
// loop: while another connection holds the counters table, events pile up to the cap and the
// next ones get 503 `overloaded` + Retry-After at once; once the lock goes, every 202 is counted.
test('POMELO_MAX_PENDING: past the cap 503 + Retry-After, every accepted event counted', async () => {
  const { createPgDatabase } = await import('../support/db.js');
  const postgres = (await import('postgres')).default;
  const pg = await createPgDatabase();
  cleanups.push(() => pg.drop());
  const dataDir = freshDir('pomelo-pending-');
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    POMELO_DATA_DIR: dataDir,
    POMELO_DATABASE_URL: pg.url,
    POMELO_MAX_PENDING: '100',
    // Only the pending cap refuses here: stall and loop-delay shedding are off.
    POMELO_MAX_COMMIT_WAIT_MS: '0',
    POMELO_MAX_LOOP_DELAY_MS: '0',
    POMELO_INGEST_RATE: '0',
  });
  const store = await openStore(config);
  await store.migrate();
  await store.addSite({ domain: 'example.test', timezone: 'UTC' }, new Date());
  const pomelo = await startPomelo({ config, store, log: createLogger('silent') });
  cleanups.push(() => pomelo.stop());
  expect((await post(pomelo.url, pageview())).status).toBe(202);

  const locker = postgres(pg.url, { max: 1, onnotice: () => {} });
  cleanups.push(() => locker.end({ timeout: 5 }));
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const holding = locker.begin(async (tx) => {
    await tx.unsafe('LOCK TABLE daily_counters IN EXCLUSIVE MODE');
    await released;
  });
  await new Promise((r) => setTimeout(r, 200));

  const inFlight = Array.from({ length: 160 }, () => post(pomelo.url, pageview()));
  // Wait until the refusals have come back: those are answered without waiting for the lock.
  const refusedFirst = await Promise.race([
    Promise.all(inFlight),
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 3_000)),
  ]);
  expect(refusedFirst).toBe('timeout'); // the accepted ones are still waiting for the lock
  release();
  await holding;
  const answers = await Promise.all(inFlight);
  const accepted = answers.filter((a) => a.status === 202).length;
  const refused = answers.filter((a) => a.status === 503);
  expect(accepted).toBe(100);
  expect(refused.length).toBe(160 - accepted);
  expect(refused.every((a) => a.code === 'overloaded' && a.retryAfter === '1')).toBe(true);
  expect(answers.every((a) => a.status === 202 || a.status === 503)).toBe(true);
  const [row] = await locker<{ n: string }[]>`
    SELECT coalesce(sum(pageviews), 0) AS n FROM daily_counters WHERE dimension = 'total'`;
  expect(Number(row!.n)).toBe(1 + accepted);
});
