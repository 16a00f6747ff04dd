// Load generator child process: runs autocannon with the spec in BENCH_LOAD_SPEC (JSON) and prints
// one `BENCH_RESULT {...}` line. Runs apart from the server (its own process, pinned to its own core).
import autocannon, { type Result } from 'autocannon';
import { benchRequests, mixBenchRequests } from './payloads.js';

export interface LoadSpec {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  pipelining: number;
  /** Requests per second over all connections; unset = as fast as the server answers. */
  overallRate?: number;
  /** Seconds before autocannon counts a request as timed out. */
  timeout: number;
  /** Seconds of unreported load first (JIT, caches, connections). */
  warmup?: number;
  /** Answers after this many seconds also count as "steady" (opening connections is over). */
  rampSeconds?: number;
  /** This many requests of the realistic mix (payloads.ts mixRequests); unset = the 100 bodies. */
  mix?: number;
}

export interface StatusLatency {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** The same, for answers after the spec's first `rampSeconds` (every connection open by then). */
  steady: { count: number; p50: number; p99: number; max: number };
}

export interface LoadResult {
  /** Median of autocannon's per-second samples. */
  reqPerSec: number;
  reqPerSecMean: number;
  total: number;
  duration: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Latency of the answers with each status, as measured per response (no CO correction). */
  byStatus: Record<string, StatusLatency>;
  errorCodes: Record<string, number>;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function run(spec: LoadSpec, duration: number): Promise<LoadResult> {
  const times = new Map<number, number[]>();
  const steadyTimes = new Map<number, number[]>();
  // From autocannon's 'start' (its clients built, connections opening), not from the call.
  let t0 = Infinity;
  const errorCodes: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration,
        pipelining: spec.pipelining,
        timeout: spec.timeout,
        // autocannon's coordinated-omission correction assumes an interval of ceil(1 / rate) ms
        // (1 ms for any rate ≥ 1/s): it invents a sample for every millisecond of each response,
        // for a fast server too. Latencies are recorded as measured, send to answer.
        ...(spec.overallRate
          ? { overallRate: spec.overallRate, ignoreCoordinatedOmission: true }
          : {}),
        requests,
      },
      (err: unknown, r: Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const byStatus: Record<string, StatusLatency> = {};
        const summary = (list: number[]) => {
          const sorted = Float64Array.from(list).sort();
          return {
            count: sorted.length,
            p50: percentile(sorted, 50),
            p99: percentile(sorted, 99),
            max: sorted[sorted.length - 1] ?? 0,
          };
        };
        for (const [status, list] of times) {
          byStatus[status] = { ...summary(list), steady: summary(steadyTimes.get(status) ?? []) };
        }
        resolve({
          reqPerSec: r.requests.p50,
          reqPerSecMean: r.requests.mean,
          total: r.requests.total,
          duration: r.duration,
          latency: {
            p50: r.latency.p50,
            p90: r.latency.p90,
            p99: r.latency.p99,
            max: r.latency.max,
            mean: r.latency.mean,
          },
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          statusCodes: Object.fromEntries(
            Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]),
          ),
          byStatus,
          errorCodes,
        });
      },
    );
    instance.on('start', () => (t0 = performance.now()));
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      let list = times.get(status);
      if (!list) times.set(status, (list = []));
      list.push(ms);
      if (performance.now() - t0 >= (spec.rampSeconds ?? 2) * 1000) {
        let steady = steadyTimes.get(status);
        if (!steady) steadyTimes.set(status, (steady = []));
        steady.push(ms);
      }
    });
    instance.on('reqError', (err: { code?: string; message?: string }) => {
      const code = err?.code ?? err?.message ?? 'error';
      errorCodes[code] = (errorCodes[code] ?? 0) + 1;
    });
  });
}

const spec = JSON.parse(process.env.BENCH_LOAD_SPEC ?? '{}') as LoadSpec;
// Built once: autocannon serialises each request once per connection, not per send.
const requests = spec.mix ? mixBenchRequests(spec.mix) : benchRequests();
if (spec.warmup) await run(spec, spec.warmup);
const result = await run(spec, spec.duration);
process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
