// The second factor in real Chromium against a real server: TOTP enrolment from the dashboard (the
// key read off the page, the code computed here) and sign-in with a code; a recovery code that
// signs in once and not twice; a passkey registered and used with the DevTools virtual
// authenticator; and an org that requires a second factor sending a member without one to enrol.
// WebAuthn needs a secure context and a domain as RP ID: the dashboard runs on http://localhost.
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCode } from '../../server/accounts/totp.js';
import { addUser, Client, setupOwner, testEnv } from '../accounts/support.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const email = 'owner@second-factor.test';
const password = 'second factor browser password 1';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
/** The server's clock runs ahead by this much: each sign-in gets a fresh TOTP step. */
let offsetMs = 0;
const serverNow = () => Date.now() + offsetMs;
const pageErrors: string[] = [];

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

/** A fresh page load at the sign-in form, then the first step (email and password). */
async function password1(who = email) {
  await page.goto('about:blank');
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Email').fill(who);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signedIn() {
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

describe.skipIf(!hasChromium)('second factor in Chromium', () => {
  let secret = '';
  let recoveryCodes: string[] = [];
  let orgId = 0;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = await startTestServer({
      env: {
        ...testEnv,
        PORT: String(port),
        POMELO_PUBLIC_URL: base,
        // The API helpers below talk to 127.0.0.1 (their Origin); the browser uses localhost.
        POMELO_ALLOWED_ORIGINS: `http://127.0.0.1:${port}`,
      },
      now: serverNow,
    });
    ({ orgId } = await setupOwner(server, email, password, 'Secure agency'));
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('TOTP: enrol from the dashboard, then sign in with a code', async () => {
    await password1();
    await signedIn();
    await page.getByRole('link', { name: 'Second factor' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const qr = page.getByAltText('QR code for your authenticator app');
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth > 0)).toBe(true);
    await page.screenshot({
      path: path.resolve('docs/screenshots/second-factor-desktop.png'),
      fullPage: true,
    });
    secret = (await page.locator('[data-totp-secret]').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('Code from the app').fill(totpCode(secret, serverNow()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('[data-totp="on"]').waitFor();
    recoveryCodes = await page.locator('[data-recovery-codes] li').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await signOut();

    offsetMs += 30_000;
    await password1();
    await page.getByRole('heading', { name: 'Second step' }).waitFor();
    // No session yet: the API refuses this browser.
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    await page.getByLabel('Code', { exact: true }).fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong code');
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, serverNow()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await signedIn();
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(200);
    await signOut();
  });

  test('a recovery code signs in once, and cannot be used twice', async () => {
    const code = recoveryCodes[0]!;
    await password1();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await signedIn();
    await page.goto(`${base}/#/account/second-factor`);
    await page.locator('[data-recovery-left="9"]').waitFor();
    await signOut();

    await password1();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong code');
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
  });

  test('a passkey registered with the virtual authenticator signs in', async () => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    offsetMs += 30_000;
    await password1();
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, serverNow()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await signedIn();
    await page.goto(`${base}/#/account/second-factor`);
    await page.getByLabel('Passkey name').fill('Test laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.locator('[data-passkey="Test laptop"]').waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    await signOut();

    await password1();
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await signedIn();
    const owner = await server.store.accounts.userByEmail(email);
    const [stored] = await server.store.secondFactor.passkeysOf(owner!.id);
    expect(stored).toMatchObject({
      name: 'Test laptop',
      id: Buffer.from(credentials[0]!.credentialId, 'base64').toString('base64url'),
    });
    expect(stored!.lastUsedAt).not.toBeNull();
    const audit = await server.store.accounts.auditRows();
    const last = audit.filter((r) => r.action === 'login.success').at(-1)!;
    expect(JSON.parse(last.details)).toEqual({ secondFactor: 'passkey' });
    expect(audit.map((r) => r.action)).toContain('second_factor.passkey_add');
    await signOut();
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  });

  test('an org that requires a second factor sends a member without one to enrol', async () => {
    await addUser(server, 'viewer@second-factor.test', password, 'Secure agency', 'viewer');
    // The owner turns the requirement on from the members page.
    offsetMs += 30_000;
    await password1();
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, serverNow()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await signedIn();
    await page.goto(`${base}/#/orgs/${orgId}/members`);
    await page.getByLabel('Require a second factor for every member').check();
    await expect
      .poll(async () => (await server.store.secondFactor.orgRequirement(orgId)) === true)
      .toBe(true);
    await signOut();

    await password1('viewer@second-factor.test');
    await page.waitForURL(/#\/account\/second-factor$/);
    await page.getByText('Your organisation requires a second factor').waitFor();
    await page.goto(`${base}/#/`);
    await page.waitForURL(/#\/account\/second-factor$/);
    const api = new Client(server.url);
    expect(
      (await api.post('/api/auth/login', { email: 'viewer@second-factor.test', password })).status,
    ).toBe(200);
    const refused = await api.get(`/api/orgs/${orgId}/sites`);
    expect(refused.body.error.code).toBe('second_factor_required');

    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const viewerSecret = (await page.locator('[data-totp-secret]').textContent())!.trim();
    await page.getByLabel('Code from the app').fill(totpCode(viewerSecret, serverNow()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('[data-totp="on"]').waitFor();
    await page
      .getByText('Your organisation requires a second factor')
      .waitFor({ state: 'detached' });
    await page.goto(`${base}/#/`);
    await page.locator('.overview[data-loaded="true"]').waitFor();
    expect(page.url()).toMatch(/#\/$/);
    expect(pageErrors).toEqual([]);
  });
});
