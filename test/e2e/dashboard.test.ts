// The dashboard in real Chromium against a real server: first-run owner, sign-in, the agency
// overview, the site report (period, comparison) with the numbers checked against the API, a
// hostile page path shown as text, and screenshots for the README (docs/screenshots/).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  formatChange,
  formatCompact,
  formatDuration,
  formatNumber,
  formatPercent,
} from '../../dashboard/src/data/format.js';
import { changeKind } from '../../dashboard/src/data/change.js';
import { shownChange } from '../../dashboard/src/data/empty-state.js';
import { setupOwner, setupToken, testEnv, type Client } from '../accounts/support.js';
import { hasChromium, launchBrowser, noChromiumMessage } from '../support/browser.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

const email = 'owner@agency.test';
const password = 'correct horse battery staple';
const hostilePath = '/<img src=x onerror=alert(1)>';
/** Custom event names a visitor's page can send: markup, a script URL, RTL and zero-width marks. */
const hostileEvents = [
  '<script>alert(2)</script>',
  'javascript:alert(3)',
  'Sign\u202Eup\u200B<b>x</b>',
];
const screenshots = path.resolve('docs/screenshots');
const dayMs = 86_400_000;

let server: TestServer;
let owner: Client;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The server's clock: real time plus an offset, so one visit can land in the previous period. */
let offsetMs = 0;
const dialogs: string[] = [];
const consoleErrors: string[] = [];

async function send(path: string, referrer: string | null, more: Record<string, unknown> = {}) {
  const body = {
    n: 'pageview',
    u: `https://shop.test${path}`,
    d: 'shop.test',
    r: referrer,
    w: 1280,
    z: 'Europe/Paris',
    t: 0,
    ...more,
  };
  const res = await postEvent(server.url, body);
  if (res.status !== 202) throw new Error(`event refused: ${JSON.stringify(res.body)}`);
}

async function engage(path: string, referrer: string | null, e: number, c: 0 | 1) {
  await send(path, referrer, { n: 'engagement', e, sd: 50, c, f: 0 });
}

interface ApiMetrics {
  visits: number;
  pageviews: number;
  views_per_visit: number;
  bounce_rate: number;
  time_on_page: number | null;
}

const shown: Record<keyof ApiMetrics, (m: ApiMetrics) => string> = {
  visits: (m) => formatNumber(m.visits),
  pageviews: (m) => formatNumber(m.pageviews),
  views_per_visit: (m) => formatNumber(m.views_per_visit),
  bounce_rate: (m) => formatPercent(m.bounce_rate),
  time_on_page: (m) => formatDuration(m.time_on_page),
};

async function cardValues(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const metric of Object.keys(shown)) {
    out[metric] = (await page.locator(`.card-value[data-value="${metric}"]`).textContent()) ?? '';
  }
  return out;
}

/** Waits until the report in the page shows the API's answer for this period, then compares. */
async function expectCardsMatchApi(period: string, compare: boolean) {
  const q = `period=${period}${compare ? '&compare=previous' : ''}`;
  const api = await owner.get(`/api/sites/shop.test/report?${q}`);
  expect(api.status).toBe(200);
  const range = `${api.body.range.from} → ${api.body.range.to} (UTC)`;
  await page.locator('.range', { hasText: range }).waitFor();
  await page.locator('.report[data-loaded="true"]').waitFor();
  const expected = Object.fromEntries(
    Object.entries(shown).map(([metric, format]) => [metric, format(api.body.totals)]),
  );
  await expect.poll(cardValues).toEqual(expected);
  if (compare) {
    for (const metric of Object.keys(shown) as (keyof ApiMetrics)[]) {
      // No badge where either period has no value for the metric (issue 19's empty states).
      const change = shownChange(
        metric,
        api.body.totals,
        api.body.comparison.totals,
        api.body.comparison.change[metric] as number | null,
      );
      const badge = page.locator(`.cards [data-change="${metric}"]`);
      if (change === undefined || change === null) await expect.poll(() => badge.count()).toBe(0);
      else
        await expect.poll(() => badge.textContent()).toBe(formatChange(change, changeKind(metric)));
    }
  } else {
    expect(await page.locator('.cards [data-change]').count()).toBe(0);
  }
  return api.body;
}

