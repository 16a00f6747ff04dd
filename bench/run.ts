// `npm run bench`: ingestion throughput of Pomelo against a bare Hono endpoint, a sustained fixed
// rate, a 10× burst, and SQLite durability FULL vs NORMAL. Servers run pinned to one core, the
// load generator (bench/open-loop.ts, its own process) to the other. Writes its section of
// docs/BENCHMARKS.md; every figure there is one this command measured.
//
// Parts alone (print their figures, write nothing; < 1 min each):
//   BENCH_ONLY=burst BENCH_BURST_BASE=12000 npx tsx bench/run.ts   the burst only, at 10× BENCH_BURST_BASE
//     req/s (the sustained rate it stands for; default 2,000), with BENCH_BURST_DURATION (5 s),
//     BENCH_BURST_CONNECTIONS (1,000), BENCH_BURST_WORKERS (2), BENCH_BURST_DRAIN (30 s)
//   BENCH_ONLY=compare   the Pomelo vs bare Hono rounds only;   BENCH_ONLY=stages   the stage tables only
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore, sqliteFile } from '../server/store/sqlite.js';
import type { LoadResult, LoadSpec } from './load.js';
import type { StageResult } from './stages.js';
import {
  bareHonoScript,
  bareNodeScript,
  ensureBuilt,
  freePort,
  pomeloScript,
  stagesScript,
} from './processes.js';
import {
  benchRequests,
  benchSites,
  eventBodies,
  mixBenchRequests,
  mixRequests,
  mixShape,
  mixVariety,
  userAgents,
  type BenchRequest,
} from './payloads.js';
import { runOpenLoop, runRawLoad, type OpenLoopResult } from './open-loop.js';
import { writeDocSection } from './doc-section.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const markers = ['<!-- bench:ingest:start -->', '<!-- bench:ingest:end -->'] as const;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return n;
}

// BENCH_ONLY=compare runs only the Pomelo vs bare Hono comparison and writes nothing;
// BENCH_ONLY=burst only the burst, at 10× BENCH_BURST_BASE req/s; BENCH_ONLY=stages only the
// stage tables. Those print their figures and write nothing either.
const settings = {
  /** Distinct requests of the realistic mix the load connections cycle through (every connection starts at its own place). */
  mixRequests: envInt('BENCH_MIX_REQUESTS', 8_000),
  /** Rounds of the comparison on the old rotating 100 bodies, beside the mix (0 = none). */
  bodiesRounds: Number(process.env.BENCH_BODIES_ROUNDS ?? 1),
  /** Seconds per target in the Pomelo vs bare Hono comparison. */
  duration: envInt('BENCH_DURATION', 20),
  /** Bare, Pomelo, bare, Pomelo, …: alternating rounds even out a shared machine's drift. */
  rounds: envInt('BENCH_ROUNDS', 2),
  warmup: envInt('BENCH_WARMUP', 3),
  connections: envInt('BENCH_CONNECTIONS', 100),
  pipelining: 1,
  /** Seconds per run in the SQLite synchronous FULL vs NORMAL comparison. */
  syncDuration: envInt('BENCH_SYNC_DURATION', 10),
  /** Seconds per probe when looking for the highest rate with p99 < 50 ms. */
  probeDuration: envInt('BENCH_PROBE_DURATION', 5),
  sustainedDuration: envInt('BENCH_SUSTAINED_DURATION', 60),
  sustainedP99Ms: 50,
  burstDuration: envInt('BENCH_BURST_DURATION', 5),
  burstFactor: 10,
  burstConnections: envInt('BENCH_BURST_CONNECTIONS', 1000),
  /** Open-loop generator processes for the burst (their rates add up). */
  burstWorkers: envInt('BENCH_BURST_WORKERS', 2),
  /** Distinct mix requests per burst worker (each worker draws its own). */
  burstRequests: envInt('BENCH_BURST_REQUESTS', 20_000),
  /** Seconds to wait for the last answers after the burst. */
  burstDrainSeconds: envInt('BENCH_BURST_DRAIN', 30),
  timeoutSeconds: 10,
};

/** Opening many connections at once costs the server: answers after this many seconds are "steady". */
const rampSeconds = 2;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- processes -----------------------------------------------------------------------------------

const tasksetOk = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const cores = os.cpus().length;
const serverCore = '0';
const loadCore = cores > 1 ? '1' : '0';

/** Command line pinned to one core with taskset when it is available (taskset execs, same pid). */
function pinned(core: string, args: string[]): [string, string[]] {
  return tasksetOk ? ['taskset', ['-c', core, ...args]] : [args[0]!, args.slice(1)];
}

interface Target {
  name: string;
  url: string;
  pid: number;
  proc: ChildProcess;
  dataDir?: string;
  /** Throws, with the process's output, if it is no longer running. */
  assertAlive(): void;
  /** Stops the process (SIGTERM: it drains its writer); removes the data dir unless keepData. */
  stop(keepData?: boolean): Promise<void>;
}

