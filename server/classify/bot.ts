// Decides whether a request's User-Agent belongs to a bot, crawler, headless browser or script.
import { isbot } from 'isbot';

/** UAs shorter than this are never a real browser's (the shortest real ones are far longer). */
const MIN_BROWSER_UA_LENGTH = 10;

/**
 * True for a missing, empty or too-short User-Agent, and for anything the isbot pattern list
 * recognises (crawlers, monitoring, HTTP libraries, HeadlessChrome, …). The UA is only read here,
 * never stored.
 */
export function isBot(userAgent: string | undefined): boolean {
  if (typeof userAgent !== 'string') return true;
  const ua = userAgent.trim();
  if (ua.length < MIN_BROWSER_UA_LENGTH) return true;
  return isbot(ua);
}
