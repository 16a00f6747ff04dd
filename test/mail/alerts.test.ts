// Issue 14 §3 and acceptance 3: "tracking stopped" fires after the configured quiet hours on a site
// with a history, and never for a new or a naturally quiet site; a traffic spike fires once, and a
// second spike within the cool-down does not. Known traffic posted through /api/event, mail over a
// real SMTP server. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testBackends } from '../support/db.js';
import { postEvent } from '../support/server.js';
import { startMailFixture, type MailFixture } from './support.js';

const alertSettings = {
  weekly: false,
  monthly: false,
  hour: 8,
  spikePercent: 300,
  quietHours: 4,
  cooldownHours: 24,
};

describe.each(testBackends())('alerts (%s)', (backend) => {
  let f: MailFixture;
  const ids: Record<string, number> = {};

  async function pageview(domain: string, at: string, path = '/') {
    f.clock.now = Date.parse(at);
    const r = await postEvent(f.server.url, {
      n: 'pageview',
      u: `https://${domain}${path}`,
      d: domain,
      r: null,
      z: 'Europe/Paris',
      t: 0,
    });
    expect(r.status).toBe(202);
  }

  const run = (at: string) => f.server.pomelo.mailer.run((f.clock.now = Date.parse(at)));

  beforeAll(async () => {
    f = await startMailFixture(backend);
    ids['shop.example'] = f.siteId; // Europe/Paris, a week of traffic 09:00–17:59 UTC
    for (const domain of ['new.example', 'quiet.example']) {
      const site = await f.owner.post(`/api/orgs/1/sites`, { domain, timezone: 'UTC' });
      expect(site.status).toBe(201);
      ids[domain] = site.body.site.id;
    }
    for (let day = 23; day <= 29; day++) {
      for (let hour = 9; hour <= 17; hour++) {
        const at = `2026-11-${day}T${String(hour).padStart(2, '0')}:20:00Z`;
        await pageview('shop.example', at);
        if (day >= 28) await pageview('new.example', at); // two days old
      }
    }
    // Naturally quiet: a visit every few days.
    await pageview('quiet.example', '2026-11-24T13:00:00Z');
    await pageview('quiet.example', '2026-11-27T15:00:00Z');
    f.clock.now = Date.parse('2026-11-29T20:00:00Z');
    for (const id of Object.values(ids)) {
      const put = await f.owner.request('PUT', `/api/sites/${id}/mail`, {
        ...alertSettings,
        recipients: [{ address: `ops${id}@agency.test`, reports: false }],
      });
      expect(put.status).toBe(200);
    }
  });
  afterAll(() => f?.close());

  test('a spike fires once; a second one within the cool-down does not', async () => {
    for (let i = 0; i < 12; i++) await pageview('shop.example', `2026-11-30T09:${10 + i}:00Z`);
    expect(await run('2026-11-30T10:05:00Z')).toEqual(['sent']);
    expect(await run('2026-11-30T10:35:00Z')).toEqual([]);
    for (let i = 0; i < 15; i++) await pageview('shop.example', `2026-11-30T10:${10 + i}:00Z`);
    expect(await run('2026-11-30T11:05:00Z')).toEqual([]); // cool-down of 24 h
    const spike = f.smtp.delivered[0]!;
    expect(spike.to).toEqual([`ops${ids['shop.example']}@agency.test`]);
    expect(spike.mail.subject).toBe('Shop: traffic spike, 12 pageviews in one hour');
    expect(spike.mail.text).toContain(
      'Between Nov 30, 2026 10:00 (UTC+01:00) and Nov 30, 2026 11:00 (UTC+01:00) (Europe/Paris), Shop had 12 pageviews, 1,200 % of its usual 1 for that hour of the day.',
    );
    const log = await f.server.store.mail.logRows(ids['shop.example']!);
    expect(log.map((r) => [r.kind, r.period, r.status])).toEqual([
      ['spike', '2026-11-30T09', 'sent'],
    ]);
  });

  test('tracking stopped: after 4 quiet hours on the busy site only; never twice', async () => {
    // Last event at 10:24 UTC. At 14:10 only 3 whole hours are quiet (11, 12, 13).
    expect(await run('2026-11-30T14:10:00Z')).toEqual([]);
    expect(await run('2026-11-30T15:10:00Z')).toEqual(['sent']);
    expect(await run('2026-11-30T16:10:00Z')).toEqual([]);
    expect(await run('2026-11-30T23:10:00Z')).toEqual([]);
    const stopped = f.smtp.delivered[1]!;
    expect(stopped.mail.subject).toBe('Shop: tracking stopped 4 hours ago');
    expect(stopped.mail.text).toContain(
      'Pomelo has received no event from Shop since Nov 30, 2026 12:00 (UTC+01:00) (Europe/Paris)',
    );
    expect(stopped.mail.text).toContain('Unsubscribe from these alerts: http://');
    expect(f.smtp.delivered).toHaveLength(2);
    for (const domain of ['new.example', 'quiet.example']) {
      expect(await f.server.store.mail.logRows(ids[domain]!)).toEqual([]);
    }
    // The new site stays quiet for days: still not "usual" traffic, still no alert.
    expect(await run('2026-12-01T15:10:00Z')).toEqual([]);
  });
});
