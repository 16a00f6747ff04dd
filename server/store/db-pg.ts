// The PostgreSQL side of db.ts (postgres.js): statements sent with their parameters (postgres.js
// prepares each text once per connection), units of work inside `begin`, availability errors as
// 503s. int8 (count(*), bigint columns) is read as a JS number: exact to 2^53, far past any counter.
import { sql } from 'drizzle-orm';
import type { CounterWrite } from '../counters/types.js';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Sql, TransactionSql } from 'postgres';
import { driveAsync, type Db, type Step } from './db.js';
import { StoreUnavailableError } from './types.js';

const dialect = new PgDialect();

// SQLSTATE classes and codes that mean "the database cannot take this write now" (the client should
// retry later: 503), not "the code is wrong" (500). https://www.postgresql.org/docs/15/errcodes-appendix.html
const unavailableClasses = ['08', '53', '57P'];
const unavailableStates = new Set(['25006', '40001', '40P01', '55P03']);
// Socket errors from Node and postgres.js's own connection errors.
const unavailableErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

export function isUnavailable(code: string): boolean {
  return (
    unavailableErrnos.has(code) ||
    unavailableStates.has(code) ||
    unavailableClasses.some((c) => code.startsWith(c) && code.length === 5)
  );
}

/** Maps an availability error to StoreUnavailableError; drizzle wraps driver errors in `cause`. */
export function asPgStoreError(err: unknown): unknown {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && isUnavailable(code)) {
      return new StoreUnavailableError(`database unavailable (${code})`, code);
    }
  }
  return err;
}

export async function pgGuarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw asPgStoreError(err);
  }
}

/** postgres.js options that make its rows look like SQLite's: int8 as a number. */
export const pgTypes = {
  int8: {
    to: 20,
    from: [20],
    serialize: (x: number | bigint | string) => String(x),
    parse: (x: string) => Number(x),
  },
};

/** `writeCounters`: the engine's counter write (pg.ts), run for `addCounters` steps on the unit's connection. */
export function pgDb(
  client: Sql,
  writeCounters?: (conn: Sql | TransactionSql, write: CounterWrite) => Promise<void>,
): Db {
  const run = async (conn: Sql | TransactionSql, step: Step): Promise<unknown> => {
    if (step.kind === 'counters') {
      if (!writeCounters) throw new Error('this Db has no counter write');
      await writeCounters(conn, step.write);
      return 0;
    }
    const { sql: text, params } = dialect.sqlToQuery(step.query);
    const rows = await conn.unsafe(text, params as never[]);
    if (step.kind === 'exec') return rows.count;
    return step.kind === 'all' ? [...rows] : rows[0];
  };
  const tx: Db['tx'] = (work) =>
    pgGuarded(
      () => client.begin((t) => driveAsync(work(), (step) => run(t, step))) as Promise<never>,
    );
  return {
    dialect: 'postgres',
    all: (query) => pgGuarded(() => run(client, { kind: 'all', query }) as never),
    get: (query) => pgGuarded(() => run(client, { kind: 'get', query }) as never),
    exec: (query) => pgGuarded(() => run(client, { kind: 'exec', query }) as Promise<number>),
    tx,
    writeTx: tx,
    *pgOnly(query) {
      yield { kind: 'exec', query };
    },
    forUpdate: sql`for update`,
    bytewise: (column) => sql`${sql.identifier(column)} collate "C"`,
  };
}
