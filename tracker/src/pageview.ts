// Pageviews: the first load (navigation kind from Navigation Timing) and SPA route changes.
import { hashRouting } from './config';
import { beacon, markContinued, startPage } from './engagement';
import { send } from './send';

let lastPath: string;
const currentPath = () => location.pathname + (hashRouting ? location.hash : '');

/** t: 0 navigate, 1 reload, 2 back/forward, 3 SPA route change. */
export function pageview(t: number): void {
  lastPath = currentPath();
  const fields = { u: location.href, t, h: +hashRouting };
  startPage(fields);
  send('pageview', { ...fields, w: innerWidth, z: Intl.DateTimeFormat().resolvedOptions().timeZone });
}

/**
 * Navigation Timing's numeric type: 0 navigate, 1 reload, 2 back/forward — the wire codes.
 * Anything else (255 "reserved" → 0, or the API missing → NaN → 0) counts as a navigation.
 */
export function firstPageview(): void {
  pageview((performance.navigation?.type % 3) | 0);
}

/** An SPA navigation: the old pageview continued on the site, and a new one starts. */
export function routeChanged(): void {
  if (currentPath() != lastPath) {
    markContinued();
    beacon();
    pageview(3);
  }
}
