// First run: a setup link on a fresh database, no login before setup, and the token works once.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { Client, setupToken, testEnv } from './support.js';

const password = 'first run pomelo password';

describe('first run', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, sites: [{ domain: 'cli-site.test' }] });
  });
  afterAll(() => server.close());

  test('a setup link is issued, and nothing can sign in before setup', async () => {
    expect(server.pomelo.setupUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/setup#token=setup_[\w-]{43}$/,
    );
    const c = new Client(server.url);
    expect((await c.get('/api/setup')).body).toEqual({ needed: true });
    const login = await c.post('/api/auth/login', { email: 'owner@example.test', password });
    expect(login.status).toBe(409);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  test('a wrong token or a weak password changes nothing', async () => {
    const c = new Client(server.url);
    const body = { email: 'owner@example.test', password, orgName: 'Agency' };
    expect((await c.post('/api/setup', { ...body, token: 'setup_wrong' })).status).toBe(403);
    const weak = await c.post('/api/setup', {
      ...body,
      password: 'password1234',
      token: setupToken(server),
    });
    expect(weak.status).toBe(400);
    expect(await server.pomelo.store.accounts.countUsers()).toBe(0);
  });

  test('the token creates the first owner once, who adopts CLI sites', async () => {
    const c = new Client(server.url);
    const body = {
      email: 'Owner@Example.test',
      password,
      orgName: 'Agency',
      token: setupToken(server),
    };
    const first = await c.post('/api/setup', body);
    expect(first.status).toBe(201);
    expect(first.body.user.email).toBe('owner@example.test');
    const me = await c.get('/api/auth/me');
    expect(me.body.orgs).toEqual([{ id: first.body.org.id, name: 'Agency', role: 'owner' }]);
    const sites = await c.get(`/api/orgs/${first.body.org.id}/sites`);
    expect(sites.body.sites.map((s: { domain: string }) => s.domain)).toEqual(['cli-site.test']);
    expect(sites.body.sites[0].retentionMonths).toBe(25);

    const again = await new Client(server.url).post('/api/setup', {
      ...body,
      email: 'other@example.test',
    });
    expect(again.status).toBe(409);
    expect((await c.get('/api/setup')).body).toEqual({ needed: false });
    expect(
      (
        await new Client(server.url).post('/api/auth/login', {
          email: 'owner@example.test',
          password,
        })
      ).status,
    ).toBe(200);
  });
});
