// The one seam between store code and the two databases. Store methods are written once, as SQL
// that both SQLite and PostgreSQL accept (drizzle's `sql` template: parameters are bound, never
// spliced) run through a `Db`; what differs between the databases lives in the two adapters
// (db-sqlite.ts, db-pg.ts) and in the few fragments exported here.
//
// Multi-statement work is a generator: `db.tx(function* () { const row = yield* get(...); ... })`.
// The adapter answers each yielded statement. On SQLite it does so synchronously inside one
// better-sqlite3 transaction, so nothing else on the connection can interleave (an async callback
// would yield to the event loop between statements, and another request's statements would run
// inside this transaction). On PostgreSQL it awaits each statement inside a real transaction.
import { sql, type SQL } from 'drizzle-orm';
import type { CounterWrite } from '../counters/types.js';

export type Dialect = 'sqlite' | 'postgres';

/** One statement a unit of work asks the adapter to run. */
export type Step =
  | { kind: 'all' | 'get' | 'exec'; query: SQL }
  /** The engine's counter write (the body of `applyCounterDeltas`), inside this unit's transaction. */
  | { kind: 'counters'; write: CounterWrite };

/** A unit of work: yields statements, receives their results, returns its value. */
export type Work<T> = Generator<Step, T, unknown>;

/** Every row of a query. */
export function* all<R>(query: SQL): Work<R[]> {
  return (yield { kind: 'all', query }) as R[];
}

/** The first row of a query, or undefined. */
export function* get<R>(query: SQL): Work<R | undefined> {
  return (yield { kind: 'get', query }) as R | undefined;
}

/** Runs a statement; returns how many rows it changed. */
export function* exec(query: SQL): Work<number> {
  return (yield { kind: 'exec', query }) as number;
}

/**
 * Adds a CounterWrite to the counters through the engine's own write path (the one
 * `applyCounterDeltas` runs), as a step of this unit: imports apply many writes in one transaction.
 */
export function* addCounters(write: CounterWrite): Work<void> {
  yield { kind: 'counters', write };
}

export interface Db {
  readonly dialect: Dialect;
  all<R>(query: SQL): Promise<R[]>;
  get<R>(query: SQL): Promise<R | undefined>;
  /** Runs a statement; resolves to how many rows it changed. */
  exec(query: SQL): Promise<number>;
  /** Runs a unit of work in one transaction: all of it or none of it. */
  tx<T>(work: () => Work<T>): Promise<T>;
  /**
   * A unit that reads, then writes what it read depends on (the audit chain's next row): on SQLite
   * it takes the write lock at BEGIN (IMMEDIATE), so another process waits instead of writing in
   * between and failing this one with SQLITE_BUSY_SNAPSHOT; on PostgreSQL the same as `tx`.
   */
  writeTx<T>(work: () => Work<T>): Promise<T>;
  /**
   * Statements that only PostgreSQL needs inside a transaction, such as an advisory lock that
   * serialises a chain across nodes (a SQLite transaction already holds the only write lock).
   */
  pgOnly(query: SQL): Work<void>;
  /** `for update` on PostgreSQL (locks the rows read); nothing on SQLite. */
  readonly forUpdate: SQL;
  /** A column ordered by bytes: SQLite's BINARY collation, `collate "C"` on PostgreSQL. */
  bytewise(column: string): SQL;
}

/** Drives a unit of work with a synchronous executor (SQLite). */
export function driveSync<T>(work: Work<T>, run: (step: Step) => unknown): T {
  let input: unknown;
  let error: unknown;
  let failed = false;
  for (;;) {
    const next = failed ? work.throw(error) : work.next(input);
    if (next.done) return next.value;
    failed = false;
    try {
      input = run(next.value);
    } catch (err) {
      error = err;
      failed = true;
    }
  }
}

/** Drives a unit of work with an asynchronous executor (PostgreSQL). */
export async function driveAsync<T>(
  work: Work<T>,
  run: (step: Step) => Promise<unknown>,
): Promise<T> {
  let input: unknown;
  let error: unknown;
  let failed = false;
  for (;;) {
    const next = failed ? work.throw(error) : work.next(input);
    if (next.done) return next.value;
    failed = false;
    try {
      input = await run(next.value);
    } catch (err) {
      error = err;
      failed = true;
    }
  }
}

/** `"a", "b"` — a column list from names. */
export function columnList(names: readonly string[]): SQL {
  return sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
}

/** `(…), (…)` — the VALUES tuples of a multi-row insert, in `names` order. */
export function valueTuples(
  rows: readonly Record<string, unknown>[],
  names: readonly string[],
): SQL {
  return sql.join(
    rows.map(
      (row) =>
        sql`(${sql.join(
          names.map((n) => sql`${row[n] ?? null}`),
          sql`, `,
        )})`,
    ),
    sql`, `,
  );
}

/** `col IN (…)` that is false for an empty list (both databases reject `IN ()`). */
export function inList(column: SQL, values: readonly (string | number)[]): SQL {
  if (values.length === 0) return sql`1 = 0`;
  return sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}
