// Bounce as visitors expect it (issue 19 §7, Plausible's definition): a one-page visit that fires an
// interactive custom event is not a bounce; it is still an exit. An event flagged non-interactive
// (third argument `false`) leaves the bounce. Real Chromium, real server, counters read back.
import { describe, test } from 'vitest';
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
  type PageFacts,
} from './harness.js';

if (!hasChromium) console.warn(noChromiumMessage);

describe.skipIf(!hasChromium)('bounce', () => {
  const h = useTrackerHarness(['engaged.test', 'passive.test']);
  const direct = (host: string): PageFacts => ({
    u: h.site.url('/signup.html', host),
    d: host,
    r: '',
    t: 0,
  });
  const visitRows = (d: PageFacts, bounces: number, event: string, props: [string, string][]) => {
    const all = { pageviews: 1, visits: 1, bounces, exits: 1, engagements: 1, scroll_sum: 100 };
    const entry = { pageviews: 1, visits: 1, bounces };
    return [
      row('total', '', { ...all, events: 1 }),
      row('page', '/signup.html', { pageviews: 1, exits: 1, engagements: 1, scroll_sum: 100 }),
      row('entry', '/signup.html', entry),
      row('exit', '/signup.html', { exits: 1 }),
      row('source', '(direct)', entry),
      ...audienceRows(all),
      row('event', event, { events: 1 }),
      ...props.map(([k, v]) => row('event_prop', eventProp(event, k, v), { events: 1 })),
    ];
  };

  test('one pageview and one interactive custom event: an exit, not a bounce', async () => {
    const visit = await h.open();
    const page = direct('engaged.test');
    await visit.page.goto(page.u);
    await expectNextEvents(visit, [pageview(page)]);
    await visit.page.click('#signup');
    await expectNextEvents(visit, [customEvent('Signup', page, { plan: 'pro' })]);
    await leave(visit);
    await expectNextEvents(visit, [engagement(page, 2)]);
    await expectNoMoreEvents(visit);
    await expectCounters(h.server, 'engaged.test', visitRows(page, 0, 'Signup', [['plan', 'pro']]));
    await visit.context.close();
  });

  test('a non-interactive event (third argument false) leaves the bounce', async () => {
    const visit = await h.open();
    const page = direct('passive.test');
    await visit.page.goto(page.u);
    await expectNextEvents(visit, [pageview(page)]);
    await visit.page.click('#autoplay');
    await expectNextEvents(visit, [customEvent('Video autoplayed', page, {})]);
    await leave(visit);
    await expectNextEvents(visit, [engagement(page, 0)]);
    await expectNoMoreEvents(visit);
    await expectCounters(h.server, 'passive.test', visitRows(page, 1, 'Video autoplayed', []));
    await visit.context.close();
  });
});
