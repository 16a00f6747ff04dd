// What the account routes and the access helpers need, built once in server.ts and put on the context.
import type { Context, MiddlewareHandler } from 'hono';
import type { Config } from '../config.js';
import type { TokenBuckets } from '../http/middleware/rate-limit.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { linkBase } from '../http/request-security.js';
import type { Principal } from './principal.js';
import type { SetupGate } from './setup.js';

export interface AccountsDeps {
  store: Store;
  config: Config;
  log: Logger;
  now: () => number;
  setup: SetupGate;
  /** Attempts per client on login, setup, invitations and shared-link passwords. */
  authLimiter: TokenBuckets;
  /** Called after a site is created, changed or deleted (ingestion caches sites by domain). */
  onSitesChanged: () => void;
}

declare module 'hono' {
  interface ContextVariableMap {
    accounts: AccountsDeps;
    principal: Principal;
  }
}

export function accountsContext(deps: AccountsDeps): MiddlewareHandler {
  return async function accountsContextMiddleware(c, next) {
    c.set('accounts', deps);
    await next();
  };
}

export function depsOf(c: Context): AccountsDeps {
  const deps = c.get('accounts');
  if (!deps) throw new Error('accountsContext middleware is not mounted for this route');
  return deps;
}

/** The origin links are built on: POMELO_PUBLIC_URL, else the request's host (https behind a trusted proxy saying so). */
export function publicBase(c: Context): string {
  return linkBase(c, depsOf(c).config);
}
