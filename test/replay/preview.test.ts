// Draft windows, the masked preview and the required sign-off (issue 12 §12), over real HTTP on
// both backends: a new window is a draft that makes no visitor offer; its admin records their own
// visit through a preview link; a second person plays it through the masked playback route and
// signs off; a member who did not sign opens it, and the preview is deleted at once.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DAY,
  DOMAIN,
  draftWindow,
  HOUR,
  pageview,
  replayWorld,
  sendChunk,
  snapshotEvents,
  start,
  T0,
  type ReplayWorld,
} from './support.js';

describe('replay draft, preview and sign-off', () => {
  let w: ReplayWorld;
  beforeAll(async () => {
    w = await replayWorld();
  });
  afterAll(() => w?.close());

  const previewLink = (id: string, body: Record<string, unknown> = {}) =>
    w.admin.client.post(`/api/replay/windows/${id}/preview`, body);
  /** The pageview of the preview link as the core tracker sends it (u is location.href). */
  const visit = async (url: string) => {
    const r = await pageview(w, url.slice(`https://${DOMAIN}`.length));
    return r.status === 200 && r.text.startsWith('/replay.js?o=') ? r.text.slice(13) : null;
  };

  test('a draft makes no offer, opens only after a second person signed off, never by the signer', async () => {
    w.clock.draw = 0; // every visitor would be sampled
    const win = await draftWindow(w, { includeRules: ['/draft/*'] });
    expect(win).toMatchObject({ state: 'draft', signOff: null, previewLinkExpiresAt: null });
    expect((await pageview(w, '/draft/page')).status).toBe(202);

    const open = (as: ReplayWorld['admin']) =>
      as.client.post(`/api/replay/windows/${win.id}/open`, {});
    const unsigned = await open(w.admin);
    expect([unsigned.status, unsigned.body.error.code]).toEqual([409, 'not_signed_off']);
    const signOff = `/api/replay/windows/${win.id}/sign-off`;
    // Not its owner; without a preview the note must say so.
    const self = await w.admin.client.post(signOff, { note: 'no preview, looks fine' });
    expect([self.status, self.body.error.code]).toEqual([403, 'second_person']);
    const blind = await w.owner.client.post(signOff, { note: 'looks fine to me' });
    expect([blind.status, blind.body.error.code]).toEqual([409, 'preview_required']);
    expect((await w.owner.client.post(signOff, { note: 'No preview: static pages' })).status).toBe(
      200,
    );
    // The signer cannot also open it; a viewer cannot open at all.
    const bySigner = await open(w.owner);
    expect([bySigner.status, bySigner.body.error.code]).toEqual([403, 'second_person']);
    expect((await open(w.viewer)).status).toBe(403);
    const opened = await open(w.admin);
    expect(opened.status).toBe(200);
    expect(opened.body.window.state).toBe('open');
    expect((await pageview(w, '/draft/page')).status).toBe(200);
    expect((await open(w.admin)).body.error.code).toBe('not_draft');
    const actions = (await w.server.store.accounts.auditRows())
      .filter((r) => r.target === `replay_window:${win.id}`)
      .map((r) => r.action);
    expect(actions).toEqual([
      'replay.window_open',
      'replay.window_sign_off',
      'replay.window_activate',
    ]);
  });

  test('the preview link records the admin’s own visit, played masked by the reviewer, deleted on open', async () => {
    const win = await draftWindow(w, {
      includeRules: ['/preview/*'],
      endsAt: new Date(w.clock.now + 3 * DAY).toISOString(),
    });
    // Not for an open window, not for a page outside the rules.
    const outside = await previewLink(win.id, { path: '/elsewhere' });
    expect([outside.status, outside.body.error.code]).toEqual([400, 'not_recordable']);
    expect((await w.viewer.client.post(`/api/replay/windows/${win.id}/preview`, {})).status).toBe(
      403,
    );
    const link = await previewLink(win.id);
    expect(link.status).toBe(201);
    const url = link.body.url as string;
    expect(url).toMatch(/^https:\/\/shop\.test\/preview\/#pomelo-preview=[A-Za-z0-9_-]{32}$/);
    expect(link.body.window.previewLinkExpiresAt).toBe(link.body.expiresAt);
    // Only the token's hash is stored.
    const token = url.slice(url.indexOf('=') + 1);
    const stored = await w.server.store.replay.window(win.id);
    expect(JSON.stringify(stored)).not.toContain(token);

    // A visit without the token (or with a wrong one) gets nothing; with it, a preview offer.
    expect(await visit(`https://${DOMAIN}/preview/`)).toBeNull();
    expect(await visit(`https://${DOMAIN}/preview/#pomelo-preview=${'x'.repeat(32)}`)).toBeNull();
    const offer = await visit(url);
    expect(offer).toMatch(/\.p\.[A-Za-z0-9_-]+$/);
    // Like a visitor's offer, it is bound to its page: another covered page fails its signature.
    const elsewhere = await start(w, offer!, '/preview/other');
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'bad_offer']);
    // The module sends location.href: the link's fragment is the token, not page content.
    const started = await start(w, offer!, `/preview/${url.slice(url.indexOf('#'))}`);
    expect(started.status).toBe(201);
    const rec = started.body.recording as string;
    // Single use, like every offer.
    const again = await start(w, offer!, '/preview/');
    expect([again.status, again.body.error.code]).toEqual([403, 'offer_used']);
    expect(
      (await sendChunk(w, rec, 0, snapshotEvents('Preview of the cart', T0, '/preview/'))).status,
    ).toBe(202);
    const [row] = await w.server.store.replay.recordings(win.id);
    expect(row).toMatchObject({ id: rec, preview: true });
    // Never counted as a visitor recording.
    const shown = (await w.admin.client.get(`/api/replay/windows/${win.id}`)).body.window;
    expect(shown.counts.sessions).toBe(0);

    // The reviewer (a member who is not a named viewer) plays it through the masked POST route.
    const play = `/api/replay/recordings/${rec}/play`;
    expect((await w.bystander.client.post(play, {})).status).toBe(400);
    const played = await w.bystander.client.post(play, { reason: 'sign-off review' });
    expect(played.status).toBe(200);
    const text = JSON.stringify(played.body.events);
    // The server masked the chunk on arrival (no unmask selector): the text is starred out.
    expect(text).toContain('https://shop.test/preview/');
    expect(text).toContain('***');
    expect(text).not.toContain('Preview of the cart');
    // What the masking floor stores: no title attribute, no query string.
    expect(text).not.toContain('secret title');
    expect(text).not.toContain('coupon');

    // With a preview, a plain note is enough.
    const signed = await w.bystander.client.post(`/api/replay/windows/${win.id}/sign-off`, {
      note: 'played the preview: nothing personal visible',
    });
    expect(signed.status).toBe(200);
    const opened = await w.admin.client.post(`/api/replay/windows/${win.id}/open`, {});
    expect(opened.status).toBe(200);
    expect(opened.body.window.previewLinkExpiresAt).toBeNull();
    // The preview is gone, its link and chunks answer nothing any more.
    expect(await w.server.store.replay.recording(rec)).toBeUndefined();
    expect(await w.server.store.replay.chunks(rec)).toEqual([]);
    expect((await sendChunk(w, rec, 1, snapshotEvents('late'))).status).toBe(410);
    const late = await start(w, offer!, '/preview/');
    expect([late.status, late.body.error.code]).toEqual([410, 'preview_over']);
    const row2 = (await w.server.store.accounts.auditRows()).findLast(
      (r) => r.action === 'replay.window_activate',
    );
    expect(JSON.parse(row2!.details)).toMatchObject({ previewsDeleted: 1 });
  });

  test('a draft’s preview recording is deleted after a day; an expired link offers nothing', async () => {
    const win = await draftWindow(w, {
      includeRules: ['/short/*'],
      endsAt: new Date(w.clock.now + 3 * DAY).toISOString(),
    });
    const url = (await previewLink(win.id)).body.url as string;
    const offer = await visit(url);
    const rec = (await start(w, offer!, '/short/')).body.recording as string;
    w.clock.now += HOUR;
    expect(await visit(url)).toBeNull();
    await w.server.pomelo.jobs.runDue();
    expect(await w.server.store.replay.recording(rec)).toBeDefined();
    w.clock.now += DAY;
    await w.server.pomelo.jobs.runDue();
    expect(await w.server.store.replay.recording(rec)).toBeUndefined();
    expect((await w.server.store.replay.window(win.id))!.state).toBe('draft');
  });
});
