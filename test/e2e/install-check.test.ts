// Say why a visit was not counted (issue 19 §6), in real Chromium: a visit from a headless browser
// (its own User-Agent, HeadlessChrome) is set aside as a bot, and the tracker's data-debug says so
// in the console; a page whose data-site has a typo is refused, and says why. The settings page's
// install check then shows both — counts only — as the API does.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type ConsoleMessage } from 'playwright-core';
import { setupOwner, testEnv, type Client } from '../accounts/support.js';
import {
  chromiumPath,
  hasChromium,
  launchBrowser,
  newPage,
  noChromiumMessage,
  recordPomelo,
  type PomeloRecorder,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startFixtureSite, type FixtureSite } from './fixture-site.js';

if (!hasChromium) console.warn(noChromiumMessage);

const email = 'owner@headless.test';
const password = 'correct horse battery staple';

describe.skipIf(!hasChromium)('install check: bots and refusals', () => {
  let server: TestServer;
  let owner: Client;
  let recorder: PomeloRecorder;
  let site: FixtureSite;
  let browser: Browser;
  let headless: Browser;

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, sites: [{ domain: 'headless.test' }] });
    ({ client: owner } = await setupOwner(server, email, password, 'Agency'));
    recorder = await recordPomelo(server.url);
    site = await startFixtureSite(recorder.origin);
    browser = await launchBrowser();
    // The same Chromium without the test suite's desktop User-Agent: what a headless visit sends.
    headless = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--host-resolver-rules=MAP *.test 127.0.0.1'],
    });
  });
  afterAll(async () => {
    await headless?.close();
    await browser?.close();
    await site?.close();
    await recorder?.close();
    await server?.close();
  });

  const consoleOf = (messages: ConsoleMessage[], text: RegExp) =>
    expect.poll(() => messages.map((m) => m.text()).find((m) => text.test(m)), { timeout: 8000 });

  test('a headless visit is set aside as a bot, and data-debug says so', async () => {
    const visit = await newPage(headless, recorder, { userAgent: undefined });
    const messages: ConsoleMessage[] = [];
    visit.page.on('console', (m) => messages.push(m));
    await visit.page.goto(site.url('/debug.html', 'headless.test'));
    const [pageview] = await visit.waitForAnswers(1);
    expect(pageview!.requestHeaders['user-agent']).toMatch(/HeadlessChrome/);
    expect(pageview!.status).toBe(202);
    await consoleOf(messages, /^Pomelo: set aside as a bot for headless\.test/).toBeTruthy();
    // Leaving sends the engagement beacon: a bot's too.
    await visit.page.goto('about:blank');
    expect((await visit.waitForAnswers(2)).map((e) => e.status)).toEqual([202, 202]);
    await visit.context.close();
  });

  test('a data-site typo is refused, and data-debug names the reason', async () => {
    const visit = await newPage(browser, recorder);
    const messages: ConsoleMessage[] = [];
    visit.page.on('console', (m) => messages.push(m));
    await visit.page.goto(site.url('/debug-typo.html', 'headless.test'));
    const [pageview] = await visit.waitForAnswers(1);
    expect(pageview!.status).toBe(404);
    await consoleOf(
      messages,
      /^Pomelo: not counted \(unknown_site\): no site is registered for this domain/,
    ).toBeTruthy();
    await visit.page.goto('about:blank');
    expect((await visit.waitForAnswers(2)).map((e) => e.status)).toEqual([404, 404]);
    await visit.context.close();
  });

  test('the install check shows the bot set aside and the refusal, in the API and on the page', async () => {
    const api = await owner.get('/api/sites/headless.test/install-status');
    expect(api.body).toMatchObject({
      installed: false,
      recent: {
        minutes: 30,
        counted: 0,
        bots: 2,
        not_counted: [{ reason: 'unknown_site', events: 2 }],
      },
    });
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(`${server.url}/#/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/#\/$/);
    await page.goto(`${server.url}/#/sites/headless.test/settings`);
    const outcomes = page.locator('[data-install-outcomes]');
    await outcomes.waitFor();
    expect(await outcomes.locator('[data-outcome="counted"]').first().textContent()).toBe(
      '0 events counted',
    );
    expect(await outcomes.locator('[data-outcome="bots"]').textContent()).toBe(
      '2 events from bots or headless browsers set aside',
    );
    expect(await outcomes.locator('[data-reason="unknown_site"]').textContent()).toBe(
      'the script names a domain not registered here (data-site): 2',
    );
    await expect.poll(() => outcomes.textContent()).toMatch(/headless browsers are counted apart/);
    await context.close();
  });
});
