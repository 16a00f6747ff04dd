// Reduces a User-Agent string to browser family, OS family and device type, in memory only.
import { UAParser } from 'ua-parser-js';
import { sanitiseText } from './text';

export interface UserAgentFamily {
  browser: string;
  os: string;
  device: 'mobile' | 'tablet' | 'desktop';
}

const UNKNOWN = '(unknown)';
const NAME_MAX = 60;
/** ua-parser-js v1 reads at most this many characters of a UA (its UA_MAX_LENGTH). */
const UA_READ_LENGTH = 500;

function family(name: string | undefined): string {
  return sanitiseText(name ?? '', NAME_MAX) || UNKNOWN;
}

/**
 * Browser and OS *names* (never versions) and a coarse device type. Anything the library does not
 * recognise is '(unknown)'; device types other than mobile and tablet (smarttv, console,
 * wearable, embedded, none) count as 'desktop'.
 */
export function parseUserAgent(ua: string): UserAgentFamily {
  if (typeof ua !== 'string' || ua === '') {
    return { browser: UNKNOWN, os: UNKNOWN, device: 'desktop' };
  }
  const result = new UAParser(ua.slice(0, UA_READ_LENGTH)).getResult();
  const type = result.device.type;
  return {
    browser: family(result.browser.name),
    os: family(result.os.name),
    device: type === 'mobile' ? 'mobile' : type === 'tablet' ? 'tablet' : 'desktop',
  };
}

/**
 * Memoises a function of a User-Agent string in a bounded in-memory Map: a hit moves the entry to
 * the back, a miss on a full cache evicts the least recently used entry. Nothing is persisted.
 * Keys are cut to the length the parser reads, which also bounds the memory a key can take.
 */
export function memoiseByUserAgent<T>(
  fn: (ua: string) => T,
  maxEntries = 2000,
): (ua: string | undefined) => T {
  const capacity = Number.isFinite(maxEntries) ? Math.max(1, Math.floor(maxEntries)) : 2000;
  const cache = new Map<string, T>();
  return (ua) => {
    const key = typeof ua === 'string' ? ua.slice(0, UA_READ_LENGTH) : '';
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const value = fn(key);
    if (cache.size >= capacity) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, value);
    return value;
  };
}

/** parseUserAgent behind a bounded cache; results are frozen because callers share them. */
export function createUserAgentCache(maxEntries = 2000): (ua: string) => UserAgentFamily {
  return memoiseByUserAgent((ua) => Object.freeze(parseUserAgent(ua)), maxEntries);
}
