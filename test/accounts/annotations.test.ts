// Annotations (issue 13 §6): dated notes on one site's chart or on every site of an org, created
// and deleted by admins (audited), seen by every report reader, shared links and API keys
// included. The text is untrusted: sanitised, kept as text, bounded. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { addUser, Client, sessionCookie, setupOwner, testEnv } from './support.js';

const password = 'annotations password 12';

describe('annotations', () => {
  let server: TestServer;
  let owner: Client;
  let orgId: number;
  let siteA: number;
  let siteB: number;
  const range = 'period=custom&from=2026-10-01&to=2026-10-31';

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, now: () => Date.parse('2026-11-01T12:00:00Z') });
    const setup = await setupOwner(server, 'notes@example.test', password, 'Agency');
    owner = setup.client;
    orgId = setup.orgId;
    siteA = (
      await owner.post(`/api/orgs/${orgId}/sites`, { domain: 'a.notes.test', timezone: 'UTC' })
    ).body.site.id;
    siteB = (
      await owner.post(`/api/orgs/${orgId}/sites`, { domain: 'b.notes.test', timezone: 'UTC' })
    ).body.site.id;
  });
  afterAll(() => server?.close());

  test('site and org notes: created by admins, seen by every reader, audited, deleted', async () => {
    const release = await owner.post(`/api/sites/${siteA}/annotations`, {
      day: '2026-10-05',
      text: '  Release 2.0 <script>alert(1)</script>\u200b ',
    });
    expect(release.status).toBe(201);
    expect(release.body.annotation).toMatchObject({
      orgId,
      siteId: siteA,
      day: '2026-10-05',
      // Invisible characters removed and trimmed; the markup stays text (escaped where shown).
      text: 'Release 2.0 <script>alert(1)</script>',
    });
    const campaign = await owner.post(`/api/orgs/${orgId}/annotations`, {
      day: '2026-10-20',
      text: 'Autumn campaign',
    });
    expect(campaign.status).toBe(201);
    expect(campaign.body.annotation.siteId).toBeNull();
    const outside = await owner.post(`/api/sites/${siteA}/annotations`, {
      day: '2026-09-01',
      text: 'old',
    });
    expect(outside.status).toBe(201);

    // Readers: a shared link of site A and an API key of site B.
    const link = await owner.post(`/api/sites/${siteA}/shared-links`, {});
    const share = new Client(server.url, { 'x-pomelo-share': link.body.token });
    const key = await owner.post('/api/api-keys', { name: 'b', siteIds: [siteB] });
    const reader = new Client(server.url, { authorization: `Bearer ${key.body.secret}` });

    const report = await share.get(`/api/sites/a.notes.test/report?${range}`);
    expect(report.status).toBe(200);
    expect(report.body.annotations).toEqual([
      {
        id: release.body.annotation.id,
        day: '2026-10-05',
        text: 'Release 2.0 <script>alert(1)</script>',
        scope: 'site',
      },
      { id: campaign.body.annotation.id, day: '2026-10-20', text: 'Autumn campaign', scope: 'org' },
    ]);
    const onB = await reader.get(`/api/sites/b.notes.test/annotations?${range}`);
    expect(onB.status).toBe(200);
    expect(onB.body.annotations.map((a: any) => a.text)).toEqual(['Autumn campaign']);
    expect((await owner.get(`/api/orgs/${orgId}/annotations`)).body.annotations).toHaveLength(1);

    // Readers cannot write.
    expect(
      (await share.post(`/api/sites/${siteA}/annotations`, { day: '2026-10-06', text: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (await reader.post(`/api/orgs/${orgId}/annotations`, { day: '2026-10-06', text: 'x' }))
        .status,
    ).toBe(403);
    const viewer = await addUser(server, 'viewer@example.test', password, 'Agency', 'viewer');
    const asViewer = new Client(server.url, { cookie: await sessionCookie(server, viewer.userId) });
    expect(
      (await asViewer.post(`/api/sites/${siteA}/annotations`, { day: '2026-10-06', text: 'x' }))
        .status,
    ).toBe(403);

    // An org-wide note is not deleted through a site, nor a site's note through another site.
    expect(
      (await owner.delete(`/api/sites/${siteA}/annotations/${campaign.body.annotation.id}`)).status,
    ).toBe(404);
    expect(
      (await owner.delete(`/api/sites/${siteB}/annotations/${release.body.annotation.id}`)).status,
    ).toBe(404);
    expect(
      (await owner.delete(`/api/sites/${siteA}/annotations/${release.body.annotation.id}`)).status,
    ).toBe(204);
    expect(
      (await owner.delete(`/api/orgs/${orgId}/annotations/${campaign.body.annotation.id}`)).status,
    ).toBe(204);
    expect(
      (await share.get(`/api/sites/a.notes.test/annotations?${range}`)).body.annotations,
    ).toEqual([]);

    const rows = (await server.store.accounts.auditRows()).filter((r) =>
      r.action.startsWith('annotation.'),
    );
    expect(rows.map((r) => [r.action, r.target, r.orgId, JSON.parse(r.details)])).toEqual([
      [
        'annotation.create',
        `annotation:${release.body.annotation.id}`,
        orgId,
        { siteId: siteA, day: '2026-10-05' },
      ],
      [
        'annotation.create',
        `annotation:${campaign.body.annotation.id}`,
        orgId,
        { siteId: null, day: '2026-10-20' },
      ],
      [
        'annotation.create',
        `annotation:${outside.body.annotation.id}`,
        orgId,
        { siteId: siteA, day: '2026-09-01' },
      ],
      [
        'annotation.delete',
        `annotation:${release.body.annotation.id}`,
        orgId,
        { siteId: siteA, day: '2026-10-05' },
      ],
      [
        'annotation.delete',
        `annotation:${campaign.body.annotation.id}`,
        orgId,
        { siteId: null, day: '2026-10-20' },
      ],
    ]);
  });

  test('bad input is a 400 and changes nothing', async () => {
    const before = (
      await server.store.annotations.forSite(orgId, siteA, '0000-01-01', '9999-12-31')
    ).length;
    for (const body of [
      { day: '2026-02-30', text: 'x' },
      { day: '2026-1-5', text: 'x' },
      { day: '2026-10-05', text: '' },
      { day: '2026-10-05', text: ' \u200b\u0000 ' },
      { day: '2026-10-05', text: 'x'.repeat(201) },
      { day: '2026-10-05' },
      { day: '2026-10-05', text: 'x', siteId: siteB },
      { day: '2026-10-05', text: 5 },
    ]) {
      const res = await owner.post(`/api/sites/${siteA}/annotations`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (
        await owner.post(`/api/sites/${siteA}/annotations`, {
          day: '2026-10-05',
          text: 'x'.repeat(200),
        })
      ).status,
    ).toBe(201);
    const after = await server.store.annotations.forSite(orgId, siteA, '0000-01-01', '9999-12-31');
    expect(after.length).toBe(before + 1);
  });

  test('deleting a site deletes its notes', async () => {
    const id = (
      await owner.post(`/api/orgs/${orgId}/sites`, { domain: 'c.notes.test', timezone: 'UTC' })
    ).body.site.id;
    const note = await owner.post(`/api/sites/${id}/annotations`, {
      day: '2026-10-05',
      text: 'gone',
    });
    expect((await owner.delete(`/api/sites/${id}`)).status).toBe(204);
    expect(await server.store.annotations.byId(note.body.annotation.id)).toBeUndefined();
  });
});
