// The audit log records each action, owners export it, the chain check finds tampering; and no
// password, token or key is ever stored or logged in clear (database files and log lines scanned).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyChain } from '../../server/accounts/audit-chain.js';
import { auditTrailOf } from '../../server/accounts/audit-trail.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { Client, databaseText, login, rawSql, setupOwner, testEnv } from './support.js';

const password = 'audit pomelo password 77';
const memberPassword = 'member pomelo password 88';
const linkPassword = 'shared link secret 99';

describe('audit log and secrets', () => {
  let server: TestServer;
  let owner: Client;
  let orgId: number;
  const secrets: string[] = [password, memberPassword, linkPassword];

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv });
    const o = await setupOwner(server, 'owner@example.test', password, 'Agency');
    owner = o.client;
    orgId = o.orgId;
    secrets.push(new URL(server.pomelo.setupUrl!).hash.slice(7));
    secrets.push(owner.cookie!.split('=')[1]!);
    // Every audited action once.
    await new Client(server.url).post('/api/auth/login', {
      email: 'owner@example.test',
      password: 'not the password',
    });
    const site = (
      await owner.post(`/api/orgs/${orgId}/sites`, { domain: 'a.test', timezone: 'UTC' })
    ).body.site;
    await owner.patch(`/api/sites/${site.id}`, {
      retentionMonths: 13,
      excludedPaths: ['/admin/*'],
    });
    const inv = await owner.post(`/api/orgs/${orgId}/invitations`, { role: 'viewer' });
    secrets.push(inv.body.token);
    const member = new Client(server.url);
    expect(
      (
        await member.post('/api/invitations/accept', {
          token: inv.body.token,
          email: 'm@example.test',
          password: memberPassword,
        })
      ).status,
    ).toBe(200);
    secrets.push(member.cookie!.split('=')[1]!);
    const memberId = (await member.get('/api/auth/me')).body.user.id;
    await owner.patch(`/api/orgs/${orgId}/members/${memberId}`, { role: 'admin' });
    const link = await owner.post(`/api/sites/${site.id}/shared-links`, { password: linkPassword });
    secrets.push(link.body.token);
    const shared = await new Client(server.url, {
      'x-pomelo-share': link.body.token,
      'x-pomelo-share-password': linkPassword,
    }).get(`/api/sites/${site.id}/info`);
    expect(shared.status).toBe(200);
    await owner.delete(`/api/sites/${site.id}/shared-links/${link.body.link.id}`);
    const key = await owner.post('/api/api-keys', { name: 'stats', siteIds: [site.id] });
    secrets.push(key.body.secret);
    expect(
      (
        await new Client(server.url, { authorization: `Bearer ${key.body.secret}` }).get(
          '/api/sites/a.test/info',
        )
      ).status,
    ).toBe(200);
    await owner.delete(`/api/api-keys/${key.body.key.id}`);
    expect(
      (
        await new Client(server.url, { authorization: `Bearer ${key.body.secret}` }).get(
          '/api/sites/a.test/info',
        )
      ).status,
    ).toBe(401);
    await owner.delete(`/api/orgs/${orgId}/members/${memberId}`);
    await owner.delete(`/api/sites/${site.id}`);
    await login(server, 'owner@example.test', password);
  });
  afterAll(() => server.close());

  test('each action is in the owner’s audit view, with actor, time and target', async () => {
    const rows = (await owner.get(`/api/orgs/${orgId}/audit`)).body.rows as {
      action: string;
      actor: string;
      target: string;
      at: string;
    }[];
    const actions = rows.map((r) => r.action);
    for (const a of [
      'org.create',
      'member.add',
      'setup.complete',
      'login.failure',
      'site.create',
      'site.update',
      'invitation.create',
      'member.role',
      'shared_link.create',
      'shared_link.revoke',
      'api_key.create',
      'api_key.revoke',
      'member.remove',
      'site.delete',
      'login.success',
    ]) {
      expect(actions, a).toContain(a);
    }
    for (const r of rows) {
      expect(r.actor).toMatch(/^(user:\d+|anonymous|test|cli)$/);
      expect(Date.parse(r.at)).not.toBeNaN();
      expect(r.target).not.toBe('');
    }
  });

  test('owners export CSV and JSON', async () => {
    const csv = await owner.get(`/api/orgs/${orgId}/audit?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('"id","at","actor","action","target","details","prevHash","hash"');
    expect(lines[1]).toMatch(/^\d+,"\d{4}-/); // ids bare numbers, every string quoted
    const json = await owner.get(`/api/orgs/${orgId}/audit?format=json`);
    expect(lines.length - 1).toBe(json.body.rows.length);
  });

  test('the chain verifies, and finds a modified or a deleted row', async () => {
    const key = auditTrailOf(server.pomelo.store).key;
    const rows = await server.pomelo.store.accounts.auditRows();
    expect(verifyChain(rows, key).breaks).toEqual([]);
    await rawSql(server, `UPDATE audit_log SET target = 'user:999' WHERE id = 3`);
    expect(verifyChain(await server.pomelo.store.accounts.auditRows(), key).breaks).toEqual([
      { id: 3, problem: 'altered_row' },
    ]);
    await rawSql(server, 'DELETE FROM audit_log WHERE id = 3');
    expect(verifyChain(await server.pomelo.store.accounts.auditRows(), key).breaks).toMatchObject([
      { id: 4, problem: 'broken_link' },
    ]);
  });

  test('no password, token or key in the database files or the logs', async () => {
    if (server.backend === 'sqlite') await server.pomelo.store.close().catch(() => undefined);
    const haystack = [await databaseText(server), server.logs.join('\n')];
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    for (const secret of secrets) {
      for (const text of haystack) expect(text.includes(secret), secret.slice(0, 6)).toBe(false);
    }
    expect(haystack.join('')).toContain('$argon2id$');
  });
});
