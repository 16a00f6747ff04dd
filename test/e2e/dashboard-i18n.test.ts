// The dashboard's languages in real Chromium against a real server.
// 1. Every route rendered in the `qps` pseudo-locale (?lang=qps), whose messages are wrapped in
//    ⟦…⟧: every visible text node and every read attribute (aria-label, title, placeholder, alt,
//    button values) is collected, marked segments and data values (domains, paths, numbers, dates,
//    emails, and anything inside translate="no" or another `lang`) are removed, and whatever text
//    remains did not come from a catalog: the test fails listing it.
// 2. A browser whose languages are French (Accept-Language / navigator.languages): the overview
//    and the site report are in French, <html lang="fr">; English chosen in the menu switches the
//    text at once and is still chosen after a reload and a sign-out.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addUser, setupOwner, testEnv, type Client } from '../accounts/support.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

const email = 'owner@i18n.test';
const password = 'correct horse battery staple';
const screenshots = path.resolve('docs/screenshots');

let server: TestServer;
let owner: Client;
let orgId: number;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function send(url: string, more: Record<string, unknown> = {}) {
  const body = { n: 'pageview', u: `https://shop.test${url}`, d: 'shop.test', r: null, w: 1280 };
  const res = await postEvent(server.url, { ...body, z: 'Europe/Paris', t: 0, ...more });
  if (res.status !== 202) throw new Error(`event refused: ${JSON.stringify(res.body)}`);
}

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({
    locale,
    timezoneId: 'UTC',
    colorScheme: 'light',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(8_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

async function signIn(page: Page, query = '') {
  await page.goto(`${server.url}/${query}#/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form.auth button[type="submit"]').click();
  await page.waitForURL(/#\/$/);
}

interface Found {
  where: string;
  text: string;
}

/** Every text a person reads on the page now: visible text nodes and the attributes read out. */
function collect(page: Page): Promise<Found[]> {
  return page.evaluate(() => {
    const out: { where: string; text: string }[] = [];
    // translate="no": data and technical identifiers; another lang: a language named in itself.
    const exempt = (el: Element) =>
      el.closest('[translate="no"], script, style, noscript, [lang]:not(html)') !== null;
    const shown = (el: Element) => {
      const box = el.closest('option') ? el.closest('select') : el;
      return box !== null && box.checkVisibility({ checkVisibilityCSS: true });
    };
    const where = (el: Element) =>
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : '') +
      (el.getAttribute('class') ? `.${el.getAttribute('class')!.split(/\s+/).join('.')}` : '');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || exempt(el) || !shown(el)) continue;
      out.push({ where: where(el), text });
    }
    const attributes = ['aria-label', 'title', 'placeholder', 'alt'];
    for (const el of document.body.querySelectorAll('*')) {
      if (exempt(el) || !shown(el)) continue;
      for (const a of attributes) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push({ where: `${where(el)}[${a}]`, text: v });
      }
      if (el instanceof HTMLInputElement && /^(button|submit|reset)$/.test(el.type) && el.value) {
        out.push({ where: `${where(el)}[value]`, text: el.value });
      }
    }
    return out;
  });
}

const months = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
/** Data values shown as they are: never translated, so never marked. */
const dataPatterns: RegExp[] = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // emails
  new RegExp(`\\b(${months}) \\d{1,2}(, \\d{4})?(, \\d{1,2}:\\d{2}(:\\d{2})?\\s?[AP]M)?`, 'g'),
  /\b\d{1,2}:\d{2}(:\d{2})?\s?([AP]M)?/g, // times
  /\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/g, // ISO days
  /\b[\w-]+(\.[\w-]+)+\b/g, // domains
  /(^|\s)\/\S*/g, // paths
  /\b[A-Z][a-z]+\/[A-Za-z_/+-]+/g, // time zones
  /\bUTC\b/g,
];

/** What is left of a text once catalog messages and data values are taken out. */
function unmarked(text: string): string {
  let s = text;
  // Innermost first: a message may hold another message through a placeholder.
  for (let before = ''; before !== s;) {
    before = s;
    s = s.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  }
  for (const p of dataPatterns) s = s.replace(p, ' ');
  return /\p{L}{2,}/u.test(s) ? s.replace(/\s+/g, ' ').trim() : '';
}

const problems = new Map<string, Set<string>>();

async function check(page: Page, route: string) {
  await page.waitForTimeout(300);
  const left = (await collect(page))
    .map((f) => ({ ...f, rest: unmarked(f.text) }))
    .filter((f) => f.rest !== '');
  const set = problems.get(route) ?? new Set<string>();
  for (const f of left) set.add(`${f.where}: ${JSON.stringify(f.text)}`);
  if (set.size > 0) problems.set(route, set);
  // Something was read at all: the page rendered in the pseudo-locale.
  expect(await page.locator('main').innerText()).toContain('⟦');
}

describe.skipIf(!hasChromium)('dashboard languages in Chromium', () => {
  let siteId: number;
  let shareToken: string;
  let windowId: string;

  beforeAll(async () => {
    server = await startTestServer({
      env: testEnv,
      sites: [{ domain: 'shop.test', timezone: 'UTC' }],
    });
    ({ client: owner, orgId } = await setupOwner(server, email, password, 'Agency'));
    const viewer = await addUser(server, 'analyst@i18n.test', password, 'Agency', 'viewer');
    await send('/', { r: 'https://www.google.com/search?q=pomelo' });
    await send('/pricing?utm_source=newsletter');
    await send('/docs', { n: 'Signup', p: { plan: 'pro' } });
    const link = await owner.post('/api/sites/shop.test/shared-links', { label: 'client' });
    expect(link.status).toBe(201);
    shareToken = link.body.token;
    // Goals (one with revenue), an annotation and a 404 path: issue 13's panels have rows.
    for (const goal of [{ page: '/pricing*' }, { event: 'Signup', currency: 'EUR' }]) {
      expect((await owner.post('/api/sites/shop.test/goals', goal)).status).toBe(201);
    }
    const today = new Date().toISOString().slice(0, 10);
    const note = await owner.post('/api/sites/shop.test/annotations', { day: today, text: 'v2' });
    expect(note.status).toBe(201);
    await send('/gone', { n: '404', p: { path: '/gone' } });
    siteId = link.body.link.siteId;
    const key = await owner.post('/api/api-keys', { name: 'ci', siteIds: [siteId] });
    expect([200, 201]).toContain(key.status);
    const opened = await owner.post('/api/sites/shop.test/replay/windows', {
      purpose: 'qa',
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      includeRules: ['/help/*'],
      viewerUserIds: [viewer.userId],
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    windowId = opened.body.window.id;
    fs.mkdirSync(screenshots, { recursive: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  test('every route in the pseudo-locale shows only catalog text and data', async () => {
    const page = await newPage('en-US');
    const q = '?lang=qps';
    await page.goto(`${server.url}/${q}#/login`);
    await page.locator('form.auth').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await check(page, 'login');

    await signIn(page, q);
    await page.locator('.overview[data-loaded="true"]').waitFor();
    await check(page, 'overview');
    await page.locator('.add-site, button.secondary', { hasText: '⟦Add a site⟧' }).click();
    await check(page, 'overview (add a site)');

    await page.goto(`${server.url}/${q}#/sites/shop.test`);
    await page.locator('.report[data-loaded="true"]').waitFor();
    await page.locator('[data-breakdown="page"] .row-value').first().waitFor();
    await check(page, 'site report');
    // Every tab of every panel, then a custom range, a filter and an event's properties.
    for (const tab of await page.locator('[role="tab"]').all()) {
      await tab.click();
      await check(page, `site report tab ${await tab.getAttribute('data-tab')}`);
    }
    await page.locator('button[data-period="custom"]').click();
    await page.locator('select[name="compare"]').selectOption('previous');
    await page.locator('button[data-details="event"]').click();
    await check(page, 'site report (custom range, comparison, details)');
    await page.locator('[data-breakdown="event"] button.row-button').first().click();
    await check(page, 'site report (event properties)');
    await page.locator('[data-tab="page"]').click();
    await page.locator('[data-breakdown="page"] button.row-button').first().click();
    await page.locator('.filter-bar').waitFor();
    await check(page, 'site report (filtered)');
    // Issue 13: the report narrowed to a goal, a page's flows and the funnel's result.
    await page.locator('[data-goal-select="Signup"]').click();
    await page.locator('[data-goal-cards="Signup"]').waitFor();
    await page.locator('section[data-funnel] input[name="funnel-step-2"]').fill('/pricing');
    await page.locator('section[data-funnel] form button[type="submit"]').click();
    await page.locator('section[data-funnel] [data-completion]').waitFor();
    await page.locator('section[data-funnel] details summary').click();
    await check(page, 'site report (goal, flows, funnel)');

    const routes: [string, string, string][] = [
      ['realtime', '#/sites/shop.test/realtime', '.realtime-view[data-loaded="true"]'],
      ['settings', '#/sites/shop.test/settings', '.settings[data-loaded="true"]'],
      ['members', `#/orgs/${orgId}/members`, '.members[data-loaded="true"]'],
      ['audit log', `#/orgs/${orgId}/audit`, '.audit[data-loaded="true"]'],
      ['API keys', '#/api-keys', '.api-keys[data-loaded="true"]'],
      ['replay windows', '#/sites/shop.test/replay', '.replay[data-loaded="true"]'],
      ['replay window', `#/replay/windows/${encodeURIComponent(windowId)}`, '[data-draft]'],
      ['second factor', '#/account/second-factor', '.second-factor[data-loaded="true"]'],
      ['not found', '#/no/such/page', 'main p'],
    ];
    for (const [name, hash, ready] of routes) {
      await page.goto(`${server.url}/${q}${hash}`);
      await page.locator(ready).first().waitFor();
      await check(page, name);
    }
    // The settings page's shared-link and invitation results, the open-window form, the kill
    // switch armed, the authenticator enrolment.
    await page.goto(`${server.url}/${q}#/sites/shop.test/settings`);
    await page.locator('[data-shared-links] tr[data-link]').first().waitFor();
    await page.locator('input[name="label"]').fill('press');
    await page.locator('[data-shared-links] form button[type="submit"]').click();
    await page.locator('[data-created-link]').waitFor();
    await check(page, 'settings (shared link created)');
    await page.goto(`${server.url}/${q}#/orgs/${orgId}/members`);
    await page.locator('.members[data-loaded="true"]').waitFor();
    await page.locator('form.inline-form button[type="submit"]').click();
    await page.locator('[data-invitation-url]').waitFor();
    await check(page, 'members (invitation created)');
    await page.goto(`${server.url}/${q}#/sites/shop.test/replay`);
    await page.locator('.replay[data-loaded="true"]').waitFor();
    await page.locator('.view-header button.primary').click();
    await page.locator('form.replay-form').waitFor();
    await page.locator('select[name="purpose"]').selectOption('other');
    await page.locator('textarea[name="unmaskSelectors"]').fill('.faq-answer\ndiv');
    await page.locator('.replay-kill button.danger').click();
    await check(page, 'replay windows (open form, kill switch armed)');
    await page.goto(`${server.url}/${q}#/account/second-factor`);
    await page.locator('.second-factor[data-loaded="true"]').waitFor();
    await page.locator('section[aria-labelledby="totp-title"] button.primary').click();
    await page.locator('form.totp-enrolment').waitFor();
    await check(page, 'second factor (enrolment)');

    // Without a session: a shared link's read-only report, a password-protected one, the
    // invitation page and the setup form.
    const guest = await newPage('en-US');
    await guest.goto(`${server.url}/${q}#/share/${siteId}/${encodeURIComponent(shareToken)}`);
    await guest.locator('.report[data-loaded="true"]').waitFor();
    await check(guest, 'shared report');
    const locked = await owner.post('/api/sites/shop.test/shared-links', {
      label: 'board',
      password: 'a long password',
    });
    expect(locked.status).toBe(201);
    await guest.goto(
      `${server.url}/${q}#/share/${siteId}/${encodeURIComponent(locked.body.token)}`,
    );
    await guest.locator('input[name="share-password"]').fill('not the password');
    await guest.locator('form.auth button[type="submit"]').click();
    await guest.locator('form.auth [role="alert"]').waitFor();
    await check(guest, 'shared report (password)');
    const invitation = await owner.post(`/api/orgs/${orgId}/invitations`, { role: 'viewer' });
    expect(invitation.status).toBe(201);
    const invite = new URL(invitation.body.url as string);
    await guest.goto(`${server.url}${invite.pathname}${q}${invite.hash}`);
    await guest.locator('#invite-title').waitFor();
    await check(guest, 'invitation');
    await guest.goto(`${server.url}/${q}#/setup`);
    await guest.locator('#setup-title').waitFor();
    await check(guest, 'setup');

    const report = [...problems].map(([route, texts]) => `${route}:\n  ${[...texts].join('\n  ')}`);
    expect(report.join('\n'), 'text not taken from a catalog').toBe('');
    expect(pageErrors).toEqual([]);
  });

  test('a French browser gets French; English chosen in the menu stays chosen', async () => {
    const page = await newPage('fr-FR');
    expect(await page.evaluate(() => navigator.languages)).toContain('fr-FR');
    await signIn(page);
    await page.locator('.overview[data-loaded="true"]').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.locator('th.trend').textContent()).toBe('Tendance');
    expect(await page.locator('button[data-period="30d"]').textContent()).toBe(
      '30\u202fderniers jours',
    );
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, 'overview-fr.png') });

    await page.locator('a.site-link', { hasText: 'shop.test' }).click();
    await page.locator('.report[data-loaded="true"]').waitFor();
    expect(await page.locator('[data-metric="visits"] .card-label').textContent()).toBe('Visites');
    expect(await page.locator('[data-metric="bounce_rate"] .card-label').textContent()).toBe(
      'Taux de rebond',
    );
    expect(await page.locator('[data-breakdown="page"] h2').textContent()).toBe(
      'Pages les plus vues',
    );
    // Numbers in French: the bounce rate's percent sign after a no-break space.
    expect(await page.locator('.card-value[data-value="bounce_rate"]').textContent()).toMatch(
      /^\d+(,\d+)?\s%$/u,
    );
    await page.locator('.chart canvas').waitFor();
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(screenshots, 'site-report-fr.png'), fullPage: true });

    // The replay window: its settings in the CNIL's words.
    await page.goto(`${server.url}/#/replay/windows/${encodeURIComponent(windowId)}`);
    await page.locator('[data-draft]').waitFor();
    expect(await page.locator('.replay-settings dt').first().textContent()).toBe('Finalité');
    expect(await page.getByText('Paramètres (tels qu’au registre des traitements)').count()).toBe(
      1,
    );
    await page.screenshot({ path: path.join(screenshots, 'replay-window-fr.png'), fullPage: true });
    await page.goto(`${server.url}/#/sites/shop.test`);
    await page.locator('.report[data-loaded="true"]').waitFor();

    // English from the menu: at once, after a reload, and after signing out.
    await page.getByLabel('Langue').selectOption('en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('.report[data-loaded="true"]').waitFor();
    expect(await page.locator('[data-metric="visits"] .card-label').textContent()).toBe('Visits');
    await page.reload();
    await page.locator('.report[data-loaded="true"]').waitFor();
    expect(await page.locator('[data-breakdown="page"] h2').textContent()).toBe('Top pages');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/#\/login$/);
    expect(await page.locator('#login-title').textContent()).toBe('Sign in to Pomelo');
    expect(await page.getByLabel('Language').inputValue()).toBe('en');
    expect(pageErrors).toEqual([]);
  });
});