async function shoot(name: string, width: number, height: number, fullPage = false) {
  await page.setViewportSize({ width, height });
  // Let Chart.js resize to the new width before the picture is taken.
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage });
}

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  beforeAll(async () => {
    server = await startTestServer({
      env: testEnv,
      sites: [
        { domain: 'shop.test', timezone: 'UTC' },
        { domain: 'blog.test', timezone: 'UTC' },
      ],
      now: () => Date.now() + offsetMs,
    });
    ({ client: owner } = await setupOwner(server, email, password, 'Agency'));
    // One visit 8 days ago: outside the last 7 days, inside the previous 7 and the last 30.
    offsetMs = -8 * dayMs;
    await send('/', null);
    offsetMs = 0;
    // Today: a search visit that reads two pages, a direct bounce, and a hostile path.
    await send('/', 'https://www.google.com/search?q=pomelo');
    await engage('/', 'https://www.google.com/search?q=pomelo', 12_000, 1);
    await send('/pricing', 'https://shop.test/');
    await engage('/pricing', 'https://shop.test/', 30_000, 0);
    await send('/', null);
    await engage('/', null, 4_000, 0);
    await send(hostilePath, 'https://twitter.com/');
    for (const name of hostileEvents) await send(hostilePath, 'https://twitter.com/', { n: name });
    fs.mkdirSync(screenshots, { recursive: true });
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'UTC',
      colorScheme: 'light',
      viewport: { width: 1280, height: 800 },
    });
    // Fail with the locator's name well before the test's own timeout.
    context.setDefaultTimeout(8_000);
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      // Before sign-in, "who am I" answers 401 by design; any other error (CSP included) counts.
      if (m.type() === 'error' && !m.location().url.endsWith('/api/auth/me')) {
        consoleErrors.push(`${m.text()} ${m.location().url}`);
      }
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  test('sign in, overview, site report with period and comparison, hostile text', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/#\/login$/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/#\/$/);

    // The overview: every site of the organisation, with the API's visits.
    const overview = await owner.get('/api/overview?period=30d');
    expect(overview.status).toBe(200);
    const shop = overview.body.results.find((r: { domain: string }) => r.domain === 'shop.test');
    expect(shop.visits).toBe(4);
    const shopRow = page.locator('tr[data-site="shop.test"]');
    await expect
      .poll(() => shopRow.locator('[data-value="visits"]').textContent())
      .toBe(formatCompact(shop.visits));
    expect(await shopRow.locator('[data-value="pageviews"]').textContent()).toBe(
      formatCompact(shop.pageviews),
    );
    expect(await page.locator('tr[data-site="blog.test"]').count()).toBe(1);
    await shoot('overview-desktop', 1280, 800);
    await shoot('overview-phone', 390, 844);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The search box keeps the matching sites only.
    await page.getByLabel('Search sites').fill('blog');
    await expect.poll(() => page.locator('tr[data-site]').count()).toBe(1);
    expect(await page.locator('tr[data-site="blog.test"]').count()).toBe(1);
    await page.getByLabel('Search sites').fill('');
    await page.locator('a.site-link', { hasText: 'shop.test' }).click();
    await page.waitForURL(/#\/sites\/shop\.test(\?|$)/);

    // The report for the default period (30 days), then 7 days, then 7 days with comparison.
    const month = await expectCardsMatchApi('30d', false);
    expect(month.totals.visits).toBe(4);
    await page.locator('button[data-period="7d"]').click();
    expect(await page.locator('button[data-period="7d"]').getAttribute('aria-pressed')).toBe(
      'true',
    );
    const week = await expectCardsMatchApi('7d', false);
    expect(week.totals.visits).toBe(3);
    await page.getByLabel('Compare', { exact: true }).selectOption('previous');
    const compared = await expectCardsMatchApi('7d', true);
    expect(compared.comparison.totals.visits).toBe(1);
    expect(compared.comparison.change.visits).toBe(200);
    // The period and the comparison are in the URL: a reload keeps them.
    expect(page.url()).toMatch(/#\/sites\/shop\.test\?period=7d&compare=previous$/);
    await page.reload();
    await expectCardsMatchApi('7d', true);

    // Breakdown panels hold the API's rows; the hostile path is text, not an element.
    const pages = await owner.get('/api/sites/shop.test/breakdown/page?period=7d');
    const pagePanel = page.locator('[data-breakdown="page"]');
    await expect
      .poll(() => pagePanel.locator('.row-value').allTextContents())
      .toEqual(pages.body.results.map((r: { value: string }) => decodeURIComponent(r.value)));
    expect(await pagePanel.locator('[data-count]').allTextContents()).toEqual(
      pages.body.results.map((r: { pageviews: number }) => formatNumber(r.pageviews)),
    );
    await expect.poll(() => pagePanel.getByText(hostilePath, { exact: true }).count()).toBe(1);
    expect(await page.locator('main img').count()).toBe(0);
    const sources = await owner.get('/api/sites/shop.test/breakdown/source?period=7d');
    await expect
      .poll(() => page.locator('[data-breakdown="source"] .row-value').allTextContents())
      .toEqual(sources.body.results.map((r: { value: string }) => r.value));
    const events = await owner.get('/api/sites/shop.test/breakdown/event?period=7d');
    // The server strips bidi and zero-width marks (sanitiseText); markup and script URLs stay.
    expect(events.body.results.map((r: { value: string }) => r.value).sort()).toEqual(
      ['<script>alert(2)</script>', 'javascript:alert(3)', 'Signup<b>x</b>'].sort(),
    );
    await expect
      .poll(() => page.locator('[data-breakdown="event"] .row-value').allTextContents())
      .toEqual(events.body.results.map((r: { value: string }) => r.value));
    expect(await page.locator('main script, main b, main a[href^="javascript"]').count()).toBe(0);
    await page.locator('.chart canvas').waitFor();

    await shoot('site-report-desktop', 1280, 800, true);
    await shoot('site-report-phone', 390, 844);
    await page.setViewportSize({ width: 1280, height: 800 });

    // A panel's details: more rows and a search, answered by the server.
    await page.locator('button[data-details="page"]').click();
    await page.getByLabel('Search Top pages').fill('PRIC');
    const searched = await owner.get('/api/sites/shop.test/breakdown/page?period=7d&search=PRIC');
    expect(searched.body.results.map((r: { value: string }) => r.value)).toEqual(['/pricing']);
    await expect
      .poll(() => pagePanel.locator('.row-value').allTextContents())
      .toEqual(['/pricing']);
    await expect.poll(() => pagePanel.locator('.rows-note').textContent()).toBe('1 of 1 row');
    await page.locator('button[data-details="page"]').click();
    await expect.poll(() => pagePanel.locator('.row-value').count()).toBe(3);

    // CSV export of a breakdown: the file the browser saves is the API's CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-export="page"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^shop\.test-page-.*\.csv$/);
    const saved = fs.readFileSync(await download.path(), 'utf8');
    const csv = await owner.get('/api/sites/shop.test/export/breakdown/page.csv?period=7d');
    expect(saved).toBe(csv.body);

    // Keyboard: the period buttons are real buttons (Enter switches), then sign out.
    await page.locator('button[data-period="month"]').focus();
    await page.keyboard.press('Enter');
    await expectCardsMatchApi('month', true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/#\/login$/);
    expect((await page.request.get(`${server.url}/api/auth/me`)).status()).toBe(401);

    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  test('a shared link opens the read-only report with the API numbers', async () => {
    const created = await owner.post('/api/sites/shop.test/shared-links', { label: 'client' });
    expect(created.status).toBe(201);
    const { token } = created.body as { token: string };
    const siteId = created.body.link.siteId as number;
    const guest = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    try {
      const shared = await guest.newPage();
      shared.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await shared.goto(`${server.url}/#/share/${siteId}/${encodeURIComponent(token)}`);
      const api = await owner.get('/api/sites/shop.test/report?period=30d', {
        'x-pomelo-share': token,
      });
      expect(api.status).toBe(200);
      await shared.locator('.report[data-loaded="true"]').waitFor();
      await expect
        .poll(() => shared.locator('.card-value[data-value="visits"]').textContent())
        .toBe(formatNumber(api.body.totals.visits));
      expect(await shared.locator('.card-value[data-value="pageviews"]').textContent()).toBe(
        formatNumber(api.body.totals.pageviews),
      );
      // Read-only: no account navigation, no sign-out.
      expect(await shared.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await guest.close();
    }
  });

  test('first-run setup in the browser creates the owner and opens the overview', async () => {
    const fresh = await startTestServer({ env: testEnv, sites: [{ domain: 'first.test' }] });
    const guest = await browser.newContext({ locale: 'en-US' });
    try {
      const p = await guest.newPage();
      p.setDefaultTimeout(8_000);
      await p.goto(`${fresh.url}/`);
      // Nobody exists yet: the app goes to the setup form.
      await p.waitForURL(/#\/setup$/);
      await p.getByLabel('Setup token').fill(setupToken(fresh));
      await p.getByLabel('Email').fill('first@owner.test');
      await p.getByLabel('Password (at least 12 characters)').fill(password);
      await p.getByLabel('Organisation name').fill('First org');
      await p.getByRole('button', { name: 'Create owner' }).click();
      await p.waitForURL(/#\/$/);
      // The site added before setup joined the new organisation.
      await p.locator('tr[data-site="first.test"]').waitFor();
      expect(await p.locator('.account .email').textContent()).toBe('first@owner.test');
    } finally {
      await guest.close();
      await fresh.close();
    }
  });
});
