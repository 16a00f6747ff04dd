// The tracker's acceptance test: one scripted visit in real Chromium against a real Pomelo server
// sends exactly the expected payloads, produces exactly the counter rows the wire rules
// (docs/WIRE.md) give, and leaves nothing on the device.
import { describe, expect, test } from 'vitest';
import { hasChromium, noChromiumMessage } from '../support/browser.js';
import {
  audienceRows,
  customEvent,
  engagement,
  eventProp,
  expectCounters,
  expectNextEvents,
  expectNoMoreEvents,
  leave,
  pageview,
  row,
  useTrackerHarness,
} from './harness.js';

if (!hasChromium) console.warn(noChromiumMessage);

describe.skipIf(!hasChromium)('a scripted visit', () => {
  const h = useTrackerHarness(['example.test']);

  test('counts exactly the expected rows, with no cookie and no device storage', async () => {
    const visit = await h.open();
    const { page } = visit;
    const at = (path: string, host = 'example.test') => h.site.url(path, host);
    const d = 'example.test';
    const home = { u: at('/'), d, r: at('/', 'other.test'), t: 0 } as const;
    const about = { u: at('/about.html'), d, r: at('/'), t: 0 } as const;
    const settings = { u: at('/app/settings'), d, r: at('/'), t: 3, pp: '/about.html' } as const;
    const signup = { plan: 'pro' };

    // Arrive from another site: a page on other.test links to example.test. The Signup queued
    // before the script loaded is replayed; the queued 'consent' is reserved, never sent.
    await page.goto(at('/other.html', 'other.test'));
    await Promise.all([page.waitForURL(at('/')), page.click('#to-example')]);
    await expectNextEvents(visit, [pageview(home), customEvent('Signup', home, signup)]);

    // Follow an internal link: the home page's beacon says "continued".
    await Promise.all([page.waitForURL(at('/about.html')), page.click('#about')]);
    await expectNextEvents(visit, [engagement(home, 6), pageview(about)]);

    // A replaceState to the same path is no page change; a pushState to a new path is (t: 3),
    // and the old pageview's beacon goes first, saying "continued".
    await page.click('#same-route');
    await page.click('#settings');
    await expectNextEvents(visit, [engagement(about, 6), pageview(settings)]);

    // An outbound link (query and fragment dropped; about.html loads p.outbound.js, the core has
    // no outbound links since issue 19), then a custom event after load.
    await page.click('#outbound');
    await page.evaluate(() => {
      const w = window as unknown as { pomelo(name: string, props: object): void };
      w.pomelo('Signup', { plan: 'pro' });
    });
    await expectNextEvents(visit, [
      customEvent('Outbound Link: Click', settings, { url: 'https://elsewhere.test/docs/page' }),
      customEvent('Signup', settings, signup),
    ]);

    // Nothing on the device while the site is open: no cookie, no Web Storage, no IndexedDB.
    expect(await visit.context.cookies()).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    expect(await page.evaluate(() => indexedDB.databases())).toEqual([]);

    // Leave: pagehide sends the last beacon, an exit (the visitor did not continue) after
    // interactive events (c: 2; issue 19), as the home page's queued Signup made its c 6, not 1.
    await leave(visit);
    await expectNextEvents(visit, [engagement(settings, 2)]);
    await expectNoMoreEvents(visit);
    const beacons = visit.events().filter((b) => b.n === 'engagement');
    for (const b of beacons) expect(b.e).toBeGreaterThan(0);

    // By hand from the wire rules: 3 pageviews, one entry (/ from other.test, source and
    // referrer other.test); / and /about.html continued, /app/settings is the exit, so no bounce.
    // The pages are shorter than the viewport: each beacon reports 100 % scroll.
    const all = { pageviews: 3, visits: 1, exits: 1, engagements: 3, scroll_sum: 300 };
    const onePage = { pageviews: 1, engagements: 1, scroll_sum: 100 };
    const entry = { pageviews: 1, visits: 1 };
    const outbound = 'Outbound Link: Click';
    const engagedMs = await expectCounters(h.server, d, [
      row('total', '', { ...all, events: 3 }),
      row('page', '/', onePage),
      row('page', '/about.html', onePage),
      row('page', '/app/settings', { ...onePage, exits: 1 }),
      row('entry', '/', entry),
      row('exit', '/app/settings', { exits: 1 }),
      // Page flows: the same-site referrer of a full load, the previous route of an SPA change.
      row('flow', '/\n/about.html', { pageviews: 1 }),
      row('flow', '/about.html\n/app/settings', { pageviews: 1 }),
      row('source', 'other.test', entry),
      row('referrer', 'other.test', entry),
      ...audienceRows(all),
      row('event', 'Signup', { events: 2 }),
      row('event', outbound, { events: 1 }),
      row('event_prop', eventProp('Signup', 'plan', 'pro'), { events: 2 }),
      row('event_prop', eventProp(outbound, 'url', 'https://elsewhere.test/docs/page'), {
        events: 1,
      }),
    ]);

    // engaged_ms: each page's is its beacon's e; the total and audience rows hold their sum.
    const ms = (key: string) => engagedMs.get(key);
    expect(['/', '/about.html', '/app/settings'].map((p) => ms(`page|${p}`))).toEqual(
      beacons.map((b) => b.e),
    );
    const sum = beacons.reduce((a, b) => a + Number(b.e), 0);
    for (const key of ['total|', 'country|FR', 'browser|Chrome', 'os|Linux', 'device|laptop']) {
      expect(ms(key)).toBe(sum);
    }

    // Nothing was left behind, and no response asked for a cookie.
    expect(await visit.context.storageState()).toEqual({ cookies: [], origins: [] });
    const setCookie = [
      ...visit.responseHeaders.flatMap((r) => r.headers.map((x) => x.name.toLowerCase())),
      ...visit.requests().flatMap((x) => Object.keys(x.responseHeaders)),
    ].filter((name) => name === 'set-cookie');
    expect(setCookie).toEqual([]);
    expect(visit.requests().length).toBeGreaterThan(9);
    await visit.context.close();
  });
});
