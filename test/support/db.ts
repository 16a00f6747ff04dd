// Fresh databases for tests: a new PostgreSQL database per call, and which backends a run covers.
import crypto from 'node:crypto';
import postgres from 'postgres';

export type Backend = 'sqlite' | 'postgres';

/** The PostgreSQL server of the test machine (CI starts it: .ci/run); trust auth, user postgres. */
export const pgServerUrl = 'postgres://postgres@127.0.0.1:5432/';
/** The maintenance database that CREATE/DROP DATABASE run from. */
const adminUrl = `${pgServerUrl}test`;

export interface PgDatabase {
  url: string;
  name: string;
  /** Drops the database, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    return await work(sql);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ECONNREFUSED' || code === 'CONNECT_TIMEOUT') {
      throw new Error(
        `PostgreSQL is not running on 127.0.0.1:5432 (${code}). Start it ` +
          '(pg_ctlcluster --skip-systemctl-redirect <version> main start) or run with POMELO_TEST_PG=0 ' +
          'to test SQLite only.',
      );
    }
    throw err;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Creates an empty database pomelo_test_<random hex> and returns its URL. */
export async function createPgDatabase(): Promise<PgDatabase> {
  const name = `pomelo_test_${crypto.randomBytes(6).toString('hex')}`;
  // Identifiers cannot be bound as parameters; `name` is built above from hex digits only.
  await withAdmin((sql) => sql.unsafe(`CREATE DATABASE ${name}`));
  let dropped = false;
  return {
    url: `${pgServerUrl}${name}`,
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin((sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * The backends this run tests: SQLite always, PostgreSQL unless POMELO_TEST_PG=0. A missing
 * PostgreSQL server then fails the PostgreSQL tests loudly instead of skipping them.
 */
export function testBackends(env: Record<string, string | undefined> = process.env): Backend[] {
  if (env.POMELO_TEST_PG !== '0') return ['sqlite', 'postgres'];
  // Under CI=true / POMELO_REQUIRE_ALL=1 nothing may be skipped: leaving PostgreSQL out fails.
  if (env.CI === 'true' || env.POMELO_REQUIRE_ALL === '1') {
    throw new Error(
      'missing prerequisite: PostgreSQL — POMELO_TEST_PG=0 leaves the PostgreSQL suites out, which CI=true / POMELO_REQUIRE_ALL=1 refuses (start PostgreSQL on 127.0.0.1:5432 and unset POMELO_TEST_PG)',
    );
  }
  return ['sqlite'];
}

/** Whether this run includes PostgreSQL (for `describe.runIf`). */
export const testsPostgres = (): boolean => testBackends().includes('postgres');
