// Small-count protection (issue 13 §7): a shared link or API key with k hides every breakdown row
// counted fewer than k times, summed into one "hidden (fewer than k)" row; totals stay exact. Real
// HTTP through the accounts (shared link, API key, Stats API), SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client, setupOwner, testEnv } from '../accounts/support.js';
import { startTestServer, type TestServer } from '../support/server.js';

const domain = 'rare.test';
const day = '2026-11-01';
const range = `period=custom&from=${day}&to=${day}`;
const ua = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36';

/** Entries (visits = pageviews) per page and source. */
const traffic: [path: string, source: string | null, times: number][] = [
  ['/', 'https://www.google.com/', 7],
  ['/pricing', 'https://news.example.org/', 5],
  ['/u/jane', 'https://mail.example.net/', 1],
  ['/blog', null, 3],
  ['/blog/one', null, 2],
];

describe('small-count protection', () => {
  let server: TestServer;
  let owner: Client;
  let share: Client;
  let key: Client;
  const clock = Date.parse(`${day}T12:00:00Z`);
  const api = (path: string) => `/api/sites/${domain}${path}`;

  beforeAll(async () => {
    server = await startTestServer({ env: testEnv, now: () => clock });
    const setup = await setupOwner(server, 'k@example.test', 'small counts password 1', 'Org');
    owner = setup.client;
    const site = await owner.post(`/api/orgs/${setup.orgId}/sites`, { domain, timezone: 'UTC' });
    const siteId = site.body.site.id;
    for (const [path, r, times] of traffic) {
      for (let i = 0; i < times; i++) {
        const res = await fetch(`${server.url}/api/event`, {
          method: 'POST',
          headers: { 'user-agent': ua },
          body: JSON.stringify({
            n: 'pageview',
            u: `https://${domain}${path}`,
            d: domain,
            r,
            t: 0,
          }),
        });
        expect(res.status).toBe(202);
      }
    }
    const link = await owner.post(`/api/sites/${siteId}/shared-links`, { label: 'client', k: 5 });
    expect(link.status).toBe(201);
    expect(link.body.link.k).toBe(5);
    share = new Client(server.url, { 'x-pomelo-share': link.body.token });
    const created = await owner.post('/api/api-keys', { name: 'dash', siteIds: [siteId], k: 5 });
    expect(created.status).toBe(201);
    expect(created.body.key.k).toBe(5);
    key = new Client(server.url, { authorization: `Bearer ${created.body.secret}` });
  });
  afterAll(() => server?.close());

  test('k is validated at creation: a whole number from 2 to 1000', async () => {
    const site = (await owner.get(`/api/sites/${domain}`)).body.site.id;
    for (const k of [1, 0, 1001, 2.5, '5', true]) {
      const link = await owner.post(`/api/sites/${site}/shared-links`, { k });
      expect(link.status, String(k)).toBe(400);
      expect(link.body.error.message).toBe('invalid k');
      const apiKey = await owner.post('/api/api-keys', { name: 'x', siteIds: [site], k });
      expect(apiKey.status, String(k)).toBe(400);
    }
    const before = (await owner.get(`/api/sites/${site}/shared-links`)).body.links.length;
    expect(before).toBe(1);
    expect((await owner.post(`/api/sites/${site}/shared-links`, { k: 2 })).status).toBe(201);
    expect((await owner.post(`/api/sites/${site}/shared-links`, { k: null })).status).toBe(201);
  });

  test('a shared link with k = 5 never shows a row below 5; its totals equal the unprotected ones', async () => {
    const open = await owner.get(api(`/breakdown/page?${range}`));
    expect(open.body.results.map((r: any) => [r.value, r.pageviews])).toEqual([
      ['/', 7],
      ['/pricing', 5],
      ['/blog', 3],
      ['/blog/one', 2],
      ['/u/jane', 1],
    ]);
    for (const dimension of ['page', 'entry', 'source', 'referrer', 'country', 'browser']) {
      const shown = await share.get(api(`/breakdown/${dimension}?${range}`));
      expect(shown.status).toBe(200);
      const count = dimension === 'page' ? 'pageviews' : 'visits';
      for (const r of shown.body.results) {
        if (r.hidden) expect(r.value).toBe('hidden (fewer than 5)');
        else expect(r[count], `${dimension} ${r.value}`).toBeGreaterThanOrEqual(5);
      }
      const unprotected = await owner.get(api(`/breakdown/${dimension}?${range}`));
      const sum = (rows: any[]) => rows.reduce((a, r) => a + r[count], 0);
      expect(sum(shown.body.results)).toBe(sum(unprotected.body.results));
      expect(shown.body.total).toBe(unprotected.body.total);
    }
    const pages = await share.get(api(`/breakdown/page?${range}`));
    expect(pages.body.results.map((r: any) => [r.value, r.pageviews, r.hidden ?? false])).toEqual([
      ['/', 7, false],
      ['/pricing', 5, false],
      ['hidden (fewer than 5)', 6, true],
    ]);
    expect(JSON.stringify(pages.body)).not.toContain('/u/jane');
    const sources = await share.get(api(`/breakdown/source?${range}`));
    expect(sources.body.results.map((r: any) => [r.value, r.visits])).toEqual([
      ['Google', 7],
      ['(direct)', 5],
      ['example.org', 5],
      ['hidden (fewer than 5)', 1],
    ]);
    // Totals are exact.
    const totals = (await share.get(api(`/report?${range}`))).body.totals;
    expect(totals).toEqual((await owner.get(api(`/report?${range}`))).body.totals);
    expect(totals.pageviews).toBe(18);
    // The CSV export goes through the same function; so do flows.
    const csv = await share.get(api(`/export/breakdown/page.csv?${range}`));
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('hidden (fewer than 5)');
    expect(csv.body).not.toContain('/u/jane');
    const live = await share.get(api('/realtime'));
    expect(live.body.top_pages).toEqual([
      { page: '/', pageviews: 7 },
      { page: '/pricing', pageviews: 5 },
      { page: 'hidden (fewer than 5)', pageviews: 6, hidden: true },
    ]);
    expect(live.body.pageviews).toBe(18);
    const flows = await share.get(api(`/flows?${range}&page=/u/jane`));
    expect(flows.body.pageviews).toBeNull();
    expect(flows.body.came_from.entrances).toBeNull();
  });

  test('an API key with k = 5: Stats API breakdowns hide the same rows, aggregates stay exact', async () => {
    const query = (body: object) =>
      key.post('/api/v2/query', { site_id: domain, date_range: [day, day], ...body });
    const byPage = await query({ metrics: ['pageviews'], dimensions: ['event:page'] });
    expect(byPage.status).toBe(200);
    expect(byPage.body.results).toEqual([
      { metrics: [7], dimensions: ['/'] },
      { metrics: [5], dimensions: ['/pricing'] },
      { metrics: [6], dimensions: ['hidden (fewer than 5)'] },
    ]);
    const total = await query({ metrics: ['visits', 'pageviews'] });
    expect(total.body.results).toEqual([{ metrics: [18, 18], dimensions: [] }]);
    // A filter on a rare value would be a row below k: refused, naming the reason.
    const rare = await query({
      metrics: ['pageviews'],
      filters: [['is', 'event:page', ['/u/jane']]],
    });
    expect(rare.status).toBe(400);
    expect(rare.body.error.message).toContain('fewer than 5');
    const common = await query({ metrics: ['pageviews'], filters: [['is', 'event:page', ['/']]] });
    expect(common.body.results).toEqual([{ metrics: [7], dimensions: [] }]);
    // A key without k sees every row.
    const site = (await owner.get(`/api/sites/${domain}`)).body.site.id;
    const plain = await owner.post('/api/api-keys', { name: 'plain', siteIds: [site] });
    expect(plain.body.key.k).toBeNull();
    const all = await new Client(server.url, {
      authorization: `Bearer ${plain.body.secret}`,
    }).post('/api/v2/query', {
      site_id: domain,
      date_range: [day, day],
      metrics: ['pageviews'],
      dimensions: ['event:page'],
    });
    expect(all.body.results.map((r: any) => r.dimensions[0])).toEqual([
      '/',
      '/pricing',
      '/blog',
      '/blog/one',
      '/u/jane',
    ]);
  });
});
