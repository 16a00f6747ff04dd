// A recording's life in one page: read the offer, refuse a sensitive page, ask the server for a
// recording (continuing this tab's one), start the recorder, keep the id in sessionStorage only
// while recording, re-check each SPA route with the server, and stop and purge when the site
// withdraws consent. Every load of the module (one per offer) runs startSession(); what they
// share lives on one global, so the first instance's recorder and hooks stay the only ones.
import { showNotice } from './notice';
import type { ReplayStartOptions, StopReason } from './recorder';
import { findSensitivePageReason } from './sensitive-page';
import {
  offerFromModuleUrl,
  parseStartAnswer,
  startBody,
  withdrawsConsent,
  type StartGrant,
} from './start';
import { tabRecording } from './tab-storage';
import { sendPurge } from './transport';

/** The subset of window.__pomeloReplay a session drives (main.ts). */
export interface RecorderApi {
  start(options: ReplayStartOptions): boolean;
  stop(options?: { purge?: boolean; discard?: boolean }): Promise<void>;
  hold(held: boolean): void;
  isRecording(): boolean;
}

interface Shared {
  /** The freshest valid offer of this page (SPA route checks need one). */
  offer: string | null;
  moduleUrl: string;
  /** Set by a withdrawal, cleared by a new consent: a start in flight must not record. */
  withdrawn: boolean;
  /** window.pomelo wrapped (hookConsent), history patched (watchRoutes): once per page. */
  hooked: boolean;
  watching: boolean;
}

type Pomelo = (name: string, props?: unknown) => void;

function sharedState(moduleUrl: string): Shared {
  const w = window as unknown as { __pomeloReplaySession?: Shared };
  return (w.__pomeloReplaySession ??= {
    offer: null,
    moduleUrl,
    withdrawn: false,
    hooked: false,
    watching: false,
  });
}

const chunkEndpoint = (s: Shared) => new URL('/api/replay/chunk', s.moduleUrl).href;

/**
 * Withdrawal: stops and purges the running recording; with none running here (a sensitive page, a
 * start still in flight), purges the one an earlier page of this tab kept. Installed once in front
 * of the core tracker's window.pomelo, which forgets the offer itself.
 */
function hookConsent(api: RecorderApi, s: Shared): void {
  const w = window as unknown as { pomelo?: Pomelo };
  const core = w.pomelo;
  if (s.hooked || typeof core !== 'function') return;
  s.hooked = true;
  w.pomelo = (name, props) => {
    if (withdrawsConsent(name, props)) withdraw(api, s);
    else if (name === 'consent') s.withdrawn = false;
    core(name, props);
  };
}

/** Stops and purges this tab's recording (running here, or kept by an earlier page). */
function withdraw(api: RecorderApi, s: Shared): void {
  s.withdrawn = true;
  const kept = tabRecording.get();
  tabRecording.remove();
  if (api.isRecording()) void api.stop({ purge: true });
  else if (kept) sendPurge({ endpoint: chunkEndpoint(s), recordingId: kept });
}

/**
 * The notice's button: the same withdrawal as the site's `pomelo('consent', {replay: false})`,
 * through the core tracker when it is there (so it also forgets the offer for later pages).
 */
function stopFromNotice(api: RecorderApi, s: Shared): void {
  const w = window as unknown as { pomelo?: Pomelo };
  if (s.hooked && typeof w.pomelo === 'function') w.pomelo('consent', { replay: false });
  else withdraw(api, s);
}

/** POST /api/replay/start; null for any refusal, a malformed answer or no network. */
async function requestStart(s: Shared, continueId: string | undefined): Promise<StartGrant | null> {
  // Without an offer only a continuation can be granted (the server needs no offer for one).
  if (s.offer === null && continueId === undefined) return null;
  try {
    const response = await fetch(new URL('/api/replay/start', s.moduleUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: startBody(s.offer, location.href, continueId),
      credentials: 'omit',
    });
    const answer: unknown = await response.json().catch(() => null);
    return parseStartAnswer(response.status, answer, s.moduleUrl);
  } catch {
    return null;
  }
}

