// GET /healthz, /readyz and /metrics over real HTTP: readiness follows the database (503 while
// another connection holds the SQLite write lock), metrics count accepted and refused events by
// reason with nothing personal in them, and only loopback clients or the bearer token get them.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sqliteFile } from '../../server/store/sqlite.js';
import { defaultBackend, postEvent, startTestServer, type TestServer } from '../support/server.js';

const token = 'metrics-token-0123456789';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    sites: [{ domain: 'health.test' }],
    env: { POMELO_METRICS_TOKEN: token },
  });
});
afterAll(() => server.close());

const pageview = (path: string) => ({
  n: 'pageview',
  u: `https://health.test${path}`,
  d: 'health.test',
  r: null,
  w: 1280,
  z: 'Europe/Paris',
});

/** The value of one sample line, e.g. `pomelo_events_rejected_total{reason="unknown_site"}`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('health', () => {
  test('/healthz answers while the process runs', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  test('/readyz: 200 with every check passing', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(await res.json()).toEqual({
      ready: true,
      checks: { database: true, writable: true, migrations: true, writer: true },
    });
    expect(res.status).toBe(200);
  });

  // SQLite's write lock; PostgreSQL has no such lock to hold (registered only where it applies).
  if (defaultBackend() === 'sqlite')
    test('/readyz: 503 while another connection holds the SQLite write lock, 200 once it is gone', async () => {
      const locker = new Database(sqliteFile(server.dataDir));
      try {
        locker.exec('BEGIN EXCLUSIVE');
        const res = await fetch(`${server.url}/readyz`);
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ ready: false, checks: { writable: false } });
        locker.exec('COMMIT');
      } finally {
        locker.close();
      }
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    });

  test('/metrics: events by outcome and reason, commit latency, jobs; nothing personal', async () => {
    const before = await (await fetch(`${server.url}/metrics`)).text();
    for (let i = 0; i < 3; i++)
      expect((await postEvent(server.url, pageview(`/private-${i}`))).status).toBe(202);
    const unknown = { ...pageview('/x'), u: 'https://nobody.test/x', d: 'nobody.test' };
    expect((await postEvent(server.url, unknown)).status).toBe(404);
    expect((await postEvent(server.url, '{not json')).status).toBe(400);
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const delta = (series: string) => sample(text, series) - sample(before, series);
    expect(delta('pomelo_events_accepted_total')).toBe(3);
    expect(delta('pomelo_events_rejected_total{reason="unknown_site"}')).toBe(1);
    expect(delta('pomelo_events_rejected_total{reason="invalid_json"}')).toBe(1);
    expect(sample(text, 'pomelo_commit_duration_seconds_count')).toBeGreaterThan(0);
    expect(text).toMatch(/^pomelo_pending_events \d+$/m);
    expect(text).toMatch(/^pomelo_recent_refusals_dropped_total 0$/m);
    expect(text).toMatch(/^pomelo_replay_storage_bytes \d+$/m);
    expect(text).toMatch(/^pomelo_report_cache_hit_ratio [\d.]+$/m);
    expect(text).toMatch(/^pomelo_job_runs_total\{job="[a-z_-]+"\} \d+$/m);
    expect(text).toMatch(/^pomelo_job_failures_total/m);
    expect(text).toMatch(/^pomelo_sites 1$/m);
    // No domain, path or client detail in any series: only reason codes and job names as labels.
    for (const needle of ['health.test', 'nobody.test', 'private-', '127.0.0.1', 'Chrome'])
      expect(text).not.toContain(needle);
    // Process metrics add `le` (buckets) and Node's version, heap space and GC kind labels.
    const allowed = [
      'reason',
      'job',
      'le',
      'version',
      'major',
      'minor',
      'patch',
      'space',
      'kind',
      'type',
    ];
    const labels = new Set([...text.matchAll(/[{,]([a-z_]+)="/g)].map((m) => m[1]!));
    expect([...labels].filter((l) => !allowed.includes(l))).toEqual([]);
  });

  test('/metrics: a proxied or remote client needs the bearer token', async () => {
    const proxied = { 'x-forwarded-for': '203.0.113.9' };
    expect((await fetch(`${server.url}/metrics`, { headers: proxied })).status).toBe(401);
    const wrong = { ...proxied, authorization: `Bearer ${token.replace('0', 'x')}` };
    expect((await fetch(`${server.url}/metrics`, { headers: wrong })).status).toBe(401);
    const right = { ...proxied, authorization: `Bearer ${token}` };
    const res = await fetch(`${server.url}/metrics`, { headers: right });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/pomelo_events_accepted_total/);
  });

  test('without a token configured, a proxied client gets 403', async () => {
    const plain = await startTestServer({ sites: [] });
    try {
      const res = await fetch(`${plain.url}/metrics`, {
        headers: { forwarded: 'for=203.0.113.9' },
      });
      expect(res.status).toBe(403);
      expect((await fetch(`${plain.url}/metrics`)).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
