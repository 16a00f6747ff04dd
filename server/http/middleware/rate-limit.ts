// In-memory token buckets (per client for auth, per site for ingestion) and the 429 middleware.
// Keys live in memory only and are never logged: a client key is a socket address, or behind a
// trusted reverse proxy (POMELO_TRUSTED_PROXIES) the address that proxy saw.
import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { jsonError } from '../errors.js';

export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the burst allowed after a quiet period. */
  burst: number;
  /** Keys remembered at most; past it, full (idle) buckets are dropped first. */
  maxKeys?: number;
  now?: () => number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Takes one token for the key, or says how long until one is available. */
  take(key: string, cost = 1): TakeResult {
    const { ratePerSecond, burst } = this.options;
    const now = this.now();
    const b = this.buckets.get(key);
    // A clock that steps back (NTP, a test clock) must not drain the bucket: elapsed time ≥ 0.
    const elapsed = b ? Math.max(0, now - b.at) : 0;
    const tokens = b ? Math.min(burst, b.tokens + (elapsed / 1000) * ratePerSecond) : burst;
    if (tokens < cost) {
      this.buckets.set(key, { tokens, at: now });
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((cost - tokens) / ratePerSecond)),
      };
    }
    if (!b && this.buckets.size >= this.maxKeys) this.prune(now);
    this.buckets.set(key, { tokens: tokens - cost, at: now });
    return { ok: true };
  }

  /** Drops buckets that have refilled (they behave exactly like absent ones); all if none did. */
  private prune(now: number): void {
    const { ratePerSecond, burst } = this.options;
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * ratePerSecond >= burst) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}

/** A dual-stack socket shows IPv4 clients as ::ffff:a.b.c.d; compare them as a.b.c.d. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

/** Hops of X-Forwarded-For looked at, from the right: a client can prepend any number of its own. */
const MAX_FORWARDED_HOPS = 16;

/**
 * The address a rate limit should key on. Only when the socket peer is a trusted proxy is
 * X-Forwarded-For read, from the right, skipping further trusted proxies: the first address not
 * in the list is the one a trusted proxy saw connect, and the leftmost entries, which the client
 * writes itself, are never believed.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: ReadonlySet<string>,
): string {
  let address = plainAddress(socketAddress ?? 'unknown');
  if (!forwardedFor || !trustedProxies.has(address)) return address;
  const hops = forwardedFor.split(',').slice(-MAX_FORWARDED_HOPS);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plainAddress(hops[i]!.trim());
    if (isIP(hop) === 0) return address; // garbage: stay with the last address a proxy vouched for
    address = hop;
    if (!trustedProxies.has(address)) return address;
  }
  return address;
}

/** The client's rate-limit key: see clientAddress. Never logged, never stored. */
export function clientKey(c: Context, trustedProxies: ReadonlySet<string>): string {
  let socketAddress: string | undefined;
  try {
    socketAddress = getConnInfo(c).remote.address;
  } catch {
    socketAddress = undefined;
  }
  return clientAddress(socketAddress, c.req.header('x-forwarded-for'), trustedProxies);
}

/** 429 + Retry-After once a client has used its attempts (login, setup, invitations). */
export function rateLimitPerClient(
  buckets: TokenBuckets,
  trustedProxies: ReadonlySet<string>,
): MiddlewareHandler {
  return async function rateLimitPerClientMiddleware(c, next) {
    const taken = buckets.take(clientKey(c, trustedProxies));
    if (!taken.ok) {
      return jsonError(
        c,
        429,
        'rate_limited',
        'too many attempts; retry later',
        taken.retryAfterSeconds,
      );
    }
    await next();
  };
}

/**
 * Ingestion limit per site, for server/ingest: call `take(siteId)` once the site is known and answer
 * 429 + Retry-After when it refuses. A limit of 0 events/s turns it off.
 */
export function createSiteRateLimiter(options: {
  ratePerSecond: number;
  burst: number;
  now?: () => number;
}): { take(siteId: number): TakeResult } {
  if (options.ratePerSecond <= 0) return { take: () => ({ ok: true }) };
  const buckets = new TokenBuckets({ ...options, maxKeys: 1_000_000 });
  return { take: (siteId) => buckets.take(String(siteId)) };
}
