// SPA navigation: history.pushState/replaceState and popstate (which fragment changes fire too).
import { routeChanged } from './pageview';

export function listenForRoutes(): void {
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      routeChanged();
    };
  }
  addEventListener('popstate', routeChanged);
}
