// Helpers shared by the benchmark scripts: a free loopback port, and one load-generator run in its
// own process (bench/load.ts) whose result comes back as a `BENCH_RESULT {...}` line.
import { spawn } from 'node:child_process';
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
