// The replay pages in real Chromium against a real server: an admin opens a research window through
// the form (the server's 400 reason shown for a form without purpose, include rules or end), a
// recording arrives through the public replay API (offer from a sampled pageview, then a chunk),
// a named viewer states a reason and plays it under a watermark with their name (a POST; the
// reason is in the audit row), someone else gets the 403 reason, only the viewer who played it can
// mark it checked, the window is closed and purged, the play is in the audit log, and the kill
// switch latches until an owner clears it with a note.
// Screenshots of the window page and the player go to docs/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  defaultOpenWindowForm,
  openWindowBody,
  toLocalInput,
} from '../../dashboard/src/data/replay-form.js';
import { addUser, login, setupOwner, testEnv, type Client } from '../accounts/support.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

const password = 'correct horse battery staple';
const ownerEmail = 'owner@agency.test';
const viewerEmail = 'analyst@agency.test';
const strangerEmail = 'intern@agency.test';
const screenshots = path.resolve('docs/screenshots');

let server: TestServer;
let owner: Client;
let ownerId: number;
let orgId: number;
let viewerId: number;
let strangerId: number;
const reason = 'ticket #42: pricing page layout';
let browser: Browser;
const contexts: BrowserContext[] = [];
const consoleErrors: string[] = [];
let windowId: string;
let recordingId: string;
/** The admin's signed-in page, kept across the tests. */
let ownerPage: Page;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(8_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    // By design: "who am I" answers 401 before sign-in, the incomplete forms 400, and the
    // non-viewer's play 403.
    const url = m.location().url;
    const expected =
      url.endsWith('/api/auth/me') ||
      url.endsWith('/play') ||
      url.endsWith('/reviewed') ||
      (url.endsWith('/replay/windows') && m.text().includes('status of 400'));
    if (m.type() === 'error' && !expected) {
      consoleErrors.push(`${m.text()} ${url}`);
    }
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  return page;
}

