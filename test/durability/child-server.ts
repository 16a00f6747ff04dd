// Runs the real server as a child process (`node --import tsx server/main.ts`) for crash and fault tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { journaledPageviews } from '../support/journal.js';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const desktopChrome =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** A pageview body exactly as in docs/WIRE.md. */
export const pageview = (domain = 'example.test', path = '/p') =>
  JSON.stringify({ n: 'pageview', u: `https://${domain}${path}`, d: domain, r: null, t: 0 });

export function freshDir(prefix = 'pomelo-child-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A port that was free a moment ago (a listener on 127.0.0.1:0, closed again). */
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

/** Creates (and migrates) the SQLite file of `dataDir` with these sites, then closes it. */
export async function addSites(dataDir: string, domains: string[]): Promise<void> {
  const store = openSqliteStore(sqliteFile(dataDir));
  try {
    await store.migrate();
    for (const domain of domains) await store.addSite({ domain, timezone: 'UTC' }, new Date());
  } finally {
    await store.close();
  }
}

/** Sum of `pageviews` over every `total` row of a site (all days), read from the file itself. */
export function countedPageviews(
  dataDir: string,
  domain = 'example.test',
  { readonly = false } = {},
): number {
  // Read-write by default, so a WAL left by a killed process is recovered like the server would;
  // read-only beside a running server (WAL lets a reader in while the server writes).
  const db = new Database(sqliteFile(dataDir), { readonly });
  try {
    const row = db
      .prepare(
        `SELECT coalesce(sum(pageviews), 0) AS n FROM daily_counters
         JOIN sites ON sites.id = daily_counters.site_id
         WHERE sites.domain = ? AND dimension = 'total'`,
      )
      .get(domain) as { n: number };
    // Acknowledged events not merged into the counters yet are durable in the journal.
    const site = db.prepare('SELECT id FROM sites WHERE domain = ?').get(domain) as
      { id: number } | undefined;
    return row.n + (site ? journaledPageviews(db, site.id) : 0);
  } finally {
    db.close();
  }
}

export interface ChildServer {
  url: string;
  pid: number;
  proc: ChildProcess;
  /** stdout + stderr so far, for failure messages. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ChildOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  startTimeoutMs?: number;
}

/** Starts `node --import tsx server/main.ts` and waits for its "listening" line. */
export async function startChild(options: ChildOptions): Promise<ChildServer> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        POMELO_DATA_DIR: options.dataDir,
        POMELO_LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (d: string) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(
        new Error(`server did not start within ${options.startTimeoutMs ?? 20_000} ms:\n${out}`),
      );
    }, options.startTimeoutMs ?? 20_000);
    proc.stdout!.on('data', (d: string) => {
      out += d;
      const m = /listening on (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  return { url, pid: proc.pid!, proc, output: () => out, exited };
}

export type SendOutcome = 'accepted' | 'refused' | 'failed';

// One keep-alive agent per process: node:http costs the test process less CPU than fetch.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Posts one event as the tracker does. 'accepted' = 202 (committed), 'refused' = any other status
 * (definitely not counted), 'failed' = no answer (connection error: may or may not be counted).
 */
export function send(
  url: string,
  body: string,
): Promise<{ outcome: SendOutcome; status?: number }> {
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/api/event`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'text/plain;charset=UTF-8',
          'content-length': Buffer.byteLength(body),
          'user-agent': desktopChrome,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            outcome: res.statusCode === 202 ? 'accepted' : 'refused',
            status: res.statusCode,
          }),
        );
        res.on('error', () => resolve({ outcome: 'failed' }));
      },
    );
    req.on('error', () => resolve({ outcome: 'failed' }));
    req.end(body);
  });
}

/** Runs `task` over 0..n-1 with at most `concurrency` at a time. */
export async function pool<T>(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}