async function startTarget(
  name: string,
  script: string,
  env: Record<string, string>,
  dataDir?: string,
): Promise<Target> {
  ensureBuilt();
  const port = await freePort();
  const [cmd, args] = pinned(serverCore, [process.execPath, script]);
  const proc = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let exitedWith = '';
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', (code, signal) => {
      exitedWith = `exit code ${code}, signal ${signal}`;
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${out}`)), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => reject(new Error(`${name} exited before listening:\n${out}`)));
  });
  return {
    name,
    url,
    pid: proc.pid!,
    proc,
    dataDir,
    assertAlive() {
      if (proc.exitCode !== null || proc.signalCode !== null || exitedWith) {
        throw new Error(`${name} (pid ${proc.pid}) died during the run (${exitedWith}):\n${out}`);
      }
    },
    async stop(keepData = false) {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
      if (dataDir && !keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startBare(): Promise<Target> {
  return startTarget('bare Hono', bareHonoScript, {});
}

/** node:http without Hono: reading the body only (`read`), or parsing the event too (`parse`). */
async function startFloor(work: 'read' | 'parse'): Promise<Target> {
  return startTarget(`node:http (${work})`, bareNodeScript, { BARE_NODE_WORK: work });
}

async function startPomelo(env: Record<string, string> = {}): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-bench-'));
  const store = openSqliteStore(sqliteFile(dataDir));
  await store.migrate();
  for (const domain of benchSites) await store.addSite({ domain, timezone: 'UTC' }, new Date());
  await store.close();
  return startTarget(
    'Pomelo',
    pomeloScript,
    { POMELO_DATA_DIR: dataDir, POMELO_LOG_LEVEL: 'warn', POMELO_INGEST_RATE: '0', ...env },
    dataDir,
  );
}

/** The requests a run cycles through: the realistic mix, or the 100 bodies when `mix` is 0. */
const requestsFor = (mix: number): BenchRequest[] =>
  mix > 0 ? mixBenchRequests(mix) : benchRequests();

/** Every distinct request of the run once: all must be 2xx, or the benchmark measures errors. */
async function preflight(target: Target, mix: number): Promise<void> {
  const reqs = requestsFor(mix);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < reqs.length) {
        const r = reqs[next++]!;
        const res = await fetch(`${target.url}${r.path}`, {
          method: r.method,
          headers: r.headers,
          body: r.body,
        });
        const text = await res.text();
        if (res.status < 200 || res.status > 299) {
          throw new Error(`${target.name} answered ${res.status} ${text} to ${r.body}`);
        }
      }
    }),
  );
}

// --- /proc ---------------------------------------------------------------------------------------

function procStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return m ? Number(m[1]) : 0;
}

/** Resets the peak RSS (VmHWM) so the next reading covers one phase only; false if refused. */
function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** User + system CPU seconds used by a process so far. */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

const loadAvg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

// --- load ----------------------------------------------------------------------------------------

/**
 * bench/open-loop.ts in its own process on the load core: closed loop without `overallRate`, open
 * loop at that rate with it. (autocannon serialises every request once per connection: for the
 * mix, 8,000 requests × 100 connections took 25 s and 1.2 GB before the first request.)
 */
function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return runRawLoad(spec, (args) => pinned(loadCore, args));
}

interface Stages {
  stages: StageResult[];
  rowsPerEvent: number;
  batches: { size: number; mergeUs: number; sqliteUs: number; rowsPerTransaction: number }[];
  pipeline: {
    inFlight: number;
    usPerEvent: number;
    writtenBytesPerEvent: number;
    commitsPerThousand: number;
  }[];
  distinctBodies: number;
}

/** bench/stages.ts (built) on the server's core: the pipeline's cost per event, stage by stage. */
function runStages(mix: number): Stages {
  ensureBuilt();
  const [cmd, args] = pinned(serverCore, [process.execPath, stagesScript]);
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, BENCH_STAGES_MIX: String(mix) },
  });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('BENCH_STAGES '));
  if (r.status !== 0 || !line) throw new Error(`bench/stages.ts failed:\n${r.stderr}`);
  return JSON.parse(line.slice('BENCH_STAGES '.length)) as Stages;
}

interface Measured {
  load: LoadResult;
  /** Server CPU (user + system) per answered request, in µs. */
  cpuUsPerRequest: number;
  /** Server CPU seconds / wall seconds during the run (1.0 = one full core). */
  cpuShare: number;
  peakRssMb: number;
  loadAvg: string;
}

async function measure(target: Target, spec: Omit<LoadSpec, 'url'>): Promise<Measured> {
  if (spec.warmup) {
    await runLoad({ ...spec, url: target.url, duration: spec.warmup, warmup: 0 });
  }
  const rssReset = resetPeakRss(target.pid);
  const cpu0 = cpuSeconds(target.pid);
  const t0 = performance.now();
  const load = await runLoad({ ...spec, url: target.url, warmup: 0 });
  target.assertAlive();
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(target.pid) - cpu0;
  const answered = Object.values(load.statusCodes).reduce((a, b) => a + b, 0);
  return {
    load,
    cpuUsPerRequest: answered ? (cpu / answered) * 1e6 : 0,
    cpuShare: cpu / wall,
    peakRssMb: procStatusKb(target.pid, 'VmHWM') / 1024,
    loadAvg: loadAvg() + (rssReset ? '' : ' (peak RSS since start)'),
  };
}

const baseSpec = (mix = settings.mixRequests): Omit<LoadSpec, 'url'> => ({
  mix,
  connections: settings.connections,
  duration: settings.duration,
  pipelining: settings.pipelining,
  timeout: settings.timeoutSeconds,
  warmup: settings.warmup,
  rampSeconds,
});

// --- phases --------------------------------------------------------------------------------------

interface Comparison {
  rounds: { bare: Measured; pomelo: Measured; floors?: { read: Measured; parse: Measured } }[];
  bareReqPerSec: number;
  pomeloReqPerSec: number;
}

async function measureTarget(start: () => Promise<Target>, mix: number): Promise<Measured> {
  const target = await start();
  try {
    await preflight(target, mix);
    return await measure(target, baseSpec(mix));
  } finally {
    await target.stop();
  }
}

/** Bare, Pomelo, bare, Pomelo…, on the mix (`mix` requests) or on the 100 bodies (`mix` 0). */
async function comparison(rounds_: number, mix: number, withFloors = false): Promise<Comparison> {
  const rounds: Comparison['rounds'] = [];
  const what = mix ? `mix of ${mix}` : '100 bodies';
  for (let i = 1; i <= rounds_; i++) {
    log(
      `round ${i}/${rounds_} (${what}): bare Hono, ${settings.warmup} s warm-up + ${settings.duration} s`,
    );
    const bare = await measureTarget(startBare, mix);
    log(
      `round ${i}/${rounds_} (${what}): Pomelo, ${settings.warmup} s warm-up + ${settings.duration} s`,
    );
    const pomelo = await measureTarget(() => startPomelo(), mix);
    log(`  bare ${f0(bare.load.reqPerSec)} req/s, Pomelo ${f0(pomelo.load.reqPerSec)} req/s`);
    if (!withFloors) {
      rounds.push({ bare, pomelo });
      continue;
    }
    log(`round ${i}/${rounds_} (${what}): node:http floors, read then parse`);
    const read = await measureTarget(() => startFloor('read'), mix);
    const parse = await measureTarget(() => startFloor('parse'), mix);
    rounds.push({ bare, pomelo, floors: { read, parse } });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    rounds,
    bareReqPerSec: mean(rounds.map((r) => r.bare.load.reqPerSec)),
    pomeloReqPerSec: mean(rounds.map((r) => r.pomelo.load.reqPerSec)),
  };
}

async function syncComparison(): Promise<{ NORMAL: Measured; FULL: Measured }> {
  const out: Partial<Record<'NORMAL' | 'FULL', Measured>> = {};
  for (const mode of ['NORMAL', 'FULL'] as const) {
    log(`Pomelo POMELO_SQLITE_SYNC=${mode}: ${settings.syncDuration} s`);
    const target = await startPomelo({ POMELO_SQLITE_SYNC: mode });
    try {
      await preflight(target, settings.mixRequests);
      out[mode] = await measure(target, {
        ...baseSpec(),
        duration: settings.syncDuration,
        warmup: 2,
      });
    } finally {
      await target.stop();
    }
  }
  return out as { NORMAL: Measured; FULL: Measured };
}

interface Probe {
  rate: number;
  result: Measured;
  ok: boolean;
}

interface Sustained {
  probes: Probe[];
  runs: { rate: number; result: Measured; ok: boolean }[];
  rate: number;
}

const roundRate = (n: number) => Math.max(100, Math.round(n / 100) * 100);

function holds(m: Measured, rate: number, p99Limit: number): boolean {
  const l = m.load;
  return (
    l.errors === 0 &&
    l.timeouts === 0 &&
    l.non2xx === 0 &&
    lat(l).p99 < p99Limit &&
    l.total / l.duration >= rate * 0.95
  );
}

async function sustained(maxRate: number): Promise<Sustained> {
  const target = await startPomelo();
  try {
    await preflight(target, settings.mixRequests);
    // Warm once; probes then step down from the measured maximum until one holds with room.
    await runLoad({ ...baseSpec(), url: target.url, duration: settings.warmup, warmup: 0 });
    const probes: Probe[] = [];
    const steps = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1].map((f) => roundRate(maxRate * f));
    const candidates: number[] = [];
    for (const rate of [...new Set(steps)]) {
      log(`sustained probe: ${rate} req/s for ${settings.probeDuration} s`);
      const result = await measure(target, {
        ...baseSpec(),
        duration: settings.probeDuration,
        overallRate: rate,
        warmup: 0,
      });
      // A probe must hold with half the p99 budget, so the long run has room for noise.
      const ok = holds(result, rate, settings.sustainedP99Ms / 2);
      probes.push({ rate, result, ok });
      if (ok) candidates.push(rate);
      if (ok && candidates.length >= 1) break;
    }
    const runs: Sustained['runs'] = [];
    let rate = candidates[0] ?? roundRate(maxRate * 0.1);
    for (let attempt = 0; attempt < 2; attempt++) {
      log(`sustained: ${rate} req/s for ${settings.sustainedDuration} s`);
      const result = await measure(target, {
        ...baseSpec(),
        duration: settings.sustainedDuration,
        overallRate: rate,
        warmup: 0,
      });
      const ok = holds(result, rate, settings.sustainedP99Ms);
      runs.push({ rate, result, ok });
      if (ok) break;
      rate = roundRate(rate * 0.75); // one more try, lower, if the long run did not hold
    }
    return { probes, runs, rate: runs.find((r) => r.ok)?.rate ?? rate };
  } finally {
    await target.stop();
  }
}

interface Burst {
  rate: number;
  /** Open-loop warm-up at the sustained rate (JIT, caches), counted in the totals check. */
  warm: OpenLoopResult;
  result: OpenLoopResult;
  cpuShare: number;
  rssBeforeMb: number;
  peakRssMb: number;
  /** Stored after the server stopped, against the 202 answers of the warm-up and the burst. */
  stored: { pageviews: number; events: number };
  expected: { pageviews: number; events: number };
  /** Equal, or (with connections lost) within what the unanswered requests could add. */
  counted: boolean;
  /** Requests whose answer was lost with their connection: committed or not, never acknowledged. */
  unknown: number;
}

/** Sums of the `total` rows of the bench sites, read from the data dir of a stopped server. */
async function storedTotals(dataDir: string): Promise<{ pageviews: number; events: number }> {
  const store = openSqliteStore(sqliteFile(dataDir));
  let pageviews = 0;
  let events = 0;
  try {
    for (const domain of benchSites) {
      const site = await store.siteByDomain(domain);
      if (!site) continue;
      for (const r of await store.dailyRows(site.id)) {
        if (r.dimension !== 'total') continue;
        pageviews += r.pageviews;
        events += r.events;
      }
    }
  } finally {
    await store.close();
  }
  return { pageviews, events };
}

async function burst(sustainedRate: number): Promise<Burst> {
  const rate = sustainedRate * settings.burstFactor;
  // The defaults, overload shedding included: nothing here is tuned for the burst.
  const target = await startPomelo();
  const openLoop = (r: number, duration: number, connections: number) =>
    runOpenLoop(
      {
        url: target.url,
        rate: r,
        duration,
        connections,
        workers: settings.burstWorkers,
        requests: settings.burstRequests,
        drainSeconds: settings.burstDrainSeconds,
      },
      (args) => pinned(loadCore, args),
    );
  let stopped = false;
  try {
    log(`burst warm-up: ${sustainedRate} req/s open loop for ${settings.warmup} s`);
    const warm = await openLoop(sustainedRate, settings.warmup, settings.burstConnections);
    const rssBeforeMb = procStatusKb(target.pid, 'VmRSS') / 1024;
    resetPeakRss(target.pid);
    const cpu0 = cpuSeconds(target.pid);
    const t0 = performance.now();
    log(
      `burst: ${rate} req/s open loop over ${settings.burstConnections} connections, ${settings.burstWorkers} processes, for ${settings.burstDuration} s`,
    );
    const result = await openLoop(rate, settings.burstDuration, settings.burstConnections);
    target.assertAlive();
    const cpuShare = (cpuSeconds(target.pid) - cpu0) / ((performance.now() - t0) / 1000);
    const peakRssMb = procStatusKb(target.pid, 'VmHWM') / 1024;
    await target.stop(true);
    stopped = true;
    const stored = await storedTotals(target.dataDir!);
    const expected = {
      pageviews: warm.accepted.pageview + result.accepted.pageview,
      events: warm.accepted.custom + result.accepted.custom,
    };
    // A request whose answer never came (connection lost, or still unanswered at the end) may
    // still have been committed: then stored can exceed the 202s by at most that many.
    const unknown = warm.lost + warm.unanswered + result.lost + result.unanswered;
    const over = stored.pageviews - expected.pageviews + (stored.events - expected.events);
    const counted =
      stored.pageviews >= expected.pageviews && stored.events >= expected.events && over <= unknown;
    log(
      `burst: offered ${f0(result.offeredPerSec)}/s, statuses ${JSON.stringify(result.statuses)}; stored ${JSON.stringify(stored)}, 202s ${JSON.stringify(expected)}`,
    );
    return {
      rate,
      warm,
      result,
      cpuShare,
      rssBeforeMb,
      peakRssMb,
      stored,
      expected,
      counted,
      unknown,
    };
  } finally {
    if (!stopped) await target.stop();
    else if (target.dataDir) fs.rmSync(target.dataDir, { recursive: true, force: true });
  }
}

// --- report --------------------------------------------------------------------------------------

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const ms = (n: number) => `${n < 1 ? n.toFixed(2) : n < 10 ? n.toFixed(1) : Math.round(n)} ms`;

function machine(): string[] {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? '?';
  const nproc = spawnSync('nproc').stdout?.toString().trim() || String(cores);
  const memGb = os.totalmem() / 1024 ** 3;
  return [
    `- Machine: \`nproc\` = ${nproc}, ${memGb.toFixed(1)} GiB memory, CPU "${model}", ${os.type()} ${os.release()}`,
    `- Node ${process.version}; better-sqlite3, hono and @hono/node-server as locked in package-lock.json`,
    tasksetOk
      ? `- Pinning: each server \`taskset -c ${serverCore}\`, the load generator \`taskset -c ${loadCore}\` (a separate process)`
      : '- Pinning: taskset not available; server and load generator share the cores',
  ];
}

