// Where an event's server time goes, stage by stage, in-process (no HTTP): run by bench/run.ts,
// which puts the table into docs/BENCHMARKS.md. Prints one `BENCH_STAGES {...}` line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePageUrl } from '../server/classify/url.js';
import { CounterBatch } from '../server/counters/batch.js';
import { CapState } from '../server/counters/cap.js';
import { toDeltas, type EventDeltas } from '../server/counters/deltas.js';
import { GroupCommit } from '../server/counters/group-commit.js';
import type { DailyRow } from '../server/counters/types.js';
import { createIngest } from '../server/ingest/pipeline.js';
import { classifyEvent, createAgentClassifier } from '../server/ingest/classify-event.js';
import { parseJsonBody, validatePayload, type EventPayload } from '../server/ingest/payload.js';
import { SiteDirectory } from '../server/ingest/site-directory.js';
import { openSqliteStore, sqliteFile } from '../server/store/sqlite.js';
import { benchRequests, benchSites, mixBenchRequests } from './payloads.js';

export interface StageResult {
  stage: string;
  usPerEvent: number;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-stages-'));
const store = openSqliteStore(sqliteFile(dir));
await store.migrate();
for (const d of benchSites) await store.addSite({ domain: d, timezone: 'UTC' }, new Date());
const sites = new SiteDirectory(store);
// BENCH_STAGES_MIX=n: n requests of the realistic mix instead of the 100 bodies.
const mix = Number(process.env.BENCH_STAGES_MIX ?? 0);
const reqs = mix > 0 ? mixBenchRequests(mix) : benchRequests();
const n = reqs.length;
const agent = createAgentClassifier();
const N = 50_000;
const out: StageResult[] = [];

function time(stage: string, fn: (i: number) => unknown): void {
  for (let i = 0; i < 5_000; i++) fn(i); // warm-up: JIT, caches
  const t0 = performance.now();
  for (let i = 0; i < N; i++) fn(i);
  out.push({ stage, usPerEvent: ((performance.now() - t0) * 1000) / N });
}

const ua = (i: number) => reqs[i % n]!.headers['user-agent'];
const payloads = reqs.map(
  (r) => validatePayload(parseJsonBody(r.body) as Record<string, unknown>) as EventPayload,
);
const urls = payloads.map((p) => parsePageUrl(p.url)!);
const siteOf = await Promise.all(payloads.map((p) => sites.byDomain(p.domains[0]!)));
const now = Date.now();

time('JSON.parse + validate (payload.ts)', (i) =>
  validatePayload(parseJsonBody(reqs[i % n]!.body) as Record<string, unknown>),
);
time('page URL parse', (i) => parsePageUrl(payloads[i % n]!.url));
time('User-Agent: bot + family (memoised)', (i) => agent(ua(i)));
time('classifyEvent: referrer, campaign, country, path, entry', (i) =>
  classifyEvent(payloads[i % n]!, urls[i % n]!, siteOf[i % n]!, agent(ua(i)), now),
);
const events = payloads.map((p, i) => classifyEvent(p, urls[i]!, siteOf[i]!, agent(ua(i)), now));
time('toDeltas (counter rows of one event)', (i) => toDeltas(events[i % n]!));
const deltas: EventDeltas[] = events.map(toDeltas);
const rowsPerEvent = deltas.reduce((a, d) => a + d.daily.length + 1, 0) / n;

const batches: { size: number; mergeUs: number; sqliteUs: number; rowsPerTransaction: number }[] =
  [];
/** Events between two flushes of the journal, on top of its own merges (below). */
const mergeEvery = 10_000;
for (const size of [10, 100, 1000]) {
  const cap = new CapState();
  let rows = 0;
  let count = 0;
  let sqliteMs = 0;
  const t0 = performance.now();
  for (let b = 0; b < N / size; b++) {
    const batch = new CounterBatch();
    for (let j = 0; j < size; j++) batch.add(deltas[(b * size + j) % n]!);
    // As the writer does it (server/counters/group-commit.ts): per (site, day, dimension) group.
    const groups = batch.groups();
    for (const g of groups) {
      if (!cap.has(g.key)) {
        cap.load(g.key, await store.distinctValues(g.siteId, g.day, g.dimension, 25_001));
      }
    }
    const daily: DailyRow[] = [];
    for (const g of groups) cap.applyGroup(g, 25_000, daily);
    const write = { daily, hourly: batch.hourlyRows() };
    const s0 = performance.now();
    await store.applyCounterDeltas(write);
    // SQLite's journal (server/store/counter-journal.ts) merges into the counters as in the server,
    // past 1,000 distinct keys (inside applyCounterDeltas, so timed here) or every 100 ms; a flush
    // every `mergeEvery` events adds what is left, timed with the appends.
    if (((b + 1) * size) % mergeEvery === 0) await store.flushCounters();
    sqliteMs += performance.now() - s0;
    rows += write.daily.length + write.hourly.length;
    count++;
  }
  const totalMs = performance.now() - t0;
  batches.push({
    size,
    mergeUs: ((totalMs - sqliteMs) * 1000) / N,
    sqliteUs: (sqliteMs * 1000) / N,
    rowsPerTransaction: rows / count,
  });
}

// The whole pipeline as the route calls it, group commit included: `inFlight` events submitted
// together share batches, as concurrent requests do. CPU time, so waiting is not counted.
const pipeline: {
  inFlight: number;
  usPerEvent: number;
  /** Bytes this process handed to write() per event (SQLite's WAL frames and checkpoints). */
  writtenBytesPerEvent: number;
  /** Committed transactions (batches) per 1,000 events. */
  commitsPerThousand: number;
}[] = [];
/** Bytes passed to write() so far by this process (Linux /proc/self/io `wchar`). */
const wchar = () =>
  Number(/^wchar: (\d+)/m.exec(fs.readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
let commits = 0;
const writer = new GroupCommit(store, {
  maxPendingEvents: 1e9,
  maxBatchEvents: 5_000,
  capFor: () => 25_000,
  onCommit: () => commits++,
});
const ingest = createIngest({ sites, writer, now: Date.now });
for (const inFlight of [10, 100]) {
  let k = 0;
  const wave = () =>
    Promise.all(
      Array.from({ length: inFlight }, () => {
        const r = reqs[k++ % n]!;
        return ingest(r.body, r.headers['user-agent']);
      }),
    );
  for (let i = 0; i < 5_000 / inFlight; i++) await wave();
  const c0 = process.cpuUsage();
  const w0 = wchar();
  const k0 = commits;
  for (let i = 0; i < N / inFlight; i++) await wave();
  await store.flushCounters(); // what the journal still holds is part of the cost
  const c = process.cpuUsage(c0);
  pipeline.push({
    inFlight,
    usPerEvent: (c.user + c.system) / N,
    writtenBytesPerEvent: (wchar() - w0) / N,
    commitsPerThousand: ((commits - k0) * 1000) / N,
  });
}

await store.close();
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `BENCH_STAGES ${JSON.stringify({ stages: out, rowsPerEvent, batches, pipeline, distinctBodies: n })}\n`,
);
