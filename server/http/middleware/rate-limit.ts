// In-memory token buckets (per client for auth, per site for ingestion) and the 429 middleware.
// Keys live in memory only and are never logged: a client key is a socket address.
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

/** The client's socket address (no proxy headers are trusted); only ever a rate-limit key. */
export function clientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** 429 + Retry-After once a client has used its attempts (login, setup, invitations). */
export function rateLimitPerClient(buckets: TokenBuckets): MiddlewareHandler {
  return async function rateLimitPerClientMiddleware(c, next) {
    const taken = buckets.take(clientKey(c));
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
