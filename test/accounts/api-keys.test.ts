// API keys (issue 11 item 9): an optional expiry, refused after it with a 401 that names it; the
// last use recorded at most once a minute and listed. Real HTTP, SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { Client, login, setupOwner, testEnv } from './support.js';

const password = 'api keys password 1234';
const email = 'owner@example.test';

describe('API key expiry and last use', () => {
  let server: TestServer;
  let clock = Date.parse('2026-11-01T12:00:00Z');
  let owner: Client;
  let siteId: number;

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, now: () => clock });
    const setup = await setupOwner(server, email, password, 'Org');
    owner = setup.client;
    const site = await owner.post(`/api/orgs/${setup.orgId}/sites`, {
      domain: 'keys.example.test',
      timezone: 'UTC',
    });
    siteId = site.body.site.id;
  });
  afterAll(() => server.close());

  const read = (secret: string) =>
    new Client(server.url, { authorization: `Bearer ${secret}` }).get(
      '/api/sites/keys.example.test/info',
    );

  test('a key with an expiry works until then, and is refused after with a 401 naming it', async () => {
    const expiresAt = new Date(clock + 86_400_000).toISOString();
    const created = await owner.post('/api/api-keys', {
      name: 'wall',
      siteIds: [siteId],
      expiresAt,
    });
    expect(created.status).toBe(201);
    expect(created.body.key.expiresAt).toBe(expiresAt);
    const forever = await owner.post('/api/api-keys', { name: 'forever', siteIds: [siteId] });
    expect(forever.body.key.expiresAt).toBeNull();
    const listed = (await owner.get('/api/api-keys')).body.keys;
    expect(listed.find((k: { name: string }) => k.name === 'wall').expiresAt).toBe(expiresAt);

    clock += 86_400_000 - 1_000;
    expect((await read(created.body.secret)).status).toBe(200);
    clock += 1_000; // exactly at the expiry
    const refused = await read(created.body.secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('api_key_expired');
    expect(refused.body.error.message).toContain(expiresAt);
    // The Stats API answers the same way.
    const query = await new Client(server.url, {
      authorization: `Bearer ${created.body.secret}`,
    }).post('/api/v2/query', {
      site_id: 'keys.example.test',
      metrics: ['visits'],
      date_range: '7d',
    });
    expect(query.status).toBe(401);
    expect(query.body.error.code).toBe('api_key_expired');
    // A key without an expiry keeps working.
    expect((await read(forever.body.secret)).status).toBe(200);
    owner = await login(server, email, password);
  });

  test('an expiry in the past, or absurdly far, is a 400 that creates nothing', async () => {
    const before = (await owner.get('/api/api-keys')).body.keys.length;
    for (const expiresAt of [
      new Date(clock - 1).toISOString(),
      new Date(clock + 6 * 365 * 86_400_000).toISOString(),
      'tomorrow',
    ]) {
      const r = await owner.post('/api/api-keys', { name: 'bad', siteIds: [siteId], expiresAt });
      expect(r.status).toBe(400);
    }
    expect((await owner.get('/api/api-keys')).body.keys.length).toBe(before);
  });

  test('last use is recorded at most once a minute and listed', async () => {
    const created = await owner.post('/api/api-keys', { name: 'busy', siteIds: [siteId] });
    const lastUsed = async () =>
      (await owner.get('/api/api-keys')).body.keys.find(
        (k: { id: string }) => k.id === created.body.key.id,
      ).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const first = clock;
    expect((await read(created.body.secret)).status).toBe(200);
    expect(await lastUsed()).toBe(new Date(first).toISOString());
    clock += 30_000;
    expect((await read(created.body.secret)).status).toBe(200);
    expect(await lastUsed()).toBe(new Date(first).toISOString()); // not written again yet
    clock += 31_000;
    expect((await read(created.body.secret)).status).toBe(200);
    expect(await lastUsed()).toBe(new Date(clock).toISOString());
  });
});
