// Open-loop, constant-rate load (issue 18 §3): requests are scheduled by the clock, never by the
// previous answer. Request i of a worker is due at start + i / rate; at each 1 ms tick every due
// request is written at once on a raw keep-alive TCP connection (the one idle the longest if any, else
// pipelined behind the requests already waiting on the next connection in turn), whatever the
// server is doing. Latency is measured from the request's scheduled time, so a server that stalls
// is charged for the whole stall (no coordinated omission). Bodies come pre-serialised from the
// realistic mix (bench/payloads.ts), so the generator's own cost per request stays a socket write
// and a tiny response parse.
//
// `runOpenLoop()` spreads the rate over several worker processes (this file run with
// BENCH_OPEN_LOOP_SPEC set), opens every connection before the start, starts them at one instant
// and merges what they measured, including what they really offered (requests written per second).
import { spawn } from 'node:child_process';
import net from 'node:net';
import { benchRequests, mixRequests, type MixKind, type MixRequest } from './payloads.js';
import type { LoadResult, LoadSpec } from './load.js';
import { benchRoot } from './processes.js';

export interface OpenLoopSpec {
  url: string;
  /** Requests per second over all workers. */
  rate: number;
  /** Seconds of sending. */
  duration: number;
  /** Connections over all workers, all opened before the start. */
  connections: number;
  workers: number;
  /** Distinct pre-serialised requests per worker (each worker draws its own from the mix). */
  requests: number;
  /** Seconds to wait for the last answers once sending stopped. */
  drainSeconds: number;
  /** Closed loop instead: each connection sends its next request when its answer came. */
  closed?: boolean;
}

interface WorkerSpec {
  host: string;
  port: number;
  rate: number;
  duration: number;
  connections: number;
  /** Requests of the mix; 0 = the 100 rotating bodies. */
  requests: number;
  seed: number;
  drainSeconds: number;
  /** Closed loop: each connection sends its next request when the previous answer came. */
  closed?: boolean;
}

/** The 100 bodies (payloads.ts eventBodies) in the mix's shape: kind read from the event name. */
function bodyRequests(): MixRequest[] {
  return benchRequests().map((r) => {
    const n = (JSON.parse(r.body) as { n: string }).n;
    return {
      body: r.body,
      userAgent: r.headers['user-agent']!,
      origin: r.headers.origin!,
      kind: n === 'pageview' ? 'pageview' : n === 'engagement' ? 'engagement' : 'custom',
    };
  });
}

/** Log-scale latency histogram: bucket b holds values in (1.02^(b-1), 1.02^b] µs (2 % wide). */
type Histogram = Record<number, number>;
const bucketBase = Math.log(1.02);
const bucketOf = (ms: number) =>
  Math.max(0, Math.ceil(Math.log(Math.max(ms * 1000, 1)) / bucketBase));
const bucketMs = (b: number) => Math.exp(b * bucketBase) / 1000;

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function summarise(h: Histogram): LatencySummary {
  const buckets = Object.keys(h)
    .map(Number)
    .sort((a, b) => a - b);
  const count = buckets.reduce((n, b) => n + h[b]!, 0);
  const at = (p: number) => {
    const want = Math.ceil((p / 100) * count);
    let seen = 0;
    for (const b of buckets) if ((seen += h[b]!) >= want) return bucketMs(b);
    return 0;
  };
  return {
    count,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: buckets.length ? bucketMs(buckets.at(-1)!) : 0,
  };
}

interface WorkerResult {
  scheduled: number;
  written: number;
  /** performance.now() span from the first write to the last, ms. */
  firstWrite: number;
  lastWrite: number;
  /** How late requests were written after their scheduled time (the generator's own lag), ms. */
  sendLagP99: number;
  sendLagMax: number;
  statuses: Record<string, number>;
  accepted: Record<MixKind, number>;
  /** 503 answers that carried a Retry-After header. */
  retryAfter503: number;
  latency: Record<string, Histogram>;
  /** Requests whose connection closed or failed before their answer came. */
  lost: number;
  /** Requests still unanswered when the drain time ran out. */
  unanswered: number;
  /** Responses that came with no request waiting on their connection, by status. */
  unsolicited: Record<string, number>;
  /** Bytes the generator still held for the kernel when sending stopped (not yet on the wire). */
  bufferedAtEnd: number;
  bytesPerRequest: number;
  /** Answers per second from the start (closed loop: the throughput samples). */
  perSecond: number[];
  latencySumMs: number;
}

