// Issue 18 item 2 and issue 11 item 8, over real HTTP on 127.0.0.1: HTTPS mode with an https://
// POMELO_PUBLIC_URL, and behind a trusted TLS-terminating proxy (X-Forwarded-Proto: https) with
// POMELO_TRUSTED_PROXIES as a CIDR range: __Host- cookies with Secure, HSTS, links on the public
// URL. And the CSRF origin check: only configured origins or the socket's own, never Host.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { Client, setupToken, testEnv } from './support.js';

const password = 'https mode password 12';
const publicUrl = 'https://stats.example.test';

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A request with headers fetch() will not send as given (Host), straight over node:http. */
function raw(
  server: TestServer,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: {
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode!, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const sessionSetCookie = (headers: Headers | http.IncomingHttpHeaders) => {
  const all = headers instanceof Headers ? headers.getSetCookie() : (headers['set-cookie'] ?? []);
  return all.find((c) => c.includes('pomelo_session='));
};

/** Setup + an org + a site, over HTTP with the given extra headers; returns what the tests need. */
async function setUp(server: TestServer, client: Client) {
  const setup = await client.post('/api/setup', {
    token: setupToken(server),
    email: 'owner@example.test',
    password,
    orgName: 'Org',
  });
  expect(setup.status).toBe(201);
  const orgId = setup.body.org.id as number;
  const site = await client.post(`/api/orgs/${orgId}/sites`, {
    domain: 'shop.example.test',
    timezone: 'UTC',
  });
  expect(site.status).toBe(201);
  return { setup, orgId, siteId: site.body.site.id as number };
}

describe('HTTPS mode: POMELO_PUBLIC_URL=https://…', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { ...testEnv, POMELO_PUBLIC_URL: publicUrl } });
  });
  afterAll(() => server.close());

  test('__Host- session cookie with Secure, HSTS, every link on the public URL', async () => {
    // The setup link printed at start is on the public URL.
    expect(server.pomelo.setupUrl).toMatch(/^https:\/\/stats\.example\.test\/setup#token=setup_/);
    const client = new Client(server.url, { origin: publicUrl });
    const { setup, orgId, siteId } = await setUp(server, client);

    const cookie = sessionSetCookie(setup.headers)!;
    expect(cookie).toMatch(/^__Host-pomelo_session=ses_/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).not.toMatch(/Domain=/i);
    expect((await client.get('/api/auth/me')).status).toBe(200);

    for (const path of ['/', '/api/auth/me']) {
      const res = await client.get(path);
      expect(res.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
    const invite = await client.post(`/api/orgs/${orgId}/invitations`, { role: 'viewer' });
    expect(invite.status).toBe(201);
    expect(invite.body.url).toMatch(/^https:\/\/stats\.example\.test\/invite#token=/);
    const share = await client.post(`/api/sites/${siteId}/shared-links`, { label: 'wall' });
    expect(share.status).toBe(201);
    expect(share.body.url).toMatch(
      new RegExp(`^https://stats\\.example\\.test/share/${siteId}/${share.body.link.id}#token=`),
    );
    // A Host header naming another site changes no link.
    const hostile = await raw(
      server,
      'POST',
      `/api/orgs/${orgId}/invitations`,
      { origin: publicUrl, host: 'evil.example', cookie: client.cookie! },
      { role: 'viewer' },
    );
    expect(hostile.status).toBe(201);
    expect(hostile.body.url).toMatch(/^https:\/\/stats\.example\.test\//);
  });

  test('only the public origin may change state: not the socket address, not Host', async () => {
    const client = new Client(server.url, { origin: publicUrl });
    await client.post('/api/auth/login', { email: 'owner@example.test', password });
    const loopback = await client.post(
      '/api/orgs',
      { name: 'From loopback' },
      { origin: server.url },
    );
    expect(loopback.status).toBe(403);
    expect(loopback.body.error.code).toBe('csrf');
    const ok = await client.post('/api/orgs', { name: 'From the public origin' });
    expect(ok.status).toBe(201);
  });
});

describe('behind a trusted TLS-terminating proxy (CIDR), without POMELO_PUBLIC_URL', () => {
  let server: TestServer;
  const proxied = { 'x-forwarded-proto': 'https', origin: publicUrl };
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        ...testEnv,
        POMELO_TRUSTED_PROXIES: '127.0.0.0/8,::1/128',
        POMELO_ALLOWED_ORIGINS: publicUrl,
      },
    });
  });
  afterAll(() => server.close());

  test('X-Forwarded-Proto: https from the proxy: __Host- + Secure, HSTS, https links', async () => {
    const client = new Client(server.url, proxied);
    const { setup, orgId, siteId } = await setUp(server, client);
    const cookie = sessionSetCookie(setup.headers)!;
    expect(cookie).toMatch(/^__Host-pomelo_session=ses_/);
    expect(cookie).toMatch(/; Secure/);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);

    // Links: the host the proxy forwarded, with https.
    const invite = await raw(
      server,
      'POST',
      `/api/orgs/${orgId}/invitations`,
      { ...proxied, host: 'stats.example.test', cookie: client.cookie! },
      { role: 'viewer' },
    );
    expect(invite.status).toBe(201);
    expect(invite.body.url).toMatch(/^https:\/\/stats\.example\.test\/invite#token=/);
    const share = await raw(
      server,
      'POST',
      `/api/sites/${siteId}/shared-links`,
      { ...proxied, host: 'stats.example.test', cookie: client.cookie! },
      {},
    );
    expect(share.body.url).toMatch(/^https:\/\/stats\.example\.test\/share\//);
  });

  test('the same proxy without X-Forwarded-Proto: plain HTTP, no Secure, no HSTS', async () => {
    const client = new Client(server.url, { origin: publicUrl });
    const res = await client.post('/api/auth/login', { email: 'owner@example.test', password });
    expect(res.status).toBe(200);
    const cookie = sessionSetCookie(res.headers)!;
    expect(cookie).toMatch(/^pomelo_session=/);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('X-Forwarded-Proto from an untrusted peer is ignored', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { ...testEnv, POMELO_TRUSTED_PROXIES: '10.0.0.0/8,fd00::/8' },
    });
  });
  afterAll(() => server.close());

  test('no __Host-, no Secure, no HSTS, http links', async () => {
    const client = new Client(server.url, { 'x-forwarded-proto': 'https' });
    const { setup, orgId } = await setUp(server, client);
    const cookie = sessionSetCookie(setup.headers)!;
    expect(cookie).toMatch(/^pomelo_session=/);
    expect(cookie).not.toMatch(/Secure/);
    expect(setup.headers.get('strict-transport-security')).toBeNull();
    const invite = await client.post(`/api/orgs/${orgId}/invitations`, { role: 'viewer' });
    expect(invite.body.url.startsWith(`${server.url}/invite#token=`)).toBe(true);
  });
});

