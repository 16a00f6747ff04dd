// Phone and keyboard (issue 19): axe-core in real Chromium finds no serious or critical violation
// on the overview, report, settings (and a shared link's branding form), members, API keys, audit,
// replay and shared views, at desktop width and at 360 px; at 360 px nothing is clipped (the range
// buttons scroll sideways with a visible affordance, the page itself never scrolls sideways); every
// control of the report is reached with Tab and shows a visible focus ring.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sessionCookie, setupOwner, testEnv, type Client } from '../accounts/support.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

const axeSource = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
const screenshots = path.resolve('docs/screenshots');

let server: TestServer;
let owner: Client;
let ownerId: number;
let orgId: number;
let shareUrl: string;
let browser: Browser;
const pageErrors: string[] = [];

async function send(url: string, referrer: string | null = null) {
  const body = { n: 'pageview', u: `https://shop.test${url}`, d: 'shop.test', r: referrer };
  const res = await postEvent(server.url, { ...body, w: 1280, z: 'Europe/Paris', t: 0 });
  if (res.status !== 202) throw new Error(`event refused: ${JSON.stringify(res.body)}`);
}

interface View {
  name: string;
  address: () => string;
  /** What shows the view is drawn (its data loaded). */
  ready: string;
  signedIn: boolean;
  /** A step after it is drawn: opening a part shown on demand. */
  open?: (page: Page) => Promise<void>;
}

const views: View[] = [
  { name: 'overview', address: () => '/#/', ready: 'tr[data-site="shop.test"]', signedIn: true },
  {
    name: 'report',
    address: () => '/#/sites/shop.test?period=7d&compare=previous',
    ready: '.report[data-loaded="true"] .chart canvas',
    signedIn: true,
  },
  {
    name: 'settings',
    address: () => '/#/sites/shop.test/settings',
    ready: '[data-snippet]',
    signedIn: true,
  },
  {
    // A shared link's branding form, opened from its row (with an error under a field).
    name: 'settings, link branding',
    address: () => '/#/sites/shop.test/settings',
    ready: '[data-edit-branding]',
    signedIn: true,
    open: async (page) => {
      await page.locator('[data-edit-branding]').first().click();
      const form = page.locator('[data-branding-form]');
      await form.locator('textarea[name="branding-origins"]').fill('https://client.example/path');
      await form.getByRole('button', { name: 'Save branding' }).click();
      await form.locator('#branding-origins-error').waitFor();
    },
  },
  {
    name: 'members',
    address: () => `/#/orgs/${orgId}/members`,
    ready: 'main table',
    signedIn: true,
  },
  { name: 'api-keys', address: () => '/#/api-keys', ready: 'main form', signedIn: true },
  { name: 'audit', address: () => `/#/orgs/${orgId}/audit`, ready: 'main table', signedIn: true },
  { name: 'replay', address: () => '/#/sites/shop.test/replay', ready: 'main h1', signedIn: true },
  {
    name: 'shared',
    address: () => shareUrl,
    ready: '.report[data-loaded="true"] .chart canvas',
    signedIn: false,
  },
];

const widths = [
  { label: 'desktop', width: 1280, height: 800 },
  { label: '360 px', width: 360, height: 740 },
];

async function contextFor(signedIn: boolean, width: number, height: number) {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    viewport: { width, height },
  });
  context.setDefaultTimeout(8_000);
  if (signedIn) {
    const [name, value] = (await sessionCookie(server, ownerId)).split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  return context;
}

