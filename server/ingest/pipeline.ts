// The ingestion pipeline: parse → validate → resolve site → classify → deltas → group commit.
import { normaliseHost } from '../classify/domain.js';
import { hostMatchesDomain, parsePageUrl } from '../classify/url.js';
import { toDeltas, type ClassifiedEvent } from '../counters/deltas.js';
import type { GroupCommit } from '../counters/group-commit.js';
import { isExcludedPath } from '../accounts/site-input.js';
import type { SiteRecord } from '../store/types.js';
import { classifyEvent, createAgentClassifier } from './classify-event.js';
import { parseJsonBody, validatePayload, type EventPayload } from './payload.js';
import { type Rejection, isRejection, reject } from './rejection.js';
import type { SiteDirectory } from './site-directory.js';

export interface IngestDeps {
  sites: SiteDirectory;
  writer: GroupCommit;
  now: () => number;
  /** Called once an event's batch committed (feeds realtime, server/reports/realtime.ts). */
  onAccepted?: (event: ClassifiedEvent, nowMs: number) => void;
  /** Per-site token bucket (server/http/middleware/rate-limit.ts): a flood on one site cannot starve the rest. */
  siteLimiter?: { take(siteId: number): { ok: true } | { ok: false; retryAfterSeconds: number } };
}

/**
 * `ignored`: a valid event the site's settings say not to count (an excluded path); answered like
 * an accepted one, since the sender did nothing wrong. `limited`: the site is over its rate.
 */
export type IngestResult =
  | { accepted: true; ignored?: 'excluded_path' }
  | { limited: true; retryAfterSeconds: number }
  | Rejection;

/** Finds the site: by the declared domain(s) `d`, else by the URL's hostname and its parents. */
async function resolveSite(
  sites: SiteDirectory,
  payload: EventPayload,
  hostname: string,
): Promise<SiteRecord | Rejection> {
  // Lowercase, without the trailing dot of a fully-qualified name ("example.com." is example.com).
  const host = normaliseHost(hostname);
  const candidates = payload.domains.length > 0 ? payload.domains : parentDomains(host);
  let declared: SiteRecord | undefined;
  for (const domain of candidates) {
    // As written first: a site may be registered as "www.example.com" (the site-input rules allow it).
    const site =
      (await sites.byDomain(domain)) ??
      (domain.startsWith('www.') ? await sites.byDomain(domain.slice(4)) : undefined);
    if (site && hostMatchesDomain(host, site.domain)) return site;
    declared ??= site;
  }
  if (declared) {
    return reject('domain_mismatch', `the page URL is not on the site's domain ${declared.domain}`);
  }
  return reject('unknown_site', 'no site is registered for this domain');
}

function parentDomains(host: string): string[] {
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1 && out.length < 4; i++) out.push(labels.slice(i).join('.'));
  return out.length ? out : [host];
}

export function createIngest(deps: IngestDeps) {
  const classifyAgent = createAgentClassifier();
  const ingest = async function ingest(
    body: string,
    userAgent: string | undefined,
  ): Promise<IngestResult> {
    const json = parseJsonBody(body);
    if (isRejection(json)) return json;
    const payload = validatePayload(json);
    if (isRejection(payload)) return payload;
    const url = parsePageUrl(payload.url);
    if (!url) return reject('bad_url', 'u must be an absolute http(s) URL');
    const site = await resolveSite(deps.sites, payload, url.hostname);
    if (isRejection(site)) return site;
    const allowed = deps.siteLimiter?.take(site.id);
    if (allowed && !allowed.ok)
      return { limited: true, retryAfterSeconds: allowed.retryAfterSeconds };
    const nowMs = deps.now();
    const event = classifyEvent(payload, url, site, classifyAgent(userAgent), nowMs);
    if (isExcludedPath(event.path, site.settings.excludedPaths)) {
      return { accepted: true, ignored: 'excluded_path' };
    }
    await deps.writer.submit(toDeltas(event));
    deps.onAccepted?.(event, nowMs);
    return { accepted: true };
  };
  /** True while the writer refuses new events (the route answers 503 before parsing anything). */
  return Object.assign(ingest, { overloaded: () => deps.writer.overloaded });
}
