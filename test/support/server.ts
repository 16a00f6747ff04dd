// Starts a real Pomelo server on 127.0.0.1:0 over a fresh SQLite file or PostgreSQL database, for tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger, type Logger } from '../../server/log.js';
import type { DailyRow } from '../../server/counters/types.js';
import type { ReplayOptions } from '../../server/replay/deps.js';
import { startPomelo, type RunningPomelo, type StartOptions } from '../../server/server.js';
import { openStore } from '../../server/store/open.js';
import { openSqliteStore, sqliteFile } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/types.js';
import { createPgDatabase, type Backend } from './db.js';

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  config: Config;
  pomelo: RunningPomelo;
  backend: Backend;
  /** The server's own store (SQLite or PostgreSQL), for assertions that work on both backends. */
  store: Store;
  /** Log lines the server wrote (to check that nothing personal is logged). */
  logs: string[];
  /** A read-only handle on the SQLite file, for assertions (SQLite backend only). */
  db(): Database.Database;
  /** The daily counter rows of a site, on either backend (ordered by day, dimension, value). */
  dailyRows(domain: string): Promise<DailyRow[]>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  sites?: { domain: string; timezone?: string; cardinalityCap?: number }[];
  now?: () => number;
  /** 'sqlite' (default) or 'postgres': a fresh database on 127.0.0.1:5432, dropped by close(). */
  backend?: Backend;
  /** Replay limits and sampling draw, e.g. `{ random: () => 0 }` to sample every pageview. */
  replay?: Partial<ReplayOptions>;
  /** Mail retries (attempts, backoff) for the mail tests. */
  mail?: StartOptions['mail'];
}

/**
 * The backend integration tests run on unless they name one: vitest's "postgres" project sets
 * POMELO_TEST_BACKEND=postgres so the same suites run on both databases (vitest.config.ts).
 */
export function defaultBackend(): Backend {
  return process.env.POMELO_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
}

export function freshDataDir(prefix = 'pomelo-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const backend = options.backend ?? defaultBackend();
  const dataDir = freshDataDir();
  const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    POMELO_DATA_DIR: dataDir,
    ...(pg ? { POMELO_DATABASE_URL: pg.url } : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const log: Logger = createLogger('debug', (line) => logs.push(line));
  const store = pg
    ? await openStore(config)
    : openSqliteStore(sqliteFile(dataDir), { synchronous: config.sqliteSync });
  await store.migrate();
  for (const s of options.sites ?? []) {
    await store.addSite(
      {
        domain: s.domain,
        timezone: s.timezone ?? 'UTC',
        settings: s.cardinalityCap ? { cardinalityCap: s.cardinalityCap } : {},
      },
      new Date(),
    );
  }
  const pomelo = await startPomelo({
    config,
    store,
    log,
    now: options.now,
    replay: options.replay,
    mail: options.mail,
  });
  let reader: Database.Database | undefined;
  return {
    url: pomelo.url,
    port: pomelo.port,
    dataDir,
    config,
    pomelo,
    backend,
    store,
    logs,
    db: () => {
      if (pg) throw new Error('db() reads the SQLite file: use dailyRows() or store on PostgreSQL');
      // Another connection: the server's counter journal is merged first (synchronous on SQLite),
      // so what it acknowledged is in the counter tables (server/store/counter-journal.ts).
      store.flushCounters().catch(() => {});
      return (reader ??= new Database(sqliteFile(dataDir), { readonly: true }));
    },
    async dailyRows(domain) {
      const site = await store.siteByDomain(domain);
      if (!site) throw new Error(`no site ${domain}`);
      return store.dailyRows(site.id);
    },
    async close() {
      reader?.close();
      await pomelo.stop();
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Posts one event body as the tracker does (text/plain), returning status and parsed body. */
export async function postEvent(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${url}/api/event`, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': desktopChrome,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export const desktopChrome =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
