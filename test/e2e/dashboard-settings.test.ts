// The dashboard's management pages in real Chromium against a real server: site settings (snippet
// copied to the clipboard, the install check flipping after a real event, fields saved), shared
// links (create, open, revoke), members and roles (change, remove, invite and accept), API keys
// (create, use against the Stats API, revoke), the audit log showing those actions, realtime, and
// the report's custom range, year-over-year comparison, panel tabs and event → props drill-down,
// all checked against the API.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { changeKind } from '../../dashboard/src/data/change.js';
import { formatChange, formatNumber } from '../../dashboard/src/data/format.js';
import { trackerSnippet } from '../../dashboard/src/data/snippet.js';
import { addUser, Client, setupOwner, testEnv } from '../accounts/support.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

const email = 'owner@settings.test';
const password = 'correct horse battery staple';
const screenshots = path.resolve('docs/screenshots');
const dayMs = 86_400_000;
const hostileProp = '<img src=x onerror=alert(9)>';

let server: TestServer;
let owner: Client;
let orgId: number;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let offsetMs = 0;
const dialogs: string[] = [];
const consoleErrors: string[] = [];

async function send(domain: string, url: string, more: Record<string, unknown> = {}) {
  const body = { n: 'pageview', u: `https://${domain}${url}`, d: domain, r: null, w: 1280 };
  const res = await postEvent(server.url, { ...body, z: 'Europe/Paris', t: 0, ...more });
  if (res.status !== 202) throw new Error(`event refused: ${JSON.stringify(res.body)}`);
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function watch(p: Page) {
  p.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  p.on('pageerror', (e) => consoleErrors.push(e.message));
}

async function shoot(name: string, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!hasChromium)('dashboard management pages in Chromium', () => {
  beforeAll(async () => {
    server = await startTestServer({
      env: testEnv,
      sites: [
        { domain: 'shop.test', timezone: 'UTC' },
        { domain: 'fresh.test', timezone: 'UTC' },
      ],
      now: () => Date.now() + offsetMs,
    });
    ({ client: owner, orgId } = await setupOwner(server, email, password, 'Agency'));
    // A year ago: two visits, so that "same period last year" has something to compare with.
    offsetMs = -365 * dayMs;
    await send('shop.test', '/');
    await send('shop.test', '/pricing');
    offsetMs = 0;
    await send('shop.test', '/?utm_source=newsletter&utm_medium=email&utm_campaign=spring');
    await send('shop.test', '/docs', { r: 'https://news.ycombinator.com/item?id=1' });
    await send('shop.test', '/docs', { r: 'https://shop.test/' });
    for (const plan of ['pro', 'pro', 'free', hostileProp]) {
      await send('shop.test', '/docs', { n: 'Signup', p: { plan } });
    }
    fs.mkdirSync(screenshots, { recursive: true });
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'UTC',
      colorScheme: 'light',
      viewport: { width: 1280, height: 800 },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    context.setDefaultTimeout(8_000);
    page = await context.newPage();
    watch(page);
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

  test('a site added from the overview opens on its settings page', async () => {
    // A pasted address keeps its host; a timezone searched by its city is found.
    await page.getByRole('button', { name: 'Add a site' }).click();
    // The browser's own zone (the context's: UTC) is preselected.
    expect(await page.getByLabel('Timezone').inputValue()).toBe('UTC');
    await page.getByLabel('Domain (example.com)').fill('https://New.test/pricing?ref=x');
    await page.locator('.field-hint', { hasText: 'Will be added as new.test' }).waitFor();
    await page.getByLabel('Timezone').fill('paris');
    await page.locator('.field-hint', { hasText: 'Timezone: Europe/Paris' }).waitFor();
    await page.getByRole('button', { name: 'Add site', exact: true }).click();
    await page.waitForURL(/#\/sites\/new\.test\/settings$/);
    await expect
      .poll(() => page.locator('[data-snippet]').textContent())
      .toBe(trackerSnippet(server.url, 'new.test'));
    await page.locator('[data-install-status="waiting"]').waitFor();
    const site = await owner.get('/api/sites/new.test');
    expect(site.body.site).toMatchObject({ domain: 'new.test', timezone: 'Europe/Paris' });

    // A domain that is not one is refused under its field, in the API's (and the CLI's) words.
    await page.goto(`${server.url}/#/`);
    await page.getByRole('button', { name: 'Add a site' }).click();
    await page.getByLabel('Domain (example.com)').fill('not a domain');
    await page.getByRole('button', { name: 'Add site', exact: true }).click();
    const refused = await owner.post(`/api/orgs/${orgId}/sites`, {
      domain: 'not a domain',
      timezone: 'UTC',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      'domain: a domain name such as example.com, without https:// or a path',
    );
    await expect
      .poll(() => page.locator('[data-error-for="domain"]').textContent())
      .toBe('a domain name such as example.com, without https:// or a path');
    expect(await page.getByLabel('Domain (example.com)').getAttribute('aria-invalid')).toBe('true');
    // A zone nobody can name is refused under the timezone field, before anything is sent.
    await page.getByLabel('Domain (example.com)').fill('other.test');
    await page.getByLabel('Timezone').fill('Atlantis');
    await page.getByRole('button', { name: 'Add site', exact: true }).click();
    await expect
      .poll(() => page.locator('[data-error-for="timezone"]').textContent())
      .toBe('an IANA timezone');
    expect(await page.locator('[data-error-for="domain"]').count()).toBe(0);
    expect(await page.locator('tr[data-site]').count()).toBe(3);

    // Deleting it again: the button waits for the domain to be typed.
    await page.goto(`${server.url}/#/sites/new.test/settings`);
    const remove = page.getByRole('button', { name: 'Delete site' });
    expect(await remove.isDisabled()).toBe(true);
    await page.getByLabel('Type new.test to confirm').fill('new.test');
    await remove.click();
    await page.waitForURL(/#\/$/);
    await expect.poll(() => page.locator('tr[data-site]').count()).toBe(2);
    expect((await owner.get('/api/sites/new.test')).status).toBe(404);
  });

  test('settings: snippet copied, install check flips after an event, fields saved', async () => {
    await page.goto(`${server.url}/#/sites/fresh.test/settings`);
    const snippet = trackerSnippet(server.url, 'fresh.test');
    await expect.poll(() => page.locator('[data-snippet]').textContent()).toBe(snippet);
    await page.locator('button[data-copy="snippet"]').click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

    await page.locator('[data-install-status="waiting"]').waitFor();
    await send('fresh.test', '/');
    const status = await owner.get('/api/sites/fresh.test/install-status');
    expect(status.body).toMatchObject({ installed: true, recent_pageviews: 1 });
    await page.locator('button[data-install-recheck]').click();
    const installed = page.locator('[data-install-status="installed"]');
    await installed.waitFor();
    const hour = new Date(status.body.first_event_hour as string).toLocaleString('en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    expect(await installed.textContent()).toContain(hour);

    await page.getByLabel('Name', { exact: true }).fill('Fresh shop');
    await page.getByLabel(/^Excluded paths/).fill('/admin/*\n/preview');
    await page.getByLabel(/^Retention in months/).fill('13');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = await owner.get('/api/sites/fresh.test');
    expect(saved.body.site).toMatchObject({
      name: 'Fresh shop',
      excludedPaths: ['/admin/*', '/preview'],
      retentionMonths: 13,
      timezone: 'UTC',
    });
    await shoot('settings-desktop', 1280, 800);
    await shoot('settings-phone', 390, 844);
    // A mistake is named before anything is sent.
    await page.getByLabel(/^Retention in months/).fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'Retention: 1 to 120 months' }).waitFor();
  });

  test('shared links: create, copy, open read-only, revoke', async () => {
    await page.goto(`${server.url}/#/sites/shop.test/settings`);
    await page.getByLabel('Label').fill('client <b>');
    await page.getByRole('button', { name: 'Create link' }).click();
    const url = (await page.locator('[data-link-url]').textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${server.url}/share/\\d+/[A-Za-z0-9_-]+#token=shr_`));
    await page.locator('button[data-copy="link"]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    const links = await owner.get('/api/sites/shop.test/shared-links');
    const link = links.body.links.find((l: { label: string }) => l.label === 'client <b>');
    const row = page.locator(`tr[data-link="${link.id}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('active');

    const guest = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    guest.setDefaultTimeout(8_000);
    try {
      const shared = await guest.newPage();
      watch(shared);
      await shared.goto(url);
      await shared.locator('.report[data-loaded="true"]').waitFor();
      const token = new URL(url).hash.replace('#token=', '');
      const api = await owner.get('/api/sites/shop.test/report?period=30d', {
        'x-pomelo-share': token,
      });
      await expect
        .poll(() => shared.locator('.card-value[data-value="visits"]').textContent())
        .toBe(formatNumber(api.body.totals.visits));
      expect(await shared.locator('.site-nav').count()).toBe(0);

      await page.getByRole('button', { name: 'Revoke client <b>' }).click();
      await expect.poll(() => row.getAttribute('data-status')).toBe('revoked');
      const refused = await owner.get('/api/sites/shop.test/report?period=30d', {
        'x-pomelo-share': token,
      });
      expect(refused.status).toBe(401);
      await shared.reload();
      await shared.getByRole('alert').waitFor();
      expect(await shared.locator('.report').count()).toBe(0);
    } finally {
      await guest.close();
    }
  });

  test('members: change a role, remove a member, invite and accept', async () => {
    const viewer = await addUser(server, 'viewer@agency.test', password, 'Agency', 'viewer');
    await page.goto(`${server.url}/#/`);
    await page.getByRole('link', { name: 'Members' }).click();
    await page.locator('tr[data-member="viewer@agency.test"]').waitFor();
    await page.getByLabel('Role of viewer@agency.test').selectOption('admin');
    const me = await owner.get('/api/auth/me');
    const orgId = me.body.orgs[0].id as number;
    const roleOf = async (who: string) =>
      (await owner.get(`/api/orgs/${orgId}/members`)).body.members.find(
        (m: { email: string }) => m.email === who,
      )?.role;
    await expect.poll(() => roleOf('viewer@agency.test')).toBe('admin');
    // The last owner cannot step down: the server's reason is shown.
    await page.getByLabel(`Role of ${email}`).selectOption('viewer');
    await page.getByRole('alert').filter({ hasText: 'at least one owner' }).waitFor();
    expect(await roleOf(email)).toBe('owner');

    await page.getByRole('button', { name: 'Remove viewer@agency.test' }).click();
    await expect.poll(() => page.locator('tr[data-member="viewer@agency.test"]').count()).toBe(0);
    expect(await roleOf('viewer@agency.test')).toBeUndefined();
    expect(viewer.orgId).toBe(orgId);

    await page.locator('select[name="invite-role"]').selectOption('viewer');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const invite = (await page.locator('[data-invitation-url] code').textContent()) ?? '';
    expect(invite).toMatch(new RegExp(`^${server.url}/invite#token=inv_`));
    const guest = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    guest.setDefaultTimeout(8_000);
    try {
      const p = await guest.newPage();
      watch(p);
      await p.goto(invite);
      await p.getByLabel('Email').fill('new@agency.test');
      await p.getByLabel('Password').fill(password);
      await p.getByRole('button', { name: 'Accept invitation' }).click();
      await p.locator('tr[data-site="shop.test"]').waitFor();
      expect(await roleOf('new@agency.test')).toBe('viewer');
    } finally {
      await guest.close();
    }
  });

  test('API keys: create (secret shown once), query the Stats API, revoke', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('ci');
    await page.getByRole('checkbox', { name: 'shop.test' }).check();
    await page.getByLabel('Expires').selectOption({ label: 'In 30 days' });
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.locator('[data-secret]').textContent()) ?? '';
    expect(secret).toMatch(/^pml_/);
    const query = { site_id: 'shop.test', metrics: ['visits', 'pageviews'], date_range: '7d' };
    const bearer = new Client(server.url, { authorization: `Bearer ${secret}` });
    const answer = await bearer.post('/api/v2/query', query);
    expect(answer.status).toBe(200);
    const report = await owner.get('/api/sites/shop.test/report?period=7d');
    expect(answer.body.results).toEqual([
      { metrics: [report.body.totals.visits, report.body.totals.pageviews], dimensions: [] },
    ]);
    const row = page.locator('tr[data-key="ci"]');
    expect(await row.locator('[data-prefix]').textContent()).toBe(`${secret.slice(0, 10)}…`);
    // The list never shows the key again.
    expect(await page.locator('table').textContent()).not.toContain(secret);
    // Its expiry (30 days from now) and, once the list is loaded again, its last use.
    const expires = Date.parse((await row.locator('[data-expires]').getAttribute('data-expires'))!);
    expect(Math.abs(expires - (Date.now() + 30 * 86_400_000))).toBeLessThan(3_600_000);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('link', { name: 'API keys' }).click();
    await expect
      .poll(async () =>
        page.locator('tr[data-key="ci"] [data-last-used]').getAttribute('data-last-used'),
      )
      .not.toBe('');
    expect(await page.locator('tr[data-key="ci"] [data-last-used]').textContent()).not.toBe('—');

    await page.getByRole('button', { name: 'Revoke ci' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await bearer.post('/api/v2/query', query)).status).toBe(401);
  });

  test('audit log: the actions just done, the chain verified, CSV export', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.locator('[data-chain="intact"]').waitFor();
    await page.locator('.audit[data-loaded="true"]').waitFor();
    const actions = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    for (const action of [
      'site.update',
      'shared_link.create',
      'shared_link.revoke',
      'member.role',
      'member.remove',
      'invitation.create',
      'api_key.create',
      'api_key.revoke',
    ]) {
      expect(
        actions.filter((a) => a === action),
        action,
      ).toHaveLength(1);
    }
    // Newest first: the key revoked last tops the list; actors are shown by email.
    expect(await page.locator('tbody tr').first().getAttribute('data-action')).toBe(
      'api_key.revoke',
    );
    expect(await page.locator('tr[data-action="member.role"] td').nth(1).textContent()).toBe(email);
    const orgId = (await owner.get('/api/auth/me')).body.orgs[0].id as number;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-export="audit"]').click(),
    ]);
    const saved = fs.readFileSync(await download.path(), 'utf8');
    expect(saved).toBe((await owner.get(`/api/orgs/${orgId}/audit?format=csv`)).body);
  });

  test('realtime shows a pageview just sent', async () => {
    await send('shop.test', '/just-now');
    await page.goto(`${server.url}/#/sites/shop.test/realtime`);
    const api = await owner.get('/api/sites/shop.test/realtime');
    expect(api.body.top_pages).toContainEqual({ page: '/just-now', pageviews: 1 });
    await expect
      .poll(() => page.locator('[data-realtime-value="pageviews"]').textContent())
      .toBe(formatNumber(api.body.pageviews));
    await page.locator('[data-realtime-pages] .row-value', { hasText: '/just-now' }).waitFor();
    // The view refreshes by itself (every 10 s, and at once when the tab becomes visible again):
    // a second pageview shows up without reloading the page.
    await send('shop.test', '/just-now');
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect
      .poll(() => page.locator('[data-realtime-value="pageviews"]').textContent())
      .toBe(formatNumber(api.body.pageviews + 1));
  });

  test('custom range, same period last year, panel tabs and event → props', async () => {
    await page.goto(`${server.url}/#/sites/shop.test`);
    await page.locator('.report[data-loaded="true"]').waitFor();
    const to = utcDay(Date.now());
    const from = utcDay(Date.now() - 6 * dayMs);
    await page.locator('button[data-period="custom"]').click();
    // A reversed range is refused in the page, before any request.
    await page.getByLabel('From', { exact: true }).fill(to);
    await page.getByLabel('To', { exact: true }).fill(from);
    await page.getByRole('button', { name: 'Apply' }).click();
    if (from !== to) {
      await page.getByRole('alert').filter({ hasText: 'start date is after' }).waitFor();
    }
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.getByLabel('To', { exact: true }).fill(to);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByLabel('Compare', { exact: true }).selectOption('year');
    const q = `period=custom&from=${from}&to=${to}`;
    const api = await owner.get(`/api/sites/shop.test/report?${q}&compare=year`);
    expect(api.status).toBe(200);
    expect(api.body.comparison.kind).toBe('year');
    expect(api.body.comparison.totals.visits).toBe(2);
    await page.locator('.range', { hasText: `${from} → ${to} (UTC)` }).waitFor();
    await page
      .locator('.compare-range', {
        hasText: `${api.body.comparison.range.from} → ${api.body.comparison.range.to}`,
      })
      .waitFor();
    expect(page.url()).toContain(`#/sites/shop.test?${q}&compare=year`);
    await expect
      .poll(() => page.locator('.card-value[data-value="visits"]').textContent())
      .toBe(formatNumber(api.body.totals.visits));
    for (const metric of ['visits', 'pageviews', 'bounce_rate']) {
      await expect
        .poll(() => page.locator(`[data-change="${metric}"]`).first().textContent())
        .toBe(formatChange(api.body.comparison.change[metric], changeKind(metric)));
    }

    // Tabs: entry pages and UTM campaigns hold the API's rows for the same range.
    await page.locator('button[data-tab="entry"]').click();
    const entry = await owner.get(`/api/sites/shop.test/breakdown/entry?${q}`);
    await expect
      .poll(() => page.locator('[data-breakdown="entry"] .row-value').allTextContents())
      .toEqual(entry.body.results.map((r: { value: string }) => r.value));
    await page.locator('button[data-tab="utm_campaign"]').click();
    await expect
      .poll(() => page.locator('[data-breakdown="utm_campaign"] .row-value').allTextContents())
      .toEqual(['spring']);
    // Keyboard: the arrow key moves to the next tab.
    await page.keyboard.press('ArrowLeft');
    await page.locator('[data-breakdown="utm_medium"]').waitFor();

    // A page narrows the cards and the chart (the Stats API reads the page's own rows); metrics
    // that page counters do not hold say so, and the panels stay whole.
    await page.locator('button[data-tab="page"]').click();
    await page.locator('[data-breakdown="page"] button[data-row="/docs"]').click();
    await page.locator('.filter-bar', { hasText: 'Page is /docs' }).waitFor();
    const filters = [['is', 'event:page', ['/docs']]];
    const stats = async (from: string, to: string) =>
      (
        await owner.post('/api/v2/query', {
          site_id: 'shop.test',
          metrics: ['pageviews'],
          date_range: [from, to],
          filters,
        })
      ).body.results[0].metrics[0] as number;
    const docs = await stats(from, to);
    const docsLastYear = await stats(api.body.comparison.range.from, api.body.comparison.range.to);
    expect(docs).toBe(2);
    await page.locator('.report[data-loaded="true"]').waitFor();
    await expect
      .poll(() => page.locator('.card-value[data-value="pageviews"]').textContent())
      .toBe(formatNumber(docs));
    // /docs had no pageview a year earlier: an empty earlier period shows no change at all.
    expect(docsLastYear).toBe(0);
    expect(await page.locator('[data-change="pageviews"]').count()).toBe(0);
    expect(await page.locator('.card-value[data-value="visits"]').textContent()).toBe('—');
    expect(await page.locator('[data-export="timeseries"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Remove filter' }).click();
    await expect
      .poll(() => page.locator('.card-value[data-value="visits"]').textContent())
      .toBe(formatNumber(api.body.totals.visits));

    // An event opens its properties; a hostile value stays text.
    await page.locator('[data-breakdown="event"] button[data-row="Signup"]').click();
    const props = await owner.get(`/api/sites/shop.test/breakdown/event_prop?${q}&event=Signup`);
    expect(props.body.results.map((r: { value: string }) => r.value)).toContain(hostileProp);
    const panel = page.locator('[data-breakdown="event_prop"]');
    await expect
      .poll(() => panel.locator('.row-value').allTextContents())
      .toEqual(
        props.body.results.map((r: { key: string; value: string }) => `${r.key}: ${r.value}`),
      );
    expect(await panel.locator('[data-count]').allTextContents()).toEqual(
      props.body.results.map((r: { events: number }) => formatNumber(r.events)),
    );
    expect(await panel.locator('h2').textContent()).toBe('Properties of Signup');
    expect(await page.locator('main img').count()).toBe(0);
    await page.locator('button[data-back="event"]').click();
    await page.locator('[data-breakdown="event"] button[data-row="Signup"]').waitFor();

    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
