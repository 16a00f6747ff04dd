// A hostile recorder (a patched replay.js, or a script posting to the public routes directly) gets
// the same result as the official one, or a 4xx (issue 12, acceptance): each crafted chunk is
// refused, masked or quarantined, and afterwards playing EVERY stored recording as a named viewer,
// through the real player route (decrypted by the server), shows none of the planted values.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DOMAIN,
  T0,
  newRecording,
  offerFor,
  openWindow,
  publicPost,
  rawPost,
  replayWorld,
  sendChunk,
  start,
  windowBody,
  type ReplayWorld,
} from './support.js';

/** Values a hostile recorder tries to get stored; none may come out of the player. */
const PLANTED = {
  clearText: 'Planted clear paragraph of Jane',
  splitUser: 'jane.hostile',
  splitDomain: '@example.com',
  inputValue: 'planted-input-value-4711',
  attrValue: 'planted-title-attribute',
  dataValue: 'planted-data-attribute',
  textareaText: 'planted textarea draft',
  buttonText: 'planted button label',
  mutationText: 'planted mutation text',
  addedText: 'planted added subtree text',
  queryValue: 'planted-query-value',
  pathParam: 'PLANTEDSESSIONID',
  denylisted: 'planted text on the account page',
  outOfScope: 'planted text on the blog',
  otherSite: 'planted text on another site',
  outOfOrder: 'planted text before its snapshot',
  reusedOffer: 'planted text through a reused offer',
  forgedStyle: 'planted text posing as css',
  canvasData: 'planted canvas payload',
  customEvent: 'planted custom event payload',
  afterRefusedChunk: 'planted text judged against a refused page',
};
/** Text under the window's unmask selector: proves the player returns readable text at all. */
const VISIBLE = 'Shipping takes two days';

type N = Record<string, unknown>;
const text = (id: number, textContent: string, more: N = {}): N => ({
  type: 3,
  id,
  textContent,
  ...more,
});
const el = (id: number, tagName: string, attributes: N, childNodes: N[] = []): N => ({
  type: 2,
  id,
  tagName,
  attributes,
  childNodes,
});
const meta = (path: string, host = DOMAIN, at = T0): N => ({
  type: 4,
  timestamp: at,
  data: { href: `https://${host}${path}`, width: 800, height: 600 },
});
const snapshot = (body: N[], at = T0 + 1): N => ({
  type: 2,
  timestamp: at,
  data: {
    initialOffset: { top: 0, left: 0 },
    node: { type: 0, id: 1, childNodes: [el(2, 'html', {}, [el(3, 'body', {}, body)])] },
  },
});
const mutation = (data: N, at = T0 + 2): N => ({
  type: 3,
  timestamp: at,
  data: { source: 0, texts: [], attributes: [], removes: [], adds: [], ...data },
});

