// Generators of import files (issue 15 §6, issue 18 §5): CSV rows of a GoatCounter export and of a
// Plausible visitors table — well-formed, hostile or broken — and, for the upload route, whole
// files: Plausible and Pomelo exports with random cells and manifests, the same ZIPs with bytes
// flipped or cut short, and raw bytes.
import fc from 'fast-check';
import yazl from 'yazl';
import { dimensions } from '../../server/counters/types.js';
import { csv, goatHeader } from '../imports/fixtures.js';

/** A cell: mostly plausible values, sometimes hostile text (quotes, newlines, control, bidi). */
export const hostile = fc.oneof(
  fc.constantFrom(
    '',
    '-1',
    '1e3',
    'NaN',
    '"',
    '\n',
    '\r\n',
    '\u0000',
    '\u202e',
    '=cmd|calc',
    '９',
    ' 7 ',
  ),
  fc.string({ maxLength: 12 }),
);
const count = fc.oneof(
  { weight: 19, arbitrary: fc.nat({ max: 500 }).map(String) },
  { weight: 1, arbitrary: hostile },
);
const someDay = fc
  .date({ min: new Date('1998-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString());
const date = fc.oneof(
  { weight: 19, arbitrary: someDay.map((d) => d.slice(0, 10)) },
  { weight: 1, arbitrary: hostile },
);
const time = fc.oneof(someDay, hostile);

export const goatRow = fc.tuple(
  fc.oneof(fc.constantFrom('/', '/a', '/b?x=1', 'signup'), hostile),
  fc.string({ maxLength: 6 }),
  fc.oneof(fc.constantFrom('true', 'false'), hostile),
  fc.constant(''),
  fc.oneof(fc.constantFrom('Firefox 121', 'Chrome 120', ''), hostile),
  fc.oneof(fc.constantFrom('Linux', 'Android 14', ''), hostile),
  fc.nat().map(String),
  fc.oneof(fc.constantFrom('0', '0', '1'), hostile),
  fc.oneof(fc.constantFrom('', 'news.example.org/x', 'https://t.co/y'), hostile),
  fc.constantFrom('', 'h', 'g', 'o'),
  fc.oneof(fc.constantFrom('1920,1080,1', '390,844,3', ''), hostile),
  fc.oneof(fc.constantFrom('FR', 'US-CA', ''), hostile),
  fc.oneof(fc.constantFrom('true', 'false'), hostile),
  time,
);
/** A row every check accepts: the successful imports the upload property needs as well. */
const cleanGoatRow = fc.tuple(
  fc.constantFrom('/', '/a', '/b?x=1', 'signup'),
  fc.constantFrom('Home', ''),
  fc.constantFrom('true', 'false'),
  fc.constant(''),
  fc.constantFrom('Firefox 121', 'Chrome 120', ''),
  fc.constantFrom('Linux', 'Android 14', ''),
  fc.nat({ max: 1000 }).map(String),
  fc.constantFrom('0', '1'),
  fc.constantFrom('', 'news.example.org/x'),
  fc.constantFrom('', 'h', 'o'),
  fc.constantFrom('1920,1080,1', ''),
  fc.constantFrom('FR', 'US-CA', ''),
  fc.constantFrom('true', 'false'),
  fc
    .date({ min: new Date('2020-01-01'), max: new Date('2025-05-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
);
const goatRows = fc.oneof(
  fc.array(goatRow, { minLength: 0, maxLength: 8 }),
  fc.array(cleanGoatRow, { minLength: 1, maxLength: 8 }),
);

export const visitorsRow = fc.tuple(date, count, count, count, count, count);
export const visitorsHeader = [
  'date',
  'visitors',
  'pageviews',
  'bounces',
  'visits',
  'visit_duration',
];

/** Sometimes the rows are joined without quoting: broken CSV on purpose. */
const csvText = (rows: string[][], raw: boolean) =>
  raw ? `${rows.map((r) => r.join(',')).join('\n')}\n` : csv(rows);

/** A ZIP of named text files, in memory. */
export async function zipBytes(entries: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, body] of Object.entries(entries)) zip.addBuffer(Buffer.from(body), name);
  zip.end();
  const parts: Buffer[] = [];
  for await (const part of zip.outputStream as AsyncIterable<Buffer>) parts.push(part);
  return Buffer.concat(parts);
}

const manifest = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Record<string, unknown>>({}) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        format: fc.oneof(fc.constant('pomelo-counters'), fc.string({ maxLength: 8 })),
        version: fc.oneof(fc.constant(1), fc.integer({ min: -2, max: 3 }), hostile),
        domain: fc.oneof(fc.constantFrom('example.com', 'other.test'), hostile, fc.constant(7)),
        timezone: fc.oneof(fc.constantFrom('UTC', 'Europe/Paris'), hostile),
      },
      { requiredKeys: [] },
    ),
  },
);
const metrics = fc.array(count, { minLength: 8, maxLength: 8 });
const dailyRow = fc
  .tuple(
    date,
    fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...dimensions) },
      { weight: 1, arbitrary: hostile },
    ),
    fc.oneof(fc.constantFrom('', '/', '/a', 'Firefox', 'FR'), hostile),
    metrics,
  )
  .map(([d, dim, value, m]) => [d, dim, value, ...m]);
