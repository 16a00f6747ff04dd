// Where an event's server time goes, stage by stage, in-process (no HTTP): run by bench/run.ts,
// which puts the table into docs/BENCHMARKS.md. Prints one `BENCH_STAGES {...}` line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePageUrl } from '../server/classify/url.js';
import { CounterBatch } from '../server/counters/batch.js';
import { CapState } from '../server/counters/cap.js';
import { toDeltas, type EventDeltas } from '../server/counters/deltas.js';
import { classifyEvent, createAgentClassifier } from '../server/ingest/classify-event.js';
import { parseJsonBody, validatePayload, type EventPayload } from '../server/ingest/payload.js';
import { SiteDirectory } from '../server/ingest/site-directory.js';
import { openSqliteStore, sqliteFile } from '../server/store/sqlite.js';
import { benchRequests, benchSites } from './payloads.js';

export interface StageResult {
  stage: string;
  usPerEvent: number;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-stages-'));
const store = openSqliteStore(sqliteFile(dir));
await store.migrate();
for (const d of benchSites) await store.addSite({ domain: d, timezone: 'UTC' }, new Date());
const sites = new SiteDirectory(store);
const reqs = benchRequests();
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
for (const size of [10, 100, 1000]) {
  const cap = new CapState();
  let rows = 0;
  let count = 0;
  let sqliteMs = 0;
  const t0 = performance.now();
  for (let b = 0; b < N / size; b++) {
    const batch = new CounterBatch();
    for (let j = 0; j < size; j++) batch.add(deltas[(b * size + j) % n]!);
    const daily = batch.dailyRows();
    for (const m of cap.missingKeys(daily)) {
      cap.load(m.key, await store.distinctValues(m.siteId, m.day, m.dimension, 25_001));
    }
    const write = batch.toWrite(cap.apply(daily, () => 25_000));
    const s0 = performance.now();
    await store.applyCounterDeltas(write);
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
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `BENCH_STAGES ${JSON.stringify({ stages: out, rowsPerEvent, batches, distinctBodies: n })}\n`,
);
