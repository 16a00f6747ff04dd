// The ingestion pipeline: parse → validate → resolve site → classify → deltas → group commit.
import { normaliseHost } from '../classify/domain.js';
import { isExcludedPath } from '../classify/excluded-path.js';
import { hostMatchesDomain, parsePageUrl } from '../classify/url.js';
import { toDeltas, type ClassifiedEvent } from '../counters/deltas.js';
import type { GroupCommit } from '../counters/group-commit.js';
import { honoursGpc, type SiteRecord } from '../store/types.js';
import { classifyEvent, createAgentClassifier } from './classify-event.js';
import { parseJsonBody, validatePayload, type EventPayload } from './payload.js';
import { type Rejection, isRejection, reject } from './rejection.js';
import type { OverloadGovernor } from './overload.js';
import { notCached, type SiteDirectory } from './site-directory.js';
import type { NotCountedReason } from '../reports/outcomes.js';

export interface IngestDeps {
  sites: SiteDirectory;
  writer: GroupCommit;
  now: () => number;
  /** Called once an event's batch committed (feeds realtime, server/reports/realtime.ts). */
  onAccepted?: (event: ClassifiedEvent, nowMs: number) => void;
  /** Per-site token bucket (server/http/middleware/rate-limit.ts): a flood on one site cannot starve the rest. */
  siteLimiter?: { take(siteId: number): { ok: true } | { ok: false; retryAfterSeconds: number } };
  /** Load shedding under overload (overload.ts); without it only the writer's pending cap applies. */
  overload?: Pick<OverloadGovernor, 'admit' | 'retryAfterSeconds'>;
  /**
   * What a committed pageview's answer carries for the replay module, or null
   * (server/replay/offer.ts): an offer only on a visit's entry, so sampling is per visit.
   */
  replayOffer?: (siteId: number, url: string, entry: boolean) => string | null;
  /**
   * An event of a known site that was not counted, and why (the install check's recent outcomes,
   * server/reports/outcomes.ts). An unknown or mismatched domain is filed under the site whose
   * domain the page is on, else the site the event named.
   */
  onNotCounted?: (siteId: number, reason: NotCountedReason, nowMs: number) => void;
}

/** What POST /api/event/explain answers (the tracker's data-debug): the verdict, nothing stored. */
export type Explanation =
  | { outcome: 'counted' | 'bot'; site: string }
  | { outcome: 'not_counted'; reason: NotCountedReason | Rejection['rejected']; message: string };

/**
 * `ignored`: a valid event the site's settings say not to count (an excluded path, or a visitor's
 * Global Privacy Control signal); answered like an accepted one, since the sender did nothing
 * wrong. `limited`: the site is over its rate.
 */
export type IngestResult =
  | { accepted: true; ignored?: 'excluded_path' | 'gpc'; replayOffer?: string }
  | { limited: true; retryAfterSeconds: number }
  | Rejection;

type SiteLookup = (domain: string) => SiteRecord | undefined | typeof notCached;

/**
 * Finds the site: by the declared domain(s) `d`, else by the URL's hostname and its parents.
 * `notCached` when `lookup` could not answer for a domain it needed (then ask the store).
 */
function findSite(
  lookup: SiteLookup,
  domains: string[],
  host: string,
): SiteRecord | Rejection | typeof notCached {
  let declared: SiteRecord | undefined;
  for (const domain of domains) {
    // As written first: a site may be registered as "www.example.com" (the site-input rules allow it).
    let site = lookup(domain);
    if (site === undefined && domain.startsWith('www.')) site = lookup(domain.slice(4));
    if (site === notCached) return notCached;
    if (site && hostMatchesDomain(host, site.domain)) return site;
    declared ??= site;
  }
  if (declared) {
    // Never name the registered domain: it may belong to another tenant (issue 11).
    return reject('domain_mismatch', 'the page URL is not on the domain this event names');
  }
  return reject('unknown_site', 'no site is registered for this domain');
}

/** The cache answers almost every event at once (no promise); the store after a miss or expiry. */
function resolveSite(
  sites: SiteDirectory,
  payload: EventPayload,
  hostname: string,
): SiteRecord | Rejection | Promise<SiteRecord | Rejection> {
  // Lowercase, without the trailing dot of a fully-qualified name ("example.com." is example.com).
  const host = normaliseHost(hostname);
  const domains = payload.domains.length > 0 ? payload.domains : parentDomains(host);
  const fast = findSite((d) => sites.cached(d), domains, host);
  return fast !== notCached ? fast : loadSite(sites, domains, host);
}

async function loadSite(
  sites: SiteDirectory,
  domains: string[],
  host: string,
): Promise<SiteRecord | Rejection> {
  const loaded = new Map<string, SiteRecord | undefined>();
  for (const domain of domains) {
    for (const d of domain.startsWith('www.') ? [domain, domain.slice(4)] : [domain]) {
      if (!loaded.has(d)) loaded.set(d, await sites.byDomain(d));
    }
  }
  return findSite((d) => loaded.get(d), domains, host) as SiteRecord | Rejection;
}

function parentDomains(host: string): string[] {
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1 && out.length < 4; i++) out.push(labels.slice(i).join('.'));
  return out.length ? out : [host];
}

