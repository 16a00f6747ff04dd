// Pomelo's core tracker (tracker/ARCHITECTURE.md): cookieless pageviews, SPA routes, link clicks,
// custom events and engagement. Nothing is stored on the device; nothing is sent when the visitor
// asks not to be tracked (GPC, DNT) or on the developer's own machine. This file wires each
// feature's handlers to the page, inline: every wrapper function costs bytes of the budget.
import { api, data, doc, enabled, on } from './config';
import { beacon, measure } from './engagement';
import { onClick } from './links';
import { pageview, routeChanged } from './pageview';
import { track, type PomeloGlobal } from './queue';

const w = window as PomeloGlobal;
const queued = w.pomelo?.q || [];
// When tracking is off, window.pomelo still exists (a no-op), so site code never breaks.
w.pomelo = () => {};

if (enabled) {
  on('scroll', measure);
  // visibilitychange bubbles from document to window. Visible again: the clock restarts.
  on('visibilitychange', () => (doc.hidden ? beacon() : measure()));
  on('pagehide', beacon);
  // Navigation Timing level 1: 0 navigate, 1 reload, 2 back/forward, 255 anything else (→ 0).
  pageview(performance.navigation.type % 255);
  // SPA navigation: history.pushState/replaceState, and popstate, which browsers also fire on
  // fragment navigations (HTML "update document for history step application"), so hash routes
  // need no hashchange listener.
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = (...args: Parameters<History['pushState']>) => {
      original.apply(history, args);
      routeChanged();
    };
  }
  on('popstate', routeChanged);
  // Capture phase: a site's stopPropagation() cannot hide a click from the tracker. auxclick is
  // the middle button. `1` for `true` (WebIDL turns a non-object options argument into a boolean).
  on('click', onClick, 1 as never);
  on('auxclick', onClick, 1 as never);
  w.pomelo = track;
}
// data-debug: a separate script (tracker/debug/) says in the console whether this page's events
// would be counted, set aside as a bot, or refused, and why. The core only loads it.
// @ts-expect-error import() stringifies the URL.
'debug' in data && import(new URL('/p-debug.js', api));
// After the first pageview: queued events come after it on the wire.
for (const args of queued) w.pomelo(...args);
