// Operational routes, outside the dashboard's session middleware: GET /healthz (the process
// answers), GET /readyz (the database answers, takes a write lock, is migrated, and no commit is
// stalled: 503 otherwise) and GET /metrics (Prometheus text; loopback clients not behind a proxy,
// or `Authorization: Bearer POMELO_METRICS_TOKEN`).
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import type { Registry } from 'prom-client';
import type { Store } from '../store/types.js';
import { jsonError } from './errors.js';

export interface HealthDeps {
  store: Store;
  /** How long the commit now running has been running, ms (GroupCommit.runningCommitMs). */
  runningCommitMs(): number;
  /** A commit running longer than this is a stalled writer, ms. */
  stalledAfterMs: number;
  registry: Registry;
  metricsToken: string | undefined;
}

const loopback = (address: string | undefined) =>
  address !== undefined &&
  (address === '::1' || /^127\./.test(address) || /^::ffff:127\./.test(address));

/** A loopback peer that is not a reverse proxy relaying someone else (no forwarding header). */
function isLocal(c: Context): boolean {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    address = undefined;
  }
  return loopback(address) && !c.req.header('x-forwarded-for') && !c.req.header('forwarded');
}

function bearerMatches(c: Context, token: string | undefined): boolean {
  const header = c.req.header('authorization') ?? '';
  if (!token || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export function healthRoutes(deps: HealthDeps): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const report = await deps.store.ready();
    const commitMs = deps.runningCommitMs();
    const checks = {
      database: report.reachable,
      writable: report.writable,
      migrations: report.migrations.applied >= report.migrations.known,
      writer: commitMs <= deps.stalledAfterMs,
    };
    const ready = Object.values(checks).every(Boolean);
    return c.json({ ready, checks }, ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    if (!isLocal(c) && !bearerMatches(c, deps.metricsToken)) {
      return deps.metricsToken
        ? jsonError(c, 401, 'unauthorized', 'send Authorization: Bearer <POMELO_METRICS_TOKEN>')
        : jsonError(c, 403, 'forbidden', 'metrics are served to loopback clients only');
    }
    c.header('Content-Type', deps.registry.contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(await deps.registry.metrics());
  });
  return app;
}
