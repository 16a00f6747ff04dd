// The agency view in real Chromium (issue 19 §9): the overview groups sites by organisation with
// sortable columns (visits, pageviews, bounce rate, change), sites chosen by checkbox or a whole
// organisation open one combined report, and its figures are the rollup API's (which
// test/reports/rollup.test.ts proves equal to the sums of the sites' reports).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatNumber, formatPercent } from '../../dashboard/src/data/format.js';
import { setupOwner, testEnv, type Client } from '../accounts/support.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

const email = 'owner@rollup.test';
const password = 'correct horse battery staple';
const screenshots = path.resolve('docs/screenshots');

describe.skipIf(!hasChromium)('agency overview and rollup in Chromium', () => {
  let server: TestServer;
  let owner: Client;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const visit = async (domain: string, path: string, bounce: boolean) => {
    const pv = { n: 'pageview', u: `https://${domain}${path}`, d: domain, r: null, w: 1280 };
    const sent = [
      await postEvent(server.url, { ...pv, z: 'Europe/Paris', t: 0 }),
      await postEvent(server.url, { ...pv, n: 'engagement', e: 5000, sd: 50, c: bounce ? 0 : 6 }),
    ];
    expect(sent.map((r) => r.status)).toEqual([202, 202]);
  };

  beforeAll(async () => {
    server = await startTestServer({
      env: testEnv,
      sites: [
        { domain: 'bakery.test', timezone: 'UTC' },
        { domain: 'cafe.test', timezone: 'UTC' },
        { domain: 'deli.test', timezone: 'UTC' },
      ],
    });
    // Setup adopts the sites added before it: all three belong to Agency.
    ({ client: owner } = await setupOwner(server, email, password, 'Agency'));
    for (let i = 0; i < 4; i++) await visit('bakery.test', `/p${i}`, i < 3);
    for (let i = 0; i < 2; i++) await visit('cafe.test', `/p${i}`, false);
    await visit('deli.test', '/', true);
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'UTC',
      colorScheme: 'light',
      viewport: { width: 1280, height: 800 },
    });
    context.setDefaultTimeout(8_000);
    page = await context.newPage();
    await page.goto(`${server.url}/#/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/#\/$/);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const order = () =>
    page
      .locator('tbody tr[data-site]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-site')));

  test('the overview groups by organisation; columns sort', async () => {
    await page.locator('.overview[data-loaded="true"]').waitFor();
    expect(
      await page
        .locator('tbody[data-org]')
        .evaluateAll((b) => b.map((x) => x.getAttribute('data-org'))),
    ).toEqual(['Agency']);
    expect(await order()).toEqual(['bakery.test', 'cafe.test', 'deli.test']);
    // Bounce rate: deli 100 %, bakery 75 %, cafe 0 %.
    await page.getByRole('button', { name: 'Bounce rate' }).click();
    expect(await order()).toEqual(['deli.test', 'bakery.test', 'cafe.test']);
    expect(
      await page.locator('tr[data-site="bakery.test"] [data-value="bounce_rate"]').textContent(),
    ).toBe(formatPercent(75));
    await page.getByRole('button', { name: 'Visits' }).click();
    expect(await order()).toEqual(['bakery.test', 'cafe.test', 'deli.test']);
  });

  test('two chosen sites open one combined report with the rollup API’s figures', async () => {
    await page.getByLabel('Choose bakery.test for a combined report').check();
    await page.getByLabel('Choose deli.test for a combined report').check();
    await page.locator('[data-rollup-link="chosen"]').click();
    await page.waitForURL(/#\/rollup\/sites\/bakery\.test,deli\.test$/);
    await page.locator('.rollup[data-loaded="true"]').waitFor();
    const api = (await owner.get('/api/rollup/report?sites=bakery.test,deli.test&period=30d')).body;
    expect(api.totals).toMatchObject({ visits: 5, pageviews: 5, bounce_rate: 80 });
    expect(await page.locator('[data-value="visits"]').first().textContent()).toBe(formatNumber(5));
    expect(await page.locator('[data-value="bounce_rate"]').first().textContent()).toBe(
      formatPercent(80),
    );
    expect(await page.locator('[data-rollup-sites]').getAttribute('data-rollup-sites')).toBe(
      'bakery.test,deli.test',
    );
    // The pages panel: /p0 on bakery and / on deli are separate values; 5 rows in all.
    await expect
      .poll(() => page.locator('[data-breakdown="page"] table.breakdown tbody tr').count())
      .toBe(5);
  });

  test('an organisation’s combined report, captured for the README', async () => {
    await page.goto(`${server.url}/#/`);
    await page.locator('[data-rollup-link="Agency"]').click();
    await page.waitForURL(/#\/rollup\/org\/Agency$/);
    await page.locator('.rollup[data-loaded="true"]').waitFor();
    expect(await page.locator('[data-value="visits"]').first().textContent()).toBe(formatNumber(7));
    await expect
      .poll(() => page.locator('[data-breakdown="page"] table.breakdown tbody tr').count())
      .toBeGreaterThan(0);
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'rollup-desktop.png'), fullPage: true });
  });
});
