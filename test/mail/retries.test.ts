// Issue 14 §4: an SMTP server that refuses (451) gets the message again after a backoff, and after
// the bound the message is given up visibly — in the log and in the dashboard's send log; a server
// that recovers gets it once. Mail features say clearly when mail is not configured.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testBackends } from '../support/db.js';
import { startTestServer } from '../support/server.js';
import { setupOwner, testEnv } from '../accounts/support.js';
import { startMailFixture, type MailFixture } from './support.js';

const settings = {
  weekly: true,
  monthly: false,
  hour: 8,
  spikePercent: 0,
  quietHours: 0,
  cooldownHours: 24,
};

describe.each(testBackends())('retries and giving up (%s)', (backend) => {
  let f: MailFixture;
  beforeAll(async () => {
    f = await startMailFixture(backend, {}, { maxAttempts: 3, backoffMs: (n) => 60_000 * n });
    f.clock.now = Date.parse('2026-11-29T12:00:00Z');
    const put = await f.owner.request('PUT', `/api/sites/${f.siteId}/mail`, {
      ...settings,
      recipients: [{ address: 'client@client.test' }],
    });
    expect(put.status).toBe(200);
  });
  afterAll(() => f?.close());

  test('451 three times: retried after 1 then 2 minutes, then given up, visibly', async () => {
    const run = (at: string) => f.server.pomelo.mailer.run((f.clock.now = Date.parse(at)));
    f.smtp.refuseWith(451);
    expect(await run('2026-11-30T07:00:00Z')).toEqual(['retry']);
    expect(await run('2026-11-30T07:00:59Z')).toEqual([]); // backoff: 1 minute
    expect(await run('2026-11-30T07:01:00Z')).toEqual(['retry']);
    expect(await run('2026-11-30T07:02:59Z')).toEqual([]); // then 2 minutes
    expect(await run('2026-11-30T07:03:00Z')).toEqual(['failed']);
    f.smtp.refuseWith(undefined);
    expect(await run('2026-11-30T09:00:00Z')).toEqual([]); // given up: never again
    expect(f.smtp.attempts()).toBe(3);
    expect(f.smtp.delivered).toHaveLength(0);

    const view = (await f.owner.get(`/api/sites/${f.siteId}/mail`)).body;
    expect(view.log).toEqual([
      expect.objectContaining({
        kind: 'weekly',
        period: '2026-11-23',
        recipient: 'client@client.test',
        status: 'failed',
        attempts: 3,
        error: 'EMESSAGE 451',
      }),
    ]);
    const gaveUp = f.server.logs.filter((l) => l.includes('"mail gave up"'));
    expect(gaveUp).toHaveLength(1);
    expect(JSON.parse(gaveUp[0]!)).toMatchObject({ level: 'error', kind: 'weekly', attempts: 3 });
    // The log line names the site and the period, never the address.
    expect(f.server.logs.join('\n')).not.toContain('client@client.test');
  });

  test('a refusal then a recovery: delivered once, on the second attempt', async () => {
    const run = (at: string) => f.server.pomelo.mailer.run((f.clock.now = Date.parse(at)));
    f.smtp.refuseWith(451);
    expect(await run('2026-12-07T07:00:00Z')).toEqual(['retry']);
    f.smtp.refuseWith(undefined);
    expect(await run('2026-12-07T07:01:00Z')).toEqual(['sent']);
    expect(await run('2026-12-07T08:00:00Z')).toEqual([]);
    expect(f.smtp.delivered.map((m) => m.mail.subject)).toEqual([
      'Shop: weekly report, Nov 30, 2026 – Dec 6, 2026',
    ]);
    const rows = await f.server.store.mail.logRows(f.siteId);
    expect(rows.find((r) => r.period === '2026-11-30')).toMatchObject({
      status: 'sent',
      attempts: 2,
      error: null,
    });
  });
});

describe('without POMELO_SMTP_URL', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let client: Awaited<ReturnType<typeof setupOwner>>['client'];
  let siteId: number;
  beforeAll(async () => {
    server = await startTestServer({ env: testEnv });
    const setup = await setupOwner(server, 'o@x.test', 'no mail password 1234', 'O');
    client = setup.client;
    const site = await client.post(`/api/orgs/${setup.orgId}/sites`, {
      domain: 'nomail.example',
      timezone: 'UTC',
    });
    siteId = site.body.site.id;
  });
  afterAll(() => server?.close());

  test.each([
    [{ weekly: 'yes' }, 'weekly'],
    [{ hour: 24 }, 'hour'],
    [{ spikePercent: 120 }, 'spikePercent: 0 (off) or at least 150'],
    [{ quietHours: 1 }, 'quietHours: 0 (off) or at least 2'],
    [{ recipients: [{ address: 'not an address' }] }, 'recipients.0.address: an e-mail address'],
    [{ recipients: [{ address: 'a@b.test', locale: 'xx' }] }, 'recipients.0.locale'],
    [{ recipients: [{ address: 'a@b.test' }, { address: 'A@b.test' }] }, 'listed twice'],
    [{ extra: 1 }, 'extra'],
  ])('bad settings %j → 400 naming %s, nothing changed', async (change, message) => {
    const res = await client.request('PUT', `/api/sites/${siteId}/mail`, {
      ...settings,
      recipients: [],
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    const after = (await client.get(`/api/sites/${siteId}/mail`)).body;
    expect(after.settings.weekly).toBe(false);
    expect(after.recipients).toEqual([]);
  });

  test('the API says mail is not configured; settings can still be saved; nothing is sent', async () => {
    expect((await client.get(`/api/sites/${siteId}/mail`)).body.configured).toBe(false);
    const test = await client.post(`/api/sites/${siteId}/mail/test`, { to: 'a@b.test' });
    expect(test.status).toBe(409);
    expect(test.body.error.message).toContain('mail is not configured: set POMELO_SMTP_URL');
    const put = await client.request('PUT', `/api/sites/${siteId}/mail`, {
      ...settings,
      recipients: [{ address: 'a@b.test' }],
    });
    expect(put.status).toBe(200);
    expect(await server.pomelo.mailer.run(Date.now())).toEqual([]);
  });
});
