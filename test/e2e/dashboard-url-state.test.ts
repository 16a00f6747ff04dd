// The address is the report (issue 19): range, comparison, interval, the chart's metric, open tabs
// and filter live in the URL; a reload, back/forward and a pasted address in a fresh browser open exactly that view,
// for signed-in members and shared links alike. Then the empty-state rules: "—" for a metric
// without data, no change against an empty earlier period, "No data yet" only before the site's
// first event and "No visits in this period" after it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { setupOwner, sessionCookie, testEnv, type Client } from '../accounts/support.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let owner: Client;
let ownerId: number;
let browser: Browser;
const pageErrors: string[] = [];

async function send(domain: string, url: string, referrer: string | null = null) {
  const body = { n: 'pageview', u: `https://${domain}${url}`, d: domain, r: referrer, w: 1280 };
  const res = await postEvent(server.url, { ...body, z: 'Europe/Paris', t: 0 });
  if (res.status !== 202) throw new Error(`event refused: ${JSON.stringify(res.body)}`);
}

/** A signed-in browser context of its own (a fresh session cookie, as after a login). */
async function memberContext(): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(8_000);
  const [name, value] = (await sessionCookie(server, ownerId)).split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  return context;
}

async function open(context: BrowserContext, address: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(address);
  await page.locator('.report[data-loaded="true"]').waitFor();
  return page;
}

/** The view as the page shows it, read from its controls (not from the address). */
async function shownView(page: Page) {
  await page.locator('.report[data-loaded="true"]').waitFor();
  const filterBar = page.locator('.filter-bar');
  return {
    period: await page
      .locator('button[data-period][aria-pressed="true"]')
      .getAttribute('data-period'),
    compare: await page.getByLabel('Compare', { exact: true }).inputValue(),
    interval: await page.getByLabel('Interval', { exact: true }).inputValue(),
    metric: await page
      .locator('.cards .card')
      .filter({ has: page.locator('button[aria-pressed="true"]') })
      .getAttribute('data-metric'),
    pagesTab: await page
      .locator('[data-tab="page"], [data-tab="entry"], [data-tab="exit"]')
      .and(page.locator('[aria-selected="true"]'))
      .getAttribute('data-tab'),
    filter: (await filterBar.count()) ? await filterBar.getAttribute('data-filter') : null,
  };
}

const addressOf = (page: Page) => new URL(page.url()).hash;

