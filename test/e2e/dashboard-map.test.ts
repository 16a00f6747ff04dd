// The countries' world map (issue 19): drawn beside the country table from the same rows, its
// numbers equal to the table's, focusable with a description, and loaded as a chunk of its own
// only when a report shows it (the main bundle stays small).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { sessionCookie, setupOwner, testEnv, type Client } from '../accounts/support.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

const screenshots = path.resolve('docs/screenshots');
let server: TestServer;
let owner: Client;
let ownerId: number;
let browser: Browser;

/** Visits from several timezones, so several countries (server/classify/country.ts). */
const visits: [string, number][] = [
  ['Europe/Paris', 3],
  ['America/New_York', 2],
  ['Asia/Tokyo', 1],
  ['Australia/Sydney', 1],
];

describe.skipIf(!hasChromium)('world map of countries', () => {
  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, sites: [{ domain: 'shop.test' }] });
    ({ client: owner, userId: ownerId } = await setupOwner(
      server,
      'o@map.test',
      'a long password 1',
      'Org',
    ));
    for (const [z, n] of visits) {
      for (let i = 0; i < n; i++) {
        const body = { n: 'pageview', u: 'https://shop.test/', d: 'shop.test', r: null, w: 1280 };
        const res = await postEvent(server.url, { ...body, z, t: 0 });
        expect(res.status).toBe(202);
      }
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the map's numbers are the country table's", async () => {
    const context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(8_000);
    const [name, value] = (await sessionCookie(server, ownerId)).split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    // The overview loads no map code.
    await page.goto(`${server.url}/#/`);
    await page.locator('tr[data-site="shop.test"]').waitFor();
    expect(scripts.filter((s) => s.includes('world-map'))).toEqual([]);

    await page.goto(`${server.url}/#/sites/shop.test`);
    const panel = page.locator('[data-breakdown="country"]');
    const map = panel.locator('figure.country-map[data-map-values]');
    await map.waitFor();
    expect(scripts.filter((s) => s.includes('world-map'))).toHaveLength(1);

    const api = await owner.get('/api/sites/shop.test/breakdown/country?period=30d&limit=10');
    const fromApi = Object.fromEntries(
      api.body.results.map((r: { value: string; visits: number }) => [r.value, r.visits]),
    );
    expect(fromApi).toEqual({ FR: 3, US: 2, JP: 1, AU: 1 });
    // The table's rows (as shown) and the map's values are the same figures.
    const table = await panel
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('[data-row]')?.getAttribute('data-row') ?? '',
          Number(tr.querySelector('[data-count]')?.textContent),
        ]),
      );
    expect(Object.fromEntries(table)).toEqual(fromApi);
    expect(JSON.parse((await map.getAttribute('data-map-values'))!)).toEqual(fromApi);

    // Accessible: a labelled image, a focusable figure with its description.
    expect(await map.locator('canvas').getAttribute('aria-label')).toBe(
      'World map of visits by country',
    );
    await map.focus();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('FIGURE');
    expect(await map.locator('figcaption').textContent()).toBe(
      'Darker countries had more visits; most from France (3 visits). The table lists every figure.',
    );
    // Drawn: the canvas is not blank.
    const painted = await map.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
    await panel.screenshot({ path: path.join(screenshots, 'countries-map.png') });
    await context.close();
  });
});
