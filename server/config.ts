// Reads the environment once at boot into a frozen, typed Config; fails fast naming the variable.
import { isIP } from 'node:net';
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
  /** How long a SQLite write waits for another connection's lock before the batch gets 503. */
  readonly sqliteBusyTimeoutMs: number;
  /** Largest SQLite database file in MiB (PRAGMA max_page_count); 0 = no limit. */
  readonly sqliteMaxSizeMb: number;
  readonly cardinalityCap: number;
  /** Events waiting for a commit before new ones get 503 + Retry-After. */
  readonly maxPendingEvents: number;
  /** Largest number of events merged into one transaction. */
  readonly maxBatchEvents: number;
  /** Event-loop delay (ms) that, persisting, starts shedding events with 503 (0 = off). */
  readonly maxLoopDelayMs: number;
  /** A commit running (or failing) after this many ms means a stalled database: new events get 503 (0 = off). */
  readonly maxCommitWaitMs: number;
  /** Time a client has to send the request headers (slowloris) before the socket is closed. */
  readonly headersTimeoutMs: number;
  /** Time a client has to send the whole request, body included, before the socket is closed. */
  readonly requestTimeoutMs: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** The address people use (https://… turns on Secure cookies and HSTS); links are built on it. */
  readonly publicUrl: string | undefined;
  /** Server-side session expiry: after this long without a request, and in any case after maxDays. */
  readonly sessionIdleMinutes: number;
  readonly sessionMaxDays: number;
  /** Login/setup/invitation attempts per client (socket address, in memory only) per minute. */
  readonly authAttemptsPerMinute: number;
  /** Reverse proxies whose X-Forwarded-For is believed for the per-client attempt limit. */
  readonly trustedProxies: ReadonlySet<string>;
  /** Events per second per site (token bucket, in memory); 0 turns the limit off. */
  readonly ingestRatePerSite: number;
  readonly ingestBurstPerSite: number;
  /** Install-wide replay storage budget in MiB: past it, open windows pause (docs/REPLAY.md §5). */
  readonly replayStorageMb: number;
  /** Per replay window, MiB of chunks stored at most. */
  readonly replayWindowMb: number;
  /** Per recording: MiB and chunks stored at most. */
  readonly replayRecordingMb: number;
  readonly replayRecordingChunks: number;
  /** Requests per minute per client (in memory) on the public replay routes: start/delete, chunks. */
  readonly replayStartRate: number;
  readonly replayChunkRate: number;
  /** The key-encryption key of replay window keys (32 bytes, base64 or hex); else a key file. */
  readonly replayKek: Buffer | undefined;
  /** Where the KEK file (replay.kek) and the per-window keyring live: never in a database backup. */
  readonly replayKeyDir: string;
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

function publicUrl(env: Env): string | undefined {
  const raw = env.POMELO_PUBLIC_URL;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (!/^https?:$/.test(url.protocol) || url.pathname.length > 1 || url.search || url.hash) {
    throw new ConfigError(
      `POMELO_PUBLIC_URL=${JSON.stringify(raw)}: expected an origin such as https://stats.example.com (README, "Configuration")`,
    );
  }
  return url.origin;
}

function trustedProxies(env: Env): ReadonlySet<string> {
  const raw = env.POMELO_TRUSTED_PROXIES ?? '';
  const list = raw
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const invalid = list.find((entry) => isIP(entry) === 0);
  if (invalid !== undefined) {
    throw new ConfigError(
      `POMELO_TRUSTED_PROXIES: "${invalid}" is not an IP address (a comma-separated list such as 127.0.0.1,::1; README, "Configuration")`,
    );
  }
  return new Set(list);
}

function replayKek(env: Env): Buffer | undefined {
  const raw = env.POMELO_REPLAY_KEK;
  if (raw === undefined || raw === '') return undefined;
  const bytes = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (bytes.length !== 32 || bytes.every((b) => b === 0)) {
    throw new ConfigError(
      'POMELO_REPLAY_KEK: expected 32 random bytes as 64 hex digits or base64 (openssl rand -base64 32; README, "Configuration")',
    );
  }
  return bytes;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const databaseUrl = env.POMELO_DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      'POMELO_DATABASE_URL: expected postgres://user@host:port/db, or unset for SQLite (docs/DEPLOY.md)',
    );
  }
  const headersTimeoutMs = intVar(env, 'POMELO_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000);
  const requestTimeoutMs = intVar(env, 'POMELO_REQUEST_TIMEOUT_MS', 15_000, 100, 600_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError(
      `POMELO_REQUEST_TIMEOUT_MS=${requestTimeoutMs} must not be shorter than POMELO_HEADERS_TIMEOUT_MS=${headersTimeoutMs} (README, "Configuration")`,
    );
  }
  return Object.freeze({
    host: env.HOST || '127.0.0.1',
    port: intVar(env, 'PORT', 8080, 0, 65535),
    dataDir: path.resolve(cwd, env.POMELO_DATA_DIR || './data'),
    databaseUrl,
    databasePoolSize: intVar(env, 'POMELO_DATABASE_POOL', 10, 1, 200),
    sqliteSync: oneOf(env, 'POMELO_SQLITE_SYNC', ['NORMAL', 'FULL'] as const, 'NORMAL'),
    sqliteBusyTimeoutMs: intVar(env, 'POMELO_SQLITE_BUSY_TIMEOUT_MS', 2_000, 0, 600_000),
    sqliteMaxSizeMb: intVar(env, 'POMELO_SQLITE_MAX_SIZE_MB', 0, 0, 16_000_000),
    cardinalityCap: intVar(env, 'POMELO_CARDINALITY_CAP', 25_000, 10, 10_000_000),
    maxPendingEvents: intVar(env, 'POMELO_MAX_PENDING', 20_000, 100, 10_000_000),
    maxBatchEvents: intVar(env, 'POMELO_MAX_BATCH', 5_000, 1, 1_000_000),
    maxLoopDelayMs: intVar(env, 'POMELO_MAX_LOOP_DELAY_MS', 100, 0, 60_000),
    maxCommitWaitMs: intVar(env, 'POMELO_MAX_COMMIT_WAIT_MS', 1_000, 0, 600_000),
    headersTimeoutMs,
    requestTimeoutMs,
    logLevel: oneOf(env, 'POMELO_LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'], 'info'),
    publicUrl: publicUrl(env),
    sessionIdleMinutes: intVar(env, 'POMELO_SESSION_IDLE_MINUTES', 7 * 24 * 60, 5, 525_600),
    sessionMaxDays: intVar(env, 'POMELO_SESSION_MAX_DAYS', 30, 1, 365),
    authAttemptsPerMinute: intVar(env, 'POMELO_AUTH_RATE', 20, 1, 100_000),
    trustedProxies: trustedProxies(env),
    ingestRatePerSite: intVar(env, 'POMELO_INGEST_RATE', 2_000, 0, 10_000_000),
    ingestBurstPerSite: intVar(env, 'POMELO_INGEST_BURST', 20_000, 1, 100_000_000),
    replayStorageMb: intVar(env, 'POMELO_REPLAY_STORAGE_MB', 1024, 1, 10_000_000),
    replayWindowMb: intVar(env, 'POMELO_REPLAY_WINDOW_MB', 256, 1, 10_000_000),
    replayRecordingMb: intVar(env, 'POMELO_REPLAY_RECORDING_MB', 16, 1, 1024),
    replayRecordingChunks: intVar(env, 'POMELO_REPLAY_RECORDING_CHUNKS', 2_000, 10, 10_000),
    replayStartRate: intVar(env, 'POMELO_REPLAY_START_RATE', 30, 1, 100_000),
    replayChunkRate: intVar(env, 'POMELO_REPLAY_CHUNK_RATE', 120, 1, 1_000_000),
    replayKek: replayKek(env),
    replayKeyDir: path.resolve(
      cwd,
      env.POMELO_REPLAY_KEY_DIR || path.join(env.POMELO_DATA_DIR || './data', 'replay-keys'),
    ),
  });
}
