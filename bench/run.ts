// `npm run bench`: ingestion throughput of Pomelo against a bare Hono endpoint, a sustained fixed
// rate, a 10× burst, and SQLite durability FULL vs NORMAL. Servers run pinned to one core, the
// load generator (autocannon, its own process) to the other. Writes its section of
// docs/BENCHMARKS.md; every figure there is one this command measured.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore, sqliteFile } from '../server/store/sqlite.js';
import type { LoadResult, LoadSpec } from './load.js';
import type { StageResult } from './stages.js';
import { freePort, loadCommand, runLoadProcess } from './processes.js';
import { benchRequests, benchSites, eventBodies, userAgents } from './payloads.js';
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

// BENCH_ONLY=compare runs only the Pomelo vs bare Hono comparison and writes nothing.
const settings = {
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
  stop(): Promise<void>;
}

async function startTarget(
  name: string,
  script: string,
  env: Record<string, string>,
  dataDir?: string,
): Promise<Target> {
  const port = await freePort();
  const [cmd, args] = pinned(serverCore, [process.execPath, '--import', 'tsx', script]);
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
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startBare(): Promise<Target> {
  return startTarget('bare Hono', 'bench/bare-hono.ts', {});
}

async function startPomelo(env: Record<string, string> = {}): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-bench-'));
  const store = openSqliteStore(sqliteFile(dataDir));
  await store.migrate();
  for (const domain of benchSites) await store.addSite({ domain, timezone: 'UTC' }, new Date());
  await store.close();
  return startTarget(
    'Pomelo',
    'server/main.ts',
    { POMELO_DATA_DIR: dataDir, POMELO_LOG_LEVEL: 'warn', POMELO_INGEST_RATE: '0', ...env },
    dataDir,
  );
}

/** Every distinct request of the mix once: all must be 2xx, or the benchmark measures errors. */
async function preflight(target: Target): Promise<number> {
  const statuses = new Map<number, number>();
  for (const r of benchRequests()) {
    const res = await fetch(`${target.url}${r.path}`, {
      method: r.method,
      headers: r.headers,
      body: r.body,
    });
    const text = await res.text();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status < 200 || res.status > 299) {
      throw new Error(`${target.name} answered ${res.status} ${text} to ${r.body}`);
    }
  }
  return [...statuses.keys()][0]!;
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

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return runLoadProcess(spec, pinned(loadCore, [loadCommand[0], ...loadCommand[1]]));
}

interface Stages {
  stages: StageResult[];
  rowsPerEvent: number;
  batches: { size: number; mergeUs: number; sqliteUs: number; rowsPerTransaction: number }[];
  pipeline: { inFlight: number; usPerEvent: number }[];
  distinctBodies: number;
}

