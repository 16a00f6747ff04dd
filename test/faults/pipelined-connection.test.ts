// A client that pipelines many events on one connection while commits wait (PostgreSQL: another
// transaction holds the counters table; the event loop keeps running) is read only up to
// maxHeldPerConnection unanswered requests plus the rest of the chunk being parsed: the server does
// not take in, parse and hold the whole stream in memory. Once the lock goes, reading resumes and
// every request is answered 202, in order, and counted. Many such clients at once are held to
// POMELO_MAX_UNANSWERED over all connections (the intake's gate), not to 16 each: what the server
// holds does not grow with the number of connections or what they send.
import fs from 'node:fs';
import net from 'node:net';
import postgres from 'postgres';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { maxHeldPerConnection } from '../../server/ingest/node-route.js';
import type { RunningPomelo } from '../../server/server.js';
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

/** Pomelo on a fresh PostgreSQL database, nothing shed, and a lock that makes commits wait. */
async function lockedPomelo(env: Record<string, string> = {}): Promise<{
  pomelo: RunningPomelo;
  locker: ReturnType<typeof postgres>;
  unlock: () => Promise<void>;
}> {
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
    POMELO_MAX_PENDING: '1000000',
    ...env,
  });
  const store = await openStore(config);
  await store.migrate();
  await store.addSite({ domain: 'example.test', timezone: 'UTC' }, new Date());
  const pomelo = await startPomelo({ config, store, log: createLogger('silent') });
  cleanups.push(() => pomelo.stop());
  const locker = postgres(pg.url, { max: 1, onnotice: () => {} });
  cleanups.push(() => locker.end({ timeout: 5 }));
  let release!: () => void;
  const unlocked = new Promise<void>((r) => (release = r));
  const holding = locker.begin(async (tx) => {
    await tx.unsafe('LOCK TABLE daily_counters IN EXCLUSIVE MODE');
    await unlocked;
  });
  await sleep(200);
  return {
    pomelo,
    locker,
    unlock: async () => {
      release();
      await holding;
    },
  };
}

