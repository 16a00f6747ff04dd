// Issue 11, item 5: who may create organisations, conflict and mismatch answers that name no
// other tenant, and audit rows visible only to the organisations they concern. Both backends.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureInstanceAdmin } from '../../server/accounts/users.js';
import { userAdd } from '../../server/cli/users.js';
import { runCommand } from '../support/cli.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';
import { addUser, Client, login, setupOwner, testEnv } from './support.js';

const password = 'tenancy pomelo password 1';

describe('tenancy', () => {
  let server: TestServer;
  let ownerA: Client;
  let ownerB: Client;
  let viewerA: Client;
  let member: Client;
  let orgA: number;
  let orgB: number;
  let siteA: number;
  let siteB: number;

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv });
    const a = await setupOwner(server, 'owner-a@tenancy.test', password, 'Acme Secret Agency');
    ownerA = a.client;
    orgA = a.orgId;
    const b = await addUser(server, 'owner-b@tenancy.test', password, 'Bravo Org', 'owner');
    orgB = b.orgId;
    ownerB = await login(server, 'owner-b@tenancy.test', password);
    await addUser(server, 'viewer-a@tenancy.test', password, 'Acme Secret Agency', 'viewer');
    viewerA = await login(server, 'viewer-a@tenancy.test', password);
    // One person in both orgs: admin of A, admin of B.
    await addUser(server, 'shared@tenancy.test', password, 'Acme Secret Agency', 'admin');
    await addUser(server, 'shared@tenancy.test', password, 'Bravo Org', 'admin');
    member = await login(server, 'shared@tenancy.test', password);
    siteA = (
      await ownerA.post(`/api/orgs/${orgA}/sites`, {
        domain: 'acme-client.test',
        timezone: 'UTC',
      })
    ).body.site.id;
    siteB = (
      await ownerB.post(`/api/orgs/${orgB}/sites`, { domain: 'bravo.test', timezone: 'UTC' })
    ).body.site.id;
  });
  afterAll(() => server?.close());

  describe('who may create organisations (POMELO_ORG_CREATION=admins, the default)', () => {
    test('a signed-in viewer or owner who is not an instance admin gets 403', async () => {
      for (const client of [viewerA, ownerB]) {
        const r = await client.post('/api/orgs', { name: `Mine ${Math.random()}` });
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe('forbidden');
      }
      expect((await ownerB.get('/api/orgs')).body.orgs).toHaveLength(1);
    });

    test('the owner made by setup is an instance admin and may', async () => {
      expect((await ownerA.get('/api/auth/me')).body.user.instanceAdmin).toBe(true);
      expect((await ownerB.get('/api/auth/me')).body.user.instanceAdmin).toBe(false);
      const r = await ownerA.post('/api/orgs', { name: 'Second Org' });
      expect(r.status).toBe(201);
    });

    test('`pomelo user add EMAIL --instance-admin` grants it (audited)', async () => {
      const { lines } = await runCommand(userAdd, {
        config: server.config,
        store: server.store,
        args: ['owner-b@tenancy.test'],
        options: { 'instance-admin': true },
        readPassword: async () => password,
      });
      expect(lines.join('\n')).toMatch(/instance administrator/);
      const again = await login(server, 'owner-b@tenancy.test', password);
      expect((await again.post('/api/orgs', { name: 'Bravo Two' })).status).toBe(201);
      const rows = await server.store.accounts.auditRows();
      expect(rows.filter((r) => r.action === 'user.instance_admin').map((r) => r.target)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^user:\d+$/)]),
      );
    });
  });

  describe('conflicts and mismatches name no other tenant', () => {
    test("a site whose domain another org holds: a neutral 409, the same as for one's own", async () => {
      const other = await ownerB.post(`/api/orgs/${orgB}/sites`, {
        domain: 'acme-client.test',
        timezone: 'UTC',
      });
      const own = await ownerA.post(`/api/orgs/${orgA}/sites`, {
        domain: 'acme-client.test',
        timezone: 'UTC',
      });
      expect(other.status).toBe(409);
      expect(other.body).toEqual(own.body);
      const text = JSON.stringify(other.body);
      expect(text).not.toMatch(/acme|registered/i);
      expect(other.body.error.message).toBe(
        'this domain cannot be added; contact your Pomelo administrator',
      );
    });

    test('an organisation name in use: a neutral 409', async () => {
      const r = await ownerA.post('/api/orgs', { name: 'Bravo Org' });
      expect(r.status).toBe(409);
      expect(JSON.stringify(r.body)).not.toMatch(/bravo|exists/i);
    });

    test('domain_mismatch on /api/event does not echo the registered domain', async () => {
      for (const body of [
        { n: 'pageview', u: 'https://evil.test/', d: 'www.acme-client.test' },
        { n: 'pageview', u: 'https://evil.test/', d: 'acme-client.test' },
      ]) {
        const r = await postEvent(server.url, body);
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ error: { code: 'domain_mismatch' } });
        expect(JSON.stringify(r.body)).not.toMatch(/acme/);
      }
    });
  });

  describe('audit rows are visible only to the organisations they concern', () => {
    test("an API key over both orgs' sites: each org sees its own row naming only its sites", async () => {
      const created = await member.post('/api/api-keys', { name: 'both', siteIds: [siteA, siteB] });
      expect(created.status).toBe(201);
      const keyId = created.body.key.id as string;
      expect((await member.delete(`/api/api-keys/${keyId}`)).status).toBe(204);
      const seen = async (client: Client, orgId: number) =>
        (await client.get(`/api/orgs/${orgId}/audit`)).body.rows as {
          action: string;
          details: string;
          orgId: number | null;
        }[];
      const a = await seen(ownerA, orgA);
      const b = await seen(ownerB, orgB);
      for (const action of ['api_key.create', 'api_key.revoke']) {
        const inA = a.filter((r) => r.action === action);
        const inB = b.filter((r) => r.action === action);
        expect(inA.map((r) => JSON.parse(r.details).siteIds)).toEqual([[siteA]]);
        expect(inB.map((r) => JSON.parse(r.details).siteIds)).toEqual([[siteB]]);
        expect(inA.every((r) => r.orgId === orgA)).toBe(true);
      }
      // No row an org sees names a site or an org of the other one.
      for (const [rows, foreignSite, foreignOrg] of [
        [a, siteB, orgB],
        [b, siteA, orgA],
      ] as const) {
        for (const r of rows) {
          expect(r.orgId === null || r.orgId === (foreignOrg === orgB ? orgA : orgB)).toBe(true);
          const details = JSON.parse(r.details) as { siteIds?: number[] };
          expect(details.siteIds ?? []).not.toContain(foreignSite);
        }
      }
      // CSV export: the same rows.
      const csv = (await ownerA.get(`/api/orgs/${orgA}/audit?format=csv`)).body as string;
      expect(csv).not.toContain(`[${siteA},${siteB}]`);
    });

    test("a shared member's sign-ins are shown to both orgs; instance-level rows to neither", async () => {
      const rowsA = (await ownerA.get(`/api/orgs/${orgA}/audit`)).body.rows as {
        action: string;
        orgId: number | null;
        target: string;
      }[];
      const rowsB = (await ownerB.get(`/api/orgs/${orgB}/audit`)).body.rows as typeof rowsA;
      const sharedId = (await member.get('/api/auth/me')).body.user.id as number;
      for (const rows of [rowsA, rowsB]) {
        expect(
          rows.some((r) => r.action === 'login.success' && r.target === `user:${sharedId}`),
        ).toBe(true);
        expect(rows.filter((r) => r.orgId === null).map((r) => r.action)).not.toContain(
          'user.instance_admin',
        );
        expect(rows.map((r) => r.action)).not.toContain('audit.rekey');
      }
    });
  });
});

