// Generators for the API fuzzers (test/fuzz/api-properties.ts): Stats API v2 queries, valid,
// near-valid and hostile, and replay start / chunk requests with arbitrary bodies and queries.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { statsMetrics } from '../../server/stats-api/parse.js';
import { hostileString } from './arbitraries.js';

/** The days of test/reports/fixtures.ts, with a margin on each side. */
export const fuzzDays = [
  '2025-03-26',
  '2025-03-27',
  '2025-03-28',
  '2025-03-29',
  '2025-03-30',
  '2025-03-31',
  '2025-04-01',
  '2025-04-02',
] as const;

/** The metrics Pomelo answers, and Plausible's that counters cannot answer (each a 400). */
const metricNames = [
  ...statsMetrics,
  'visitors',
  'visit_duration',
  'conversion_rate',
  'total_revenue',
];
const dimensionNames = [
  'event:page',
  'visit:entry_page',
  'visit:exit_page',
  'visit:source',
  'visit:referrer',
  'visit:utm_source',
  'visit:utm_medium',
  'visit:utm_campaign',
  'visit:country',
  'visit:browser',
  'visit:os',
  'visit:device',
  'event:name',
  'event:props:plan',
  'event:props:',
  'time',
  'time:hour',
  'time:day',
  'time:week',
  'time:month',
  'visit:city',
  'event:goal',
];
const rangeNames = ['day', '24h', '7d', '28d', '30d', '91d', 'month', '6mo', '12mo', 'year', 'all'];
const protoKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** A date-ish string: real, impossible, out of range, with a time, or garbage. */
const dateText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...fuzzDays) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '2025-02-30',
      '2025-13-01',
      '0000-01-01',
      '9999-12-31',
      '+275760-09-13',
      '-000001-01-01',
      '2025-03-29T10:00:00Z',
      '2025-3-9',
      '20250329',
      '',
      ' 2025-03-29',
      'NaN',
      '1e309',
    ),
  },
  { weight: 1, arbitrary: hostileString(20) },
);

/** Any JSON value a client could send where another type is expected. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', '__proto__', {}, []),
  hostileString(30),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(...protoKeys, 'a', 'limit', 'offset'),
    fc.jsonValue({ maxDepth: 1 }),
  ),
);

const filterOp = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('is', 'is_not', 'contains', 'contains_not') },
  { weight: 1, arbitrary: fc.constantFrom('and', 'or', 'not', 'matches', 'has_done', '') },
);
const filterValue = fc.oneof(
  fc.constantFrom('/', '/pricing', '/docs', 'FR', 'Signup', 'news', 'desktop', '%', '_', '\\'),
  hostileString(20),
);
const filter: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(
      filterOp,
      fc.constantFrom(...dimensionNames),
      fc.array(filterValue, { maxLength: 3 }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constantFrom('and', 'or', 'not'),
      fc.array(
        fc.tuple(
          filterOp,
          fc.constantFrom(...dimensionNames),
          fc.array(filterValue, { maxLength: 2 }),
        ),
        { maxLength: 3 },
      ),
    ),
  },
  { weight: 1, arbitrary: junk },
);

const pagination = fc.oneof(
  fc.record(
    {
      limit: fc.oneof(
        fc.integer({ min: -5, max: 20_000 }),
        fc.constantFrom(0, 1e9, -1e9, 1.5, 2 ** 63),
        junk,
      ),
      offset: fc.oneof(
        fc.integer({ min: -5, max: 50 }),
        fc.constantFrom(1e9, -1e9, 0.5, 2 ** 63),
        junk,
      ),
    },
    { requiredKeys: [] },
  ),
  junk,
);

export interface StatsQueryCase {
  kind: 'near-valid' | 'totals' | 'text' | 'plausible';
  /** The request body as sent. */
  body: string;
  /** For `totals`: the inclusive day range asked for. */
  range?: [string, string];
  auth: 'key' | 'none' | 'wrong' | 'malformed';
  contentType: string | null;
}

