// POST /api/event over real HTTP into a real SQLite file: counting, Plausible shapes, CORS, rejections.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DailyRow } from '../../server/counters/types.js';
import { type TestServer, desktopChrome, postEvent, startTestServer } from '../support/server.js';

let server: TestServer;
const today = () => new Date().toISOString().slice(0, 10);

type Metrics = Omit<DailyRow, 'siteId' | 'day' | 'dimension' | 'value'>;

/** Counter rows of a site keyed "dimension:value", with the column names of the table. */
async function rows(domain: string): Promise<Record<string, Record<string, number>>> {
  const list = await server.dailyRows(domain);
  expect(new Set(list.map((r) => r.day))).toEqual(new Set([today()]));
  return Object.fromEntries(
    list.map(({ dimension, value, ...m }) => [`${dimension}:${value}`, columns(m)]),
  );
}

function columns(m: Metrics & { siteId?: number; day?: string }) {
  return {
    pageviews: m.pageviews,
    visits: m.visits,
    bounces: m.bounces,
    exits: m.exits,
    engaged_ms: m.engagedMs,
    engagements: m.engagements,
    scroll_sum: m.scrollSum,
    events: m.events,
  };
}

const zero = {
  pageviews: 0,
  visits: 0,
  bounces: 0,
  exits: 0,
  engaged_ms: 0,
  engagements: 0,
  scroll_sum: 0,
  events: 0,
};

beforeAll(async () => {
  server = await startTestServer({
    sites: [
      { domain: 'example.test', timezone: 'UTC' },
      { domain: 'plausible.test', timezone: 'UTC' },
      { domain: 'cors.test', timezone: 'UTC' },
      { domain: 'bots.test', timezone: 'UTC' },
    ],
  });
});
afterAll(() => server.close());

describe('Pomelo events', () => {
  test('an entry from a search engine, an internal pageview, its engagement and a custom event', async () => {
    const pv = {
      n: 'pageview',
      u: 'https://example.test/pricing?utm_source=news&utm_campaign=fall&secret=abc#top',
      d: 'example.test',
      r: 'https://www.google.com/search?q=pomelo',
      w: 1280,
      z: 'Europe/Paris',
      t: 0,
    };
    expect((await postEvent(server.url, pv)).status).toBe(202);
    const internal = {
      ...pv,
      u: 'https://example.test/docs',
      r: 'https://example.test/pricing',
      w: 400,
    };
    expect((await postEvent(server.url, internal)).status).toBe(202);
    expect(
      (await postEvent(server.url, { ...pv, n: 'engagement', e: 5000, sd: 60, c: 1 })).status,
    ).toBe(202);
    expect(
      (await postEvent(server.url, { ...internal, n: 'engagement', e: 1200, sd: 30, c: 0 })).status,
    ).toBe(202);
    expect(
      (await postEvent(server.url, { ...internal, n: 'Signup', p: { plan: 'pro', seats: 3 } }))
        .status,
    ).toBe(202);

    expect(await rows('example.test')).toEqual({
      'browser:Chrome': {
        ...zero,
        pageviews: 2,
        visits: 1,
        exits: 1,
        engaged_ms: 6200,
        engagements: 2,
        scroll_sum: 90,
      },
      'country:FR': {
        ...zero,
        pageviews: 2,
        visits: 1,
        exits: 1,
        engaged_ms: 6200,
        engagements: 2,
        scroll_sum: 90,
      },
      'device:laptop': {
        ...zero,
        pageviews: 1,
        visits: 1,
        engaged_ms: 5000,
        engagements: 1,
        scroll_sum: 60,
      },
      'device:mobile': {
        ...zero,
        pageviews: 1,
        exits: 1,
        engaged_ms: 1200,
        engagements: 1,
        scroll_sum: 30,
      },
      'entry:/pricing': { ...zero, pageviews: 1, visits: 1 },
      'event:Signup': { ...zero, events: 1 },
      'event_prop:["Signup","plan","pro"]': { ...zero, events: 1 },
      'event_prop:["Signup","seats","3"]': { ...zero, events: 1 },
      'exit:/docs': { ...zero, exits: 1 },
      // The internal pageview's same-site referrer: a page-flow pair.
      'flow:/pricing\n/docs': { ...zero, pageviews: 1 },
      'os:Linux': {
        ...zero,
        pageviews: 2,
        visits: 1,
        exits: 1,
        engaged_ms: 6200,
        engagements: 2,
        scroll_sum: 90,
      },
      'page:/docs': {
        ...zero,
        pageviews: 1,
        exits: 1,
        engaged_ms: 1200,
        engagements: 1,
        scroll_sum: 30,
      },
      'page:/pricing': { ...zero, pageviews: 1, engaged_ms: 5000, engagements: 1, scroll_sum: 60 },
      'referrer:google.com': { ...zero, pageviews: 1, visits: 1 },
      'source:news': { ...zero, pageviews: 1, visits: 1 },
      'total:': {
        ...zero,
        pageviews: 2,
        visits: 1,
        exits: 1,
        engaged_ms: 6200,
        engagements: 2,
        scroll_sum: 90,
        events: 1,
      },
      'utm_campaign:fall': { ...zero, pageviews: 1, visits: 1 },
      'utm_source:news': { ...zero, pageviews: 1, visits: 1 },
    });
    const site = await server.store.siteByDomain('example.test');
    const hourly = await server.store.hourlyRows(site!.id);
    expect(hourly.map((h) => [h.pageviews, h.visits, h.events])).toEqual([[2, 1, 1]]);
  });
});

