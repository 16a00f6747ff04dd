// GET /metrics in Prometheus text format (prom-client). Labels carry reason codes and job names
// only: no site, domain, path, address or anything else a visitor or a customer sends, and no
// per-site series (cardinality stays fixed). Hot-path figures are plain integers kept where they
// happen (ingest/tally.ts, report-cache.ts) and read at scrape time.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ingestTally } from './ingest/tally.js';
import { reportCacheStats } from './store/report-cache.js';

export interface MetricsSources {
  pendingEvents(): number;
  /** Refusals left out of the recent outcomes because their buffer was full (reports/recent.ts). */
  droppedRefusals(): number;
  replayStorageBytes(): Promise<number>;
  siteCount(): Promise<number>;
}

export interface PomeloMetrics {
  registry: Registry;
  /** GroupCommit.onCommit. */
  observeCommit(ms: number): void;
  /** JobRunner.onRun. */
  observeJob(job: string, ok: boolean): void;
}

export function createMetrics(sources: MetricsSources): PomeloMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'pomelo_' });
  new Counter({
    name: 'pomelo_events_accepted_total',
    help: 'Events answered 2xx on POST /api/event (committed, or ignored by a site rule).',
    registers,
    collect() {
      this.reset();
      this.inc(ingestTally.accepted);
    },
  });
  new Counter({
    name: 'pomelo_events_rejected_total',
    help: 'Events refused on POST /api/event, by the error code of the answer.',
    labelNames: ['reason'],
    registers,
    collect() {
      this.reset();
      for (const [reason, n] of ingestTally.rejected) this.inc({ reason }, n);
    },
  });
  new Counter({
    name: 'pomelo_recent_refusals_dropped_total',
    help: "Refused events left out of the install check's recent outcomes because the buffer of refusals waiting for a write was full (PostgreSQL; always 0 on SQLite). They were refused all the same.",
    registers,
    collect() {
      this.reset();
      this.inc(sources.droppedRefusals());
    },
  });
  const commit = new Histogram({
    name: 'pomelo_commit_duration_seconds',
    help: 'Time to write one batch of counter updates (one transaction).',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  new Gauge({
    name: 'pomelo_pending_events',
    help: 'Events accepted by the server and waiting for their commit.',
    registers,
    collect() {
      this.set(sources.pendingEvents());
    },
  });
  new Counter({
    name: 'pomelo_report_cache_hits_total',
    help: 'Report pieces answered from the report cache.',
    registers,
    collect() {
      this.reset();
      this.inc(reportCacheStats.hits);
    },
  });
  new Counter({
    name: 'pomelo_report_cache_misses_total',
    help: 'Report pieces read from the database.',
    registers,
    collect() {
      this.reset();
      this.inc(reportCacheStats.misses);
    },
  });
  new Gauge({
    name: 'pomelo_report_cache_hit_ratio',
    help: 'Share of report pieces answered from the cache since start (0 to 1).',
    registers,
    collect() {
      const all = reportCacheStats.hits + reportCacheStats.misses;
      this.set(all === 0 ? 0 : reportCacheStats.hits / all);
    },
  });
  new Gauge({
    name: 'pomelo_replay_storage_bytes',
    help: 'Bytes of stored replay recordings (encrypted, compressed).',
    registers,
    async collect() {
      this.set(await sources.replayStorageBytes());
    },
  });
  new Gauge({
    name: 'pomelo_sites',
    help: 'Sites registered.',
    registers,
    async collect() {
      this.set(await sources.siteCount());
    },
  });
  const runs = new Counter({
    name: 'pomelo_job_runs_total',
    help: 'Runs of the periodic jobs, by job.',
    labelNames: ['job'],
    registers,
  });
  const failures = new Counter({
    name: 'pomelo_job_failures_total',
    help: 'Failed runs of the periodic jobs, by job.',
    labelNames: ['job'],
    registers,
  });
  return {
    registry,
    observeCommit: (ms) => commit.observe(ms / 1000),
    observeJob(job, ok) {
      runs.inc({ job });
      failures.inc({ job }, ok ? 0 : 1);
    },
  };
}
