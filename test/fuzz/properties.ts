// The fuzzing properties, shared by the fixed-seed vitest slice (test/fuzz/ingest.fuzz.test.ts) and
// the long run (fuzz/run.ts). Pure properties call server/classify and server/ingest directly; HTTP
// properties post to a real server whose clock moves one day per case (through a bounded window),
// read the counter rows of that day and hour before and after, and compare the difference with an
// independently computed expectation.
import fc from 'fast-check';
import { isBot } from '../../server/classify/bot.js';
import { extractCampaign } from '../../server/classify/campaign.js';
import { countryFromTimezone } from '../../server/classify/country.js';
import { deviceClass } from '../../server/classify/device.js';
import { isSameSite, normaliseHost, registrableDomain } from '../../server/classify/domain.js';
import { isEntry, navigationKind } from '../../server/classify/entry.js';
import { normalisePath } from '../../server/classify/path.js';
import { classifyReferrer } from '../../server/classify/referrer.js';
import { safeDecode, sanitiseText } from '../../server/classify/text.js';
import { hostMatchesDomain, parsePageUrl } from '../../server/classify/url.js';
import { parseUserAgent } from '../../server/classify/user-agent.js';
import { toDeltas } from '../../server/counters/deltas.js';
import { dimensions } from '../../server/counters/types.js';
import { classifyEvent, createAgentClassifier } from '../../server/ingest/classify-event.js';
import { limits, parseJsonBody, validatePayload } from '../../server/ingest/payload.js';
import { isRejection } from '../../server/ingest/rejection.js';
import { browserAgents } from '../privacy/agents.js';
import { type TestServer, startTestServer } from '../support/server.js';
import {
  type Agent,
  LONE_SURROGATE,
  type RawRequest,
  UNSAFE_TEXT,
  type ValidShapedEvent,
  fuzzSites,
  hostileString,
  pageUrl,
  rawRequest,
  referrer,
  validShapedEvent,
} from './arbitraries.js';
import {
  type CounterMetrics,
  type RawResponse,
  isErrorShape,
  metricColumns,
  rawPost,
  zeroMetrics,
} from './harness.js';

class PropertyFailure extends Error {}
function check(ok: unknown, message: string | (() => string)): asserts ok {
  if (!ok) throw new PropertyFailure(typeof message === 'string' ? message : message());
}
const show = (v: unknown) => {
  const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
  return s === undefined ? String(v) : s.length > 600 ? s.slice(0, 600) + '…' : s;
};
const isZeroMetrics = (m: CounterMetrics) => metricColumns.every((c) => m[c] === 0);
const m = (fields: Partial<CounterMetrics>): CounterMetrics => ({ ...zeroMetrics(), ...fields });

