// fast-check generators for the ingestion fuzzers: beacon bodies (valid-shaped events with an
// independently computed expectation, arbitrary JSON, arbitrary text and bytes), URLs, referrers,
// User-Agents and headers. Shared by test/fuzz/*.test.ts and fuzz/run.ts.
import fc from 'fast-check';
import { botAgents, browserAgents } from '../privacy/agents.js';

/** The sites the HTTP fuzzers register (their local day at 12:00 UTC is the UTC date). */
export const fuzzSites = [
  { domain: 'alpha.test', timezone: 'UTC' },
  { domain: 'beta.test', timezone: 'Europe/Paris' },
  { domain: 'gamma.test', timezone: 'America/New_York' },
] as const;

/** Characters the server must strip from every stored text: C0/C1, DEL, zero-width, BOM, bidi,
 * other invisible format characters and tag characters. */
export const INVISIBLE = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0009',
  '\u000a',
  '\u000d',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ufeff',
  '\u00ad',
  '\u061c',
  '\u180e',
  '\u2028',
  '\u2029',
  '\u2060',
  '\u2063',
  '\u206f',
  '\ufff9',
  '\u{e0001}',
  '\u{e0041}',
  '\u{e007f}',
];
export const UNSAFE_TEXT =
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/;
/** A lone (unpaired) UTF-16 surrogate. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// ---------------------------------------------------------------------------------------------
// Strings

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const tricky = fc.constantFrom(
  ...INVISIBLE,
  '/',
  '?',
  '#',
  '%',
  '&',
  '=',
  '.',
  ':',
  '@',
  '\\',
  ' ',
  '"',
  '<',
  '%00',
  '%E2%80%AE',
  '%ZZ',
  '..',
  '__proto__',
  'constructor',
  '\ud83c\udf4a',
  '\ud800',
  '\udc00',
  'é',
  'ß',
  'ﷺ',
  'İ',
);

/** Hostile text: any code units, with invisible and URL-significant characters over-represented. */
export const hostileString = (maxLength = 40) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: codeUnit, maxLength }),
    fc.string({ unit: fc.oneof(tricky, fc.constantFrom('a', 'b', '1')), maxLength }),
    fc.string({ unit: 'binary', maxLength }),
  );

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const cleanSegment = fc
  .stringMatching(/^[a-z0-9][a-z0-9._-]{0,14}$/)
  .filter((s) => !/^\.+$/.test(s));
/** Text to insert into a clean value: only characters the server removes. */
const invisibles = fc.array(fc.constantFrom(...INVISIBLE.filter((c) => !/\s/.test(c))), {
  maxLength: 3,
});

/** Inserts each of `extra` at a position chosen by `positions`, between code points (so a
 * two-unit character such as a tag character is never split into lone surrogates). */
function sprinkle(text: string, extra: string[], positions: number[]): string {
  const out = Array.from(text);
  extra.forEach((c, i) => out.splice((positions[i] ?? 0) % (out.length + 1), 0, c));
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Headers and User-Agents

/** A header value Node's HTTP parser accepts (visible ASCII, space, obs-text), no outer spaces. */
export const headerValue = fc
  .string({
    unit: fc
      .oneof(
        fc.integer({ min: 0x21, max: 0x7e }),
        fc.constant(0x20),
        fc.integer({ min: 0x80, max: 0xff }),
      )
      .map((c) => String.fromCharCode(c)),
    maxLength: 200,
  })
  .map((s) => s.trim());

export interface Agent {
  ua: string | null;
  /** true: must count as a bot; false: must count as a browser; null: unknown (arbitrary text). */
  bot: boolean | null;
}

export const agent: fc.Arbitrary<Agent> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...browserAgents).map((ua) => ({ ua, bot: false })) },
  { weight: 2, arbitrary: fc.constantFrom(...botAgents).map((ua) => ({ ua, bot: true })) },
  { weight: 1, arbitrary: fc.constant({ ua: '', bot: true }) },
  { weight: 1, arbitrary: headerValue.map((ua) => ({ ua, bot: ua.length < 10 ? true : null })) },
);

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));

/** Spoofable client-address headers and other noise a proxy or a browser may add. */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'x-forwarded-for': fc.oneof(ipv4, headerValue),
    'x-real-ip': fc.oneof(ipv4, fc.ipV6()),
    forwarded: fc.ipV6().map((ip) => `for="[${ip}]";proto=https`),
    cookie: headerValue,
    referer: headerValue,
    origin: headerValue,
    'accept-language': headerValue,
  },
  { requiredKeys: [] },
);

