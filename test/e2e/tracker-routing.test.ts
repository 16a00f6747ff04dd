// SPA routing in real Chromium: hash routing with data-hash (h: 1, the fragment is the route); without
// it a fragment change is no new page. History routes are covered by tracker-visit.test.ts.
import { describe, test } from 'vitest';
import { hasChromium, noChromiumMessage } from '../support/browser.js';
import {
  audienceRows,
  engagement,
  expectCounters,
  expectNextEvents,
  expectNoMoreEvents,
  leave,
  pageview,
  row,
  useTrackerHarness,
} from './harness.js';

if (!hasChromium) console.warn(noChromiumMessage);

describe.skipIf(!hasChromium)('routing', () => {
  const h = useTrackerHarness(['hash.test']);

  test('data-hash: each new fragment route is a pageview (t: 3, h: 1)', async () => {
    const visit = await h.open();
    const { page } = visit;
    const d = 'hash.test';
    const base = h.site.url('/hash.html', d);
    const first = { u: base, d, r: '', t: 0, h: 1 } as const;
    const settings = { ...first, u: `${base}#/settings`, t: 3, pp: '/hash.html' } as const;
    const billing = { ...first, u: `${base}#/billing`, t: 3, pp: '/hash.html#/settings' } as const;
    // Back in history: the previous route is the one left, #/billing.
    const back = { ...settings, pp: '/hash.html#/billing' } as const;
    await page.goto(base);
    await expectNextEvents(visit, [pageview(first)]);
    await page.click('#settings');
    await expectNextEvents(visit, [engagement(first, 6), pageview(settings)]);
    await page.evaluate(() => {
      location.hash = '#/billing';
    });
    await expectNextEvents(visit, [engagement(settings, 6), pageview(billing)]);
    // Back in history is a route change too; a replaceState to the same URL is not.
    await page.goBack();
    await expectNextEvents(visit, [engagement(billing, 6), pageview(back)]);
    await page.evaluate(() => history.replaceState(null, '', location.href));
    await leave(visit);
    await expectNextEvents(visit, [engagement(back, 0)]);
    await expectNoMoreEvents(visit);

    const all = { pageviews: 4, visits: 1, exits: 1, engagements: 4, scroll_sum: 400 };
    const entry = { pageviews: 1, visits: 1 };
    const one = { pageviews: 1, engagements: 1, scroll_sum: 100 };
    await expectCounters(h.server, d, [
      row('total', '', all),
      row('page', '/hash.html', one),
      row('page', '/hash.html#/settings', {
        pageviews: 2,
        exits: 1,
        engagements: 2,
        scroll_sum: 200,
      }),
      row('page', '/hash.html#/billing', one),
      row('entry', '/hash.html', entry),
      row('exit', '/hash.html#/settings', { exits: 1 }),
      // Page flows: each route change is a (previous route → route) pair.
      row('flow', '/hash.html\n/hash.html#/settings', { pageviews: 1 }),
      row('flow', '/hash.html#/settings\n/hash.html#/billing', { pageviews: 1 }),
      row('flow', '/hash.html#/billing\n/hash.html#/settings', { pageviews: 1 }),
      row('source', '(direct)', entry),
      ...audienceRows(all),
    ]);
    await visit.context.close();
  });
});