export interface OpenLoopResult {
  spec: OpenLoopSpec;
  scheduled: number;
  written: number;
  /** Requests written per second, over the span from the first write to the last. */
  offeredPerSec: number;
  sendLagP99: number;
  sendLagMax: number;
  /** Requests (approximately) still in the generators' buffers when sending stopped. */
  bufferedRequestsAtEnd: number;
  statuses: Record<string, number>;
  accepted: Record<MixKind, number>;
  retryAfter503: number;
  byStatus: Record<string, LatencySummary>;
  /** Every answer, whatever its status. */
  all: LatencySummary;
  latencyMeanMs: number;
  /** Answers per second of the run (full seconds only). */
  perSecond: number[];
  lost: number;
  unanswered: number;
  /** Responses with no request waiting on their connection, by status (not answers: not counted above). */
  unsolicited: Record<string, number>;
}

// --- worker ------------------------------------------------------------------------------------

class Conn {
  /** Scheduled time and request index of each request waiting for its answer, oldest first. */
  sched: number[] = [];
  index: number[] = [];
  head = 0;
  buf: Buffer | null = null;
  socket!: net.Socket;
  closed = false;
  /** Closed loop: this connection's place in the request list. */
  cursor = 0;
  get waiting(): number {
    return this.sched.length - this.head;
  }
}