describe.skipIf(!hasChromium)('the address is the report', () => {
  beforeAll(async () => {
    server = await startTestServer({
      env: testEnv,
      sites: [
        { domain: 'shop.test', timezone: 'UTC' },
        { domain: 'empty.test', timezone: 'UTC' },
      ],
    });
    ({ client: owner, userId: ownerId } = await setupOwner(
      server,
      'o@url.test',
      'a long password 1',
      'Org',
    ));
    await send('shop.test', '/');
    await send('shop.test', '/pricing', 'https://shop.test/');
    await send('shop.test', '/docs', 'https://news.ycombinator.com/');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('set a view, reload, back/forward, paste the address into a new browser', async () => {
    const context = await memberContext();
    const page = await open(context, `${server.url}/#/sites/shop.test`);
    // The address shows the whole view from the start.
    expect(addressOf(page)).toBe('#/sites/shop.test?period=30d');

    await page.locator('button[data-period="7d"]').click();
    await page.getByLabel('Compare', { exact: true }).selectOption('previous');
    await page.getByLabel('Interval', { exact: true }).selectOption('day');
    await page.locator('.card[data-metric="pageviews"] button').click();
    await page.locator('[data-tab="exit"]').click();
    await page.locator('[data-breakdown="country"] button[data-row="FR"]').click();
    await page.locator('.filter-bar[data-filter="country"]').waitFor();
    const full =
      '#/sites/shop.test?period=7d&compare=previous&interval=day&metric=pageviews&tabs=exit' +
      '&filter=country%3AFR';
    expect(addressOf(page)).toBe(full);
    const view = {
      period: '7d',
      compare: 'previous',
      interval: 'day',
      metric: 'pageviews',
      pagesTab: 'exit',
      filter: 'country',
    };
    expect(await shownView(page)).toEqual(view);
    expect(await page.locator('.chart-panel h2').textContent()).toBe('Pageviews');
    // Today is the last of the 7 days and not over: its bucket is drawn apart (dashed).
    expect(await page.locator('.chart').getAttribute('data-incomplete')).toBe('6');
    // The server answers that view (days, with the comparison).
    const api = await owner.get(
      '/api/sites/shop.test/report?period=7d&compare=previous&interval=day',
    );
    expect(api.body.interval).toBe('day');

    await page.reload();
    expect(addressOf(page)).toBe(full);
    expect(await shownView(page)).toEqual(view);
    expect(await page.locator('.chart-panel h2').textContent()).toBe('Pageviews');

    // Back walks through the views one change at a time; forward comes back.
    await page.goBack();
    await expect.poll(() => shownView(page)).toEqual({ ...view, filter: null });
    await page.goBack();
    await expect.poll(() => shownView(page)).toEqual({ ...view, filter: null, pagesTab: 'page' });
    await page.goBack();
    const noMetric = { ...view, filter: null, pagesTab: 'page', metric: 'visits' };
    await expect.poll(() => shownView(page)).toEqual(noMetric);
    expect(await page.locator('.chart-panel h2').textContent()).toBe('Visits');
    await page.goBack();
    await expect.poll(() => shownView(page)).toEqual({ ...noMetric, interval: '' });
    await page.goBack();
    await expect.poll(() => shownView(page)).toEqual({ ...noMetric, compare: '', interval: '' });
    await page.goBack();
    await expect
      .poll(() => shownView(page))
      .toEqual({ ...noMetric, period: '30d', compare: '', interval: '' });
    expect(addressOf(page)).toBe('#/sites/shop.test?period=30d');
    await page.goForward();
    await page.goForward();
    await expect.poll(() => shownView(page)).toEqual({ ...noMetric, interval: '' });

    // An edited address opens that view at once (no reload).
    await page.evaluate(() => {
      location.hash = '#/sites/shop.test?period=day&metric=pageviews&tabs=entry,referrer';
    });
    await expect
      .poll(() => shownView(page))
      .toEqual({
        period: 'day',
        compare: '',
        interval: '',
        metric: 'pageviews',
        pagesTab: 'entry',
        filter: null,
      });
    expect(await page.locator('[data-tab="referrer"]').getAttribute('aria-selected')).toBe('true');

    // A filter by the hour: the cards answer, the chart says why it is not drawn (no error).
    await page.evaluate(() => {
      location.hash = '#/sites/shop.test?period=day&filter=country:FR';
    });
    await page.locator('[data-note="filter-hours"]').waitFor();
    await page.locator('.report[data-loaded="true"]').waitFor();
    // Every visit came from France (Europe/Paris): the filtered visits are the day's visits.
    const day = await owner.get('/api/sites/shop.test/report?period=day');
    // (The filtered cards load after the report: wait for their figure, not the placeholder.)
    await expect
      .poll(() => page.locator('.card-value[data-value="visits"]').textContent())
      .toBe(String(day.body.totals.visits));
    expect(await page.locator('.filter-bar [role="alert"]').count()).toBe(0);

    // Pasted into another browser (a fresh context): the same view.
    const other = await memberContext();
    const pasted = await open(other, `${server.url}/${full}`);
    expect(await shownView(pasted)).toEqual(view);
    expect(addressOf(pasted)).toBe(full);
    await other.close();
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  test('a shared link keeps its view in the address the same way', async () => {
    const created = await owner.post('/api/sites/shop.test/shared-links', { label: 'client' });
    const { token } = created.body as { token: string };
    const siteId = created.body.link.siteId as number;
    const guest = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    guest.setDefaultTimeout(8_000);
    // The link as the server prints it, with a view after the token.
    const page = await open(
      guest,
      `${server.url}/share/${siteId}#token=${token}?period=7d&tabs=exit`,
    );
    expect(await shownView(page)).toMatchObject({
      period: '7d',
      pagesTab: 'exit',
      metric: 'visits',
    });
    await page.locator('.card[data-metric="pageviews"] button').click();
    await expect
      .poll(() => addressOf(page))
      .toBe(`#token=${token}?period=7d&metric=pageviews&tabs=exit`);
    await page.locator('button[data-period="day"]').click();
    await expect
      .poll(() => addressOf(page))
      .toBe(`#token=${token}?period=day&metric=pageviews&tabs=exit`);
    await page.goBack();
    const shown = { period: '7d', pagesTab: 'exit', metric: 'pageviews' };
    await expect.poll(() => shownView(page)).toMatchObject(shown);
    await page.reload();
    expect(await shownView(page)).toMatchObject(shown);
    await page.goBack();
    await expect.poll(() => shownView(page)).toMatchObject({ ...shown, metric: 'visits' });
    await guest.close();
    expect(pageErrors).toEqual([]);
  });

  test('the chart marks annotations and the bucket still filling up', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const note = await owner.post('/api/sites/shop.test/annotations', {
      day: today,
      text: 'launch',
    });
    expect(note.status).toBe(201);
    const context = await memberContext();
    const page = await open(context, `${server.url}/#/sites/shop.test?period=7d`);
    await expect.poll(() => page.locator('.chart').getAttribute('data-markers')).toBe('1');
    expect(await page.locator('.chart').getAttribute('data-incomplete')).toBe('6');
    // A range that ended before today has no incomplete bucket.
    await page.locator('button[data-period="yesterday"]').click();
    await expect.poll(() => page.locator('.chart').getAttribute('data-incomplete')).toBe(null);
    expect(await page.locator('.chart').getAttribute('data-markers')).toBe('0');
    await context.close();
  });

  test('empty states: "—", no change against nothing, the right words', async () => {
    const context = await memberContext();
    // A site that never received an event: "No data yet", every card "—", no change badge.
    const fresh = await open(
      context,
      `${server.url}/#/sites/empty.test?period=7d&compare=previous`,
    );
    await fresh.locator('[data-empty="empty.noDataYet"]').waitFor();
    expect(await fresh.locator('[data-empty="empty.noDataYet"]').textContent()).toBe('No data yet');
    expect(await fresh.locator('.card-value').allTextContents()).toEqual(['—', '—', '—', '—', '—']);
    expect(await fresh.locator('.cards [data-change]').count()).toBe(0);
    await expect
      .poll(() => fresh.locator('[data-breakdown="source"] [data-empty="panel"]').textContent())
      .toBe('No data yet');

    // A site with visits, over a period before them: "No visits in this period".
    const past = await open(
      context,
      `${server.url}/#/sites/shop.test?period=custom&from=2020-01-01&to=2020-01-07`,
    );
    await past.locator('[data-empty="empty.noVisitsInPeriod"]').waitFor();
    expect(await past.locator('[data-empty="empty.noVisitsInPeriod"]').textContent()).toBe(
      'No visits in this period',
    );
    expect(await past.locator('[data-empty="empty.noDataYet"]').count()).toBe(0);
    expect(await past.locator('.card-value').allTextContents()).toEqual(['—', '—', '—', '—', '—']);
    await expect
      .poll(() => past.locator('[data-breakdown="page"] [data-empty="panel"]').textContent())
      .toBe('Nothing in this period');

    // This week against an empty previous week: figures, but no change shown at all.
    const week = await open(context, `${server.url}/#/sites/shop.test?period=7d&compare=previous`);
    const api = await owner.get('/api/sites/shop.test/report?period=7d&compare=previous');
    expect(api.body.comparison.totals.visits).toBe(0);
    expect(await week.locator('.card-value[data-value="visits"]').textContent()).toBe(
      String(api.body.totals.visits),
    );
    expect(await week.locator('.cards [data-change]').count()).toBe(0);
    expect(await week.locator('.empty-state').count()).toBe(0);
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
