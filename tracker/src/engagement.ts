// The engagement beacon (DESIGN.md, docs/WIRE.md): one per pageview, at the first hide, pagehide
// or SPA navigation — visible time, max scroll depth, and whether the visitor continued on the site.
import { send, type Payload } from './send';

let page: Payload;
/** Date.now() when the page was last measured while visible; 0 while hidden. */
let visibleSince: number;
let visibleMs: number;
let maxScroll: number;
/** 1 once the visitor followed a same-site link or made an SPA navigation. */
let continued: number;
let sent: number;

/** Idempotent bookkeeping: adds visible time since the last call and updates the max scroll. */
function measure(): void {
  const now = Date.now();
  visibleMs += visibleSince && now - visibleSince;
  visibleSince = document.hidden ? 0 : now;
  const depth = ((scrollY + innerHeight) * 100) / document.documentElement.scrollHeight;
  if (depth > maxScroll) maxScroll = depth > 100 ? 100 : depth | 0;
}

/** Starts engagement bookkeeping for a new pageview (its u, t, h are repeated on the beacon). */
export function startPage(fields: Payload): void {
  page = fields;
  visibleMs = maxScroll = visibleSince = continued = sent = 0;
  measure();
}

export function markContinued(): void {
  continued = 1;
}

export function beacon(): void {
  measure();
  if (!sent++) send('engagement', { ...page, e: visibleMs | 0, sd: maxScroll, c: continued });
}

export function listenForEngagement(): void {
  addEventListener('scroll', measure);
  document.addEventListener('visibilitychange', () => (document.hidden ? beacon() : measure()));
  addEventListener('pagehide', beacon);
}
