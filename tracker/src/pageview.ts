// Pageviews: the first load and SPA route changes.
import { hashRouting, loc } from './config';
import { beacon, markContinued, startPage } from './engagement';
import { send } from './send';

let lastPath: string;
const currentPath = () => loc.pathname + (hashRouting ? loc.hash : '');

/** t: 0 navigate, 1 reload, 2 back/forward, 3 SPA route change. w and z go on the beacons too. */
export const pageview = (t: number) => {
  lastPath = currentPath();
  const fields = {
    u: loc.href,
    t,
    h: hashRouting,
    w: innerWidth,
    z: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  startPage(fields);
  send('pageview', fields);
};

/** An SPA navigation: the old pageview continued on the site, and a new one starts. */
export const routeChanged = () => {
  if (currentPath() != lastPath) {
    markContinued();
    beacon();
    pageview(3);
  }
};
