// Classifies a validated payload for a known site into a ClassifiedEvent. Pure: `nowMs` is passed in.
import { isBot } from '../classify/bot.js';
import { type Campaign, extractCampaign } from '../classify/campaign.js';
import { countryFromTimezone } from '../classify/country.js';
import { deviceClass } from '../classify/device.js';
import { isEntry, navigationKind, type NavigationKind } from '../classify/entry.js';
import { normalisePath } from '../classify/path.js';
import { classifyReferrer } from '../classify/referrer.js';
import { sanitiseText } from '../classify/text.js';
import {
  memoiseByUserAgent,
  parseUserAgent,
  type UserAgentFamily,
} from '../classify/user-agent.js';
import type { ClassifiedEvent } from '../counters/deltas.js';
import { localDay, utcHour } from '../counters/time.js';
import type { SiteRecord } from '../store/types.js';
import type { EventPayload } from './payload.js';

export interface AgentFacts extends UserAgentFamily {
  bot: boolean;
}

/**
 * Bot check and UA family, memoised by the UA string in a bounded map (memory only, never stored):
 * parsing costs ~15 µs while a lookup costs well under 1 µs.
 */
export function createAgentClassifier(maxEntries = 5000): (ua: string | undefined) => AgentFacts {
  return memoiseByUserAgent(
    (ua) => Object.freeze({ bot: isBot(ua), ...parseUserAgent(ua) }),
    maxEntries,
  );
}

const noCampaign: Campaign = Object.freeze({
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  taggedSource: null,
});

export function classifyEvent(
  payload: EventPayload,
  url: URL,
  site: SiteRecord,
  agent: AgentFacts,
  nowMs: number,
): ClassifiedEvent {
  // Most pages have no query: skip building a URLSearchParams for them.
  const campaign = url.search === '' ? noCampaign : extractCampaign(url.searchParams);
  const ref = classifyReferrer(payload.referrer, url.hostname, campaign.taggedSource);
  const nav = navigationKind(payload.navigation);
  const kind = agent.bot
    ? 'bot'
    : payload.name === 'pageview'
      ? 'pageview'
      : payload.name === 'engagement'
        ? 'engagement'
        : 'custom';
  return {
    siteId: site.id,
    day: localDay(site.timezone, nowMs),
    hour: utcHour(nowMs),
    kind,
    path: normalisePath(url, payload.hashRouting),
    entry: isEntry(nav, ref.internal),
    previous: kind === 'pageview' ? previousPage(payload, url, nav, ref.internal) : null,
    source: ref.source,
    referrer: ref.referrer,
    utmSource: campaign.utmSource,
    utmMedium: campaign.utmMedium,
    utmCampaign: campaign.utmCampaign,
    country: countryFromTimezone(payload.timezone),
    browser: agent.browser,
    os: agent.os,
    device: deviceClass(payload.width, agent.device),
    eventName: sanitiseText(payload.name, 120),
    props: kind === 'custom' ? payload.props.map(([k, v]) => [k, propValue(k, v)]) : [],
    engagement: payload.engagement,
    // Revenue belongs to custom events (a purchase); on a pageview it is ignored.
    revenue: kind === 'custom' ? payload.revenue : null,
  };
}

/**
 * The page a pageview came from on the same site (page flows, docs/METRICS.md): the previous route
 * of an SPA navigation (wire field pp), or the same-site referrer of a normal navigation (or of a
 * Plausible payload, whose kind is unknown), normalised exactly like the page itself. Reloads and
 * back/forward keep the referrer of the original load, so they name no previous page; nor does an
 * entry (its previous page is the outside world: the entry counters say how many).
 */
export function previousPage(
  payload: EventPayload,
  url: URL,
  nav: NavigationKind,
  internal: boolean,
): string | null {
  let from: URL;
  try {
    if (nav === 'spa') {
      if (payload.previousPath === null) return null;
      from = new URL(payload.previousPath, url);
    } else if ((nav === 'navigate' || nav === 'unknown') && internal && payload.referrer) {
      from = new URL(payload.referrer);
    } else {
      return null;
    }
  } catch {
    return null;
  }
  return normalisePath(from, payload.hashRouting);
}

/** URL-valued props (outbound links, downloads) lose their query and fragment: they carry secrets. */
function propValue(key: string, value: string): string {
  if (key !== 'url' && !/^https?:\/\//i.test(value)) return value;
  try {
    const u = new URL(value);
    // Only http(s) URLs have an origin: `mailto:a@b?x` would give "null" + "a@b".
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      return sanitiseText(`${u.origin}${u.pathname}`, 300);
    }
  } catch {
    // not a URL: cut at the query or fragment below
  }
  return sanitiseText(value.split(/[?#]/, 1)[0] ?? '', 300);
}
