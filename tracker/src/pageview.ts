// Pageviews: the first load and SPA route changes.
import { hashRouting, loc } from './config';
import { beacon, mark, startPage } from './engagement';
import { send } from './send';

let lastPath: string;
const currentPath = () => loc.pathname + (hashRouting ? loc.hash : '');

/**
 * t: 0 navigate, 1 reload, 2 back/forward, 3 SPA route change. w and z go on the beacons too. pp:
 * the previous route of an SPA navigation (page flows); absent on the first pageview, where JSON
 * drops the undefined value (the server takes the previous page from the same-site referrer).
 */
export const pageview = (t: number) => {
  const fields = {
    u: loc.href,
    t,
    h: hashRouting,
    w: innerWidth,
    z: Intl.DateTimeFormat().resolvedOptions().timeZone,
    pp: lastPath,
  };
  lastPath = currentPath();
  startPage(fields);
  send('pageview', fields);
};

/** An SPA navigation: the old pageview continued on the site, and a new one starts. */
export const routeChanged = () => {
  if (currentPath() != lastPath) {
    mark(6);
    beacon();
    pageview(3);
  }
};