describe('CSRF without POMELO_PUBLIC_URL: DNS rebinding', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer({ env: testEnv });
    const client = new Client(server.url);
    await setUp(server, client);
    cookie = client.cookie!;
  });
  afterAll(() => server.close());

  test('a page on a host name resolving to 127.0.0.1 is refused even though Host matches it', async () => {
    const rebound = `http://rebind.evil.example:${server.port}`;
    const res = await raw(
      server,
      'POST',
      '/api/orgs',
      { origin: rebound, host: `rebind.evil.example:${server.port}`, cookie },
      { name: 'Rebound' },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf');
    // Without a cookie too (a first-run setup or a login through a rebound page).
    const login = await raw(
      server,
      'POST',
      '/api/auth/login',
      { origin: rebound, host: `rebind.evil.example:${server.port}` },
      { email: 'owner@example.test', password },
    );
    expect(login.status).toBe(403);
  });

  test('the page npm start serves (http://127.0.0.1:PORT, or localhost) works', async () => {
    for (const origin of [server.url, `http://localhost:${server.port}`]) {
      const res = await raw(
        server,
        'POST',
        '/api/orgs',
        { origin, host: new URL(origin).host, cookie },
        { name: `Org via ${origin}` },
      );
      expect(res.status).toBe(201);
    }
  });
});

describe('per-client limit behind a CIDR-trusted proxy: IPv6 clients by /64', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { POMELO_AUTH_RATE: '2', POMELO_TRUSTED_PROXIES: '127.0.0.0/8' },
    });
  });
  afterAll(() => server.close());

  test('two addresses of one /64 share a bucket; another /64 has its own', async () => {
    const attempt = (xff: string) =>
      new Client(server.url, { 'x-forwarded-for': xff }).post('/api/auth/login', {
        email: 'nobody@example.test',
        password,
      });
    expect((await attempt('2001:db8:1:2::1')).status).toBe(409); // not set up yet: counted
    expect((await attempt('2001:db8:1:2::2')).status).toBe(409);
    expect((await attempt('2001:db8:1:2:ffff::3')).status).toBe(429);
    expect((await attempt('2001:db8:1:3::1')).status).toBe(409);
    expect((await attempt('198.51.100.7')).status).toBe(409);
  });
});
