// Shared set-up for the tracker's browser suites: a real Pomelo server, the fixture site, Chromium
// and a recorder of the wire; helpers to build expected payloads and read back exact counter rows.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import type { DailyRow } from '../../server/counters/types.js';
import {
  launchBrowser,
  newPage,
  recordPomelo,
  type PomeloRecorder,
  type RecordedPage,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startFixtureSite, type FixtureSite } from './fixture-site.js';

export interface TrackerHarness {
  server: TestServer;
  site: FixtureSite;
  browser: Browser;
  /** Records what pages send to the server; its origin is the script's host. */
  recorder: PomeloRecorder;
  /** Origin of the Pomelo server as pages see it: http://stats.test:PORT, like a deployment. */
  pomelo: string;
  open(options?: BrowserContextOptions): Promise<RecordedPage>;
}

/**
 * Registers beforeAll/afterAll; the returned object is filled in once beforeAll has run. One site
 * per scenario (pages take their data-site from the host they are served under), so scenarios
 * sharing a server keep apart counters.
 */
export function useTrackerHarness(domains: string[]): TrackerHarness {
  const h = {} as TrackerHarness;
  beforeAll(async () => {
    h.server = await startTestServer({ sites: domains.map((domain) => ({ domain })) });
    h.recorder = await recordPomelo(h.server.url);
    h.pomelo = h.recorder.origin;
    h.site = await startFixtureSite(h.pomelo);
    h.browser = await launchBrowser();
    h.open = (options) => newPage(h.browser, h.recorder, options);
  });
  afterAll(async () => {
    await h.browser?.close();
    await h.site?.close();
    await h.recorder?.close();
    await h.server?.close();
  });
  return h;
}

/**
 * Leaves the page the way a visitor does: the tab navigates elsewhere, so `pagehide` and
 * `visibilitychange` fire and the engagement beacon goes out with keepalive.
 */
export async function leave(visit: RecordedPage): Promise<void> {
  await visit.page.goto('about:blank');
}

/** How long a refuted request gets to show up once the page settled (nothing to wait for). */
const settleMs = 400;
export const settle = () => new Promise((resolve) => setTimeout(resolve, settleMs));

/** The page facts every pageview and its beacons carry. */
export interface PageFacts {
  u: string;
  d: string;
  r: string;
  t: 0 | 1 | 2 | 3;
  h?: 0 | 1;
  /** SPA pageviews (t: 3): the previous route, for page flows; their beacons repeat it. */
  pp?: string;
}

/** newPage() gives every page a 1280 px viewport and the Europe/Paris timezone. */
const screenAndZone = { w: 1280, z: 'Europe/Paris' };

export function pageview(p: PageFacts) {
  return { n: 'pageview', h: 0, ...p, ...screenAndZone };
}

/**
 * An engagement beacon: the pageview's fields, then e (compared as "whole ms", see wire()), sd,
 * c and f (0 on the first beacon, 1 on follow-ups).
 */
/**
 * An engagement beacon; `c` is what is new since the previous one (docs/WIRE.md): 0 nothing, 2 an
 * interactive event, 6 continued (and so engaged), 4 continued after an event already reported.
 */
export function engagement(p: PageFacts, c: 0 | 2 | 4 | 6, more: { sd?: number; f?: 1 } = {}) {
  return { n: 'engagement', h: 0, ...p, ...screenAndZone, e: 'ms', sd: 100, c, f: 0, ...more };
}

/** A custom event (or a link event): n, the page's u, d, r, and p when given. */
export function customEvent(n: string, { u, d, r }: PageFacts, props?: object) {
  return props ? { n, u, d, r, p: props } : { n, u, d, r };
}

/** A payload as compared: engaged milliseconds vary, so a whole number ≥ 0 becomes 'ms'. */
export function wire(payload: Record<string, unknown>): Record<string, unknown> {
  const e = payload.e;
  return typeof e === 'number' && Number.isInteger(e) && e >= 0 ? { ...payload, e: 'ms' } : payload;
}

