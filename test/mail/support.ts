// Shared fixture of the mail tests: a real SMTP server, a Pomelo server whose clock the test moves,
// an owner signed in, a site in Europe/Paris and known events posted through /api/event.
import {
  postEvent,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../support/server.js';
import type { Backend } from '../support/db.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { Client, longSessions, setupOwner, testEnv } from '../accounts/support.js';

export const domain = 'shop.example';
export const from = 'Pomelo <stats@pomelo.test>';

export interface MailFixture {
  smtp: TestSmtp;
  server: TestServer;
  owner: Client;
  siteId: number;
  clock: { now: number };
  close(): Promise<void>;
}

export async function startMailFixture(
  backend: Backend,
  env: Record<string, string> = {},
  mail?: TestServerOptions['mail'],
): Promise<MailFixture> {
  const smtp = await startSmtp();
  const clock = { now: Date.parse('2026-11-16T09:00:00Z') };
  const server = await startTestServer({
    backend,
    now: () => clock.now,
    env: {
      ...testEnv,
      ...longSessions,
      POMELO_SMTP_URL: smtp.url,
      POMELO_MAIL_FROM: from,
      // The tests drive the mail job by hand (mailer.run), with the clock they set.
      POMELO_MAIL_CHECK_SECONDS: '3600',
      POMELO_MAIL_LEASE_SECONDS: '60',
      ...env,
    },
    ...(mail ? { mail } : {}),
  });
  const setup = await setupOwner(server, 'owner@agency.test', 'mail owner password 1234', 'Agency');
  const site = await setup.client.post(`/api/orgs/${setup.orgId}/sites`, {
    domain,
    name: 'Shop',
    timezone: 'Europe/Paris',
  });
  if (site.status !== 201) throw new Error(`site: ${site.status} ${JSON.stringify(site.body)}`);
  return {
    smtp,
    server,
    owner: setup.client,
    siteId: site.body.site.id,
    clock,
    async close() {
      await server.close();
      await smtp.close();
    },
  };
}

/** A visitor's address and browser, planted so the tests can prove neither reaches a mail. */
export const plantedIp = '203.0.113.77';
export const plantedUa =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

interface Visit {
  at: string;
  path: string;
  referrer?: string;
  zone?: string;
  /** Visible ms of the pageview's engagement beacon, and whether the visitor continued. */
  engaged?: number;
  continued?: boolean;
  /** A same-site page view after a previous one (not an entry). */
  internal?: boolean;
}

/** Posts each visit at its instant: a pageview, then its engagement beacon when given. */
export async function postVisits(f: MailFixture, visits: Visit[]): Promise<void> {
  for (const v of visits) {
    f.clock.now = Date.parse(v.at);
    const base = {
      u: `https://${domain}${v.path}`,
      d: domain,
      r: v.internal ? `https://${domain}/` : (v.referrer ?? null),
      z: v.zone ?? 'Europe/Paris',
      w: 1280,
      t: 0,
    };
    const headers = { 'x-forwarded-for': plantedIp };
    const pv = await postEvent(f.server.url, { n: 'pageview', ...base }, headers);
    if (pv.status !== 202) throw new Error(`pageview ${pv.status} ${JSON.stringify(pv.body)}`);
    if (v.engaged !== undefined) {
      const e = await postEvent(
        f.server.url,
        { n: 'engagement', ...base, e: v.engaged, sd: 50, c: v.continued ? 1 : 0 },
        headers,
      );
      if (e.status !== 202) throw new Error(`engagement ${e.status}`);
    }
  }
}

/** The fixture's traffic: a quiet previous week, a busier report week (Mon 23 – Sun 29 Nov 2026). */
export const fixtureVisits: Visit[] = [
  { at: '2026-11-17T10:00:00Z', path: '/', referrer: 'https://www.google.com/', engaged: 20_000 },
  { at: '2026-11-19T15:00:00Z', path: '/pricing', engaged: 10_000 },
  {
    at: '2026-11-24T09:00:00Z',
    path: '/',
    referrer: 'https://www.google.com/',
    engaged: 30_000,
    continued: true,
  },
  { at: '2026-11-24T09:01:00Z', path: '/pricing', internal: true, engaged: 50_000 },
  { at: '2026-11-24T09:03:00Z', path: '/thanks', internal: true, engaged: 5_000 },
  {
    at: '2026-11-25T18:00:00Z',
    path: '/blog/<script>alert(1)</script>',
    referrer: 'https://news.ycombinator.com/item?id=1',
    zone: 'America/New_York',
    engaged: 12_000,
  },
  { at: '2026-11-27T08:00:00Z', path: '/', zone: 'Europe/Berlin', engaged: 40_000 },
  {
    at: '2026-11-28T20:00:00Z',
    path: '/pricing',
    referrer: 'https://www.google.com/',
    zone: 'Europe/Berlin',
  },
];