/** p50/p99 of the successful answers (the most frequent 2xx status). */
function lat(l: LoadResult): { p50: number; p99: number } {
  const ok = Object.entries(l.byStatus)
    .filter(([code]) => code.startsWith('2'))
    .sort((a, b) => b[1].count - a[1].count)[0]?.[1];
  return ok ? { p50: ok.p50, p99: ok.p99 } : { p50: l.latency.p50, p99: l.latency.p99 };
}

function row(name: string, m: Measured, extra: string[] = []): string {
  const l = m.load;
  return `| ${[
    name,
    f0(l.reqPerSec),
    ms(lat(l).p50),
    ms(lat(l).p99),
    f0(l.total),
    `${l.errors} / ${l.timeouts} / ${l.non2xx}`,
    f0(m.cpuUsPerRequest) + ' µs',
    f2(m.cpuShare),
    f1(m.peakRssMb) + ' MB',
    ...extra,
  ].join(' | ')} |`;
}

/** The command that produced this run, as a reader would type it. */
const command =
  process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'npx tsx bench/run.ts';

const header =
  '| target | req/s (median of 1 s samples) | p50 | p99 | requests | errors / timeouts / non-2xx | server CPU per request | server CPU share | server peak RSS |';
const divider = '|---|---:|---:|---:|---:|---:|---:|---:|---:|';