export const goodContentType = fc.constantFrom(
  'text/plain;charset=UTF-8',
  'text/plain',
  'application/json',
  'application/json; charset=utf-8',
  'TEXT/PLAIN',
);
export const badContentType = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/html',
  'application/octet-stream',
  'image/png',
  'json',
  'application/json-patch+json',
  'text/plain-fake',
  'application/jsonp',
);

// ---------------------------------------------------------------------------------------------
// URLs and referrers

export interface PageUrl {
  url: string;
  /** The stored path when it is predictable (clean segments), else null. */
  path: string | null;
  /** Campaign parameters with clean values, as the server must store them; null when a hostile
   * path holds `?` or `#`, which moves or hides the query (then not predicted). */
  utm: { utm_source?: string; utm_medium?: string; utm_campaign?: string } | null;
  /** The first non-empty of utm_source, source, ref: overrides the referrer-derived source. */
  tagged: string | null;
  hashRouting: boolean;
}

const hostFor = (site: string) =>
  fc.constantFrom(
    site,
    `www.${site}`,
    `shop.${site}`,
    site.toUpperCase(),
    `${site}:8080`,
    `${site}.`,
  );

const campaign = fc.record(
  {
    utm_source: word,
    utm_medium: word,
    utm_campaign: word,
    source: word,
    ref: word,
  },
  { requiredKeys: [] },
);
const secrets = fc.dictionary(
  fc.constantFrom('uid', 'token', 'email', 'session', 'gclid', 'fbclid', 'q'),
  hostileString(20),
  { maxKeys: 3 },
);

/** A page URL on `site`: clean or hostile path, campaign tags, secrets in the query, a fragment. */
export const pageUrl = (site: string): fc.Arbitrary<PageUrl> =>
  fc
    .record({
      scheme: fc.constantFrom('http', 'https'),
      host: hostFor(site),
      clean: fc.boolean(),
      segments: fc.array(cleanSegment, { maxLength: 4 }),
      hostilePath: hostileString(60),
      campaign,
      secrets,
      fragment: fc.option(fc.oneof(word, hostileString(20)), { nil: undefined }),
      hashRouting: fc.boolean(),
      hashRoute: fc.array(word, { minLength: 1, maxLength: 3 }),
    })
    .map((g) => {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(g.campaign)) query.append(k, v);
      for (const [k, v] of Object.entries(g.secrets)) query.append(k, v);
      const qs = query.toString();
      const base = `${g.scheme}://${g.host}`;
      let path: string | null;
      let url: string;
      if (g.clean) {
        path = '/' + g.segments.join('/');
        url = `${base}${path}${qs ? `?${qs}` : ''}`;
        if (g.hashRouting) {
          const route = '/' + g.hashRoute.join('/');
          url += `#${route}?token=secret`;
          path += `#${route}`;
        } else if (g.fragment !== undefined) {
          url += `#${g.fragment}`;
        }
      } else {
        path = null;
        url = `${base}/${g.hostilePath}${qs ? `?${qs}` : ''}`;
        if (g.fragment !== undefined) url += `#${g.fragment}`;
      }
      const c = g.campaign;
      const utm: PageUrl['utm'] = {};
      if (c.utm_source) utm.utm_source = c.utm_source;
      if (c.utm_medium) utm.utm_medium = c.utm_medium;
      if (c.utm_campaign) utm.utm_campaign = c.utm_campaign;
      const queryKnown = g.clean || !/[?#]/.test(g.hostilePath);
      return {
        url,
        path,
        utm: queryKnown ? utm : null,
        tagged: c.utm_source ?? c.source ?? c.ref ?? null,
        hashRouting: g.clean && g.hashRouting,
      };
    });

export interface Referrer {
  value: string | null | undefined;
  kind: 'none' | 'same' | 'external';
  /** For external referrers: the stored source name and referring host. */
  source?: string;
  host?: string;
}

const known: Referrer[] = [
  {
    value: 'https://www.google.com/search?q=private',
    kind: 'external',
    source: 'Google',
    host: 'google.com',
  },
  { value: 'https://www.bing.com/search?q=x', kind: 'external', source: 'Bing', host: 'bing.com' },
  {
    value: 'https://news.ycombinator.com/item?id=1',
    kind: 'external',
    source: 'Hacker News',
    host: 'news.ycombinator.com',
  },
  { value: 'https://chatgpt.com/c/abc', kind: 'external', source: 'ChatGPT', host: 'chatgpt.com' },
];