describe('Plausible events', () => {
  // Plausible's script (npm tracker v0.4.6): text/plain JSON via fetch keepalive, port in the URL.
  const base = {
    u: 'http://plausible.test:8080/blog/post-1',
    d: 'plausible.test',
    r: null,
    v: 31,
    s: 'npm',
  };

  test('pageview, custom event with props and engagement count as Pomelo events', async () => {
    expect((await postEvent(server.url, { ...base, n: 'pageview' })).status).toBe(202);
    expect(
      (await postEvent(server.url, { ...base, n: 'Download', p: { format: 'pdf' }, i: true }))
        .status,
    ).toBe(202);
    expect(
      (await postEvent(server.url, { ...base, n: 'engagement', e: 4200, sd: 75 })).status,
    ).toBe(202);
    expect(
      (
        await postEvent(server.url, {
          ...base,
          n: 'Outbound Link: Click',
          p: { url: 'https://out.test/x?token=1' },
        })
      ).status,
    ).toBe(202);
    const r = await rows('plausible.test');
    expect(r['total:']).toEqual({
      ...zero,
      pageviews: 1,
      visits: 1,
      engaged_ms: 4200,
      engagements: 1,
      scroll_sum: 75,
      events: 2,
    });
    expect(r['page:/blog/post-1']).toEqual({
      ...zero,
      pageviews: 1,
      engaged_ms: 4200,
      engagements: 1,
      scroll_sum: 75,
    });
    expect(r['source:(direct)']).toEqual({ ...zero, pageviews: 1, visits: 1 });
    expect(r['country:(unknown)']).toMatchObject({ pageviews: 1 });
    expect(r['event_prop:["Download","format","pdf"]']).toEqual({ ...zero, events: 1 });
    expect(r['event_prop:["Outbound Link: Click","url","https://out.test/x"]']).toEqual({
      ...zero,
      events: 1,
    });
  });
});

