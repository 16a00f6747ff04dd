// Sessions over real HTTP: fixation, idle and absolute expiry (controllable clock), logout, CSRF,
// lock-out with backoff, and the per-client rate limit.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { Client, login, setupOwner, testEnv } from './support.js';

const password = 'sessions pomelo password 1';

describe('sessions', () => {
  let server: TestServer;
  let clock = Date.parse('2026-11-01T12:00:00Z');
  const email = 'owner@example.test';

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, now: () => clock });
    await setupOwner(server, email, password, 'Org');
  });
  afterAll(() => server.close());

  test('fixation: a planted cookie is ignored, and login issues a new id', async () => {
    const client = new Client(server.url);
    client.cookie = 'pomelo_session=ses_attacker_chosen_value';
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await client.post('/api/auth/login', { email, password })).status).toBe(200);
    expect(client.cookie).toMatch(/^pomelo_session=ses_/);
    expect(client.cookie).not.toBe('pomelo_session=ses_attacker_chosen_value');
    const first = client.cookie!;
    // A second login from the same browser rotates again and ends the first session.
    expect((await client.post('/api/auth/login', { email, password })).status).toBe(200);
    expect(client.cookie).not.toBe(first);
    const stale = new Client(server.url);
    stale.cookie = first;
    expect((await stale.get('/api/auth/me')).status).toBe(401);
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  test('the cookie is HttpOnly and SameSite=Lax', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const cookie = res.headers.getSetCookie().at(-1)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; Secure comes with an https public URL
  });

  test('defaults meet ASVS 4.0 V3.3.2 level 2: 30 minutes idle, 12 hours absolute', () => {
    expect(server.config.sessionIdleMinutes).toBe(30);
    expect(server.config.sessionMaxHours).toBe(12);
  });

  test('idle expiry and absolute expiry are enforced on the server', async () => {
    const client = await login(server, email, password);
    clock += (server.config.sessionIdleMinutes - 1) * 60_000;
    expect((await client.get('/api/auth/me')).status).toBe(200);
    clock += (server.config.sessionIdleMinutes + 1) * 60_000;
    expect((await client.get('/api/auth/me')).status).toBe(401);

    const busy = await login(server, email, password);
    // Active just inside the idle limit every time, it still ends after the absolute lifetime.
    const step = (server.config.sessionIdleMinutes - 1) * 60_000;
    const end = clock + server.config.sessionMaxHours * 3_600_000;
    while (clock + step < end) {
      clock += step;
      expect((await busy.get('/api/auth/me')).status).toBe(200);
    }
    clock = end;
    expect((await busy.get('/api/auth/me')).status).toBe(401);
  });

  test('logout ends the session on the server, not only in the browser', async () => {
    const client = await login(server, email, password);
    const copy = new Client(server.url);
    copy.cookie = client.cookie;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await copy.get('/api/auth/me')).status).toBe(401);
  });

  test('a password change ends other sessions and rotates this one', async () => {
    const a = await login(server, email, password);
    const b = await login(server, email, password);
    const before = a.cookie;
    expect((await a.post('/api/auth/password', { current: password, password })).status).toBe(204);
    expect(a.cookie).not.toBe(before);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
  });

  test('CSRF: a cross-site or Origin-less state change with the cookie is refused', async () => {
    const client = await login(server, email, password);
    const orgs = (await client.get('/api/orgs')).body.orgs;
    const body = { name: 'Evil Org' };
    const evil = await client.request('POST', '/api/orgs', body, {
      origin: 'https://evil.example',
    });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('csrf');
    const fetchSite = await client.request('POST', '/api/orgs', body, {
      origin: server.url,
      'sec-fetch-site': 'cross-site',
    });
    expect(fetchSite.status).toBe(403);
    const res = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: client.cookie! },
    });
    expect(res.status).toBe(403);
    const form = await fetch(`${server.url}/api/orgs`, {
      method: 'POST',
      headers: { cookie: client.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Evil',
    });
    expect(form.status).toBe(403);
    expect((await client.get('/api/orgs')).body.orgs).toEqual(orgs);
  });

  test('lock-out: after 5 failures the right password is refused too, with a growing wait', async () => {
    const victim = 'victim@example.test';
    const { addUser } = await import('./support.js');
    await addUser(server, victim, password, 'Org', 'viewer');
    const c = new Client(server.url);
    for (let i = 0; i < 4; i++) {
      expect(
        (await c.post('/api/auth/login', { email: victim, password: 'wrong password!!' })).status,
      ).toBe(401);
    }
    const fifth = await c.post('/api/auth/login', { email: victim, password: 'wrong password!!' });
    expect(fifth.status).toBe(429);
    expect(Number(fifth.headers.get('retry-after'))).toBe(30);
    const right = await c.post('/api/auth/login', { email: victim, password });
    expect(right.status).toBe(429);
    clock += 31_000;
    const sixth = await c.post('/api/auth/login', { email: victim, password: 'wrong password!!' });
    expect(Number(sixth.headers.get('retry-after'))).toBe(60);
    clock += 61_000;
    expect((await c.post('/api/auth/login', { email: victim, password })).status).toBe(200);
    // Success resets the count.
    expect(
      (await c.post('/api/auth/login', { email: victim, password: 'wrong password!!' })).status,
    ).toBe(401);
  });
});

