// Issue 14 §5 and acceptance 4 in real Chromium: the "Reports & alerts" section of a site's settings
// (schedule and recipients saved, the report's preview rendered in the page, "send a test now"
// arriving over SMTP), and the HTML email itself rendered at desktop and phone width, light and
// dark, into docs/screenshots/ (shown in docs/DEPLOY.md, "Mail").
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { fixtureVisits, postVisits, startMailFixture, type MailFixture } from '../mail/support.js';

const screenshots = path.resolve('docs/screenshots');
let f: MailFixture;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

describe.skipIf(!hasChromium)('reports & alerts in the dashboard (Chromium)', () => {
  beforeAll(async () => {
    f = await startMailFixture('sqlite');
    await postVisits(f, fixtureVisits);
    await f.owner.post(`/api/sites/${f.siteId}/goals`, { page: '/thanks*', name: 'Thanks' });
    f.clock.now = Date.parse('2026-12-02T09:00:00Z');
    browser = await launchBrowser();
    const context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${f.server.url}/#/login`);
    await page.getByLabel('Email').fill('owner@agency.test');
    await page.getByLabel('Password').fill('mail owner password 1234');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/#\/$/);
    fs.mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  test('schedule and recipients saved; preview in the page; a test sent now', async () => {
    await page.goto(`${f.server.url}/#/sites/shop.example/settings`);
    const section = page.locator('[data-mail]');
    await section.getByRole('heading', { name: 'Reports & alerts' }).waitFor();
    await section.getByLabel('Weekly report (Mondays)').check();
    await section.getByRole('button', { name: 'Add a recipient' }).click();
    await section.getByLabel('Address').fill('client@client.test');
    await section.locator('select[name="locale-0"]').selectOption('fr');
    await section
      .getByLabel('Tracking stopped: after this many hours without an event (0: off)')
      .fill('6');
    await section.getByRole('button', { name: 'Save reports & alerts' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = (await f.owner.get(`/api/sites/${f.siteId}/mail`)).body;
    expect(saved.settings).toMatchObject({ weekly: true, monthly: false, hour: 8, quietHours: 6 });
    expect(saved.recipients).toEqual([
      expect.objectContaining({ address: 'client@client.test', locale: 'fr', reports: true }),
    ]);

    // The preview: the last week's report, in a sandboxed frame without scripts.
    const frame = page.frameLocator('[data-mail-preview]');
    await frame.getByRole('heading', { name: 'Your week on Shop' }).waitFor();
    expect(await page.locator('[data-mail-preview]').getAttribute('sandbox')).toBe('');
    await page.locator('select[name="preview-lang"]').selectOption('de');
    await frame.getByRole('heading', { name: 'Ihre Woche auf Shop' }).waitFor();
    await page.locator('select[name="preview-lang"]').selectOption('en');
    await frame.getByRole('heading', { name: 'Your week on Shop' }).waitFor();

    await section.getByLabel('Send a test to').fill('me@agency.test');
    await section.getByRole('button', { name: 'Send a test now' }).click();
    await section.getByRole('status').filter({ hasText: 'Test sent to me@agency.test' }).waitFor();
    const [mail] = await f.smtp.waitFor(1);
    expect(mail!.to).toEqual(['me@agency.test']);
    expect(mail!.mail.subject).toBe('[test] Shop: weekly report, Nov 23, 2026 – Nov 29, 2026');
    expect(pageErrors).toEqual([]);
  });

  test('the HTML email at desktop and phone width, light and dark', async () => {
    const html = f.smtp.delivered[0]!.mail.html as string;
    for (const scheme of ['light', 'dark'] as const) {
      for (const [name, width] of [
        ['desktop', 800],
        ['phone', 375],
      ] as const) {
        const context = await browser.newContext({
          colorScheme: scheme,
          viewport: { width, height: 900 },
          javaScriptEnabled: false,
        });
        const p = await context.newPage();
        await p.setContent(html, { waitUntil: 'load' });
        // Readable on a phone: nothing wider than the screen.
        const overflow = await p.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${name} ${scheme}`).toBeLessThanOrEqual(0);
        const background = await p.evaluate(
          () => getComputedStyle(document.querySelector('.card')!).backgroundColor,
        );
        expect(background).toBe(scheme === 'dark' ? 'rgb(31, 34, 38)' : 'rgb(255, 255, 255)');
        await p.screenshot({
          path: path.join(screenshots, `mail-report-${name}-${scheme}.png`),
          fullPage: true,
        });
        await context.close();
      }
    }
  });
});
