// The replay research window end to end in real Chromium: the core tracker, the replay module, a
// real Pomelo server (SQLite) and its admin API. What is stored is read back from the server's own
// store and decrypted with the window's key. Nothing is recorded, and the module is not even
// downloaded, without consent, outside a window, or on an excluded or denylisted page.
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decryptChunk } from '../../server/replay/chunk-crypto.js';
import { addUser, login, setupOwner, testEnv, type Client } from '../accounts/support.js';
import {
  hasChromium,
  launchBrowser,
  newPage,
  noChromiumMessage,
  recordPomelo,
  type PomeloExchange,
  type PomeloRecorder,
  type RecordedPage,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { settle } from './harness.js';
import { startFixtureSite, type FixtureSite } from './fixture-site.js';
import { PERSONAL } from './replay-personal-values.js';

if (!hasChromium) console.warn(noChromiumMessage);

const UNMASKED = 'Livraison offerte dès 50 euros';

/** The server's clock: real time plus an offset a test may move forward (window expiry). */
let clockOffset = 0;
const now = () => Date.now() + clockOffset;

let server: TestServer;
let recorder: PomeloRecorder;
let site: FixtureSite;
let browser: Browser;
let owner: Client;
/** The second person who signs each draft window off before the owner opens it. */
let viewer: Client;
let ownerId: number;
/** The windows' named viewer: the person opening a window never names themselves. */
let viewerId: number;
let orgId: number;
const siteIds = new Map<string, string>();

const domains = [
  'rec.test',
  'withdraw.test',
  'kill.test',
  'closed.test',
  'expired.test',
  'leak.test',
  'canary.test',
  'notice.test',
  'quiet.test',
  'preview.test',
];

beforeAll(async () => {
  // The sampling draw is fixed at 0: every pageview under a window's rate is sampled (100 %).
  server = await startTestServer({ env: testEnv, now, replay: { random: () => 0 } });
  ({
    client: owner,
    userId: ownerId,
    orgId,
  } = await setupOwner(server, 'owner@pomelo.test', 'a long enough password', 'Shop'));
  ({ userId: viewerId } = await addUser(
    server,
    'viewer@pomelo.test',
    'a long enough password',
    'Shop',
    'viewer',
  ));
  viewer = await login(server, 'viewer@pomelo.test', 'a long enough password');
  for (const domain of domains) {
    const r = await owner.post(`/api/orgs/${orgId}/sites`, { domain, timezone: 'Europe/Paris' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    siteIds.set(domain, String(r.body.site?.id ?? r.body.id));
  }
  recorder = await recordPomelo(server.url);
  site = await startFixtureSite(recorder.origin);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await recorder?.close();
  await server?.close();
});

interface WindowInfo {
  id: string;
}

/** Creates a draft window through the admin API on every page of the site. */
async function draftWindow(
  domain: string,
  more: Record<string, unknown> = {},
): Promise<WindowInfo> {
  const r = await owner.post(`/api/sites/${siteIds.get(domain)}/replay/windows`, {
    purpose: 'ux_debugging',
    ownerUserId: ownerId,
    endsAt: now() + 24 * 3_600_000,
    sampleRate: 0.25,
    maxSessions: 100,
    maxMinutesPerRecording: 30,
    maxPagesPerRecording: 20,
    includeRules: ['/'],
    wholeSite: true,
    excludeRules: ['/replay-excluded.html'],
    unmaskSelectors: ['.replay-unmask'],
    retentionDays: 7,
    viewerUserIds: [viewerId],
    ...more,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return (r.body.window ?? r.body) as WindowInfo;
}

/** A draft signed off by the viewer (a second person) and opened by the owner. */
async function openWindow(domain: string, more: Record<string, unknown> = {}): Promise<WindowInfo> {
  const { id } = await draftWindow(domain, more);
  const signed = await viewer.post(`/api/replay/windows/${id}/sign-off`, {
    note: 'no preview, end-to-end test',
  });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  const opened = await owner.post(`/api/replay/windows/${id}/open`, {});
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return opened.body.window as WindowInfo;
}

/** A visit in a fresh context; with `consent`, the site's CMP has already said yes (queued call). */
async function visit(domain: string, page: string, consent: boolean): Promise<RecordedPage> {
  const v = await newPage(browser, recorder);
  if (consent) {
    await v.page.addInitScript(() => {
      const w = window as unknown as { pomelo: ((...a: unknown[]) => void) & { q?: unknown[] } };
      w.pomelo = function (...args: unknown[]) {
        (w.pomelo.q = w.pomelo.q || []).push(args);
      };
      w.pomelo('consent', { replay: true });
    });
  }
  await v.page.goto(site.url(`/${page}`, domain));
  return v;
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pathOf = (x: PomeloExchange) => x.path.split('?')[0];
const replayRequests = (v: RecordedPage) =>
  v.requests().filter((x) => /^\/(replay\.js|api\/replay\/)/.test(pathOf(x)!));
const chunkPosts = (v: RecordedPage) =>
  v.requests().filter((x) => x.method === 'POST' && pathOf(x) === '/api/replay/chunk');

/** The pageview's answer: its status and body (an offer is `/replay.js?o=…`). */
async function pageviewAnswer(v: RecordedPage): Promise<{ status: number; body: string }> {
  const [pv] = await v.waitForAnswers(1);
  return { status: pv!.status!, body: pv!.responseBody };
}

const sessionKey = (v: RecordedPage) =>
  v.page.evaluate(() => sessionStorage.getItem('pomelo-replay'));

/** The recording's stored chunks, decrypted with the window's key and gunzipped. */
async function storedChunks(windowId: string, recordingId: string): Promise<string[]> {
  const key = await server.pomelo.replay.keys.key(windowId);
  expect(key).toBeDefined();
  const chunks = await server.store.replay.chunks(recordingId);
  return chunks
    .filter((c) => !c.quarantined && c.data !== null)
    .map((c) =>
      gunzipSync(decryptChunk(key!, { windowId, recordingId, seq: c.seq }, c.data!)).toString(
        'utf8',
      ),
    );
}

/** Nothing left on the device: no cookie, no Web Storage. */
async function expectNoStorage(v: RecordedPage): Promise<void> {
  expect(await v.context.cookies()).toEqual([]);
  expect(
    await v.page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]),
  ).toEqual([0, 0, '']);
}

/** The visit got no offer, or did not act on it: no module, no replay request, no storage. */
async function expectNothingRecorded(v: RecordedPage): Promise<void> {
  await settle();
  expect(replayRequests(v).map((x) => `${x.method} ${pathOf(x)}`)).toEqual([]);
  expect(await v.page.evaluate(() => '__pomeloReplay' in window)).toBe(false);
  await expectNoStorage(v);
}

describe.skipIf(!hasChromium)('replay research window in Chromium', () => {
  let recWindow: WindowInfo;
  beforeAll(async () => {
    // With a canary planted (masked like any text, so never quarantined in this window).
    recWindow = await openWindow('rec.test', { canary: true });
  });

  test('with a window open, sampled and consent given, a visit is recorded, masked', async () => {
    const v = await visit('rec.test', 'replay-form.html', true);
    const answer = await pageviewAnswer(v);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^\/replay\.js\?o=[A-Za-z0-9._-]+$/);
    await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
    const start = v.requests().find((x) => pathOf(x) === '/api/replay/start')!;
    expect(start.status).toBe(201);
    const recordingId = JSON.parse(start.responseBody).recording as string;
    expect(JSON.parse((await sessionKey(v))!)).toEqual({ id: recordingId });

    const { page } = v;
    await page.fill('#email', 'pierre.martin@example.net');
    await page.fill('#message', 'Mon numéro est le 07 98 76 54 32');
    await page.selectOption('#city', 'paris-75011');
    await page.fill('#name', 'Pierre Martin');
    await page.click('#send');
    await page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunkPosts(v).some((x) => x.status === 202), 'a stored chunk');
    await page.goto('about:blank'); // pagehide: the last chunk goes out with keepalive
    await settle();
    expect(chunkPosts(v).map((x) => x.status)).toEqual(chunkPosts(v).map(() => 202));

    const recordings = await server.store.replay.recordings(recWindow.id);
    const recording = recordings.find((r) => r.id === recordingId);
    expect(recording).toBeDefined();
    expect(recording!.quarantinedChunks).toBe(0);
    const chunks = await storedChunks(recWindow.id, recordingId);
    expect(chunks.length).toBeGreaterThan(0);
    const json = chunks.join('\n');
    for (const value of PERSONAL) expect(json, value).not.toContain(value);
    expect(json).not.toContain('?');
    expect(json).toContain(UNMASKED);
    expect(json).toContain('***');
    const events = chunks.flatMap((c) => JSON.parse(c) as Array<{ type: number; data: any }>);
    expect(events.find((e) => e.type === 4)?.data.href).toBe(
      site.url('/replay-form.html', 'rec.test'),
    );
    expect(events.some((e) => e.type === 2)).toBe(true);
    await v.context.close();
  });

  test('one recording spans the page loads of a tab through sessionStorage', async () => {
    const v = await visit('rec.test', 'replay-form.html', true);
    await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
    const id = JSON.parse((await sessionKey(v))!).id as string;
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunkPosts(v).some((x) => x.status === 202), 'a stored chunk');
    await v.page.goto(site.url('/replay-form', 'rec.test'));
    const starts = () => v.requests().filter((x) => pathOf(x) === '/api/replay/start');
    await until(() => starts().length === 2 && starts()[1]!.status !== null, 'the second start');
    expect(starts()[0]!.body).not.toHaveProperty('continue');
    expect(starts()[1]!.body).toMatchObject({ continue: id });
    expect(starts()[1]!.status).toBe(201);
    expect(JSON.parse(starts()[1]!.responseBody).recording).toBe(id);
    expect(JSON.parse((await sessionKey(v))!)).toEqual({ id });
    expect((await server.store.replay.recording(id))?.pages).toBe(2);
    await v.context.close();
  });

  test('each SPA route is checked with the server: a covered one continues, a denylisted one stops the recording', async () => {
    const v = await visit('rec.test', 'replay-form.html', true);
    await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
    const id = JSON.parse((await sessionKey(v))!).id as string;
    const starts = () => v.requests().filter((x) => pathOf(x) === '/api/replay/start');
    const answered = (n: number) => starts().length === n && starts()[n - 1]!.status !== null;

    await v.page.evaluate(() => history.pushState({}, '', '/replay-form-step-2'));
    await until(() => answered(2), 'the check of a covered route');
    expect(starts()[1]!.body).toMatchObject({ continue: id });
    expect(JSON.parse(starts()[1]!.responseBody).recording).toBe(id);
    await v.page.click('#send');
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunkPosts(v).some((x) => x.status === 202), 'a chunk of the new route');

    const sent = chunkPosts(v).length;
    await v.page.evaluate(() => {
      history.pushState({}, '', '/account/profile');
      document.getElementById('out')!.textContent = 'Compte client';
    });
    await until(() => answered(3), 'the check of a denylisted route');
    expect(starts()[2]!.status).toBe(403);
    await until(async () => (await sessionKey(v)) === null, 'the recorder to stop');
    expect(await v.page.evaluate(() => window.__pomeloReplay!.isRecording())).toBe(false);
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await v.page.goto('about:blank');
    await settle();
    expect(chunkPosts(v).length).toBe(sent);
    expect((await server.store.replay.recording(id))?.pages).toBe(2);
    await v.context.close();
  });

  test('a page with a password field is not recorded at all (the module refuses it)', async () => {
    const ids = async () => (await server.store.replay.recordings(recWindow.id)).map((r) => r.id);
    const before = await ids();
    const v = await visit('rec.test', 'replay-member.html', true);
    expect((await pageviewAnswer(v)).status).toBe(200);
    await until(
      () => v.requests().some((x) => pathOf(x) === '/replay.js' && x.status === 200),
      'the module',
    );
    // The module ran (and refused): it did not just fail to load.
    await until(() => v.page.evaluate(() => '__pomeloReplay' in window), 'the module to run');
    await settle();
    expect(replayRequests(v).map((x) => `${x.method} ${pathOf(x)}`)).toEqual(['GET /replay.js']);
    await expectNoStorage(v);
    expect(await ids()).toEqual(before);
    await v.context.close();
  });

  test('without consent nothing is recorded and the module is not downloaded; consent later loads it', async () => {
    const v = await visit('rec.test', 'replay-form.html', false);
    expect((await pageviewAnswer(v)).status).toBe(200);
    await expectNothingRecorded(v);
    // A consent given after the pageview still finds the offer.
    await v.page.evaluate(() =>
      (window as unknown as { pomelo: (n: string, p: object) => void }).pomelo('consent', {
        replay: true,
      }),
    );
    await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
    expect(replayRequests(v).map((x) => `${x.method} ${pathOf(x)} ${x.status}`)).toEqual([
      'GET /replay.js 200',
      'POST /api/replay/start 201',
    ]);
    // consent is never an analytics event
    expect(v.events().map((e) => e.n)).toEqual(['pageview']);
    await v.context.close();
  });

  test.each([
    ['an excluded URL', 'replay-excluded.html'],
    ['a denylisted URL (account)', 'replay-account.html'],
  ])('on %s there is no offer: nothing recorded, module not downloaded', async (_n, page) => {
    const v = await visit('rec.test', page, true);
    expect(await pageviewAnswer(v)).toEqual({ status: 202, body: '' });
    await expectNothingRecorded(v);
    await v.context.close();
  });

  test('a closed window offers nothing', async () => {
    const w = await openWindow('closed.test');
    const r = await owner.post(`/api/replay/windows/${w.id}/close`, { purge: false });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    const v = await visit('closed.test', 'replay-form.html', true);
    expect(await pageviewAnswer(v)).toEqual({ status: 202, body: '' });
    await expectNothingRecorded(v);
    await v.context.close();
  });

  test('an expired window offers nothing (the server clock moved past its end)', async () => {
    await openWindow('expired.test', { endsAt: now() + 3_600_000 });
    clockOffset = 2 * 3_600_000;
    try {
      const v = await visit('expired.test', 'replay-form.html', true);
      expect(await pageviewAnswer(v)).toEqual({ status: 202, body: '' });
      await expectNothingRecorded(v);
      await v.context.close();
    } finally {
      clockOffset = 0;
    }
  });

  test('withdrawing consent stops the recorder and deletes the server copy', async () => {
    const w = await openWindow('withdraw.test');
    const v = await visit('withdraw.test', 'replay-form.html', true);
    await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
    const recordingId = JSON.parse((await sessionKey(v))!).id as string;
    await v.page.fill('#name', 'Pierre Martin');
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunkPosts(v).some((x) => x.status === 202), 'a stored chunk');
    expect((await server.store.replay.chunks(recordingId)).length).toBeGreaterThan(0);

    await v.page.evaluate(() =>
      (window as unknown as { pomelo: (n: string, p: object) => void }).pomelo('consent', {
        replay: false,
      }),
    );
    await until(
      () => v.requests().some((x) => x.method === 'DELETE' && x.status !== null),
      'the purge request',
    );
    const purge = v.requests().find((x) => x.method === 'DELETE')!;
    expect(purge.status).toBe(204);
    expect(new URL(purge.path, server.url).searchParams.get('recording')).toBe(recordingId);
    expect(await server.store.replay.recording(recordingId)).toBeUndefined();
    expect(await server.store.replay.chunks(recordingId)).toEqual([]);
    expect(await sessionKey(v)).toBeNull();
    expect(await v.page.evaluate(() => window.__pomeloReplay!.isRecording())).toBe(false);
    // Nothing more leaves the page.
    const sent = chunkPosts(v).length;
    await v.page.fill('#email', 'pierre.martin@example.net');
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await settle();
    expect(chunkPosts(v).length).toBe(sent);
    expect(await server.store.replay.recordings(w.id)).toEqual([]);
    await v.context.close();
  });

  test('the kill switch stops a running recorder at its next flush and purges', async () => {
    const w = await openWindow('kill.test');
    const v = await visit('kill.test', 'replay-form.html', true);
    await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
    const recordingId = JSON.parse((await sessionKey(v))!).id as string;
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunkPosts(v).some((x) => x.status === 202), 'a stored chunk');

    const r = await owner.post(`/api/sites/${siteIds.get('kill.test')}/replay/kill`, {});
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    const before = chunkPosts(v).length;
    // Activity for the next periodic flush (every flushIntervalMs ≤ 10 s): no manual flush here.
    await v.page.click('#send');
    await until(() => chunkPosts(v).length > before, 'the next periodic flush', 12_000);
    await until(() => chunkPosts(v).every((x) => x.status !== null), 'its answer');
    expect(
      chunkPosts(v)
        .slice(before)
        .map((x) => x.status),
    ).toEqual([410]);
    await until(async () => (await sessionKey(v)) === null, 'the recorder to stop');
    expect(await v.page.evaluate(() => window.__pomeloReplay!.isRecording())).toBe(false);
    await v.page.fill('#email', 'pierre.martin@example.net');
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await settle();
    expect(chunkPosts(v).length).toBe(before + 1);
    expect(await server.store.replay.recording(recordingId)).toBeUndefined();
    expect(await server.store.replay.chunks(recordingId)).toEqual([]);
    const killed = await owner.get(`/api/replay/windows/${w.id}`);
    expect(killed.body.window?.state ?? killed.body.state).toMatch(/closed|purged/);
    await v.context.close();
  });

  test('an email leaking through a deliberately unmasked element: chunks quarantined, recordings flagged, the window paused past the threshold', async () => {
    const w = await openWindow('leak.test');
    const threshold = 3; // server/replay/deps.ts leakThreshold
    for (let i = 0; i < threshold; i++) {
      const v = await visit('leak.test', 'replay-leak.html', true);
      await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
      await v.page.evaluate(() => window.__pomeloReplay!.flush());
      // Answered 202 like any chunk: the page must not learn what the scanner saw.
      await until(() => chunkPosts(v).some((x) => x.status === 202), 'the chunk');
      await v.context.close();
    }
    const recordings = await server.store.replay.recordings(w.id);
    expect(recordings).toHaveLength(threshold);
    for (const rec of recordings) {
      expect(rec.quarantinedChunks).toBeGreaterThan(0);
      expect(rec.findings.map((f) => f.type)).toContain('email');
      expect(rec.findings.every((f) => /textContent/.test(f.path ?? ''))).toBe(true);
      // The quarantined bytes are not kept; the finding names type and place, never the value.
      const chunks = await server.store.replay.chunks(rec.id);
      expect(chunks.filter((c) => c.quarantined).map((c) => c.data)).toEqual(
        chunks.filter((c) => c.quarantined).map(() => null),
      );
    }
    expect(JSON.stringify(recordings)).not.toContain('support.leak');
    const paused = await owner.get(`/api/replay/windows/${w.id}`);
    expect(JSON.stringify(paused.body)).toContain('leak_threshold');
    expect(paused.body.window?.state ?? paused.body.state).toBe('paused');
    // Paused: the next visit gets no offer at all.
    const v = await visit('leak.test', 'replay-leak.html', true);
    expect(await pageviewAnswer(v)).toEqual({ status: 202, body: '' });
    await expectNothingRecorded(v);
    await v.context.close();
  });

  test("the window's canary, planted by the module, is caught when a selector unmasks it", async () => {
    const w = await openWindow('canary.test', {
      canary: true,
      unmaskSelectors: ['[data-pomelo-canary]'],
    });
    const v = await visit('canary.test', 'replay-form.html', true);
    await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
    expect(await v.page.locator('[data-pomelo-canary]').count()).toBe(1);
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunkPosts(v).some((x) => x.status === 202), 'the chunk');
    await v.context.close();
    const [rec] = await server.store.replay.recordings(w.id);
    expect(rec!.findings.map((f) => f.type)).toContain('canary');
  });
  test('the on-page notice: in the site’s language with the end date, never focused; one click stops and deletes', async () => {
    const endsAt = now() + 2 * 24 * 3_600_000;
    // The site's documents language (issue 16 §3): the notice's words come from the server.
    const patched = await owner.patch(`/api/sites/${siteIds.get('notice.test')}`, {
      language: 'fr',
    });
    expect(patched.status).toBe(200);
    const w = await openWindow('notice.test', { endsAt });
    const v = await visit('notice.test', 'replay-form.html', true);
    await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
    const recordingId = JSON.parse((await sessionKey(v))!).id as string;
    const notice = v.page.getByRole('region', { name: 'Enregistrement de la session' });
    await notice.waitFor();
    expect(await notice.getAttribute('lang')).toBe('fr');
    // The date in the words' language (the site's), as the visitor's browser writes it.
    const date = await v.page.evaluate(
      (end) =>
        new Date(end).toLocaleDateString('fr', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
        }),
      endsAt,
    );
    expect(date).toContain(String(new Date(endsAt).getUTCFullYear()));
    expect(await notice.textContent()).toContain(
      `Cette visite est enregistrée pour améliorer ce site jusqu’au ${date} — `,
    );
    expect(await notice.isVisible()).toBe(true);
    // It did not take the focus.
    expect(await v.page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunkPosts(v).some((x) => x.status === 202), 'a stored chunk');
    expect((await server.store.replay.chunks(recordingId)).length).toBeGreaterThan(0);

    await notice.getByRole('button', { name: 'Arrêter et supprimer' }).click();
    await until(
      () => v.requests().some((x) => x.method === 'DELETE' && x.status !== null),
      'the purge request',
    );
    expect(await v.page.evaluate(() => window.__pomeloReplay!.isRecording())).toBe(false);
    expect(await server.store.replay.recording(recordingId)).toBeUndefined();
    expect(await server.store.replay.recordings(w.id)).toEqual([]);
    expect(await notice.textContent()).toContain('Enregistrement arrêté');
    await v.context.close();
  });

  test('a window that hides the notice (with a written reason) shows none', async () => {
    await openWindow('quiet.test', {
      hideNoticeReason: 'kiosk pages carry a printed notice at the counter',
    });
    const v = await visit('quiet.test', 'replay-form.html', true);
    await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
    await settle();
    expect(await v.page.locator('[data-pomelo-notice]').count()).toBe(0);
    await v.context.close();
  });
});

