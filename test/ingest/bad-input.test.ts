// Malformed and hostile bodies sent over real HTTP: each gets its exact 4xx and changes no counter;
// hostile but still valid events are stored sanitised (no control chars, no query, bounded length).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestServer, startTestServer } from '../support/server.js';
import {
  type CounterMetrics,
  type CounterSnapshot,
  type RawResponse,
  allTextValues,
  diffSnapshots,
  isErrorShape,
  rawPost,
  snapshotCounters,
  snapshotStore,
  storeTextValues,
  zeroMetrics,
} from '../fuzz/harness.js';
import { UNSAFE_TEXT } from '../fuzz/arbitraries.js';

let server: TestServer;
const responses: { label: string; status: number; body: unknown }[] = [];

beforeAll(async () => {
  server = await startTestServer({
    sites: [
      { domain: 'bad.test', timezone: 'UTC' },
      { domain: 'ok.test', timezone: 'UTC' },
      { domain: 'www.wsite.test', timezone: 'UTC' },
    ],
  });
  // One accepted event first, so "unchanged" compares non-empty tables.
  const seed = await post(JSON.stringify({ n: 'pageview', u: 'https://bad.test/seed', t: 0 }));
  expect(seed.status).toBe(202);
});
afterAll(() => server.close());

async function post(
  body: string | Uint8Array,
  headers: Record<string, string | null> = {},
  label = 'setup',
): Promise<RawResponse> {
  const res = await rawPost(server.url, body, headers);
  responses.push({ label, status: res.status, body: res.body });
  return res;
}

/** A valid pageview body for bad.test with some fields replaced. */
const ev = (fields: Record<string, unknown>) =>
  JSON.stringify({ n: 'pageview', u: 'https://bad.test/page', d: 'bad.test', ...fields });
/** A valid first engagement beacon for bad.test with some fields replaced. */
const eng = (fields: Record<string, unknown>) =>
  ev({ n: 'engagement', e: 1000, sd: 10, c: 0, ...fields });
/** Raw JSON text for props, so keys such as "__proto__" really are own keys of the parsed object. */
const rawProps = (propsJson: string, name = 'Signup') =>
  `{"n":${JSON.stringify(name)},"u":"https://bad.test/page","d":"bad.test","p":${propsJson}}`;
const manyProps = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

type Case = [
  label: string,
  body: string | Uint8Array,
  status: number,
  code: string,
  headers?: Record<string, string | null>,
];

