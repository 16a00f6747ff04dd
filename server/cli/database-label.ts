// Pure: which database a command opened, as one line for people (stderr) — never the password.
import type { Config } from '../config.js';

export type DatabaseLabel =
  { engine: 'SQLite'; file: string } | { engine: 'PostgreSQL'; host: string; name: string };

/** The configured database: the SQLite file, or PostgreSQL's host[:port]/database (no user, no password). */
export function databaseLabel(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  sqliteFile: (dataDir: string) => string,
): DatabaseLabel {
  if (!config.databaseUrl) return { engine: 'SQLite', file: sqliteFile(config.dataDir) };
  let url: URL;
  try {
    url = new URL(config.databaseUrl);
  } catch {
    return { engine: 'PostgreSQL', host: '?', name: '?' };
  }
  // postgres:///db?host=/run/postgresql names a socket directory in the query.
  const host = url.host || url.searchParams.get('host') || 'localhost';
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || url.username || 'postgres';
  return { engine: 'PostgreSQL', host: decodeURIComponent(host), name };
}
