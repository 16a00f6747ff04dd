// Report latency and growth over a generated year: `npx tsx bench/reports.ts` (part of `npm run
// bench`; `--quick` for a short smoke run, `--days=N [--runs=R] [--only=TEXT]` for a reduced year and
// chosen cases). Writes the "bench:reports" section of docs/BENCHMARKS.md (the full run only).
//
// The year is built through the real ingestion code (createIngest: parse → validate → classify →
// deltas → group commit → cardinality cap → store), without HTTP, with a clock that walks through
// the year. Replaying 365 million pageviews would take hours, so each day of the big site is a
// representative sample of events (every one of its 10,000 paths at least once) whose counter rows
// are multiplied by a weight on their way into the store: the rows, keys and cardinality are those
// of real ingestion; the magnitudes reach 1M pageviews a day.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CounterWrite, DailyRow, HourlyRow } from '../server/counters/types.js';
import { GroupCommit } from '../server/counters/group-commit.js';
import { createIngest } from '../server/ingest/pipeline.js';
import { buildRollups } from '../server/jobs/rollups.js';
import { SiteDirectory } from '../server/ingest/site-directory.js';
import { breakdown } from '../server/reports/breakdown.js';
import { addDays } from '../server/reports/calendar.js';
import { resolveDateRange, type Period } from '../server/reports/date-range.js';
import { goalSeries, goalsReport, goalTotals } from '../server/reports/goals.js';
import { agencyOverview } from '../server/reports/overview.js';
import { siteReport } from '../server/reports/site-report.js';
import { defaultInterval } from '../server/reports/timeseries.js';
import type { SqliteReportsRepo } from '../server/store/reports.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import type { SiteRecord, Store } from '../server/store/types.js';
import type { GoalDefinition } from '../server/goals/goal-input.js';
import { rng, userAgents } from './payloads.js';
import { writeDocSection } from './doc-section.js';

const markers = ['<!-- bench:reports:start -->', '<!-- bench:reports:end -->'] as const;

export interface ReportsBenchOptions {
  days: number;
  /** Days after which the database and the reports are measured. */
  checkpoints: number[];
  pageviewsPerDay: number;
  pathsPerDay: number;
  /** Pageview events generated per day for the big site (the rest is the weight). */
  sampledPageviews: number;
  smallSites: number;
  runs: number;
}

const full: ReportsBenchOptions = {
  days: 365,
  checkpoints: [30, 91, 182, 365],
  pageviewsPerDay: 1_000_000,
  pathsPerDay: 10_000,
  sampledPageviews: 11_000,
  smallSites: 1_000,
  runs: 20,
};
const quick: ReportsBenchOptions = {
  ...full,
  days: 40,
  checkpoints: [10, 40],
  smallSites: 100,
  runs: 5,
};

const firstDay = '2025-07-01';
const dayStartMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

const zones = Intl.supportedValuesOf('timeZone').slice(0, 120);
const widths = [360, 390, 414, 768, 1024, 1280, 1366, 1440, 1920, 2560];
const searchHosts = ['www.google.com', 'www.bing.com', 'duckduckgo.com', 'www.ecosia.org'];

/** The big site's events of one day: pageviews (all paths, then a skewed share), beacons, events. */
function bigSiteDay(domain: string, o: ReportsBenchOptions, r: () => number): string[] {
  const out: string[] = [];
  const pathOf = (i: number) => `/section-${i % 50}/article-${i}`;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const common = () => ({ d: domain, w: pick(widths), z: pick(zones) });
  for (let n = 0; n < o.sampledPageviews; n++) {
    // Every path once, then a power law: a few pages take most of the traffic.
    const p = pathOf(n < o.pathsPerDay ? n : Math.floor(o.pathsPerDay * r() ** 4));
    const kind = r();
    const referrer =
      kind < 0.35
        ? null
        : kind < 0.55
          ? `https://${pick(searchHosts)}/`
          : kind < 0.7
            ? `https://ref-${Math.floor(r() * 300)}.example/post`
            : `https://${domain}${pathOf(Math.floor(r() * 100))}`;
    const utm =
      r() < 0.05
        ? `?utm_source=src-${Math.floor(r() * 50)}&utm_medium=m-${Math.floor(r() * 10)}` +
          `&utm_campaign=c-${Math.floor(r() * 50)}`
        : '';
    out.push(
      JSON.stringify({
        n: 'pageview',
        u: `https://${domain}${p}${utm}`,
        r: referrer,
        t: 0,
        ...common(),
      }),
    );
    if (n % 4 === 0) {
      out.push(
        JSON.stringify({
          n: 'engagement',
          u: `https://${domain}${p}`,
          r: referrer,
          t: 0,
          e: Math.floor(2_000 + r() * 90_000),
          sd: Math.floor(r() * 100),
          c: r() < 0.5 ? 1 : 0,
          ...common(),
        }),
      );
    }
    if (n % 200 === 100) {
      // A purchase with revenue (Pomelo's `$` field), for the revenue goals.
      out.push(
        JSON.stringify({
          n: pick(['Purchase', 'Renewal']),
          $: {
            currency: pick(['EUR', 'USD']),
            amount: (5 + Math.floor(r() * 9_500) / 100).toFixed(2),
          },
          u: `https://${domain}/checkout/done`,
          r: null,
          t: 0,
          ...common(),
        }),
      );
    }
    if (n % 50 === 0) {
      const plan = pick(['free', 'pro', 'team']);
      out.push(
        JSON.stringify({
          n: 'Signup',
          p: { plan },
          u: `https://${domain}/signup`,
          r: null,
          t: 0,
          ...common(),
        }),
      );
    }
  }
  return out;
}

