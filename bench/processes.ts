// Helpers shared by the benchmark scripts: a free loopback port, a Pomelo server in its own process,
// and one load-generator run in its own process (bench/load.ts) whose result comes back as a
// `BENCH_RESULT {...}` line.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec } from './load.js';

export const benchRoot = fileURLToPath(new URL('..', import.meta.url));
export const loadCommand: [string, string[]] = [
  process.execPath,
  ['--import', 'tsx', 'bench/load.ts'],
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs bench/load.ts with `spec`; `command` may wrap it (e.g. taskset to pin a core). */
export function runLoadProcess(
  spec: LoadSpec,
  [cmd, args]: [string, string[]] = loadCommand,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, {
      cwd: benchRoot,
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

export interface PomeloProcess {
  url: string;
  proc: ChildProcess;
}

/**
 * Starts the built server (`node build/server/main.js`, built first if stale) on a free loopback port with these variables (on top of
 * the bench defaults: no ingest limit, warnings only) and resolves once it prints its address.
 */
export async function startPomeloProcess(env: Record<string, string>): Promise<PomeloProcess> {
  ensureBuilt();
  const port = await freePort();
  const proc = spawn(process.execPath, [pomeloScript], {
    cwd: benchRoot,
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
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
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
    proc.once('exit', () => reject(new Error(`server exited before listening:\n${out}`)));
  });
  return { url, proc };
}

/** The built server, as `npm start` runs it (issue 18 §6: the benches measure what is deployed). */
export const pomeloScript = 'build/server/main.js';
/** The bare Hono baseline, bundled by esbuild the same way as the server (no tsx at run time). */
export const bareHonoScript = 'build/bench/bare-hono.mjs';
/** The floors under it (bench/bare-node.ts): node:http alone, reading or parsing the event. */
export const bareNodeScript = 'build/bench/bare-node.mjs';
/** bench/stages.ts bundled the same way: the server's modules as they run in build/server/main.js. */
export const stagesScript = 'build/bench/stages.mjs';

let built = false;

/**
 * Once per bench process: builds the server if a source is newer than the last build
 * (scripts/build-if-stale.mjs, as `npm start` does), and bundles bench/bare-hono.ts with the same
 * esbuild settings as `npm run build:server`, so both targets run as plain JavaScript on node.
 */
export function ensureBuilt(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], {
    cwd: benchRoot,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('scripts/build-if-stale.mjs failed');
  for (const [entry, outfile] of [
    ['bench/bare-hono.ts', bareHonoScript],
    ['bench/bare-node.ts', bareNodeScript],
    ['bench/stages.ts', stagesScript],
  ]) {
    buildSync({
      entryPoints: [path.join(benchRoot, entry!)],
      outfile: path.join(benchRoot, outfile!),
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      target: 'node20',
      logLevel: 'warning',
    });
  }
  built = true;
}