const cases: Case[] = [
  // Transport and JSON.
  ['invalid JSON (unquoted keys)', "{n:'pageview'}", 400, 'invalid_json'],
  ['truncated JSON', '{"n":"pageview","u":"https://bad.test/', 400, 'invalid_json'],
  ['empty body', '', 400, 'invalid_json'],
  ['4096 bytes of spaces', ' '.repeat(4096), 400, 'invalid_json'],
  ['only a NUL byte', '\u0000', 400, 'invalid_json'],
  ['invalid UTF-8 bytes', new Uint8Array([0xff, 0xfe, 0x7b, 0x80, 0x7d]), 400, 'invalid_json'],
  ['JSON with a trailing comma', '{"n":"pageview",}', 400, 'invalid_json'],
  ['two JSON objects', ev({}) + ev({}), 400, 'invalid_json'],
  [
    'a body carrying its own "rejected" key is validated, not taken for a rejection',
    JSON.stringify({ rejected: 'unknown_site', message: 'spoofed', u: 'https://bad.test/' }),
    400,
    'bad_name',
  ],
  ['JSON array', '[]', 400, 'not_an_object'],
  ['array of events', `[${ev({})}]`, 400, 'not_an_object'],
  ['JSON string', '"pageview"', 400, 'not_an_object'],
  ['JSON number', '42', 400, 'not_an_object'],
  ['JSON null', 'null', 400, 'not_an_object'],
  ['JSON true', 'true', 400, 'not_an_object'],
  ['body of 4097 bytes', ev({ x: '' }).replace('}', ' '.repeat(4097) + '}'), 413, 'body_too_large'],
  ['body of 64 KB', ev({ x: 'a'.repeat(65_536) }), 413, 'body_too_large'],
  ['a 10 KB URL', ev({ u: 'https://bad.test/' + 'a'.repeat(10_240) }), 413, 'body_too_large'],
  [
    'form content type',
    ev({}),
    415,
    'unsupported_media_type',
    { 'content-type': 'application/x-www-form-urlencoded' },
  ],
  [
    'multipart content type',
    ev({}),
    415,
    'unsupported_media_type',
    { 'content-type': 'multipart/form-data; boundary=x' },
  ],
  [
    'text/html content type',
    ev({}),
    415,
    'unsupported_media_type',
    { 'content-type': 'text/html' },
  ],
  [
    'octet-stream content type',
    ev({}),
    415,
    'unsupported_media_type',
    { 'content-type': 'application/octet-stream' },
  ],
  [
    'a look-alike JSON content type',
    ev({}),
    415,
    'unsupported_media_type',
    { 'content-type': 'application/json-patch+json' },
  ],
  [
    'a look-alike text content type',
    ev({}),
    415,
    'unsupported_media_type',
    { 'content-type': 'text/plain-fake' },
  ],
  ['an empty content type', ev({}), 415, 'unsupported_media_type', { 'content-type': '' }],
  // n
  ['n missing', JSON.stringify({ u: 'https://bad.test/', d: 'bad.test' }), 400, 'bad_name'],
  ['n is a number', ev({ n: 42 }), 400, 'bad_name'],
  ['n is null', ev({ n: null }), 400, 'bad_name'],
  ['n is an array', ev({ n: ['pageview'] }), 400, 'bad_name'],
  ['n is an object', ev({ n: { toString: 'pageview' } }), 400, 'bad_name'],
  ['n is empty', ev({ n: '' }), 400, 'bad_name'],
  ['n is only control chars and NUL', ev({ n: '\u0000\u0007\u001b\u007f' }), 400, 'bad_name'],
  ['n is only bidi overrides', ev({ n: '\u202e\u202d\u2066' }), 400, 'bad_name'],
  ['n is only zero-width chars', ev({ n: '\u200b\u200c\u200d\ufeff' }), 400, 'bad_name'],
  ['n is 121 chars', ev({ n: 'x'.repeat(121) }), 400, 'bad_name'],
  // u
  ['u missing', JSON.stringify({ n: 'pageview', d: 'bad.test' }), 400, 'bad_url'],
  ['u is a number', ev({ u: 42 }), 400, 'bad_url'],
  ['u is an object', ev({ u: { href: 'https://bad.test/' } }), 400, 'bad_url'],
  ['u of 3,000 chars', ev({ u: 'https://bad.test/' + 'a'.repeat(3000) }), 400, 'bad_url'],
  ['javascript: URL', ev({ u: 'javascript:alert(1)' }), 400, 'bad_url'],
  ['data: URL', ev({ u: 'data:text/html,<script>alert(1)</script>' }), 400, 'bad_url'],
  ['file: URL', ev({ u: 'file:///etc/passwd' }), 400, 'bad_url'],
  ['ftp: URL', ev({ u: 'ftp://bad.test/file' }), 400, 'bad_url'],
  ['relative URL', ev({ u: '/page' }), 400, 'bad_url'],
  ['URL without a host', ev({ u: 'https://' }), 400, 'bad_url'],
  ['URL with an invalid port', ev({ u: 'https://bad.test:99999/' }), 400, 'bad_url'],
  ['NUL in the URL host', ev({ u: 'https://bad\u0000.test/' }), 400, 'bad_url'],
  // d, site matching
  ['d is a number', ev({ d: 42 }), 400, 'bad_domain'],
  ['d is an array', ev({ d: ['bad.test'] }), 400, 'bad_domain'],
  [
    'd lists 11 domains',
    ev({ d: Array.from({ length: 11 }, (_, i) => `s${i}.test`).join(',') }),
    400,
    'bad_domain',
  ],
  ['d of 254 chars', ev({ d: 'a'.repeat(250) + '.test' }), 400, 'bad_domain'],
  ['unknown site', ev({ u: 'https://nobody.test/', d: 'nobody.test' }), 404, 'unknown_site'],
  [
    'unknown site, no d',
    JSON.stringify({ n: 'pageview', u: 'https://nobody.test/' }),
    404,
    'unknown_site',
  ],
  ['URL on another host', ev({ u: 'https://evil.test/' }), 400, 'domain_mismatch'],
  ['URL on a look-alike host', ev({ u: 'https://notbad.test/' }), 400, 'domain_mismatch'],
  [
    'site name as a subdomain of another host',
    ev({ u: 'https://bad.test.evil.test/' }),
    400,
    'domain_mismatch',
  ],
  ['site name as URL userinfo', ev({ u: 'https://bad.test@evil.test/' }), 400, 'domain_mismatch'],
  ['URL on an IP address', ev({ u: 'http://127.0.0.1/' }), 400, 'domain_mismatch'],
  // r
  ['r is a number', ev({ r: 42 }), 400, 'bad_referrer'],
  ['r is an object', ev({ r: {} }), 400, 'bad_referrer'],
  ['r of 2,049 chars', ev({ r: 'https://ref.test/' + 'a'.repeat(2032) }), 400, 'bad_referrer'],
  // w
  ['w is a string', ev({ w: '1280' }), 400, 'bad_width'],
  ['w is -1', ev({ w: -1 }), 400, 'bad_width'],
  ['w is 1e308', ev({ w: 1e308 }), 400, 'bad_width'],
  ['w is 1e309 (Infinity)', ev({}).replace('}', ',"w":1e309}'), 400, 'bad_width'],
  ['w is 2**53+1', ev({}).replace('}', `,"w":${2n ** 53n + 1n}}`), 400, 'bad_width'],
  ['w is fractional', ev({ w: 12.5 }), 400, 'bad_width'],
  ['w is "NaN"', ev({ w: 'NaN' }), 400, 'bad_width'],
  ['w is null', ev({ w: null }), 400, 'bad_width'],
  // z
  ['z is a number', ev({ z: 42 }), 400, 'bad_timezone'],
  ['z of 65 chars', ev({ z: 'Europe/' + 'x'.repeat(58) }), 400, 'bad_timezone'],
  // t
  ['t is 4', ev({ t: 4 }), 400, 'bad_navigation'],
  ['t is -1', ev({ t: -1 }), 400, 'bad_navigation'],
  ['t is "0"', ev({ t: '0' }), 400, 'bad_navigation'],
  ['t is 1e308', ev({ t: 1e308 }), 400, 'bad_navigation'],
  ['t is 0.5', ev({ t: 0.5 }), 400, 'bad_navigation'],
  // h
  ['h is 2', ev({ h: 2 }), 400, 'bad_hash'],
  ['h is "1"', ev({ h: '1' }), 400, 'bad_hash'],
  // p
  ['p is an array', rawProps('["a"]'), 400, 'bad_props'],
  ['p is a string', rawProps('"plan=pro"'), 400, 'bad_props'],
  ['p is a number', rawProps('7'), 400, 'bad_props'],
  ['p has 31 keys', rawProps(JSON.stringify(manyProps(31))), 400, 'bad_props'],
  ['p key of 61 chars', rawProps(JSON.stringify({ ['k'.repeat(61)]: 'v' })), 400, 'bad_props'],
  ['p key is empty', rawProps('{"":"v"}'), 400, 'bad_props'],
  ['p key is only NUL and control chars', rawProps('{"\\u0000\\u0001":"v"}'), 400, 'bad_props'],
  ['p key is only an RTL override', rawProps('{"\\u202e":"v"}'), 400, 'bad_props'],
  ['p value of 301 chars', rawProps(JSON.stringify({ v: 'x'.repeat(301) })), 400, 'bad_props'],
  ['p value nested 100 levels', rawProps(nested(100)), 400, 'bad_props'],
  ['p value is null', rawProps('{"a":null}'), 400, 'bad_props'],
  ['p value is an array', rawProps('{"a":[1,2]}'), 400, 'bad_props'],
  ['p key "__proto__"', rawProps('{"__proto__":"x"}'), 400, 'bad_props'],
  [
    'p key "__proto__" holding an object',
    rawProps('{"__proto__":{"polluted":1}}'),
    400,
    'bad_props',
  ],
  ['p key "constructor"', rawProps('{"constructor":"x"}'), 400, 'bad_props'],
  ['p key "prototype"', rawProps('{"prototype":"x"}'), 400, 'bad_props'],
  [
    'p key "__proto__" hidden by a zero-width char',
    rawProps('{"__proto__\\u200b":"x"}'),
    400,
    'bad_props',
  ],
  [
    'p key "constructor" hidden by padding',
    rawProps('{" constructor\\u0000":"x"}'),
    400,
    'bad_props',
  ],
  [
    'p keys equal once invisible chars are removed',
    rawProps('{"plan":"a","pl\\u200ban":"b"}'),
    400,
    'bad_props',
  ],
  // e, sd, c, f (engagement beacons)
  ['e is -1 (negative duration)', eng({ e: -1 }), 400, 'bad_engagement'],
  ['e is 1e308', eng({ e: 1e308 }), 400, 'bad_engagement'],
  ['e is 2**53+1', eng({}).replace('}', `,"e":${2n ** 53n + 1n}}`), 400, 'bad_engagement'],
  ['e is "NaN"', eng({ e: 'NaN' }), 400, 'bad_engagement'],
  ['e is "Infinity"', eng({ e: 'Infinity' }), 400, 'bad_engagement'],
  ['e is over a day', eng({ e: 86_400_001 }), 400, 'bad_engagement'],
  ['e is fractional', eng({ e: 1.5 }), 400, 'bad_engagement'],
  ['e is null', eng({ e: null }), 400, 'bad_engagement'],
  ['sd is -1', eng({ sd: -1 }), 400, 'bad_engagement'],
  ['sd is 101', eng({ sd: 101 }), 400, 'bad_engagement'],
  ['sd is 1e308', eng({ sd: 1e308 }), 400, 'bad_engagement'],
  ['sd is "50"', eng({ sd: '50' }), 400, 'bad_engagement'],
  ['c is 8', eng({ c: 8 }), 400, 'bad_engagement'],
  ['c is 1.5', eng({ c: 1.5 }), 400, 'bad_engagement'],
  ['c is "1"', eng({ c: '1' }), 400, 'bad_engagement'],
  ['f is 2', eng({ f: 2 }), 400, 'bad_engagement'],
  ['f is "yes"', eng({ f: 'yes' }), 400, 'bad_engagement'],
];

