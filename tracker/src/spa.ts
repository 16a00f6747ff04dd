// SPA navigation: history.pushState/replaceState, and popstate, which browsers also fire on fragment
// navigations (HTML "update document for history step application"), so hash routes need no
// hashchange listener.
import { on } from './config';
import { routeChanged } from './pageview';

export const listenForRoutes = () => {
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = (...args: Parameters<History['pushState']>) => {
      original.apply(history, args);
      routeChanged();
    };
  }
  on('popstate', routeChanged);
};