function ratioLine(label: string, cmp: Comparison): string {
  const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ratio = cmp.pomeloReqPerSec / cmp.bareReqPerSec;
  const cpuRatio =
    meanOf(cmp.rounds.map((r) => r.bare.cpuUsPerRequest)) /
    meanOf(cmp.rounds.map((r) => r.pomelo.cpuUsPerRequest));
  const faults = cmp.rounds.reduce(
    (n, r) =>
      n + r.bare.load.errors + r.bare.load.non2xx + r.pomelo.load.errors + r.pomelo.load.non2xx,
    0,
  );
  return `**${label}: ${f2(ratio)}** in req/s (mean of the rounds' medians: ${f0(cmp.pomeloReqPerSec)} / ${f0(cmp.bareReqPerSec)}; per round ${cmp.rounds.map((r) => f2(r.pomelo.load.reqPerSec / r.bare.load.reqPerSec)).join(', ')}; target ≥ 0.85). By server CPU per request: ${f2(cpuRatio)}. Errors and non-2xx answers over these runs: ${faults}${faults ? ' — **not 0: these runs measured failures**' : ''}.`;
}

function comparisonTable(cmp: Comparison): string[] {
  return [
    header,
    divider,
    ...cmp.rounds.flatMap((r, i) => [
      row(`round ${i + 1}: bare Hono (204)`, r.bare),
      row(`round ${i + 1}: Pomelo (202 after COMMIT)`, r.pomelo),
      ...(r.floors
        ? [
            row(`round ${i + 1}: node:http, reads the body (202)`, r.floors.read),
            row(`round ${i + 1}: node:http, parses the event (202)`, r.floors.parse),
          ]
        : []),
    ]),
  ];
}