describe('transport', () => {
  test('CORS preflight and simple requests are allowed from any origin, without credentials', async () => {
    const pre = await fetch(`${server.url}/api/event`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://cors.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await postEvent(
      server.url,
      { n: 'pageview', u: 'https://cors.test/', d: 'cors.test' },
      {
        origin: 'https://cors.test',
        'content-type': 'application/json',
      },
    );
    expect(res.status).toBe(202);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  test('bots are counted apart and never in the total', async () => {
    const ev = { n: 'pageview', u: 'https://bots.test/', d: 'bots.test' };
    const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    expect((await postEvent(server.url, ev, { 'user-agent': googlebot })).status).toBe(202);
    expect((await postEvent(server.url, ev, { 'user-agent': '' })).status).toBe(202);
    expect(await rows('bots.test')).toEqual({ 'bot:pageview': { ...zero, events: 2 } });
    expect((await postEvent(server.url, ev, { 'user-agent': desktopChrome })).status).toBe(202);
    expect((await rows('bots.test'))['total:']).toMatchObject({ pageviews: 1 });
  });

  test('/p.js is served with an ETag, gzip and cross-origin loading allowed', async () => {
    const res = await fetch(`${server.url}/p.js`, { headers: { 'accept-encoding': 'gzip' } });
    if (res.status === 503) return expect(await res.text()).toMatch(/not built/);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${server.url}/p.js`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  test('unknown sites and foreign hostnames are refused with a reason', async () => {
    const unknown = await postEvent(server.url, {
      n: 'pageview',
      u: 'https://nobody.test/',
      d: 'nobody.test',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { code: 'unknown_site', message: expect.any(String) } });
    const mismatch = await postEvent(server.url, {
      n: 'pageview',
      u: 'https://evil.test/',
      d: 'example.test',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ error: { code: 'domain_mismatch' } });
  });
});

describe('site policies', () => {
  test('events on an excluded path are answered 202 and not counted', async () => {
    const site = await server.store.addSite(
      { domain: 'excluded.test', timezone: 'UTC', settings: { excludedPaths: ['/admin/*'] } },
      new Date(),
    );
    const ev = (path: string) => ({
      n: 'pageview',
      u: `https://excluded.test${path}`,
      d: 'excluded.test',
    });
    for (const path of ['/admin', '/admin/users/7', '/pricing']) {
      expect((await postEvent(server.url, ev(path))).status).toBe(202);
    }
    const pages = (await server.store.dailyRows(site.id)).filter((r) => r.dimension === 'page');
    expect(pages.map((r) => [r.value, r.pageviews])).toEqual([['/pricing', 1]]);
  });

  test('Sec-GPC: 1 is obeyed at the server (a script that ignores GPC counts nothing) unless the site turned GPC off', async () => {
    const honouring = await server.store.addSite(
      { domain: 'gpc.test', timezone: 'UTC' },
      new Date(),
    );
    const ignoring = await server.store.addSite(
      { domain: 'nogpc.test', timezone: 'UTC', settings: { honourGpc: false } },
      new Date(),
    );
    const ev = (domain: string) => ({ n: 'pageview', u: `https://${domain}/`, d: domain });
    const gpc = { 'sec-gpc': '1' };
    expect((await postEvent(server.url, ev('gpc.test'), gpc)).status).toBe(202);
    expect((await postEvent(server.url, ev('gpc.test'), { dnt: '1' })).status).toBe(202);
    expect((await postEvent(server.url, ev('gpc.test'))).status).toBe(202);
    expect((await postEvent(server.url, ev('nogpc.test'), gpc)).status).toBe(202);
    const total = async (id: number) =>
      (await server.store.dailyRows(id)).find((r) => r.dimension === 'total')?.pageviews;
    expect([await total(honouring.id), await total(ignoring.id)]).toEqual([1, 1]);
  });

  test('a flood on one site gets 429 with Retry-After past its rate; other sites still count', async () => {
    const limited = await startTestServer({
      env: { POMELO_INGEST_RATE: '1', POMELO_INGEST_BURST: '3' },
      sites: [{ domain: 'flooded.test' }, { domain: 'calm.test' }],
    });
    try {
      const ev = (domain: string) => ({ n: 'pageview', u: `https://${domain}/`, d: domain });
      // Sent at once: the bucket (3 tokens, 1 more per second) cannot refill in between.
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => postEvent(limited.url, ev('flooded.test'))),
      );
      expect(answers.filter((a) => a.status === 202)).toHaveLength(3);
      const refused = answers.filter((a) => a.status === 429);
      expect(refused).toHaveLength(3);
      for (const r of refused) {
        expect(r.body).toMatchObject({ error: { code: 'rate_limited' } });
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      expect((await postEvent(limited.url, ev('calm.test'))).status).toBe(202);
      const total = async (d: string) =>
        (await limited.dailyRows(d)).find((r) => r.dimension === 'total')?.pageviews;
      expect([await total('flooded.test'), await total('calm.test')]).toEqual([3, 1]);
    } finally {
      await limited.close();
    }
  });
});