async function worker(spec: WorkerSpec): Promise<void> {
  const reqs = spec.requests > 0 ? mixRequests(spec.requests, spec.seed) : bodyRequests();
  const wire = reqs.map((q) => {
    const body = Buffer.from(q.body);
    return Buffer.concat([
      Buffer.from(
        `POST /api/event HTTP/1.1\r\nHost: ${spec.host}:${spec.port}\r\n` +
          `Content-Type: text/plain;charset=UTF-8\r\nUser-Agent: ${q.userAgent}\r\n` +
          `Origin: ${q.origin}\r\nContent-Length: ${body.length}\r\n\r\n`,
      ),
      body,
    ]);
  });
  const kinds = reqs.map((q) => q.kind);
  const result: WorkerResult = {
    scheduled: 0,
    written: 0,
    firstWrite: 0,
    lastWrite: 0,
    sendLagP99: 0,
    sendLagMax: 0,
    statuses: {},
    accepted: { pageview: 0, engagement: 0, custom: 0 },
    retryAfter503: 0,
    latency: {},
    lost: 0,
    unanswered: 0,
    unsolicited: {},
    bufferedAtEnd: 0,
    bytesPerRequest: wire.reduce((a, b) => a + b.length, 0) / wire.length,
    perSecond: [],
    latencySumMs: 0,
  };
  let t0 = Infinity;
  let tEnd = Infinity;
  let next = 0;
  /** Closed loop: the next request on `c` as soon as its answer came, until the end. */
  let closedNext: ((c: Conn) => void) | undefined;
  const lag: Histogram = {};
  const idle: Conn[] = [];
  let outstanding = 0;
  let onSettled: (() => void) | undefined;

  const answered = (c: Conn, status: number, retryAfter: boolean) => {
    if (c.waiting === 0) {
      // No request of ours waits on this connection: the server spoke first (Node's 408 to a
      // connection that sent nothing within its headers timeout, before closing it).
      result.unsolicited[status] = (result.unsolicited[status] ?? 0) + 1;
      return;
    }
    const t = c.sched[c.head]!;
    const k = c.index[c.head]!;
    c.head++;
    if (c.head > 1024 && c.head * 2 > c.sched.length) {
      c.sched = c.sched.slice(c.head);
      c.index = c.index.slice(c.head);
      c.head = 0;
    }
    outstanding--;
    const code = String(status);
    result.statuses[code] = (result.statuses[code] ?? 0) + 1;
    if (status === 202) result.accepted[kinds[k]!]++;
    if (status === 503 && retryAfter) result.retryAfter503++;
    const h = (result.latency[code] ??= {});
    const now = performance.now();
    const b = bucketOf(now - t);
    h[b] = (h[b] ?? 0) + 1;
    result.latencySumMs += now - t;
    const sec = Math.floor((now - t0) / 1000);
    if (sec >= 0) result.perSecond[sec] = (result.perSecond[sec] ?? 0) + 1;
    if (closedNext) {
      if (now < tEnd && !c.closed) closedNext(c);
    } else if (c.waiting === 0 && !c.closed) idle.push(c);
    if (outstanding === 0) onSettled?.();
  };

  const parse = (c: Conn) => {
    let buf = c.buf!;
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) break;
      const head = buf.toString('latin1', 0, end);
      const status = Number(head.slice(9, 12));
      const lower = head.toLowerCase();
      const m = /\r\ncontent-length:\s*(\d+)/.exec(lower);
      let size = end + 4;
      if (m) size += Number(m[1]);
      else if (lower.includes('\r\ntransfer-encoding: chunked')) {
        const last = buf.indexOf('\r\n0\r\n\r\n', end);
        const empty = buf.indexOf('0\r\n\r\n', end + 4) === end + 4;
        if (empty) size = end + 4 + 5;
        else if (last < 0) break;
        else size = last + 7;
      }
      if (buf.length < size) break;
      buf = buf.subarray(size);
      answered(c, status, lower.includes('\r\nretry-after:'));
    }
    c.buf = buf.length ? buf : null;
  };

  const connect = () =>
    new Promise<Conn>((resolve, reject) => {
      const c = new Conn();
      c.socket = net.connect({ host: spec.host, port: spec.port, noDelay: true }, () => resolve(c));
      c.socket.once('error', reject);
      c.socket.on('data', (d: Buffer) => {
        c.buf = c.buf ? Buffer.concat([c.buf, d]) : d;
        parse(c);
      });
      c.socket.on('close', () => {
        c.closed = true;
        const lost = c.waiting;
        result.lost += lost;
        outstanding -= lost;
        c.head = c.sched.length;
        if (outstanding === 0) onSettled?.();
      });
    });
  const conns: Conn[] = [];
  for (let i = 0; i < spec.connections; i++) conns.push(await connect());
  for (const c of conns) c.socket.on('error', () => undefined);
  idle.push(...conns);

  // Ready; wait for the coordinator's start instant (wall clock, shared by the workers).
  process.stdout.write('READY\n');
  const startAt = await new Promise<number>((resolve) => {
    let line = '';
    process.stdin.on('data', (d: Buffer) => {
      line += d.toString();
      const m = /GO (\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
  });
  t0 = performance.now() + Math.max(0, startAt - Date.now());
  tEnd = t0 + spec.duration * 1000;
  const total = spec.closed ? Infinity : Math.round(spec.rate * spec.duration);
  const interval = 1000 / spec.rate;
  let rr = 0;
  const corked: net.Socket[] = [];
  const write = (c: Conn, t: number, now: number, k: number) => {
    c.sched.push(t);
    c.index.push(k);
    outstanding++;
    c.socket.write(wire[k]!);
    const l = bucketOf(now - t);
    lag[l] = (lag[l] ?? 0) + 1;
    if (result.written === 0) result.firstWrite = now;
    result.lastWrite = now;
    result.written++;
  };

  if (spec.closed) {
    // Each connection starts at its own place in the request list, so they do not march in step.
    await new Promise((r) => setTimeout(r, Math.max(0, t0 - performance.now())));
    closedNext = (c) => {
      const now = performance.now();
      write(c, now, now, c.cursor++ % wire.length);
    };
    for (const [j, c] of conns.entries()) {
      c.cursor = Math.floor((j * wire.length) / conns.length);
      closedNext(c);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, tEnd - performance.now())));
  } else
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        const due = Math.min(total, Math.floor((now - t0) / interval) + 1);
        if (now >= t0) {
          while (next < due) {
            // The connection idle the longest: every one stays in use, none sits silent.
            let c = idle.shift();
            while (c && (c.closed || c.waiting > 0)) c = idle.shift();
            if (!c) {
              for (let tries = 0; tries < conns.length; tries++) {
                const candidate = conns[rr++ % conns.length]!;
                if (!candidate.closed) {
                  c = candidate;
                  break;
                }
              }
            }
            if (!c) break; // every connection closed: nothing can be offered any more
            if (!c.socket.writableCorked) {
              c.socket.cork();
              corked.push(c.socket);
            }
            write(c, t0 + next * interval, now, next % wire.length);
            next++;
          }
          for (const s of corked) s.uncork();
          corked.length = 0;
        }
        if (next >= total) return resolve();
        setTimeout(tick, 1);
      };
      setTimeout(tick, Math.max(0, t0 - performance.now()));
    });
  result.scheduled = spec.closed ? result.written : total;
  result.bufferedAtEnd = conns.reduce((n, c) => n + (c.closed ? 0 : c.socket.writableLength), 0);
  const lagSummary = summarise(lag);
  result.sendLagP99 = lagSummary.p99;
  result.sendLagMax = lagSummary.max;

  if (outstanding > 0) {
    await new Promise<void>((resolve) => {
      onSettled = resolve;
      setTimeout(resolve, spec.drainSeconds * 1000);
    });
  }
  result.unanswered = outstanding;
  for (const c of conns) c.socket.destroy();
  process.stdout.write(`BENCH_OPEN_LOOP ${JSON.stringify(result)}\n`);
  process.exit(0);
}