describe('an install upgraded from before instance administrators', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: testEnv });
  });
  afterAll(() => server?.close());

  test('its first account becomes one at start (audited), once', async () => {
    // Accounts made without setup, as an older version's users table holds them (no flag set).
    const first = await addUser(server, 'first@upgrade.test', password, 'Old Org', 'owner');
    await addUser(server, 'second@upgrade.test', password, 'Old Org', 'owner');
    expect(await server.store.accounts.instanceAdmins()).toEqual([]);
    await ensureInstanceAdmin(server.store, Date.now());
    await ensureInstanceAdmin(server.store, Date.now());
    expect(await server.store.accounts.instanceAdmins()).toEqual([first.userId]);
    const granted = (await server.store.accounts.auditRows()).filter(
      (r) => r.action === 'user.instance_admin',
    );
    expect(granted).toMatchObject([{ target: `user:${first.userId}`, actor: 'system' }]);
    expect(JSON.parse(granted[0]!.details)).toEqual({ reason: 'upgrade' });
  });
});

describe('POMELO_ORG_CREATION=anyone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { ...testEnv, POMELO_ORG_CREATION: 'anyone' } });
    await setupOwner(server, 'owner@anyone.test', password, 'First');
    await addUser(server, 'viewer@anyone.test', password, 'First', 'viewer');
  });
  afterAll(() => server?.close());

  test('any signed-in user may create an organisation', async () => {
    const viewer = await login(server, 'viewer@anyone.test', password);
    const r = await viewer.post('/api/orgs', { name: 'Viewer Org' });
    expect(r.status).toBe(201);
    expect(r.body.org).toMatchObject({ name: 'Viewer Org', role: 'owner' });
  });
});