describe('invitations expire', () => {
  let server: TestServer;
  let clock = Date.parse('2026-11-01T12:00:00Z');

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, now: () => clock });
  });
  afterAll(() => server.close());

  test('an invitation works until its 7th day and never after', async () => {
    const { client, orgId } = await setupOwner(server, 'inviter@example.test', password, 'Org');
    const invite = async () =>
      (await client.post(`/api/orgs/${orgId}/invitations`, { role: 'viewer' })).body
        .token as string;
    const accept = (token: string, email: string) =>
      new Client(server.url).post('/api/invitations/accept', { token, email, password });

    const early = await invite();
    const late = await invite();
    clock += 7 * 86_400_000 - 60_000; // a minute before the end
    expect((await accept(early, 'early@example.test')).status).toBe(200);
    clock += 60_000; // exactly at the end
    const expired = await accept(late, 'late@example.test');
    expect(expired.status).toBe(404);
    expect(expired.body.error.message).toMatch(/expired/);
    // Nothing was created for the refused attempt.
    expect(await server.pomelo.store.accounts.userByEmail('late@example.test')).toBeUndefined();
    // A week went by: the owner's session has idled out, so sign in again.
    const owner = await login(server, 'inviter@example.test', password);
    const members = await owner.get(`/api/orgs/${orgId}/members`);
    expect(JSON.stringify(members.body)).toContain('early@example.test');
    expect(JSON.stringify(members.body)).not.toContain('late@example.test');
  });
});

describe('login rate limit per client', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { POMELO_AUTH_RATE: '3' } });
  });
  afterAll(() => server.close());

  test('past the limit: 429 with Retry-After, and no IP in the logs', async () => {
    const c = new Client(server.url);
    const body = { email: 'nobody@example.test', password };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await c.post('/api/auth/login', body)).status);
    expect(statuses.slice(0, 3)).toEqual([409, 409, 409]); // not set up yet
    expect(statuses.slice(3)).toEqual([429, 429]);
    const r = await c.post('/api/auth/login', body);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(server.logs.join('')).not.toContain('127.0.0.1');
  });
});

describe('login rate limit behind a trusted reverse proxy (POMELO_TRUSTED_PROXIES)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { POMELO_AUTH_RATE: '2', POMELO_TRUSTED_PROXIES: '127.0.0.1,::1' },
    });
  });
  afterAll(() => server.close());

  test('each forwarded client has its own bucket; a spoofed left entry changes nothing', async () => {
    const body = { email: 'nobody@example.test', password };
    const from = (forwarded: string) =>
      new Client(server.url, { 'x-forwarded-for': forwarded }).post('/api/auth/login', body);
    const a = [];
    for (let i = 0; i < 3; i++) a.push((await from('198.51.100.1')).status);
    expect(a).toEqual([409, 409, 429]);
    // Another client behind the same proxy is not locked out by the first one.
    expect((await from('198.51.100.2')).status).toBe(409);
    // The client cannot escape its bucket by prepending addresses of its own.
    expect((await from('6.6.6.6, 198.51.100.1')).status).toBe(429);
    expect(server.logs.join('')).not.toContain('198.51.100');
  });
});
