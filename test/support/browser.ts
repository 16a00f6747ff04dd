// Real Chromium for browser tests (playwright-core + the system /usr/bin/chromium), and a recorder of
// every request pages make to the Pomelo server, so tests can assert expected and refuted requests.
//
// The recorder is a small HTTP proxy in front of the Pomelo server rather than Playwright's request
// events: beacons sent with keepalive while a page unloads (pagehide) are invisible to Playwright,
// and those are exactly the engagement beacons the tests must see.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { available, chromiumPath, missingMessage, prerequisites } from './prerequisites.js';
import { desktopChrome } from './server.js';

export { chromiumPath };

/**
 * Browser suites run only where Chromium is installed: `describe.skipIf(!hasChromium)`. Under
 * CI=true or POMELO_REQUIRE_ALL=1 a missing Chromium fails the suite instead (prerequisites.ts).
 */
export const hasChromium = available(prerequisites.chromium);
export const noChromiumMessage = `browser tests skipped: ${missingMessage(prerequisites.chromium)}`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      // Test sites are http://example.test:PORT/ and the like: the tracker refuses localhost.
      '--host-resolver-rules=MAP *.test 127.0.0.1',
      // A normal Chrome User-Agent for every request: a context's userAgent does not reach
      // keepalive beacons sent while a page unloads, and isbot flags "HeadlessChrome".
      `--user-agent=${desktopChrome}`,
    ],
  });
}

/** One request to the Pomelo server and its answer, as seen on the wire. */
export interface PomeloExchange {
  method: string;
  /** Path and query on the Pomelo server, e.g. `/api/event`. */
  path: string;
  requestHeaders: http.IncomingHttpHeaders;
  /** The request body parsed as JSON (the tracker's payload), or null. */
  body: Record<string, unknown> | null;
  /** null until the server answered (or when it could not be reached). */
  status: number | null;
  responseHeaders: http.IncomingHttpHeaders;
  responseBody: string;
}

export interface PomeloRecorder {
  /** The origin pages use for the Pomelo server, e.g. http://stats.test:41234. */
  origin: string;
  exchanges: PomeloExchange[];
  close(): Promise<void>;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Starts a recording proxy on 127.0.0.1:0 that forwards everything to `target` (the Pomelo server)
 * unchanged. Pages reach it as `http://<host>:<port>` (host defaults to stats.test).
 */
export async function recordPomelo(target: string, host = 'stats.test'): Promise<PomeloRecorder> {
  const upstream = new URL(target);
  const exchanges: PomeloExchange[] = [];
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const exchange: PomeloExchange = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        requestHeaders: req.headers,
        body: text ? parseJson(text) : null,
        status: null,
        responseHeaders: {},
        responseBody: '',
      };
      exchanges.push(exchange);
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            const all = Buffer.concat(body);
            if (up.headers['content-encoding'] === undefined) {
              exchange.responseBody = all.toString('utf8');
            }
            exchange.responseHeaders = up.headers;
            exchange.status = up.statusCode ?? 0;
            res.writeHead(up.statusCode ?? 502, up.rawHeaders).end(all);
          });
        },
      );
      forward.on('error', () => res.writeHead(502).end());
      forward.end(text ? Buffer.concat(chunks) : undefined);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;
  return {
    origin: `http://${host}:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

export interface RecordedPage {
  context: BrowserContext;
  page: Page;
  /** Requests to the Pomelo server since this page was opened, in arrival order. */
  requests(): PomeloExchange[];
  /** Payloads of POST /api/event since this page was opened, in arrival order. */
  events(): Record<string, unknown>[];
  /** Resolves once `count` POST /api/event requests have arrived and every one was answered. */
  waitForAnswers(count: number, timeoutMs?: number): Promise<PomeloExchange[]>;
  /** Headers of every response this context received from any origin (Set-Cookie checks). */
  responseHeaders: { url: string; headers: { name: string; value: string }[] }[];
}

/**
 * A fresh context with one page: a normal desktop Chrome User-Agent (isbot flags HeadlessChrome as
 * a bot), timezone Europe/Paris (so the country is FR) and a 1280 px viewport (device "laptop").
 * Pages are meant to be used one after the other with a recorder (arrival order is per recorder).
 */
export async function newPage(
  browser: Browser,
  recorder: PomeloRecorder,
  options: BrowserContextOptions = {},
): Promise<RecordedPage> {
  const context = await browser.newContext({
    userAgent: desktopChrome,
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 720 },
    ...options,
  });
  const responseHeaders: RecordedPage['responseHeaders'] = [];
  context.on('response', async (response) => {
    const headers = await response.headersArray().catch(() => []);
    responseHeaders.push({ url: response.url(), headers });
  });
  const first = recorder.exchanges.length;
  const requests = () => recorder.exchanges.slice(first);
  const posts = () => requests().filter((r) => r.method === 'POST' && r.path === '/api/event');
  const page = await context.newPage();
  return {
    context,
    page,
    requests,
    responseHeaders,
    events: () => posts().map((r) => r.body ?? {}),
    async waitForAnswers(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const sent = posts();
        if (sent.length >= count && sent.every((r) => r.status !== null)) return sent;
        if (Date.now() > deadline) {
          const seen = sent.map((r) => `${String(r.body?.n)} → ${r.status ?? 'pending'}`);
          throw new Error(`expected ${count} answered events, saw: ${seen.join(', ') || 'none'}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
