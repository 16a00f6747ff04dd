// Builds the Hono app from its dependencies; reads top to bottom in middleware order.
import { Hono } from 'hono';
import { createErrorHandler, jsonError } from './http/errors.js';
import { trackerRoutes, type StaticAsset } from './http/static.js';
import { dashboardRoutes } from './http/dashboard.js';
import { ingestRoutes } from './ingest/route.js';
import type { createIngest } from './ingest/pipeline.js';
import type { Logger } from './log.js';

export interface AppDeps {
  ingest: ReturnType<typeof createIngest>;
  tracker: StaticAsset | undefined;
  dashboardDir: string;
  log: Logger;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  // The tracker script and the event endpoint come first: they carry the traffic.
  app.route('/', trackerRoutes(deps.tracker));
  app.route('/', ingestRoutes(deps.ingest));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/', dashboardRoutes(deps.dashboardDir));
  app.notFound((c) => jsonError(c, 404, 'not_found', 'no such route'));
  // Unknown errors become a generic 500 with nothing of the request in the body or the log.
  app.onError(createErrorHandler(deps.log));
  return app;
}
