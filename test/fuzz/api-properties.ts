// The API fuzzing properties (issue 7: "each new route joins the fuzzing"), shared by the
// fixed-seed slice (test/fuzz/api.fuzz.test.ts) and the long run (fuzz/run.ts): the Stats API
// (POST /api/v2/query) and the replay module's public routes, on one real server over a SQLite
// file with the report fixtures loaded and a frozen clock. Every case: never a 5xx, a documented
// 2xx or a 4xx with {error: {code, message}}, and the database unchanged unless the case may write.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { CHUNK_LIMITS } from '../../server/replay/chunk-body.js';
import { signOffer } from '../../server/replay/offer-token.js';
import { OFFER_SECRET } from '../../server/replay/offer.js';
import { login, setupOwner, testEnv } from '../accounts/support.js';
import { fixtureEvents, readAt, site } from '../reports/fixtures.js';
import { type TestServer, postEvent, startTestServer } from '../support/server.js';
import {
  type ReplayCase,
  type StatsQueryCase,
  goalBody,
  replayCase,
  statsQuery,
} from './api-arbitraries.js';
import { isErrorShape } from './harness.js';

class PropertyFailure extends Error {}
function check(ok: unknown, message: string | (() => string)): asserts ok {
  if (!ok) throw new PropertyFailure(typeof message === 'string' ? message : message());
}
const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 600 ? s.slice(0, 600) + '…' : s;
};

interface Answer {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

/**
 * One request on its own connection (node:http, no keep-alive pool), never throwing: status 0 when
 * no answer came. Above a route's body cap the server answers 413 at once and closes without
 * reading the rest; the answer is kept even if writing the rest of the body then fails.
 */
function send(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string | Uint8Array },
): Promise<Answer> {
  return new Promise((resolve) => {
    let answered = false;
    const fail = (err: unknown) => {
      if (!answered) {
        answered = true;
        resolve({ status: 0, body: null, text: String(err), headers: new Headers() });
      }
    };
    const req = http.request(url, { method: init.method, headers: init.headers, agent: false });
    req.on('error', fail);
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('error', fail);
      res.on('end', () => {
        if (answered) return;
        answered = true;
        const text = Buffer.concat(parts).toString('utf8');
        let body: unknown = null;
        if (text !== '') {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (typeof v === 'string') headers.set(k, v);
          else if (Array.isArray(v)) for (const x of v) headers.append(k, x);
        }
        resolve({ status: res.statusCode ?? 0, body, text, headers });
      });
    });
    req.end(init.body === undefined ? undefined : Buffer.from(init.body));
  });
}

/** The body caps of server/stats-api/route.ts and server/replay/public-routes.ts. */
const STATS_BODY_BYTES = 64 * 1024;
const START_BODY_BYTES = 4 * 1024;

export interface ApiFuzzContext {
  server: TestServer;
  /** The owner's session: goal definitions are written with it. */
  owner: Awaited<ReturnType<typeof setupOwner>>['client'];
  apiKey: string;
  /** A key of the same site with Plausible compatibility. */
  compatKey: string;
  siteId: number;
  db: Database.Database;
  /** A cheap fingerprint of the whole database: SQLite's data_version moves on every commit. */
  dataVersion(): number;
  replayRows(): { recordings: number; chunks: number };
  offerSecret: Buffer;
  now: number;
  /** Answers seen, per `route status` (and `stats totals 200`): shows the cases are not vacuous. */
  seen: Map<string, number>;
  close(): Promise<void>;
}

const tally = (ctx: ApiFuzzContext, key: string) => ctx.seen.set(key, (ctx.seen.get(key) ?? 0) + 1);

