// Page flows (issue 13 §4) and not-found pages (§5): known navigations sent over real HTTP as the
// tracker sends them (full loads with same-site referrers, SPA route changes with pp, reloads,
// back/forward, a Plausible payload) give the exact (previous → page) pairs; the flows report and
// the approximate funnel of a three-page path match hand-computed numbers. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client, setupOwner, testEnv } from '../accounts/support.js';
import { startTestServer, type TestServer } from '../support/server.js';

const domain = 'flows.test';
const base = `https://${domain}`;
const day = '2026-11-01';
const range = `period=custom&from=${day}&to=${day}`;

/** A tracker pageview: u, t, and r / pp as p.js sends them. */
const view = (path: string, t: number | undefined, r: string | null, pp?: string, h?: 1) => ({
  n: 'pageview',
  u: `${base}${path}`,
  d: domain,
  r,
  w: 1280,
  z: 'Europe/Paris',
  ...(t === undefined ? {} : { t }),
  ...(h ? { h } : {}),
  ...(pp === undefined ? {} : { pp }),
});

const navigations = [
  view('/', 0, 'https://www.google.com/'), // entry
  view('/', 0, null), // entry
  view('/pricing', 0, `${base}/`), // / → /pricing
  view('/signup', 0, `${base}/pricing?plan=pro#top`), // /pricing → /signup (query dropped)
  view('/pricing', 0, ''), // entry
  view('/docs', 0, `${base}/pricing`), // /pricing → /docs
  view('/app', 0, 'https://news.example.org/post'), // entry
  view('/app/settings', 3, `https://news.example.org/post`, '/app'), // SPA: /app → /app/settings
  view('/pricing', 3, `https://news.example.org/post`, '/app/settings'), // SPA
  view('/pricing', 1, `${base}/`), // reload: no pair
  view('/', 2, `${base}/docs`), // back/forward: no pair
  view('/signup', undefined, `${base}/pricing`), // Plausible payload: /pricing → /signup
  view('/app#/b', 3, null, '/app#/a', 1), // hash routing: /app#/a → /app#/b
  view('/caf%C3%A9', 0, `${base}/pricing`), // /pricing → /café
  view('/pricing', 3, null), // SPA without pp (an older tracker): no pair
];

