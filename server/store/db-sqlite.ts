// The SQLite side of db.ts (better-sqlite3): statements prepared once per text and kept, units of
// work run synchronously inside one better-sqlite3 transaction, availability errors as 503s.
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { CounterWrite } from '../counters/types.js';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { driveSync, type Db, type Step } from './db.js';
import { StoreUnavailableError } from './types.js';

const dialect = new SQLiteSyncDialect();

/** Prepared statements kept per connection; texts are written in code, so few, but bounded. */
const maxStatements = 1000;

// SQLite error codes that mean "the database cannot take this write now", not "the code is wrong".
const unavailableCodes = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_PROTOCOL',
];

/** Maps an availability error to StoreUnavailableError (503); anything else is left as it is. */
export function asSqliteStoreError(err: unknown): unknown {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && unavailableCodes.some((c) => code.startsWith(c))) {
    return new StoreUnavailableError(`database unavailable (${code})`, code);
  }
  return err;
}

/**
 * `writeCounters`: the engine's counter write (sqlite.ts), run for `addCounters` steps inside the
 * unit's transaction (a nested better-sqlite3 transaction: a savepoint).
 */
export function sqliteDb(
  sqlite: Database.Database,
  writeCounters?: (write: CounterWrite) => void,
): Db {
  const statements = new Map<string, Database.Statement>();
  const prepare = (text: string): Database.Statement => {
    let stmt = statements.get(text);
    if (!stmt) {
      if (statements.size >= maxStatements) statements.clear();
      stmt = sqlite.prepare(text);
      statements.set(text, stmt);
    }
    return stmt;
  };
  const run = (step: Step): unknown => {
    if (step.kind === 'counters') {
      if (!writeCounters) throw new Error('this Db has no counter write');
      writeCounters(step.write);
      return 0;
    }
    const { sql: text, params } = dialect.sqlToQuery(step.query);
    const stmt = prepare(text);
    if (step.kind === 'exec') return stmt.run(params).changes;
    return step.kind === 'all' ? stmt.all(params) : stmt.get(params);
  };
  const guarded = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (err) {
      return Promise.reject(asSqliteStoreError(err));
    }
  };
  return {
    dialect: 'sqlite',
    all: (query) => guarded(() => run({ kind: 'all', query }) as never),
    get: (query) => guarded(() => run({ kind: 'get', query }) as never),
    exec: (query) => guarded(() => run({ kind: 'exec', query }) as number),
    tx: (work) => guarded(() => sqlite.transaction(() => driveSync(work(), run))()),
    writeTx: (work) => guarded(() => sqlite.transaction(() => driveSync(work(), run)).immediate()),
    // eslint-disable-next-line require-yield
    *pgOnly() {},
    forUpdate: sql``,
    bytewise: (column) => sql`${sql.identifier(column)}`,
  };
}
