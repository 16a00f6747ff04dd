// Consent withdrawal on any page, and a recording that follows its visit (issue 12 §4 and §6), in
// real Chromium against a real server (SQLite, and PostgreSQL in its project). Page 1 is covered by
// the window: the visit's entry gets the offer and the recorder. Page 2, reached by a same-site
// link, is not an entry, so it never gets an offer: covered, it gets the tab loader
// (`/replay-tab?continue`), which continues the tab's recording; not covered, it gets nothing and
// the recorder is not loaded there — yet withdrawing consent on it deletes the visit's recording:
// the core tracker imports the tab loader, which reads the id the recorder kept in sessionStorage.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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
import { startFixtureSite, type FixtureSite } from './fixture-site.js';

if (!hasChromium) console.warn(noChromiumMessage);

let server: TestServer;
let recorder: PomeloRecorder;
let site: FixtureSite;
let browser: Browser;
let owner: Client;
let ownerId: number;
/** The windows' named viewer: the person opening a window never names themselves. */
let viewerId: number;
/** The viewer, a second person, signs each draft window off before the owner opens it. */
let viewer: Client;
const siteIds = new Map<string, number>();
const domains = ['gone.test', 'follow.test'];

beforeAll(async () => {
  // Every entry pageview under the window's rate is sampled (the draw is fixed at 0).
  server = await startTestServer({ env: testEnv, replay: { random: () => 0 } });
  let orgId: number;
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
    siteIds.set(domain, r.body.site.id as number);
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

/** A window on the replay form only: /replay-form.html and /replay-form are covered, /about is not. */
async function openWindow(domain: string): Promise<string> {
  const r = await owner.post(`/api/sites/${siteIds.get(domain)}/replay/windows`, {
    purpose: 'ux_debugging',
    ownerUserId: ownerId,
    endsAt: Date.now() + 24 * 3_600_000,
    sampleRate: 0.25,
    maxSessions: 100,
    maxMinutesPerRecording: 30,
    maxPagesPerRecording: 20,
    includeRules: ['/replay-form*'],
    retentionDays: 7,
    viewerUserIds: [viewerId],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const id = r.body.window.id as string;
  // A new window is a draft (issue 12 §12): signed off by a second person, then opened.
  const signed = await viewer.post(`/api/replay/windows/${id}/sign-off`, {
    note: 'no preview, end-to-end test',
  });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  const opened = await owner.post(`/api/replay/windows/${id}/open`, {});
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return id;
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pathOf = (x: PomeloExchange) => x.path.split('?')[0]!;
const sessionKey = (v: RecordedPage) =>
  v.page.evaluate(() => sessionStorage.getItem('pomelo-replay'));
const pomelo = (v: RecordedPage, replay: boolean) =>
  v.page.evaluate(
    (r) =>
      (window as unknown as { pomelo: (n: string, p: object) => void }).pomelo('consent', {
        replay: r,
      }),
    replay,
  );

/** Page 1: the entry, with consent; the recording starts and stores a chunk. */
async function recordedEntry(domain: string): Promise<{ v: RecordedPage; id: string }> {
  const v = await newPage(browser, recorder);
  await v.page.goto(site.url('/replay-form.html', domain));
  await pomelo(v, true);
  await until(async () => (await sessionKey(v)) !== null, 'the recording to start');
  const id = JSON.parse((await sessionKey(v))!).id as string;
  await v.page.fill('#name', 'Pierre Martin');
  await v.page.evaluate(() => window.__pomeloReplay!.flush());
  await until(
    () => v.requests().some((x) => pathOf(x) === '/api/replay/chunk' && x.status === 202),
    'a stored chunk',
  );
  return { v, id };
}

/** A same-site navigation (the page sets location): the referrer is page 1, so no entry. */
async function follow(v: RecordedPage, path: string): Promise<PomeloExchange> {
  const before = v.requests().filter((x) => pathOf(x) === '/api/event').length;
  await v.page.evaluate((p) => (location.href = p), path);
  await v.page.waitForURL(`**${path}`);
  await until(
    () =>
      v
        .requests()
        .filter((x) => pathOf(x) === '/api/event' && x.status !== null)
        .some((x, i) => i >= before && (x.body as { n?: string }).n === 'pageview'),
    'the second pageview',
  );
  return v
    .requests()
    .filter((x) => pathOf(x) === '/api/event' && (x.body as { n?: string }).n === 'pageview')
    .at(-1)!;
}

describe.skipIf(!hasChromium)('a recording across the pages of a visit', () => {
  test('withdrawn on a page the window does not cover (no recorder there): nothing of the visit remains', async () => {
    const windowId = await openWindow('gone.test');
    const { v, id } = await recordedEntry('gone.test');
    expect((await server.store.replay.chunks(id)).length).toBeGreaterThan(0);

    const pv = await follow(v, '/about.html');
    expect((pv.body as { r?: string }).r).toContain('/replay-form.html');
    expect([pv.status, pv.responseBody]).toEqual([202, '']);
    // No recorder on this page: the module was fetched for page 1 only.
    expect(await v.page.evaluate(() => '__pomeloReplay' in window)).toBe(false);
    expect(v.requests().filter((x) => pathOf(x) === '/replay.js')).toHaveLength(1);
    // The recorder's id is still in this tab's sessionStorage (the recording is live).
    expect(JSON.parse((await sessionKey(v))!)).toEqual({ id });

    await pomelo(v, false);
    await until(
      () => v.requests().some((x) => x.method === 'DELETE' && x.status !== null),
      'the purge request',
    );
    const purge = v.requests().find((x) => x.method === 'DELETE')!;
    expect(purge.status).toBe(204);
    expect(new URL(purge.path, server.url).searchParams.get('recording')).toBe(id);
    expect(v.requests().some((x) => pathOf(x) === '/replay-tab')).toBe(true);
    // Nothing of that visit remains: no recording row, no chunk row; the tab forgot the id.
    expect(await server.store.replay.recording(id)).toBeUndefined();
    expect(await server.store.replay.chunks(id)).toEqual([]);
    expect(await server.store.replay.recordings(windowId)).toEqual([]);
    expect(await sessionKey(v)).toBeNull();
    await v.context.close();
  });

  test('a later covered page gets no offer, only the tab loader, which continues the same recording', async () => {
    const windowId = await openWindow('follow.test');
    const { v, id } = await recordedEntry('follow.test');
    const offersBefore = v.requests().filter((x) => pathOf(x) === '/api/replay/start').length;
    expect(offersBefore).toBe(1);

    const pv = await follow(v, '/replay-form');
    expect([pv.status, pv.responseBody]).toEqual([200, '/replay-tab?continue']);
    // The site's CMP signals consent again on each page it loads.
    await pomelo(v, true);
    const starts = () => v.requests().filter((x) => pathOf(x) === '/api/replay/start');
    await until(() => starts().length === 2 && starts()[1]!.status !== null, 'the continuation');
    // No offer: the recorder was loaded only to continue.
    expect(starts()[1]!.body).toEqual({
      url: site.url('/replay-form', 'follow.test'),
      continue: id,
    });
    expect(starts()[1]!.status).toBe(201);
    const answer = JSON.parse(starts()[1]!.responseBody) as { recording: string; seq: number };
    expect(answer.recording).toBe(id);
    expect(answer.seq).toBeGreaterThan(0);
    await v.page.fill('#email', 'x');
    await v.page.evaluate(() => window.__pomeloReplay!.flush());
    await until(
      () =>
        v
          .requests()
          .filter((x) => pathOf(x) === '/api/replay/chunk' && x.status === 202)
          .some((x) => new URL(x.path, server.url).searchParams.get('seq') === String(answer.seq)),
      'a chunk of page 2 at the server’s sequence',
    );
    const recording = (await server.store.replay.recording(id))!;
    expect(recording.pages).toBe(2);
    expect((await server.store.replay.recordings(windowId)).map((r) => r.id)).toEqual([id]);
    // One visit, one session counted, one offer used.
    expect((await server.store.replay.window(windowId))!.sessionsStarted).toBe(1);
    await v.context.close();
  });
});
