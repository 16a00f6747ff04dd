// Pomelo's core tracker (tracker/ARCHITECTURE.md): cookieless pageviews, SPA routes, link clicks,
// custom events and engagement. Nothing is stored on the device; nothing is sent when the visitor
// asks not to be tracked (GPC, DNT) or on the developer's own machine.
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
}
installQueue(enabled);
