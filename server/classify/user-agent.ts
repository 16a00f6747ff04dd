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
 * Memoises parseUserAgent in a bounded in-memory Map: a hit moves the entry to the back, a miss
 * on a full cache evicts the least recently used entry. Nothing is persisted.
 */
export function createUserAgentCache(maxEntries = 2000): (ua: string) => UserAgentFamily {
  const capacity = Number.isFinite(maxEntries) ? Math.max(1, Math.floor(maxEntries)) : 2000;
  const cache = new Map<string, UserAgentFamily>();
  return (ua: string): UserAgentFamily => {
    // The parser ignores everything past UA_READ_LENGTH, so the key can too (bounds key memory).
    const key = typeof ua === 'string' ? ua.slice(0, UA_READ_LENGTH) : '';
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    // Frozen: every caller shares the cached object.
    const parsed = Object.freeze(parseUserAgent(key));
    if (cache.size >= capacity) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, parsed);
    return parsed;
  };
}