/** A stored counter value: no control/bidi/zero-width char, no lone surrogate, bounded. */
function checkStoredValue(dimension: string, value: string): void {
  check((dimensions as readonly string[]).includes(dimension), `unknown dimension ${dimension}`);
  if (dimension === 'event_prop') {
    const parts = JSON.parse(value) as unknown;
    check(
      Array.isArray(parts) && parts.length === 3 && parts.every((p) => typeof p === 'string'),
      `event_prop value is not a [name, key, value] triple: ${show(value)}`,
    );
    const [name, key, v] = parts as string[];
    check(name!.length <= limits.name && key!.length <= limits.propKey, `long prop ${show(value)}`);
    check(v!.length <= limits.propValue, `prop value over ${limits.propValue}: ${show(value)}`);
    for (const part of parts as string[]) {
      check(!UNSAFE_TEXT.test(part), `unsafe char stored in ${show(value)}`);
      check(!LONE_SURROGATE.test(part), `lone surrogate stored in ${show(value)}`);
    }
    return;
  }
  if (dimension === 'flow') {
    // `<previous page>\n<page>`: two stored paths (docs/METRICS.md "Page flows").
    const parts = value.split('\n');
    check(
      value === '(other)' || (parts.length === 2 && parts.every((p) => p.startsWith('/'))),
      `flow value is not a pair of paths: ${show(value)}`,
    );
    for (const part of parts) {
      check(part.length <= 300, `flow path over 300 chars: ${show(value)}`);
      check(!UNSAFE_TEXT.test(part), `unsafe char stored in flow: ${show(value)}`);
      check(!LONE_SURROGATE.test(part), `lone surrogate stored in flow: ${show(value)}`);
    }
    return;
  }
  check(value.length <= 300, `value over 300 chars in ${dimension}: ${show(value)}`);
  check(!UNSAFE_TEXT.test(value), `unsafe char stored in ${dimension}: ${show(value)}`);
  check(!LONE_SURROGATE.test(value), `lone surrogate stored in ${dimension}: ${show(value)}`);
  if (dimension === 'page' || dimension === 'entry' || dimension === 'exit') {
    check(value.startsWith('/') || value === '(other)', `path without a leading /: ${show(value)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The expected counter changes of an accepted valid-shaped event, computed from the generator's
// own knowledge (docs/WIRE.md, docs/METRICS.md), never by calling the server's classifiers.

export interface ExpectedRow {
  dimension: string;
  /** The exact stored value, or a test for it when the generator cannot predict it. */
  value: string | ((v: string) => boolean);
  metrics: CounterMetrics;
  /** May be absent (a campaign tag hidden by a hostile path). */
  optional?: boolean;
}
export interface Expected {
  daily: ExpectedRow[];
  hourly: CounterMetrics;
}

const any = () => true;

export function expectedCounters(ev: ValidShapedEvent, bot: boolean): Expected {
  const b = ev.body;
  if (bot) {
    const value = ev.kind === 'pageview' ? 'pageview' : 'other';
    return {
      daily: [{ dimension: 'bot', value, metrics: m({ events: 1 }) }],
      hourly: zeroMetrics(),
    };
  }
  const entry = (b.t === undefined || b.t === 0) && ev.referrer.kind !== 'same';
  const rows: ExpectedRow[] = [];
  const add = (
    dimension: string,
    value: ExpectedRow['value'],
    metrics: CounterMetrics,
    optional = false,
  ) => {
    if (!isZeroMetrics(metrics)) rows.push({ dimension, value, metrics, optional });
  };
  const path = ev.page.path ?? any;
  const acquisition = (metrics: CounterMetrics) => {
    const utm = ev.page.utm;
    const external = ev.referrer.kind === 'external';
    add(
      'source',
      utm === null ? any : (ev.page.tagged ?? (external ? ev.referrer.source! : '(direct)')),
      metrics,
    );
    if (external) add('referrer', ev.referrer.host!, metrics);
    for (const k of ['utm_source', 'utm_medium', 'utm_campaign'] as const) {
      if (utm === null) add(k, any, metrics, true);
      else if (utm[k] !== undefined) add(k, utm[k], metrics);
    }
  };
  const audience = (metrics: CounterMetrics) => {
    add('country', ev.country, metrics);
    add('browser', any, metrics);
    add('os', any, metrics);
    add('device', ev.device ?? ((v) => ['mobile', 'tablet', 'desktop'].includes(v)), metrics);
  };

  if (ev.kind === 'pageview') {
    const total = m({ pageviews: 1, visits: entry ? 1 : 0 });
    add('total', '', total);
    add('page', path, m({ pageviews: 1 }));
    // A load (or a Plausible payload) with a same-site referrer: a page-flow pair into the page.
    if ((b.t === undefined || b.t === 0) && ev.referrer.kind === 'same') {
      const into = typeof path === 'string' ? `\n${path}` : '\n';
      add('flow', (v) => v === '(other)' || v.includes(into), m({ pageviews: 1 }));
    }
    if (entry) {
      add('entry', path, total);
      acquisition(total);
    }
    audience(total);
    return { daily: rows, hourly: total };
  }
  if (ev.kind === 'engagement') {
    const e = b.e as number;
    const sd = b.sd as number;
    const followUp = Boolean(b.f);
    // c's bits (docs/WIRE.md): 1 continued and engaged, 2 engaged, 4 continued (engaged before).
    const bits = Number(b.c ?? 0);
    const continued = b.c === undefined ? null : (bits & 5) !== 0;
    const engaged = (bits & 3) !== 0;
    const total = m({ engaged_ms: e, scroll_sum: sd, engagements: followUp ? 0 : 1 });
    if (continued !== null) {
      if (!followUp) {
        total.exits = continued ? 0 : 1;
        total.bounces = entry && !continued && !engaged ? 1 : 0;
      } else {
        total.exits = continued ? -1 : 0;
        total.bounces = entry && engaged ? -1 : 0;
      }
    }
    add('total', '', total);
    add('page', path, { ...total, bounces: 0 });
    add('exit', path, m({ exits: total.exits }));
    if (entry) {
      add('entry', path, m({ bounces: total.bounces }));
      acquisition(m({ bounces: total.bounces }));
    }
    audience(total);
    return { daily: rows, hourly: total };
  }
  const one = m({ events: 1 });
  add('total', '', one);
  add('event', ev.name, one);
  for (const p of ev.props) {
    add(
      'event_prop',
      p.value !== null
        ? JSON.stringify([ev.name, p.key, p.value])
        : (v) => {
            const parts = JSON.parse(v) as string[];
            return parts[0] === ev.name && parts[1] === p.key;
          },
      one,
    );
  }
  return { daily: rows, hourly: one };
}

export interface ActualRow {
  dimension: string;
  value: string;
  metrics: CounterMetrics;
}

/** Matches actual rows against the expectation: exact values first, then predicates. */
export function compareCounters(
  expected: Expected,
  actual: ActualRow[],
  hourly: CounterMetrics | null,
) {
  const left = [...actual];
  const take = (row: ExpectedRow): void => {
    const i = left.findIndex(
      (a) =>
        a.dimension === row.dimension &&
        (typeof row.value === 'string' ? a.value === row.value : row.value(a.value)),
    );
    if (i < 0) {
      check(
        row.optional,
        () => `missing row ${row.dimension}:${show(row.value)} in ${show(actual)}`,
      );
      return;
    }
    const [a] = left.splice(i, 1);
    check(
      metricColumns.every((c) => a!.metrics[c] === row.metrics[c]),
      () =>
        `row ${a!.dimension}:${show(a!.value)} is ${show(a!.metrics)}, expected ${show(row.metrics)}`,
    );
  };
  for (const row of expected.daily.filter((r) => typeof r.value === 'string')) take(row);
  for (const row of expected.daily.filter((r) => typeof r.value !== 'string')) take(row);
  check(left.length === 0, () => `unexpected rows ${show(left)}`);
  const wantHourly = isZeroMetrics(expected.hourly) ? null : expected.hourly;
  check(
    show(hourly) === show(wantHourly),
    () => `hourly row is ${show(hourly)}, expected ${show(wantHourly)}`,
  );
}

/** The status and code the server must answer for a valid-shaped event (with its one fault). */
export function expectedAnswer(
  ev: ValidShapedEvent,
  bodyBytes: number,
): { status: number; code: string | null } {
  if (bodyBytes > limits.bodyBytes) return { status: 413, code: 'body_too_large' };
  if (ev.fault)
    return { status: ev.fault.code === 'unknown_site' ? 404 : 400, code: ev.fault.code };
  return { status: 202, code: null };
}

// ---------------------------------------------------------------------------------------------
// HTTP context: a real server over a fresh SQLite file, with a clock that moves one day per case
// through a window of WINDOW_DAYS days, so each case's changes are read from a small slice of rows.

const DAY = 86_400_000;
/** Well inside the counters' retention (25 months by default): the purge job never deletes any. */
const WINDOW_DAYS = 300;
/** 12:00 UTC: the same calendar date in UTC, Paris and New York (the fuzz sites' timezones). */
const BASE = Date.UTC(2031, 0, 1, 12, 0, 0);

export interface Exchange {
  res: RawResponse;
  bytes: number;
  /** Changed daily rows of the case's day, per site id. */
  daily: Map<number, ActualRow[]>;
  /** Changed hourly rows of the case's hour, per site id. */
  hourly: Map<number, CounterMetrics>;
}

export interface HttpFuzzContext {
  server: TestServer;
  siteIds: Map<string, number>;
  cases: number;
  exchange(body: string | Uint8Array, headers: Record<string, string | null>): Promise<Exchange>;
  /** Compares whole-table totals with the sum of every case's changes (nothing else moved). */
  verifyTotals(): void;
  close(): Promise<void>;
}

const metricSql = metricColumns.map((c) => `total(${c}) AS ${c}`).join(', ');

export async function startHttpFuzz(): Promise<HttpFuzzContext> {
  let now = BASE;
  // SQLite (the checks read its data_version); no per-site rate limit: the model has none, and
  // the fake clock jumps a day per case.
  const server = await startTestServer({
    backend: 'sqlite',
    sites: [...fuzzSites],
    now: () => now,
    env: { POMELO_INGEST_RATE: '0' },
  });
  const db = server.db();
  const siteIds = new Map<string, number>();
  for (const s of fuzzSites) {
    const row = db.prepare('SELECT id FROM sites WHERE domain = ?').get(s.domain) as { id: number };
    siteIds.set(s.domain, row.id);
  }
  const ids = [...siteIds.values()].join(', ');
  const cols = metricColumns.join(', ');
  const dailyOf = db.prepare(
    `SELECT site_id, dimension, value, ${cols} FROM daily_counters WHERE site_id IN (${ids}) AND day = ?`,
  );
  const hourlyOf = db.prepare(
    `SELECT site_id, ${cols} FROM hourly_counters WHERE site_id IN (${ids}) AND hour = ?`,
  );
  const totalsOf = (table: string) =>
    db.prepare(`SELECT count(*) AS rows, ${metricSql} FROM ${table}`).get() as Record<
      string,
      number
    >;
  const dataVersion = () => db.pragma('data_version', { simple: true }) as number;
  const model = { daily: totalsOf('daily_counters'), hourly: totalsOf('hourly_counters') };
  const metricsOf = (r: Record<string, unknown>) => {
    const out = zeroMetrics();
    for (const c of metricColumns) out[c] = Number(r[c]);
    return out;
  };
  const readDaily = (day: string) => {
    const out = new Map<
      string,
      { site: number; dimension: string; value: string; metrics: CounterMetrics }
    >();
    for (const r of dailyOf.all(day) as Record<string, unknown>[]) {
      const row = {
        site: Number(r.site_id),
        dimension: String(r.dimension),
        value: String(r.value),
        metrics: metricsOf(r),
      };
      out.set(`${row.site}\u0000${row.dimension}\u0000${row.value}`, row);
    }
    return out;
  };
  const readHourly = (hour: string) => {
    const out = new Map<number, CounterMetrics>();
    for (const r of hourlyOf.all(hour) as Record<string, unknown>[]) {
      out.set(Number(r.site_id), metricsOf(r));
    }
    return out;
  };

  const ctx: HttpFuzzContext = {
    server,
    siteIds,
    cases: 0,
    async exchange(body, headers) {
      ctx.cases++;
      now = BASE + (ctx.cases % WINDOW_DAYS) * DAY;
      const iso = new Date(now).toISOString();
      const day = iso.slice(0, 10);
      const hour = iso.slice(0, 13);
      const beforeDaily = readDaily(day);
      const beforeHourly = readHourly(hour);
      const version = dataVersion();
      const res = await rawPost(server.url, body, headers);
      // What the server acknowledged is merged from its counter journal into the tables read here.
      await server.store.flushCounters();
      const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;

      // What changed in this case's day and hour, per site; the running model of table totals.
      const daily = new Map<number, ActualRow[]>();
      const afterDaily = readDaily(day);
      for (const [key, a] of afterDaily) {
        const b = beforeDaily.get(key);
        if (!b) model.daily.rows! += 1;
        const delta = zeroMetrics();
        for (const c of metricColumns) delta[c] = a.metrics[c] - (b?.metrics[c] ?? 0);
        for (const c of metricColumns) model.daily[c]! += delta[c];
        if (isZeroMetrics(delta)) continue;
        const row = { dimension: a.dimension, value: a.value, metrics: delta };
        daily.set(a.site, [...(daily.get(a.site) ?? []), row]);
      }
      for (const key of beforeDaily.keys()) check(afterDaily.has(key), () => `row ${key} vanished`);
      const hourly = new Map<number, CounterMetrics>();
      const afterHourly = readHourly(hour);
      for (const [site, a] of afterHourly) {
        const b = beforeHourly.get(site);
        if (!b) model.hourly.rows! += 1;
        const delta = zeroMetrics();
        for (const c of metricColumns) delta[c] = a[c] - (b?.[c] ?? 0);
        for (const c of metricColumns) model.hourly[c]! += delta[c];
        if (!isZeroMetrics(delta)) hourly.set(site, delta);
      }
      check(afterHourly.size >= beforeHourly.size, 'an hourly row vanished');

      // Invariants of every answer.
      check(res.status >= 200 && res.status < 500, () => `status ${res.status}: ${res.text}`);
      check(res.headers.get('set-cookie') === null, 'a response set a cookie');
      check(
        (res.status === 413) === bytes > limits.bodyBytes,
        () => `${bytes} bytes → ${res.status}`,
      );
      if (res.status === 202) {
        check(res.text === '', () => `202 with a body: ${show(res.text)}`);
        check(daily.size <= 1 && hourly.size <= 1, () => `one event changed several sites`);
        // Validates the probe used for 4xx answers: a commit does move data_version.
        if (daily.size > 0) check(dataVersion() !== version, 'data_version missed a commit');
        for (const rows of daily.values())
          for (const r of rows) checkStoredValue(r.dimension, r.value);
      } else {
        check(res.status >= 400, () => `unexpected status ${res.status}`);
        check(
          isErrorShape(res.body),
          () => `${res.status} without {error:{code,message}}: ${show(res.text)}`,
        );
        check(daily.size === 0 && hourly.size === 0, () => `a ${res.status} changed counters`);
        check(dataVersion() === version, () => `a ${res.status} committed a write`);
      }
      if (ctx.cases % 200 === 0) ctx.verifyTotals();
      return { res, bytes, daily, hourly };
    },
    verifyTotals() {
      for (const table of ['daily_counters', 'hourly_counters'] as const) {
        const want = table === 'daily_counters' ? model.daily : model.hourly;
        const got = totalsOf(table);
        check(
          show(got) === show(want),
          () => `${table} totals ${show(got)}, expected ${show(want)}`,
        );
      }
    },
    close: () => server.close(),
  };
  return ctx;
}

function headersFor(agent: Agent, contentType: string | null, extra: Record<string, string>) {
  return { ...extra, 'user-agent': agent.ua ?? '', 'content-type': contentType };
}

// ---------------------------------------------------------------------------------------------
// The properties

export interface FuzzProperty {
  name: string;
  kind: 'pure' | 'http';
  /** Relative share of the long run's cases. */
  weight: number;
  property(ctx: HttpFuzzContext | null): fc.IRawProperty<unknown[], boolean>;
}

const needCtx = (ctx: HttpFuzzContext | null) => {
  if (!ctx) throw new Error('this property needs an HTTP fuzz context');
  return ctx;
};

/** Valid-shaped events over HTTP: exact status/code, and exactly the expected counter changes. */
export const httpEvents: FuzzProperty = {
  name: 'http: valid-shaped events → exact status and counter changes',
  kind: 'http',
  weight: 14,
  property: (c) => {
    const ctx = needCtx(c);
    return fc.asyncProperty(validShapedEvent, async (ev) => {
      const body = JSON.stringify(ev.body);
      const x = await ctx.exchange(body, headersFor(ev.agent, ev.contentType, ev.headers));
      const want = expectedAnswer(ev, x.bytes);
      check(
        x.res.status === want.status,
        () =>
          `expected ${want.status} ${want.code ?? ''}, got ${x.res.status} ${x.res.text} for ${body}`,
      );
      if (want.code !== null) {
        check(
          (x.res.body as { error: { code: string } }).error.code === want.code,
          () => `expected code ${want.code}, got ${x.res.text}`,
        );
        return;
      }
      const siteId = ctx.siteIds.get(ev.site.domain)!;
      check(
        [...x.daily.keys(), ...x.hourly.keys()].every((id) => id === siteId),
        'wrong site',
      );
      const actual = x.daily.get(siteId) ?? [];
      const actualBot = actual.some((r) => r.dimension === 'bot');
      if (ev.agent.bot !== null)
        check(actualBot === ev.agent.bot, `bot is ${actualBot} for ${ev.agent.ua}`);
      compareCounters(expectedCounters(ev, actualBot), actual, x.hourly.get(siteId) ?? null);
    });
  },
};

/** Arbitrary bodies, content types, User-Agents and headers over HTTP: the invariants only. */
export const httpArbitrary: FuzzProperty = {
  name: 'http: arbitrary bodies and headers → 202 or a shaped 4xx, nothing stored on a 4xx',
  kind: 'http',
  weight: 6,
  property: (c) => {
    const ctx = needCtx(c);
    return fc.asyncProperty(rawRequest, async (req: RawRequest) => {
      const body = 'text' in req.body ? req.body.text : req.body.bytes;
      const x = await ctx.exchange(body, headersFor(req.agent, req.contentType, req.headers));
      const badType =
        req.contentType !== null &&
        !/^(text\/plain|application\/json)\s*(;|$)/i.test(req.contentType);
      if (badType && x.bytes <= limits.bodyBytes) {
        check(x.res.status === 415, () => `${req.contentType} → ${x.res.status}`);
      }
      if (x.res.status === 202) {
        const rows = [...x.daily.values()].flat();
        const total = rows.find((r) => r.dimension === 'total');
        const bot = rows.filter((r) => r.dimension === 'bot');
        check(!(total && bot.length), 'an event counted both as a bot and as traffic');
        check(bot.length <= 1, 'an event counted twice as a bot');
      }
    });
  },
};

/** sanitiseText: never throws; no unsafe char or lone surrogate; bounded; idempotent. */
export const pureSanitise: FuzzProperty = {
  name: 'pure: sanitiseText and safeDecode',
  kind: 'pure',
  weight: 10,
  property: () =>
    fc.property(hostileString(400), fc.integer({ min: -5, max: 400 }), (text, max) => {
      const out = sanitiseText(text, max);
      check(out.length <= Math.max(0, max), 'too long');
      check(!UNSAFE_TEXT.test(out) && !LONE_SURROGATE.test(out), () => `unsafe: ${show(out)}`);
      check(out === out.trim(), 'not trimmed');
      check(sanitiseText(out, max) === out, 'not idempotent');
      check(typeof safeDecode(text) === 'string', 'safeDecode');
    }),
};

/** parseJsonBody + validatePayload: never throw on any text; what passes respects every bound. */
export const purePayload: FuzzProperty = {
  name: 'pure: parseJsonBody + validatePayload on arbitrary text and JSON',
  kind: 'pure',
  weight: 16,
  property: () =>
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.json({ maxDepth: 5 }),
        rawRequest.map((r) =>
          'text' in r.body ? r.body.text : Buffer.from(r.body.bytes).toString(),
        ),
        validShapedEvent.map((e) => JSON.stringify(e.body)),
        fc
          .tuple(
            validShapedEvent,
            fc.dictionary(
              fc.constantFrom('n', 'u', 'd', 'r', 'w', 'z', 't', 'h', 'p', 'e', 'sd', 'c', 'f'),
              fc.jsonValue({ maxDepth: 3 }),
              { maxKeys: 4 },
            ),
          )
          .map(([e, over]) => JSON.stringify({ ...e.body, ...over })),
      ),
      (text) => {
        const json = parseJsonBody(text);
        if (isRejection(json)) return;
        const p = validatePayload(json);
        if (isRejection(p)) {
          check(typeof p.message === 'string' && p.message.length > 0, 'empty rejection message');
          return;
        }
        check(
          p.name.length >= 1 && p.name.length <= limits.name && !UNSAFE_TEXT.test(p.name),
          'name',
        );
        check(p.url.length <= limits.url, 'url length');
        check(p.domains.length <= limits.domains, 'domains');
        check(p.props.length <= limits.props, 'props count');
        check(new Set(p.props.map(([k]) => k)).size === p.props.length, 'duplicate prop keys');
        for (const [k, v] of p.props) {
          check(k.length >= 1 && k.length <= limits.propKey && !UNSAFE_TEXT.test(k), 'prop key');
          check(!['__proto__', 'constructor', 'prototype'].includes(k), 'forbidden prop key');
          check(v.length <= limits.propValue && !UNSAFE_TEXT.test(v), 'prop value');
        }
        if (p.width !== undefined) check(Number.isInteger(p.width) && p.width >= 0, 'width');
        if (p.navigation !== undefined) check([0, 1, 2, 3].includes(p.navigation), 'navigation');
        if (p.engagement) {
          const g = p.engagement;
          check(Number.isInteger(g.visibleMs) && g.visibleMs >= 0, 'engaged ms');
          check(g.visibleMs <= limits.maxVisibleMs, 'engaged ms bound');
          check(Number.isInteger(g.scrollPct) && g.scrollPct >= 0 && g.scrollPct <= 100, 'scroll');
        }
      },
    ),
};

/** The whole pure path (validate → URL → classify → deltas) against the same expectation. */
export const purePipeline: FuzzProperty = {
  name: 'pure: validate → classify → deltas matches the counting model',
  kind: 'pure',
  weight: 24,
  property: () => {
    const classifyAgent = createAgentClassifier(500);
    return fc.property(validShapedEvent, (ev) => {
      const json = parseJsonBody(JSON.stringify(ev.body));
      check(!isRejection(json), 'generated JSON did not parse');
      const p = validatePayload(json);
      const url = isRejection(p) ? null : parsePageUrl(p.url);
      if (ev.fault) {
        const code = isRejection(p) ? p.rejected : url === null ? 'bad_url' : 'site';
        const want =
          ev.fault.code === 'unknown_site' || ev.fault.code === 'domain_mismatch'
            ? 'site'
            : ev.fault.code;
        check(code === want, () => `fault ${ev.fault!.code} gave ${code}`);
        return;
      }
      check(!isRejection(p), () => `valid event rejected: ${show(p)} for ${show(ev.body)}`);
      check(url !== null, () => `page URL refused: ${show(ev.body.u)}`);
      check(
        hostMatchesDomain(url.hostname, ev.site.domain),
        () => `host ${url.hostname} not on site`,
      );
      const site = {
        id: 7,
        domain: ev.site.domain,
        name: 'x',
        timezone: ev.site.timezone,
        settings: {},
        createdAt: '',
      };
      const agent = classifyAgent(ev.agent.ua ?? undefined);
      if (ev.agent.bot !== null)
        check(agent.bot === ev.agent.bot, () => `bot=${agent.bot} for ${ev.agent.ua}`);
      const deltas = toDeltas(classifyEvent(p, url, site, agent, BASE));
      // Merge rows with equal keys, as the batch does before writing.
      const merged = new Map<string, ActualRow>();
      for (const r of deltas.daily) {
        checkStoredValue(r.dimension, r.value);
        const key = `${r.dimension}\u0000${r.value}`;
        const have = merged.get(key);
        const metrics = m({
          pageviews: r.pageviews,
          visits: r.visits,
          bounces: r.bounces,
          exits: r.exits,
          engaged_ms: r.engagedMs,
          engagements: r.engagements,
          scroll_sum: r.scrollSum,
          events: r.events,
        });
        if (have) for (const c of metricColumns) have.metrics[c] += metrics[c];
        else merged.set(key, { dimension: r.dimension, value: r.value, metrics });
      }
      const h = deltas.hourly;
      const hourly = m({
        pageviews: h.pageviews,
        visits: h.visits,
        bounces: h.bounces,
        exits: h.exits,
        engaged_ms: h.engagedMs,
        engagements: h.engagements,
        scroll_sum: h.scrollSum,
        events: h.events,
      });
      compareCounters(
        expectedCounters(ev, agent.bot),
        [...merged.values()],
        isZeroMetrics(hourly) ? null : hourly,
      );
    });
  },
};

/** URL, path, referrer, campaign and domain helpers never throw and keep their bounds. */
export const pureUrls: FuzzProperty = {
  name: 'pure: URL, path, referrer, campaign and domain classification',
  kind: 'pure',
  weight: 16,
  property: () =>
    fc.property(
      fc.oneof(
        hostileString(200),
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.constantFrom(...fuzzSites).chain((s) => pageUrl(s.domain).map((p) => p.url)),
        fc.constantFrom(...fuzzSites).chain((s) => referrer(s.domain).map((r) => r.value ?? '')),
        fc
          .tuple(
            fc.constantFrom('http://', 'https://', 'HTTP://', 'javascript:', 'data:', ''),
            hostileString(80),
          )
          .map(([a, b]) => a + b),
      ),
      fc.oneof(hostileString(40), fc.domain(), fc.constantFrom(...fuzzSites.map((s) => s.domain))),
      fc.boolean(),
      (raw, host, hash) => {
        const url = parsePageUrl(raw);
        if (url) {
          check(url.protocol === 'http:' || url.protocol === 'https:', 'non-http URL accepted');
          const path = normalisePath(url, hash);
          check(path.startsWith('/') && path.length <= 300, () => `path ${show(path)}`);
          check(
            !UNSAFE_TEXT.test(path) && !LONE_SURROGATE.test(path),
            () => `unsafe path ${show(path)}`,
          );
          const c = extractCampaign(url.searchParams);
          for (const v of [c.utmSource, c.utmMedium, c.utmCampaign, c.taggedSource]) {
            check(
              v === null || (v.length >= 1 && v.length <= 100 && !UNSAFE_TEXT.test(v)),
              'campaign',
            );
          }
          hostMatchesDomain(url.hostname, host);
        }
        const ref = classifyReferrer(raw, host, hash ? host : null);
        check(
          ref.source.length >= 1 && ref.source.length <= 100 && !UNSAFE_TEXT.test(ref.source),
          'source',
        );
        if (ref.referrer !== null) {
          check(
            !/[/?#@\s]/.test(ref.referrer) && ref.referrer.length <= 100,
            () => `referrer ${show(ref.referrer)}`,
          );
        }
        check(!(ref.internal && ref.referrer !== null), 'internal referrer stored');
        for (const h of [raw, host]) {
          check(typeof normaliseHost(h) === 'string', 'normaliseHost');
          check(typeof registrableDomain(h) === 'string', 'registrableDomain');
        }
        isSameSite(raw, host);
        hostMatchesDomain(raw, host);
      },
    ),
};

/** User-Agent, bot, timezone, device and navigation helpers never throw; a UA token never leaks. */
export const pureAgents: FuzzProperty = {
  name: 'pure: User-Agent, bot, country, device and entry classification',
  kind: 'pure',
  weight: 14,
  property: () =>
    fc.property(
      fc.constantFrom(...browserAgents),
      fc.stringMatching(/^[a-z0-9]{8}$/).map((t) => `zq${t}`),
      fc.nat(),
      fc.constantFrom(
        (t: string) => `${t}/1.0`,
        (t: string) => ` ${t} `,
        (t: string) => `; ${t}`,
        (t: string) => ` (${t})`,
        (t: string) => `${t}Browser/2.1 `,
        (t: string) => ` ${t} Build/`,
      ),
      hostileString(300),
      fc.oneof(
        fc.string({ maxLength: 70 }),
        fc.constantFrom(
          'Europe/Paris',
          'Asia/Calcutta',
          '__proto__',
          'toString',
          'hasOwnProperty',
          'Etc/UTC',
        ),
      ),
      fc.oneof(fc.double(), fc.integer(), fc.constant(undefined)),
      fc.oneof(fc.integer({ min: -2, max: 6 }), fc.double(), fc.constant(undefined)),
      (ua, token, at, form, junk, tz, width, nav) => {
        // A token placed anywhere in a real UA never comes out as a browser or OS name.
        const i = at % (ua.length + 1);
        const marked = ua.slice(0, i) + form(token) + ua.slice(i);
        const fam = parseUserAgent(marked);
        check(
          !JSON.stringify(fam).toLowerCase().includes(token),
          () => `UA token leaked: ${show(fam)} from ${marked}`,
        );
        for (const u of [junk, marked]) {
          const f = parseUserAgent(u);
          check(f.browser.length <= 60 && f.os.length <= 60, 'family too long');
          check(!UNSAFE_TEXT.test(f.browser + f.os), 'unsafe family');
          check(['mobile', 'tablet', 'desktop'].includes(f.device), 'device type');
          check(typeof isBot(u) === 'boolean', 'isBot');
        }
        const country = countryFromTimezone(tz);
        check(
          country === '(unknown)' || /^[A-Z]{2}$/.test(country),
          () => `country ${show(country)}`,
        );
        const device = deviceClass(width, 'mobile');
        check(['mobile', 'tablet', 'laptop', 'desktop'].includes(device), 'device class');
        const kind = navigationKind(nav);
        check(typeof isEntry(kind, false) === 'boolean', 'entry');
      },
    ),
};

export const pureProperties: FuzzProperty[] = [
  pureSanitise,
  purePayload,
  purePipeline,
  pureUrls,
  pureAgents,
];
export const httpProperties: FuzzProperty[] = [httpEvents, httpArbitrary];
export const allProperties: FuzzProperty[] = [...pureProperties, ...httpProperties];
