// Slow and broken clients: slowloris and slow bodies are cut off by the server's timeouts, broken
// HTTP is rejected, and meanwhile well-behaved clients keep getting fast 202s.
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startPomelo, type RunningPomelo } from '../../server/server.js';
import { openStore } from '../../server/store/open.js';
import {
  addSites,
  countedPageviews,
  freshDir,
  pageview,
  send,
} from '../durability/child-server.js';

const headersTimeoutMs = 1_000;
const requestTimeoutMs = 1_500;
// Node checks the timeouts on an interval (server.ts: a quarter of the headers timeout, ≤ 1 s).
const slack = 1_500;

let dataDir: string;
let pomelo: RunningPomelo;
let url: string;
let port: number;
const logs: string[] = [];
let acknowledged = 0;

beforeAll(async () => {
  dataDir = freshDir('pomelo-slow-');
  await addSites(dataDir, ['example.test']);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    POMELO_DATA_DIR: dataDir,
    POMELO_HEADERS_TIMEOUT_MS: String(headersTimeoutMs),
    POMELO_REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
  });
  pomelo = await startPomelo({
    config,
    store: await openStore(config),
    log: createLogger('warn', (l) => logs.push(l)),
  });
  url = pomelo.url;
  port = pomelo.port;
  // Warm-up: the first event pays for lazy initialisation (UA parser, JIT, the client's connection).
  expect((await send(url, pageview())).status).toBe(202);
  acknowledged++;
});

afterAll(async () => {
  await pomelo.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface RawResult {
  /** What the server sent back before the socket closed. */
  response: string;
  /** Milliseconds from connect to close. */
  ms: number;
  /** True when the server (not this client) ended the connection. */
  closedByServer: boolean;
}

/**
 * Opens a raw TCP connection, writes `head` at once, then `drip` one byte every `dripMs`, and
 * optionally closes from this side after `closeAfterMs`. Resolves when the socket is closed.
 */
function rawClient(
  head: string,
  {
    drip = '',
    dripMs = 1_000,
    closeAfterMs,
  }: { drip?: string; dripMs?: number; closeAfterMs?: number } = {},
): Promise<RawResult> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    let response = '';
    let closedByUs = false;
    let timer: NodeJS.Timeout | undefined;
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head);
      let i = 0;
      timer = setInterval(() => {
        if (i < drip.length && !socket.destroyed) socket.write(drip[i++]!);
      }, dripMs);
      if (closeAfterMs !== undefined) {
        setTimeout(() => {
          closedByUs = true;
          socket.destroy();
        }, closeAfterMs);
      }
    });
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (response += d));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ response, ms: Date.now() - t0, closedByServer: !closedByUs });
    });
  });
}

/** Sends well-behaved events one after another while `busy` runs; returns their latencies. */
async function wellBehavedDuring<T>(busy: Promise<T>): Promise<{ result: T; latencies: number[] }> {
  let done = false;
  const latencies: number[] = [];
  const client = (async () => {
    while (!done) {
      const t0 = Date.now();
      const { status } = await send(url, pageview());
      expect(status).toBe(202);
      acknowledged++;
      latencies.push(Date.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const result = await busy;
  done = true;
  await client;
  return { result, latencies };
}

const body = pageview();

/** The well-behaved client was never held up behind the slow ones (they take ≥ 1 s each). */
function expectFast(latencies: number[]): void {
  expect(latencies.length).toBeGreaterThan(5);
  const sorted = [...latencies].sort((a, b) => a - b);
  expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(250);
  expect(sorted[sorted.length - 1]).toBeLessThan(headersTimeoutMs);
}

describe('slow clients', () => {
  test('slowloris: 200 sockets sending a header byte per second are closed by the headers timeout', async () => {
    const head = 'POST /api/event HTTP/1.1\r\nHost: 127.0.0.1\r\n';
    const drip = 'User-Agent: slow\r\nX-Slow: ' + 'a'.repeat(100);
    const { result, latencies } = await wellBehavedDuring(
      Promise.all(Array.from({ length: 200 }, () => rawClient(head, { drip, dripMs: 1_000 }))),
    );
    for (const r of result) {
      expect(r.closedByServer).toBe(true);
      expect(r.ms).toBeLessThan(headersTimeoutMs + slack);
      expect(r.response === '' || r.response.startsWith('HTTP/1.1 408')).toBe(true);
    }
    expectFast(latencies);
  });

  test('slow body: Content-Length 4000 sent one byte per second is cut off by the request timeout', async () => {
    const head =
      'POST /api/event HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n' +
      'Content-Length: 4000\r\n\r\n';
    const { result, latencies } = await wellBehavedDuring(
      Promise.all(Array.from({ length: 50 }, () => rawClient(head, { drip: body.repeat(40) }))),
    );
    for (const r of result) {
      expect(r.closedByServer).toBe(true);
      expect(r.ms).toBeLessThan(requestTimeoutMs + slack);
      expect(r.response === '' || r.response.startsWith('HTTP/1.1 408')).toBe(true);
    }
    expectFast(latencies);
  });

  test('broken requests are rejected and harm nobody else; nothing of them is counted', async () => {
    const ua = 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36\r\n';
    const post = (headers: string, rest = '') =>
      'POST /api/event HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n' +
      `Content-Type: text/plain\r\n${ua}${headers}\r\n${rest}`;
    const cases: [string, Promise<RawResult>, RegExp | null][] = [
      ['garbage request line', rawClient('HELLO WORLD\r\n\r\n'), /^HTTP\/1\.1 400/],
      ['binary noise', rawClient('\x00\x01\x02\xff\xfe GET / HTTP/9.9\r\n\r\n'), /^HTTP\/1\.1 400/],
      ['bad Content-Length', rawClient(post('Content-Length: abc\r\n', body)), /^HTTP\/1\.1 400/],
      [
        'two Content-Lengths',
        rawClient(post(`Content-Length: ${body.length}\r\nContent-Length: 5\r\n`, body)),
        /^HTTP\/1\.1 400/,
      ],
      [
        'bad chunk size',
        rawClient(post('Transfer-Encoding: chunked\r\n', 'ZZ\r\nhello\r\n0\r\n\r\n')),
        /^HTTP\/1\.1 400/,
      ],
      [
        'Content-Length larger than the bytes sent, then close',
        rawClient(post('Content-Length: 1000\r\n', body), { closeAfterMs: 200 }),
        null,
      ],
      [
        'body cut in the middle of the JSON, then close',
        rawClient(post(`Content-Length: ${body.length}\r\n`, body.slice(0, 30)), {
          closeAfterMs: 200,
        }),
        null,
      ],
      [
        'truncated JSON with a matching Content-Length',
        rawClient(post('Content-Length: 30\r\n', body.slice(0, 30))),
        /^HTTP\/1\.1 400/,
      ],
    ];
    const { result } = await wellBehavedDuring(
      Promise.all(cases.map(async ([name, p, expected]) => ({ name, expected, r: await p }))),
    );
    for (const { name, expected, r } of result) {
      if (expected) expect(r.response, name).toMatch(expected);
      else expect(r.response, name).toBe(''); // the client left before a full request arrived
    }
    // The server is still healthy, and only the well-behaved events were counted, exactly.
    expect((await send(url, body)).status).toBe(202);
    acknowledged++;
    await pomelo.writer.drain();
    expect(countedPageviews(dataDir, 'example.test', { readonly: true })).toBe(acknowledged);
    expect(logs.join('')).not.toContain('"level":"error"');
  });
});
