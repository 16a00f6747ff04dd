// Issue 14 §2 and acceptance 1, 5: a scheduled weekly report travels over SMTP to a real server on
// 127.0.0.1 with the exact figures the report API gives for the same week, both parts, the
// List-Unsubscribe / Date / Message-ID headers, the recipient's language, and nothing about any
// visitor; its one-click unsubscribe link works without signing in and cannot be forged for
// another recipient. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testBackends } from '../support/db.js';
import {
  domain,
  fixtureVisits,
  plantedIp,
  plantedUa,
  postVisits,
  startMailFixture,
  type MailFixture,
} from './support.js';

const numberEn = new Intl.NumberFormat('en');

/** A header of the raw message as sent (headers unfolded). */
function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

/** The URL of the List-Unsubscribe header. */
const unsubscribeLink = (raw: string) =>
  /<([^>]+)>/.exec(header(raw, 'list-unsubscribe') ?? '')![1]!.replace(/\s+/g, '');

describe.each(testBackends())('weekly report mail (%s)', (backend) => {
  let f: MailFixture;

  beforeAll(async () => {
    f = await startMailFixture(backend);
    await postVisits(f, fixtureVisits);
    expect(
      (await f.owner.post(`/api/sites/${f.siteId}/goals`, { page: '/thanks*', name: 'Thanks' }))
        .status,
    ).toBe(201);
    f.clock.now = Date.parse('2026-11-29T12:00:00Z');
    const put = await f.owner.request('PUT', `/api/sites/${f.siteId}/mail`, {
      weekly: true,
      monthly: false,
      hour: 8,
      spikePercent: 0,
      quietHours: 0,
      cooldownHours: 24,
      recipients: [
        { address: 'boss@client.test', locale: 'en' },
        { address: 'Client@Client.test', locale: 'fr' },
      ],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  });
  afterAll(() => f?.close());

  test('nothing before Monday 08:00 in Paris; then one report per recipient, once', async () => {
    f.clock.now = Date.parse('2026-11-30T06:59:00Z'); // 07:59 in Paris
    expect(await f.server.pomelo.mailer.run(f.clock.now)).toEqual([]);
    f.clock.now = Date.parse('2026-11-30T07:00:00Z');
    expect(await f.server.pomelo.mailer.run(f.clock.now)).toEqual(['sent', 'sent']);
    expect(await f.server.pomelo.mailer.run(f.clock.now + 3_600_000)).toEqual([]);
    expect(f.smtp.delivered.map((m) => m.to)).toEqual([
      ['boss@client.test'],
      ['client@client.test'],
    ]);
    const log = await f.server.store.mail.logRows(f.siteId);
    expect(log.map((r) => [r.kind, r.period, r.recipient, r.status, r.attempts])).toEqual([
      ['weekly', '2026-11-23', 'boss@client.test', 'sent', 1],
      ['weekly', '2026-11-23', 'client@client.test', 'sent', 1],
    ]);
  });

  test('the figures are the report API’s for the same week, compared with the week before', async () => {
    const q = `period=custom&from=2026-11-23&to=2026-11-29`;
    const report = (await f.owner.get(`/api/sites/${domain}/report?${q}&compare=previous`)).body;
    expect(report.comparison.range).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    const text = f.smtp.delivered[0]!.mail.text!;
    const t = report.totals;
    const c = report.comparison.change;
    const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '-' : '+'}${Math.abs(n)}`;
    // Known fixture: 4 visits and 6 pageviews against 2 and 2 the week before.
    expect([t.visits, t.pageviews, report.comparison.totals.visits]).toEqual([4, 6, 2]);
    expect(text).toContain(`Visits: ${t.visits} (${signed(c.visits)} % vs previous period)`);
    expect(text).toContain(
      `Pageviews: ${t.pageviews} (${signed(c.pageviews)} % vs previous period)`,
    );
    expect(text).toContain(
      `Bounce rate: ${t.bounce_rate} % (${signed(c.bounce_rate)} pts vs previous period)`,
    );
    expect(text).toContain(`Time on page: ${t.time_on_page} sec`);
    // One bar per day, with the API's daily series.
    const series = (await f.owner.get(`/api/sites/${domain}/timeseries?${q}&interval=day`)).body;
    for (const p of series.results as { date: string; visits: number }[]) {
      const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        Date.parse(`${p.date}T00:00:00Z`),
      );
      expect(text).toContain(`  ${day}: ${p.visits} visit${p.visits === 1 ? '' : 's'}`);
    }
    for (const [dimension, metric, heading] of [
      ['page', 'pageviews', 'Top pages'],
      ['source', 'visits', 'Top sources'],
    ] as const) {
      const rows = (await f.owner.get(`/api/sites/${domain}/breakdown/${dimension}?${q}&limit=5`))
        .body.results as Record<string, string | number>[];
      expect(rows.length).toBeGreaterThan(1);
      const block = rows.map((r) => `  ${r.value}: ${numberEn.format(Number(r[metric]))}`);
      expect(text).toContain([`${heading}:`, ...block].join('\n'));
    }
    const goals = (await f.owner.get(`/api/sites/${domain}/goals/report?${q}`)).body;
    expect(text).toContain(
      `  Thanks: ${goals.goals[0].conversions} conversion (${goals.goals[0].conversion_rate} %)`,
    );
    expect(text).toContain('Countries:\n  Germany: 2\n  France: 1\n  United States: 1');
  });

  test('headers, both parts, the recipient’s language, HTML escaped, nothing about visitors', async () => {
    const [en, fr] = f.smtp.delivered as [
      (typeof f.smtp.delivered)[0],
      (typeof f.smtp.delivered)[0],
    ];
    expect(en.mail.subject).toBe('Shop: weekly report, Nov 23, 2026 – Nov 29, 2026');
    expect(fr.mail.subject).toBe('Shop : rapport hebdomadaire, 23 nov. 2026 – 29 nov. 2026');
    expect(fr.mail.text).toContain('Visites: 4 (+100 % par rapport à la période précédente)');
    for (const m of [en, fr]) {
      expect(m.mail.html).toContain('<table');
      expect(m.mail.text).toBeTruthy();
      expect(m.mail.date).toBeInstanceOf(Date);
      expect(m.mail.date!.toISOString()).toBe('2026-11-30T07:00:00.000Z');
      expect(m.mail.messageId).toMatch(/^<[0-9a-f]{32}@pomelo\.test>$/);
      expect(header(m.raw, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(header(m.raw, 'date')).toBe('Mon, 30 Nov 2026 07:00:00 +0000');
      expect(unsubscribeLink(m.raw)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mail\/unsubscribe\?s=/);
      expect(header(m.raw, 'auto-submitted')).toBe('auto-generated');
      expect(m.from).toBe('stats@pomelo.test');
      // No remote resource, no tracking pixel: nothing is loaded from anywhere.
      expect(m.mail.html).not.toMatch(/<img|src=|url\(/i);
      // A visitor's path is text, never markup.
      expect(m.mail.html).toContain('/blog/&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(m.mail.html).not.toContain('<script>');
      // The planted needles are found where they are, then proved absent from the messages.
      expect(plantedUa).toContain('Chrome/131');
      expect(m.raw).not.toContain(plantedIp);
      expect(m.raw).not.toContain('Chrome/131');
      expect(m.raw).not.toContain('127.0.0.1:' + f.smtp.port);
      expect(m.raw).not.toContain('smtp-secret');
    }
    expect(en.mail.messageId).not.toBe(fr.mail.messageId);
    // The SMTP password never reaches the logs either.
    expect(f.server.logs.join('\n')).not.toContain('smtp-secret');
  });

  test('one-click unsubscribe: no sign-in, idempotent, and not forgeable for another address', async () => {
    const link = unsubscribeLink(f.smtp.delivered[0]!.raw);
    const url = new URL(link);
    expect(url.searchParams.get('a')).toBe('boss@client.test');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Stop sending the reports of Shop to boss@client.test?');

    // Forged: the same signature with another recipient, or another scope.
    for (const change of [
      ['a', 'client@client.test'],
      ['k', 'alerts'],
      ['s', String(f.siteId + 1)],
      ['t', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ] as const) {
      const forged = new URL(link);
      forged.searchParams.set(change[0], change[1]);
      const res = await fetch(forged, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
      expect(res.status, change.join('=')).toBe(400);
    }
    const before = (await f.owner.get(`/api/sites/${f.siteId}/mail`)).body.recipients;
    expect(before.map((r: { reports: boolean }) => r.reports)).toEqual([true, true]);

    // RFC 8058: a POST with this body, no cookie, no Origin.
    for (let i = 0; i < 2; i++) {
      const res = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(
        'boss@client.test will no longer receive the reports of Shop',
      );
    }
    const after = (await f.owner.get(`/api/sites/${f.siteId}/mail`)).body.recipients;
    expect(
      after.map((r: { address: string; reports: boolean; alerts: boolean }) => [
        r.address,
        r.reports,
        r.alerts,
      ]),
    ).toEqual([
      ['boss@client.test', false, true],
      ['client@client.test', true, true],
    ]);
    // The next week's report goes to the other recipient only.
    f.clock.now = Date.parse('2026-12-07T07:00:00Z');
    expect(await f.server.pomelo.mailer.run(f.clock.now)).toEqual(['sent']);
    expect(f.smtp.delivered.at(-1)!.to).toEqual(['client@client.test']);
  });
});
