// Helpers shared by the benchmark scripts: a free loopback port, a Pomelo server in its own process,
// and one load-generator run in its own process (bench/load.ts) whose result comes back as a
// `BENCH_RESULT {...}` line.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
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
 * Starts `node --import tsx server/main.ts` on a free loopback port with these variables (on top of
 * the bench defaults: no ingest limit, warnings only) and resolves once it prints its address.
 */
export async function startPomeloProcess(env: Record<string, string>): Promise<PomeloProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
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
