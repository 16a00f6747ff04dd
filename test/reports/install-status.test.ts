// GET /api/sites/:domain/install-status: not installed until a counted event arrives; bots do not
// count; then the local day and the UTC hour of the first event, read from the counters.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { longSessions, setupOwner, testEnv, type Client } from '../accounts/support.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
/** 2025-03-30 23:20 UTC: already 31 March in Paris (UTC+2 since that morning). */
const firstAt = Date.UTC(2025, 2, 30, 23, 20);

describe('install status', () => {
  let server: TestServer;
  let owner: Client;
  let nowMs = firstAt - 3 * 86_400_000;
  const pageview = { n: 'pageview', u: 'https://install.test/', d: 'install.test', r: null };

  beforeAll(async () => {
    server = await startTestServer({
      env: { ...testEnv, ...longSessions }, // the clock jumps days with the owner signed in
      sites: [{ domain: 'install.test', timezone: 'Europe/Paris' }],
      now: () => nowMs,
    });
    ({ client: owner } = await setupOwner(server, 'owner@install.test', 'install password 1', 'O'));
  });
  afterAll(() => server?.close());

  const status = async () => {
    const r = await owner.get('/api/sites/install.test/install-status');
    expect(r.status).toBe(200);
    return r.body;
  };

  test('nothing yet, then a bot: still not installed', async () => {
    expect(await status()).toEqual({
      site: 'install.test',
      installed: false,
      first_day: null,
      first_event_hour: null,
      recent_pageviews: 0,
      recent: { minutes: 30, counted: 0, bots: 0, not_counted: [] },
    });
    expect((await postEvent(server.url, pageview, { 'user-agent': googlebot })).status).toBe(202);
    expect((await status()).installed).toBe(false);
  });

  test('the first pageview sets the day (site timezone) and the hour (UTC)', async () => {
    nowMs = firstAt;
    expect((await postEvent(server.url, pageview)).status).toBe(202);
    nowMs = firstAt + 2 * 86_400_000;
    expect((await postEvent(server.url, pageview)).status).toBe(202);
    expect(await status()).toEqual({
      site: 'install.test',
      installed: true,
      first_day: '2025-03-31',
      first_event_hour: '2025-03-30T23:00:00Z',
      recent_pageviews: 1,
      recent: { minutes: 30, counted: 1, bots: 0, not_counted: [] },
    });
  });

  // Issue 19 §6: why a visit was not counted — counts of the last 30 minutes, nothing else.
  test('the last 30 minutes: counted, bots set aside, and events not counted with their reason', async () => {
    nowMs = firstAt + 3 * 86_400_000;
    const headless =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
    const sent = [
      await postEvent(server.url, pageview),
      await postEvent(server.url, pageview, { 'user-agent': headless }),
      await postEvent(server.url, pageview, { 'user-agent': 'curl/8.5.0' }),
      await postEvent(server.url, pageview, { 'user-agent': googlebot }),
      // data-site with a typo, on this site's pages: filed under the site the page is on.
      await postEvent(server.url, { ...pageview, d: 'instal.test' }),
      await postEvent(server.url, { ...pageview, d: 'instal.test' }),
      // This site's domain on another host's page: filed under the site the event named.
      await postEvent(server.url, { ...pageview, u: 'https://staging.example/' }),
      // Global Privacy Control, which the site honours (the default).
      await postEvent(server.url, pageview, { 'sec-gpc': '1' }),
    ];
    expect(sent.map((r) => r.status)).toEqual([202, 202, 202, 202, 404, 404, 400, 202]);
    // Another site's unknown domain on an unregistered host is nobody's: not counted anywhere here.
    await postEvent(server.url, { ...pageview, u: 'https://nobody.example/', d: 'nobody.example' });
    const body = await status();
    expect(body.recent).toEqual({
      minutes: 30,
      counted: 1,
      bots: 3,
      not_counted: [
        { reason: 'unknown_site', events: 2 },
        { reason: 'domain_mismatch', events: 1 },
        { reason: 'gpc', events: 1 },
      ],
    });
    // Half an hour later the window is empty again; the first-event facts stay.
    nowMs += 31 * 60_000;
    expect(await status()).toMatchObject({
      installed: true,
      recent: { counted: 0, bots: 0, not_counted: [] },
    });
  });

  test('POST /api/event/explain says what would happen, and counts nothing', async () => {
    const explain = async (body: unknown, ua?: string) => {
      const res = await fetch(`${server.url}/api/event/explain`, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain',
          ...(ua ? { 'user-agent': ua } : {}),
        },
        body: JSON.stringify(body),
      });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      return { status: res.status, body: await res.json() };
    };
    const before = await server.dailyRows('install.test');
    const chrome =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
    expect(await explain(pageview, chrome)).toEqual({
      status: 200,
      body: { outcome: 'counted', site: 'install.test' },
    });
    expect((await explain(pageview, 'curl/8.5.0')).body).toEqual({
      outcome: 'bot',
      site: 'install.test',
    });
    expect((await explain({ ...pageview, d: 'instal.test' }, chrome)).body).toEqual({
      outcome: 'not_counted',
      reason: 'unknown_site',
      message: 'no site is registered for this domain',
    });
    expect((await explain({ n: 'pageview', u: 'ftp://x' }, chrome)).body).toMatchObject({
      outcome: 'not_counted',
      reason: 'bad_url',
    });
    expect(await server.dailyRows('install.test')).toEqual(before);
    expect((await status()).recent).toMatchObject({ counted: 0, bots: 0, not_counted: [] });
  });

  test('unknown parameters are refused', async () => {
    const r = await owner.get('/api/sites/install.test/install-status?x=1');
    expect(r.status).toBe(400);
  });
});
