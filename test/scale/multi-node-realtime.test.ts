// Issue 19 §11: realtime for the whole deployment. Three Pomelo processes over one PostgreSQL
// database each receive a different part of a known set of events; realtime and the install check
// read from any one of them show all of them (minute counters, server/reports/recent.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashPassword } from '../../server/accounts/passwords.js';
import { newId, newToken, sha256Hex } from '../../server/accounts/tokens.js';
import { openPgStore } from '../../server/store/pg.js';
import type { Store } from '../../server/store/types.js';
import { createPgDatabase, testsPostgres, type PgDatabase } from '../support/db.js';
import { postEvent } from '../support/server.js';
import { startNode, type PomeloNode } from './nodes.js';

const domain = 'realtime.test';
const headless =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';

interface Sent {
  body: Record<string, unknown>;
  ua?: string;
  status: number;
}

/** What node `n` (0, 1, 2) receives: its own pages, and a share of bots and refusals. */
function eventsFor(n: number): Sent[] {
  const page = (p: string) => `https://${domain}${p}`;
  const base = { d: domain, w: 1280, t: 0 };
  const out: Sent[] = [];
  // Node n: (n + 2) entries on /n<n>, (n + 1) internal views of /shared, one engagement, one custom event.
  for (let i = 0; i < n + 2; i++) {
    out.push({ body: { ...base, n: 'pageview', u: page(`/n${n}`), r: null }, status: 202 });
  }
  for (let i = 0; i < n + 1; i++) {
    out.push({
      body: { ...base, n: 'pageview', u: page('/shared'), r: page(`/n${n}`) },
      status: 202,
    });
  }
  out.push({
    body: { ...base, n: 'engagement', u: page(`/n${n}`), r: null, e: 1000, sd: 40, c: 0 },
    status: 202,
  });
  out.push({ body: { ...base, n: 'Signup', u: page(`/n${n}`), r: null }, status: 202 });
  // Headless browsers: set aside as bots (n + 1 of them).
  for (let i = 0; i <= n; i++) {
    out.push({
      body: { ...base, n: 'pageview', u: page('/'), r: null },
      ua: headless,
      status: 202,
    });
  }
  // A typo in data-domain on this site's pages (unknown site), and this site's domain named on
  // another host's page (domain mismatch): refused, filed under the site.
  out.push({
    body: { ...base, n: 'pageview', u: page('/'), d: 'realtime-typo.test', r: null },
    status: 404,
  });
  if (n === 1) {
    out.push({
      body: { ...base, n: 'pageview', u: 'https://staging.example/', r: null },
      status: 400,
    });
  }
  return out;
}

describe.runIf(testsPostgres())('realtime over three nodes on one PostgreSQL database', () => {
  let database: PgDatabase;
  let store: Store;
  let nodes: PomeloNode[] = [];
  let key: string;

  beforeAll(async () => {
    database = await createPgDatabase();
    nodes = await Promise.all(
      [0, 1, 2].map(() =>
        startNode({ POMELO_DATABASE_URL: database.url, POMELO_DATABASE_POOL: '4' }),
      ),
    );
    store = openPgStore(database.url, { poolSize: 2 });
    // An owner, an organisation with the site, and an API key to read it from any node.
    const now = new Date();
    const user = await store.accounts.createUser(
      'owner@realtime.test',
      await hashPassword('realtime test password'),
      now,
    );
    const org = await store.accounts.createOrg('Realtime', now);
    await store.accounts.putMembership(org.id, user.id, 'owner', now);
    const site = await store.accounts.createSite({ domain, timezone: 'UTC' }, org.id, now);
    key = newToken('pml');
    await store.accounts.createApiKey({
      id: newId(),
      userId: user.id,
      name: 'realtime',
      prefix: key.slice(0, 10),
      keyHash: sha256Hex(key),
      siteIds: [site.id],
      createdAt: now.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await store?.close();
    await database?.drop();
  });

  const read = async (node: PomeloNode, what: 'realtime' | 'install-status') => {
    const res = await fetch(`${node.url}/api/sites/${domain}/${what}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body;
  };

  test('every node shows every node’s events: realtime and the install check', async () => {
    const sent = [0, 1, 2].map(eventsFor);
    await Promise.all(
      nodes.map(async (node, n) => {
        for (const e of sent[n]!) {
          const res = await postEvent(node.url, e.body, e.ua ? { 'user-agent': e.ua } : {});
          expect(res.status, `${JSON.stringify(e.body)}\n${node.output()}`).toBe(e.status);
        }
      }),
    );
    // Expected, from the known set: entries 2+3+4, internal views of /shared 1+2+3.
    const expected = {
      site: domain,
      minutes: 30,
      visits: 9,
      pageviews: 15,
      top_pages: [
        { page: '/shared', pageviews: 6 },
        { page: '/n2', pageviews: 4 },
        { page: '/n1', pageviews: 3 },
        { page: '/n0', pageviews: 2 },
      ],
    };
    // Committed events are visible on every node at once (the 202 came after the commit).
    const realtime = await Promise.all(nodes.map((node) => read(node, 'realtime')));
    for (const r of realtime) {
      expect(r).toMatchObject(expected);
      expect(r.series).toHaveLength(30);
      const sum = (k: 'visits' | 'pageviews') =>
        r.series.reduce((s: number, m: Record<string, number>) => s + m[k]!, 0);
      expect([sum('visits'), sum('pageviews')]).toEqual([9, 15]);
    }
    // Counted: 15 pageviews + 3 engagements + 3 custom events; bots: 1 + 2 + 3.
    const recent = {
      minutes: 30,
      counted: 21,
      bots: 6,
      not_counted: [
        { reason: 'unknown_site', events: 3 },
        { reason: 'domain_mismatch', events: 1 },
      ],
    };
    // Refusals never reach the writer: each node writes its own within about a second.
    const deadline = Date.now() + 10_000;
    let statuses: { recent_pageviews: number; recent: unknown }[] = [];
    do {
      statuses = await Promise.all(nodes.map((node) => read(node, 'install-status')));
      if (statuses.every((s) => JSON.stringify(s.recent) === JSON.stringify(recent))) break;
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < deadline);
    for (const s of statuses) {
      expect(s).toMatchObject({ installed: true, recent_pageviews: 15, recent });
    }
  });
});
