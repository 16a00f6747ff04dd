// `npx tsx bench/startup.ts`: the built server (`node build/server/main.js`, what `npm start` runs
// since issue 17) against the TypeScript sources run through tsx (`node --import tsx
// server/main.ts`, what it ran before): time from spawn to the "listening" line, memory after
// start, and server CPU per POST /api/event under the same load. Rounds alternate the two. Writes
// its section of docs/BENCHMARKS.md. STARTUP_ROUNDS (default 3) and STARTUP_SECONDS (default 10).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStore, sqliteFile } from '../server/store/sqlite.js';
import { writeDocSection } from './doc-section.js';
import { benchSites } from './payloads.js';
import { benchRoot, freePort, loadCommand, runLoadProcess } from './processes.js';

const markers = ['<!-- bench:startup:start -->', '<!-- bench:startup:end -->'] as const;
const rounds = Number(process.env.STARTUP_ROUNDS ?? 3);
const seconds = Number(process.env.STARTUP_SECONDS ?? 10);
const tasksetOk = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pin = (core: string, args: string[]): [string, string[]] =>
  tasksetOk ? ['taskset', ['-c', core, ...args]] : [args[0]!, args.slice(1)];
const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim() || 100);

const variants = {
  tsx: ['--import', 'tsx', 'server/main.ts'],
  built: ['build/server/main.js'],
} as const;
type Variant = keyof typeof variants;

interface Sample {
  startupMs: number;
  rssMb: number;
  reqPerSec: number;
  cpuUsPerRequest: number;
}

/** utime + stime of a process, in µs. */
function cpuUs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
}

async function measure(variant: Variant): Promise<Sample> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-bench-startup-'));
  const store = openSqliteStore(sqliteFile(dataDir));
  await store.migrate();
  for (const domain of benchSites)
    await store.addSite({ domain, timezone: 'UTC', settings: {} }, new Date());
  await store.close();
  const port = await freePort();
  const [cmd, args] = pin('0', [process.execPath, ...variants[variant]]);
  const started = performance.now();
  const proc = spawn(cmd, args, {
    cwd: benchRoot,
    env: {
      ...process.env,
      PORT: String(port),
      POMELO_DATA_DIR: dataDir,
      POMELO_LOG_LEVEL: 'warn',
      POMELO_INGEST_RATE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/[^\s"]+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      proc.once('exit', (code) => reject(new Error(`${variant} exited ${code}:\n${out}`)));
    });
    const startupMs = performance.now() - started;
    const rssKb = Number(
      /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1],
    );
    const before = cpuUs(proc.pid!);
    const load = await runLoadProcess(
      {
        url: `${url}/api/event`,
        connections: 100,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        warmup: 2,
      },
      pin('1', [loadCommand[0], ...loadCommand[1]]),
    );
    const cpu = cpuUs(proc.pid!) - before;
    return {
      startupMs,
      rssMb: rssKb / 1024,
      reqPerSec: load.reqPerSec,
      // The warm-up's requests ran on the server's CPU too: count them (autocannon's total is the
      // measured part only, so the warm-up share is estimated at the measured rate).
      cpuUsPerRequest: cpu / (load.total * (1 + 2 / seconds)),
    };
  } finally {
    proc.kill('SIGTERM');
    await new Promise((resolve) => proc.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

if (!fs.existsSync(path.join(benchRoot, 'build/server/main.js'))) {
  throw new Error('build/server/main.js is missing: run `npm run build` first');
}
const startedAt = new Date();
const samples: Record<Variant, Sample[]> = { tsx: [], built: [] };
for (let r = 0; r < rounds; r++) {
  for (const variant of (r % 2 ? ['built', 'tsx'] : ['tsx', 'built']) as Variant[]) {
    const s = await measure(variant);
    samples[variant].push(s);
    console.log(
      `round ${r + 1} ${variant}: start ${s.startupMs.toFixed(0)} ms, RSS ${s.rssMb.toFixed(0)} MB, ${s.reqPerSec.toFixed(0)} req/s, ${s.cpuUsPerRequest.toFixed(1)} µs CPU/request`,
    );
  }
}
const row = (v: Variant, label: string) => {
  const s = samples[v];
  return `| ${label} | ${median(s.map((x) => x.startupMs)).toFixed(0)} | ${median(s.map((x) => x.rssMb)).toFixed(0)} | ${median(s.map((x) => x.reqPerSec)).toLocaleString('en', { maximumFractionDigits: 0 })} | ${median(s.map((x) => x.cpuUsPerRequest)).toFixed(1)} |`;
};
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(', ');
writeDocSection(
  markers,
  [
    markers[0],
    '## Built server: start-up and CPU per request (tsx before, plain node after)',
    '',
    `Generated by \`npx tsx bench/startup.ts\` on ${startedAt.toISOString()} (STARTUP_ROUNDS=${rounds}, STARTUP_SECONDS=${seconds}; machine load average at the end: ${load}). Do not edit by hand: rerun the command.`,
    '',
    '| server | start-up to "listening", ms | RSS after start, MB | req/s (POST /api/event) | server CPU per request, µs |',
    '|---|---:|---:|---:|---:|',
    row('tsx', '`node --import tsx server/main.ts` (before)'),
    row('built', '`node build/server/main.js` (`npm start` now)'),
    '',
    `- Medians of ${rounds} alternated round(s); each on a fresh SQLite data dir with the bench's 3 sites, \`POMELO_INGEST_RATE=0\`, \`POMELO_LOG_LEVEL=warn\`.`,
    `- Load: autocannon in its own process, 100 connections, ${seconds} s after a 2 s warm-up, the bench's 100 event bodies (bench/payloads.ts). ${tasksetOk ? 'Server `taskset -c 0`, load generator `taskset -c 1`.' : 'taskset unavailable: not pinned.'}`,
    "- CPU per request: the server process's utime + stime over the run (warm-up included, its requests estimated at the measured rate) divided by the requests. The machine is shared by other jobs: compare the two rows of one run, not runs of different days.",
    markers[1],
  ].join('\n'),
);
console.log('docs/BENCHMARKS.md: startup section written');