/**
 * The site a refused event belongs to, for the install check: the site whose domain the page is
 * on, else the one `d` named (a domain mismatch). Undefined when neither is registered.
 */
async function refusedSite(
  sites: SiteDirectory,
  payload: EventPayload,
  hostname: string,
): Promise<SiteRecord | undefined> {
  const byHost = await resolveSite(sites, { ...payload, domains: [] }, hostname);
  if (!isRejection(byHost)) return byHost;
  for (const d of payload.domains) {
    const site = (await sites.byDomain(d)) ?? (await sites.byDomain(d.replace(/^www\./, '')));
    if (site) return site;
  }
  return undefined;
}

const refusalMessages: Record<NotCountedReason, string> = {
  unknown_site: 'no site is registered for this domain',
  domain_mismatch: 'the page URL is not on the domain this event names',
  excluded_path: "this page is one of the site's excluded paths",
  gpc: 'the browser sends Global Privacy Control and the site honours it',
  rate_limited: 'the site is over its event rate',
};

export function createIngest(deps: IngestDeps) {
  const classifyAgent = createAgentClassifier();
  const notCounted = async (
    payload: EventPayload,
    hostname: string,
    reason: NotCountedReason,
    site?: SiteRecord,
  ) => {
    if (!deps.onNotCounted) return;
    const owner = site ?? (await refusedSite(deps.sites, payload, hostname));
    if (owner) deps.onNotCounted(owner.id, reason, deps.now());
  };
  const ingest = async function ingest(
    body: string,
    userAgent: string | undefined,
    gpc = false,
  ): Promise<IngestResult> {
    const json = parseJsonBody(body);
    if (isRejection(json)) return json;
    const payload = validatePayload(json);
    if (isRejection(payload)) return payload;
    const url = parsePageUrl(payload.url);
    if (!url) return reject('bad_url', 'u must be an absolute http(s) URL');
    const found = resolveSite(deps.sites, payload, url.hostname);
    const site = found instanceof Promise ? await found : found;
    if (isRejection(site)) {
      await notCounted(payload, url.hostname, site.rejected as NotCountedReason);
      return site;
    }
    // The tracker sends nothing under GPC; a script that ignores it is not obeyed either.
    if (gpc && honoursGpc(site.settings)) {
      await notCounted(payload, url.hostname, 'gpc', site);
      return { accepted: true, ignored: 'gpc' };
    }
    const allowed = deps.siteLimiter?.take(site.id);
    if (allowed && !allowed.ok) {
      await notCounted(payload, url.hostname, 'rate_limited', site);
      return { limited: true, retryAfterSeconds: allowed.retryAfterSeconds };
    }
    const nowMs = deps.now();
    const event = classifyEvent(payload, url, site, classifyAgent(userAgent), nowMs);
    if (isExcludedPath(event.path, site.settings.excludedPaths)) {
      await notCounted(payload, url.hostname, 'excluded_path', site);
      return { accepted: true, ignored: 'excluded_path' };
    }
    await deps.writer.submit(toDeltas(event), event, nowMs);
    deps.onAccepted?.(event, nowMs);
    const offer =
      event.kind === 'pageview' ? deps.replayOffer?.(site.id, payload.url, event.entry) : null;
    return offer ? { accepted: true, replayOffer: offer } : { accepted: true };
  };
  /**
   * Whether to refuse this request before reading anything (the route answers 503 + Retry-After
   * with the seconds returned), 0 to go on. Call once per request: it counts admissions.
   */
  const shed = (): number => {
    if (deps.writer.overloaded) return 1;
    const overload = deps.overload;
    return overload && !overload.admit() ? overload.retryAfterSeconds : 0;
  };
  /**
   * The same steps as `ingest` without writing or counting anything: what would happen to this
   * event, for the tracker's data-debug (tracker/debug/). No rate limit is taken.
   */
  const explain = async (
    body: string,
    userAgent: string | undefined,
    gpc = false,
  ): Promise<Explanation> => {
    const refused = (r: Rejection): Explanation => ({
      outcome: 'not_counted',
      reason: r.rejected,
      message: r.message,
    });
    const because = (reason: NotCountedReason): Explanation => ({
      outcome: 'not_counted',
      reason,
      message: refusalMessages[reason],
    });
    const json = parseJsonBody(body);
    if (isRejection(json)) return refused(json);
    const payload = validatePayload(json);
    if (isRejection(payload)) return refused(payload);
    const url = parsePageUrl(payload.url);
    if (!url) return refused(reject('bad_url', 'u must be an absolute http(s) URL'));
    const site = await resolveSite(deps.sites, payload, url.hostname);
    if (isRejection(site)) return refused(site);
    if (gpc && honoursGpc(site.settings)) return because('gpc');
    const agent = classifyAgent(userAgent);
    const event = classifyEvent(payload, url, site, agent, deps.now());
    if (isExcludedPath(event.path, site.settings.excludedPaths)) return because('excluded_path');
    return event.kind === 'bot'
      ? { outcome: 'bot', site: site.domain }
      : { outcome: 'counted', site: site.domain };
  };
  return Object.assign(ingest, { shed, explain });
}