const byJson = (a: object, b: object) => JSON.stringify(a).localeCompare(JSON.stringify(b));
const consumed = new WeakMap<RecordedPage, number>();

/**
 * Waits until the page has sent `expected.length` more events than the previous call consumed,
 * all answered 202, and compares them as a set: beacons travel on parallel connections, so their
 * arrival order is not their sending order.
 */
export async function expectNextEvents(visit: RecordedPage, expected: object[]): Promise<void> {
  const from = consumed.get(visit) ?? 0;
  const to = from + expected.length;
  const sent = (await visit.waitForAnswers(to)).slice(from);
  consumed.set(visit, to);
  expect(sent.map((x) => wire(x.body ?? {})).sort(byJson)).toEqual([...expected].sort(byJson));
  expect(sent.map((x) => x.status)).toEqual(expected.map(() => 202));
}

/** After a settle delay: the page sent exactly the events consumed so far, nothing more. */
export async function expectNoMoreEvents(visit: RecordedPage): Promise<void> {
  await settle();
  expect(
    visit
      .events()
      .map(wire)
      .slice(consumed.get(visit) ?? 0),
  ).toEqual([]);
}

/** A counter row as tests compare it: engaged_ms is checked apart (it is a measured time). */
export interface CounterRow {
  dimension: string;
  value: string;
  pageviews: number;
  visits: number;
  bounces: number;
  exits: number;
  engagements: number;
  scroll_sum: number;
  events: number;
}

type Metrics = Omit<CounterRow, 'dimension' | 'value'>;

/** Builds an expected row; unnamed metrics are 0. */
export function row(dimension: string, value: string, m: Partial<Metrics> = {}): CounterRow {
  return {
    dimension,
    value,
    pageviews: 0,
    visits: 0,
    bounces: 0,
    exits: 0,
    engagements: 0,
    scroll_sum: 0,
    events: 0,
    ...m,
  };
}

/** The audience rows (country, browser, os, device) of a visit from newPage()'s browser. */
export function audienceRows(m: Partial<Metrics>): CounterRow[] {
  return [
    row('country', 'FR', m),
    row('browser', 'Chrome', m),
    row('os', 'Linux', m),
    row('device', 'laptop', m),
  ];
}

export const eventProp = (name: string, key: string, value: string): string =>
  JSON.stringify([name, key, value]);

const order = (a: CounterRow, b: CounterRow) =>
  a.dimension.localeCompare(b.dimension) || a.value.localeCompare(b.value);

export const sortRows = (rows: CounterRow[]): CounterRow[] => [...rows].sort(order);

export interface SiteCounters {
  rows: CounterRow[];
  /** engaged_ms by `dimension|value`. */
  engagedMs: Map<string, number>;
  days: Set<string>;
}

/** All daily rows of a site, sorted by dimension and value. */
export async function counterRows(server: TestServer, domain: string): Promise<SiteCounters> {
  const raw: DailyRow[] = await server.dailyRows(domain);
  const engagedMs = new Map<string, number>();
  const rows = raw.map((r) => {
    engagedMs.set(`${r.dimension}|${r.value}`, r.engagedMs);
    return row(r.dimension, r.value, {
      pageviews: r.pageviews,
      visits: r.visits,
      bounces: r.bounces,
      exits: r.exits,
      engagements: r.engagements,
      scroll_sum: r.scrollSum,
      events: r.events,
    });
  });
  return { rows: sortRows(rows), engagedMs, days: new Set(raw.map((r) => r.day)) };
}

/** Asserts the site's rows are exactly `expected` (all on one day), and returns engaged_ms. */
export async function expectCounters(
  server: TestServer,
  domain: string,
  expected: CounterRow[],
): Promise<Map<string, number>> {
  const { rows, engagedMs, days } = await counterRows(server, domain);
  expect(rows).toEqual(sortRows(expected));
  expect(days.size).toBe(1);
  return engagedMs;
}
