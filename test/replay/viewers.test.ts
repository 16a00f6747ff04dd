// Who can watch: only a window's named viewers play and export (everyone else 403, other orgs 404,
// API keys and shared links 403 on every replay route); every play is a POST with a stated reason,
// audited with the viewer's name and the reason; a cross-site GET forges nothing; downloads are off
// unless the window's owner allows them; only a player marks a recording reviewed; tampering with
// an audit row breaks the chain at that row. Plus deletion receipts and the record of processing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addUser, Client, login, rawSql } from '../accounts/support.js';
import {
  newRecording,
  openWindow,
  password,
  replayWorld,
  sendChunk,
  snapshotEvents,
  T0,
  type ReplayWorld,
} from './support.js';

describe('replay viewers and audit', () => {
  let w: ReplayWorld;
  let windowId: string;
  let rec: string;
  let shared: Client;
  let keyed: Client;
  let outsider: Client;

  beforeAll(async () => {
    w = await replayWorld();
    windowId = (await openWindow(w, { unmaskSelectors: ['.note'] })).id;
    rec = await newRecording(w);
    await sendChunk(w, rec, 0, snapshotEvents('Second part', T0 + 10));
    await sendChunk(w, rec, 1, snapshotEvents('First part', T0));
    const link = await w.owner.client.post(`/api/sites/${w.siteId}/shared-links`, { label: 'x' });
    shared = new Client(w.server.url, { 'x-pomelo-share': link.body.token });
    const key = await w.owner.client.post('/api/api-keys', { name: 'k', siteIds: [w.siteId] });
    keyed = new Client(w.server.url, { authorization: `Bearer ${key.body.secret}` });
    await addUser(w.server, 'other@example.test', password, 'Other Org', 'owner');
    outsider = await login(w.server, 'other@example.test', password);
  });
  afterAll(() => w?.close());

  const events = `/api/replay/recordings/${'REC'}/play`;
  const path = (p: string) => p.replace('REC', rec);
  const why = { reason: 'checking the cart bug #12' };

  test('a named viewer plays the recording: decrypted, in time order, with their name for the watermark', async () => {
    const r = await w.viewer.client.post(path(events), why);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body.viewer).toBe('viewer@example.test');
    const texts = JSON.stringify(r.body.events);
    expect(texts.indexOf('First part')).toBeGreaterThan(-1);
    expect(texts.indexOf('First part')).toBeLessThan(texts.indexOf('Second part'));
    expect(r.body.events.map((e: { timestamp: number }) => e.timestamp)).toEqual([
      T0,
      T0 + 1,
      T0 + 10,
      T0 + 11,
    ]);
  });

  test('nobody else plays: admins and owners 403, other orgs 404, shared links and API keys 403', async () => {
    for (const route of [path(events), path('/api/replay/recordings/REC/export')]) {
      expect((await w.admin.client.post(route, why)).status, route).toBe(403);
      expect((await w.owner.client.post(route, why)).status, route).toBe(403);
      expect((await w.bystander.client.post(route, why)).status, route).toBe(403);
      expect((await outsider.post(route, why)).status, route).toBe(404);
      expect((await new Client(w.server.url).post(route, why)).status, route).toBe(401);
    }
    // API keys and shared links never reach replay, whatever the route or their scope.
    for (const route of [
      `/api/sites/${w.siteId}/replay/windows`,
      `/api/replay/windows/${windowId}`,
      `/api/replay/windows/${windowId}/recordings`,
    ]) {
      for (const client of [shared, keyed]) {
        const r = await client.get(route);
        expect([r.status, r.body.error.code], route).toEqual([403, 'forbidden']);
      }
    }
    for (const route of [`/api/replay/windows/${windowId}/record.json`, path(events)]) {
      for (const client of [shared, keyed]) {
        const r = await client.post(route, why);
        expect([r.status, r.body.error.code], route).toEqual([403, 'forbidden']);
      }
    }
    // None of these refusals was a play.
    const plays = (await w.server.store.accounts.auditRows()).filter(
      (r) => r.action === 'replay.play',
    );
    expect(plays).toHaveLength(1);
  });

  test('a play needs a stated reason, bounded; a refused play is not audited', async () => {
    const before = (await w.server.store.accounts.auditRows()).length;
    for (const [body, code] of [
      [{}, 'reason_required'],
      [{ reason: '  ' }, 'reason_required'],
      [{ reason: 'x'.repeat(501) }, 'reason_too_long'],
      [{ reason: 42 }, 'reason_required'],
    ] as const) {
      const r = await w.viewer.client.post(path(events), body);
      expect([r.status, r.body.error.code], JSON.stringify(body)).toEqual([400, code]);
    }
    expect((await w.server.store.accounts.auditRows()).length).toBe(before);
  });

  test('forgeable GETs are gone: a cross-site navigation plays, exports and audits nothing', async () => {
    const before = (await w.server.store.accounts.auditRows()).length;
    const crossSite = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };
    for (const route of [
      path(events),
      path('/api/replay/recordings/REC/events'),
      path('/api/replay/recordings/REC/export'),
      `/api/replay/windows/${windowId}/record.json`,
      `/api/replay/windows/${windowId}/record.md`,
    ]) {
      const r = await w.viewer.client.get(route, { ...crossSite, origin: 'https://evil.test' });
      expect(r.status, route).toBe(404);
      // A cross-site POST (a form on another site) is refused by the CSRF guard.
      const p = await w.viewer.client.post(route, why, {
        ...crossSite,
        origin: 'https://evil.test',
      });
      expect([p.status, p.body.error.code], route).toEqual([403, 'csrf']);
    }
    expect((await w.server.store.accounts.auditRows()).length).toBe(before);
  });

  test('downloads are off by default: a named viewer’s export is refused and not audited', async () => {
    const before = (await w.server.store.accounts.auditRows()).length;
    const r = await w.viewer.client.post(path('/api/replay/recordings/REC/export'), why);
    expect([r.status, r.body.error.code]).toEqual([403, 'downloads_disabled']);
    expect((await w.server.store.accounts.auditRows()).length).toBe(before);
    // Only the window's owner (the admin here) allows them; an org owner who is not cannot.
    const patch = `/api/replay/windows/${windowId}`;
    const byOrgOwner = await w.owner.client.patch(patch, { downloadsAllowed: true });
    expect([byOrgOwner.status, byOrgOwner.body.error.code]).toEqual([403, 'owner_only']);
    const allowed = await w.admin.client.patch(patch, { downloadsAllowed: true });
    expect(allowed.body.window).toMatchObject({ downloadsAllowed: true });
  });

  test('each play and export is audited with the viewer’s name and reason', async () => {
    await w.viewer.client.post(path(events), why);
    const exported = await w.viewer.client.post(path('/api/replay/recordings/REC/export'), {
      reason: 'attach to ticket #12',
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe(
      `attachment; filename="replay-${rec}.json"`,
    );
    expect(exported.body).toMatchObject({ exportedBy: 'viewer@example.test', window: windowId });
    const rows = (await w.server.store.accounts.auditRows()).filter(
      (r) => r.target === `replay_recording:${rec}`,
    );
    const details = (r: { details: string }) => JSON.parse(r.details);
    expect(rows.map((r) => [r.actor, r.action, details(r).viewer, details(r).reason])).toEqual([
      [`user:${w.viewer.userId}`, 'replay.play', 'viewer@example.test', why.reason],
      [`user:${w.viewer.userId}`, 'replay.play', 'viewer@example.test', why.reason],
      [`user:${w.viewer.userId}`, 'replay.export', 'viewer@example.test', 'attach to ticket #12'],
    ]);
    expect(rows.every((r) => r.orgId === w.owner.orgId)).toBe(true);
  });

  test('a modified audit row breaks the hash chain and the check says which row', async () => {
    const verify = () => w.owner.client.get(`/api/orgs/${w.owner.orgId}/audit/verify`);
    expect((await verify()).body).toMatchObject({ intact: true, breaks: [] });
    const play = (await w.server.store.accounts.auditRows()).find(
      (r) => r.action === 'replay.play',
    )!;
    // Someone erases who watched.
    await rawSql(
      w.server,
      `UPDATE audit_log SET details = '{"recording":"${rec}","viewer":"nobody"}' WHERE id = ${play.id}`,
    );
    const report = (await verify()).body;
    expect(report.intact).toBe(false);
    expect(report.breaks[0]).toMatchObject({ id: play.id });
  });

  test('review queue: only someone who played a recording marks it reviewed', async () => {
    const queue = `/api/replay/windows/${windowId}/review-queue`;
    const before = await w.admin.client.get(queue);
    expect(before.body.recordings.map((r: { id: string }) => r.id)).toEqual([rec]);
    expect(before.body.recordings[0]).toMatchObject({ chunks: 2, flagged: false, reviewed: false });
    const reviewed = `/api/replay/recordings/${rec}/reviewed`;
    for (const client of [w.bystander.client, w.admin.client, w.owner.client]) {
      const r = await client.post(reviewed);
      expect([r.status, r.body.error.code]).toEqual([403, 'not_played']);
    }
    const marked = await w.viewer.client.post(reviewed);
    expect(marked.body.recording).toMatchObject({ reviewed: true, reviewedBy: w.viewer.userId });
    expect((await w.admin.client.get(queue)).body.recordings).toEqual([]);
    const all = await w.viewer.client.get(`/api/replay/windows/${windowId}/recordings`);
    expect(all.body.recordings).toHaveLength(1);
  });

  test('the record of processing, in JSON and Markdown, lists the safeguards and the audit trail', async () => {
    const json = await w.viewer.client.post(`/api/replay/windows/${windowId}/record.json`);
    expect(json.status).toBe(200);
    const text = JSON.stringify(json.body);
    for (const expected of [
      'shop.test',
      '/shop/*',
      '.note',
      'viewer@example.test',
      'replay.play',
      'attach to ticket #12',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // From the running configuration: the real database, no transfer (it runs on this machine).
    const db = json.body.storage.database;
    if (w.server.backend === 'sqlite') {
      expect(db).toMatchObject({ engine: 'SQLite', remoteHost: null });
      expect(db.location).toContain(w.server.dataDir);
    } else {
      const url = new URL(w.server.config.databaseUrl!);
      expect(db).toMatchObject({ engine: 'PostgreSQL', remoteHost: null });
      expect(db.location).toBe(`${url.hostname}:${url.port || 5432}${url.pathname}`);
    }
    expect(json.body.transfers).toMatch(/^none/);
    expect(json.body.recipientList).toEqual(['viewer@example.test (' + w.viewer.userId + ')']);
    expect(json.body.downloads).toMatchObject({
      allowed: true,
      made: [{ reason: 'attach to ticket #12', recording: rec }],
    });
    expect(json.body.onPageNotice).toMatchObject({ shown: true });
    expect(json.body.dpia.status).toMatch(/pre-filled/);
    const md = await w.viewer.client.post(`/api/replay/windows/${windowId}/record.md`);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.body).toMatch(/^# /);
    expect(md.body).toContain('.note');
    const exports = (await w.server.store.accounts.auditRows()).filter(
      (r) => r.action === 'replay.record_export',
    );
    expect(exports.map((r) => JSON.parse(r.details).format)).toEqual(['json', 'md']);
  });

  test('an admin deletes a recording: rows gone, a receipt answered and audited', async () => {
    const other = await newRecording(w);
    await sendChunk(w, other, 0, snapshotEvents('bye'));
    expect((await w.viewer.client.delete(`/api/replay/recordings/${other}`)).status).toBe(403);
    const r = await w.admin.client.delete(`/api/replay/recordings/${other}`);
    expect(r.status).toBe(200);
    expect(r.body.receipt).toMatchObject({
      recording: other,
      window: windowId,
      recordings: 1,
      chunks: 1,
    });
    expect(await w.server.store.replay.recording(other)).toBeUndefined();
    expect((await w.admin.client.delete(`/api/replay/recordings/${other}`)).status).toBe(404);
    const row = (await w.server.store.accounts.auditRows()).find(
      (x) => x.action === 'replay.recording_delete' && x.target === `replay_recording:${other}`,
    );
    expect(row?.actor).toBe(`user:${w.admin.userId}`);
  });
});
