// Replay ingestion over real HTTP and a real database (SQLite, and PostgreSQL in its project): the
// pageview offer, starting and continuing recordings, chunk limits and bad input, the leak scanner's
// quarantine and pause, the spike pause, caps, and withdrawal.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decryptChunk } from '../../server/replay/chunk-crypto.js';
import { databaseText } from '../accounts/support.js';
import { gunzipSync } from 'node:zlib';
import {
  DOMAIN,
  newRecording,
  offerFor,
  openWindow,
  pageview,
  publicPost,
  rawPost,
  replayWorld,
  sendChunk,
  snapshotEvents,
  start,
  T0,
  type ReplayWorld,
} from './support.js';

describe('replay ingestion', () => {
  let w: ReplayWorld;
  let windowId: string;
  beforeAll(async () => {
    w = await replayWorld({ leakThreshold: 2, spikePerMinute: 1000 });
  });
  afterAll(() => w?.close());

  test('without a window every pageview is a plain 202; the site costs no offer', async () => {
    expect(await pageview(w, '/shop/cart')).toMatchObject({ status: 202, text: '' });
  });

  test('an open window offers /replay.js?o=<offer> only for covered and sampled pageviews', async () => {
    windowId = (await openWindow(w, { excludeRules: ['/shop/private/*'] })).id;
    w.clock.draw = 0; // every visit drawn (the 100 % case)
    const offered = await pageview(w, '/shop/cart?utm_source=x');
    expect(offered.status).toBe(200);
    expect(offered.type).toMatch(/^text\/plain/);
    expect(offered.text).toMatch(
      /^\/replay\.js\?o=[A-Za-z0-9_-]+\.[a-z0-9]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
    );
    expect(offered.text.split('?o=')[1]!.split('.')[0]).toBe(windowId);

    // Not covered: outside the include rules, excluded, on the built-in denylist, a token in the URL.
    for (const path of ['/blog/post', '/shop/private/x', '/shop/account', '/shop/cart?token=abc']) {
      expect(await pageview(w, path), path).toMatchObject({ status: 202, text: '' });
    }
    // Not a pageview.
    expect((await pageview(w, '/shop/cart', 'signup')).status).toBe(202);
    // Not sampled: the draw is above the window's 25 % (the 0 % case).
    w.clock.draw = 0.999;
    expect(await pageview(w, '/shop/cart')).toMatchObject({ status: 202, text: '' });
    w.clock.draw = 0;
  });

  test('start: 201 with the recording settings; bad, forged or stale offers are refused', async () => {
    const offer = await offerFor(w, '/shop/cart');
    const r = await start(w, offer, '/shop/cart');
    expect(r.status).toBe(201);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    expect(r.body).toEqual({
      recording: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      seq: 0,
      endpoint: '/api/replay/chunk',
      unmaskSelectors: [],
      maxDurationMs: 10 * 60_000,
      flushIntervalMs: 5000,
      // The on-page notice, on by default: "recorded until" the window's end, in the site's
      // language (English by default; record-language.test.ts sets French).
      notice: {
        until: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        text: expect.objectContaining({ lang: 'en', stop: 'Stop and delete' }),
      },
    });
    const shown = (await w.admin.client.get(`/api/replay/windows/${windowId}`)).body.window;
    expect(r.body.notice.until).toBe(shown.endsAt);
    // Single use: the same offer does not start a second recording.
    const again = await start(w, offer, '/shop/cart');
    expect([again.status, again.body.error.code]).toEqual([403, 'offer_used']);
    expect((await start(w, 'not-an-offer', '/shop/cart')).status).toBe(400);
    const dot = offer.lastIndexOf('.') + 1; // flip the MAC's first character
    const forged = offer.slice(0, dot) + (offer[dot] === 'A' ? 'B' : 'A') + offer.slice(dot + 1);
    expect((await start(w, forged, '/shop/cart')).body.error.code).toBe('bad_offer');
    // The URL itself must still be covered: an offer does not open the account page.
    expect((await start(w, offer, '/shop/account')).status).toBe(403);
    expect((await start(w, offer, '/blog/x')).status).toBe(403);
    const other = await publicPost(
      w,
      '/api/replay/start',
      JSON.stringify({ offer, url: 'https://evil.test/shop/cart' }),
    );
    expect(other.status).toBe(403);
    expect((await publicPost(w, '/api/replay/start', '{not json')).status).toBe(400);
    expect((await publicPost(w, '/api/replay/start', 'x'.repeat(5000))).status).toBe(413);
    // Bound to its page: an offer made for /shop/cart does not start a recording on /shop/other.
    const fresh = await offerFor(w, '/shop/cart');
    expect((await start(w, fresh, '/shop/other')).body.error.code).toBe('bad_offer');
    // Expired after 5 minutes.
    w.clock.now += 5 * 60_000;
    expect((await start(w, fresh, '/shop/cart')).body.error.code).toBe('offer_expired');
  });

  test('continue: the same id on the next page until the page cap, then a new recording', async () => {
    const first = await newRecording(w, '/shop/a');
    expect((await sendChunk(w, first, 0, snapshotEvents('page a'))).status).toBe(202);
    // A later page of the visit needs no offer: the recording id is the capability.
    const b = await publicPost(
      w,
      '/api/replay/start',
      JSON.stringify({ url: `https://${DOMAIN}/shop/b`, continue: first }),
    );
    expect(b.body).toMatchObject({ recording: first, seq: 1 + 2 });
    const next = async (path: string, id: string) =>
      (await start(w, await offerFor(w, path), path, { continue: id })).body.recording as string;
    expect(await next('/shop/c', first)).toBe(first); // 3 pages: the window's cap
    const fourth = await next('/shop/d', first);
    expect(fourth).not.toBe(first);
    expect((await w.server.store.replay.recording(first))!.pages).toBe(3);
    // Without an offer, nothing new starts: an unknown id or a full recording is refused.
    const none = await publicPost(
      w,
      '/api/replay/start',
      JSON.stringify({ url: `https://${DOMAIN}/shop/e`, continue: 'AAAAAAAAAAAAAAAAAAAAAA' }),
    );
    expect([none.status, none.body.error.code]).toEqual([403, 'not_recording']);
    const full = await publicPost(
      w,
      '/api/replay/start',
      JSON.stringify({ url: `https://${DOMAIN}/shop/e`, continue: first }),
    );
    expect([full.status, full.body.error.code]).toEqual([410, 'cap_reached']);
  });

  test('a clean chunk is stored encrypted, filtered, masked and readable only with the window key', async () => {
    const rec = await newRecording(w);
    expect((await sendChunk(w, rec, 0, snapshotEvents('Total 42 items'))).status).toBe(202);
    expect((await sendChunk(w, rec, 1, snapshotEvents('plain text'), 'identity')).status).toBe(202);
    const chunks = await w.server.store.replay.chunks(rec);
    expect(chunks.map((c) => [c.seq, c.quarantined])).toEqual([
      [0, false],
      [1, false],
    ]);
    const sealed = chunks[0]!.data!;
    expect(sealed.includes(Buffer.from('Total 42'))).toBe(false);
    const key = (await w.server.pomelo.replay.keys.key(windowId))!;
    const plain = gunzipSync(decryptChunk(key, { windowId, recordingId: rec, seq: 0 }, sealed));
    const text = plain.toString();
    // The server masked the page's text (no unmask selector on this window): a recorder that
    // sent it in clear does not get it stored.
    expect(text).not.toContain('Total 42 items');
    expect(text).toContain('"textContent":"***"');
    // The server re-applied the filter: no title attribute, no query string in the Meta href.
    expect(text).not.toContain('secret title');
    expect(text).not.toContain('coupon');
    expect(text).toContain(`https://${DOMAIN}/shop/cart"`);
    // Another slot's context does not open it.
    expect(() => decryptChunk(key, { windowId, recordingId: rec, seq: 1 }, sealed)).toThrow();
  });

  test("text under the window's unmask selector is the only text stored in clear", async () => {
    const clearWindow = await openWindow(w, {
      includeRules: ['/clear/*'],
      unmaskSelectors: ['p.note'],
    });
    const rec = await newRecording(w, '/clear/page');
    expect(
      (await sendChunk(w, rec, 0, snapshotEvents('Total 42 items', T0, '/clear/page'))).status,
    ).toBe(202);
    const events = snapshotEvents('Other text', T0 + 5, '/clear/page');
    // The same paragraph without its class: masked.
    const p = (
      events[1] as { data: { node: { childNodes: { childNodes: { attributes: object }[] }[] } } }
    ).data.node.childNodes[0]!.childNodes[0]!;
    p.attributes = { title: 'x' };
    expect((await sendChunk(w, rec, 1, events)).status).toBe(202);
    // The stored key is wrapped (replay-intake): the data key comes from the keyring.
    const key = (await w.server.pomelo.replay.keys.key(clearWindow.id))!;
    const [c0, c1] = await w.server.store.replay.chunks(rec);
    const open = (seq: number, data: Buffer) =>
      gunzipSync(
        decryptChunk(key, { windowId: clearWindow.id, recordingId: rec, seq }, data),
      ).toString();
    expect(open(0, c0!.data!)).toContain('Total 42 items');
    expect(open(1, c1!.data!)).not.toContain('Other text');
  });

  test('nothing about the visitor is stored: no IP address, no User-Agent', async () => {
    const agent = 'Mozilla/5.0 (X11; Linux x86_64) ReplayPrivacyProbe/9.9';
    const res = await fetch(`${w.server.url}/api/replay/start`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        'user-agent': agent,
        'x-forwarded-for': '203.0.113.7',
      },
      body: JSON.stringify({
        offer: await offerFor(w, '/shop/p'),
        url: `https://${DOMAIN}/shop/p`,
      }),
    });
    const rec = ((await res.json()) as { recording: string }).recording;
    expect((await sendChunk(w, rec, 0, snapshotEvents('probe'))).status).toBe(202);
    const text = await databaseText(w.server);
    for (const personal of ['ReplayPrivacyProbe', '203.0.113.7', '127.0.0.1']) {
      expect(text.includes(personal), personal).toBe(false);
    }
  });

  test('bad chunks are 4xx with a reason and store nothing', async () => {
    const rec = await newRecording(w);
    const post = (query: string, body: BodyInit) =>
      typeof body === 'string' && body.length < 100_000
        ? publicPost(w, `/api/replay/chunk?${query}`, body)
        : rawPost(w, `/api/replay/chunk?${query}`, Buffer.from(body as string | Buffer));
    const json = JSON.stringify(snapshotEvents('x'));
    const cases: [string, BodyInit, number, string][] = [
      [`recording=short&seq=0&enc=identity`, json, 400, 'bad_recording'],
      [`recording=${rec}&seq=-1&enc=identity`, json, 400, 'bad_seq'],
      [`recording=${rec}&seq=10001&enc=identity`, json, 400, 'bad_seq'],
      [`recording=${rec}&seq=0&enc=br`, json, 400, 'bad_encoding'],
      [`recording=${rec}&seq=0&enc=gzip`, 'not gzip', 400, 'bad_encoding'],
      [`recording=${rec}&seq=0&enc=identity`, '{"not":"a list"}', 400, 'bad_events'],
      [`recording=${rec}&seq=0&enc=identity`, '[{"type":"x"}]', 400, 'bad_events'],
      [`recording=${rec}&seq=0&enc=identity`, '[1,2', 400, 'bad_json'],
      [`recording=${rec}&seq=0&enc=identity`, '', 400, 'empty_body'],
      [`recording=${rec}&seq=0&enc=identity`, 'x'.repeat(300 * 1024), 413, 'body_too_large'],
      // A zip bomb: 100 MiB of spaces gzip to ~100 KiB; inflation stops at the 2 MiB cap.
      [
        `recording=${rec}&seq=0&enc=gzip`,
        gzipSync(Buffer.alloc(100 * 1024 * 1024, 32)),
        413,
        'too_large',
      ],
      [`recording=AAAAAAAAAAAAAAAAAAAAAA&seq=0&enc=identity`, json, 410, 'recording_gone'],
    ];
    for (const [query, body, status, code] of cases) {
      const r = await post(query, body);
      expect([r.status, r.body?.error?.code], query).toEqual([status, code]);
    }
    expect(await w.server.store.replay.chunks(rec)).toEqual([]);
  });

  test('a page showing a password field gets its recording deleted (410)', async () => {
    const rec = await newRecording(w);
    await sendChunk(w, rec, 0, snapshotEvents('fine'));
    const events = snapshotEvents('login');
    const html = (events[1] as { data: { node: { childNodes: { childNodes: unknown[] }[] } } }).data
      .node.childNodes[0]!;
    html.childNodes.push({
      type: 2,
      id: 9,
      tagName: 'input',
      attributes: { type: 'password' },
      childNodes: [],
    });
    const r = await sendChunk(w, rec, 1, events);
    expect([r.status, r.body.error.code]).toEqual([410, 'sensitive_page']);
    expect(await w.server.store.replay.recording(rec)).toBeUndefined();
    expect(await w.server.store.replay.chunks(rec)).toEqual([]);
  });

  test('withdrawing consent (DELETE ?purge=1) deletes the server copy, with a receipt', async () => {
    const rec = await newRecording(w);
    await sendChunk(w, rec, 0, snapshotEvents('one'));
    await sendChunk(w, rec, 1, snapshotEvents('two'));
    const res = await fetch(`${w.server.url}/api/replay/chunk?recording=${rec}&purge=1`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await w.server.store.replay.recording(rec)).toBeUndefined();
    expect(await w.server.store.replay.chunks(rec)).toEqual([]);
    const receipt = (await w.server.store.accounts.auditRows()).find(
      (r) => r.target === `replay_recording:${rec}`,
    );
    expect(receipt).toMatchObject({ actor: 'visitor', action: 'replay.recording_delete' });
    expect(JSON.parse(receipt!.details)).toMatchObject({ reason: 'withdrawn', chunks: 2 });
    // The recorder's next flush is told to stop.
    expect((await sendChunk(w, rec, 2, snapshotEvents('three'))).status).toBe(410);
    const preflight = await fetch(`${w.server.url}/api/replay/chunk`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.test', 'access-control-request-method': 'DELETE' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('DELETE');
  });

  test('an email quarantines the chunk and flags the recording; the canary quarantines the whole recording and pauses the window at once', async () => {
    const canaryWindow = await openWindow(w, { includeRules: ['/leak/*'], canary: true });
    const offer = await offerFor(w, '/leak/form');
    const started = await start(w, offer, '/leak/form');
    const canary = started.body.canary as string;
    expect(canary).toMatch(/^pomelo-canary-[0-9a-f]{16}$/);
    const rec = started.body.recording as string;

    // Answered 202 like any chunk: the page does not learn what the scanner saw.
    expect(
      (await sendChunk(w, rec, 0, snapshotEvents('Contact jane.doe@example.com', T0, '/leak/form')))
        .status,
    ).toBe(202);
    const after1 = (await w.server.store.replay.recording(rec))!;
    expect(after1.quarantinedChunks).toBe(1);
    expect(after1.findings).toEqual([
      {
        seq: 0,
        type: 'email',
        path: '[1].data.node.childNodes[0].childNodes[0].childNodes[0].textContent',
      },
    ]);
    const [chunk] = await w.server.store.replay.chunks(rec);
    expect(chunk).toMatchObject({ quarantined: true, data: null });
    // Neither the recording's flags nor anything else in the database holds the value.
    expect(JSON.stringify(after1)).not.toContain('jane.doe');
    expect((await w.server.store.replay.window(canaryWindow.id))!.state).toBe('open');

    expect(
      (await sendChunk(w, rec, 1, snapshotEvents(`marker ${canary}`, T0, '/leak/form'))).status,
    ).toBe(202);
    const win = (await w.server.store.replay.window(canaryWindow.id))!;
    expect(win).toMatchObject({ state: 'paused', flaggedChunks: 2 });
    expect(win.lastChange).toMatchObject({ reason: 'canary', by: null });
    // The whole recording is quarantined: no chunk keeps its bytes, and the recording is ended.
    expect((await w.server.store.replay.chunks(rec)).map((c) => [c.quarantined, c.data])).toEqual([
      [true, null],
      [true, null],
    ]);
    expect((await w.server.store.replay.recording(rec))!.endedAt).not.toBeNull();
    expect((await w.server.store.replay.recording(rec))!.findings.map((f) => f.type)).toEqual([
      'email',
      'canary',
    ]);
    // Admins see why; recorders stop at their next flush; no new offers.
    const seen = await w.admin.client.get(`/api/replay/windows/${canaryWindow.id}`);
    expect(seen.body.window).toMatchObject({
      state: 'paused',
      pauseReason: 'canary',
      findings: { email: 1, canary: 1 },
    });
    expect((await sendChunk(w, rec, 2, snapshotEvents('ok', T0, '/leak/form'))).status).toBe(410);
    expect((await pageview(w, '/leak/form')).status).toBe(202);
    const audit = (await w.server.store.accounts.auditRows()).filter(
      (r) => r.action === 'replay.window_pause',
    );
    expect(audit.at(-1)).toMatchObject({
      actor: 'system',
      target: `replay_window:${canaryWindow.id}`,
    });
  });
});