/** A server with an owner, shop.test (the report fixtures) and a Stats API key for it. */
export async function startApiFuzz(): Promise<ApiFuzzContext> {
  let clock = Date.parse('2025-01-01T00:00:00Z');
  const server = await startTestServer({
    backend: 'sqlite',
    env: testEnv,
    now: () => clock,
    // Thousands of cases from one address: the per-client replay limits (tested in
    // test/replay/limits.test.ts) would answer 429 before the input is even read.
    replay: { startsPerMinute: 1e9, chunksPerMinute: 1e9 },
  });
  const owner = await setupOwner(server, 'owner@example.test', 'correct horse battery', 'Fuzz');
  const created = await owner.client.post(`/api/orgs/${owner.orgId}/sites`, site);
  if (created.status !== 201) throw new Error(`site: ${created.status} ${show(created.body)}`);
  const siteId = created.body.site.id as number;
  const key = await owner.client.post('/api/api-keys', { name: 'fuzz', siteIds: [siteId] });
  if (key.status !== 201) throw new Error(`api key: ${key.status} ${show(key.body)}`);
  const compatKey = await owner.client.post('/api/api-keys', {
    name: 'fuzz plausible',
    siteIds: [siteId],
    plausibleCompat: true,
  });
  if (compatKey.status !== 201) {
    throw new Error(`compat api key: ${compatKey.status} ${show(compatKey.body)}`);
  }
  for (const [at, body] of fixtureEvents) {
    clock = Date.parse(at);
    const r = await postEvent(server.url, body);
    if (r.status !== 202) throw new Error(`fixture event: ${r.status} ${show(r.body)}`);
  }
  clock = Date.parse(readAt);
  // A session opened at the frozen clock (the setup's one is months old by now).
  const ownerClient = await login(server, 'owner@example.test', 'correct horse battery');
  const secret = await server.store.replay.secret(OFFER_SECRET, () => randomBytes(32), clock);
  const db = server.db();
  const ctx: ApiFuzzContext = {
    server,
    owner: ownerClient,
    apiKey: key.body.secret as string,
    compatKey: compatKey.body.secret as string,
    siteId,
    db,
    dataVersion: () => db.pragma('data_version', { simple: true }) as number,
    replayRows: () => ({
      recordings: (db.prepare('SELECT count(*) AS n FROM replay_recordings').get() as { n: number })
        .n,
      chunks: (db.prepare('SELECT count(*) AS n FROM replay_chunks').get() as { n: number }).n,
    }),
    offerSecret: secret,
    now: clock,
    seen: new Map(),
    close: () => server.close(),
  };
  // The key's first use records its last use (a write, at most once a minute): do it now, so that
  // every case after it must leave the database as it found it (the clock stays frozen).
  const warmCase: StatsQueryCase = {
    kind: 'near-valid',
    body: JSON.stringify({ site_id: site.domain, metrics: ['visits'], date_range: '7d' }),
    auth: 'key',
    contentType: 'application/json',
  };
  const warm = await queryOnce(ctx, warmCase);
  if (warm.status !== 200) throw new Error(`warm-up query: ${warm.status} ${warm.text}`);
  const warmCompat = await queryOnce(ctx, { ...warmCase, auth: 'key' }, true);
  if (warmCompat.status !== 200) {
    throw new Error(`warm-up query: ${warmCompat.status} ${warmCompat.text}`);
  }
  return ctx;
}

/** `compat`: the key with Plausible compatibility answers for `auth: 'key'`. */
function queryOnce(ctx: ApiFuzzContext, q: StatsQueryCase, compat = false): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (q.contentType !== null) headers['content-type'] = q.contentType;
  if (q.auth === 'key') headers.authorization = `Bearer ${compat ? ctx.compatKey : ctx.apiKey}`;
  if (q.auth === 'wrong') headers.authorization = `Bearer pml_${'x'.repeat(40)}`;
  if (q.auth === 'malformed') headers.authorization = 'Basic Zm9vOmJhcg==';
  return send(`${ctx.server.url}/api/v2/query`, { method: 'POST', headers, body: q.body });
}

