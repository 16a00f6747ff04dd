// CSRF guard for every state-changing API request. hono/csrf checks Origin / Sec-Fetch-Site but
// only for form-like content types; JSON requests carrying a session cookie need the same check.
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { jsonError } from '../errors.js';

const safeMethod = /^(GET|HEAD|OPTIONS)$/;

export interface CsrfOptions {
  /** Extra allowed origin (POMELO_PUBLIC_URL when Pomelo sits behind a proxy). */
  publicOrigin: string | undefined;
  sessionCookie: string;
}

export function csrfGuard({ publicOrigin, sessionCookie }: CsrfOptions): MiddlewareHandler {
  const allowed = (origin: string, requestUrl: string) =>
    origin === new URL(requestUrl).origin || origin === publicOrigin;
  // hono/csrf, applied as-is to form-like bodies (what an HTML form on another site can send).
  const formGuard = csrf({ origin: (origin, c) => allowed(origin, c.req.url) });
  return async function csrfGuardMiddleware(c, next) {
    if (safeMethod.test(c.req.method)) return next();
    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const hasSession = (c.req.header('cookie') ?? '').includes(`${sessionCookie}=`);
    const rejected =
      (fetchSite !== undefined && fetchSite !== 'same-origin') ||
      (origin !== undefined && !allowed(origin, c.req.url)) ||
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