describe('a hostile recorder', () => {
  let w: ReplayWorld;
  let windowId: string;
  beforeAll(async () => {
    w = await replayWorld({ leakThreshold: 100, spikePerMinute: 1000 });
    windowId = (await openWindow(w, { unmaskSelectors: ['.faq-answer'] })).id;
  });
  afterAll(() => w?.close());

  test('unmask-everything selectors are refused at window creation, naming the selector', async () => {
    const url = `/api/sites/${w.siteId}/replay/windows`;
    const cases: [string, RegExp][] = [
      ['*', /universal/],
      ['body', /bare tag \(body\)/],
      ['div', /bare tag \(div\)/],
      [':not(x)', /pseudo-classes/],
      ['a b', /combinators/],
      ['html', /bare tag/],
      ['.faq, body', /one selector per entry/],
      ['[title]', /data-\*/],
    ];
    for (const [selector, reason] of cases) {
      const r = await w.admin.client.post(
        url,
        windowBody(w, { unmaskSelectors: ['.ok', selector] }),
      );
      expect(r.status, selector).toBe(400);
      const field = r.body.error.fields.find(
        (f: { field: string }) => f.field === 'unmaskSelectors[1]',
      );
      expect(field?.message, selector).toContain(`"${selector}"`);
      expect(field?.message, selector).toMatch(reason);
    }
    // A whole-site include rule needs the explicit choice.
    const whole = await w.admin.client.post(url, windowBody(w, { includeRules: ['/**'] }));
    expect([whole.status, whole.body.error.fields[0].field]).toEqual([400, 'includeRules']);
    expect(whole.body.error.fields[0].message).toMatch(/wholeSite/);
    const chosen = await w.admin.client.post(
      url,
      windowBody(w, {
        includeRules: ['/'],
        wholeSite: true,
        endsAt: new Date(T0 + 3_600_000).toISOString(),
      }),
    );
    expect([chosen.status, chosen.body.window.wholeSite]).toEqual([201, true]);
    // The record of processing is an audited export: a POST (replay-people).
    const record = await w.admin.client.post(
      `/api/replay/windows/${chosen.body.window.id}/record.md`,
    );
    expect(String(record.body)).toContain('THE WHOLE SITE');
    const closed = await w.admin.client.post(
      `/api/replay/windows/${chosen.body.window.id}/close`,
      {},
    );
    expect(closed.status).toBeLessThan(300);
    // wholeSite without a whole-site rule is refused too: the choice is exactly what it says.
    const stray = await w.admin.client.post(url, windowBody(w, { wholeSite: true }));
    expect([stray.status, stray.body.error.fields[0].field]).toEqual([400, 'wholeSite']);
  });

  test('clear text, attributes, input values and form text are masked or dropped before storage', async () => {
    const rec = await newRecording(w);
    const events = [
      meta('/shop/cart'),
      snapshot([
        el(4, 'p', { title: PLANTED.attrValue, 'data-user': PLANTED.dataValue }, [
          text(5, PLANTED.clearText),
        ]),
        el(6, 'input', { type: 'text', value: PLANTED.inputValue, placeholder: PLANTED.attrValue }),
        el(7, 'div', { class: 'faq-answer', 'aria-label': PLANTED.attrValue }, [
          text(8, VISIBLE),
          el(9, 'textarea', {}, [text(10, PLANTED.textareaText)]),
          el(11, 'button', {}, [text(12, PLANTED.buttonText)]),
        ]),
        el(13, 'a', {
          href: `https://${DOMAIN}/shop/item;jsessionid=${PLANTED.pathParam}?q=${PLANTED.queryValue}`,
        }),
        el(14, 'p', {}, [text(15, PLANTED.forgedStyle, { isStyle: true })]),
      ]),
      {
        type: 3,
        timestamp: T0 + 3,
        data: { source: 5, id: 6, text: PLANTED.inputValue, isChecked: false },
      },
      mutation({
        texts: [{ id: 5, value: PLANTED.mutationText }],
        attributes: [
          { id: 4, attributes: { title: PLANTED.attrValue, value: PLANTED.inputValue } },
        ],
        adds: [
          { parentId: 4, nextId: null, node: el(20, 'span', {}, [text(21, PLANTED.addedText)]) },
        ],
      }),
    ];
    expect((await sendChunk(w, rec, 0, events)).status).toBe(202);
    const [chunk] = await w.server.store.replay.chunks(rec);
    expect(chunk).toMatchObject({ quarantined: false });
  });

  test('an email split across elements is found in the clear text and quarantined', async () => {
    const rec = await newRecording(w);
    const events = [
      meta('/shop/cart'),
      snapshot([
        el(4, 'p', {}, [
          el(5, 'b', {}, [text(6, PLANTED.splitUser)]),
          text(7, PLANTED.splitDomain),
        ]),
      ]),
    ];
    expect((await sendChunk(w, rec, 0, events)).status).toBe(202);
    const stored = (await w.server.store.replay.recording(rec))!;
    expect(stored.findings.map((f) => f.type)).toEqual(['email']);
    expect(stored.findings[0]!.path).toMatch(/<joined>$/);
    const [chunk] = await w.server.store.replay.chunks(rec);
    expect(chunk).toMatchObject({ quarantined: true, data: null });
  });

  test('denylisted, out-of-scope and other-site pages in Meta events: quarantined, recording stopped', async () => {
    const cases: [string, string, string][] = [
      ['/shop/account', DOMAIN, PLANTED.denylisted],
      ['/blog/post', DOMAIN, PLANTED.outOfScope],
      ['/shop/cart', 'evil.test', PLANTED.otherSite],
    ];
    for (const [path, host, planted] of cases) {
      const rec = await newRecording(w);
      expect(
        (
          await sendChunk(w, rec, 0, [
            meta('/shop/cart'),
            snapshot([el(4, 'p', {}, [text(5, 'x')])]),
          ])
        ).status,
      ).toBe(202);
      const r = await sendChunk(w, rec, 1, [
        meta(path, host),
        snapshot([el(4, 'p', { class: 'faq-answer' }, [text(5, planted)])]),
      ]);
      expect([r.status, r.body.error.code], path).toEqual([410, 'not_recordable']);
      const chunks = await w.server.store.replay.chunks(rec);
      expect(chunks[1], path).toMatchObject({ quarantined: true, data: null });
      expect((await w.server.store.replay.recording(rec))!.findings.at(-1)).toMatchObject({
        type: 'url',
      });
      // The recording is stopped: following chunks are refused.
      const next = await sendChunk(w, rec, 2, [
        meta('/shop/cart'),
        snapshot([el(4, 'p', {}, [text(5, 'y')])]),
      ]);
      expect([next.status, next.body.error.code], path).toEqual([410, 'recording_ended']);
    }
  });

  test('unknown event kinds and unreadable shapes refuse the chunk: nothing stored', async () => {
    const rec = await newRecording(w);
    const bad: unknown[][] = [
      [
        meta('/shop/cart'),
        { type: 5, timestamp: T0, data: { tag: 'x', payload: PLANTED.customEvent } },
      ],
      [
        meta('/shop/cart'),
        { type: 3, timestamp: T0, data: { source: 9, id: 3, commands: [PLANTED.canvasData] } },
      ],
      [{ type: 4, timestamp: T0, data: { width: 1 } }],
      [mutation({ adds: [{ node: text(3, PLANTED.addedText) }] })],
    ];
    for (const events of bad) {
      const r = await sendChunk(w, rec, 0, events);
      expect([r.status, r.body.error.code]).toEqual([400, 'bad_events']);
    }
    expect(await w.server.store.replay.chunks(rec)).toEqual([]);
  });

  test('out-of-order chunks: a mutation before its snapshot is masked (its nodes are unknown)', async () => {
    const rec = await newRecording(w);
    const early = mutation({
      adds: [
        {
          parentId: 7,
          nextId: null,
          node: el(30, 'p', { class: 'faq-answer' }, [text(31, PLANTED.outOfOrder)]),
        },
      ],
      texts: [{ id: 8, value: PLANTED.outOfOrder }],
    });
    const r1 = await sendChunk(w, rec, 5, [early]);
    // Stored masked (202) today; refused once seq is enforced (issue 12 §5): either is safe.
    expect(r1.status === 202 || (r1.status >= 400 && r1.status < 500), String(r1.status)).toBe(
      true,
    );
    const r2 = await sendChunk(w, rec, 0, [
      meta('/shop/cart'),
      snapshot([el(7, 'div', {}, [text(8, 'x')])]),
    ]);
    expect(r2.status === 202 || (r2.status >= 400 && r2.status < 500), String(r2.status)).toBe(
      true,
    );
  });

  test('oversized chunks are refused before anything is read', async () => {
    const rec = await newRecording(w);
    const big = gzipSync(Buffer.alloc(50 * 1024 * 1024, 32));
    const r = await rawPost(w, `/api/replay/chunk?recording=${rec}&seq=0&enc=gzip`, big);
    expect(r.status).toBe(413);
    const huge = Buffer.from(
      JSON.stringify([meta('/shop/cart'), snapshot([text(4, PLANTED.clearText.repeat(20_000))])]),
    );
    expect(
      (await rawPost(w, `/api/replay/chunk?recording=${rec}&seq=0&enc=identity`, huge)).status,
    ).toBe(413);
    expect(await w.server.store.replay.chunks(rec)).toEqual([]);
  });

  test('a chunk refused part-way leaves no page behind: later text on it stays masked', async () => {
    const rec = await newRecording(w);
    const masked = [meta('/shop/cart'), snapshot([el(4, 'p', {}, [text(5, 'first page')])])];
    expect((await sendChunk(w, rec, 0, masked)).status).toBe(202);
    // A full snapshot putting node 5 under the unmask selector, then an event the server refuses:
    // the whole chunk gets a 400 and is not stored.
    const refused = [
      snapshot([el(4, 'p', { class: 'faq-answer' }, [text(5, 'x')])], T0 + 3),
      { type: 3, timestamp: T0 + 4, data: { source: 0, texts: 'not a list' } },
    ];
    expect((await sendChunk(w, rec, 1, refused)).status).toBe(400);
    const later = [mutation({ texts: [{ id: 5, value: PLANTED.afterRefusedChunk }] }, T0 + 5)];
    expect((await sendChunk(w, rec, 1, later)).status).toBe(202);
    const r = await w.viewer.client.post(`/api/replay/recordings/${rec}/play`, {
      reason: 'refused chunk check',
    });
    expect(r.status).toBe(200);
    const body = JSON.stringify(r.body.events);
    expect(body).not.toContain(PLANTED.afterRefusedChunk);
    expect((r.body.events as unknown[]).length).toBeGreaterThanOrEqual(3);
  });

  test('a reused offer never leads to stored clear data', async () => {
    const offer = await offerFor(w, '/shop/cart');
    const first = await start(w, offer, '/shop/cart');
    expect(first.status).toBe(201);
    const again = await start(w, offer, '/shop/cart');
    // Single-use offers (issue 12 §4) refuse the second start; either way nothing clear is stored.
    if (again.status === 201) {
      const rec = again.body.recording as string;
      const events = [
        meta('/shop/cart'),
        snapshot([el(4, 'p', {}, [text(5, PLANTED.reusedOffer)])]),
      ];
      expect((await sendChunk(w, rec, 0, events)).status).toBe(202);
    } else {
      expect(again.status).toBeGreaterThanOrEqual(400);
    }
    const raw = await publicPost(
      w,
      '/api/replay/start',
      JSON.stringify({ offer, url: `https://${DOMAIN}/shop/account` }),
    );
    expect(raw.status).toBe(403);
  });

  test('afterwards: every stored recording, played by a named viewer, shows none of the planted values', async () => {
    const windows = await w.admin.client.get(`/api/sites/${w.siteId}/replay/windows`);
    const ids = (windows.body.windows as { id: string }[]).map((x) => x.id);
    expect(ids).toContain(windowId);
    let played = 0;
    let visible = 0;
    for (const id of ids) {
      for (const rec of await w.server.store.replay.recordings(id)) {
        const r = await w.viewer.client.post(`/api/replay/recordings/${rec.id}/play`, {
          reason: 'hostile-recorder check',
        });
        expect(r.status, rec.id).toBe(200);
        const body = JSON.stringify(r.body.events);
        played++;
        if (body.includes(VISIBLE)) visible++;
        for (const [name, value] of Object.entries(PLANTED)) {
          expect(body.includes(value), `${name} in ${rec.id}`).toBe(false);
        }
        expect(body).not.toContain(PLANTED.splitUser.split('.')[1]!);
      }
    }
    // The check can find a needle: the unmasked FAQ text does come out of the player.
    expect(played).toBeGreaterThan(5);
    expect(visible).toBeGreaterThan(0);
  });
});
