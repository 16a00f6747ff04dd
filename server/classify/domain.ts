// Reduces hostnames to their registrable domain ("site") and compares sites.
import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';

const NON_ASCII = /[^\x00-\x7F]/;

/**
 * Lowercases a hostname, drops one trailing dot, and converts a Unicode (IDN) name to its
 * punycode form, the form `new URL()` gives, so `bücher.de` and `xn--bcher-kva.de` compare equal.
 * An IDN that cannot be converted is returned lowercased.
 */
export function normaliseHost(hostname: string): string {
  if (typeof hostname !== 'string') return '';
  let host = hostname.trim().toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (NON_ASCII.test(host)) host = domainToASCII(host) || host;
  return host;
}

/**
 * The registrable domain (eTLD+1) from the Public Suffix List, *including* its private section,
 * so `alice.github.io` and `bob.github.io` are different sites, as browsers see them.
 * Hosts with no registrable domain (IP addresses, `localhost`, a bare public suffix such as
 * `com`) give the lowercased hostname without a leading `www.`. Unknown TLDs count as public
 * suffixes, so `a.example.test` and `example.test` both give `example.test`.
 */
export function registrableDomain(hostname: string): string {
  const host = normaliseHost(hostname);
  if (host === '') return '';
  const known = domainCache.get(host);
  if (known !== undefined) return known;
  const domain = getDomain(host, { allowPrivateDomains: true });
  const result = domain || (host.startsWith('www.') ? host.slice(4) : host);
  // Bounded in count and bytes (anyone sends hosts): a name longer than DNS allows is not kept.
  if (host.length > 253) return result;
  if (domainCache.size >= maxCachedDomains) domainCache.clear();
  domainCache.set(host, result);
  return result;
}

// The Public Suffix List lookup costs more than the rest of an event's classification, and the
// same few hosts (the site's own, the usual referrers) come back on almost every event.
const domainCache = new Map<string, string>();
const maxCachedDomains = 10_000;

/** Same registrable domain, case-insensitively. IP addresses are same-site only when equal. */
export function isSameSite(hostA: string, hostB: string): boolean {
  const a = registrableDomain(hostA);
  return a !== '' && a === registrableDomain(hostB);
}