export const referrer = (site: string): fc.Arbitrary<Referrer> =>
  fc.oneof(
    fc.constantFrom<Referrer>(
      { value: undefined, kind: 'none' },
      { value: null, kind: 'none' },
      { value: '', kind: 'none' },
      { value: 'android-app://com.example', kind: 'none' },
      { value: 'ftp://files.example/x', kind: 'none' },
    ),
    fc.constantFrom(...known),
    fc
      .tuple(hostFor(site), fc.array(cleanSegment, { maxLength: 3 }), hostileString(20))
      .map(([host, segs, q]) => ({
        value: `https://${host}/${segs.join('/')}?${new URLSearchParams({ q })}`,
        kind: 'same' as const,
      })),
    fc
      .tuple(fc.boolean(), word, fc.array(cleanSegment, { maxLength: 3 }))
      .map(([sub, name, segs]) => {
        const domain = `zz${name}.example`;
        const host = sub ? `blog.${domain}` : domain;
        return {
          value: `https://${host}/${segs.join('/')}?id=42`,
          kind: 'external' as const,
          source: domain,
          host,
        };
      }),
    // No scheme and no colon: can never parse as an absolute URL, so it means "direct".
    hostileString(30)
      .filter((s) => !s.includes(':'))
      .map((value) => ({ value, kind: 'none' as const })),
  );

// ---------------------------------------------------------------------------------------------
// Valid-shaped events, with an optional single fault whose rejection code is known

export type Kind = 'pageview' | 'engagement' | 'custom';

export interface Fault {
  field: string;
  value: unknown;
  code: string;
}

export interface ValidShapedEvent {
  kind: Kind;
  site: (typeof fuzzSites)[number];
  /** How `d` is sent: exact, padded/uppercased, inside a list, or absent. */
  body: Record<string, unknown>;
  page: PageUrl;
  referrer: Referrer;
  /** The stored event name for custom events. */
  name: string;
  /** Props with clean keys; `value` is the stored value when predictable, else null. */
  props: { key: string; value: string | null }[];
  country: string;
  device: string | null;
  agent: Agent;
  contentType: string;
  headers: Record<string, string>;
  fault: Fault | null;
}

const timezones: [string | undefined, string][] = [
  [undefined, '(unknown)'],
  ['Europe/Paris', 'FR'],
  ['America/New_York', 'US'],
  ['Asia/Tokyo', 'JP'],
  ['Asia/Calcutta', 'IN'],
  ['Australia/Sydney', 'AU'],
  ['UTC', '(unknown)'],
  ['Etc/GMT+5', '(unknown)'],
  ['Mars/Olympus_Mons', '(unknown)'],
  ['__proto__', '(unknown)'],
  ['constructor', '(unknown)'],
];

const width = fc.oneof(
  fc.constant(undefined),
  fc.constant(0),
  fc.integer({ min: 1, max: 100_000 }),
  fc.constantFrom(320, 575, 576, 991, 992, 1439, 1440, 2560),
);

export function deviceOf(w: number | undefined): string | null {
  if (w === undefined || w <= 0) return null; // from the User-Agent: not predicted here
  return w < 576 ? 'mobile' : w < 992 ? 'tablet' : w < 1440 ? 'laptop' : 'desktop';
}

const customName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9 :_-]{0,40}[A-Za-z0-9]$/)
  .filter((n) => n !== 'pageview' && n !== 'engagement');

const propValue = fc.oneof(
  fc.stringMatching(/^[a-z0-9 ._-]{0,40}$/).map((v) => ({ raw: v as unknown, stored: v.trim() })),
  fc.integer().map((n) => ({ raw: n as unknown, stored: String(n) })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({
    raw: n as unknown,
    stored: String(n),
  })),
  fc.boolean().map((b) => ({ raw: b as unknown, stored: String(b) })),
  fc.tuple(cleanSegment, word).map(([seg, q]) => ({
    raw: `https://out.example/${seg}?session=${q}#${q}` as unknown,
    stored: `https://out.example/${seg}`,
  })),
  // At most 300 code units (the limit): a unit such as "%E2%80%AE" is several characters.
  hostileString(300).map((v) => ({
    raw: v.slice(0, 300) as unknown,
    stored: null as string | null,
  })),
);

const props = fc.uniqueArray(
  fc.record({ key: fc.stringMatching(/^[a-z][a-z0-9_]{0,19}$/), value: propValue }),
  { maxLength: 30, selector: (p) => p.key },
);