async function openView(context: BrowserContext, view: View): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${view.name}: ${e.message}`));
  await page.goto(`${server.url}${view.address()}`);
  await page.locator(view.ready).first().waitFor();
  await view.open?.(page);
  return page;
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** axe-core's serious and critical violations on the page, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') refuses inline
  // script tags, and the test must not weaken the CSP it runs under.
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run({
      resultTypes: ['violations'],
    }),
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

describe.skipIf(!hasChromium)('accessibility, phone and keyboard', () => {
  beforeAll(async () => {
    server = await startTestServer({
      env: testEnv,
      sites: [{ domain: 'shop.test', timezone: 'UTC' }],
    });
    ({
      client: owner,
      userId: ownerId,
      orgId,
    } = await setupOwner(server, 'o@a11y.test', 'a long password 1', 'Org'));
    await send('/');
    await send('/pricing', 'https://shop.test/');
    await send('/docs', 'https://news.ycombinator.com/');
    const created = await owner.post('/api/sites/shop.test/shared-links', { label: 'client' });
    shareUrl = `/#/share/${created.body.link.siteId}/${encodeURIComponent(created.body.token)}`;
    // Something in the audit log and an API key, so those pages have rows.
    const key = await owner.post('/api/api-keys', {
      name: 'ci',
      siteIds: [created.body.link.siteId as number],
    });
    expect(key.status).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('axe finds a violation planted in the page (the check can fail)', async () => {
    const context = await contextFor(true, 1280, 800);
    const page = await openView(context, views[1]!);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'planted';
      document.querySelector('main')!.append(input);
    });
    const found = await seriousViolations(page);
    expect(
      found.some((line) => line.startsWith('label (critical)') && line.includes('#planted')),
    ).toBe(true);
    await context.close();
  });

  for (const size of widths) {
    test(`axe: no serious or critical violation on any page (${size.label})`, async () => {
      const found: string[] = [];
      for (const view of views) {
        const context = await contextFor(view.signedIn, size.width, size.height);
        const page = await openView(context, view);
        for (const line of await seriousViolations(page)) found.push(`${view.name}: ${line}`);
        if (size.width === 360) {
          // The page never scrolls sideways at 360 px: nothing is cut off or hidden to the right.
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          if (overflow > 0) {
            const wide = await page.evaluate(() =>
              [...document.querySelectorAll('body *')]
                // What sticks out: content wider than its box, or a box past the right edge.
                .filter(
                  (el) =>
                    (el.scrollWidth > el.clientWidth + 0.5 &&
                      getComputedStyle(el).overflowX === 'visible') ||
                    el.getBoundingClientRect().right > window.innerWidth + 0.5,
                )
                .slice(0, 12)
                .map(
                  (el) =>
                    `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}/${el.clientWidth}`,
                ),
            );
            found.push(
              `${view.name}: the page is ${overflow}px wider than 360px (${wide.join(', ')})`,
            );
          }
        }
        await context.close();
      }
      expect(found).toEqual([]);
      expect(pageErrors).toEqual([]);
    }, 120_000);
  }

  test('at 360 px the range buttons scroll with a visible affordance, every one reachable', async () => {
    const context = await contextFor(true, 360, 740);
    const page = await openView(context, views[1]!);
    const bar = page.locator('.segmented');
    const box = await bar.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    const state = await bar.evaluate((el) => ({
      scrolls: el.scrollWidth > el.clientWidth,
      overflowX: getComputedStyle(el).overflowX,
      affordance: el.getAttribute('data-more'),
    }));
    // Too many periods for 360 px: they scroll, and the bar says there is more to the right.
    expect(state).toMatchObject({ scrolls: true, overflowX: 'auto' });
    // The chosen period (7 days) is scrolled into view: more on one side or both.
    expect(['end', 'both']).toContain(state.affordance);
    await page.locator('button[data-period="custom"]').click();
    await page.locator('form.custom-range').waitFor();
    await expect.poll(() => bar.getAttribute('data-more')).toBe('start');
    await page.screenshot({ path: path.join(screenshots, 'site-report-360.png'), fullPage: true });
    await context.close();
  });

  test('keyboard: Tab reaches every report control, each with a visible focus ring', async () => {
    const context = await contextFor(true, 1280, 800);
    const page = await openView(context, views[1]!);
    const reached = new Set<string>();
    const unringed: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const ring =
          (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
          style.boxShadow !== 'none';
        const key =
          el.getAttribute('data-period') ??
          el.getAttribute('data-tab') ??
          el.getAttribute('name') ??
          el.getAttribute('data-row') ??
          el.getAttribute('data-export') ??
          el.textContent?.trim().slice(0, 30) ??
          el.tagName;
        return { key: `${el.tagName.toLowerCase()}:${key}`, ring };
      });
      if (!focused) continue;
      reached.add(focused.key);
      if (!focused.ring) unringed.push(focused.key);
    }
    for (const control of [
      'button:day',
      'button:12mo',
      'button:custom',
      'select:compare',
      'select:interval',
      'button:page',
      'button:source',
      'button:/pricing',
      'button:timeseries',
    ]) {
      expect([...reached]).toContain(control);
    }
    expect(unringed).toEqual([]);
    // Enter on a period button switches the report, as a click does.
    await page.locator('button[data-period="30d"]').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => new URL(page.url()).hash)
      .toBe('#/sites/shop.test?period=30d&compare=previous');
    await context.close();
  });
});
