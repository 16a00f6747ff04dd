// Per-request facts the security middleware needs, read from the socket (never from headers a
// client may forge): is this request HTTPS, may its Origin change state.
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { Config } from '../config.js';
import { forwardedHttps, originAllowed, type LocalEndpoint } from './origins.js';

type SecurityConfig = Pick<Config, 'publicUrl' | 'allowedOrigins' | 'trustedProxies'>;

function incoming(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage; server?: { incoming?: IncomingMessage } };
  return env?.server?.incoming ?? env?.incoming;
}

function localEndpoint(c: Context): LocalEndpoint {
  const socket = incoming(c)?.socket;
  return { address: socket?.localAddress, port: socket?.localPort };
}

/**
 * HTTPS as people reach Pomelo: an https:// POMELO_PUBLIC_URL says so for every request (an
 * http:// one says no); without one, a trusted proxy (POMELO_TRUSTED_PROXIES) sending
 * X-Forwarded-Proto: https does. Anyone else's X-Forwarded-Proto is ignored.
 */
export function isHttpsRequest(c: Context, config: SecurityConfig): boolean {
  if (config.publicUrl) return config.publicUrl.startsWith('https:');
  const peer = incoming(c)?.socket.remoteAddress;
  if (!peer || !config.trustedProxies.has(peer)) return false;
  return forwardedHttps(c.req.header('x-forwarded-proto'));
}

/** The Origin check of the CSRF guard (server/http/origins.ts has the rule). */
export function requestOriginAllowed(c: Context, config: SecurityConfig, origin: string): boolean {
  return originAllowed(
    origin,
    {
      configured: [...(config.publicUrl ? [config.publicUrl] : []), ...config.allowedOrigins],
      publicUrlSet: config.publicUrl !== undefined,
    },
    localEndpoint(c),
  );
}

/**
 * The origin links are built on (invitations, shared links): POMELO_PUBLIC_URL, else the Host the
 * request named, with https when isHttpsRequest says so.
 */
export function linkBase(c: Context, config: SecurityConfig): string {
  if (config.publicUrl) return config.publicUrl;
  const url = new URL(c.req.url);
  return `${isHttpsRequest(c, config) ? 'https' : url.protocol.slice(0, -1)}://${url.host}`;
}