/** One field replaced by a value the server must refuse, with the code it must answer. */
function faults(kind: Kind): fc.Arbitrary<Fault> {
  const common: Fault[] = [
    { field: 'n', value: 42, code: 'bad_name' },
    { field: 'n', value: '', code: 'bad_name' },
    { field: 'n', value: '\u200b\u202e\u0000', code: 'bad_name' },
    { field: 'n', value: 'x'.repeat(121), code: 'bad_name' },
    { field: 'u', value: 'javascript:alert(1)', code: 'bad_url' },
    { field: 'u', value: 'data:text/plain,hi', code: 'bad_url' },
    { field: 'u', value: '/relative', code: 'bad_url' },
    { field: 'u', value: null, code: 'bad_url' },
    { field: 'u', value: 'https://elsewhere.example/', code: 'site' },
    { field: 'd', value: 42, code: 'bad_domain' },
    { field: 'r', value: 42, code: 'bad_referrer' },
    { field: 'r', value: { href: 'x' }, code: 'bad_referrer' },
    { field: 'w', value: -1, code: 'bad_width' },
    { field: 'w', value: 1.5, code: 'bad_width' },
    { field: 'w', value: '1280', code: 'bad_width' },
    { field: 'w', value: 1e308, code: 'bad_width' },
    { field: 'z', value: 7, code: 'bad_timezone' },
    { field: 'z', value: 'x'.repeat(65), code: 'bad_timezone' },
    { field: 't', value: 4, code: 'bad_navigation' },
    { field: 't', value: '0', code: 'bad_navigation' },
    { field: 'h', value: 2, code: 'bad_hash' },
    { field: 'pp', value: '//evil.example/x', code: 'bad_previous_path' },
    { field: 'pp', value: 3, code: 'bad_previous_path' },
    { field: 'p', value: ['a'], code: 'bad_props' },
    { field: 'p', value: { a: { b: 1 } }, code: 'bad_props' },
    { field: 'p', value: { ['k'.repeat(61)]: 'v' }, code: 'bad_props' },
    { field: 'p', value: { v: 'x'.repeat(301) }, code: 'bad_props' },
  ];
  const engagement: Fault[] = [
    { field: 'e', value: -1, code: 'bad_engagement' },
    { field: 'e', value: 86_400_001, code: 'bad_engagement' },
    { field: 'e', value: 'NaN', code: 'bad_engagement' },
    { field: 'sd', value: 101, code: 'bad_engagement' },
    { field: 'sd', value: -3, code: 'bad_engagement' },
    { field: 'c', value: 8, code: 'bad_engagement' },
    { field: 'f', value: 'yes', code: 'bad_engagement' },
  ];
  return fc.constantFrom(...common, ...(kind === 'engagement' ? engagement : []));
}

const siteArb = fc.constantFrom(...fuzzSites);

