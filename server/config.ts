// Reads the environment once at boot into a frozen, typed Config; fails fast naming the variable.
import path from 'node:path';

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** postgres://… selects PostgreSQL; undefined means embedded SQLite in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  /** SQLite `synchronous`: NORMAL survives a process crash (kill -9), FULL also a power cut. */
  readonly sqliteSync: 'NORMAL' | 'FULL';
  readonly cardinalityCap: number;
  /** Events waiting for a commit before new ones get 503 + Retry-After. */
  readonly maxPendingEvents: number;
  /** Largest number of events merged into one transaction. */
  readonly maxBatchEvents: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(
      `${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max} (README, "Configuration")`,
    );
  }
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = (name === 'POMELO_SQLITE_SYNC' ? raw.toUpperCase() : raw) as T;
  if (!allowed.includes(value)) {
    throw new ConfigError(
      `${name}=${JSON.stringify(raw)}: expected one of ${allowed.join(', ')} (README, "Configuration")`,
    );
  }
  return value;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const databaseUrl = env.POMELO_DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      'POMELO_DATABASE_URL: expected postgres://user@host:port/db, or unset for SQLite (docs/DEPLOY.md)',
    );
  }
  return Object.freeze({
    host: env.HOST || '127.0.0.1',
    port: intVar(env, 'PORT', 8080, 0, 65535),
    dataDir: path.resolve(cwd, env.POMELO_DATA_DIR || './data'),
    databaseUrl,
    databasePoolSize: intVar(env, 'POMELO_DATABASE_POOL', 10, 1, 200),
    sqliteSync: oneOf(env, 'POMELO_SQLITE_SYNC', ['NORMAL', 'FULL'] as const, 'NORMAL'),
    cardinalityCap: intVar(env, 'POMELO_CARDINALITY_CAP', 25_000, 10, 10_000_000),
    maxPendingEvents: intVar(env, 'POMELO_MAX_PENDING', 20_000, 100, 10_000_000),
    maxBatchEvents: intVar(env, 'POMELO_MAX_BATCH', 5_000, 1, 1_000_000),
    logLevel: oneOf(env, 'POMELO_LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'], 'info'),
  });
}
