// Reads the script tag's data-* attributes once: the tracker's whole public configuration.
// Short aliases of the globals used everywhere keep the minified bundle small.
export const doc = document;
export const loc = location;
/** window.addEventListener, callable unbound (the global object is its default `this`). */
export const on = addEventListener;

const script = doc.currentScript as HTMLScriptElement;
export const data = script.dataset;

/** data-site; without it the server finds the site by the page's hostname. */
export const site = data.site;
/** The script's own origin + /api/event, unless data-api names another endpoint. */
export const api = data.api || new URL('/api/event', script.src);
/** data-hash: the fragment is part of the page path (wire field h). */
export const hashRouting = +('hash' in data);

/**
 * Off when the visitor asks (Global Privacy Control, Do Not Track) unless the site opts out with
 * data-ignore-gpc, and on the developer's own machine (localhost, 127.x, [::1], file:) unless
 * data-local.
 */
export const enabled =
  ('ignoreGpc' in data ||
    !(navigator.globalPrivacyControl || (navigator.doNotTrack as unknown) == 1)) &&
  ('local' in data || !/^(localhost|127\.|\[::1]|$)/.test(loc.hostname));

declare global {
  interface Navigator {
    globalPrivacyControl?: boolean;
  }
}
