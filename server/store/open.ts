// Opens the configured store: PostgreSQL when a database URL is set, else SQLite in the data dir.
import type { Config } from '../config.js';
import { openSqliteStore, sqliteFile } from './sqlite.js';
import type { Store } from './types.js';

export async function openStore(config: Config): Promise<Store> {
  if (config.databaseUrl) {
    const { openPgStore } = await import('./pg.js');
    return openPgStore(config.databaseUrl, { poolSize: config.databasePoolSize });
  }
  return openSqliteStore(sqliteFile(config.dataDir), { synchronous: config.sqliteSync });
}

/** Where the data lives, for the start-up line; never prints a password. */
export function describeStore(config: Config): string {
  if (!config.databaseUrl) return `SQLite ${sqliteFile(config.dataDir)}`;
  const u = new URL(config.databaseUrl);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
