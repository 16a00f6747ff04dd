// The one transport: a POST with a string body (text/plain, so no CORS preflight) and keepalive, so
// it survives the page unloading. Errors are swallowed: analytics must never break the page.
import { api, doc, loc, site } from './config';
import { load } from './offer';

export type Fields = Record<string, unknown>;

/** `fields` may override u: an engagement beacon names the pageview it measures. */
export const send = (n: string, fields: Fields) =>
  fetch(api, {
    method: 'POST',
    body: JSON.stringify({ n, u: loc.href, d: site, r: doc.referrer, ...fields }),
    // `1` for `true`: a WebIDL boolean member takes any value's truthiness (a byte of the budget).
    keepalive: 1 as never,
  })
    // 200 (not 202) with a text body: a research window offers to record this pageview.
    .then((r): unknown => r.ok && r.text().then(load))
    .catch(() => {});