/** A query built from valid parts, some fields replaced by junk or dropped, extra keys added. */
const nearValid = fc
  .record(
    {
      site_id: fc.oneof(
        { weight: 8, arbitrary: fc.constant('shop.test') },
        { weight: 1, arbitrary: fc.constantFrom('other.test', 'SHOP.TEST', '') },
        { weight: 1, arbitrary: junk },
      ),
      metrics: fc.oneof(
        {
          weight: 6,
          arbitrary: fc.uniqueArray(fc.constantFrom(...metricNames), {
            minLength: 1,
            maxLength: 4,
          }),
        },
        { weight: 1, arbitrary: junk },
      ),
      date_range: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...rangeNames) },
        { weight: 4, arbitrary: fc.tuple(dateText, dateText) },
        { weight: 1, arbitrary: fc.array(dateText, { maxLength: 4 }) },
        { weight: 1, arbitrary: junk },
      ),
      dimensions: fc.oneof(fc.array(fc.constantFrom(...dimensionNames), { maxLength: 2 }), junk),
      filters: fc.oneof(
        { weight: 4, arbitrary: fc.array(filter, { maxLength: 3 }) },
        { weight: 1, arbitrary: junk },
      ),
      order_by: fc.oneof(
        fc.array(
          fc.tuple(
            fc.constantFrom(...metricNames, ...dimensionNames),
            fc.constantFrom('asc', 'desc', 'up', ''),
          ),
          { maxLength: 2 },
        ),
        junk,
      ),
      pagination,
      include: fc.oneof(
        fc.record(
          {
            time_labels: fc.oneof(fc.boolean(), junk),
            total_rows: fc.oneof(fc.boolean(), junk),
            imports: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
        junk,
      ),
    },
    { requiredKeys: [] },
  )
  .chain((q) =>
    fc
      .dictionary(fc.oneof(fc.constantFrom(...protoKeys), hostileString(10)), junk, { maxKeys: 2 })
      .map((extra) => ({ ...extra, ...q })),
  )
  .map((q) => ({ kind: 'near-valid' as const, body: JSON.stringify(q) }));

/** A well-formed totals query over a day range of the fixtures: the differential case. */
const totals = fc
  .tuple(fc.constantFrom(...fuzzDays), fc.constantFrom(...fuzzDays))
  .map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [string, string])
  .map((range) => ({
    kind: 'totals' as const,
    range,
    body: JSON.stringify({
      site_id: 'shop.test',
      metrics: ['visits', 'pageviews', 'events'],
      date_range: range,
    }),
  }));

/** A well-formed filter as Plausible's clients send them, answerable by counters or not. */
const plausibleFilter = fc.constantFrom<unknown[]>(
  ['is', 'event:page', ['/', '/pricing']],
  ['contains', 'event:page', ['docs']],
  ['is', 'visit:country_name', ['Estonia', 'France']],
  ['is_not', 'visit:source', ['Google']],
  ['is', 'visit:os', ['Mac', 'GNU/Linux']],
  ['is', 'visit:city', ['Paris']],
  ['is', 'segment', [2]],
  ['has_done', ['is', 'event:page', ['/pricing']]],
  ['has_not_done', ['is', 'event:name', ['Signup']]],
  ['matches', 'event:page', ['^/blog']],
  [
    'or',
    [
      ['is', 'visit:utm_campaign', ['x']],
      ['is', 'visit:country_name', ['Estonia']],
    ],
  ],
  ['not', ['is', 'visit:utm_campaign', ['Referral']]],
  ['is', 'event:goal', ['Signup']],
);

/**
 * Well-formed queries in the style of Plausible's documentation: its metrics, dimensions that
 * counters do not record or cannot combine, filters they cannot apply. A compatibility key answers
 * most of them with parts left out (docs/API.md, "What counters cannot answer").
 */
const plausible = fc
  .record(
    {
      site_id: fc.constant('shop.test'),
      metrics: fc.uniqueArray(
        fc.constantFrom(
          'visitors',
          'visits',
          'pageviews',
          'events',
          'bounce_rate',
          'visit_duration',
        ),
        { minLength: 1, maxLength: 3 },
      ),
      date_range: fc.constantFrom('7d', '30d', 'month', 'all'),
      dimensions: fc.uniqueArray(
        fc.constantFrom(
          'visit:country_name',
          'visit:city_name',
          'visit:region',
          'visit:utm_medium',
          'visit:utm_source',
          'visit:source',
          'visit:channel',
          'event:page',
          'time:day',
        ),
        { maxLength: 3 },
      ),
      filters: fc.array(plausibleFilter, { maxLength: 3 }),
      include: fc.record({ total_rows: fc.boolean() }, { requiredKeys: [] }),
      pagination: fc.record({ limit: fc.integer({ min: 1, max: 5 }), offset: fc.nat(3) }),
    },
    { requiredKeys: ['site_id', 'metrics', 'date_range'] },
  )
  .map((q) => ({ kind: 'plausible' as const, body: JSON.stringify(q) }));