/** The CSRF guard's refusal of a POST without a JSON content type (server/http/middleware). */
const csrf = (res: Answer) =>
  res.status === 403 && (res.body as { error?: { code?: string } }).error?.code === 'csrf';

function siteIdOf(body: string): unknown {
  try {
    return (JSON.parse(body) as { site_id?: unknown } | null)?.site_id;
  } catch {
    return undefined;
  }
}

/** The documented 200 shape of the Stats API (docs/API.md). */
function checkQueryAnswer(body: unknown): void {
  const b = body as { results?: unknown; meta?: unknown; query?: unknown };
  check(typeof b === 'object' && b !== null, 'a 200 without a JSON object');
  check(Array.isArray(b.results), () => `results is not an array: ${show(body)}`);
  check(typeof b.meta === 'object' && b.meta !== null, 'meta is not an object');
  check(typeof b.query === 'object' && b.query !== null, 'query is not an object');
  for (const r of b.results as { metrics?: unknown; dimensions?: unknown }[]) {
    check(
      Array.isArray(r.metrics) &&
        r.metrics.every(
          (m) =>
            m === null ||
            (typeof m === 'number' && Number.isFinite(m)) ||
            // Revenue metrics: Plausible's {value, currency}.
            (typeof m === 'object' &&
              Number.isFinite((m as { value?: unknown }).value) &&
              typeof (m as { currency?: unknown }).currency === 'string'),
        ),
      () => `a result row's metrics: ${show(r)}`,
    );
    check(Array.isArray(r.dimensions), () => `a result row's dimensions: ${show(r)}`);
  }
}

export interface ApiFuzzProperty {
  name: string;
  kind: 'api';
  /** Relative share of the long run's API cases. */
  weight: number;
  property(
    ctx: ApiFuzzContext,
  ):
    | fc.IAsyncProperty<[StatsQueryCase]>
    | fc.IAsyncProperty<[ReplayCase]>
    | fc.IAsyncProperty<[unknown]>;
}

/**
 * A compatibility key's 200 (docs/API.md, "What counters cannot answer"): a row per asked metric
 * and dimension (null where left out), and when a filter or dimension is left out, a warning on
 * every metric. A normal key's answer has no `meta.warnings`.
 */
function checkCompatAnswer(body: unknown, request: string, compat: boolean): boolean {
  const b = body as {
    results: { metrics: unknown[]; dimensions: unknown[] }[];
    meta: { metric_warnings?: Record<string, unknown>; warnings?: { code: string; at: string }[] };
  };
  if (!compat) {
    check(b.meta.warnings === undefined, () => `meta.warnings on a normal key: ${show(b.meta)}`);
    return false;
  }
  const asked = JSON.parse(request) as { metrics: string[]; dimensions?: string[] };
  for (const r of b.results) {
    check(r.metrics.length === asked.metrics.length, () => `row ${show(r)} for ${request}`);
    check(r.dimensions.length === (asked.dimensions ?? []).length, () => `row ${show(r)}`);
  }
  const everyMetric = (b.meta.warnings ?? []).some((w) =>
    ['filter_not_applied', 'dimension_not_recorded', 'dimensions_not_combined'].includes(w.code),
  );
  if (everyMetric) {
    for (const m of asked.metrics) {
      check(b.meta.metric_warnings?.[m] !== undefined, () => `${m} unflagged: ${show(b.meta)}`);
    }
  }
  return (b.meta.warnings ?? []).some((w) => !w.at.startsWith('metrics'));
}

