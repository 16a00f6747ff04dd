// CSRF guard for every state-changing API request. hono/csrf checks Origin / Sec-Fetch-Site but
// only for form-like content types; JSON requests carrying a session cookie need the same check.
// Allowed origins: POMELO_PUBLIC_URL and POMELO_ALLOWED_ORIGINS, or without a public URL the origin
// naming the socket the request arrived on (server/http/origins.ts); never one derived from Host.
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import type { Config } from '../../config.js';
import { jsonError } from '../errors.js';
import { requestOriginAllowed } from '../request-security.js';

const safeMethod = /^(GET|HEAD|OPTIONS)$/;

export interface CsrfOptions {
  config: Pick<Config, 'publicUrl' | 'allowedOrigins' | 'trustedProxies'>;
  /** Session cookie names (plain and `__Host-`): a request carrying one must show its origin. */
  sessionCookies: readonly string[];
}

export function csrfGuard({ config, sessionCookies }: CsrfOptions): MiddlewareHandler {
  const allowed = (origin: string, c: Context) => requestOriginAllowed(c, config, origin);
  // hono/csrf, applied as-is to form-like bodies (what an HTML form on another site can send).
  const formGuard = csrf({ origin: (origin, c) => allowed(origin, c) });
  return async function csrfGuardMiddleware(c, next) {
    if (safeMethod.test(c.req.method)) return next();
    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const cookies = c.req.header('cookie') ?? '';
    const hasSession = sessionCookies.some((name) => cookies.includes(`${name}=`));
    const rejected =
      (fetchSite !== undefined && fetchSite !== 'same-origin') ||
      (origin !== undefined && !allowed(origin, c)) ||
      // A browser always sends Origin on a state-changing request; a cookie without it is refused.
      (hasSession && origin === undefined && fetchSite === undefined);
    if (rejected || !(await passes(formGuard, c))) {
      return jsonError(c, 403, 'csrf', 'cross-site request refused');
    }
    await next();
  };
}

/** Runs a guard middleware with a no-op `next`: true when it would let the request through. */
async function passes(guard: MiddlewareHandler, c: Context): Promise<boolean> {
  let passed = false;
  try {
    await guard(c, async () => {
      passed = true;
    });
  } catch {
    return false;
  }
  return passed;
}