const prefix = '{"site_id":"shop.test","metrics":["visits"],"date_range":"7d","filters":';
/** Bodies no JSON.stringify makes: non-JSON, deep nesting, huge arrays, over the 64 KB cap. */
const text = fc
  .oneof(
    hostileString(200),
    fc.constantFrom('', 'null', '[]', '0', '"x"', '{', '{"site_id":', '\u0000', '\ufeff{}'),
    fc.integer({ min: 1, max: 5000 }).map((n) => prefix + '['.repeat(n) + ']'.repeat(n) + '}'),
    fc
      .integer({ min: 1, max: 3000 })
      .map((n) => prefix + '[' + Array(n).fill('["is","event:page",["/"]]').join(',') + ']}'),
    fc
      .integer({ min: 60_000, max: 70_000 })
      .map((n) => prefix + '[["is","event:page",["' + 'a'.repeat(n) + '"]]]}'),
    fc
      .integer({ min: 1, max: 2000 })
      .map(
        (n) =>
          '{"site_id":"shop.test","metrics":["visits"],"date_range":' +
          '{"a":'.repeat(n) +
          '1' +
          '}'.repeat(n) +
          '}',
      ),
  )
  .map((body) => ({ kind: 'text' as const, body }));

export const statsQuery: fc.Arbitrary<StatsQueryCase> = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: nearValid },
      { weight: 2, arbitrary: plausible },
      { weight: 2, arbitrary: totals },
      { weight: 2, arbitrary: text },
    ),
    fc.oneof(
      { weight: 12, arbitrary: fc.constant('key' as const) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('none' as const, 'wrong' as const, 'malformed' as const),
      },
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          null,
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
        ),
      },
    ),
  )
  .map(([q, auth, contentType]) => ({ ...q, auth, contentType }));

// ---------------------------------------------------------------------------------------------
// Replay

const recordingId = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/) },
  { weight: 1, arbitrary: hostileString(30) },
);
const eventsJson = fc
  .array(
    fc.oneof(
      fc.record({
        type: fc.integer({ min: 0, max: 6 }),
        timestamp: fc.integer(),
        data: fc.jsonValue({ maxDepth: 2 }),
      }),
      junk,
    ),
    { maxLength: 4 },
  )
  .map((e) => JSON.stringify(e));

/** gzip bombs well inside the 256 KB body cap, made once: they inflate to 2 MiB + 1 byte and 8 MiB. */
const bombs = [2 * 1024 * 1024 + 1, 8 * 1024 * 1024].map((n) => ({
  bytes: new Uint8Array(gzipSync(Buffer.alloc(n, 0x5b))),
  label: `bomb of ${n} bytes`,
}));

/** A chunk body: plain or gzip JSON, truncated or garbage gzip, a bomb that inflates past 2 MiB. */
const chunkBody: fc.Arbitrary<{ bytes: Uint8Array; label: string }> = fc.oneof(
  eventsJson.map((t) => ({ bytes: Buffer.from(t), label: 'json' })),
  eventsJson.map((t) => ({ bytes: gzipSync(t), label: 'gzip' })),
  fc.tuple(eventsJson, fc.nat()).map(([t, n]) => {
    const z = gzipSync(t);
    return { bytes: z.subarray(0, n % z.length), label: 'truncated gzip' };
  }),
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ bytes: b, label: 'bytes' })),
  fc.constantFrom(...bombs),
  fc.constant({ bytes: new Uint8Array(257 * 1024).fill(0x5b), label: 'over the cap' }),
);

