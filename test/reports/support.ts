// A real Pomelo test server plus a listener for the report routes with a test authorizer.
// startTestServer does not take an `access` function yet, so the report routes are served on a
// second port over the same store and realtime counter (same code, same database).
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { ApiError, createErrorHandler } from '../../server/http/errors.js';
import { createLogger } from '../../server/log.js';
import { reportsRoutes, type SiteAccess } from '../../server/reports/routes.js';
import { statsApiRoutes } from '../../server/stats-api/route.js';
import type { Backend } from '../support/db.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

export const testKey = 'test-key';

/** 401 without the test key, 404 for an unknown site: the shape the accounts helper will have. */
function testAccess(server: TestServer): SiteAccess {
  return async (c: Context, domain: string) => {
    if (c.req.header('authorization') !== `Bearer ${testKey}`) {
      throw new ApiError('unauthorized', 'sign in or send an API key');
    }
    const site = await server.store.siteByDomain(domain);
    if (!site) throw new ApiError('not_found', 'no such site');
    return site;
  };
}

export interface ReportsServer {
  server: TestServer;
  /** Base URL of the report routes. */
  url: string;
  setClock(iso: string): void;
  event(iso: string, body: Record<string, unknown>): Promise<void>;
  get(
    path: string,
    key?: string | null,
  ): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  query(body: unknown, key?: string | null): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startReportsServer(
  backend: Backend,
  sites: { domain: string; timezone: string }[],
): Promise<ReportsServer> {
  let clock = Date.parse('2025-01-01T00:00:00Z');
  const now = () => clock;
  const server = await startTestServer({ backend, sites, now });
  const app = new Hono();
  const deps = {
    store: server.store,
    access: testAccess(server),
    recent: server.pomelo.recent,
    now,
    listSites: async () => server.store.listSites(),
  };
  app.route('/', reportsRoutes(deps));
  app.route('/', statsApiRoutes(deps));
  app.onError(createErrorHandler(createLogger('silent', () => {})));
  const http = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(s as Server),
    ) as Server;
  });
  const address = http.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const auth = (key: string | null | undefined): Record<string, string> =>
    key === null ? {} : { authorization: `Bearer ${key ?? testKey}` };
  return {
    server,
    url,
    setClock: (iso) => {
      clock = Date.parse(iso);
    },
    async event(iso, body) {
      clock = Date.parse(iso);
      const res = await postEvent(server.url, body);
      if (res.status !== 202) throw new Error(`event refused: ${JSON.stringify(res.body)}`);
    },
    async get(path, key) {
      const res = await fetch(`${url}${path}`, { headers: auth(key) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // CSV or empty
      }
      return { status: res.status, body, text, headers: res.headers };
    },
    async query(body, key) {
      const res = await fetch(`${url}/api/v2/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth(key) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await server.close();
    },
  };
}