describe('rejected input changes nothing', () => {
  const rows = cases.map(([label, body, status, code, headers]) => ({
    label,
    body,
    status,
    code,
    headers,
  }));
  test.each(rows)('$label → $status $code', async ({ label, body, status, code, headers }) => {
    const before = await snapshotStore(server.store);
    const res = await post(body, headers, label);
    expect({ status: res.status, body: res.body }).toEqual({
      status,
      body: { error: { code, message: expect.stringMatching(/\S/) } },
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    // The group commit answers only after its batch committed, so a stray write would show here.
    await server.pomelo.writer.drain();
    expect(await snapshotStore(server.store)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Still-valid events: accepted, and every stored value is sanitised.

let okSiteId = 0;
const okDay = () => new Date().toISOString().slice(0, 10);

/** The counter changes an accepted event made, as `dimension:value` → metrics (+ `hourly`). */
async function acceptedDiff(body: string, label: string): Promise<Record<string, CounterMetrics>> {
  okSiteId ||= (await server.store.siteByDomain('ok.test'))!.id;
  const before = await snapshotStore(server.store);
  const res = await post(body, {}, label);
  expect(res.status).toBe(202);
  expect(res.text).toBe('');
  const diff: CounterSnapshot = diffSnapshots(before, await snapshotStore(server.store));
  const out: Record<string, CounterMetrics> = {};
  for (const [key, m] of Object.entries(diff)) {
    const [table, site, when, ...rest] = key.split('|');
    expect(Number(site)).toBe(okSiteId);
    if (table === 'hourly') {
      out.hourly = m;
    } else {
      expect(when).toBe(okDay());
      const [dimension, ...value] = rest;
      out[`${dimension}:${value.join('|')}`] = m;
    }
  }
  return out;
}

const m = (fields: Partial<CounterMetrics>): CounterMetrics => ({ ...zeroMetrics(), ...fields });

/** Rows of one direct (entry) pageview by desktop Chrome on Linux, no timezone, no width. */
function entryPageview(path: string, acquisition: Record<string, string> = {}) {
  const pv = m({ pageviews: 1, visits: 1 });
  return {
    'total:': pv,
    [`page:${path}`]: m({ pageviews: 1 }),
    [`entry:${path}`]: pv,
    'source:(direct)': pv,
    ...Object.fromEntries(Object.entries(acquisition).map(([k, v]) => [`${k}:${v}`, pv])),
    'country:(unknown)': pv,
    'browser:Chrome': pv,
    'os:Linux': pv,
    'device:desktop': pv,
    hourly: pv,
  };
}

/** Rows of one custom event with props. */
function customEvent(name: string, props: [string, string][]) {
  const one = m({ events: 1 });
  return {
    'total:': one,
    [`event:${name}`]: one,
    ...Object.fromEntries(props.map((p) => [`event_prop:${JSON.stringify([name, ...p])}`, one])),
    hourly: one,
  };
}

const okEv = (fields: Record<string, unknown>) =>
  JSON.stringify({ n: 'pageview', u: 'https://ok.test/', d: 'ok.test', ...fields });

describe('hostile but valid events are stored sanitised', () => {
  test('extra unknown keys, including raw "__proto__" and "constructor", are ignored', async () => {
    const body = okEv({ u: 'https://ok.test/extra', zz: 1, v: 31, s: 'npm', i: false }).replace(
      '}',
      ',"__proto__":{"n":"Hacked"},"constructor":{"prototype":{"x":1}}}',
    );
    expect(await acceptedDiff(body, 'extra keys')).toEqual(entryPageview('/extra'));
  });

  test('control chars, NUL, bidi and zero-width chars in the path are removed', async () => {
    const u = 'https://ok.test/a\u0000b/%07c%1B[31m/%E2%80%AEd\u200b/%00%E2%80%8B';
    expect(await acceptedDiff(okEv({ u }), 'control chars in the path')).toEqual(
      entryPageview('/ab/c[31m/d/'),
    );
  });

  test('a query string with secrets is dropped', async () => {
    const u = 'https://ok.test/account?token=tok-9f8e7d&email=alice%40example.org&uid=42#section';
    expect(await acceptedDiff(okEv({ u }), 'query with secrets')).toEqual(
      entryPageview('/account'),
    );
  });

  test('a query string inside a hash route is dropped too', async () => {
    const u = 'https://ok.test/app#/users/42?token=tok-9f8e7d';
    expect(await acceptedDiff(okEv({ u, h: 1 }), 'hash route query')).toEqual(
      entryPageview('/app#/users/42'),
    );
  });

  test('a 2,048-char URL is stored as a path of at most 300 chars', async () => {
    const u = 'https://ok.test/' + 'p'.repeat(2048 - 'https://ok.test/'.length);
    expect(u).toHaveLength(2048);
    expect(await acceptedDiff(okEv({ u }), '2048-char URL')).toEqual(
      entryPageview('/' + 'p'.repeat(299)),
    );
  });

  test('a referrer keeps its host only', async () => {
    const r = 'https://news.example.org/u/alice?sid=123#me';
    const diff = await acceptedDiff(okEv({ u: 'https://ok.test/from-news', r }), 'referrer');
    const pv = m({ pageviews: 1, visits: 1 });
    const { 'source:(direct)': _direct, ...rest } = entryPageview('/from-news');
    expect(diff).toEqual({ ...rest, 'source:example.org': pv, 'referrer:news.example.org': pv });
  });

  test('campaign tags lose control, bidi and zero-width chars', async () => {
    const u = 'https://ok.test/promo?utm_campaign=%00spr%E2%80%AEing%E2%80%8B&utm_medium=%07mail';
    const diff = await acceptedDiff(okEv({ u }), 'utm with control chars');
    expect(diff).toEqual(entryPageview('/promo', { utm_campaign: 'spring', utm_medium: 'mail' }));
  });

  test('zero-width, bidi and control chars in the event name are removed', async () => {
    const body = okEv({ n: ' Sign\u200bup\u200d\ufeff\u202e\u0000 ', p: { plan: 'pro' } });
    expect(await acceptedDiff(body, 'zero-width in the name')).toEqual(
      customEvent('Signup', [['plan', 'pro']]),
    );
  });

  test('invisible format chars (word joiner, soft hyphen, ALM, LS/PS, tag chars) are removed', async () => {
    const name = 'Sign\u2060\u00adup\u061c\u2028\u2029\u{e0041}\u{e007f}';
    const body = okEv({ n: name, p: { 'pl\u2063an': 'pr\u180eo\ufff9' } });
    expect(await acceptedDiff(body, 'invisible format chars')).toEqual(
      customEvent('Signup', [['plan', 'pro']]),
    );
  });

  test('control chars and NUL in prop keys and values are removed', async () => {
    const body = okEv({
      n: 'Checkout',
      p: { 'pl\u0000an': 'pro\u0000\u0007\u001b\u202e', 'se\u200bats': 3, ok: true },
    });
    expect(await acceptedDiff(body, 'control chars in props')).toEqual(
      customEvent('Checkout', [
        ['plan', 'pro'],
        ['seats', '3'],
        ['ok', 'true'],
      ]),
    );
  });

  test('a 300-char prop value is kept whole (the limit), a URL prop loses its query', async () => {
    const long = 'v'.repeat(300);
    const body = okEv({
      n: 'Outbound Link: Click',
      p: { long, url: 'https://out.example/x/y?session=tok-9f8e7d#frag' },
    });
    expect(await acceptedDiff(body, '300-char prop value')).toEqual(
      customEvent('Outbound Link: Click', [
        ['long', long],
        ['url', 'https://out.example/x/y'],
      ]),
    );
  });

  test('a non-http "url" prop is cut at its query, not turned into "null…"', async () => {
    const body = okEv({
      n: 'Outbound Link: Click',
      p: { url: 'mailto:sales@out.example?subject=tok-9f8e7d' },
    });
    expect(await acceptedDiff(body, 'mailto url prop')).toEqual(
      customEvent('Outbound Link: Click', [['url', 'mailto:sales@out.example']]),
    );
    const js = okEv({ n: 'File Download', p: { url: 'javascript:alert(1)#x' } });
    expect(await acceptedDiff(js, 'javascript url prop')).toEqual(
      customEvent('File Download', [['url', 'javascript:alert(1)']]),
    );
  });

  test('URL credentials are never stored', async () => {
    const u = 'https://alice:hunter2@ok.test/login';
    const r = 'https://bob:pw@ref.example.org/x';
    const diff = await acceptedDiff(okEv({ u, r }), 'credentials in URLs');
    const pv = m({ pageviews: 1, visits: 1 });
    const { 'source:(direct)': _direct, ...rest } = entryPageview('/login');
    expect(diff).toEqual({ ...rest, 'source:example.org': pv, 'referrer:ref.example.org': pv });
  });

  test('a site registered as "www.…" counts its events, with or without d', async () => {
    const before = await snapshotStore(server.store);
    for (const body of [
      { n: 'pageview', u: 'https://www.wsite.test/a', d: 'www.wsite.test' },
      { n: 'pageview', u: 'https://www.wsite.test/a' },
    ]) {
      expect((await post(JSON.stringify(body), {}, 'www site')).status).toBe(202);
    }
    const wrongHost = ev({ u: 'https://wsite.test/', d: 'www.wsite.test' });
    expect((await post(wrongHost, {}, 'www site, bare host')).body).toMatchObject({
      error: { code: 'domain_mismatch' },
    });
    const totals = Object.entries(diffSnapshots(before, await snapshotStore(server.store))).filter(
      ([k]) => k.endsWith('|total|'),
    );
    expect(totals.map(([, v]) => v.pageviews)).toEqual([2]);
  });

  test('every stored text value is sanitised and bounded', async () => {
    const unsafe = UNSAFE_TEXT;
    const rows: { dimension: string; value: string }[] = [];
    for (const site of await server.store.listSites()) {
      rows.push(...(await server.store.dailyRows(site.id)));
    }
    expect(rows.length).toBeGreaterThan(20);
    for (const { dimension, value } of rows) {
      expect(value, `${dimension}:${value}`).not.toMatch(unsafe);
      if (dimension === 'event_prop') {
        const [name, key, v] = JSON.parse(value) as string[];
        expect(name!.length).toBeLessThanOrEqual(120);
        expect(key!.length).toBeLessThanOrEqual(60);
        expect(v!.length).toBeLessThanOrEqual(300);
        expect(v).not.toMatch(/^null/);
      } else {
        expect(value.length).toBeLessThanOrEqual(300);
        expect(value).not.toMatch(/[?&]\w+=/);
      }
    }
    // The store snapshot holds every counter row there is (no row of an unlisted site escapes it).
    const snapshot = await snapshotStore(server.store);
    const summaries = [
      ...(await server.store.counterSummary('daily_counters')),
      ...(await server.store.counterSummary('hourly_counters')),
    ];
    expect(Object.keys(snapshot)).toHaveLength(summaries.reduce((n, s) => n + s.rows, 0));
    if (server.backend === 'sqlite') expect(snapshot).toEqual(snapshotCounters(server.db()));
    const tables = await storeTextValues(server.store);
    // The scan read real data: the counters and the sites are there.
    expect(tables.find((t) => t.table === 'daily_counters')?.rows).toBe(rows.length);
    expect(tables.find((t) => t.table === 'sites')?.rows).toBe(3);
    const texts = [tables.flatMap((t) => t.values).join('\n')];
    // On SQLite, also every text value of every table in the file (sqlite_master included).
    if (server.backend === 'sqlite') {
      texts.push(
        allTextValues(server.db())
          .flatMap((t) => t.values)
          .join('\n'),
      );
    }
    const secrets = ['tok-9f8e7d', 'alice', 'hunter2', 'bob', 'sid=123', 'Hacked', 'polluted'];
    for (const text of texts) {
      for (const secret of [...secrets, 'nobody.test']) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

test('no response was a 5xx, and every 4xx had the error shape', () => {
  expect(responses.length).toBeGreaterThanOrEqual(cases.length + 10);
  expect(responses.filter((r) => r.status >= 500 || r.status < 200)).toEqual([]);
  expect(
    responses.filter((r) => r.status >= 400 && !isErrorShape(r.body)).map((r) => r.label),
  ).toEqual([]);
});
