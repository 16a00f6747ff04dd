// Pomelo's core tracker: cookieless pageviews, SPA routes, links, custom events, engagement.
import { enabled } from './config';
import { listenForEngagement } from './engagement';
import { listenForLinks } from './links';
import { firstPageview } from './pageview';
import { installQueue } from './queue';
import { listenForRoutes } from './spa';

if (enabled) {
  listenForEngagement();
  firstPageview();
  listenForRoutes();
  listenForLinks();
  installQueue();
}