const cleanDailyRow = fc
  .tuple(
    fc
      .date({ min: new Date('2020-01-01'), max: new Date('2025-05-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom('total', 'page', 'source', 'browser'),
    fc.constantFrom('', '/', '/a', 'Firefox'),
    fc.array(fc.nat({ max: 500 }).map(String), { minLength: 8, maxLength: 8 }),
  )
  .map(([d, dim, value, m]) => [d, dim, value, ...m]);
const hourlyRow = fc
  .tuple(
    fc.oneof(
      someDay.map((d) => d.slice(0, 13)),
      hostile,
    ),
    metrics,
  )
  .map(([h, m]) => [h, ...m]);
const revenueRow = fc.tuple(
  date,
  fc.oneof(fc.constantFrom('Purchase', ''), hostile),
  fc.oneof(fc.constantFrom('EUR', 'USD', 'euro'), hostile),
  count,
  count,
);

/** What the upload route is given: a kind and the file's bytes (built by `uploadBytes`). */
export type UploadCase =
  | { kind: 'goatcounter'; rows: string[][]; raw: boolean; mutation: Mutation }
  | { kind: 'plausible'; rows: string[][]; raw: boolean; mutation: Mutation }
  | {
      kind: 'pomelo';
      manifest: Record<string, unknown>;
      daily: string[][];
      hourly: string[][];
      revenue: string[][];
      mutation: Mutation;
    }
  | { kind: 'goatcounter' | 'plausible' | 'pomelo'; bytes: Uint8Array; mutation: Mutation };

/** Flip a few bytes or cut the file short (positions as fractions of its length), or neither. */
export type Mutation = { flips: [number, number][]; cut: number | null };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Mutation>({ flips: [], cut: null }) },
  {
    weight: 2,
    arbitrary: fc.record({
      flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      cut: fc.constant(null),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      flips: fc.constant([] as [number, number][]),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
);

export const uploadCase: fc.Arbitrary<UploadCase> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('goatcounter' as const),
      rows: goatRows,
      raw: fc.boolean(),
      mutation,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('plausible' as const),
      rows: fc.array(visitorsRow, { minLength: 0, maxLength: 6 }),
      raw: fc.boolean(),
      mutation,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pomelo' as const),
      manifest,
      daily: fc.oneof(
        fc.array(dailyRow, { maxLength: 6 }),
        fc.array(cleanDailyRow, { minLength: 1, maxLength: 6 }),
      ),
      hourly: fc.array(hourlyRow, { maxLength: 3 }),
      revenue: fc.array(revenueRow, { maxLength: 2 }),
      mutation,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('goatcounter' as const, 'plausible' as const, 'pomelo' as const),
      bytes: fc.oneof(
        fc.uint8Array({ maxLength: 600 }),
        // A ZIP's and a gzip's magic numbers, then garbage.
        fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0x50, 0x4b, 3, 4, ...b])),
        fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0x1f, 0x8b, 8, 0, ...b])),
      ),
      mutation,
    }),
  },
);

/** The file of a case, as uploaded. */
export async function uploadBytes(c: UploadCase, today: string): Promise<Buffer> {
  let bytes: Buffer;
  if ('bytes' in c) bytes = Buffer.from(c.bytes);
  else if (c.kind === 'goatcounter') bytes = Buffer.from(csvText([goatHeader, ...c.rows], c.raw));
  else if (c.kind === 'plausible') {
    bytes = await zipBytes({
      'imported_visitors_20240101_20240102.csv': csvText([visitorsHeader, ...c.rows], c.raw),
    });
  } else {
    bytes = await zipBytes({
      'pomelo.json': JSON.stringify({
        format: 'pomelo-counters',
        version: 1,
        domain: 'example.com',
        timezone: 'UTC',
        from: '2000-01-01',
        to: today,
        exportedAt: `${today}T00:00:00.000Z`,
        ...c.manifest,
      }),
      'daily_counters.csv': csv([['day', 'dimension', 'value', ...metricColumns], ...c.daily]),
      'hourly_counters.csv': csv([['hour', ...metricColumns], ...c.hourly]),
      'revenue_counters.csv': csv([
        ['day', 'event', 'currency', 'amount', 'conversions'],
        ...c.revenue,
      ]),
    });
  }
  for (const [at, value] of c.mutation.flips) {
    if (bytes.length > 0) bytes[Math.min(bytes.length - 1, Math.floor(at * bytes.length))] = value;
  }
  if (c.mutation.cut !== null) bytes = bytes.subarray(0, Math.floor(c.mutation.cut * bytes.length));
  return bytes;
}

const metricColumns = [
  'pageviews',
  'visits',
  'bounces',
  'exits',
  'engaged_ms',
  'engagements',
  'scroll_sum',
  'events',
];