describe.runIf(testsPostgres())('hostile pipelining clients', () => {
  test('many connections pipelining without reading answers: held to POMELO_MAX_UNANSWERED in all, nothing lost', async () => {
    const maxUnanswered = 256;
    const { pomelo, locker, unlock } = await lockedPomelo({
      POMELO_MAX_UNANSWERED: String(maxUnanswered),
    });
    const connections = 24;
    const perConnection = 1_500;
    const streams = Array.from({ length: connections }, (_, c) =>
      Array.from({ length: perConnection }, (_, i) => request(c * perConnection + i)).join(''),
    );
    const perRequest = Buffer.byteLength(streams[0]!) / perConnection;
    const sockets = await Promise.all(
      streams.map(async () => {
        const socket = net.connect(pomelo.port, '127.0.0.1');
        cleanups.push(() => socket.destroy());
        await new Promise<void>((r) => socket.once('connect', () => r()));
        socket.pause(); // hostile: reads no answer
        return socket;
      }),
    );
    // A polite client: one request answered at once (400: nothing to commit), so Node arms its
    // keep-alive timeout (keepAliveTimeout 5 s + 1 s); its next request then waits unread while
    // the gate is closed, longer than that timeout: the connection must not be cut for it.
    const polite = net.connect(pomelo.port, '127.0.0.1');
    cleanups.push(() => polite.destroy());
    let politeReceived = '';
    let politeClosed = false;
    polite.setEncoding('latin1');
    polite.on('data', (d: string) => (politeReceived += d));
    polite.on('close', () => (politeClosed = true));
    await new Promise<void>((r) => polite.once('connect', () => r()));
    const bad = 'not json';
    polite.write(
      'POST /api/event HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n' +
        `Content-Length: ${bad.length}\r\n\r\n${bad}`,
    );
    for (let i = 0; i < 100 && !politeReceived.includes('\r\n\r\n'); i++) await sleep(20);
    expect(politeReceived).toMatch(/^HTTP\/1\.1 400 /);

    for (const [i, socket] of sockets.entries()) socket.write(streams[i]!);

    // Commits wait on the lock: every request the server took in is an event waiting. The gate
    // closes at maxUnanswered; past it only the rest of the chunk being parsed (64 KiB) gets in,
    // where 16 per connection would let in 24 × (16 + a chunk).
    const bound = maxUnanswered + Math.ceil(65_536 / perRequest);
    let takenIn = 0;
    for (let i = 0; i < 15; i++) {
      await sleep(100);
      takenIn = Math.max(takenIn, pomelo.writer.pendingEvents);
      expect(pomelo.writer.pendingEvents).toBeLessThanOrEqual(bound);
    }
    expect(takenIn).toBeGreaterThanOrEqual(maxUnanswered);
    expect(bound).toBeLessThan(connections * maxHeldPerConnection + 65_536 / perRequest);

    politeReceived = '';
    polite.write(request(-1));
    await sleep(6_500); // past the keep-alive timeout, the gate still closed (commits wait)
    expect(pomelo.writer.pendingEvents).toBeLessThanOrEqual(bound);
    expect(politeClosed).toBe(false);
    expect(politeReceived).toBe('');

    // The lock goes, the clients read: every request answered 202, in order, and counted.
    await unlock();
    const received = sockets.map(() => '');
    for (const [i, socket] of sockets.entries()) {
      socket.setEncoding('latin1');
      socket.on('data', (d: string) => (received[i] += d));
      socket.resume();
    }
    const statuses = (i: number) =>
      [...received[i]!.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
    const answered = () => received.reduce((n, _, i) => n + statuses(i).length, 0);
    for (let i = 0; i < 600 && answered() < connections * perConnection; i++) await sleep(100);
    for (let i = 0; i < connections; i++) {
      expect(statuses(i)).toEqual(new Array(perConnection).fill('202'));
    }
    for (let i = 0; i < 100 && !politeReceived.includes('\r\n\r\n'); i++) await sleep(50);
    expect(politeReceived).toMatch(/^HTTP\/1\.1 202 /);
    const [row] = await locker<{ n: string }[]>`
      SELECT coalesce(sum(pageviews), 0) AS n FROM daily_counters WHERE dimension = 'total'`;
    expect(Number(row!.n)).toBe(connections * perConnection + 1);
  }, 120_000);
});

describe.runIf(testsPostgres())('the dashboard during an ingestion flood', () => {
  test('a connection that asks for something else than events is still read while the gate is closed; its own events are held like any', async () => {
    const maxUnanswered = 64;
    const { pomelo, unlock } = await lockedPomelo({
      POMELO_MAX_UNANSWERED: String(maxUnanswered),
    });
    const open = async () => {
      const socket = net.connect(pomelo.port, '127.0.0.1');
      cleanups.push(() => socket.destroy());
      await new Promise<void>((r) => socket.once('connect', () => r()));
      return socket;
    };
    const dashboard = await open();
    let received = '';
    dashboard.setEncoding('latin1');
    dashboard.on('data', (d: string) => (received += d));
    const answers = () => [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
    const waitFor = async (n: number, ms: number) => {
      for (let i = 0; i < ms / 20 && answers().length < n; i++) await sleep(20);
    };
    const health = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    dashboard.write(health);
    await waitFor(1, 2_000);
    expect(answers()).toEqual(['200']);

    // A flood on other connections while commits wait: the gate closes.
    const flood = await Promise.all(Array.from({ length: 4 }, open));
    for (const [c, socket] of flood.entries()) {
      socket.pause();
      socket.write(Array.from({ length: 200 }, (_, i) => request(c * 200 + i)).join(''));
    }
    for (let i = 0; i < 100 && pomelo.writer.pendingEvents < maxUnanswered; i++) await sleep(20);
    expect(pomelo.writer.pendingEvents).toBeGreaterThanOrEqual(maxUnanswered);

    // The dashboard's connection is still read and answered, commits still waiting.
    dashboard.write(health);
    await waitFor(2, 2_000);
    expect(answers()).toEqual(['200', '200']);
    expect(pomelo.writer.pendingEvents).toBeGreaterThanOrEqual(maxUnanswered);

    // Events on it make it an event connection: held to the gate like the rest (one chunk).
    const stream = Array.from({ length: 1_000 }, (_, i) => request(10_000 + i)).join('');
    const perRequest = Buffer.byteLength(stream) / 1_000;
    dashboard.write(stream);
    const bound = 4 * 200 + Math.ceil(65_536 / perRequest);
    for (let i = 0; i < 10; i++) {
      await sleep(100);
      expect(pomelo.writer.pendingEvents).toBeLessThanOrEqual(bound);
    }
    expect(pomelo.writer.pendingEvents).toBeLessThan(4 * 200 + 1_000);
    expect(answers()).toEqual(['200', '200']);

    await unlock();
    for (const socket of flood) socket.resume();
    await waitFor(1_002, 30_000);
    expect(answers()).toEqual(['200', '200', ...new Array(1_000).fill('202')]);
  }, 60_000);
});

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