/** bench/stages.ts on the server's core: the pipeline's cost per event, stage by stage. */
function runStages(): Stages {
  const [cmd, args] = pinned(serverCore, [process.execPath, '--import', 'tsx', 'bench/stages.ts']);
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
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

const baseSpec = (): Omit<LoadSpec, 'url'> => ({
  connections: settings.connections,
  duration: settings.duration,
  pipelining: settings.pipelining,
  timeout: settings.timeoutSeconds,
  warmup: settings.warmup,
  rampSeconds,
});

// --- phases --------------------------------------------------------------------------------------

interface Comparison {
  rounds: { bare: Measured; pomelo: Measured }[];
  bareReqPerSec: number;
  pomeloReqPerSec: number;
}

async function measureTarget(start: () => Promise<Target>): Promise<Measured> {
  const target = await start();
  try {
    await preflight(target);
    return await measure(target, baseSpec());
  } finally {
    await target.stop();
  }
}

async function comparison(): Promise<Comparison> {
  const rounds: Comparison['rounds'] = [];
  for (let i = 1; i <= settings.rounds; i++) {
    log(
      `round ${i}/${settings.rounds}: bare Hono, ${settings.warmup} s warm-up + ${settings.duration} s`,
    );
    const bare = await measureTarget(startBare);
    log(
      `round ${i}/${settings.rounds}: Pomelo, ${settings.warmup} s warm-up + ${settings.duration} s`,
    );
    const pomelo = await measureTarget(() => startPomelo());
    log(`  bare ${f0(bare.load.reqPerSec)} req/s, Pomelo ${f0(pomelo.load.reqPerSec)} req/s`);
    rounds.push({ bare, pomelo });
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
      await preflight(target);
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
    await preflight(target);
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

async function burst(sustainedRate: number): Promise<{ rate: number; result: Measured }> {
  const rate = sustainedRate * settings.burstFactor;
  // The defaults, overload shedding included: nothing here is tuned for the burst.
  const target = await startPomelo();
  try {
    await preflight(target);
    await runLoad({ ...baseSpec(), url: target.url, duration: settings.warmup, warmup: 0 });
    log(
      `burst: ${rate} req/s offered over ${settings.burstConnections} connections for ${settings.burstDuration} s`,
    );
    const result = await measure(target, {
      ...baseSpec(),
      connections: settings.burstConnections,
      duration: settings.burstDuration,
      overallRate: rate,
      warmup: 0,
    });
    return { rate, result };
  } finally {
    await target.stop();
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
    `- Node ${process.version}; better-sqlite3, hono, @hono/node-server and autocannon as locked in package-lock.json`,
    tasksetOk
      ? `- Pinning: each server \`taskset -c ${serverCore}\`, the load generator \`taskset -c ${loadCore}\` (a separate process)`
      : '- Pinning: taskset not available; server and load generator share the cores',
  ];
}

/** p50/p99 of the successful answers as measured per response (autocannon's histogram is whole ms). */
function lat(l: LoadResult): { p50: number; p99: number } {
  const ok = Object.entries(l.byStatus)
    .filter(([code]) => code.startsWith('2'))
    .sort((a, b) => b[1].count - a[1].count)[0]?.[1];
  return ok ? { p50: ok.p50, p99: ok.p99 } : { p50: l.latency.p50, p99: l.latency.p99 };
}

function statusCounts(l: LoadResult): string {
  return Object.entries(l.statusCodes)
    .map(([code, n]) => `${f0(n)} × ${code}`)
    .join(', ');
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

function report(
  startedAt: Date,
  seconds: number,
  loads: { start: string; end: string },
  cmp: Comparison,
  sync: { NORMAL: Measured; FULL: Measured },
  sus: Sustained,
  bur: { rate: number; result: Measured },
  stages: Stages,
): string {
  const ratio = cmp.pomeloReqPerSec / cmp.bareReqPerSec;
  const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const cpuRatio =
    meanOf(cmp.rounds.map((r) => r.bare.cpuUsPerRequest)) /
    meanOf(cmp.rounds.map((r) => r.pomelo.cpuUsPerRequest));
  const cmpFaults = cmp.rounds.reduce(
    (n, r) =>
      n + r.bare.load.errors + r.bare.load.non2xx + r.pomelo.load.errors + r.pomelo.load.non2xx,
    0,
  );
  const finalRun = sus.runs[sus.runs.length - 1]!;
  const b = bur.result.load;
  const s503 = b.byStatus['503'];
  const s202 = b.byStatus['202'];
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
    `- Load generator: autocannon (programmatic, own process), ${settings.connections} connections, pipelining ${settings.pipelining}, ${settings.warmup} s warm-up before each measured run, timeout ${settings.timeoutSeconds} s`,
    `- Requests: a rotating set of ${eventBodies().length} different bodies (pageviews, engagement beacons, custom events with props, Plausible-shaped events; varied paths, referrers, UTM tags, timezones, widths) over ${benchSites.length} sites, with ${userAgents.length} real browser User-Agents (bench/payloads.ts)`,
    '- Pomelo: `node --import tsx server/main.ts`, fresh SQLite data dir, `POMELO_LOG_LEVEL=warn`, `POMELO_INGEST_RATE=0` (the per-site rate limit would turn the load into 429s), defaults otherwise (`POMELO_SQLITE_SYNC=NORMAL`); answers 202 after the batch committed',
    '- Bare Hono: bench/bare-hono.ts on @hono/node-server, reads the body, answers 204',
    "- Latencies are per response, from sending the request to the answer. At a fixed rate autocannon sends each connection's quota at the start of every second (bursts, not an even spread), and its coordinated-omission correction is off: it assumes a 1 ms interval at any rate and would invent samples for a fast server too",
    '- "Server CPU share" is the server\'s CPU seconds per wall second (1.00 = the whole pinned core): well below 1.00 at full load means the server was waiting for CPU it did not get',
    '',
    `### Pomelo vs bare Hono: ${settings.rounds} alternating round(s), ${settings.duration} s per target each`,
    '',
    header,
    divider,
    ...cmp.rounds.flatMap((r, i) => [
      row(`round ${i + 1}: bare Hono (204)`, r.bare),
      row(`round ${i + 1}: Pomelo (202 after COMMIT)`, r.pomelo),
    ]),
    '',
    `**Ratio Pomelo / bare Hono: ${f2(ratio)}** in req/s (mean of the rounds' medians: ${f0(cmp.pomeloReqPerSec)} / ${f0(cmp.bareReqPerSec)}; per round ${cmp.rounds.map((r) => f2(r.pomelo.load.reqPerSec / r.bare.load.reqPerSec)).join(', ')}; target ≥ 0.70, aim 0.85). By server CPU per request: ${f2(cpuRatio)}. Errors and non-2xx answers over all comparison runs: ${cmpFaults}${cmpFaults ? ' — **not 0: these runs measured failures**' : ''}.`,
    '',
    '### Where the time goes: the pipeline in-process, per event (bench/stages.ts)',
    '',
    `No HTTP: the same ${stages.distinctBodies} bodies through each stage ${f0(50_000)} times on the server's core. One event makes ${f1(stages.rowsPerEvent)} counter rows (daily dimensions + the hourly row).`,
    '',
    '| stage | µs per event |',
    '|---|---:|',
    ...stages.stages.map((st) => `| ${st.stage} | ${f2(st.usPerEvent)} |`),
    ...stages.batches.flatMap((b) => [
      `| group commit, batches of ${b.size}: merge + cardinality cap + sort | ${f2(b.mergeUs)} |`,
      `| group commit, batches of ${b.size}: SQLite transaction (${f0(b.rowsPerTransaction)} rows upserted each) | ${f2(b.sqliteUs)} |`,
    ]),
    ...stages.pipeline.map(
      (p) =>
        `| **whole pipeline, ingest() to COMMIT, ${p.inFlight} events in flight** (CPU) | **${f2(p.usPerEvent)}** |`,
    ),
    '',
    `A batch is whatever arrived while the previous transaction ran, so its size follows the load; with only ${stages.distinctBodies} distinct bodies, big batches repeat keys and their SQLite cost per event is lower than real traffic's. The rest of Pomelo's CPU per request, beyond the bare Hono figure and these stages, is reading the body and writing the response (POST /api/event skips Hono: server/ingest/node-route.ts), promises and garbage collection.`,
    '',
    `### SQLite durability: \`POMELO_SQLITE_SYNC\` NORMAL vs FULL, ${settings.syncDuration} s each`,
    '',
    header,
    divider,
    row('Pomelo, NORMAL (survives kill -9)', sync.NORMAL),
    row('Pomelo, FULL (also survives power loss)', sync.FULL),
    '',
    `FULL / NORMAL: ${f2(sync.FULL.load.reqPerSec / sync.NORMAL.load.reqPerSec)} in req/s.`,
    '',
    `### Sustained: highest fixed rate with p99 < ${settings.sustainedP99Ms} ms`,
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
    `### Burst: ${settings.burstFactor}× the sustained rate for ${settings.burstDuration} s`,
    '',
    `Offered ${f0(bur.rate)} req/s over ${settings.burstConnections} connections to a fresh Pomelo with the default settings: \`POMELO_MAX_PENDING\` (20,000 events waiting for a commit), and overload shedding, which answers 503 + Retry-After before reading the body while the event loop runs more than \`POMELO_MAX_LOOP_DELAY_MS\` (100 ms) late with many events waiting, or while commits take more than \`POMELO_MAX_COMMIT_WAIT_MS\` (1,000 ms) (server/ingest/overload.ts).`,
    '',
    `| answers | count | p50 | p99 | max | after the first ${rampSeconds} s: count | p50 | p99 | max |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(b.byStatus).map(
      ([code, s]) =>
        `| ${code} | ${f0(s.count)} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${f0(s.steady.count)} | ${ms(s.steady.p50)} | ${ms(s.steady.p99)} | ${ms(s.steady.max)} |`,
    ),
    `| connection errors | ${f0(b.errors - b.timeouts)} | | | | | | | |`,
    `| timeouts (> ${settings.timeoutSeconds} s) | ${f0(b.timeouts)} | | | | | | | |`,
    '',
    `The first ${rampSeconds} s include opening all ${settings.burstConnections} connections at once (accepting them competes with answering); the later columns are the steady burst.`,
    '',
    `Answered ${f0(b.total)} requests in ${b.duration} s (${statusCounts(b)}); accepted ${f0(s202?.count ?? 0)} (${f0((s202?.count ?? 0) / b.duration)}/s), refused with 503 + Retry-After ${f0(s503?.count ?? 0)}${s503 ? ` (p99 ${ms(s503.p99)}; after the first ${rampSeconds} s ${ms(s503.steady.p99)})` : ''}; server CPU share ${f2(bur.result.cpuShare)}, server peak RSS ${f1(bur.result.peakRssMb)} MB.${Object.keys(b.errorCodes).length ? ` Error codes: ${JSON.stringify(b.errorCodes)}.` : ''}`,
    markers[1],
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  const startLoad = loadAvg();
  log(`load average ${startLoad}; taskset ${tasksetOk ? 'yes' : 'no'}; ${cores} cores`);
  const cmp = await comparison();
  log(
    `bare ${f0(cmp.bareReqPerSec)} req/s, Pomelo ${f0(cmp.pomeloReqPerSec)} req/s, ratio ${f2(cmp.pomeloReqPerSec / cmp.bareReqPerSec)}`,
  );
  if (process.env.BENCH_ONLY === 'compare') {
    // A quick A/B of a change: only the comparison, printed per round; docs/BENCHMARKS.md untouched.
    for (const [i, r] of cmp.rounds.entries()) {
      log(
        `round ${i + 1}: bare ${f0(r.bare.cpuUsPerRequest)} µs/request, Pomelo ${f0(r.pomelo.cpuUsPerRequest)} µs/request (server CPU)`,
      );
    }
    return;
  }
  const sync = await syncComparison();
  const sus = await sustained(cmp.pomeloReqPerSec);
  const bur = await burst(sus.rate);
  log('pipeline stages in-process');
  const stages = runStages();
  const section = report(
    startedAt,
    (performance.now() - t0) / 1000,
    { start: startLoad, end: loadAvg() },
    cmp,
    sync,
    sus,
    bur,
    stages,
  );
  writeDocSection(markers, section);
  process.stdout.write(section + '\n');
  log(`wrote docs/BENCHMARKS.md`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
