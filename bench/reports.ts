// Report latency on a generated year of counters: `npx tsx bench/reports.ts` (or runReportsBench()).
// Counter rows are written directly with store.applyCounterDeltas in big batches: they are what a
// year of ingestion leaves behind, and generating them is ~1000× faster than replaying 365M events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  zeroMetrics,
  type DailyRow,
  type Dimension,
  type HourlyRow,
} from '../server/counters/types.js';
import { breakdown } from '../server/reports/breakdown.js';
import { addDays } from '../server/reports/calendar.js';
import { resolveDateRange, type Period } from '../server/reports/date-range.js';
import { agencyOverview } from '../server/reports/overview.js';
import { siteReport } from '../server/reports/site-report.js';
import { defaultInterval } from '../server/reports/timeseries.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import type { SiteRecord, Store } from '../server/store/types.js';

export interface ReportsBenchOptions {
  days?: number;
  pageviewsPerDay?: number;
  pathsPerDay?: number;
  smallSites?: number;
  iterations?: number;
}

const lastDay = '2025-06-30';
const nowMs = Date.parse(`${lastDay}T12:00:00Z`);

/** Zipf-like shares: value i gets weight 1/(i+1), scaled so that the shares sum to `total`. */
function zipf(n: number, total: number): number[] {
  const h = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const sum = h.reduce((a, b) => a + b, 0);
  const out = h.map((w) => Math.floor((w / sum) * total));
  out[0]! += total - out.reduce((a, b) => a + b, 0);
  return out;
}

function row(
  siteId: number,
  day: string,
  dimension: Dimension,
  value: string,
  pv: number,
  visits: number,
): DailyRow {
  return {
    siteId,
    day,
    dimension,
    value,
    ...zeroMetrics(),
    pageviews: pv,
    visits,
    bounces: Math.floor(visits * 0.4),
    exits: Math.floor(visits * 0.9),
    engagedMs: pv * 20_000,
    engagements: Math.floor(pv * 0.8),
    scrollSum: pv * 40,
  };
}

/** One day of the big site: every dimension filled, `pathsPerDay` pages under the cap. */
function bigSiteDay(siteId: number, day: string, pageviews: number, paths: number): DailyRow[] {
  const visits = Math.floor(pageviews / 2.5);
  const rows: DailyRow[] = [row(siteId, day, 'total', '', pageviews, visits)];
  const spread = (dimension: Dimension, n: number, prefix: string, pvShare: boolean) =>
    zipf(n, visits).forEach((v, i) =>
      rows.push(row(siteId, day, dimension, `${prefix}${i}`, pvShare ? v * 2 : 0, v)),
    );
  zipf(paths, pageviews).forEach((pv, i) =>
    rows.push(row(siteId, day, 'page', `/section-${i % 50}/article-${i}`, pv, 0)),
  );
  spread('entry', Math.floor(paths / 10), '/section-0/article-', false);
  spread('exit', Math.floor(paths / 10), '/section-1/article-', false);
  spread('source', 100, 'source-', false);
  spread('referrer', 300, 'referrer-', false);
  spread('utm_source', 50, 'utm-', false);
  spread('utm_medium', 10, 'medium-', false);
  spread('utm_campaign', 50, 'campaign-', false);
  spread('country', 120, 'C', true);
  spread('browser', 10, 'browser-', true);
  spread('os', 8, 'os-', true);
  spread('device', 4, 'device-', true);
  return rows;
}

function smallSiteDay(siteId: number, day: string): DailyRow[] {
  const pv = 50 + (siteId % 50);
  return [
    row(siteId, day, 'total', '', pv, Math.floor(pv / 2)),
    row(siteId, day, 'page', '/', pv, 0),
    row(siteId, day, 'source', '(direct)', 0, Math.floor(pv / 2)),
  ];
}

function hourlyRows(siteId: number, day: string, pageviews: number): HourlyRow[] {
  return Array.from({ length: 24 }, (_, h) => ({
    siteId,
    hour: `${day}T${String(h).padStart(2, '0')}`,
    ...zeroMetrics(),
    pageviews: Math.floor(pageviews / 24),
    visits: Math.floor(pageviews / 60),
  }));
}

