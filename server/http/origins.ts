// Which browser origins may change state (the CSRF guard) and whether a request came over HTTPS.
// Pure: the caller passes the configured origins, the socket's local address and port, and the
// forwarded protocol a trusted proxy reported.

export interface OriginPolicy {
  /** POMELO_PUBLIC_URL and POMELO_ALLOWED_ORIGINS: always allowed. */
  configured: readonly string[];
  /** True when POMELO_PUBLIC_URL is set: then only `configured` origins are allowed. */
  publicUrlSet: boolean;
}

/** The address and port the request arrived on (this server's side of the socket). */
export interface LocalEndpoint {
  address: string | undefined;
  port: number | undefined;
}

const loopbackV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || loopbackV4.test(host);
}

const plainLocal = (address: string) =>
  address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/**
 * May a request with this Origin change state? A configured origin always may. Without
 * POMELO_PUBLIC_URL, an origin also may when it names this very socket: its host is the IP
 * address the request arrived on (or a loopback name when it arrived on a loopback address) and
 * its port the port it arrived on. The Host header never decides: with DNS rebinding an attacker's
 * page has the attacker's host name as its origin and sends it as Host too.
 */
export function originAllowed(origin: string, policy: OriginPolicy, local: LocalEndpoint): boolean {
  if (policy.configured.includes(origin)) return true;
  if (policy.publicUrlSet || local.port === undefined || local.address === undefined) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin || !/^https?:$/.test(url.protocol)) return false;
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (port !== local.port) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const arrivedOn = plainLocal(local.address);
  if (host === arrivedOn) return true;
  return isLoopbackHost(host) && isLoopbackHost(arrivedOn);
}

/**
 * The protocol a trusted proxy reports in X-Forwarded-Proto: the first (leftmost) value, the one
 * the client-facing proxy wrote. Only ever asked when the socket peer is a trusted proxy.
 */
export function forwardedHttps(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',')[0]!.trim().toLowerCase() === 'https';
}