/** Stats API: any query → 200 in the documented shape or a shaped 4xx; nothing written; exact totals. */
const statsQueries = (compat: boolean): ApiFuzzProperty => ({
  name: compat
    ? 'api: Stats API queries with a Plausible-compatible key → 200 (left-out parts flagged) or a shaped 4xx, nothing written, exact totals'
    : 'api: Stats API queries → 200 or a shaped 4xx, nothing written, exact totals',
  kind: 'api',
  weight: compat ? 2 : 4,
  property: (ctx) =>
    fc.asyncProperty(statsQuery, async (q) => {
      const version = ctx.dataVersion();
      const res = await queryOnce(ctx, q, compat);
      const overCap = Buffer.byteLength(q.body) > STATS_BODY_BYTES;
      const label = compat ? 'stats compat' : 'stats';
      check(res.status !== 0 || overCap, () => `connection failed: ${res.text}`);
      check(ctx.dataVersion() === version, () => `a ${res.status} query wrote to the database`);
      tally(ctx, `${label} ${res.status}`);
      if (res.status === 0) return;
      check(res.status < 500, () => `status ${res.status}: ${res.text} for ${show(q.body)}`);
      check(res.headers.get('set-cookie') === null, 'a query set a cookie');
      if (overCap) check(res.status === 413 || csrf(res), () => `big body → ${res.status}`);
      else if (q.auth !== 'key') {
        check(res.status !== 200, 'an answer without a valid key');
        // With a site named, authentication comes before any judgement of the query.
        if (typeof siteIdOf(q.body) === 'string') {
          check(
            res.status === 401 || (res.status === 403 && q.auth === 'none') || csrf(res),
            () => `${q.auth} key → ${res.status} ${res.text}`,
          );
        }
      }
      if (res.status !== 200) {
        check(res.status >= 400, () => `unexpected status ${res.status}`);
        check(isErrorShape(res.body), () => `${res.status} without {error}: ${show(res.text)}`);
        check(
          !(q.kind === 'totals' && q.auth === 'key' && q.contentType === 'application/json'),
          () => `a valid totals query was refused: ${res.status} ${res.text}`,
        );
        return;
      }
      checkQueryAnswer(res.body);
      if (checkCompatAnswer(res.body, q.body, compat)) tally(ctx, `${label} left out 200`);
      if (q.kind === 'totals') {
        tally(ctx, `${label} totals 200`);
        // Differential: the API's totals equal a direct sum of the site's `total` counter rows.
        const want = ctx.db
          .prepare(
            `SELECT total(visits) AS visits, total(pageviews) AS pageviews, total(events) AS events
             FROM daily_counters WHERE site_id = ? AND dimension = 'total' AND day BETWEEN ? AND ?`,
          )
          .get(ctx.siteId, q.range![0], q.range![1]) as Record<string, number>;
        const got = (res.body as { results: { metrics: number[] }[] }).results[0]?.metrics;
        // `events` are Plausible's: pageviews + custom events.
        check(
          show(got) === show([want.visits, want.pageviews, want.pageviews! + want.events!]),
          () => `totals ${show(got)} for ${show(q.range)}, counters say ${show(want)}`,
        );
      }
    }),
});

export const apiStatsQueries = statsQueries(false);
export const apiStatsQueriesCompat = statsQueries(true);

/**
 * Replay public routes with no window open: arbitrary starts, chunks and deletes → never a 5xx,
 * a shaped 4xx (or a 204 for a delete), and no recording or chunk created; nothing written at all.
 */