describe('the masked preview of a draft window (issue 12 §12)', () => {
  test('the admin’s own visit through the preview link is recorded as a preview, played masked, deleted on open', async () => {
    const draft = await draftWindow('preview.test');
    // A visitor of the draft (sampled, consenting) is offered nothing.
    const visitor = await visit('preview.test', 'replay-form.html', true);
    expect((await pageviewAnswer(visitor)).status).toBe(202);
    await visitor.context.close();

    const made = await owner.post(`/api/replay/windows/${draft.id}/preview`, {
      path: '/replay-form.html',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const fragment = (made.body.url as string).slice((made.body.url as string).indexOf('#'));
    // The admin opens the link (and accepts replay in the site's banner, as the core requires).
    const v = await newPage(browser, recorder);
    await v.page.addInitScript(() => {
      const w = window as unknown as { pomelo: ((...a: unknown[]) => void) & { q?: unknown[] } };
      w.pomelo = function (...args: unknown[]) {
        (w.pomelo.q = w.pomelo.q || []).push(args);
      };
      w.pomelo('consent', { replay: true });
    });
    await v.page.goto(site.url('/replay-form.html', 'preview.test') + fragment);
    const answer = await pageviewAnswer(v);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/\.p\.[A-Za-z0-9_-]+$/);
    await until(async () => (await sessionKey(v)) !== null, 'the preview recording to start');
    const recordingId = JSON.parse((await sessionKey(v))!).id as string;
    await v.page.fill('#email', 'pierre.martin@example.net');
    await v.page.fill('#name', 'Pierre Martin');
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunkPosts(v).some((x) => x.status === 202), 'a stored chunk');
    await v.context.close();

    const [row] = await server.store.replay.recordings(draft.id);
    expect(row).toMatchObject({ id: recordingId, preview: true });
    // The reviewer plays it through the server's masked playback route.
    const played = await viewer.post(`/api/replay/recordings/${recordingId}/play`, {
      reason: 'preview review before sign-off',
    });
    expect(played.status).toBe(200);
    const json = JSON.stringify(played.body.events);
    for (const value of PERSONAL) expect(json, value).not.toContain(value);
    expect(json).toContain(UNMASKED);
    expect(json).not.toContain('pomelo-preview');

    const signed = await viewer.post(`/api/replay/windows/${draft.id}/sign-off`, {
      note: 'played the preview: form fields masked',
    });
    expect(signed.status).toBe(200);
    expect((await owner.post(`/api/replay/windows/${draft.id}/open`, {})).status).toBe(200);
    expect(await server.store.replay.recording(recordingId)).toBeUndefined();
  });
});
