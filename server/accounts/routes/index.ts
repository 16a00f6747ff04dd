// Mounts the account route families behind their shared middleware (context, CSRF, body limit).
import { Hono, type Context, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { jsonError } from '../../http/errors.js';
import { csrfGuard } from '../../http/middleware/csrf.js';
import { accountsContext, type AccountsDeps } from '../context.js';
import { sessionCookieNames } from '../sessions.js';
import { annotationRoutes } from './annotations.js';
import { apiKeyRoutes } from './api-keys.js';
import { authRoutes } from './auth.js';
import { importRoutes, importUploadPath } from '../../imports/routes.js';
import { goalRoutes } from './goals.js';
import { invitationRoutes } from './invitations.js';
import { orgRoutes } from './orgs.js';
import { secondFactorRoutes } from './second-factor.js';
import { siteRoutes } from './sites.js';

/** JSON bodies of the account API are small; a larger one is refused before it is read. */
export const apiBodyBytes = 64 * 1024;

/**
 * Middleware for every /api route except /api/event: the accounts context (for resolvePrincipal
 * and siteAccess), the CSRF guard and the body limit. server/app.ts applies it before any API family.
 */
export function apiMiddleware(deps: AccountsDeps) {
  return [
    accountsContext(deps),
    csrfGuard({ config: deps.config, sessionCookies: sessionCookieNames }),
    (
      (limit) => (c: Context, next: Next) =>
        // An import upload is streamed to a file under its own cap (server/imports/routes.ts).
        c.req.method === 'POST' && importUploadPath.test(c.req.path) ? next() : limit(c, next)
    )(
      bodyLimit({
        maxSize: apiBodyBytes,
        onError: (c) =>
          jsonError(c, 413, 'body_too_large', `the body is larger than ${apiBodyBytes} bytes`),
      }),
    ),
  ] as const;
}

export function accountRoutes(deps: AccountsDeps): Hono {
  const app = new Hono();
  app.route('/', authRoutes(deps));
  app.route('/', orgRoutes(deps));
  app.route('/', siteRoutes(deps));
  app.route('/', goalRoutes(deps));
  app.route('/', importRoutes(deps));
  app.route('/', apiKeyRoutes(deps));
  app.route('/', annotationRoutes(deps));
  app.route('/', invitationRoutes(deps));
  app.route('/', secondFactorRoutes(deps));
  return app;
}
