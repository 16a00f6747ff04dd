// Shared views that look shared (issue 19): a branded shared link shows the site's name, a
// "shared, read-only" mark, its logo and accent colour, and embeds in an iframe on the origins its
// owner listed only. Two local origins (two HTTP servers on 127.0.0.1, different ports) frame the
// same link in real Chromium: the listed one shows the report, the other is refused. Every other
// page keeps frame-ancestors 'none' and X-Frame-Options: DENY. The owner edits a link's branding
// in the dashboard afterwards: the shared view and the link's frame-ancestors follow at once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { formatNumber } from '../../dashboard/src/data/format.js';
import { en } from '../../dashboard/src/i18n/messages/en.js';
import { sessionCookie, setupOwner, testEnv, type Client } from '../accounts/support.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

/** A 1×1 PNG as a data: URL: a logo the CSP's img-src data: allows. */
const logo =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const screenshots = path.resolve('docs/screenshots');

let server: TestServer;
let owner: Client;
let orgId: number;
let ownerId: number;
let browser: Browser;
let embedUrl: string;
let token: string;
const hosts: http.Server[] = [];
let listed: string;
let unlisted: string;

/** A site on its own origin whose page frames the shared link. */
async function hostPage(): Promise<string> {
  const host = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>client</title><h1>Client site</h1>` +
        `<iframe id="stats" title="stats" width="1100" height="700" src="${embedUrl}"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hosts.push(host);
  return `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
}

/** The Content-Security-Policy of a shared link's page (its address without the token). */
async function cspOf(url: string): Promise<string> {
  const r = await fetch(url.split('#')[0]!);
  expect(r.status).toBe(200);
  return r.headers.get('content-security-policy') ?? '';
}

/** The accent colour a shared view is drawn with, opened in a fresh context by its address. */
async function sharedAccent(url: string): Promise<string> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.report[data-loaded="true"]').waitFor();
  const accent = await page
    .locator('.report')
    .evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim());
  await context.close();
  return accent;
}

async function shareFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/share/'))).toBe(true);
  return page.frames().find((f) => f.url().includes('/share/'))!;
}

describe.skipIf(!hasChromium)('a branded shared link embeds on its listed origins only', () => {
  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, sites: [{ domain: 'shop.test' }] });
    ({
      client: owner,
      orgId,
      userId: ownerId,
    } = await setupOwner(server, 'o@embed.test', 'a long password 1', 'Agency'));
    await owner.patch('/api/sites/shop.test', { name: 'Shop of Tests' });
    const res = await postEvent(server.url, {
      n: 'pageview',
      u: 'https://shop.test/',
      d: 'shop.test',
      r: null,
      w: 1280,
      z: 'Europe/Paris',
      t: 0,
    });
    expect(res.status).toBe(202);
    // The hosts' origins are known before the link names one of them: start them first, with
    // the link's address filled in once it exists.
    listed = await hostPage();
    unlisted = await hostPage();
    const created = await owner.post('/api/sites/shop.test/shared-links', {
      label: 'client',
      logoUrl: logo,
      accent: '#AA3300',
      frameAncestors: [listed],
    });
    expect(created.status).toBe(201);
    token = created.body.token as string;
    embedUrl = created.body.url as string;
    expect(embedUrl).toBe(
      `${server.url}/share/${created.body.link.siteId}/${created.body.link.id}#token=${token}`,
    );
    expect(created.body.link).toMatchObject({
      logoUrl: logo,
      accent: '#aa3300',
      frameAncestors: [listed],
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    for (const h of hosts) h.close();
    await server?.close();
  });

  test('the link page, and only it, may be framed by the listed origin', async () => {
    const page = await fetch(embedUrl.split('#')[0]!);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-ancestors ${listed}`);
    expect(csp).not.toContain(unlisted);
    expect(page.headers.get('x-frame-options')).toBeNull();
    // Everything else stays unframeable: the dashboard, the old share address, another link.
    const plain = await owner.post('/api/sites/shop.test/shared-links', { label: 'plain' });
    for (const other of ['/', `/share/${plain.body.link.siteId}`, plain.body.url.split('#')[0]]) {
      const r = await fetch(new URL(other, server.url));
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-frame-options')).toBe('DENY');
    }
    // A revoked link loses its origins at once.
    const gone = await owner.post('/api/sites/shop.test/shared-links', {
      label: 'gone',
      frameAncestors: [listed],
    });
    await owner.delete(`/api/sites/shop.test/shared-links/${gone.body.link.id}`);
    const revoked = await fetch(gone.body.url.split('#')[0]);
    expect(revoked.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  test('bad branding is refused with its reason, nothing stored', async () => {
    for (const [body, message] of [
      [
        { logoUrl: 'http://agency.example/logo.png' },
        'logoUrl: an https:// address or a data:image/ URL',
      ],
      [{ accent: 'orange' }, 'accent: a colour written #rrggbb'],
      [
        { frameAncestors: ['https://client.example; script-src *'] },
        'frameAncestors[0]: an origin such as https://example.com (no path, no wildcard)',
      ],
    ] as const) {
      const r = await owner.post('/api/sites/shop.test/shared-links', { label: 'bad', ...body });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toBe(message);
    }
    const links = await owner.get('/api/sites/shop.test/shared-links');
    expect(links.body.links.filter((l: { label: string }) => l.label === 'bad')).toEqual([]);
  });

  test('embedded on the listed origin: the branded read-only report', async () => {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await page.goto(`${listed}/`);
    const frame = await shareFrame(page);
    await frame.locator('.report[data-loaded="true"]').waitFor();
    expect(await frame.locator('h1').textContent()).toBe('Shop of Tests');
    expect(await frame.locator('[data-share-mark]').textContent()).toBe('Shared, read-only');
    await expect
      .poll(() =>
        frame.locator('img.share-logo').evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(1);
    expect(
      await frame
        .locator('.report')
        .evaluate((el) => getComputedStyle(el).getPropertyValue('--accent')),
    ).toBe('#aa3300');
    const api = await owner.get('/api/sites/shop.test/report?period=30d', {
      'x-pomelo-share': token,
    });
    expect(await frame.locator('.card-value[data-value="visits"]').textContent()).toBe(
      formatNumber(api.body.totals.visits),
    );
    // Read-only: no site navigation, no sign-out.
    expect(await frame.locator('.site-nav').count()).toBe(0);
    await page.setViewportSize({ width: 1200, height: 820 });
    await page.screenshot({ path: path.join(screenshots, 'shared-embed.png') });
    await context.close();
  });

  test('framed by an origin not on the list: refused', async () => {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    const refusals: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
    });
    await page.goto(`${unlisted}/`);
    await expect.poll(() => refusals.length, { timeout: 8_000 }).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    expect(await frame!.locator('.report').count()).toBe(0);
    await context.close();
  });

  test('branding edited in the dashboard: the shared view and its frame-ancestors follow', async () => {
    const made = await owner.post('/api/sites/shop.test/shared-links', {
      label: 'rebrand',
      accent: '#aa3300',
      frameAncestors: [listed],
    });
    expect(made.status).toBe(201);
    const id = made.body.link.id as string;
    const url = made.body.url as string;
    const stored = async () =>
      (await owner.get('/api/sites/shop.test/shared-links')).body.links.find(
        (l: { id: string }) => l.id === id,
      );
    expect(await sharedAccent(url)).toBe('#aa3300');

    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    context.setDefaultTimeout(8_000);
    const [name, value] = (await sessionCookie(server, ownerId)).split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/#/sites/shop.test/settings`);
    await page.getByRole('button', { name: 'Edit the branding of rebrand' }).click();
    const form = page.locator(`[data-branding-form="${id}"]`);
    const accent = form.getByLabel('Accent colour', { exact: true });
    const origins = form.getByLabel(en['links.frameAncestors']);
    expect(await accent.inputValue()).toBe('#aa3300');
    expect(await origins.inputValue()).toBe(listed);

    // An origin with a path: refused under its field, in the catalog's words; nothing stored.
    await origins.fill(`${listed}\nhttps://client.example/stats`);
    await form.getByRole('button', { name: 'Save branding' }).click();
    expect(await form.locator('#branding-origins-error').textContent()).toBe(
      en['linkBranding.badOrigin'],
    );
    expect(await origins.getAttribute('aria-invalid')).toBe('true');
    expect(await stored()).toMatchObject({ accent: '#aa3300', frameAncestors: [listed] });

    // Saved: a new colour, a second origin.
    await accent.fill('#117733');
    await origins.fill(`${listed}\n${unlisted}`);
    await form.getByRole('button', { name: 'Save branding' }).click();
    await form.locator('[data-branding-saved="true"]').waitFor();
    expect(await form.locator('.field-error').count()).toBe(0);
    expect(await stored()).toMatchObject({ accent: '#117733', frameAncestors: [listed, unlisted] });
    expect(await cspOf(url)).toContain(`frame-ancestors ${listed} ${unlisted}`);
    expect(await sharedAccent(url)).toBe('#117733');

    // Cleared: no accent, no origin, unframeable again.
    await form.getByRole('button', { name: 'Clear branding' }).click();
    await form.locator('[data-branding-saved="true"]').waitFor();
    expect(await accent.count()).toBe(0);
    expect(await origins.inputValue()).toBe('');
    expect(await stored()).toMatchObject({ logoUrl: null, accent: null, frameAncestors: [] });
    const csp = await cspOf(url);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain(listed);
    expect(await sharedAccent(url)).not.toBe('#117733');
    const audit = await owner.get(`/api/orgs/${orgId}/audit`);
    expect(
      audit.body.rows.filter(
        (e: { action: string; target: string }) =>
          e.action === 'shared_link.update' && e.target === `shared_link:${id}`,
      ),
    ).toHaveLength(2);
    await context.close();
  });
});
