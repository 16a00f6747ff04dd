// Reads the environment once at boot into a frozen, typed Config; fails fast naming the variable.
import path from 'node:path';
import { AddressList, parseAddressEntry } from './http/addresses.js';

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
  /** The default cap for sites without their own (values per site, day and dimension). */
  readonly cardinalityCap: number;
  /** Install-wide ceiling on any site's cap: a higher setting is refused, the effective cap is the lower. */
  readonly maxCardinalityCap: number;
  /** Memory budget of the cardinality-cap state (known values per site, day, dimension), MiB. */
  readonly capStateMb: number;
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
  /**
   * More origins allowed to change state besides POMELO_PUBLIC_URL (the CSRF check). Without a
   * public URL, only these and origins naming the very address and port a request arrived on.
   */
  readonly allowedOrigins: readonly string[];
  /**
   * Server-side session expiry: after this long without a request, and in any case this long after
   * sign-in. Defaults 30 min / 12 h: ASVS 4.0 V3.3.2 level 2 (docs/SECURITY.md).
   */
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  /** Login/setup/invitation attempts per client (socket address, in memory only) per minute. */
  readonly authAttemptsPerMinute: number;
  /**
   * Reverse proxies (addresses and CIDR ranges, IPv4 and IPv6) whose X-Forwarded-For is believed
   * for the per-client attempt limit and whose X-Forwarded-Proto is believed for HTTPS.
   */
  readonly trustedProxies: AddressList;
  /** Events per second per site (token bucket, in memory); 0 turns the limit off. */
  readonly ingestRatePerSite: number;
  readonly ingestBurstPerSite: number;
  /** The audit chain's HMAC key from POMELO_AUDIT_KEY; undefined = the key file in dataDir. */
  readonly auditKey: Buffer | undefined;
  /** Who may create organisations: instance administrators only (default) or any signed-in user. */
  readonly orgCreation: 'admins' | 'anyone';
  /** Base64 of 32 bytes sealing TOTP secrets; unset: a key file in dataDir (secret-box.ts). */
  readonly secondFactorKey: string | undefined;
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

function parseOrigin(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (!/^https?:$/.test(url.protocol) || url.pathname.length > 1 || url.search || url.hash) {
    throw new ConfigError(
      `${name}=${JSON.stringify(raw)}: expected an origin such as https://stats.example.com (README, "Configuration")`,
    );
  }
  return url.origin;
}

function publicUrl(env: Env): string | undefined {
  const raw = env.POMELO_PUBLIC_URL;
  return raw ? parseOrigin('POMELO_PUBLIC_URL', raw) : undefined;
}

function allowedOrigins(env: Env): readonly string[] {
  return Object.freeze(
    (env.POMELO_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => parseOrigin('POMELO_ALLOWED_ORIGINS', entry)),
  );
}

function trustedProxies(env: Env): AddressList {
  const raw = env.POMELO_TRUSTED_PROXIES ?? '';
  const list = raw
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const invalid = list.find((entry) => parseAddressEntry(entry) === undefined);
  if (invalid !== undefined) {
    throw new ConfigError(
      `POMELO_TRUSTED_PROXIES: "${invalid}" is not an IP address or CIDR range (a comma-separated list such as 127.0.0.1,::1,10.0.0.0/8,fd00::/8; README, "Configuration")`,
    );
  }
  return new AddressList(list);
}

/** POMELO_SESSION_MAX_HOURS; the older POMELO_SESSION_MAX_DAYS is still read (× 24) when set alone. */
function sessionMaxHours(env: Env): number {
  if (!env.POMELO_SESSION_MAX_HOURS && env.POMELO_SESSION_MAX_DAYS) {
    return intVar(env, 'POMELO_SESSION_MAX_DAYS', 1, 1, 365) * 24;
  }
  return intVar(env, 'POMELO_SESSION_MAX_HOURS', 12, 1, 8_760);
}

/** POMELO_AUDIT_KEY: 32+ random bytes as hex (64+ digits) or base64. */
function auditKey(env: Env): Buffer | undefined {
  const text = env.POMELO_AUDIT_KEY?.trim();
  if (!text) return undefined;
  const key = /^(?:[0-9a-fA-F]{2})+$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)
      ? Buffer.from(text, 'base64')
      : undefined;
  if (!key || key.length < 32) {
    throw new ConfigError(
      'POMELO_AUDIT_KEY: expected at least 32 random bytes as hex or base64, e.g. `openssl rand -hex 32` (docs/SECURITY.md, "Audit key")',
    );
  }
  return key;
}

function secondFactorKey(env: Env): string | undefined {
  const raw = env.POMELO_SECOND_FACTOR_KEY;
  if (!raw) return undefined;
  if (Buffer.from(raw, 'base64').length !== 32) {
    throw new ConfigError(
      'POMELO_SECOND_FACTOR_KEY: expected the base64 of 32 random bytes, e.g. from `openssl rand -base64 32` (README, "Configuration")',
    );
  }
  return raw;
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
  const maxCardinalityCap = intVar(env, 'POMELO_MAX_CARDINALITY_CAP', 50_000, 10, 10_000_000);
  const cardinalityCap = intVar(env, 'POMELO_CARDINALITY_CAP', 25_000, 10, 10_000_000);
  if (cardinalityCap > maxCardinalityCap) {
    throw new ConfigError(
      `POMELO_CARDINALITY_CAP=${cardinalityCap} must not exceed POMELO_MAX_CARDINALITY_CAP=${maxCardinalityCap} (README, "Configuration")`,
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
    cardinalityCap,
    maxCardinalityCap,
    capStateMb: intVar(env, 'POMELO_CAP_STATE_MB', 64, 1, 1_000_000),
    maxPendingEvents: intVar(env, 'POMELO_MAX_PENDING', 20_000, 100, 10_000_000),
    maxBatchEvents: intVar(env, 'POMELO_MAX_BATCH', 5_000, 1, 1_000_000),
    maxLoopDelayMs: intVar(env, 'POMELO_MAX_LOOP_DELAY_MS', 100, 0, 60_000),
    maxCommitWaitMs: intVar(env, 'POMELO_MAX_COMMIT_WAIT_MS', 1_000, 0, 600_000),
    headersTimeoutMs,
    requestTimeoutMs,
    logLevel: oneOf(env, 'POMELO_LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'], 'info'),
    publicUrl: publicUrl(env),
    allowedOrigins: allowedOrigins(env),
    sessionIdleMinutes: intVar(env, 'POMELO_SESSION_IDLE_MINUTES', 30, 5, 525_600),
    sessionMaxHours: sessionMaxHours(env),
    authAttemptsPerMinute: intVar(env, 'POMELO_AUTH_RATE', 20, 1, 100_000),
    trustedProxies: trustedProxies(env),
    ingestRatePerSite: intVar(env, 'POMELO_INGEST_RATE', 2_000, 0, 10_000_000),
    ingestBurstPerSite: intVar(env, 'POMELO_INGEST_BURST', 20_000, 1, 100_000_000),
    auditKey: auditKey(env),
    orgCreation: oneOf(env, 'POMELO_ORG_CREATION', ['admins', 'anyone'] as const, 'admins'),
    secondFactorKey: secondFactorKey(env),
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