export const validShapedEvent: fc.Arbitrary<ValidShapedEvent> = fc
  .tuple(siteArb, fc.constantFrom<Kind>('pageview', 'pageview', 'engagement', 'custom'))
  .chain(([site, kind]) =>
    fc.record({
      kind: fc.constant(kind),
      site: fc.constant(site),
      page: pageUrl(site.domain),
      referrer: referrer(site.domain),
      domainForm: fc.constantFrom('exact', 'upper', 'www', 'list', 'absent'),
      name: customName,
      nameNoise: invisibles,
      namePositions: fc.array(fc.nat(), { maxLength: 3 }),
      nameAsPageview: fc.constantFrom('pageview', ' pageview ', 'page\u200bview', '\u202epageview'),
      props,
      tz: fc.constantFrom(...timezones),
      w: width,
      t: fc.constantFrom(undefined, 0, 0, 1, 2, 3),
      e: fc.oneof(fc.integer({ min: 0, max: 86_400_000 }), fc.constantFrom(0, 86_400_000)),
      sd: fc.integer({ min: 0, max: 100 }),
      c: fc.constantFrom(undefined, 0, 1, true, false, 2, 4, 6),
      f: fc.constantFrom(undefined, undefined, 0, 1),
      junk: fc.dictionary(
        fc.constantFrom('v', 's', 'i', 'x', 'extra', '__proto__', 'constructor'),
        fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 3 },
      ),
      agent,
      contentType: goodContentType,
      headers: extraHeaders,
      fault: fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: faults(kind) },
      ),
    }),
  )
  .map((g) => {
    const d = {
      exact: g.site.domain,
      upper: ` ${g.site.domain.toUpperCase()} `,
      www: `www.${g.site.domain}`,
      list: `elsewhere.example, ${g.site.domain}`,
      absent: undefined,
    }[g.domainForm];
    const body: Record<string, unknown> = {};
    // Unknown keys first, so the real fields win; "__proto__" stays an own key of the JSON text.
    for (const [k, v] of Object.entries(g.junk)) {
      Object.defineProperty(body, k, { value: v, enumerable: true, writable: true });
    }
    const name =
      g.kind === 'custom'
        ? sprinkle(g.name, g.nameNoise, g.namePositions)
        : g.kind === 'pageview'
          ? g.nameAsPageview
          : 'engagement';
    Object.assign(body, { n: name, u: g.page.url });
    if (d !== undefined) body.d = d;
    if (g.referrer.value !== undefined) body.r = g.referrer.value;
    if (g.w !== undefined) body.w = g.w;
    if (g.tz[0] !== undefined) body.z = g.tz[0];
    if (g.t !== undefined) body.t = g.t;
    if (g.page.hashRouting) body.h = 1;
    if (g.props.length > 0 || g.kind === 'custom') {
      body.p = Object.fromEntries(g.props.map((p) => [p.key, p.value.raw]));
    }
    if (g.kind === 'engagement') {
      body.e = g.e;
      body.sd = g.sd;
      if (g.c !== undefined) body.c = g.c;
      if (g.f !== undefined) body.f = g.f;
    }
    let fault = g.fault;
    if (fault) {
      if (fault.code === 'site') {
        fault = { ...fault, code: d === undefined ? 'unknown_site' : 'domain_mismatch' };
      }
      body[fault.field] = fault.value;
    }
    return {
      kind: g.kind,
      site: g.site,
      body,
      page: g.page,
      referrer: g.referrer,
      name: g.kind === 'custom' ? g.name : name,
      props: g.props.map((p) => ({
        key: p.key,
        value: p.key === 'url' && p.value.stored !== null ? null : p.value.stored,
      })),
      country: g.tz[1],
      device: deviceOf(g.w),
      agent: g.agent,
      contentType: g.contentType,
      headers: g.headers,
      fault,
    };
  });

// ---------------------------------------------------------------------------------------------
// Arbitrary bodies (no expectation beyond "no 5xx, the right shape, nothing stored on a 4xx")

const validText = validShapedEvent.map((e) => JSON.stringify(e.body));

export type RawBody = { text: string } | { bytes: Uint8Array };

export const arbitraryBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc.string({ maxLength: 200 }).map((text) => ({ text })),
  fc.string({ unit: codeUnit, maxLength: 200 }).map((text) => ({ text })),
  fc.json({ maxDepth: 4 }).map((text) => ({ text })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ text: JSON.stringify(v) ?? 'null' })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes })),
  // A valid event with random fields replaced by arbitrary JSON values.
  fc
    .tuple(
      validShapedEvent,
      fc.dictionary(
        fc.constantFrom('n', 'u', 'd', 'r', 'w', 'z', 't', 'h', 'p', 'e', 'sd', 'c', 'f'),
        fc.jsonValue({ maxDepth: 3 }),
        { maxKeys: 3 },
      ),
    )
    .map(([e, over]) => ({ text: JSON.stringify({ ...e.body, ...over }) })),
  // A valid event's text, cut short or with one character replaced.
  fc
    .tuple(validText, fc.nat(), fc.oneof(codeUnit, fc.constantFrom('"', '{', '}', ',', '\\')))
    .map(([text, at, c]) => {
      const i = at % (text.length + 1);
      return { text: at % 2 ? text.slice(0, i) : text.slice(0, i) + c + text.slice(i + 1) };
    }),
  // Deep nesting and near-limit sizes.
  fc.integer({ min: 1, max: 3000 }).map((depth) => ({
    text: '{"n":"x","p":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + '}',
  })),
  fc.integer({ min: 4000, max: 4200 }).map((size) => ({
    text: JSON.stringify({ n: 'pageview', u: 'https://alpha.test/', pad: '' }).replace(
      '""',
      JSON.stringify('a'.repeat(Math.max(0, size - 60))),
    ),
  })),
);

export interface RawRequest {
  body: RawBody;
  contentType: string | null;
  agent: Agent;
  headers: Record<string, string>;
}

export const rawRequest: fc.Arbitrary<RawRequest> = fc.record({
  body: arbitraryBody,
  contentType: fc.oneof(
    { weight: 6, arbitrary: goodContentType },
    { weight: 1, arbitrary: badContentType },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  agent,
  headers: extraHeaders,
});