/** The analyst, a second member, signs a draft off (without a preview, saying so). */
async function signOffByAnalyst(id: string) {
  const analyst = await login(server, viewerEmail, password);
  const r = await analyst.post(`/api/replay/windows/${id}/sign-off`, {
    note: 'no preview needed: the pricing page shows no personal data',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function signIn(page: Page, email: string) {
  await page.goto(`${server.url}/`);
  await page.waitForURL(/#\/login$/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/#\/$/);
}

/** An offer from a pageview (a node learns of a new window within its refresh period). */
async function offerFor(url: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const res = await postEvent(server.url, {
      n: 'pageview',
      u: url,
      d: 'shop.test',
      r: null,
      w: 1280,
      z: 'Europe/Paris',
      t: 0,
    });
    if (res.status === 200) {
      const body = String(res.body);
      expect(body).toMatch(/^\/replay\.js\?o=.+/);
      return body.slice(body.indexOf('?o=') + 3);
    }
    expect(res.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no pageview was sampled');
}

/** A minimal rrweb recording: Meta + a FullSnapshot whose page styles come inline, as rrweb records them. */
function syntheticEvents(t0: number, href = 'https://shop.test/pricing') {
  const text = (id: number, textContent: string) => ({ type: 3, id, textContent });
  const el = (id: number, tagName: string, attributes: object, childNodes: object[] = []) => ({
    type: 2,
    id,
    tagName,
    attributes,
    childNodes,
  });
  const node = {
    type: 0,
    id: 1,
    childNodes: [
      { type: 1, id: 2, name: 'html', publicId: '', systemId: '' },
      el(3, 'html', {}, [
        el(4, 'head', {}, [
          el(5, 'style', {
            _cssText:
              'body { font-family: sans-serif; margin: 24px; } .title { color: rgb(79, 70, 229); }',
          }),
        ]),
        el(6, 'body', {}, [
          el(7, 'h1', { class: 'title', style: 'background-color: rgb(238, 242, 255);' }, [
            text(8, 'Pricing'),
          ]),
          el(9, 'p', {}, [text(10, '*** *** *** ***')]),
          el(11, 'input', { type: 'email', name: 'email', value: '***' }),
        ]),
      ]),
    ],
  };
  return [
    {
      type: 4,
      data: { href, width: 1024, height: 600 },
      timestamp: t0,
    },
    { type: 2, data: { node, initialOffset: { left: 0, top: 0 } }, timestamp: t0 + 20 },
  ];
}

/** A recording in the open window, created through the public replay API as a page would. */
async function recordOneVisit(pageUrl = 'https://shop.test/pricing'): Promise<string> {
  const offer = await offerFor(pageUrl);
  const start = await fetch(`${server.url}/api/replay/start`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ offer, url: pageUrl }),
  });
  const started = (await start.json()) as { recording: string; endpoint: string };
  expect(start.status, JSON.stringify(started)).toBe(201);
  const chunkUrl = new URL(started.endpoint, server.url);
  chunkUrl.search = new URLSearchParams({
    recording: started.recording,
    seq: '0',
    enc: 'identity',
  }).toString();
  const chunk = await fetch(chunkUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify(syntheticEvents(Date.now(), pageUrl)),
  });
  expect(chunk.status, await chunk.text()).toBe(202);
  return started.recording;
}

describe.skipIf(!hasChromium)('replay pages in Chromium', () => {
  beforeAll(async () => {
    // Every pageview is sampled (the draw is fixed at 0): the offer does not depend on luck.
    server = await startTestServer({
      env: testEnv,
      sites: [{ domain: 'shop.test' }],
      replay: { random: () => 0 },
    });
    ({
      client: owner,
      userId: ownerId,
      orgId,
    } = await setupOwner(server, ownerEmail, password, 'Agency'));
    ({ userId: viewerId } = await addUser(server, viewerEmail, password, 'Agency', 'viewer'));
    ({ userId: strangerId } = await addUser(server, strangerEmail, password, 'Agency', 'viewer'));
    fs.mkdirSync(screenshots, { recursive: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  test('an admin opens a window through the form; the server names what is missing', async () => {
    const page = (ownerPage = await newPage());
    await signIn(page, ownerEmail);
    // The site's "Replay" tab.
    await page.goto(`${server.url}/#/sites/shop.test`);
    await page.locator('a[data-site-tab="replay"]').click();
    await page.waitForURL(/#\/sites\/shop\.test\/replay$/);
    await page.locator('.replay[data-loaded="true"]').waitFor();
    await page.getByRole('button', { name: 'Open a window' }).click();
    const form = page.getByRole('form', { name: 'Open a window' });

    // The built-in denylist is shown and cannot be edited away.
    await expect
      .poll(() => form.locator('[data-denylist] li').allTextContents())
      .toContain('login');

    // Without an end, then without a purpose, then without an include rule: each time the form
    // shows the server's 400 reason for the same body, and nothing is opened.
    const end = toLocalInput(Date.now() + 2 * 3_600_000);
    const defaults = defaultOpenWindowForm(Date.now(), String(ownerId));
    const steps = [
      { fill: () => form.getByLabel('Hard end (required)').fill(''), body: { endsAt: '' } },
      { fill: () => form.getByLabel('Hard end (required)').fill(end), body: { endsAt: end } },
      {
        fill: async () =>
          void (await form.getByLabel('Purpose (required)').selectOption('ux_debugging')),
        body: { endsAt: end, purpose: 'ux_debugging' as const },
      },
    ];
    const reasons: string[] = [];
    for (const step of steps) {
      await step.fill();
      await form.getByRole('button', { name: 'Open window' }).click();
      const same = await owner.post(
        '/api/sites/shop.test/replay/windows',
        openWindowBody({ ...defaults, ...step.body }),
      );
      expect(same.status).toBe(400);
      reasons.push(same.body.error.message);
      await expect.poll(() => form.locator('[data-form-error]').textContent()).toBe(reasons.at(-1));
    }
    expect(reasons[0]).toMatch(/end/);
    expect(reasons[1]).toMatch(/purpose/);
    expect(reasons[2]).toMatch(/includeRules/);
    expect((await owner.get('/api/sites/shop.test/replay/windows')).body.windows).toEqual([]);

    // Filled in: 25 % sampling (the maximum), /pricing only, the analyst as a named viewer.
    await form.getByLabel('Sample rate (%)').fill('25');
    await form.getByLabel('Include rules (required)').fill('/pricing');
    // The server masks all text but what the unmask selectors cover; the form explains each one.
    await form.getByLabel('Unmask selectors').fill('h1.title');
    expect(await form.locator('[data-unmask-preview] li').textContent()).toContain('class "title"');
    await form.getByLabel(`${viewerEmail} (viewer)`).check();
    // The person opening the window cannot name themselves a viewer: not even offered.
    expect(await form.getByLabel(/owner\)$/).count()).toBe(0);
    await form.getByLabel(/Allow raw downloads/).check();
    await form.getByRole('button', { name: 'Open window' }).click();
    const row = page.locator('tr[data-window]');
    await row.waitFor();
    // A new window is a draft (issue 12 §12): it records nobody until signed off and opened.
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe('draft');
    expect(await row.textContent()).toContain('UX debugging');
    expect(await row.textContent()).toContain('25 %');
    windowId = (await row.getAttribute('data-window'))!;
    const listed = (await owner.get('/api/sites/shop.test/replay/windows')).body.windows;
    expect(listed).toHaveLength(1);
    expect(listed[0].id).toBe(windowId);

    // The window page of a draft: a preview link, and no "open" before a second person signed off.
    await page.goto(`${server.url}/#/replay/windows/${encodeURIComponent(windowId)}`);
    const draft = page.getByRole('region', { name: 'Draft' });
    await draft.getByRole('button', { name: 'Make a preview link' }).click();
    await expect
      .poll(() => draft.locator('[data-preview-link]').inputValue())
      .toMatch(/^https:\/\/shop\.test\/pricing#pomelo-preview=[A-Za-z0-9_-]{32}$/);
    const openButton = draft.getByRole('button', {
      name: 'Open window (start recording visitors)',
    });
    expect(await openButton.count()).toBe(0);
    await signOffByAnalyst(windowId);
    await page.reload();
    await openButton.click();
    await expect
      .poll(() => page.locator('.view-header [data-state]').getAttribute('data-state'))
      .toBe('open');
    await page.goto(`${server.url}/#/sites/shop.test/replay`);
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('open');
  });

  test('a named viewer plays a recording under a watermark with their name', async () => {
    recordingId = await recordOneVisit();
    const page = await newPage();
    await signIn(page, viewerEmail);
    await page.goto(`${server.url}/#/replay/windows/${encodeURIComponent(windowId)}`);
    const link = page.locator(`a[data-play="${recordingId}"]`).first();
    await link.waitFor();
    // A named viewer with the org role "viewer" sees no admin action.
    expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Close/ }).count()).toBe(0);
    await link.click();

    // The player is a document of its own, whose CSP allows the recorded page's inline styles.
    await page.waitForURL(/\/replay\/player#\/replay\/windows\//);
    const player = await fetch(`${server.url}/replay/player`);
    const dashboard = await fetch(`${server.url}/`);
    expect(player.headers.get('content-security-policy')).toMatch(
      /style-src 'self' 'unsafe-inline'/,
    );
    expect(player.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(dashboard.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);

    // No play without a stated reason.
    const playButton = page.getByRole('button', { name: 'Play' });
    expect(await playButton.isDisabled()).toBe(true);
    await page.getByLabel(/Why are you watching/).fill(reason);
    await playButton.click();
    await expect
      .poll(async () => {
        const frame = page.frames().find((f) => f !== page.mainFrame());
        return frame?.evaluate(() => {
          const h1 = document.querySelector('h1');
          if (!h1) return null;
          const style = getComputedStyle(h1);
          return { text: h1.textContent, color: style.color, background: style.backgroundColor };
        });
      })
      .toEqual({ text: 'Pricing', color: 'rgb(79, 70, 229)', background: 'rgb(238, 242, 255)' });
    // rrweb's iframe: sandboxed, no scripts.
    expect(await page.locator('.replay-stage iframe').getAttribute('sandbox')).toBe(
      'allow-same-origin',
    );
    const watermark = page.locator('.replay-watermark');
    expect(await watermark.getAttribute('data-watermark')).toBe(viewerEmail);
    expect(await watermark.locator('span').first().textContent()).toContain(viewerEmail);
    expect(await watermark.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'replay-player.png') });

    // Export: the server's JSON download (audited as an export).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`replay-${recordingId}.json`);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(exported.exportedBy).toBe(viewerEmail);
    expect(exported.events).toHaveLength(2);
  });

  test('someone who is not a named viewer gets the 403 reason', async () => {
    const page = await newPage();
    await signIn(page, strangerEmail);
    await page.goto(
      `${server.url}/replay/player#/replay/windows/${encodeURIComponent(windowId)}/recordings/${encodeURIComponent(recordingId)}`,
    );
    await page.getByLabel(/Why are you watching/).fill('curious');
    await page.getByRole('button', { name: 'Play' }).click();
    const denied = page.locator('[data-denied]');
    await denied.waitFor();
    const stranger = await login(server, strangerEmail, password);
    const refused = await stranger.post(`/api/replay/recordings/${recordingId}/play`, { reason });
    expect(refused.status).toBe(403);
    expect(await denied.textContent()).toBe(`Not allowed: ${refused.body.error.message}`);
    expect(await page.locator('.replay-stage iframe').count()).toBe(0);
    expect(await page.locator('.replay-watermark').count()).toBe(0);
  });

  test('the review queue: only the viewer who played it marks it checked; the window page', async () => {
    const page = ownerPage;
    await page.goto(`${server.url}/#/replay/windows/${encodeURIComponent(windowId)}`);
    const queue = page.getByRole('region', { name: 'Review queue' });
    const queued = queue.locator(`tr[data-recording="${recordingId}"]`);
    await queued.waitFor();
    expect(await queued.locator('[data-finding]').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, 'replay-window.png'), fullPage: true });
    // The owner never played it: refused with the reason.
    await queued.getByRole('button', { name: 'Mark checked' }).click();
    await expect
      .poll(() => page.locator('[role="alert"]').first().textContent())
      .toContain('only someone who played this recording');
    const viewerPage = await newPage();
    await signIn(viewerPage, viewerEmail);
    await viewerPage.goto(`${server.url}/#/replay/windows/${encodeURIComponent(windowId)}`);
    const viewerQueue = viewerPage.getByRole('region', { name: 'Review queue' });
    await viewerQueue
      .locator(`tr[data-recording="${recordingId}"]`)
      .getByRole('button', { name: 'Mark checked' })
      .click();
    await viewerQueue.locator('[data-queue-empty]').waitFor();
    await page.reload();
    const queueApi = await owner.get(`/api/replay/windows/${windowId}/review-queue`);
    expect(queueApi.body.recordings).toEqual([]);
    const recordings = page.getByRole('region', { name: 'Recordings' });
    await expect
      .poll(() => recordings.locator(`tr[data-recording="${recordingId}"] td`).last().textContent())
      .toBe('checked');
  });

  test('close and purge, then the audit log has the play', async () => {
    const page = ownerPage;
    await page.goto(`${server.url}/#/replay/windows/${encodeURIComponent(windowId)}`);
    await page.getByRole('button', { name: 'Close and purge…' }).click();
    await page.getByRole('button', { name: 'Delete all 1 recordings and close' }).click();
    await expect
      .poll(() => page.locator('.view-header [data-state]').getAttribute('data-state'))
      .toMatch(/^(closed|purged)$/);
    await page.getByRole('region', { name: 'Recordings' }).getByText('No recording.').waitFor();
    expect((await owner.get(`/api/replay/windows/${windowId}/recordings`)).body.recordings).toEqual(
      [],
    );

    const audit = await owner.get(`/api/orgs/${orgId}/audit`);
    expect(audit.status).toBe(200);
    const rows = audit.body.rows as { action: string; actor: string; target: string }[];
    for (const action of ['replay.play', 'replay.export']) {
      const done = rows.filter((r) => r.action === action);
      expect(done, action).toHaveLength(1);
      expect(done[0]!.actor).toBe(`user:${viewerId}`);
      expect(done[0]!.target).toBe(`replay_recording:${recordingId}`);
      expect(JSON.stringify(done[0]), action).toContain(reason);
    }
    expect(consoleErrors).toEqual([]);
  });

  test('pause and resume, edit viewers, record of processing, then the kill switch', async () => {
    const opened = await owner.post('/api/sites/shop.test/replay/windows', {
      purpose: 'qa',
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      includeRules: ['/help/*'],
      viewerUserIds: [viewerId],
    });
    expect(opened.status).toBe(201);
    const id: string = opened.body.window.id;
    await signOffByAnalyst(id);
    expect((await owner.post(`/api/replay/windows/${id}/open`, {})).status).toBe(200);
    const page = ownerPage;
    await page.goto(`${server.url}/#/replay/windows/${encodeURIComponent(id)}`);
    const state = page.locator('.view-header [data-state]');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => state.getAttribute('data-state')).toBe('paused');
    expect(await state.textContent()).toContain('paused by an admin');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => state.getAttribute('data-state')).toBe('open');

    await page.getByRole('button', { name: 'Edit viewers' }).click();
    const group = page.getByRole('group', { name: 'Named viewers' });
    // The owner is not offered to themselves.
    expect(await group.getByLabel(/owner@/).count()).toBe(0);
    await group.getByLabel(strangerEmail).check();
    await page.getByRole('button', { name: 'Save viewers' }).click();
    await expect
      .poll(async () => (await owner.get(`/api/replay/windows/${id}`)).body.window.viewerUserIds)
      .toEqual([viewerId, strangerId]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Record of processing (.md)' }).click(),
    ]);
    const record = fs.readFileSync((await download.path())!, 'utf8');
    // The downloaded file is the server's record (its own export is audited inside it).
    expect(record).toMatch(/^# Record of processing/);
    expect(record).toContain(`window \`${id}\``);
    expect(record).toContain('Quality assurance');
    expect(record).toMatch(/replay\\?.record\\?_export/);
    expect(record).toContain(viewerEmail);

    // Delete from the player (an owner deletes without playing): gone, and audited.
    const doomed = await recordOneVisit('https://shop.test/help/faq');
    await page.goto(
      `${server.url}/replay/player#/replay/windows/${encodeURIComponent(id)}/recordings/${doomed}`,
    );
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete this recording' }).click();
    await page.locator('.replay-player-view[data-status="deleted"]').waitFor();
    expect((await owner.get(`/api/replay/windows/${id}/recordings`)).body.recordings).toEqual([]);
    const audited = (await owner.get(`/api/orgs/${orgId}/audit`)).body.rows as {
      action: string;
      target: string;
    }[];
    expect(
      audited.filter((r) => r.target === `replay_recording:${doomed}`).map((r) => r.action),
    ).toEqual(['replay.recording_delete']);

    // The kill switch asks for the domain before it acts.
    await page.goto(`${server.url}/#/sites/shop.test/replay`);
    const kill = page.getByRole('region', { name: 'Kill switch' });
    await kill.getByRole('button', { name: 'Stop all recording…' }).click();
    const confirm = kill.getByRole('button', { name: 'Close all windows and purge' });
    expect(await confirm.isDisabled()).toBe(true);
    await kill.getByLabel('Type shop.test to confirm').fill('shop.test');
    await confirm.click();
    await kill.getByRole('status').waitFor();
    const after = (await owner.get('/api/sites/shop.test/replay/windows')).body.windows;
    expect(after.map((w: { id: string; state: string }) => [w.id, w.state])).toContainEqual([
      id,
      'purged',
    ]);
    expect(
      after.every((w: { state: string }) => w.state === 'closed' || w.state === 'purged'),
    ).toBe(true);
    await expect
      .poll(() => page.locator(`tr[data-window="${id}"] [data-state]`).getAttribute('data-state'))
      .toBe('purged');

    // The latch: no "Open a window" until an owner clears it with a note.
    const latch = page.getByRole('region', { name: 'Kill switch latched' });
    await latch.waitFor();
    expect(await page.getByRole('button', { name: 'Open a window' }).count()).toBe(0);
    const clear = latch.getByRole('button', { name: 'Clear the latch' });
    expect(await clear.isDisabled()).toBe(true);
    await latch.getByLabel(/Note/).fill('incident reviewed with the DPO');
    await clear.click();
    await page.getByRole('button', { name: 'Open a window' }).waitFor();
    expect((await owner.get('/api/sites/shop.test/replay/windows')).body.latch).toBeNull();
    expect(consoleErrors).toEqual([]);
  });
});
