// A client that pipelines many events on one connection while commits wait (PostgreSQL: another
// transaction holds the counters table; the event loop keeps running) is read only up to
// maxHeldPerConnection unanswered requests plus the rest of the chunk being parsed: the server does
// not take in, parse and hold the whole stream in memory. Once the lock goes, reading resumes and
// every request is answered 202, in order, and counted.
import fs from 'node:fs';
import net from 'node:net';
import postgres from 'postgres';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { maxHeldPerConnection } from '../../server/ingest/node-route.js';
import { createLogger } from '../../server/log.js';
import { startPomelo } from '../../server/server.js';
import { openStore } from '../../server/store/open.js';
import { createPgDatabase, testsPostgres } from '../support/db.js';
import { desktopChrome, freshDir } from '../durability/child-server.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function request(i: number): string {
  const body = JSON.stringify({
    n: 'pageview',
    u: `https://example.test/p${i}`,
    d: 'example.test',
    t: 0,
  });
  return (
    'POST /api/event HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
    `User-Agent: ${desktopChrome}\r\nContent-Type: text/plain;charset=UTF-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

describe.runIf(testsPostgres())('pipelined events on one connection', () => {
  test('reading pauses at the per-connection limit while commits wait; nothing lost', async () => {
    const pg = await createPgDatabase();
    cleanups.push(() => pg.drop());
    const dataDir = freshDir('pomelo-pipelined-');
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      POMELO_DATA_DIR: dataDir,
      POMELO_DATABASE_URL: pg.url,
      // Nothing refuses here: no shedding, a pending cap far above what is sent.
      POMELO_MAX_COMMIT_WAIT_MS: '0',
      POMELO_MAX_LOOP_DELAY_MS: '0',
      POMELO_INGEST_RATE: '0',
    });
    const store = await openStore(config);
    await store.migrate();
    await store.addSite({ domain: 'example.test', timezone: 'UTC' }, new Date());
    const pomelo = await startPomelo({ config, store, log: createLogger('silent') });
    cleanups.push(() => pomelo.stop());

    const locker = postgres(pg.url, { max: 1, onnotice: () => {} });
    cleanups.push(() => locker.end({ timeout: 5 }));
    let unlock!: () => void;
    const unlocked = new Promise<void>((r) => (unlock = r));
    const holding = locker.begin(async (tx) => {
      await tx.unsafe('LOCK TABLE daily_counters IN EXCLUSIVE MODE');
      await unlocked;
    });
    await sleep(200);

    const n = 3_000;
    const stream = Array.from({ length: n }, (_, i) => request(i)).join('');
    const perRequest = Buffer.byteLength(stream) / n;
    const socket = net.connect(pomelo.port, '127.0.0.1');
    cleanups.push(() => socket.destroy());
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(stream);

    // While the first commit waits, the server took in only what one connection may hold, plus
    // what was left of the chunk it was parsing when it paused (Node reads 64 KiB at a time).
    await sleep(1_500);
    const takenIn = pomelo.writer.pendingEvents;
    expect(takenIn).toBeGreaterThanOrEqual(maxHeldPerConnection);
    expect(takenIn).toBeLessThanOrEqual(maxHeldPerConnection + Math.ceil(65_536 / perRequest));
    expect(takenIn).toBeLessThan(n / 4);
    expect(received).toBe('');

    unlock();
    await holding;
    const statuses = () => [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
    for (let i = 0; i < 300 && statuses().length < n; i++) await sleep(100);
    expect(statuses()).toEqual(new Array(n).fill('202'));
    const [row] = await locker<{ n: string }[]>`
      SELECT coalesce(sum(pageviews), 0) AS n FROM daily_counters WHERE dimension = 'total'`;
    expect(Number(row!.n)).toBe(n);
  });
});
