// Parses the reported page URL and matches its hostname against a site's domain.
import { normaliseHost } from './domain';

const MAX_URL_LENGTH = 2048;
/** IPv4 (as URL normalises it) or bracketed IPv6: such hosts have no subdomains. */
const IP_HOST = /^(?:[0-9.]+|\[[0-9a-f:.]+\])$/;

/** An http(s) URL of at most 2,048 chars with a non-empty hostname, or null. Never throws. */
export function parsePageUrl(raw: string): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.hostname === '' ? null : url;
}

/**
 * True when the hostname is the domain or one of its subdomains, case-insensitively and ignoring
 * one trailing dot (`www.example.com` and `shop.example.com` match `example.com`;
 * `notexample.com` does not). Unicode and punycode forms of a name compare equal. An IP address
 * matches only itself.
 */
export function hostMatchesDomain(hostname: string, domain: string): boolean {
  const host = normaliseHost(hostname);
  const site = normaliseHost(domain);
  if (host === '' || site === '') return false;
  if (host === site) return true;
  return !IP_HOST.test(host) && host.endsWith(`.${site}`);
}
