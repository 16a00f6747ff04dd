// The tracker refuses to send when the visitor asks (Global Privacy Control, Do Not Track) unless the
// site opts out with data-ignore-gpc, and on the developer's own machine unless data-local is set.
import { describe, expect, test } from 'vitest';
import { hasChromium, noChromiumMessage, type RecordedPage } from '../support/browser.js';
import {
  counterRows,
  engagement,
  expectNextEvents,
  expectNoMoreEvents,
  leave,
  pageview,
  settle,
  useTrackerHarness,
} from './harness.js';

if (!hasChromium) console.warn(noChromiumMessage);

/** Defines a navigator property before any page script runs (what a browser setting would do). */
async function withNavigator(visit: RecordedPage, name: string, value: unknown): Promise<void> {
  await visit.page.addInitScript(
    ([name, value]) => {
      Object.defineProperty(Navigator.prototype, name as string, {
        configurable: true,
        get: () => value,
      });
    },
    [name, value] as const,
  );
}

/** The script was fetched (so it could have sent) and nothing reached /api/event. */
async function expectRefused(visit: RecordedPage): Promise<void> {
  await visit.page.evaluate(() => {
    const w = window as unknown as { pomelo?: (name: string) => void };
    w.pomelo?.('Signup');
  });
  await leave(visit);
  await settle();
  expect(visit.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    'GET /p.js 200',
  ]);
}

describe.skipIf(!hasChromium)('privacy signals', () => {
  const h = useTrackerHarness(['gpc.test', 'gpc-ignored.test', 'dnt.test']);

  test('Global Privacy Control: nothing is sent', async () => {
    const visit = await h.open();
    await withNavigator(visit, 'globalPrivacyControl', true);
    await visit.page.goto(h.site.url('/landing.html', 'gpc.test'));
    expect(await visit.page.evaluate(() => 'globalPrivacyControl' in navigator)).toBe(true);
    await expectRefused(visit);
    expect((await counterRows(h.server, 'gpc.test')).rows).toEqual([]);
    await visit.context.close();
  });

  test('Do Not Track: nothing is sent', async () => {
    const visit = await h.open();
    await withNavigator(visit, 'doNotTrack', '1');
    await visit.page.goto(h.site.url('/landing.html', 'dnt.test'));
    await expectRefused(visit);
    expect((await counterRows(h.server, 'dnt.test')).rows).toEqual([]);
    await visit.context.close();
  });

  test('data-ignore-gpc: the site counts despite Global Privacy Control', async () => {
    const visit = await h.open();
    await withNavigator(visit, 'globalPrivacyControl', true);
    const d = 'gpc-ignored.test';
    const page = { u: h.site.url('/gpc-ignored.html', d), d, r: '', t: 0 } as const;
    await visit.page.goto(page.u);
    await expectNextEvents(visit, [pageview(page)]);
    await leave(visit);
    await expectNextEvents(visit, [engagement(page, 0)]);
    await expectNoMoreEvents(visit);
    const { rows } = await counterRows(h.server, d);
    expect(rows.find((r) => r.dimension === 'total')).toMatchObject({ pageviews: 1, visits: 1 });
    await visit.context.close();
  });

  test.each(['localhost', '127.0.0.1'])('a page on %s sends nothing', async (host) => {
    const visit = await h.open();
    await visit.page.goto(h.site.url('/landing.html', host));
    await expectRefused(visit);
    await visit.context.close();
  });

  test('data-local: a page on localhost sends when the site asks for it', async () => {
    const visit = await h.open();
    const u = h.site.url('/local.html', 'localhost');
    await visit.page.goto(u);
    await visit.waitForAnswers(1);
    expect(visit.events()).toEqual([
      { n: 'pageview', u, d: 'localhost', r: '', t: 0, h: 0, w: 1280, z: 'Europe/Paris' },
    ]);
    // Sent, and refused by this server, which has no site "localhost": the tracker did its part.
    const answers = visit.requests().filter((r) => r.method === 'POST');
    expect(answers.map((r) => [r.status, JSON.parse(r.responseBody).error.code])).toEqual([
      [404, 'unknown_site'],
    ]);
    await visit.context.close();
  });
});