/**
 * What a ratio of 0.85 leaves Pomelo, in server CPU per request (on a server bound by its one core,
 * req/s goes as 1 / CPU per request): bare Hono's CPU ÷ 0.85, less what node:http costs to read and
 * parse the event — the same rounds, side by side.
 */
function budgetLines(cmp: Comparison, pipelineUs: number): string[] {
  const floors = cmp.rounds.flatMap((r) => (r.floors ? [r.floors] : []));
  if (floors.length === 0) return [];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const bare = mean(cmp.rounds.map((r) => r.bare.cpuUsPerRequest));
  const pomelo = mean(cmp.rounds.map((r) => r.pomelo.cpuUsPerRequest));
  const read = mean(floors.map((f) => f.read.cpuUsPerRequest));
  const parse = mean(floors.map((f) => f.parse.cpuUsPerRequest));
  const allowed = bare / 0.85;
  return [
    '',
    `**What the 0.85 target leaves** (server CPU per request, means of the rounds above): bare Hono ${f1(bare)} µs, so 0.85 allows Pomelo ${f1(allowed)} µs. node:http alone costs ${f1(read)} µs to read the body and answer, ${f1(parse)} µs when it also parses the event (JSON, page URL, referrer): that leaves **${f1(allowed - parse)} µs per event** for everything Pomelo adds — site lookup, bot and device classification, referrer and UTM sources, the counter deltas, the cardinality cap, realtime, and a durable write. Pomelo used ${f1(pomelo)} µs (${f1(pomelo - parse)} µs beyond parsing); in-process, without HTTP, its pipeline costs ${f1(pipelineUs)} µs per event with 100 in flight (the stage table below).`,
  ];
}

function stagesTable(bodies: Stages, mix: Stages): string[] {
  const col = (s: Stages) =>
    [
      ...s.stages.map((st) => st.usPerEvent),
      ...s.batches.flatMap((b) => [b.mergeUs, b.sqliteUs]),
      ...s.pipeline.map((p) => p.usPerEvent),
    ].map(f2);
  const names = [
    ...mix.stages.map((st) => st.stage),
    ...mix.batches.flatMap((b, i) => [
      `group commit, batches of ${b.size}: merge + cardinality cap + sort`,
      `group commit, batches of ${b.size}: SQLite — journal append per batch (counter rows each: ${f0(bodies.batches[i]!.rowsPerTransaction)} / ${f0(b.rowsPerTransaction)}) + its merges into the counters (past 1,000 keys, as in the server, and a flush every 10,000 events)`,
    ]),
    ...mix.pipeline.map(
      (p) =>
        `**whole pipeline, ingest() to COMMIT, ${p.inFlight} events in flight, journal merges included** (CPU)`,
    ),
  ];
  const a = col(bodies);
  const b = col(mix);
  for (const [i, p] of mix.pipeline.entries()) {
    const q = bodies.pipeline[i]!;
    names.push(
      `whole pipeline, ${p.inFlight} in flight: bytes written (SQLite WAL + checkpoints) per event, commits per 1,000 events`,
    );
    a.push(`${f0(q.writtenBytesPerEvent)} B, ${f0(q.commitsPerThousand)}`);
    b.push(`${f0(p.writtenBytesPerEvent)} B, ${f0(p.commitsPerThousand)}`);
  }
  return [
    `| stage | ${bodies.distinctBodies} bodies, µs per event | mix of ${f0(mix.distinctBodies)}, µs per event |`,
    '|---|---:|---:|',
    ...names.map((n, i) => {
      const bold = n.startsWith('**');
      return `| ${n} | ${bold ? `**${a[i]}**` : a[i]} | ${bold ? `**${b[i]}**` : b[i]} |`;
    }),
  ];
}