describe('page flows', () => {
  let server: TestServer;
  let owner: Client;
  const clock = Date.parse(`${day}T12:00:00Z`);
  const api = (path: string) => `/api/sites/${domain}${path}`;

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, now: () => clock });
    const setup = await setupOwner(server, 'flows@example.test', 'flows password 12345', 'Org');
    owner = setup.client;
    expect(
      (await owner.post(`/api/orgs/${setup.orgId}/sites`, { domain, timezone: 'UTC' })).status,
    ).toBe(201);
    const tracker = new Client(server.url, {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36',
    });
    for (const body of navigations) {
      const res = await fetch(`${server.url}/api/event`, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain;charset=UTF-8',
          'user-agent': tracker.headers['user-agent']!,
        },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body)).toBeLessThan(300);
    }
    // Not-found pages: the one-line snippet's event (docs/API.md "Not-found pages").
    for (const path of ['/missing', '/missing', '/old-page']) {
      const res = await fetch(`${server.url}/api/event`, {
        method: 'POST',
        headers: { 'user-agent': tracker.headers['user-agent']! },
        body: JSON.stringify({ n: '404', u: `${base}${path}`, d: domain, r: null, p: { path } }),
      });
      expect(res.status).toBe(202);
    }
  });
  afterAll(() => server?.close());

  test('the exact pair counts', async () => {
    const rows = (await server.dailyRows(domain)).filter((r) => r.dimension === 'flow');
    expect(Object.fromEntries(rows.map((r) => [r.value, r.pageviews]))).toEqual({
      '/\n/pricing': 1,
      '/pricing\n/signup': 2,
      '/pricing\n/docs': 1,
      '/app\n/app/settings': 1,
      '/app/settings\n/pricing': 1,
      '/app#/a\n/app#/b': 1,
      '/pricing\n/café': 1,
    });
    for (const r of rows) expect(r.day).toBe(day);
  });

  test('a bad pp is refused and stores nothing', async () => {
    const before = (await server.dailyRows(domain)).length;
    for (const pp of ['//evil.example/x', 'pricing', 5, 'x'.repeat(3000)]) {
      const res = await fetch(`${server.url}/api/event`, {
        method: 'POST',
        body: JSON.stringify({ ...view('/docs', 3, null), pp }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('bad_previous_path');
    }
    expect((await server.dailyRows(domain)).length).toBe(before);
  });

  test('came from / went to of /pricing', async () => {
    const res = await owner.get(api(`/flows?${range}&page=/pricing`));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      site: domain,
      range: { from: day, to: day },
      page: '/pricing',
      pageviews: 5,
      came_from: {
        results: [
          { page: '/', pageviews: 1, percentage: 20 },
          { page: '/app/settings', pageviews: 1, percentage: 20 },
        ],
        entrances: 1,
        other_pages: 0,
        // The reload and the SPA route change without pp.
        unattributed: 2,
      },
      went_to: {
        results: [
          { page: '/signup', pageviews: 2, percentage: 40 },
          { page: '/café', pageviews: 1, percentage: 20 },
          { page: '/docs', pageviews: 1, percentage: 20 },
        ],
        exits: 0,
        other_pages: 0,
        unattributed: 1,
      },
      folded_by_cap: 0,
    });
    const top = await owner.get(api(`/flows?${range}&page=/pricing&limit=1`));
    expect(top.body.went_to.results).toEqual([{ page: '/signup', pageviews: 2, percentage: 40 }]);
    expect(top.body.went_to.other_pages).toBe(2);
    // Exact match: /Pricing (another page) has no flows; SQLite's LIKE alone would ignore case.
    const other = await owner.get(api(`/flows?${range}&page=/Pricing`));
    expect(other.body.came_from.results).toEqual([]);
    expect(other.body.went_to.results).toEqual([]);
  });

  test('the approximate funnel of a three-page path matches the hand-computed ratios', async () => {
    const res = await owner.get(api(`/funnel?${range}&steps=/,/pricing,/signup`));
    expect(res.status).toBe(200);
    expect(res.body.approximate).toBe(true);
    expect(res.body.note).toMatch(/^Approximate: each ratio is a one-step transition/);
    // / has 3 pageviews (2 entries, 1 back/forward), 1 of which led to /pricing: 1/3.
    // /pricing has 5 pageviews, 2 of which led to /signup: 2/5.
    expect(res.body.steps).toEqual([
      { page: '/', pageviews: 3, to_next: 1, ratio: 0.3333, estimated: 3 },
      { page: '/pricing', pageviews: 5, to_next: 2, ratio: 0.4, estimated: 1 },
      { page: '/signup', pageviews: 2, to_next: null, ratio: null, estimated: 0.4 },
    ]);
    expect(res.body.estimated_completion).toBe(0.1333);
    expect(res.body.folded_by_cap).toBe(0);
  });

  test('bad flows and funnel parameters are clear 400s', async () => {
    for (const path of [
      `/flows?${range}`,
      `/flows?${range}&page=pricing`,
      `/flows?${range}&page=/pricing&limit=0`,
      `/funnel?${range}&steps=/`,
      `/funnel?${range}&steps=/a,b`,
      `/funnel?${range}&steps=${Array.from({ length: 9 }, (_, i) => `/${i}`).join(',')}`,
      `/funnel?${range}&steps=/a,/b&page=/x`,
    ]) {
      const res = await owner.get(api(path));
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });

  test('not-found pages: the path prop of the 404 event, with counts', async () => {
    const res = await owner.get(api(`/not-found?${range}`));
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { value: '/missing', events: 2, percentage: 66.7 },
      { value: '/old-page', events: 1, percentage: 33.3 },
    ]);
    expect(res.body.total_rows).toBe(2);
  });
});
