// Visits, bounces and exits from the engagement beacon (docs/WIRE.md), in real Chromium: a bounce,
// a reload (not an entry), an in-page anchor (neither a pageview nor a continuation), and a
// follow-up beacon that takes back an exit.
import { describe, expect, test } from 'vitest';
import { hasChromium, noChromiumMessage } from '../support/browser.js';
import {
  audienceRows,
  counterRows,
  engagement,
  expectCounters,
  expectNextEvents,
  expectNoMoreEvents,
  leave,
  pageview,
  row,
  useTrackerHarness,
  type PageFacts,
} from './harness.js';

if (!hasChromium) console.warn(noChromiumMessage);

describe.skipIf(!hasChromium)('engagement', () => {
  const h = useTrackerHarness(['bounce.test', 'reload.test', 'anchor.test', 'follow-up.test']);
  /** A visit typed into the address bar: /landing.html on `host`, no referrer. */
  const direct = (host: string): PageFacts => ({
    u: h.site.url('/landing.html', host),
    d: host,
    r: '',
    t: 0,
  });

  test('arrive and leave: one visit, one bounce, one exit', async () => {
    const visit = await h.open();
    const landing = direct('bounce.test');
    await visit.page.goto(landing.u);
    await expectNextEvents(visit, [pageview(landing)]);
    await leave(visit);
    await expectNextEvents(visit, [engagement(landing, 0)]);
    await expectNoMoreEvents(visit);

    const all = { pageviews: 1, visits: 1, bounces: 1, exits: 1, engagements: 1, scroll_sum: 100 };
    const entry = { pageviews: 1, visits: 1, bounces: 1 };
    await expectCounters(h.server, 'bounce.test', [
      row('total', '', all),
      row('page', '/landing.html', { pageviews: 1, exits: 1, engagements: 1, scroll_sum: 100 }),
      row('entry', '/landing.html', entry),
      row('exit', '/landing.html', { exits: 1 }),
      row('source', '(direct)', entry),
      ...audienceRows(all),
    ]);
    await visit.context.close();
  });

  test('a reload is a pageview but not an entry (t: 1)', async () => {
    const visit = await h.open();
    const first = direct('reload.test');
    const again = { ...first, t: 1 } as const;
    await visit.page.goto(first.u);
    await expectNextEvents(visit, [pageview(first)]);
    await visit.page.reload();
    await expectNextEvents(visit, [engagement(first, 0), pageview(again)]);
    await leave(visit);
    await expectNextEvents(visit, [engagement(again, 0)]);
    await expectNoMoreEvents(visit);

    // Two pageviews, one visit; each page load ended without a same-site link: two exits, and
    // the entry's exit is its bounce (a reload is no continuation).
    const all = { pageviews: 2, visits: 1, bounces: 1, exits: 2, engagements: 2, scroll_sum: 200 };
    const entry = { pageviews: 1, visits: 1, bounces: 1 };
    await expectCounters(h.server, 'reload.test', [
      row('total', '', all),
      row('page', '/landing.html', { pageviews: 2, exits: 2, engagements: 2, scroll_sum: 200 }),
      row('entry', '/landing.html', entry),
      row('exit', '/landing.html', { exits: 2 }),
      row('source', '(direct)', entry),
      ...audienceRows(all),
    ]);
    await visit.context.close();
  });

  test('an in-page anchor is neither a pageview nor a continuation', async () => {
    const visit = await h.open();
    const landing = direct('anchor.test');
    await visit.page.goto(landing.u);
    await expectNextEvents(visit, [pageview(landing)]);
    await visit.page.click('#section');
    expect(visit.page.url()).toBe(`${landing.u}#pricing`);
    await leave(visit);
    await expectNextEvents(visit, [engagement(landing, 0)]);
    await expectNoMoreEvents(visit);
    const all = { pageviews: 1, visits: 1, bounces: 1, exits: 1, engagements: 1, scroll_sum: 100 };
    const { rows } = await counterRows(h.server, 'anchor.test');
    expect(rows.find((r) => r.dimension === 'total')).toEqual(row('total', '', all));
    await visit.context.close();
  });

  test('hidden, visible again, then a same-site link: a follow-up takes back the exit', async () => {
    const visit = await h.open();
    const { page } = visit;
    const d = 'follow-up.test';
    const landing = direct(d);
    const about = { u: h.site.url('/about.html', d), d, r: landing.u, t: 0 } as const;
    await page.goto(landing.u);
    await expectNextEvents(visit, [pageview(landing)]);

    // Headless Chromium never hides a tab: switch its visibility the way the page would see it.
    const setHidden = (hidden: boolean) =>
      page.evaluate((hidden) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => (hidden ? 'hidden' : 'visible'),
        });
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      }, hidden);
    await setHidden(true);
    await expectNextEvents(visit, [engagement(landing, 0)]);
    // Time while hidden is not engaged time.
    await page.waitForTimeout(300);
    const shown = Date.now();
    await setHidden(false);
    await page.waitForTimeout(50);
    await Promise.all([page.waitForURL(about.u), page.click('#about')]);
    const left = Date.now();
    await expectNextEvents(visit, [engagement(landing, 6, { sd: 0, f: 1 }), pageview(about)]);
    const [first, followUp] = visit.events().filter((b) => b.n === 'engagement');
    expect(Number(followUp?.e)).toBeGreaterThanOrEqual(40);
    expect(Number(followUp?.e)).toBeLessThanOrEqual(left - shown);
    await leave(visit);
    await expectNextEvents(visit, [engagement(about, 0)]);
    await expectNoMoreEvents(visit);

    // The first beacon counted an exit and a bounce; the follow-up took both back.
    const all = { pageviews: 2, visits: 1, exits: 1, engagements: 2, scroll_sum: 200 };
    const entry = { pageviews: 1, visits: 1 };
    const engagedMs = await expectCounters(h.server, d, [
      row('total', '', all),
      row('page', '/landing.html', { pageviews: 1, engagements: 1, scroll_sum: 100 }),
      row('page', '/about.html', { pageviews: 1, exits: 1, engagements: 1, scroll_sum: 100 }),
      row('entry', '/landing.html', entry),
      row('exit', '/about.html', { exits: 1 }),
      // The exit taken back leaves its row at zero.
      row('exit', '/landing.html'),
      // The same-site link: a (previous page → page) pair.
      row('flow', '/landing.html\n/about.html', { pageviews: 1 }),
      row('source', '(direct)', entry),
      ...audienceRows(all),
    ]);
    expect(engagedMs.get('page|/landing.html')).toBe(Number(first?.e) + Number(followUp?.e));
    await visit.context.close();
  });
});