function burstSection(bur: Burst): string[] {
  const r = bur.result;
  const w = bur.warm;
  const s202 = r.byStatus['202'];
  const s503 = r.byStatus['503'];
  const others = Object.entries(r.statuses).filter(([c]) => c !== '202' && c !== '503');
  const seconds = settings.burstDuration;
  return [
    `### Burst: ${settings.burstFactor}× the sustained rate for ${seconds} s, open loop`,
    '',
    `Offered ${f0(bur.rate)} req/s (${settings.burstFactor} × ${f0(bur.rate / settings.burstFactor)}) to a fresh Pomelo with the default settings: \`POMELO_MAX_UNANSWERED\` (the server stops reading every connection while 4,096 event requests wait for their answer, and a connection alone at 16: the rest of the queue waits in the kernel, docs/ARCHITECTURE.md "Bounded intake"), \`POMELO_MAX_PENDING\` (20,000 events waiting for a commit), and overload shedding, which answers 503 + Retry-After before reading the body while the event loop runs more than \`POMELO_MAX_LOOP_DELAY_MS\` (100 ms) late with many events waiting, or while commits take more than \`POMELO_MAX_COMMIT_WAIT_MS\` (1,000 ms) (server/ingest/overload.ts).`,
    '',
    `Generator (bench/open-loop.ts): ${settings.burstWorkers} processes${tasksetOk ? ` pinned to core ${loadCore}` : ''}, ${f0(settings.burstConnections)} keep-alive TCP connections in all, opened before the start. Open loop: request *i* of a process is due at start + *i* / rate, by the clock; at each 1 ms tick every due request is written at once, on an idle connection or else pipelined behind the requests waiting on the next connection in turn, whatever the answers. Latencies are from each request's **scheduled** time to its answer, so time a request spent queued anywhere (the generator, the network, the server) counts: no coordinated omission. Bodies: the realistic mix, ${f0(settings.burstRequests)} distinct pre-serialised requests per process. Before the burst, ${settings.warmup} s at the sustained rate on the same connections (warm-up: ${statusCounts(w.statuses)}). Once every answer came (or ${settings.burstDrainSeconds} s passed), the server is stopped (SIGTERM: it commits what it accepted) and its SQLite counters are read.`,
    '',
    '| figure | value |',
    '|---|---:|',
    `| offered: scheduled | ${f0(r.scheduled)} requests in ${seconds} s (${f0(bur.rate)}/s) |`,
    `| **offered: written by the generator** | **${f0(r.written)} requests, ${f0(r.offeredPerSec)}/s** (${f2(r.offeredPerSec / bur.rate)} of the rate asked; generator lag behind schedule p99 ${ms(r.sendLagP99)}, max ${ms(r.sendLagMax)}; about ${f0(r.bufferedRequestsAtEnd)} requests still in the generators' buffers, not yet taken by the kernel, when sending stopped) |`,
    `| **202 accepted** | **${f0(r.statuses['202'] ?? 0)}** (${f0((r.statuses['202'] ?? 0) / seconds)}/s) |`,
    `| 202 latency from scheduled time: p50 / p99 / max | ${s202 ? `${ms(s202.p50)} / **${ms(s202.p99)}** / ${ms(s202.max)}` : '–'} |`,
    `| **503 refused** | **${f0(r.statuses['503'] ?? 0)}**, ${f0(r.retryAfter503)} of them with Retry-After${s503 ? `; latency p50 ${ms(s503.p50)}, p99 ${ms(s503.p99)}` : ''} |`,
    `| other statuses | ${others.length ? others.map(([c, n]) => `${f0(n)} × ${c}`).join(', ') : 'none'} |`,
    `| connections lost (requests without an answer) / unanswered after ${settings.burstDrainSeconds} s | ${f0(r.lost)} / ${f0(r.unanswered)} |`,
    `| server CPU share during the burst | ${f2(bur.cpuShare)} |`,
    `| server RSS before the burst / **peak during it** | ${f1(bur.rssBeforeMb)} MB / **${f1(bur.peakRssMb)} MB** |`,
    `| **every 202 counted** | **${bur.counted ? 'yes' : 'NO'}**: stored pageviews ${f0(bur.stored.pageviews)} ${bur.stored.pageviews === bur.expected.pageviews ? '=' : '≥'} 202 answers to pageviews ${f0(bur.expected.pageviews)}; stored custom events ${f0(bur.stored.events)} ${bur.stored.events === bur.expected.events ? '=' : '≥'} 202 answers to custom events ${f0(bur.expected.events)} (warm-up and burst)${bur.unknown ? `; stored may exceed the 202s by at most the ${f0(bur.unknown)} requests whose answer was lost with their connection (committed, never acknowledged)` : ''} |`,
  ];
}

function statusCounts(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .map(([code, n]) => `${f0(n)} × ${code}`)
    .join(', ');
}

