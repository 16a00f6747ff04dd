// `npm run bench:soak` (= `npx tsx bench/soak.ts`, issue 18 §8): the built server under a steady open-loop load — half
// the sustained rate, the realistic mix — for BENCH_SOAK_MINUTES (default 60), sampled every
// minute: resident memory, V8 heap, database size on disk, answers. Writes its section of
// docs/BENCHMARKS.md and the plot docs/soak.svg, both drawn from the samples of this run.
// Memory should stay flat (bounded caches: docs/ARCHITECTURE.md "Memory"); storage should grow
// no faster than linearly (daily counters: new keys only).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDocSection } from './doc-section.js';
import { openSqliteStore, sqliteFile } from '../server/store/sqlite.js';
import { runOpenLoop } from './open-loop.js';
import { benchSites } from './payloads.js';
import { benchRoot, startPomeloProcess } from './processes.js';

const markers = ['<!-- bench:soak:start -->', '<!-- bench:soak:end -->'] as const;
const svgFile = path.join(benchRoot, 'docs/soak.svg');

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return n;
}

const settings = {
  minutes: envNumber('BENCH_SOAK_MINUTES', 60),
  /**
   * Requests per second; by default half the sustained rate that bench/run.ts wrote into
   * docs/BENCHMARKS.md (its 60 s run at the highest rate holding p99 < 50 ms), else half the rate a
   * short probe of this run finds.
   */
  rate: process.env.BENCH_SOAK_RATE ? envNumber('BENCH_SOAK_RATE', 1) : undefined,
  probeSeconds: envNumber('BENCH_SOAK_PROBE_SECONDS', 5),
  connections: 64,
  requests: 20_000,
};

const log = (line: string) => process.stderr.write(`[soak] ${line}\n`);

