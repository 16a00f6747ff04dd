// Opens the configured store: PostgreSQL when a database URL is set, else SQLite in the data dir.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { openSqliteStore, sqliteFile } from './sqlite.js';
import type { Store } from './types.js';
import { remoteHostOf, type StorageFacts } from '../replay/record-of-processing.js';

export async function openStore(config: Config): Promise<Store> {
  if (config.databaseUrl) {
    const { openPgStore } = await import('./pg.js');
    return openPgStore(config.databaseUrl, { poolSize: config.databasePoolSize });
  }
  return openSqliteStore(sqliteFile(config.dataDir), {
    synchronous: config.sqliteSync,
    busyTimeoutMs: config.sqliteBusyTimeoutMs,
    maxSizeMb: config.sqliteMaxSizeMb,
  });
}

/**
 * Opens the store a URL names, for commands that work on two databases at once (migrate-data):
 * `sqlite:<file>` (relative to the working directory) or `postgres://…`.
 */
export async function openStoreAt(
  url: string,
  options: { readonly?: boolean; poolSize?: number } = {},
): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { openPgStore } = await import('./pg.js');
    return openPgStore(url, { poolSize: options.poolSize ?? 4 });
  }
  const file = /^sqlite:(.+)$/.exec(url)?.[1]?.replace(/^\/\/(?=\/)/, '');
  if (!file) throw new StoreUrlError(`"${url}": expected sqlite:<file> or postgres://…`);
  if (options.readonly && !fs.existsSync(file)) throw new StoreUrlError(`${file}: no such file`);
  return openSqliteStore(path.resolve(file), { readonly: options.readonly });
}

export class StoreUrlError extends Error {}

/** Where the data lives, for the start-up line; never prints a password. */
export function describeStore(config: Config): string {
  if (!config.databaseUrl) return `SQLite ${sqliteFile(config.dataDir)}`;
  const u = new URL(config.databaseUrl);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/** The same facts, structured, for the replay record of processing (issue 12 §13). */
export function storageFacts(config: Config): StorageFacts {
  if (!config.databaseUrl) {
    return { engine: 'SQLite', location: sqliteFile(config.dataDir), remoteHost: null };
  }
  const u = new URL(config.databaseUrl);
  const host = u.hostname;
  return {
    engine: 'PostgreSQL',
    location: `${host}:${u.port || 5432}${u.pathname}`,
    remoteHost: remoteHostOf('PostgreSQL', host),
  };
}