function report(
  startedAt: Date,
  seconds: number,
  loads: { start: string; end: string },
  cmp: Comparison,
  bodies: Comparison | undefined,
  sync: { NORMAL: Measured; FULL: Measured },
  sus: Sustained,
  bur: Burst,
  stages: { bodies: Stages; mix: Stages },
): string {
  const finalRun = sus.runs[sus.runs.length - 1]!;
  const variety = mixVariety(mixRequests(settings.mixRequests));
  const knobs = Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v}`);
  const lines = [
    markers[0],
    '## Ingestion (`POST /api/event`)',
    '',
    `Generated by \`${knobs.length ? knobs.join(' ') + ' ' : ''}${command}\` on ${startedAt.toISOString()} (took ${Math.round(seconds)} s). \`npm run bench\` runs \`tsx bench/run.ts\`, which writes this section, then \`tsx bench/pg-nodes.ts\` (the next section). Do not edit by hand: rerun the command.`,
    '',
    ...machine(),
    `- Load average (1/5/15 min): ${loads.start} at the start, ${loads.end} at the end. The machine is shared with other work, so req/s moves with its neighbours; server CPU per request is the steadier figure`,
    `- Load generator: bench/open-loop.ts (own process): raw keep-alive TCP connections, requests serialised once and shared by every connection, a minimal response parser. Comparison and durability runs: closed loop, ${settings.connections} connections, each sending its next request when its answer came (pipelining ${settings.pipelining}); req/s is the median of 1 s samples; ${settings.warmup} s warm-up before each measured run. Sustained and burst runs: open loop at a fixed rate, evenly spread by the clock (below). (autocannon, used before, serialises every request once per connection: 8,000 mix requests × 100 connections took it 25 s and 1.2 GB before the first request)`,
    `- Requests, the headline: a **realistic mix** (bench/payloads.ts \`mixRequests\`, seeded, pre-serialised): page URLs drawn from ${f0(mixShape.paths)} paths with a Zipf-like popularity (exponent ${mixShape.zipfExponent}), ${mixShape.referrers} referrers (Zipf too) and 45 % direct visits, ${mixShape.utmSets} UTM sets on 12 % of pages, ${userAgents.length} real browser User-Agents, 12 timezones, 10 widths, ${benchSites.length} sites; 62 % pageviews, 24 % engagement beacons, 11 % custom events with props (signups, purchases with amounts, outbound links, downloads, searches over ${mixShape.searchTerms} terms), 3 % in Plausible's shape. Each connection cycles through the same ${f0(settings.mixRequests)} requests (${f0(variety.paths)} distinct paths, ${f0(variety.referrers)} distinct referrers among them)`,
    `- Requests, for comparison with earlier runs: the rotating set of ${eventBodies().length} bodies (same kinds, 20 paths, 15 referrers)`,
    `- Pomelo: \`node ${pomeloScript}\`, the built server as \`npm start\` runs it (built first by scripts/build-if-stale.mjs when a source is newer than the last build), fresh SQLite data dir, \`POMELO_LOG_LEVEL=warn\`, \`POMELO_INGEST_RATE=0\` (the per-site rate limit would turn the load into 429s), defaults otherwise (\`POMELO_SQLITE_SYNC=NORMAL\`); answers 202 after the batch committed`,
    `- Bare Hono: bench/bare-hono.ts on @hono/node-server, reads the body, answers 204; bundled by esbuild with the server's build settings to \`${bareHonoScript}\` and run as \`node ${bareHonoScript}\`: plain node on both sides, no tsx`,
    `- Floors under bare Hono, in the mix rounds only: bench/bare-node.ts on node:http without Hono, bundled the same way (\`${bareNodeScript}\`), answering 202 with Pomelo's CORS header after reading the body, or after also parsing the event (JSON.parse, the page URL and the referrer through WHATWG URL); nothing classified, counted or stored`,
    "- Latencies: in closed loop from sending the request to its answer; at a fixed rate (sustained, burst) from the request's scheduled time to its answer, so time spent waiting anywhere counts (no coordinated omission)",
    '- "Server CPU share" is the server\'s CPU seconds per wall second (1.00 = the whole pinned core): well below 1.00 at full load means the server was waiting for CPU it did not get',
    '',
    `### Pomelo vs bare Hono on the realistic mix: ${settings.rounds} alternating round(s), ${settings.duration} s per target each`,
    '',
    ...comparisonTable(cmp),
    '',
    ratioLine('Ratio Pomelo / bare Hono on the mix', cmp),
    ...budgetLines(cmp, stages.mix.pipeline.find((p) => p.inFlight === 100)?.usPerEvent ?? NaN),
    ...(bodies
      ? [
          '',
          `### The same on the ${eventBodies().length} rotating bodies: ${settings.bodiesRounds} round(s)`,
          '',
          ...comparisonTable(bodies),
          '',
          ratioLine(`Ratio on the ${eventBodies().length} bodies`, bodies),
        ]
      : []),
    '',
    '### Where the time goes: the pipeline in-process, per event (bench/stages.ts)',
    '',
    `No HTTP: the requests through each stage ${f0(50_000)} times on the server's core, built by esbuild like the server (\`${stagesScript}\`). One event makes ${f1(stages.bodies.rowsPerEvent)} counter rows with the ${stages.bodies.distinctBodies} bodies, ${f1(stages.mix.rowsPerEvent)} with the mix (daily dimensions + the hourly row).`,
    '',
    ...stagesTable(stages.bodies, stages.mix),
    '',
    `A batch is whatever arrived while the previous transaction ran, so its size follows the load; with only ${stages.bodies.distinctBodies} distinct bodies, big batches repeat keys and their SQLite cost per event is lower than real traffic's: the mix column shows the cost of distinct keys. On SQLite a commit appends the batch's rows to the counter journal; the journal is merged into the counters past 1,000 distinct keys or every 100 ms (server/store/counter-journal.ts), so a merge adds up several batches whose keys repeat. The rest of Pomelo's CPU per request, beyond the bare Hono figure and these stages, is reading the body and writing the response (POST /api/event skips Hono: server/ingest/node-route.ts), promises and garbage collection.`,
    '',
    `### SQLite durability: \`POMELO_SQLITE_SYNC\` NORMAL vs FULL, ${settings.syncDuration} s each (mix)`,
    '',
    header,
    divider,
    row('Pomelo, NORMAL (survives kill -9)', sync.NORMAL),
    row('Pomelo, FULL (also survives power loss)', sync.FULL),
    '',
    `FULL / NORMAL: ${f2(sync.FULL.load.reqPerSec / sync.NORMAL.load.reqPerSec)} in req/s.`,
    '',
    `### Sustained: highest fixed rate with p99 < ${settings.sustainedP99Ms} ms (mix)`,
    '',
    `Probes of ${settings.probeDuration} s step down from the measured maximum (${f0(cmp.pomeloReqPerSec)} req/s) until one holds its rate with p99 < ${settings.sustainedP99Ms / 2} ms and no errors; then ${settings.sustainedDuration} s at that rate.`,
    '',
    '| run | offered rate | achieved req/s | p50 | p99 | errors / timeouts / non-2xx | server CPU share | server peak RSS | holds |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...sus.probes.map(
      (p) =>
        `| probe ${settings.probeDuration} s | ${f0(p.rate)} | ${f0(p.result.load.total / p.result.load.duration)} | ${ms(lat(p.result.load).p50)} | ${ms(lat(p.result.load).p99)} | ${p.result.load.errors} / ${p.result.load.timeouts} / ${p.result.load.non2xx} | ${f2(p.result.cpuShare)} | ${f1(p.result.peakRssMb)} MB | ${p.ok ? 'yes' : 'no'} |`,
    ),
    ...sus.runs.map(
      (r) =>
        `| **sustained ${settings.sustainedDuration} s** | ${f0(r.rate)} | ${f0(r.result.load.total / r.result.load.duration)} | ${ms(lat(r.result.load).p50)} | ${ms(lat(r.result.load).p99)} | ${r.result.load.errors} / ${r.result.load.timeouts} / ${r.result.load.non2xx} | ${f2(r.result.cpuShare)} | ${f1(r.result.peakRssMb)} MB | ${r.ok ? 'yes' : 'no'} |`,
    ),
    '',
    finalRun.ok
      ? `**Sustained: ${f0(finalRun.rate)} req/s for ${settings.sustainedDuration} s, p50 ${ms(lat(finalRun.result.load).p50)}, p99 ${ms(lat(finalRun.result.load).p99)}, ${finalRun.result.load.errors} errors, peak RSS ${f1(finalRun.result.peakRssMb)} MB.**`
      : `**Sustained: no rate held p99 < ${settings.sustainedP99Ms} ms for ${settings.sustainedDuration} s in this run (last: ${f0(finalRun.rate)} req/s, p99 ${ms(lat(finalRun.result.load).p99)}).**`,
    '',
    ...burstSection(bur),
    markers[1],
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  const startLoad = loadAvg();
  log(`load average ${startLoad}; taskset ${tasksetOk ? 'yes' : 'no'}; ${cores} cores`);
  ensureBuilt();
  const only = process.env.BENCH_ONLY;
  if (only === 'burst') {
    // A quick look at overload: BENCH_BURST_BASE (req/s) stands in for the sustained rate.
    const bur = await burst(envInt('BENCH_BURST_BASE', 2_000));
    process.stdout.write(burstSection(bur).join('\n') + '\n');
    log(`load average ${startLoad} at the start, ${loadAvg()} at the end`);
    if (!bur.counted) throw new Error('burst: the stored counters do not match the 202 answers');
    return;
  }
  if (only === 'stages') {
    log('pipeline stages in-process (100 bodies, then the mix)');
    const s = { bodies: runStages(0), mix: runStages(settings.mixRequests) };
    process.stdout.write(stagesTable(s.bodies, s.mix).join('\n') + '\n');
    return;
  }
  const cmp = await comparison(settings.rounds, settings.mixRequests, true);
  log(
    `mix: bare ${f0(cmp.bareReqPerSec)} req/s, Pomelo ${f0(cmp.pomeloReqPerSec)} req/s, ratio ${f2(cmp.pomeloReqPerSec / cmp.bareReqPerSec)}`,
  );
  if (only === 'compare') {
    // A quick A/B of a change: only the comparison, printed per round; docs/BENCHMARKS.md untouched.
    for (const [i, r] of cmp.rounds.entries()) {
      log(
        `round ${i + 1}: bare ${f0(r.bare.cpuUsPerRequest)} µs/request, Pomelo ${f0(r.pomelo.cpuUsPerRequest)} µs/request, node:http read ${f0(r.floors?.read.cpuUsPerRequest ?? NaN)} / parse ${f0(r.floors?.parse.cpuUsPerRequest ?? NaN)} µs/request (server CPU)`,
      );
    }
    return;
  }
  const bodies = settings.bodiesRounds > 0 ? await comparison(settings.bodiesRounds, 0) : undefined;
  const sync = await syncComparison();
  const sus = await sustained(cmp.pomeloReqPerSec);
  const bur = await burst(sus.rate);
  log('pipeline stages in-process (100 bodies, then the mix)');
  const stages = { bodies: runStages(0), mix: runStages(settings.mixRequests) };
  const section = report(
    startedAt,
    (performance.now() - t0) / 1000,
    { start: startLoad, end: loadAvg() },
    cmp,
    bodies,
    sync,
    sus,
    bur,
    stages,
  );
  process.stdout.write(section + '\n');
  if (!bur.counted) {
    // Not written: a run that lost an acknowledged event (or counted one twice) is a failure.
    throw new Error(
      'burst: the stored counters do not match the 202 answers (section not written)',
    );
  }
  writeDocSection(markers, section);
  log(`wrote docs/BENCHMARKS.md`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
