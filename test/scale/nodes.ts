// Runs real Pomelo processes (`node --import tsx server/main.ts`) for scale-out tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freshDataDir } from '../support/server.js';

export const root = path.resolve(import.meta.dirname, '../..');

export interface PomeloNode {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote, for the failure message. */
  output(): string;
  /** SIGTERM (the node drains and flushes), SIGKILL after `graceMs`. Resolves on exit. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts one node on a free port and resolves with its URL once it prints "listening". */
export function startNode(env: Record<string, string>, timeoutMs = 45_000): Promise<PomeloNode> {
  const dataDir = freshDataDir('pomelo-node-');
  const child = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      POMELO_DATA_DIR: dataDir,
      POMELO_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve();
    }),
  );
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(0);
      reject(new Error(`node did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Pomelo is listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, process: child, output: () => out, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`node exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}