export type ReplayCase =
  | { route: 'start'; body: string; contentType: string | null; origin: string | null }
  | { route: 'chunk'; query: string; body: Uint8Array; label: string; contentType: string | null }
  | { route: 'delete'; query: string };

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser sends it). */
const pct = (v: string) =>
  [...Buffer.from(v)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const queryValue = (v: fc.Arbitrary<string>) => fc.option(v, { nil: undefined, freq: 4 });
const chunkQuery = fc
  .record({
    recording: queryValue(recordingId),
    seq: queryValue(
      fc.oneof(
        fc.nat({ max: 12_000 }).map(String),
        fc.constantFrom('-1', '1e3', '0x10', '99999', ''),
        hostileString(8),
      ),
    ),
    enc: queryValue(
      fc.oneof(fc.constantFrom('gzip', 'identity', 'GZIP', 'br', ''), hostileString(8)),
    ),
    purge: queryValue(fc.constantFrom('1', '0', 'true')),
    junk: queryValue(hostileString(10)),
    raw: queryValue(
      fc.constantFrom('%', '%ZZ', 'seq=%E0%A4%A', 'recording', '&&==', 'enc=gzip&enc=br'),
    ),
  })
  .map(({ raw, ...q }) =>
    [
      ...Object.entries(q)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${pct(v!)}`),
      ...(raw === undefined ? [] : [raw]),
    ].join('&'),
  );

/**
 * Start bodies: `offer` is 'signed' (a valid signature for `windowId`, filled in by the property,
 * which holds the secret), a forged or junk offer; url and continue valid-ish or junk.
 */
export const replayCase = (signedOffer: (windowId: string) => string): fc.Arbitrary<ReplayCase> =>
  fc.oneof(
    fc
      .record(
        {
          offer: fc.oneof(
            {
              weight: 3,
              arbitrary: fc
                .oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/), fc.constant('no-such-window'))
                .map(signedOffer),
            },
            {
              weight: 2,
              arbitrary: fc.oneof(hostileString(60), fc.stringMatching(/^[A-Za-z0-9_.-]{0,90}$/)),
            },
            { weight: 1, arbitrary: junk },
          ),
          url: fc.oneof(
            fc.constantFrom(
              'https://shop.test/',
              'https://shop.test/pricing',
              'http://evil.test/',
              'javascript:alert(1)',
              'x'.repeat(4001),
            ),
            fc.webUrl(),
            junk,
          ),
          continue: fc.oneof(recordingId, junk),
        },
        { requiredKeys: [] },
      )
      .chain((b) =>
        fc.oneof(
          { weight: 5, arbitrary: fc.constant(JSON.stringify(b)) },
          { weight: 1, arbitrary: hostileString(100) },
          { weight: 1, arbitrary: fc.constant(JSON.stringify({ ...b, pad: 'x'.repeat(4200) })) },
        ),
      )
      .chain((body) =>
        fc.record({
          route: fc.constant('start' as const),
          body: fc.constant(body),
          contentType: fc.constantFrom(
            null,
            'application/json',
            'text/plain',
            'multipart/form-data',
          ),
          origin: fc.constantFrom(null, 'https://shop.test', 'null', 'https://evil.test'),
        }),
      ),
    fc
      .record({
        query: chunkQuery,
        chunk: chunkBody,
        contentType: fc.constantFrom(
          null,
          'application/octet-stream',
          'text/plain',
          'application/json',
        ),
      })
      .map(({ query, chunk, contentType }) => ({
        route: 'chunk' as const,
        query,
        body: chunk.bytes,
        label: chunk.label,
        contentType,
      })),
    fc.record({ route: fc.constant('delete' as const), query: chunkQuery }),
  );

// ---------- goal definitions (POST /api/sites/:siteId/goals) ----------

const goalPatternPiece = fc.constantFrom('/', '*', '**', 'thanks', 'a', '.', '?', '#', ' ', '%2F');
const goalText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Signup', 'Purchase', 'Thank-you', 'plan', 'pro') },
  { weight: 2, arbitrary: hostileString(20) },
  { weight: 1, arbitrary: fc.string({ minLength: 100, maxLength: 400 }) },
  { weight: 1, arbitrary: junk },
);
const goalCurrency = fc.oneof(
  fc.constantFrom('EUR', 'USD', 'JPY', 'eur', 'XXX', 'EURO', '', 'E€R'),
  junk,
);

/** A goal as a client might send it: valid, near-valid, or hostile. */
export const goalBody: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        name: goalText,
        page: fc.oneof(
          fc.array(goalPatternPiece, { maxLength: 10 }).map((a) => `/${a.join('')}`),
          fc.integer({ min: 1, max: 40 }).map((k) => `/${'a*'.repeat(k)}b`),
          fc.string({ minLength: 150, maxLength: 240 }).map((s) => `/${s}`),
          junk,
        ),
      },
      { requiredKeys: ['page'] },
    ),
  },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        name: goalText,
        event: goalText,
        prop: fc.oneof(fc.record({ key: goalText, value: goalText }), junk),
        currency: goalCurrency,
      },
      { requiredKeys: ['event'] },
    ),
  },
  { weight: 1, arbitrary: junk },
);
