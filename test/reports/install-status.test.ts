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
    });
  });

  test('unknown parameters are refused', async () => {
    const r = await owner.get('/api/sites/install.test/install-status?x=1');
    expect(r.status).toBe(400);
  });
});