const scale = <T extends DailyRow | HourlyRow>(row: T, w: number): T => ({
  ...row,
  pageviews: row.pageviews * w,
  visits: row.visits * w,
  bounces: row.bounces * w,
  exits: row.exits * w,
  engagedMs: row.engagedMs * w,
  engagements: row.engagements * w,
  scrollSum: row.scrollSum * w,
  events: row.events * w,
});

/** The store as the writer sees it, with the big site's rows multiplied by `weight`. */
function weighted(store: Store, siteId: number, weight: number): Store {
  const w = <T extends DailyRow | HourlyRow>(r: T) => (r.siteId === siteId ? scale(r, weight) : r);
  return {
    ...store,
    applyCounterDeltas: (write: CounterWrite) =>
      store.applyCounterDeltas({ daily: write.daily.map(w), hourly: write.hourly.map(w) }),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const goal = (g: Partial<GoalDefinition> & Pick<GoalDefinition, 'name' | 'kind'>) => ({
  pagePattern: null,
  eventName: null,
  propKey: null,
  propValue: null,
  currency: null,
  ...g,
});

/**
 * The 20 goals of the big site: page patterns (exact, `*` within a segment, `**` across), custom
 * events with and without a property, and revenue goals in two currencies (issue 13).
 */
export const benchGoals: GoalDefinition[] = [
  ...Array.from({ length: 6 }, (_, i) =>
    goal({ name: `Section ${i}`, kind: 'page', pagePattern: `/section-${i * 7}/*` }),
  ),
  goal({ name: 'Articles 1…', kind: 'page', pagePattern: '/**/article-1*' }),
  goal({ name: 'Deep articles', kind: 'page', pagePattern: '/section-4*/**' }),
  goal({ name: 'Article 42', kind: 'page', pagePattern: '/section-42/article-42' }),
  goal({ name: 'Signup page', kind: 'page', pagePattern: '/signup' }),
  goal({ name: 'Checkout done', kind: 'page', pagePattern: '/checkout/**' }),
  goal({ name: 'Signup', kind: 'event', eventName: 'Signup' }),
  ...['free', 'pro', 'team'].map((plan) =>
    goal({
      name: `Signup ${plan}`,
      kind: 'event',
      eventName: 'Signup',
      propKey: 'plan',
      propValue: plan,
    }),
  ),
  goal({ name: 'Never fired', kind: 'event', eventName: 'Download' }),
  goal({ name: 'Purchase EUR', kind: 'revenue', eventName: 'Purchase', currency: 'EUR' }),
  goal({ name: 'Purchase USD', kind: 'revenue', eventName: 'Purchase', currency: 'USD' }),
  goal({ name: 'Renewal EUR', kind: 'revenue', eventName: 'Renewal', currency: 'EUR' }),
  goal({ name: 'Renewal USD', kind: 'revenue', eventName: 'Renewal', currency: 'USD' }),
];

/** The goals panel: every goal of the site over the period (what /goals/report answers). */
async function goalsPanel(store: Store, site: SiteRecord, period: Period, nowMs: number) {
  const range = resolveDateRange({ period, timezone: site.timezone, nowMs });
  return goalsReport(store, site.id, range, await store.goals.goalsOf(site.id));
}

/**
 * What choosing a goal adds to the site report (/sites/:site/report?goal=): the goal's conversions
 * and its daily series. The goal 'Articles 1…' has no literal prefix: SQL scans every page row.
 */
async function goalChart(
  store: Store,
  site: SiteRecord,
  name: string,
  period: Period,
  nowMs: number,
) {
  const range = resolveDateRange({ period, timezone: site.timezone, nowMs });
  const goal = (await store.goals.goalsOf(site.id)).find((g) => g.name === name)!;
  return Promise.all([
    goalTotals(store, site.id, range, [goal]),
    goalSeries(store, site.id, range, 'day', goal, new Map()),
  ]);
}

/** Totals + series + comparison with the previous period + top 10 pages + top 10 sources. */
async function fullSiteReport(store: Store, site: SiteRecord, period: Period, nowMs: number) {
  const range = resolveDateRange({ period, timezone: site.timezone, nowMs });
  const q = { siteId: site.id, timezone: site.timezone, span: range };
  const top = { limit: 10, offset: 0 };
  return Promise.all([
    siteReport(store, { ...q, range, interval: defaultInterval(range), compare: 'previous' }),
    breakdown(store, { ...q, ...top, dimension: 'page' }),
    breakdown(store, { ...q, ...top, dimension: 'source' }),
  ]);
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ms = (t: number) => (t < 10 ? t.toFixed(1) : t.toFixed(0));

/** Rows of rollup_counters (read on a second connection). */
function rollupRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM rollup_counters').pluck().get() as number;
  } finally {
    db.close();
  }
}

function dbBytes(file: string): number {
  return ['', '-wal', '-shm']
    .map((s) => (fs.existsSync(file + s) ? fs.statSync(file + s).size : 0))
    .reduce((a, b) => a + b, 0);
}

interface Checkpoint {
  days: number;
  rows: number;
  bytes: number;
  rssBytes: number;
  heapBytes: number;
  cachedValues: number;
  /** name → [cold from daily rows only, cold, p50, p95] in ms */
  latency: Map<string, [number, number, number, number]>;
  /** The rollups job's run at this checkpoint, and the rollup rows then held. */
  rollup: { blocks: number; seconds: number; rows: number };
}

/** `only`: run just the report cases whose name contains this text. */
export async function runReportsBench(o: ReportsBenchOptions, only?: string): Promise<string> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // tmpfs when there is one: the figures then measure SQLite and the report code, not the VM's disk.
  const parent = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(parent, 'pomelo-bench-reports-'));
  const file = path.join(dir, 'pomelo.db');
  // The year takes ~1 GB of /dev/shm (memory): remove it on Ctrl-C too.
  // REPORTS_BENCH_KEEP=1 keeps the database (its path is printed) to profile reports on it.
  const cleanup = () =>
    process.env.REPORTS_BENCH_KEEP === '1'
      ? process.stderr.write(`reports bench: database kept in ${file}\n`)
      : fs.rmSync(dir, { recursive: true, force: true });
  const interrupted = () => {
    cleanup();
    process.exit(130);
  };
  process.on('SIGINT', interrupted).on('SIGTERM', interrupted);
  const store = openSqliteStore(file);
  const repo = store.reports as SqliteReportsRepo;
  const cache = repo.cache;
  try {
    await store.migrate();
    const created = new Date(dayStartMs(firstDay));
    const big = await store.addSite({ domain: 'big.test', timezone: 'UTC' }, created);
    const small: SiteRecord[] = [];
    for (let i = 0; i < o.smallSites; i++) {
      small.push(await store.addSite({ domain: `site-${i}.test`, timezone: 'UTC' }, created));
    }
    const sites = [big, ...small];
    for (const g of benchGoals) {
      const added = await store.goals.addGoal(big.id, g, created.toISOString());
      if (typeof added === 'string') throw new Error(`bench goal ${g.name}: ${added}`);
    }
    let clock = dayStartMs(firstDay);
    const directory = new SiteDirectory(store, { ttlMs: 1e12, now: () => clock });
    // Counters are integers: a whole weight (1M / 11,000 → 91, i.e. 1,001,000 pageviews a day).
    const weight = Math.round(o.pageviewsPerDay / o.sampledPageviews);
    const writer = new GroupCommit(weighted(store, big.id, weight), {
      maxPendingEvents: 1e9,
      maxBatchEvents: 2_000,
      capFor: () => 25_000,
    });
    const ingest = createIngest({ sites: directory, writer, now: () => clock });
    const r = rng(7);
    let events = 0;

    /** Sends a day's bodies, the clock walking through its 24 hours. */
    async function ingestDay(day: string, bodies: string[], from = 0, to = 86_400_000) {
      const step = (to - from) / Math.max(1, bodies.length);
      for (let i = 0; i < bodies.length; i += 2_000) {
        const chunk = bodies.slice(i, i + 2_000).map((body, j) => {
          clock = dayStartMs(day) + from + Math.floor((i + j) * step);
          return ingest(body, userAgents[(i + j) % userAgents.length]);
        });
        const results = await Promise.all(chunk);
        const refused = results.find((x) => !('accepted' in x));
        if (refused) throw new Error(`bench event refused: ${JSON.stringify(refused)}`);
        events += chunk.length;
      }
    }

    /** One pageview a day per small site, on one of three pages. */
    const smallDay = (d: number) =>
      small.map((s, i) =>
        JSON.stringify({
          n: 'pageview',
          u: `https://${s.domain}${['/', '/pricing', '/blog'][(i + d) % 3]}`,
          r: (i + d) % 2 ? null : 'https://www.google.com/',
          t: 0,
          d: s.domain,
          w: 1280,
          z: 'Europe/Berlin',
        }),
      );

    const checkpoints: Checkpoint[] = [];
    let genMs = 0;
    for (let d = 0; d < o.days; d++) {
      const day = addDays(firstDay, d);
      const g = performance.now();
      // Up to noon: the reports run "today at noon", today half full.
      const last = d === o.days - 1 || o.checkpoints.includes(d + 1);
      const bodies = [...bigSiteDay(big.domain, o, r), ...smallDay(d)];
      await ingestDay(day, bodies, 0, last ? 43_200_000 : 86_400_000);
      genMs += performance.now() - g;
      if (d % 30 === 29) process.stderr.write(`reports bench: ${d + 1}/${o.days} days\n`);
      if (!o.checkpoints.includes(d + 1)) continue;

      const nowMs = dayStartMs(day) + 43_200_000;
      // The rollups job, as a running server runs it every 15 minutes (here: all days at once).
      const j = performance.now();
      const blocks = await buildRollups(store, nowMs);
      const rollup = { blocks, seconds: (performance.now() - j) / 1000 };
      const latency = new Map<string, [number, number, number, number]>();
      let held = 0;
      const live = bigSiteDay(big.domain, { ...o, sampledPageviews: 300 }, r);
      const cases: [string, number, () => Promise<unknown>][] = [
        ['site report, 30 days', o.runs, () => fullSiteReport(store, big, '30d', nowMs)],
        [
          'site report, 12 months',
          Math.max(3, o.runs / 2),
          () => fullSiteReport(store, big, '12mo', nowMs),
        ],
        [
          `goals report, ${benchGoals.length} goals, 30 days`,
          o.runs,
          () => goalsPanel(store, big, '30d', nowMs),
        ],
        [
          `goals report, ${benchGoals.length} goals, 12 months`,
          Math.max(3, o.runs / 2),
          () => goalsPanel(store, big, '12mo', nowMs),
        ],
        [
          'chart narrowed to a page goal, 30 days',
          o.runs,
          () => goalChart(store, big, 'Articles 1…', '30d', nowMs),
        ],
        [
          `site report + goals panel, ${benchGoals.length} goals, 30 days`,
          o.runs,
          () =>
            Promise.all([
              fullSiteReport(store, big, '30d', nowMs),
              goalsPanel(store, big, '30d', nowMs),
            ]),
        ],
        [
          `agency overview, ${sites.length} sites, 30 days`,
          o.runs,
          () => agencyOverview(store, { sites, period: '30d', nowMs }),
        ],
      ];
      for (const [name, runs, fn] of cases) {
        if (only !== undefined && !name.includes(only)) continue;
        held = Math.max(held, cache.heldValues);
        // Cold from daily rows only (as before rollups), then cold as after a restart.
        cache.clear();
        repo.rollups.enabled = false;
        let t = performance.now();
        await fn();
        const coldDaily = performance.now() - t;
        repo.rollups.enabled = true;
        cache.clear();
        t = performance.now();
        await fn();
        const cold = performance.now() - t;
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          // Traffic keeps arriving between two views: today's counters change before each run.
          const slot = 43_200_000 + i * 60_000;
          await ingestDay(day, live.slice(i * 10, i * 10 + 10), slot, slot + 60_000);
          t = performance.now();
          await fn();
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        latency.set(name, [coldDaily, cold, percentile(times, 50), percentile(times, 95)]);
      }
      const mem = process.memoryUsage();
      const rows = (await store.counterSummary('daily_counters')).reduce((a, s) => a + s.rows, 0);
      checkpoints.push({
        days: d + 1,
        rows,
        bytes: dbBytes(file),
        rssBytes: mem.rss,
        heapBytes: mem.heapUsed,
        cachedValues: Math.max(held, cache.heldValues),
        latency,
        rollup: { ...rollup, rows: rollupRows(file) },
      });
      process.stderr.write(
        `reports bench: checkpoint ${d + 1} days: ${JSON.stringify([...latency])}\n`,
      );
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return render(o, checkpoints, {
      load: [loadAtStart, os.loadavg()],
      startedAt,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      genSeconds: genMs / 1000,
      events,
      weight,
      parent,
    });
  } finally {
    await store.close();
    cleanup();
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
  }
}