export const apiReplayRoutes: ApiFuzzProperty = {
  name: 'api: replay start/chunk/delete with no window open → shaped 4xx, nothing stored',
  kind: 'api',
  weight: 3,
  property: (ctx) =>
    fc.asyncProperty(
      replayCase((windowId) => signOffer(ctx.offerSecret, windowId, '/', ctx.now)),
      async (r) => {
        const rows = ctx.replayRows();
        const version = ctx.dataVersion();
        const base = ctx.server.url;
        let res: Answer;
        if (r.route === 'start') {
          const headers: Record<string, string> = {};
          if (r.contentType) headers['content-type'] = r.contentType;
          if (r.origin) headers.origin = r.origin;
          res = await send(`${base}/api/replay/start`, { method: 'POST', headers, body: r.body });
        } else if (r.route === 'chunk') {
          const headers: Record<string, string> = {};
          if (r.contentType) headers['content-type'] = r.contentType;
          res = await send(`${base}/api/replay/chunk?${r.query}`, {
            method: 'POST',
            headers,
            body: r.body,
          });
        } else {
          res = await send(`${base}/api/replay/chunk?${r.query}`, { method: 'DELETE' });
        }
        const what = () =>
          `${r.route} ${'query' in r ? r.query : ''} ${'label' in r ? r.label : ''} ${'body' in r && typeof r.body === 'string' ? show(r.body.slice(0, 300)) : ''}`;
        const bytes =
          r.route === 'start' ? Buffer.byteLength(r.body) : r.route === 'chunk' ? r.body.length : 0;
        const overCap =
          bytes > (r.route === 'start' ? START_BODY_BYTES : CHUNK_LIMITS.compressedBytes);
        check(res.status !== 0 || overCap, () => `connection failed: ${res.text} for ${what()}`);
        check(show(ctx.replayRows()) === show(rows), () => `${what()} changed replay rows`);
        check(ctx.dataVersion() === version, () => `${res.status} for ${what()} wrote`);
        tally(ctx, `replay ${r.route} ${res.status}`);
        if (res.status === 0) return;
        if (overCap) check(res.status === 413, () => `${bytes} bytes → ${res.status}`);
        check(res.status < 500, () => `status ${res.status}: ${res.text} for ${what()}`);
        if (r.route === 'delete' && res.status === 204) {
          check(res.text === '', '204 with a body');
        } else {
          check(res.status >= 400, () => `${res.status} with no window open for ${what()}`);
          check(isErrorShape(res.body), () => `${res.status} without {error}: ${show(res.text)}`);
        }
        if (r.route === 'start' && res.status !== 400 && res.status !== 413) {
          check(
            res.status === 403 || res.status === 410,
            () => `start → ${res.status} ${res.text}`,
          );
        }
      },
    ),
};

/**
 * Goal definitions (issue 13): any body → 201 or a shaped 400/409, never a 5xx; a refused body
 * changes nothing; whatever is saved, the goals report still answers (a backtracking matcher on a
 * crafted pattern would hang it). Saved goals are removed again, so the site stays under its cap.
 */
export const apiGoalDefinitions: ApiFuzzProperty = {
  name: 'api: goal definitions → 201 or a shaped 4xx; the goals report still answers',
  kind: 'api',
  weight: 2,
  property: (ctx) =>
    fc.asyncProperty(goalBody, async (body) => {
      const url = `/api/sites/${ctx.siteId}/goals`;
      const before = await ctx.owner.get(url);
      const res = await ctx.owner.post(url, body);
      tally(ctx, `goal ${res.status}`);
      check(res.status < 500, () => `status ${res.status}: ${show(res.body)} for ${show(body)}`);
      if (res.status !== 201) {
        check(res.status === 400 || res.status === 409, () => `goal → ${res.status}`);
        check(isErrorShape(res.body), () => `${res.status} without {error}: ${show(res.body)}`);
        const after = await ctx.owner.get(url);
        check(show(after.body) === show(before.body), 'a refused goal changed the goals');
        return;
      }
      const report = await ctx.owner.get(
        `/api/sites/${site.domain}/goals/report?period=custom&from=2025-03-26&to=2025-04-02`,
      );
      check(report.status === 200, () => `goals report → ${report.status} ${show(report.body)}`);
      const name = (res.body as { goal: { name: string } }).goal.name;
      const removed = await ctx.owner.delete(`${url}/${encodeURIComponent(name)}`);
      check(removed.status === 204, () => `removing ${show(name)} → ${removed.status}`);
    }),
};

export const apiProperties: ApiFuzzProperty[] = [
  apiStatsQueries,
  apiStatsQueriesCompat,
  apiReplayRoutes,
  apiGoalDefinitions,
];