describe('replay caps and spikes', () => {
  let w: ReplayWorld;
  beforeAll(async () => {
    w = await replayWorld({ spikePerMinute: 3 });
  });
  afterAll(() => w?.close());

  test('the session cap ends new recordings with 410; offers stop once the cache knows', async () => {
    const win = await openWindow(w, { maxSessions: 2, includeRules: ['/cap/*'] });
    const offers = [await offerFor(w, '/cap/x'), await offerFor(w, '/cap/x')];
    const last = await offerFor(w, '/cap/x');
    for (const offer of offers) expect((await start(w, offer, '/cap/x')).status).toBe(201);
    const third = await start(w, last, '/cap/x');
    expect([third.status, third.body.error.code]).toEqual([410, 'cap_reached']);
    await w.server.pomelo.replay.offers.refresh();
    expect((await pageview(w, '/cap/x')).status).toBe(202);
    expect((await w.server.store.replay.window(win.id))!.sessionsStarted).toBe(2);
  });

  test('a recording longer than its minutes cap is ended: 410', async () => {
    await openWindow(w, { includeRules: ['/long/*'], maxMinutesPerRecording: 1 });
    const rec = await newRecording(w, '/long/x');
    expect((await sendChunk(w, rec, 0, snapshotEvents('a', T0, '/long/x'))).status).toBe(202);
    w.clock.now += 61_000;
    const r = await sendChunk(w, rec, 1, snapshotEvents('b', T0, '/long/x'));
    expect([r.status, r.body.error.code]).toEqual([410, 'cap_reached']);
    expect((await w.server.store.replay.recording(rec))!.endedAt).toBe(w.clock.now);
  });

  test('more new recordings in a minute than the spike limit pause the window', async () => {
    const win = await openWindow(w, { includeRules: ['/spike/*'] });
    const offers: string[] = [];
    for (let i = 0; i < 5; i++) offers.push(await offerFor(w, '/spike/x'));
    for (const offer of offers.slice(0, 4)) {
      expect((await start(w, offer, '/spike/x')).status).toBe(201);
    }
    const offer = offers[4]!;
    const stored = (await w.server.store.replay.window(win.id))!;
    expect(stored.state).toBe('paused');
    expect(stored.lastChange).toMatchObject({ reason: 'spike' });
    expect((await start(w, offer, '/spike/x')).body.error.code).toBe('window_paused');
  });
});

describe('the replay module', () => {
  let w: ReplayWorld;
  beforeAll(async () => {
    w = await replayWorld();
  });
  afterAll(() => w?.close());

  test('/replay.js is served as a cacheable, CORS-readable script with an ETag', async () => {
    const res = await fetch(`${w.server.url}/replay.js`, {
      headers: { origin: 'https://shop.test' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const etag = res.headers.get('etag')!;
    expect(await res.text()).toContain('__pomeloReplay');
    const again = await fetch(`${w.server.url}/replay.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});
