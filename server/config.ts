// Reads the environment once at boot into a frozen, typed Config. Every variable is defined ONCE in
// `variables` below (name, default, parser, description, secret flag): the same table validates at
// start, prints `pomelo config` and writes README's configuration table (`npm run docs:config`).
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
  /** Bearer token that opens GET /metrics to non-loopback clients; undefined: loopback only. */
  readonly metricsToken: string | undefined;
}

/** A variable with a bad value: the message names it, the value and what is expected. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Thrown by a parser: "what is expected"; loadConfig adds the name and the value. */
class Expected extends Error {}

export interface VariableDef {
  readonly name: string;
  readonly key: keyof Config;
  /** The default as README shows it ('' when there is none). */
  readonly shownDefault: string;
  readonly description: string;
  /** Never printed: `pomelo config` shows "(set)". */
  readonly secret?: boolean;
  /** raw is undefined when the variable is unset or empty. */
  parse(raw: string | undefined, cwd: string): Config[keyof Config];
}

function int(min: number, max: number, fallback: number) {
  return (raw: string | undefined): number => {
    if (raw === undefined) return fallback;
    const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new Expected(`a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

function oneOf<T extends string>(allowed: readonly T[], fallback: T, upper = false) {
  return (raw: string | undefined): T => {
    if (raw === undefined) return fallback;
    const value = (upper ? raw.toUpperCase() : raw) as T;
    if (!allowed.includes(value)) throw new Expected(`one of ${allowed.join(', ')}`);
    return value;
  };
}

function origin(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (!/^https?:$/.test(url.protocol) || url.pathname.length > 1 || url.search || url.hash) {
    throw new Expected('an origin such as https://stats.example.com');
  }
  return url.origin;
}

function ipList(raw: string | undefined): ReadonlySet<string> {
  const list = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const invalid = list.find((entry) => isIP(entry) === 0);
  if (invalid !== undefined) {
    throw new Expected(`IP addresses separated by commas ("${invalid}" is not one)`);
  }
  return new Set(list);
}

function postgresUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new Expected('postgres://user@host:port/db, or unset for SQLite');
  }
  return raw;
}

function token(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.length < 16 || /\s/.test(raw)) throw new Expected('at least 16 characters, no spaces');
  return raw;
}

const def = <K extends keyof Config>(
  name: string,
  key: K,
  shownDefault: string,
  parse: (raw: string | undefined, cwd: string) => Config[K],
  description: string,
  secret = false,
): VariableDef => ({ name, key, shownDefault, parse, description, secret });

/** Every environment variable Pomelo reads, in README order. */
export const variables: readonly VariableDef[] = [
  def('PORT', 'port', '8080', int(0, 65535, 8080), 'HTTP port'),
  def(
    'HOST',
    'host',
    '127.0.0.1',
    (raw) => raw ?? '127.0.0.1',
    'address to listen on (`0.0.0.0` behind a proxy on another host)',
  ),
  def(
    'POMELO_DATA_DIR',
    'dataDir',
    './data',
    (raw, cwd) => path.resolve(cwd, raw ?? './data'),
    'where the SQLite database lives',
  ),
  def(
    'POMELO_DATABASE_URL',
    'databaseUrl',
    '',
    postgresUrl,
    '`postgres://…` to use PostgreSQL instead of SQLite (docs/DEPLOY.md)',
    true,
  ),
  def(
    'POMELO_DATABASE_POOL',
    'databasePoolSize',
    '10',
    int(1, 200, 10),
    'PostgreSQL connections per node',
  ),
  def(
    'POMELO_SQLITE_SYNC',
    'sqliteSync',
    'NORMAL',
    oneOf(['NORMAL', 'FULL'] as const, 'NORMAL', true),
    '`NORMAL`: an acknowledged event survives a crash or `kill -9`; `FULL`: also a power cut (slower)',
  ),
  def(
    'POMELO_SQLITE_BUSY_TIMEOUT_MS',
    'sqliteBusyTimeoutMs',
    '2000',
    int(0, 600_000, 2_000),
    "how long a write waits for another process's lock on the SQLite file before the events get `503` + `Retry-After`",
  ),
  def(
    'POMELO_SQLITE_MAX_SIZE_MB',
    'sqliteMaxSizeMb',
    '0',
    int(0, 16_000_000, 0),
    'largest SQLite database file in MiB (`0`: no limit); past it, writes that need new space get `503` (`storage_unavailable`) until space is freed inside the file or the limit is raised',
  ),
  def(
    'POMELO_CARDINALITY_CAP',
    'cardinalityCap',
    '25000',
    int(10, 10_000_000, 25_000),
    'distinct values per site, day and dimension; later values count as `(other)`',
  ),
  def(
    'POMELO_MAX_PENDING',
    'maxPendingEvents',
    '20000',
    int(100, 10_000_000, 20_000),
    'events waiting for the database before new ones get `503` + `Retry-After`',
  ),
  def(
    'POMELO_MAX_BATCH',
    'maxBatchEvents',
    '5000',
    int(1, 1_000_000, 5_000),
    'events merged into one transaction at most',
  ),
  def(
    'POMELO_MAX_LOOP_DELAY_MS',
    'maxLoopDelayMs',
    '100',
    int(0, 60_000, 100),
    'overload shedding: while the event loop runs later than this with many events waiting, a share of new events gets `503` + `Retry-After` before the body is read (`0` = off; docs/ARCHITECTURE.md)',
  ),
  def(
    'POMELO_MAX_COMMIT_WAIT_MS',
    'maxCommitWaitMs',
    '1000',
    int(0, 600_000, 1_000),
    'a commit still running after this long, or failing after waiting this long, counts as a stalled database: new events get `503` + `Retry-After: 5` until commits recover (`0` = off)',
  ),
  def(
    'POMELO_HEADERS_TIMEOUT_MS',
    'headersTimeoutMs',
    '10000',
    int(100, 600_000, 10_000),
    'time a client has to send its request headers before the connection is closed (slowloris)',
  ),
  def(
    'POMELO_REQUEST_TIMEOUT_MS',
    'requestTimeoutMs',
    '15000',
    int(100, 600_000, 15_000),
    'time a client has to send the whole request, body included (slow bodies); not shorter than the headers timeout',
  ),
  def(
    'POMELO_LOG_LEVEL',
    'logLevel',
    'info',
    oneOf(['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    '`debug`, `info`, `warn`, `error` or `silent`',
  ),
  def(
    'POMELO_PUBLIC_URL',
    'publicUrl',
    '',
    origin,
    'the origin people use, e.g. `https://stats.example.com`; `https` turns on Secure cookies and HSTS',
  ),
  def(
    'POMELO_SESSION_IDLE_MINUTES',
    'sessionIdleMinutes',
    '10080',
    int(5, 525_600, 7 * 24 * 60),
    'a dashboard session ends after this long without a request (10080: 7 days)',
  ),
  def(
    'POMELO_SESSION_MAX_DAYS',
    'sessionMaxDays',
    '30',
    int(1, 365, 30),
    'a dashboard session ends this long after sign-in, active or not',
  ),
  def(
    'POMELO_AUTH_RATE',
    'authAttemptsPerMinute',
    '20',
    int(1, 100_000, 20),
    'sign-in, setup and invitation attempts per client per minute (in memory; the address is never stored)',
  ),
  def(
    'POMELO_TRUSTED_PROXIES',
    'trustedProxies',
    '',
    ipList,
    'comma-separated IPs of your reverse proxies; only their `X-Forwarded-For` is believed for the per-client limit (docs/DEPLOY.md)',
  ),
  def(
    'POMELO_INGEST_RATE',
    'ingestRatePerSite',
    '2000',
    int(0, 10_000_000, 2_000),
    'events per second per site before `429` + `Retry-After` (`0`: no limit)',
  ),
  def(
    'POMELO_INGEST_BURST',
    'ingestBurstPerSite',
    '20000',
    int(1, 100_000_000, 20_000),
    'events a site may send at once above that rate',
  ),
  def(
    'POMELO_METRICS_TOKEN',
    'metricsToken',
    '',
    token,
    '`GET /metrics` answers loopback clients only, or clients sending `Authorization: Bearer <this token>` (at least 16 characters)',
    true,
  ),
];

function read(variable: VariableDef, env: Env, cwd: string): Config[keyof Config] {
  const raw = env[variable.name];
  try {
    return variable.parse(raw === '' ? undefined : raw, cwd);
  } catch (err) {
    if (!(err instanceof Expected)) throw err;
    const shown = variable.secret ? '(redacted)' : JSON.stringify(raw);
    throw new ConfigError(
      `${variable.name} must be ${err.message}, got ${shown} (README, "Configuration")`,
    );
  }
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const values: Record<string, unknown> = {};
  for (const variable of variables) values[variable.key] = read(variable, env, cwd);
  const config = values as unknown as Config;
  if (config.requestTimeoutMs < config.headersTimeoutMs) {
    throw new ConfigError(
      `POMELO_REQUEST_TIMEOUT_MS must not be shorter than POMELO_HEADERS_TIMEOUT_MS (${config.requestTimeoutMs} < ${config.headersTimeoutMs}) (README, "Configuration")`,
    );
  }
  return Object.freeze(config);
}

/** The effective configuration, one `NAME=value` line each; secrets show "(set)" only. */
export function describeConfig(config: Config, env: Env = process.env): string[] {
  return variables.map((variable) => {
    const value = config[variable.key];
    const fromEnv = env[variable.name] !== undefined && env[variable.name] !== '';
    const shown =
      value === undefined
        ? '(unset)'
        : variable.secret
          ? '(set, redacted)'
          : value instanceof Set
            ? [...value].join(',') || '(none)'
            : String(value);
    return `${variable.name}=${shown}${fromEnv ? '' : '  # default'}`;
  });
}

/** README's configuration table, generated from `variables` (scripts/config-docs.ts). */
export function configTable(): string {
  const rows = variables.map(
    (v) =>
      `| \`${v.name}\` | ${v.shownDefault === '' ? '—' : `\`${v.shownDefault}\``} | ${v.description}${v.secret ? ' (secret: never printed)' : ''} |`,
  );
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
