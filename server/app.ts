// Builds the Hono app from its dependencies; reads top to bottom in middleware order.
import { Hono } from 'hono';
import type { AccountsDeps } from './accounts/context.js';
import { accountRoutes, apiMiddleware } from './accounts/routes/index.js';
import { embedPolicyFrom } from './accounts/share-embed.js';
import { createErrorHandler, jsonError } from './http/errors.js';
import { dashboardSecurityHeaders } from './http/middleware/security-headers.js';
import { isHttpsRequest } from './http/request-security.js';
import { trackerRoutes, type StaticAsset } from './http/static.js';
import { dashboardRoutes } from './http/dashboard.js';
import { healthRoutes, type HealthDeps } from './http/health.js';
import { ingestRoutes } from './ingest/route.js';
import type { createIngest } from './ingest/pipeline.js';
import type { Logger } from './log.js';
import { mailApiRoutes, mailPublicRoutes, type MailDeps } from './mail/routes.js';
import { reportsRoutes, type ReportsDeps } from './reports/routes.js';
import { replayAdminRoutes } from './replay/admin-routes.js';
import type { ReplayDeps } from './replay/deps.js';
import { replayPublicRoutes } from './replay/public-routes.js';
import { privacyRoutes } from './privacy/routes.js';
import { statsApiRoutes } from './stats-api/route.js';

export interface AppDeps {
  ingest: ReturnType<typeof createIngest>;
  tracker: Record<string, StaticAsset | undefined>;
  dashboardDir: string;
  log: Logger;
  reports: ReportsDeps;
  accounts: AccountsDeps;
  replay: ReplayDeps;
  health: HealthDeps;
  mail: MailDeps;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  // The tracker script and the event endpoint come first: they carry the traffic.
  app.route('/', trackerRoutes(deps.tracker));
  app.route('/', ingestRoutes(deps.ingest));
  // The replay module's start and chunk uploads: public like /api/event (CORS *, no credentials).
  app.route('/', replayPublicRoutes(deps.replay));
  // Load balancers and Prometheus: no session, no CSRF, no security-header middleware on these.
  app.route('/', healthRoutes(deps.health));
  // Below this line only: CSP, frame-ancestors 'none', HSTS over HTTPS (not on /p.js, /api/event).
  // A shared link's embed page (/share/:site/:link) may be framed by the origins its owner listed.
  app.use(
    '*',
    dashboardSecurityHeaders({
      https: (c) => isHttpsRequest(c, deps.accounts.config),
      embedPolicy: embedPolicyFrom(deps.accounts.store, deps.accounts.now),
    }),
  );
  // One-click unsubscribe: public, the signed link is the permission (no session, no CSRF).
  app.route('/', mailPublicRoutes(deps.mail));
  // Every other /api route: who is asking (resolvePrincipal), the CSRF guard, a 64 KB body limit.
  app.use('/api/*', ...apiMiddleware(deps.accounts));
  app.route('/', accountRoutes(deps.accounts));
  // Mail settings, send log, preview and test sends of a site: admins only.
  app.route('/', mailApiRoutes(deps.mail));
  // Replay admin: signed-in users only (never API keys or shared links), every action audited.
  app.route('/', replayAdminRoutes(deps.replay));
  // Reports and the Stats API: every route asks `access` for the site before reading anything.
  app.route('/', reportsRoutes(deps.reports));
  app.route('/', statsApiRoutes(deps.reports));
  // The privacy report: /api/sites/:id/privacy-report, and the public /privacy/<domain> page.
  app.route('/', privacyRoutes({ store: deps.accounts.store, now: deps.accounts.now }));
  app.route('/', dashboardRoutes(deps.dashboardDir));
  app.notFound((c) => jsonError(c, 404, 'not_found', 'no such route'));
  // Unknown errors become a generic 500 with nothing of the request in the body or the log.
  app.onError(createErrorHandler(deps.log));
  return app;
}
