// Issue 13 §1 and §8 over the real app: goals managed over the HTTP API (admins write, readers read,
// every change audited, bad input a clear 4xx that changes nothing), and the Stats API's opt-in
// "Plausible compatibility" per API key, tried with the example queries of Plausible's documentation.
// SQLite and PostgreSQL (vitest.config.ts runs test/accounts on both).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';
import { plausibleExamples } from './plausible-examples.js';
import { Client, setupOwner, testEnv } from './support.js';

const password = 'goals api password 1234';
const domain = 'dummy.site';

let server: TestServer;
let owner: Client;
let siteId: number;
let orgId: number;

beforeAll(async () => {
  server = await startTestServer({ env: testEnv });
  const setup = await setupOwner(server, 'owner@example.test', password, 'Org');
  owner = setup.client;
  orgId = setup.orgId;
  const site = await owner.post(`/api/orgs/${orgId}/sites`, { domain, timezone: 'UTC' });
  siteId = site.body.site.id;
});
afterAll(() => server?.close());

describe('goals over the HTTP API', () => {
  const goalsUrl = () => `/api/sites/${siteId}/goals`;

  test('add, list and remove goals; each change audited', async () => {
    const page = await owner.post(goalsUrl(), { page: '/thanks*', name: 'Thank-you page' });
    expect(page.status).toBe(201);
    expect(page.body.goal).toMatchObject({
      name: 'Thank-you page',
      kind: 'page',
      page: '/thanks*',
      event: null,
      prop: null,
      currency: null,
    });
    const prop = await owner.post(goalsUrl(), {
      event: 'Signup',
      prop: { key: 'plan', value: 'pro' },
    });
    expect(prop.body.goal).toMatchObject({ name: 'Signup (plan=pro)', kind: 'event' });
    const paid = await owner.post(goalsUrl(), { event: 'Purchase', currency: 'EUR' });
    expect(paid.body.goal).toMatchObject({ name: 'Purchase', kind: 'revenue', currency: 'EUR' });

    const listed = await owner.get(goalsUrl());
    expect(listed.body.goals.map((g: { name: string }) => g.name)).toEqual([
      'Thank-you page',
      'Signup (plan=pro)',
      'Purchase',
    ]);
    // By domain too, as every site route.
    expect((await owner.get(`/api/sites/${domain}/goals`)).body.goals).toHaveLength(3);

    const removed = await owner.delete(`${goalsUrl()}/${encodeURIComponent('Signup (plan=pro)')}`);
    expect(removed.status).toBe(204);
    expect((await owner.delete(`${goalsUrl()}/nope`)).status).toBe(404);

    const audit = await server.store.accounts.auditRows();
    const goalRows = audit.filter((r) => r.action.startsWith('goal.'));
    expect(goalRows.map((r) => [r.action, JSON.parse(r.details).name])).toEqual([
      ['goal.create', 'Thank-you page'],
      ['goal.create', 'Signup (plan=pro)'],
      ['goal.create', 'Purchase'],
      ['goal.delete', 'Signup (plan=pro)'],
    ]);
    expect(goalRows.every((r) => r.orgId === orgId && r.target === `site:${siteId}`)).toBe(true);
  });

  test.each([
    [{}, 'exactly one of page'],
    [{ page: '/a', event: 'b' }, 'exactly one of page'],
    [{ page: 'thanks' }, 'page: page pattern must start with /'],
    [{ page: '/a***' }, 'page: page pattern use *'],
    [{ page: '/a?b=1' }, 'page: page pattern no query'],
    [{ page: `/${'a'.repeat(300)}` }, 'page: page pattern longer than 200'],
    [{ page: '/a b' }, 'page: page pattern no spaces'],
    [{ page: 42 }, 'page: page must be a path pattern'],
    [{ event: '' }, 'event: event must not be empty'],
    [{ event: 'x'.repeat(121) }, 'event: event must be at most 120'],
    [{ event: 'a\u0000b' }, 'event: event must not hold control characters'],
    [{ event: 'Signup', name: '' }, 'name: name must not be empty'],
    [{ event: 'Signup', name: 'n'.repeat(121) }, 'name: name must be at most 120'],
    [{ event: 'Signup', name: 'a\u202eb' }, 'name: name must not hold control characters'],
    [{ event: 'Signup', prop: 'plan=pro' }, 'prop: prop must be {key, value}'],
    [{ event: 'Signup', prop: { key: '', value: 'x' } }, 'prop.key: prop key must not be empty'],
    [{ event: 'Buy', currency: 'eur' }, 'currency: currency must be an ISO 4217 code'],
    [{ event: 'Buy', currency: 'XXX' }, 'currency: currency must be an ISO 4217 code'],
    [{ event: 'Buy', currency: 'EURO' }, 'currency: currency must be an ISO 4217 code'],
    [{ event: 'Buy', currency: 978 }, 'currency: currency must be an ISO 4217 code'],
    [
      { event: 'Buy', currency: 'EUR', prop: { key: 'a', value: 'b' } },
      'a revenue goal (currency) counts every event of its name',
    ],
    [{ page: '/a', currency: 'EUR' }, 'prop and currency belong to event goals'],
    [{ event: 'Buy', amount: 5 }, 'a goal is'],
    ['Signup', 'a goal is'],
  ])('%j → 400 naming the problem, nothing added', async (body, message) => {
    const before = (await owner.get(goalsUrl())).body.goals;
    const auditBefore = (await server.store.accounts.auditRows()).length;
    const res = await owner.post(goalsUrl(), body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect((await owner.get(goalsUrl())).body.goals).toEqual(before);
    expect((await server.store.accounts.auditRows()).length).toBe(auditBefore);
  });

  test('a duplicate name is a 409 and changes nothing', async () => {
    const res = await owner.post(goalsUrl(), { page: '/other', name: 'Thank-you page' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('Thank-you page');
    const goals = (await owner.get(goalsUrl())).body.goals;
    expect(goals.find((g: { name: string }) => g.name === 'Thank-you page').page).toBe('/thanks*');
  });

  test('a body that is not JSON is a 400', async () => {
    const res = await fetch(`${server.url}${goalsUrl()}`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json', cookie: owner.cookie! },
      body: '{"page":',
    });
    expect(res.status).toBe(400);
  });
});

describe('Stats API: Plausible compatibility per API key', () => {
  let compatKey: string;
  let normalKey: string;
  let compatId: string;
  const query = (key: string, body: unknown) =>
    new Client(server.url, { authorization: `Bearer ${key}` }).post('/api/v2/query', body);

  beforeAll(async () => {
    const compat = await owner.post('/api/api-keys', {
      name: 'plausible client',
      siteIds: [siteId],
      plausibleCompat: true,
    });
    expect(compat.status).toBe(201);
    expect(compat.body.key.plausibleCompat).toBe(true);
    compatKey = compat.body.secret;
    compatId = compat.body.key.id;
    const normal = await owner.post('/api/api-keys', { name: 'pomelo client', siteIds: [siteId] });
    expect(normal.body.key.plausibleCompat).toBe(false);
    normalKey = normal.body.secret;
    // The goal of Plausible's "Behavioral filters" example.
    expect((await owner.post(`/api/sites/${siteId}/goals`, { event: 'Signup' })).status).toBe(201);
    // The two revenue goals of Plausible's "Revenue metrics could not be calculated" example.
    for (const currency of ['USD', 'EUR']) {
      const goal = await owner.post(`/api/sites/${siteId}/goals`, {
        event: 'Purchase',
        currency,
        name: `Purchase${currency}`,
      });
      expect(goal.status).toBe(201);
    }
    // Two visits today, 30 s then 10 s of engaged time.
    for (const [path, e] of [
      ['/', 30_000],
      ['/thanks', 10_000],
    ] as const) {
      const u = `https://${domain}${path}`;
      const pv = await postEvent(server.url, { n: 'pageview', u, d: domain, r: null });
      expect(pv.status).toBe(202);
      const engaged = await postEvent(server.url, {
        n: 'engagement',
        u,
        d: domain,
        r: null,
        e,
        sd: 50,
        c: 0,
      });
      expect(engaged.status).toBe(202);
    }
  });

  const docs = () =>
    fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/API.md'), 'utf8');
  const metricCodes = (meta: { metric_warnings?: Record<string, { code: string }> }) =>
    Object.fromEntries(Object.entries(meta.metric_warnings ?? {}).map(([m, w]) => [m, w.code]));

  test('every example of the documentation is listed, and docs/API.md lists each as a 200', () => {
    expect(plausibleExamples).toHaveLength(17);
    const text = docs();
    for (const example of plausibleExamples) {
      const row = text.split('\n').find((l) => l.startsWith(`| ${example.name} |`));
      expect(row, `docs/API.md lists "${example.name}"`).toBeDefined();
      expect(row).toContain('200');
      for (const code of Object.values(example.warnings)) expect(row).toContain(code);
    }
  });

  test.each(plausibleExamples.map((e) => [e.name, e] as const))(
    '%s: 200 with a compatibility key, every approximation and left-out part flagged in meta',
    async (_name, example) => {
      const res = await query(compatKey, example.query);
      expect(res.status).toBe(200);
      expect(metricCodes(res.body.meta)).toEqual(example.warnings);
      const all = (res.body.meta.warnings ?? []).map(
        (w: { at: string; code: string; warning: string }) => {
          expect(w.warning.length).toBeGreaterThan(20);
          return `${w.at} ${w.code}`;
        },
      );
      expect(all).toEqual(example.all);
      expect(res.body.query.metrics).toEqual(example.query.metrics);
      expect(res.body.query.dimensions).toEqual(example.query.dimensions ?? []);
      expect(Array.isArray(res.body.results)).toBe(true);
      for (const row of res.body.results) {
        expect(row.metrics).toHaveLength((example.query.metrics as string[]).length);
        expect(row.dimensions).toHaveLength(((example.query.dimensions as string[]) ?? []).length);
      }
    },
  );

  test("docs/API.md's meta of a filter not applied is the answer's", async () => {
    const text = docs();
    const intro = text.indexOf('"Filtering by page and country" example on a compatibility key:');
    expect(intro).toBeGreaterThan(0);
    const start = text.indexOf('```json\n', intro) + 8;
    const block = text.slice(start, text.indexOf('\n```', start));
    const example = plausibleExamples.find((e) => e.name === 'Filtering by page and country')!;
    const res = await query(compatKey, example.query);
    expect({ meta: res.body.meta }).toEqual(JSON.parse(`{${block}}`));
  });

  test.each(
    plausibleExamples
      .filter((e) => (e.query.metrics as string[]).includes('visitors'))
      .map((e) => [e.name, e] as const),
  )('%s: 400 naming visitors with a normal key', async (_name, example) => {
    const res = await query(normalKey, example.query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^metrics\[0\] visitors is not supported/);
  });

  test.each(plausibleExamples.filter((e) => e.normalRefusal).map((e) => [e.name, e] as const))(
    '%s with visits: a normal key still gets the 400 naming what counters cannot answer',
    async (_name, example) => {
      const metrics = (example.query.metrics as string[]).map((m) =>
        m === 'visitors' ? 'visits' : m,
      );
      const res = await query(normalKey, { ...example.query, metrics });
      expect(res.status).toBe(400);
      expect(res.body.error.message.startsWith(example.normalRefusal!)).toBe(true);
    },
  );

  test('visitors are the visits, visit_duration the engaged time per visit (flagged)', async () => {
    const res = await query(compatKey, {
      site_id: domain,
      metrics: ['visitors', 'visits', 'visit_duration', 'events'],
      date_range: 'day',
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ metrics: [2, 2, 20, 2], dimensions: [] }]);
    expect(Object.keys(res.body.meta.metric_warnings)).toEqual(['visitors', 'visit_duration']);
    expect(res.body.meta.metric_warnings.visit_duration.code).toBe(
      'visit_duration_is_engaged_time',
    );
  });

  test('the Plausible revenue example answers with either key', async () => {
    const revenueExample = {
      site_id: 'dummy.site',
      metrics: ['total_revenue'],
      date_range: 'all',
      dimensions: ['event:goal'],
    };
    for (const key of [compatKey, normalKey]) {
      const res = await query(key, revenueExample);
      expect(res.status).toBe(200);
      expect(res.body.results).toContainEqual({
        dimensions: ['Purchase'],
        metrics: [{ value: 0, currency: 'EUR' }],
      });
      expect(res.body.query.order_by).toEqual([['total_revenue', 'desc']]);
    }
  });

  test('visitors of goals are their conversions (flagged); a normal key gets a 400', async () => {
    const body = {
      site_id: domain,
      metrics: ['visitors', 'conversion_rate'],
      date_range: 'day',
      dimensions: ['event:goal'],
    };
    const res = await query(compatKey, body);
    expect(res.status).toBe(200);
    expect(res.body.results).toContainEqual({ metrics: [1, 50], dimensions: ['Thank-you page'] });
    expect(res.body.meta.metric_warnings.visitors.code).toBe('visitors_are_conversions');
    const refused = await query(normalKey, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^metrics\[0\] visitors is not supported/);
  });

  test('PATCH turns the compatibility off (audited): visitors is a 400 again', async () => {
    const res = await owner.patch(`/api/api-keys/${compatId}`, { plausibleCompat: false });
    expect(res.status).toBe(200);
    expect(res.body.key.plausibleCompat).toBe(false);
    const refused = await query(compatKey, plausibleExamples[0]!.query);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('visitors');
    const rows = (await server.store.accounts.auditRows()).filter(
      (r) => r.action === 'api_key.update',
    );
    expect(JSON.parse(rows.at(-1)!.details)).toMatchObject({ plausibleCompat: false });
    expect(
      (await owner.patch(`/api/api-keys/${compatId}`, { plausibleCompat: 'yes' })).status,
    ).toBe(400);
    await owner.patch(`/api/api-keys/${compatId}`, { plausibleCompat: true });
    expect((await query(compatKey, plausibleExamples[0]!.query)).status).toBe(200);
  });

  test('the answers: Plausible names, pages by case-insensitive contains, props across events by day', async () => {
    const u = `https://${domain}/Blog/first-post`;
    expect((await postEvent(server.url, { n: 'pageview', u, d: domain, r: null })).status).toBe(
      202,
    );
    for (const [n, is_customer] of [
      ['Signup', 'true'],
      ['Purchase', 'false'],
      ['Signup', 'true'],
    ]) {
      const res = await postEvent(server.url, { n, u, d: domain, r: null, p: { is_customer } });
      expect(res.status).toBe(202);
    }
    const today = new Date().toISOString().slice(0, 10);
    const byName = Object.fromEntries(plausibleExamples.map((e) => [e.name, e.query]));

    const blog = await query(compatKey, byName['Case insensitive filtering']);
    expect(blog.body.results).toEqual([{ metrics: [1], dimensions: [] }]);

    // GNU/Linux is ua-parser's Linux (the test client's user agent); Mac matches nothing here.
    const series = await query(compatKey, byName['Timeseries query']);
    expect(series.body.results).toHaveLength(7);
    expect(series.body.results.at(-1)).toEqual({ metrics: [3, 3], dimensions: [today] });
    const macOnly = await query(compatKey, {
      ...byName['Timeseries query'],
      filters: [['is', 'visit:os', ['Mac']]],
    });
    expect(macOnly.body.results.at(-1)).toEqual({ metrics: [0, 0], dimensions: [today] });

    const props = await query(compatKey, byName['Using custom properties']);
    expect(props.status).toBe(200);
    expect(props.body.results).toEqual([
      { metrics: [2], dimensions: [today, 'true'] },
      { metrics: [1], dimensions: [today, 'false'] },
    ]);
    expect(props.body.query.dimensions).toEqual(['time:day', 'event:props:is_customer']);

    const os = await query(compatKey, {
      site_id: domain,
      metrics: ['visitors'],
      date_range: 'day',
      dimensions: ['visit:os'],
    });
    expect(os.body.results).toEqual([{ metrics: [3], dimensions: ['GNU/Linux'] }]);
  });

  test('small-count protection holds in props across events and by time (k = 2)', async () => {
    const created = await owner.post('/api/api-keys', {
      name: 'protected plausible client',
      siteIds: [siteId],
      plausibleCompat: true,
      k: 2,
    });
    expect(created.status).toBe(201);
    const byName = Object.fromEntries(plausibleExamples.map((e) => [e.name, e.query]));
    const today = new Date().toISOString().slice(0, 10);
    // is_customer: "true" was sent twice, "false" once: the single one is folded into the hidden row.
    const props = await query(created.body.secret, byName['Using custom properties']);
    expect(props.body.results).toEqual([
      { metrics: [2], dimensions: [today, 'true'] },
      { metrics: [1], dimensions: [today, 'hidden (fewer than 2)'] },
    ]);
    const alone = await query(created.body.secret, {
      site_id: domain,
      metrics: ['events'],
      date_range: 'day',
      dimensions: ['event:props:is_customer'],
    });
    expect(alone.body.results).toEqual([
      { metrics: [2], dimensions: ['true'] },
      { metrics: [1], dimensions: ['hidden (fewer than 2)'] },
    ]);
  });
});

describe("Plausible's examples on a compatibility key: the values of what is left out", () => {
  // A site of its own, so that every figure is known; the examples are sent unchanged but for
  // site_id.
  const site = 'values.test';
  let key: string;
  const ask = (body: Record<string, unknown>) =>
    new Client(server.url, { authorization: `Bearer ${key}` }).post('/api/v2/query', {
      ...body,
      site_id: site,
    });
  const example = (name: string) => plausibleExamples.find((e) => e.name === name)!.query;
  const without = (q: Record<string, unknown>, at: number) => ({
    ...q,
    filters: (q.filters as unknown[]).filter((_, i) => i !== at),
  });

  beforeAll(async () => {
    const created = await owner.post(`/api/orgs/${orgId}/sites`, { domain: site, timezone: 'UTC' });
    expect(created.status).toBe(201);
    const id = created.body.site.id;
    expect((await owner.post(`/api/sites/${id}/goals`, { event: 'Signup' })).status).toBe(201);
    const made = await owner.post('/api/api-keys', {
      name: 'values',
      siteIds: [id],
      plausibleCompat: true,
    });
    key = made.body.secret;
    // Six visits of one page each (no referrer): Estonia 3, United States 2, France 1; UTM
    // medium email 2 (newsletter, mailchimp), cpc 1 (google); one Signup.
    const visits: [string, string][] = [
      ['/docs/intro?utm_medium=email&utm_source=newsletter', 'Europe/Tallinn'],
      ['/docs/api?utm_medium=cpc&utm_source=google', 'Europe/Tallinn'],
      ['/docs/guide', 'Europe/Tallinn'],
      ['/pricing?utm_medium=email&utm_source=mailchimp', 'Europe/Paris'],
      ['/about', 'America/New_York'],
      ['/', 'America/New_York'],
    ];
    for (const [p, z] of visits) {
      const res = await postEvent(server.url, {
        n: 'pageview',
        u: `https://${site}${p}`,
        d: site,
        r: null,
        z,
      });
      expect(res.status).toBe(202);
    }
    const signup = {
      n: 'Signup',
      u: `https://${site}/pricing`,
      d: site,
      r: null,
      z: 'Europe/Paris',
    };
    expect((await postEvent(server.url, signup)).status).toBe(202);
  });

  test('a dimension not recorded: the rows of the other dimension, the city null', async () => {
    const q = example('Country and city analysis');
    const res = await ask(q);
    expect(res.status).toBe(200);
    const countries = await ask({ ...q, dimensions: ['visit:country_name'] });
    expect(res.body.results).toEqual(
      countries.body.results.map((r: { metrics: number[]; dimensions: string[] }) => ({
        metrics: r.metrics,
        dimensions: [r.dimensions[0], null],
      })),
    );
    expect(
      res.body.results.map((r: { metrics: number[]; dimensions: string[] }) => [
        ...r.dimensions,
        ...r.metrics.slice(0, 2),
      ]),
    ).toEqual([
      ['Estonia', null, 3, 3],
      ['United States', null, 2, 2],
      ['France', null, 1, 1],
    ]);
  });

  test('two dimensions not combined: the rows of the first, the second null; pagination kept', async () => {
    const res = await ask(example('UTM medium, source analysis'));
    expect(res.status).toBe(200);
    const media = await ask({
      metrics: ['visitors'],
      date_range: '7d',
      dimensions: ['visit:utm_medium'],
      include: { total_rows: true },
    });
    expect(res.body.results).toEqual(
      media.body.results.map((r: { metrics: number[]; dimensions: string[] }) => ({
        metrics: [r.metrics[0], null, null],
        dimensions: [r.dimensions[0], null],
      })),
    );
    expect(res.body.results.slice(0, 2)).toEqual([
      { metrics: [2, null, null], dimensions: ['email', null] },
      { metrics: [1, null, null], dimensions: ['cpc', null] },
    ]);
    const page = await ask(example('Pagination'));
    expect(page.status).toBe(200);
    expect(page.body.meta.total_rows).toBe(media.body.meta.total_rows);
    expect(page.body.results).toEqual(res.body.results.slice(1, 4));
  });

  test('a filter not applied: the figure of the query without it (an upper bound)', async () => {
    const pages = example('Filtering by page and country');
    const res = await ask(pages);
    expect(res.body.results).toEqual([{ metrics: [4], dimensions: [] }]);
    expect((await ask(without(pages, 1))).body.results).toEqual(res.body.results);

    const segment = await ask(example('Filtering by segment'));
    expect(segment.body.results).toEqual([{ metrics: [6, 7], dimensions: [] }]);
    expect((await ask(without(example('Filtering by segment'), 0))).body.results).toEqual(
      segment.body.results,
    );

    const imports = example('Including imported data failed');
    const bySource = await ask(imports);
    expect(bySource.body.results.length).toBeGreaterThan(1);
    expect((await ask(without(imports, 0))).body.results).toEqual(bySource.body.results);

    const behavioral = example('Behavioral filters');
    const signups = await ask(behavioral);
    expect(signups.body.results).toEqual([{ metrics: [1], dimensions: [] }]);
    expect((await ask(without(behavioral, 1))).body.results).toEqual(signups.body.results);
    expect(signups.body.meta.metric_warnings.visitors.warning).toContain('upper bound');
  });
});