/** The 20-goal figures of the last checkpoint against the same aim (p95 < 50 ms). */
function goalsLine(names: string[], last: Checkpoint): string {
  const parts = names
    .filter((n) => n.includes('goals'))
    .map((n) => {
      const [, cold, p50, p95] = last.latency.get(n)!;
      return `${n}: p50 ${ms(p50)} ms, p95 ${ms(p95)} ms, cold ${ms(cold)} ms`;
    });
  return parts.length === 0 ? '' : ` After ${last.days} days, ${parts.join('; ')}.`;
}

function render(
  o: ReportsBenchOptions,
  cps: Checkpoint[],
  run: {
    load: number[][];
    startedAt: Date;
    seconds: number;
    cpuSeconds: number;
    genSeconds: number;
    events: number;
    weight: number;
    parent: string;
  },
): string {
  const names = [...(cps[0]?.latency.keys() ?? [])];
  const last = cps[cps.length - 1];
  const month30 = last?.latency.get(names[0] ?? '');
  const lines = [
    markers[0],
    '## Report latency and growth over a generated year',
    '',
    `Generated by \`npx tsx bench/reports.ts\` (also run by \`npm run bench\`) on ${run.startedAt.toISOString()} ` +
      `(took ${run.seconds.toFixed(0)} s, ${run.cpuSeconds.toFixed(0)} s of CPU). Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, SQLite (better-sqlite3), database in ${run.parent}. ` +
      `Load average (1/5/15 min): ${run.load.map((l) => l.map((x) => x.toFixed(2)).join(' / ')).join(' at the start, ')} ` +
      'at the end: the machine is shared, so latencies move with its neighbours.',
    '',
    `**Data.** One site with ${o.pageviewsPerDay.toLocaleString('en')} pageviews and ` +
      `${o.pathsPerDay.toLocaleString('en')} distinct paths a day (every dimension filled: entries, exits, sources, ` +
      `referrers, UTM, countries, browsers, OS, devices, events and props), and ${o.smallSites.toLocaleString('en')} ` +
      `small sites beside it (1 pageview a day each), ${o.days} days. Built through the real ingestion code ` +
      '(`createIngest`: parse → validate → classify → deltas → group commit with the cardinality cap → ' +
      '`store.applyCounterDeltas`, batches of up to 2,000 events, no HTTP) with a clock walking through each day. ' +
      `To fit the time budget the big site's day is a sample of ${o.sampledPageviews.toLocaleString('en')} pageviews ` +
      `(every path at least once, then a power law), plus engagement beacons and custom events, and its counter ` +
      `rows are multiplied by ${run.weight} on their way into the store: rows, keys and cardinality are those of real ` +
      `ingestion, magnitudes those of ${(o.sampledPageviews * run.weight).toLocaleString('en')} pageviews a day. ` +
      `${run.events.toLocaleString('en')} events went through the pipeline in ${run.genSeconds.toFixed(0)} s.`,
    '',
    `**Goals.** The big site has ${benchGoals.length} goals (\`benchGoals\` in bench/reports.ts): 11 page goals ` +
      '(exact paths, `*` within a segment, `**` across segments, over its 10,000 paths a day), 5 custom-event goals ' +
      '(`Signup`, `Signup` with `plan` = free / pro / team, one never fired) and 4 revenue goals (`Purchase` and ' +
      '`Renewal` in EUR and USD; one event in 200 carries an amount). *Goals report* = the goals panel ' +
      '(`goalsReport`: conversions, rates and revenue of every goal, what `/api/sites/:site/goals/report` answers); ' +
      '*site report + goals panel* = both at once, as the dashboard opens a site with goals; *chart narrowed to ' +
      'a page goal* = what choosing the goal `Articles 1…` (`/**/article-1*`, no literal prefix) adds: its ' +
      'conversions and daily series (`goalTotals`, `goalSeries`). The page ' +
      "patterns are matched against the cached pieces' page values, each value once per pattern and piece " +
      '(`sumsWhere`, server/store/piece-sums.ts): a warm panel adds up remembered matches. ' +
      '`npx tsx bench/reports.ts --days=N [--runs=R] [--only=TEXT]` runs a reduced year (printed, not written here).',
    '',
    '**Reports** are timed in-process (no HTTP) "today at noon" on the last day of each period. ' +
      'Site report = totals + series + comparison with the previous period + top 10 pages + top 10 sources ' +
      '(what the dashboard opens with). At each checkpoint the rollups job runs first (a server runs it every ' +
      "15 minutes: closed days rolled up into whole months and aligned blocks of 8 and 16 days, and of 2 and 4 days in the last three months, plus the current month's closed days so far as one block, server/store/rollups-store.ts). " +
      '*Cold* is the first request with an empty report cache (as after a restart: every piece is read from ' +
      'the rollups where they exist, from `daily_counters` elsewhere); *cold, daily rows* is the same request ' +
      'reading `daily_counters` only (as before rollups); p50/p95 are over the following runs, with 10 new ' +
      'events ingested for today before each run (as on a live site: the cache adds written rows to the ' +
      'pieces they fall in, server/store/report-cache.ts).',
    '',
    '| after | counter rows | rollup rows (job run) | database (+WAL) | process RSS | JS heap | cached values | ' +
      names.map((n) => `${n}: cold, daily rows / cold / p50 / p95 (ms)`).join(' | ') +
      ' |',
    '|---|---:|---:|---:|---:|---:|---:|' + names.map(() => '---:').join('|') + '|',
  ];
  for (const c of cps) {
    const cells = names.map((n) => {
      const [coldDaily, cold, p50, p95] = c.latency.get(n)!;
      return `${ms(coldDaily)} / ${ms(cold)} / ${ms(p50)} / ${ms(p95)}`;
    });
    lines.push(
      `| ${c.days} days | ${c.rows.toLocaleString('en')} | ${c.rollup.rows.toLocaleString('en')} ` +
        `(${c.rollup.blocks.toLocaleString('en')} blocks in ${c.rollup.seconds.toFixed(1)} s) | ${mb(c.bytes)} | ${mb(c.rssBytes)} | ${mb(c.heapBytes)} | ` +
        `${c.cachedValues.toLocaleString('en')} | ${cells.join(' | ')} |`,
    );
  }
  if (month30) {
    lines.push(
      '',
      `**30-day site report after ${last!.days} days: p50 ${ms(month30[2])} ms, p95 ${ms(month30[3])} ms ` +
        `(aim: p95 < 50 ms); cold ${ms(month30[1])} ms (${ms(month30[0])} ms from daily rows only).**${goalsLine(names, last!)} Process RSS is the bench process, which is the ` +
        'whole server minus HTTP (store, writer, reports, report cache) plus the generator.',
    );
  }
  lines.push(markers[1]);
  return lines.join('\n');
}

/**
 * `--days=N [--runs=R]`: a reduced year of N days, measured once at the end with R warm runs per
 * case (profiling; printed, not written).
 */
function reducedOptions(argv: string[]): ReportsBenchOptions | null {
  const arg = argv.find((a) => a.startsWith('--days='));
  if (!arg) return null;
  const days = Number(arg.slice('--days='.length));
  if (!Number.isInteger(days) || days < 1) throw new Error(`bad ${arg}: a whole number of days`);
  const runs = Number(
    argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? quick.runs,
  );
  return { ...quick, days, checkpoints: [days], runs };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const reduced = reducedOptions(process.argv);
  const isQuick = process.argv.includes('--quick') || reduced !== null;
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const sites = process.argv.find((a) => a.startsWith('--sites='))?.slice('--sites='.length);
  const options = {
    ...(reduced ?? (isQuick ? quick : full)),
    ...(sites === undefined ? {} : { smallSites: Number(sites) }),
  };
  const section = await runReportsBench(options, only);
  if (isQuick) process.stdout.write(section + '\n');
  else writeDocSection(markers, section);
}
