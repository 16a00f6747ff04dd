// `npx tsx bench/pg-nodes.ts` (also part of `npm run bench`): ingestion throughput with the same load
// on SQLite (one node), PostgreSQL with one node and PostgreSQL with three nodes; writes its section
// of docs/BENCHMARKS.md. Loopback only, bounded in time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStoreAt } from '../server/store/open.js';
import { createPgDatabase } from '../test/support/db.js';
import type { LoadResult, LoadSpec } from './load.js';
import { benchSites } from './payloads.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const docFile = path.join(root, 'docs/BENCHMARKS.md');
const markers = ['<!-- bench:pg:start -->', '<!-- bench:pg:end -->'] as const;
const duration = Number(process.env.BENCH_PG_DURATION ?? 15);
const connections = Number(process.env.BENCH_PG_CONNECTIONS ?? 90);

interface Node {
  url: string;
  proc: ChildProcess;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startNode(env: Record<string, string>): Promise<Node> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      POMELO_LOG_LEVEL: 'warn',
      POMELO_INGEST_RATE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start:\n${out}`)), 60_000);
    const read = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', read);
    proc.stderr!.on('data', read);
    proc.once('exit', () => reject(new Error(`node exited before listening:\n${out}`)));
  });
  return { url, proc };
}

async function stopNode(node: Node): Promise<void> {
  if (node.proc.exitCode !== null) return;
  const exited = new Promise((r) => node.proc.once('exit', r));
  node.proc.kill('SIGTERM');
  await exited;
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/load.ts'], {
      cwd: root,
      env: { ...process.env, BENCH_LOAD_SPEC: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) return reject(new Error(`load generator failed (${code}):\n${err}`));
      resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as LoadResult);
    });
  });
}

interface Row {
  name: string;
  nodes: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

/** Starts the nodes over one fresh database, drives them all at once, counts what was stored. */
async function measure(name: string, nodes: number, backend: 'sqlite' | 'postgres'): Promise<Row> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-bench-pg-'));
  const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
  const url = pg?.url ?? `sqlite:${path.join(dataDir, 'pomelo.db')}`;
  const setup = await openStoreAt(url);
  await setup.migrate();
  for (const domain of benchSites) await setup.addSite({ domain, timezone: 'UTC' }, new Date());
  await setup.close();
  const env: Record<string, string> = pg
    ? { POMELO_DATABASE_URL: pg.url }
    : { POMELO_DATA_DIR: dataDir };
  const running: Node[] = [];
  try {
    for (let i = 0; i < nodes; i++) running.push(await startNode(env));
    const results = await Promise.all(
      running.map((n) =>
        runLoad({
          url: `${n.url}/api/event`,
          connections: Math.round(connections / nodes),
          duration,
          pipelining: 1,
          timeout: 10,
          warmup: 2,
        }),
      ),
    );
    return {
      name,
      nodes,
      reqPerSec: results.reduce((s, r) => s + r.reqPerSec, 0),
      p50: Math.max(...results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
      requests: results.reduce((s, r) => s + r.total, 0),
      failures: results.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0),
    };
  } finally {
    for (const n of running) await stopNode(n).catch(() => {});
    await pg?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runPgNodesBench(): Promise<string> {
  const startedAt = new Date();
  const rows = [
    await measure('SQLite, 1 node', 1, 'sqlite'),
    await measure('PostgreSQL, 1 node', 1, 'postgres'),
    await measure('PostgreSQL, 3 nodes', 3, 'postgres'),
  ];
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    markers[0],
    '## Ingestion on SQLite and PostgreSQL, one and three nodes',
    '',
    `Generated by \`npx tsx bench/pg-nodes.ts\` (also run by \`npm run bench\`) on ${startedAt.toISOString()}. ` +
      `Machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; ` +
      `PostgreSQL on 127.0.0.1:5432 on the same machine.`,
    '',
    `Load: autocannon (bench/load.ts), ${connections} connections in all, split evenly over the nodes, ` +
      `pipelining 1, 2 s warm-up then ${duration} s, the same rotating mix of 100 bodies as above. ` +
      'Each node is `node --import tsx server/main.ts` with `POMELO_INGEST_RATE=0`; the three nodes share one database. ' +
      'Nothing is pinned: on 2 cores the three nodes, PostgreSQL and the load generators share the CPU, so three nodes ' +
      'cannot show a scale-out gain here; the figures show what the PostgreSQL path costs and that concurrent nodes lose nothing.',
    '',
    '| setup | req/s (sum of per-node medians) | p50 (worst node) | p99 (worst node) | requests | errors + non-2xx |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${Math.round(r.reqPerSec).toLocaleString('en')} | ${r.p50} ms | ${r.p99} ms | ` +
        `${r.requests.toLocaleString('en')} | ${r.failures} |`,
    ),
    '',
    'That every acknowledged event is counted exactly once across concurrent nodes is proven by ' +
      '`test/scale/multi-node.test.ts` on a known event set, not by this benchmark.',
    markers[1],
  ];
  return lines.join('\n');
}

function writeSection(section: string): void {
  let doc = fs.existsSync(docFile) ? fs.readFileSync(docFile, 'utf8') : '# Pomelo — benchmarks\n';
  const start = doc.indexOf(markers[0]);
  const end = doc.indexOf(markers[1]);
  doc =
    start !== -1 && end > start
      ? doc.slice(0, start) + section + doc.slice(end + markers[1].length)
      : doc.trimEnd() + '\n\n' + section + '\n';
  fs.writeFileSync(docFile, doc);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const section = await runPgNodesBench();
  writeSection(section);
  process.stdout.write(section + '\n');
}

export { writeSection as writePgNodesSection };
