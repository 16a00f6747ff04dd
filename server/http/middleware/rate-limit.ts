// In-memory token buckets (per client for auth, per site for ingestion) and the 429 middleware.
// Keys live in memory only and are never logged: a client key is a socket address, or behind a
// trusted reverse proxy (POMELO_TRUSTED_PROXIES) the address that proxy saw; IPv6 by its /64.
import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { clientBucketKey, plainAddress, type AddressMatcher } from '../addresses.js';
import { jsonError } from '../errors.js';

export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the burst allowed after a quiet period. */
  burst: number;
  /** Keys remembered at most; past it, the least recently used bucket is dropped. */
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
    const ok = tokens >= cost;
    this.remember(key, b !== undefined, { tokens: ok ? tokens - cost : tokens, at: now });
    if (ok) return { ok: true };
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((cost - tokens) / ratePerSecond)),
    };
  }

  /**
   * Map order is use order: a used key moves to the end, and a new key past the cap evicts the
   * first one, the least recently used (O(1)). The evicted bucket is the stalest, most likely
   * refilled already; no one else's bucket is reset, as a wipe of every bucket would.
   */
  private remember(key: string, known: boolean, bucket: { tokens: number; at: number }): void {
    if (known) this.buckets.delete(key);
    else if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    this.buckets.set(key, bucket);
  }

  /** Keys currently remembered (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }
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
  trustedProxies: AddressMatcher,
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

/** The client's rate-limit key: clientAddress, IPv6 by /64 (clientBucketKey). Never logged, never stored. */
export function clientKey(c: Context, trustedProxies: AddressMatcher): string {
  let socketAddress: string | undefined;
  try {
    socketAddress = getConnInfo(c).remote.address;
  } catch {
    socketAddress = undefined;
  }
  return clientBucketKey(
    clientAddress(socketAddress, c.req.header('x-forwarded-for'), trustedProxies),
  );
}

/** 429 + Retry-After once a client has used its attempts (login, setup, invitations). */
export function rateLimitPerClient(
  buckets: TokenBuckets,
  trustedProxies: AddressMatcher,
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