if (process.env.BENCH_OPEN_LOOP_SPEC) {
  await worker(JSON.parse(process.env.BENCH_OPEN_LOOP_SPEC) as WorkerSpec);
}

// --- coordinator -------------------------------------------------------------------------------

/** Command that runs a worker; `wrap` may prefix it (taskset to pin a core). */
export const openLoopCommand: string[] = [
  process.execPath,
  '--import',
  'tsx',
  'bench/open-loop.ts',
];

export async function runOpenLoop(
  spec: OpenLoopSpec,
  wrap: (args: string[]) => [string, string[]] = (a) => [a[0]!, a.slice(1)],
): Promise<OpenLoopResult> {
  const url = new URL(spec.url);
  const procs = Array.from({ length: spec.workers }, (_, w) => {
    const ws: WorkerSpec = {
      host: url.hostname,
      port: Number(url.port),
      rate: spec.rate / spec.workers,
      duration: spec.duration,
      connections: Math.max(1, Math.round(spec.connections / spec.workers)),
      requests: spec.requests,
      seed: 1_000 + w,
      drainSeconds: spec.drainSeconds,
      closed: spec.closed,
    };
    const [cmd, args] = wrap(openLoopCommand);
    const proc = spawn(cmd, args, {
      cwd: benchRoot,
      env: { ...process.env, BENCH_OPEN_LOOP_SPEC: JSON.stringify(ws) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const ready = new Promise<void>((resolve, reject) => {
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('READY\n')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`open-loop worker exited (${code}):\n${err}`)));
    });
    const done = new Promise<WorkerResult>((resolve, reject) => {
      proc.once('exit', (code) => {
        const line = out.split('\n').find((l) => l.startsWith('BENCH_OPEN_LOOP '));
        if (code !== 0 || !line)
          return reject(new Error(`open-loop worker failed (${code}):\n${err}`));
        resolve(JSON.parse(line.slice('BENCH_OPEN_LOOP '.length)) as WorkerResult);
      });
    });
    return { proc, ready, done };
  });
  await Promise.all(procs.map((p) => p.ready));
  const startAt = Date.now() + 200;
  for (const p of procs) p.proc.stdin!.write(`GO ${startAt}\n`);
  const results = await Promise.all(procs.map((p) => p.done));

  const sum = (f: (r: WorkerResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const statuses: Record<string, number> = {};
  const latency: Record<string, Histogram> = {};
  const all: Histogram = {};
  const perSecond = Array.from({ length: Math.floor(spec.duration) }, () => 0);
  for (const r of results) {
    r.perSecond.forEach((n, i) => {
      if (i < perSecond.length) perSecond[i]! += n ?? 0;
    });
    for (const h of Object.values(r.latency)) {
      for (const [b, n] of Object.entries(h)) all[Number(b)] = (all[Number(b)] ?? 0) + n;
    }
    for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
    for (const [code, h] of Object.entries(r.latency)) {
      const into = (latency[code] ??= {});
      for (const [b, n] of Object.entries(h)) into[Number(b)] = (into[Number(b)] ?? 0) + n;
    }
  }
  // Workers share one wall-clock start: the span is from the first write of any to the last.
  const written = sum((r) => r.written);
  const spanMs = Math.max(...results.map((r) => r.lastWrite - r.firstWrite), 1);
  return {
    spec,
    scheduled: sum((r) => r.scheduled),
    written,
    offeredPerSec: (written / Math.max(spanMs, spec.duration * 1000)) * 1000,
    sendLagP99: Math.max(...results.map((r) => r.sendLagP99)),
    sendLagMax: Math.max(...results.map((r) => r.sendLagMax)),
    bufferedRequestsAtEnd: Math.round(sum((r) => r.bufferedAtEnd / r.bytesPerRequest)),
    statuses,
    accepted: {
      pageview: sum((r) => r.accepted.pageview),
      engagement: sum((r) => r.accepted.engagement),
      custom: sum((r) => r.accepted.custom),
    },
    retryAfter503: sum((r) => r.retryAfter503),
    byStatus: Object.fromEntries(Object.entries(latency).map(([c, h]) => [c, summarise(h)])),
    all: summarise(all),
    latencyMeanMs:
      sum((r) => r.latencySumMs) /
      Math.max(
        1,
        sum((r) => r.written - r.lost),
      ),
    perSecond,
    lost: sum((r) => r.lost),
    unanswered: sum((r) => r.unanswered),
    unsolicited: results.reduce<Record<string, number>>((out, r) => {
      for (const [code, n] of Object.entries(r.unsolicited)) out[code] = (out[code] ?? 0) + n;
      return out;
    }, {}),
  };
}

/**
 * bench/load.ts's contract (a LoadResult) on this generator: closed loop (as fast as answered,
 * `connections` requests in flight) without `overallRate`, open loop at that rate with it. The
 * requests are `spec.mix` of the realistic mix, or the 100 bodies; built once per process and
 * shared by every connection (autocannon would serialise them once per connection).
 */
export async function runRawLoad(
  spec: LoadSpec,
  wrap?: (args: string[]) => [string, string[]],
  workers = 1,
): Promise<LoadResult> {
  const r = await runOpenLoop(
    {
      url: spec.url,
      rate: spec.overallRate ?? 1,
      duration: spec.duration,
      connections: spec.connections,
      workers,
      requests: spec.mix ?? 0,
      drainSeconds: spec.timeout,
      closed: !spec.overallRate,
    },
    wrap,
  );
  const sorted = [...r.perSecond].sort((a, b) => a - b);
  const total = r.perSecond.reduce((a, b) => a + b, 0);
  const non2xx = Object.entries(r.statuses)
    .filter(([c]) => !c.startsWith('2'))
    .reduce((n, [, k]) => n + k, 0);
  return {
    reqPerSec: sorted[Math.floor(sorted.length / 2)] ?? 0,
    reqPerSecMean: total / spec.duration,
    total,
    duration: spec.duration,
    latency: { ...r.all, mean: r.latencyMeanMs },
    errors: r.lost + r.unanswered,
    timeouts: r.unanswered,
    non2xx,
    statusCodes: r.statuses,
    byStatus: Object.fromEntries(
      Object.entries(r.byStatus).map(([c, l]) => [c, { ...l, steady: l }]),
    ),
    errorCodes: {
      ...(r.lost ? { lost: r.lost } : {}),
      ...Object.fromEntries(Object.entries(r.unsolicited).map(([c, n]) => [`unsolicited ${c}`, n])),
    },
  };
}
