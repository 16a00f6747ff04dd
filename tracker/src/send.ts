// The one transport: navigator.sendBeacon with a string body — text/plain (no CORS preflight),
// queued by the browser so it survives page unload. `fields` may override u (an engagement
// beacon names the pageview it measures).
import { api, site } from './config';

export type Payload = Record<string, unknown>;

export function send(n: string, fields: Payload): void {
  navigator.sendBeacon(
    api,
    JSON.stringify({ n, u: location.href, d: site, r: document.referrer, ...fields }),
  );
}
