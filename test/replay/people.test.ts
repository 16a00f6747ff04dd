// The people side of a research window over real HTTP (issue 12 §8–§10): nobody names themselves
// a viewer, the review gate stops offers at 20 unreviewed recordings until someone who played them
// reviews them, a canary hit quarantines the whole recording and pauses the window at once, and
// resuming after any automatic pause needs a note. SQLite and PostgreSQL (backendSuites).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REVIEW_GATE } from '../../server/replay/safeguards.js';
import {
  draftWindow,
  HOUR,
  T0,
  newRecording,
  offerFor,
  openWindow,
  pageview,
  replayWorld,
  sendChunk,
  snapshotEvents,
  start,
  windowBody,
  type ReplayWorld,
} from './support.js';

describe('replay people and latches', () => {
  let w: ReplayWorld;
  beforeAll(async () => {
    w = await replayWorld({ spikePerMinute: 1000 });
  });
  afterAll(() => w?.close());

  test('the person opening a window never names themselves a viewer', async () => {
    const r = await w.admin.client.post(
      `/api/sites/${w.siteId}/replay/windows`,
      windowBody(w, { viewerUserIds: [w.viewer.userId, w.admin.userId] }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toContainEqual(
      expect.objectContaining({ field: 'viewerUserIds', code: 'self_viewer' }),
    );
    // Downloads are the window owner's call: an admin opening a window for another owner cannot.
    const forOther = await w.admin.client.post(
      `/api/sites/${w.siteId}/replay/windows`,
      windowBody(w, { ownerUserId: w.owner.userId, downloadsAllowed: true }),
    );
    expect(forOther.body.error.fields).toContainEqual(
      expect.objectContaining({ field: 'downloadsAllowed', code: 'owner_only' }),
    );
    expect(await w.server.store.replay.windows({ siteId: w.siteId })).toEqual([]);
  });

  test(`review gate: at ${REVIEW_GATE} unreviewed recordings no offer is made until one is reviewed by someone who played it`, async () => {
    const win = await openWindow(w, { includeRules: ['/gate/*'], maxSessions: 100 });
    const ids: string[] = [];
    for (let i = 0; i < REVIEW_GATE; i++) ids.push(await newRecording(w, '/gate/page'));
    // An offer made just before the gate closed is void at start; no new offer is made.
    const stale = await offerFor(w, '/gate/page').catch(() => null);
    expect(stale).toBeNull();
    expect((await pageview(w, '/gate/page')).status).toBe(202);
    const shown = await w.admin.client.get(`/api/replay/windows/${win.id}/review-queue`);
    expect(shown.body.recordings).toHaveLength(REVIEW_GATE);

    const rec = ids[0]!;
    await sendChunk(w, rec, 0, snapshotEvents('page', T0, '/gate/page'));
    const reviewed = `/api/replay/recordings/${rec}/reviewed`;
    expect((await w.viewer.client.post(reviewed)).body.error.code).toBe('not_played');
    const play = await w.viewer.client.post(`/api/replay/recordings/${rec}/play`, {
      reason: 'review gate check',
    });
    expect(play.status).toBe(200);
    expect((await w.viewer.client.post(reviewed)).status).toBe(200);
    // One reviewed: the gate opens again, and closes once more at the next recording. Offers are
    // single-use (replay-intake), so the one made before the gate closed is a second, fresh offer
    // (another visit's entry): it is void at start.
    const offer = await offerFor(w, '/gate/page');
    const fresh = await offerFor(w, '/gate/page');
    expect((await start(w, offer, '/gate/page')).status).toBe(201);
    expect((await pageview(w, '/gate/page')).status).toBe(202);
    const again = await start(w, fresh, '/gate/page');
    expect([again.status, again.body.error.code]).toEqual([410, 'review_needed']);
  });

  test('a canary hit quarantines the whole recording and pauses the window at once; resuming needs a note', async () => {
    const win = await openWindow(w, { includeRules: ['/canary/*'], canary: true });
    const offer = await offerFor(w, '/canary/page');
    const started = await start(w, offer, '/canary/page');
    const rec = started.body.recording as string;
    // Chunks name their page (replay-masking): it must be one the window records.
    const c0 = await sendChunk(w, rec, 0, snapshotEvents('clean page', T0, '/canary/page'));
    expect(c0.status).toBe(202);
    expect((await w.server.store.replay.chunks(rec))[0]!.data).not.toBeNull();
    const hit = snapshotEvents(`left ${started.body.canary as string}`, T0 + 5, '/canary/page');
    expect((await sendChunk(w, rec, 1, hit)).status).toBe(202);

    const stored = (await w.server.store.replay.window(win.id))!;
    // One flagged chunk, below the leak threshold (3), and still paused: the canary alone does it.
    expect(stored).toMatchObject({ state: 'paused', flaggedChunks: 1 });
    expect(stored.lastChange).toMatchObject({ reason: 'canary', by: null });
    expect((await w.server.store.replay.chunks(rec)).map((c) => [c.quarantined, c.data])).toEqual([
      [true, null],
      [true, null],
    ]);
    expect(await w.server.store.replay.recording(rec)).toMatchObject({ quarantinedChunks: 2 });
    const rows = (await w.server.store.accounts.auditRows()).map((r) => [r.action, r.target]);
    expect(rows).toContainEqual(['replay.recording_quarantine', `replay_recording:${rec}`]);

    const path = `/api/replay/windows/${win.id}`;
    const bare = await w.admin.client.patch(path, { paused: false });
    expect([bare.status, bare.body.error.code]).toEqual([400, 'note_required']);
    expect((await w.server.store.replay.window(win.id))!.state).toBe('paused');
    const note = 'canary came from a staging build, fixed in 4.2.1';
    const resumed = await w.admin.client.patch(path, { paused: false, note });
    expect(resumed.body.window).toMatchObject({ state: 'open', lastChange: { detail: note } });
    const row = (await w.server.store.accounts.auditRows()).findLast(
      (r) => r.action === 'replay.window_resume',
    );
    expect(JSON.parse(row!.details)).toMatchObject({ pausedBy: 'canary', note });
    // A manual pause resumes without a note.
    expect((await w.admin.client.patch(path, { paused: true })).body.window.state).toBe('paused');
    expect((await w.admin.client.patch(path, { paused: false })).body.window.state).toBe('open');
  });

  test('the on-page notice is hidden only with a written reason, shown in the window', async () => {
    const short = await w.admin.client.post(
      `/api/sites/${w.siteId}/replay/windows`,
      windowBody(w, { includeRules: ['/quiet/*'], hideNoticeReason: 'no' }),
    );
    expect(short.body.error.fields).toContainEqual(
      expect.objectContaining({ field: 'hideNoticeReason', code: 'reason_required' }),
    );
    const reason = 'the kiosk pages show our own printed notice at the counter';
    const win = await openWindow(w, { includeRules: ['/quiet/*'], hideNoticeReason: reason });
    expect(win).toMatchObject({ noticeShown: false, noticeHiddenReason: reason });
    const shown = await w.admin.client.patch(`/api/replay/windows/${win.id}`, {
      hideNoticeReason: null,
    });
    expect(shown.body.window).toMatchObject({ noticeShown: true, noticeHiddenReason: null });
    expect(Date.parse(shown.body.window.endsAt)).toBeGreaterThan(w.clock.now + HOUR);
  });
  test('a second person signs the window off with a note; audited and in the record of processing', async () => {
    const win = await draftWindow(w, { includeRules: ['/signed/*'] });
    const path = `/api/replay/windows/${win.id}/sign-off`;
    const note = { note: 'settings checked with the DPO, no preview: these pages show no text' };
    // Not the window's owner (who opened it), not without a note, not twice.
    const self = await w.admin.client.post(path, note);
    expect([self.status, self.body.error.code]).toEqual([403, 'second_person']);
    const bare = await w.bystander.client.post(path, {});
    expect([bare.status, bare.body.error.code]).toEqual([400, 'reason_required']);
    const signed = await w.bystander.client.post(path, note);
    expect(signed.status).toBe(200);
    expect(signed.body.window.signOff).toMatchObject({ by: w.bystander.userId, note: note.note });
    const again = await w.owner.client.post(path, note);
    expect([again.status, again.body.error.code]).toEqual([409, 'already_signed']);
    const row = (await w.server.store.accounts.auditRows()).findLast(
      (r) => r.action === 'replay.window_sign_off',
    );
    expect(row).toMatchObject({ actor: `user:${w.bystander.userId}` });
    expect(JSON.parse(row!.details)).toMatchObject({ note: note.note, window: win.id });
    const record = await w.owner.client.post(`/api/replay/windows/${win.id}/record.json`);
    expect(record.body.signOff).toMatchObject({ note: note.note });
    expect(record.body.signOff.by).toContain('bystander@example.test');
    const md = await w.owner.client.post(`/api/replay/windows/${win.id}/record.md`);
    expect(md.body).toContain('Signed off by bystander@example.test');
  });
});