/** What the server's URL rules look at: path, query and a `#/route`, not an in-page `#anchor`. */
const routeOf = (l: Location) => l.pathname + l.search + (/^#!?\//.test(l.hash) ? l.hash : '');

/**
 * An SPA route is a new page for the window's rules (an excluded or denylisted route, the page
 * cap): while the server checks it, nothing buffered leaves the page; refused, the recording
 * stops and what was held is dropped.
 */
function watchRoutes(api: RecorderApi, s: Shared): void {
  if (s.watching) return;
  s.watching = true;
  let route = routeOf(location);
  const check = async () => {
    const next = routeOf(location);
    if (next === route || !api.isRecording()) return;
    route = next;
    const id = tabRecording.get();
    api.hold(true);
    const grant = id ? await requestStart(s, id) : null;
    if (routeOf(location) !== next) return; // a later route's check decides
    if (grant && grant.recordingId === id && !s.withdrawn) return api.hold(false);
    if (grant && grant.recordingId !== id)
      sendPurge({ endpoint: grant.endpoint, recordingId: grant.recordingId });
    void api.stop({ discard: true });
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = (...args: Parameters<History['pushState']>) => {
      original.apply(history, args);
      void check();
    };
  }
  addEventListener('popstate', () => void check());
}

/**
 * Plants the window's canary as a hidden element's text and title: masking must hide the text and
 * the attribute allowlist drop the title, so the server seeing the canary means the masking floor
 * broke. Returns its removal.
 */
function plantCanary(canary: string): () => void {
  const el = document.createElement('span');
  el.hidden = true;
  el.setAttribute('aria-hidden', 'true');
  el.setAttribute('data-pomelo-canary', '');
  el.title = canary;
  el.textContent = canary;
  document.body.append(el);
  return () => el.remove();
}

/**
 * Runs once per load of the module (each offer is a new module URL). Loaded without an offer (by
 * the tab loader, tab.ts, on a later page of a recorded visit), it only continues this tab's
 * recording.
 */
export async function startSession(api: RecorderApi, moduleUrl: string): Promise<void> {
  const s = sharedState(moduleUrl);
  hookConsent(api, s);
  const offer = offerFromModuleUrl(moduleUrl);
  if (offer === null && tabRecording.get() === undefined) return;
  if (offer !== null) s.offer = offer;
  // Already recording (an SPA pageview brought a new offer), or consent withdrawn meanwhile.
  if (api.isRecording() || s.withdrawn) return;
  if (findSensitivePageReason(document) !== null) return tabRecording.remove();
  const continueId = tabRecording.get();
  const grant = await requestStart(s, continueId);
  if (grant === null) return tabRecording.remove();
  const target = { endpoint: grant.endpoint, recordingId: grant.recordingId };
  // Consent withdrawn while the start was in flight: the new recording is deleted at once.
  if (s.withdrawn || api.isRecording()) {
    if (grant.recordingId !== continueId) sendPurge(target);
    return;
  }
  const unplant = grant.canary ? plantCanary(grant.canary) : () => undefined;
  const notice = grant.notice
    ? showNotice({
        until: grant.notice.until,
        text: grant.notice.text,
        onStop: () => stopFromNotice(api, s),
      })
    : null;
  const started = api.start({
    endpoint: grant.endpoint,
    recordingId: grant.recordingId,
    windowConfig: { unmaskSelectors: grant.unmaskSelectors, maxDurationMs: grant.maxDurationMs },
    flushIntervalMs: grant.flushIntervalMs,
    firstSeq: grant.firstSeq,
    onStop: (_reason: StopReason) => {
      tabRecording.remove();
      unplant();
      notice?.remove();
    },
  });
  if (started) {
    tabRecording.set(grant.recordingId);
    watchRoutes(api, s);
  } else {
    unplant();
    notice?.remove();
    if (grant.recordingId !== continueId) sendPurge(target);
  }
}