interface Sample {
  minute: number;
  rssMb: number;
  heapMb: number;
  dbMb: number;
  accepted: number;
  other: number;
  p99Ms: number;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function heapMb(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /^pomelo_nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
  return m ? Number(m[1]) / 2 ** 20 : NaN;
}

function dbMb(dataDir: string): number {
  let bytes = 0;
  for (const f of fs.readdirSync(dataDir)) {
    if (f.startsWith('pomelo.db')) bytes += fs.statSync(path.join(dataDir, f)).size;
  }
  return bytes / 2 ** 20;
}

/** The sustained rate of the last `npx tsx bench/run.ts`, read from its section of docs/BENCHMARKS.md. */
function documentedSustained(): number | undefined {
  const doc = fs.readFileSync(path.join(benchRoot, 'docs/BENCHMARKS.md'), 'utf8');
  const m = /\*\*Sustained: ([\d,]+) req\/s for/.exec(doc);
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}

/** The highest of a few rates that holds with p99 < 50 ms and no errors (a short probe). */
async function probeSustained(url: string): Promise<number> {
  let best = 250;
  for (const rate of [500, 1000, 2000, 4000, 8000, 16000]) {
    const r = await runOpenLoop({
      url,
      rate,
      duration: settings.probeSeconds,
      connections: settings.connections,
      workers: 1,
      requests: settings.requests,
      drainSeconds: 5,
    });
    const ok = (r.statuses['202'] ?? 0) >= r.written * 0.999 && r.all.p99 < 50;
    if ((r.statuses['202'] ?? 0) === 0)
      throw new Error(`no 202 at all: ${JSON.stringify(r.statuses)}`);
    log(`probe ${rate} req/s: p99 ${r.all.p99.toFixed(1)} ms, ${ok ? 'holds' : 'does not hold'}`);
    if (!ok) break;
    best = rate;
  }
  return best;
}

function svg(samples: Sample[]): string {
  const w = 720;
  const h = 300;
  const pad = { l: 56, r: 16, t: 20, b: 40 };
  const maxX = Math.max(1, ...samples.map((s) => s.minute));
  const maxY = Math.max(1, ...samples.flatMap((s) => [s.rssMb, s.heapMb, s.dbMb])) * 1.1;
  const x = (m: number) => pad.l + (m / maxX) * (w - pad.l - pad.r);
  const y = (v: number) => h - pad.b - (v / maxY) * (h - pad.t - pad.b);
  const line = (pick: (s: Sample) => number, colour: string) =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${samples
      .map((s) => `${x(s.minute).toFixed(1)},${y(pick(s)).toFixed(1)}`)
      .join(' ')}"/>`;
  const ticks = Array.from({ length: 5 }, (_, i) => (maxY / 4) * i);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="${w}" height="${h}" fill="#fff"/>`,
    ...ticks.map(
      (v) =>
        `<line x1="${pad.l}" x2="${w - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/><text x="${pad.l - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(0)}</text>`,
    ),
    `<text x="${pad.l}" y="14">MB (RSS red, heap blue, database green) per minute of soak</text>`,
    `<text x="${w / 2}" y="${h - 8}" text-anchor="middle">minutes (0–${maxX})</text>`,
    line((s) => s.rssMb, '#c0392b'),
    line((s) => s.heapMb, '#2e6fd8'),
    line((s) => s.dbMb, '#1e8a4c'),
    '</svg>',
    '',
  ].join('\n');
}

/** Least-squares slope of v over minutes. */
function slope(samples: Sample[], pick: (s: Sample) => number): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((a, s) => a + s.minute, 0) / n;
  const my = samples.reduce((a, s) => a + pick(s), 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.minute - mx) * (pick(s) - my);
    den += (s.minute - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Where the sustained rate came from (written beside the figures). */
let sustainedFrom = '';

const loadNow = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
let startLoad = '';

async function main() {
  const startedAt = new Date();
  startLoad = loadNow();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-soak-'));
  const store = openSqliteStore(sqliteFile(dataDir));
  await store.migrate();
  for (const domain of benchSites) await store.addSite({ domain, timezone: 'UTC' }, new Date());
  await store.close();
  const server = await startPomeloProcess({ POMELO_DATA_DIR: dataDir });
  const pid = server.proc.pid!;
  try {
    const documented = documentedSustained();
    const sustained = settings.rate
      ? settings.rate * 2
      : (documented ?? (await probeSustained(server.url)));
    sustainedFrom = settings.rate
      ? 'BENCH_SOAK_RATE × 2'
      : documented
        ? 'the sustained rate in the ingestion section above (bench/run.ts)'
        : `a ${settings.probeSeconds} s probe ladder in this run`;
    const rate = settings.rate ?? Math.max(100, Math.floor(sustained / 2));
    log(`soak at ${rate} req/s for ${settings.minutes} min (sustained ≈ ${sustained})`);
    const samples: Sample[] = [
      {
        minute: 0,
        rssMb: rssMb(pid),
        heapMb: await heapMb(server.url),
        dbMb: dbMb(dataDir),
        accepted: 0,
        other: 0,
        p99Ms: 0,
      },
    ];
    for (let minute = 1; minute <= settings.minutes; minute++) {
      const r = await runOpenLoop({
        url: server.url,
        rate,
        duration: 60,
        connections: settings.connections,
        workers: 1,
        requests: settings.requests,
        drainSeconds: 10,
      });
      const accepted = r.statuses['202'] ?? 0;
      const sample: Sample = {
        minute,
        rssMb: rssMb(pid),
        heapMb: await heapMb(server.url),
        dbMb: dbMb(dataDir),
        accepted,
        other: r.written - accepted,
        p99Ms: r.all.p99,
      };
      samples.push(sample);
      log(
        `minute ${minute}: RSS ${sample.rssMb.toFixed(1)} MB, heap ${sample.heapMb.toFixed(1)} MB, db ${sample.dbMb.toFixed(1)} MB, 202 ${accepted}, other ${sample.other}, p99 ${sample.p99Ms.toFixed(1)} ms`,
      );
    }
    write(startedAt, rate, sustained, samples);
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function write(startedAt: Date, rate: number, sustained: number, samples: Sample[]) {
  const late = samples.filter((s) => s.minute >= Math.min(10, samples.length / 2));
  const f1 = (n: number) => n.toFixed(1);
  const total = samples.reduce((n, s) => n + s.accepted, 0);
  const knobs = ['BENCH_SOAK_MINUTES', 'BENCH_SOAK_RATE']
    .filter((k) => process.env[k])
    .map((k) => `${k}=${process.env[k]}`);
  const load = loadNow();
  fs.writeFileSync(svgFile, svg(samples));
  const section = [
    markers[0],
    '## Soak: steady load, memory and storage over time',
    '',
    `Generated by \`${knobs.length ? knobs.join(' ') + ' ' : ''}npx tsx bench/soak.ts\` on ${startedAt.toISOString()}. Do not edit by hand: rerun the command.`,
    '',
    `- Server: \`node build/server/main.js\`, fresh SQLite data dir, \`POMELO_INGEST_RATE=0\`; load: bench/open-loop.ts, open loop at **${rate} req/s** (half of ${sustained} req/s: ${sustainedFrom}), the realistic mix (${settings.requests.toLocaleString('en')} distinct requests), ${settings.connections} connections, one minute per sample, ${samples.length - 1} minutes`,
    `- Machine: \`nproc\` = ${os.cpus().length}; load average (1/5/15 min) at the start ${startLoad}, at the end ${load} (shared machine)`,
    `- Accepted (202): ${total.toLocaleString('en')}; other answers or lost: ${samples.reduce((n, s) => n + s.other, 0).toLocaleString('en')}`,
    `- From minute ${late[0]?.minute ?? 0} on: RSS ${f1(Math.min(...late.map((s) => s.rssMb)))}–${f1(Math.max(...late.map((s) => s.rssMb)))} MB (slope ${slope(late, (s) => s.rssMb).toFixed(3)} MB/min), heap ${f1(Math.min(...late.map((s) => s.heapMb)))}–${f1(Math.max(...late.map((s) => s.heapMb)))} MB (slope ${slope(late, (s) => s.heapMb).toFixed(3)} MB/min); database ${f1(samples.at(-1)!.dbMb)} MB at the end, growing ${slope(late, (s) => s.dbMb).toFixed(3)} MB/min`,
    '',
    '![RSS, heap and database size per minute](soak.svg)',
    '',
    '| minute | RSS MB | heap MB | database MB | 202 | other | p99 ms |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...samples.map(
      (s) =>
        `| ${s.minute} | ${f1(s.rssMb)} | ${f1(s.heapMb)} | ${f1(s.dbMb)} | ${s.accepted.toLocaleString('en')} | ${s.other} | ${f1(s.p99Ms)} |`,
    ),
    markers[1],
  ].join('\n');
  writeDocSection(markers, section);
  log('wrote docs/BENCHMARKS.md (soak) and docs/soak.svg');
}

await main();