async function generate(store: Store, o: Required<ReportsBenchOptions>) {
  const big = await store.addSite({ domain: 'big.test', timezone: 'UTC' }, new Date(nowMs));
  const small: SiteRecord[] = [];
  for (let i = 0; i < o.smallSites; i++) {
    small.push(await store.addSite({ domain: `site-${i}.test`, timezone: 'UTC' }, new Date(nowMs)));
  }
  let rows = 0;
  for (let d = 0; d < o.days; d++) {
    const day = addDays(lastDay, -d);
    const daily = bigSiteDay(big.id, day, o.pageviewsPerDay, o.pathsPerDay);
    const hourly = hourlyRows(big.id, day, o.pageviewsPerDay);
    // Small sites: total, one page, one source a day (the overview reads `total` only).
    for (const s of small) daily.push(...smallSiteDay(s.id, day));
    rows += daily.length + hourly.length;
    await store.applyCounterDeltas({ daily, hourly });
    if (d % 30 === 29) process.stderr.write(`reports bench: ${d + 1}/${o.days} days generated\n`);
  }
  return { big, sites: [big, ...small], rows };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(iterations: number, fn: () => Promise<unknown>) {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Totals + series + top pages + top sources: what the site report page asks for. */
async function fullSiteReport(store: Store, site: SiteRecord, period: Period) {
  const range = resolveDateRange({ period, timezone: site.timezone, nowMs });
  const q = { siteId: site.id, timezone: site.timezone, span: range };
  const top = { limit: 10, offset: 0 };
  return Promise.all([
    siteReport(store, { ...q, range, interval: defaultInterval(range), compare: 'previous' }),
    breakdown(store, { ...q, ...top, dimension: 'page' }),
    breakdown(store, { ...q, ...top, dimension: 'source' }),
  ]);
}

export async function runReportsBench(options: ReportsBenchOptions = {}): Promise<string> {
  const o: Required<ReportsBenchOptions> = {
    days: 365,
    pageviewsPerDay: 1_000_000,
    pathsPerDay: 10_000,
    smallSites: 1_000,
    iterations: 20,
    ...options,
  };
  // tmpfs when there is one: the figures then measure SQLite and the report code, not the VM's disk
  // (reads of a warm database come from the page cache either way; the load is write-heavy).
  const parent = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(parent, 'pomelo-bench-reports-'));
  const store = openSqliteStore(path.join(dir, 'pomelo.db'));
  try {
    await store.migrate();
    const t0 = performance.now();
    const { big, sites, rows } = await generate(store, o);
    const genSeconds = (performance.now() - t0) / 1000;
    const dbBytes = fs.statSync(path.join(dir, 'pomelo.db')).size;
    const slow = Math.max(3, Math.floor(o.iterations / 6));
    const cases: [string, number, () => Promise<unknown>][] = [
      ['site report, 30 days (`30d`)', o.iterations, () => fullSiteReport(store, big, '30d')],
      ['site report, 12 months (`12mo`)', slow, () => fullSiteReport(store, big, '12mo')],
      [
        `agency overview, ${sites.length} sites, 30 days`,
        o.iterations,
        () => agencyOverview(store, { sites, period: '30d', nowMs }),
      ],
    ];
    const lines = [
      '## Report latency',
      '',
      `Command: \`npx tsx bench/reports.ts\` · machine: ${os.cpus()[0]?.model ?? 'unknown'} ×${os.cpus().length}, ` +
        `${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, SQLite (better-sqlite3) · ` +
        `date: ${new Date().toISOString().slice(0, 10)}`,
      '',
      `Data: ${o.days} days of counters for one site with ${o.pageviewsPerDay.toLocaleString('en')} pageviews ` +
        `and ${o.pathsPerDay.toLocaleString('en')} distinct paths a day (every dimension filled), plus ` +
        `${o.smallSites} small sites — ${rows.toLocaleString('en')} counter rows, ` +
        `${(dbBytes / 2 ** 20).toFixed(0)} MB (in ${parent}). The rows were written directly with ` +
        '`store.applyCounterDeltas` (one batch per day): counters are what a year of ingestion leaves ' +
        `behind. Generation took ${genSeconds.toFixed(1)} s.`,
      '',
      'Site report = totals + series + comparison with the previous period + top 10 pages + top 10 ' +
        'sources (four report calls in parallel, in-process, no HTTP), timed after one warm-up run.',
      '',
      '| query | runs | p50 (ms) | p95 (ms) |',
      '|---|---:|---:|---:|',
    ];
    for (const [name, runs, fn] of cases) {
      const { p50, p95 } = await measure(runs, fn);
      lines.push(`| ${name} | ${runs} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`);
    }
    return lines.join('\n') + '\n';
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const small = process.argv.includes('--quick');
  const md = await runReportsBench(small ? { days: 30, smallSites: 50, iterations: 5 } : {});
  process.stdout.write(md);
}
