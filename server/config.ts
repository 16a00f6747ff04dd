// Reads the environment once at boot into a frozen, typed Config. Every variable is defined ONCE in
// `variables` below (name, default, parser, description, secret flag): the same table validates at
// start, prints `pomelo config` and writes README's configuration table (`npm run docs:config`).
import path from 'node:path';
import { cliText, type CliMessageKey, type CliText } from './cli/text.js';
import { AddressList, parseAddressEntry } from './http/addresses.js';
import { isLocale, locales, posixLocale, type Locale } from './i18n/locale.js';

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
  /** Event requests read and not yet answered, server-wide, before the server stops reading connections. */
  readonly maxUnanswered: number;
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
  /** Bearer token that opens GET /metrics to non-loopback clients; undefined: loopback only. */
  readonly metricsToken: string | undefined;
  /** The language of terminal messages (CLI, configuration errors): POMELO_LANG, else LANG & co. */
  readonly lang: Locale;
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps:// (implicit TLS); unset: no mail. */
  readonly smtpUrl: string | undefined;
  /** The From address of reports and alerts. */
  readonly mailFrom: string | undefined;
  /** How long a node holds a message it claimed before another node may take it over. */
  readonly mailLeaseSeconds: number;
  /** How often due reports, alerts and retries are looked for. */
  readonly mailCheckSeconds: number;
}

/** A variable with a bad value: the message names it, the value and what is expected. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Thrown by a parser: "what is expected" (a message key); loadConfig adds the name and the value. */
class Expected extends Error {
  constructor(
    readonly key: CliMessageKey,
    readonly values: Record<string, string> = {},
  ) {
    super(key);
  }
}

export interface VariableDef {
  readonly name: string;
  readonly key: keyof Config;
  /** The default as README shows it ('' when there is none). */
  readonly shownDefault: string;
  readonly description: string;
  /** Never printed: `pomelo config` shows "(set)". */
  readonly secret?: boolean;
  /** raw is undefined when the variable is unset or empty. */
  parse(raw: string | undefined, cwd: string, env: Env): Config[keyof Config];
}

function int(min: number, max: number, fallback: number) {
  return (raw: string | undefined): number => {
    if (raw === undefined) return fallback;
    const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new Expected('expectedWholeNumber', { min: String(min), max: String(max) });
    }
    return n;
  };
}

function oneOf<T extends string>(allowed: readonly T[], fallback: T, upper = false) {
  return (raw: string | undefined): T => {
    if (raw === undefined) return fallback;
    const value = (upper ? raw.toUpperCase() : raw) as T;
    if (!allowed.includes(value))
      throw new Expected('expectedOneOf', { choices: allowed.join(', ') });
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
    throw new Expected('expectedOrigin');
  }
  return url.origin;
}

function addressList(raw: string | undefined): AddressList {
  const list = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const invalid = list.find((entry) => parseAddressEntry(entry) === undefined);
  if (invalid !== undefined) {
    throw new Expected('expectedAddressList', { invalid });
  }
  return new AddressList(list);
}

function originList(raw: string | undefined): readonly string[] {
  return Object.freeze(
    (raw ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => origin(entry)!),
  );
}

/** 32+ random bytes as hex or base64 (the audit key). */
function auditKey(raw: string | undefined): Buffer | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const key = /^(?:[0-9a-fA-F]{2})+$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)
      ? Buffer.from(text, 'base64')
      : undefined;
  if (!key || key.length < 32) {
    throw new Expected('expectedAuditKey');
  }
  return key;
}

function secondFactorKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (Buffer.from(raw, 'base64').length !== 32) {
    throw new Expected('expectedSecondFactorKey');
  }
  return raw;
}

function replayKek(raw: string | undefined): Buffer | undefined {
  if (raw === undefined) return undefined;
  const bytes = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (bytes.length !== 32 || bytes.every((x) => x === 0)) {
    throw new Expected('expectedReplayKek');
  }
  return bytes;
}

function postgresUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new Expected('expectedPostgresUrl');
  }
  return raw;
}

function token(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.length < 16 || /\s/.test(raw)) throw new Expected('expectedToken');
  return raw;
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !/^smtps?:$/.test(url.protocol) || !url.hostname) {
    throw new Expected('expectedSmtpUrl');
  }
  return raw;
}

function mailAddress(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // `Name <a@b.c>` or `a@b.c`; no line breaks (a header value).
  if (!/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(raw.trim())) {
    throw new Expected('expectedMailFrom');
  }
  return raw.trim();
}

/** POMELO_LANG, else the POSIX locale (LC_ALL, LC_MESSAGES, LANG), else English. */
function language(raw: string | undefined, _cwd: string, env: Env): Locale {
  if (raw === undefined) return posixLocale(env);
  const wanted = raw.trim().toLowerCase();
  if (!isLocale(wanted)) throw new Expected('expectedOneOf', { choices: locales.join(', ') });
  return wanted;
}

const def = <K extends keyof Config>(
  name: string,
  key: K,
  shownDefault: string,
  parse: (raw: string | undefined, cwd: string, env: Env) => Config[K],
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
    'distinct values per site, day and dimension for sites without their own cap; later values count as `(other)`; at most `POMELO_MAX_CARDINALITY_CAP`',
  ),
  def(
    'POMELO_MAX_CARDINALITY_CAP',
    'maxCardinalityCap',
    '50000',
    int(10, 10_000_000, 50_000),
    "install-wide ceiling on any site's cap: a higher setting is refused with `400` (API) or exit code 2 (CLI), and a cap stored before is applied as this ceiling",
  ),
  def(
    'POMELO_CAP_STATE_MB',
    'capStateMb',
    '64',
    int(1, 1_000_000, 64),
    'memory budget of the cardinality-cap state (a 48-byte hash per known value); past it the least recently used (site, day, dimension) keys are dropped and reloaded from the database when needed (docs/ARCHITECTURE.md, "Memory")',
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
    'POMELO_MAX_UNANSWERED',
    'maxUnanswered',
    '4096',
    int(16, 1_000_000, 4_096),
    'event requests read and not yet answered over all connections before the server stops reading every connection that sends events until half are answered: under a burst the queue waits in the kernel, so memory does not grow with the offered rate (a connection alone stops at 16; one whose last request was for the dashboard or the API is still read; docs/ARCHITECTURE.md)',
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
    'POMELO_LANG',
    'lang',
    '',
    language,
    'language of what the CLI prints and of configuration errors, as a code Pomelo ships (`en`, `fr`, …); unset: the language of `LC_ALL`, `LC_MESSAGES` or `LANG` (`fr_FR.UTF-8` → `fr`; `C`, `POSIX` or a language Pomelo does not ship → `en`). Command and option names, and machine-readable output, stay as they are',
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
    "the origin people use, e.g. `https://stats.example.com`; `https` turns on Secure `__Host-` cookies and HSTS; links are built on it; with it set, only it (and `POMELO_ALLOWED_ORIGINS`) may change state through the API; its host is the passkeys' relying-party id (without it, the request's origin: use `http://localhost`, not `127.0.0.1`, in development)",
  ),
  def(
    'POMELO_ALLOWED_ORIGINS',
    'allowedOrigins',
    '',
    originList,
    'comma-separated extra origins allowed to change state through the API (CSRF check), e.g. a second name of the dashboard',
  ),
  def(
    'POMELO_SESSION_IDLE_MINUTES',
    'sessionIdleMinutes',
    '30',
    int(5, 525_600, 30),
    'a dashboard session ends after this long without a request (ASVS 4.0 V3.3.2 level 2; docs/SECURITY.md)',
  ),
  def(
    'POMELO_SESSION_MAX_HOURS',
    'sessionMaxHours',
    '12',
    (raw, _cwd, env) =>
      raw === undefined && env.POMELO_SESSION_MAX_DAYS
        ? int(1, 365, 1)(env.POMELO_SESSION_MAX_DAYS) * 24
        : int(1, 8_760, 12)(raw),
    'a dashboard session ends this long after sign-in, active or not (ASVS level 2); shared links and API keys are not sessions and are unaffected. The older `POMELO_SESSION_MAX_DAYS` is still read when this one is unset',
  ),
  def(
    'POMELO_AUTH_RATE',
    'authAttemptsPerMinute',
    '20',
    int(1, 100_000, 20),
    'sign-in, setup and invitation attempts per client per minute (in memory; the address is never stored; IPv6 clients counted per /64)',
  ),
  def(
    'POMELO_SECOND_FACTOR_KEY',
    'secondFactorKey',
    '',
    secondFactorKey,
    'base64 of 32 random bytes (`openssl rand -base64 32`) sealing authenticator-app keys in the database; unset: `second-factor.key` in the data directory, created at first use (mode 0600). Set the same value on every node sharing a PostgreSQL database. Losing it disables the apps (recovery codes and passkeys still work)',
    true,
  ),
  def(
    'POMELO_TRUSTED_PROXIES',
    'trustedProxies',
    '',
    addressList,
    'comma-separated addresses or CIDR ranges, IPv4 or IPv6 (`127.0.0.1,::1,10.0.0.0/8,fd00::/8`), of your reverse proxies; only their `X-Forwarded-For` is believed for the per-client limit and their `X-Forwarded-Proto: https` for Secure cookies and HSTS (docs/DEPLOY.md)',
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
    'POMELO_AUDIT_KEY',
    'auditKey',
    '',
    auditKey,
    'the audit chain\'s HMAC key: 32+ random bytes as hex or base64 (`openssl rand -hex 32`); unset: a key file `audit.key` in `POMELO_DATA_DIR`, created at first start; set the same value on every node and CLI host; keep it apart from database backups (docs/SECURITY.md, "Audit key")',
    true,
  ),
  def(
    'POMELO_ORG_CREATION',
    'orgCreation',
    'admins',
    oneOf(['admins', 'anyone'] as const, 'admins'),
    'who may create organisations: `admins` (instance administrators: the setup owner and `user add --instance-admin`) or `anyone` signed in',
  ),
  def(
    'POMELO_REPLAY_STORAGE_MB',
    'replayStorageMb',
    '1024',
    int(1, 10_000_000, 1024),
    'install-wide budget for replay recordings (MiB); when it is used up, open replay windows pause with the reason shown, and pageviews keep counting (docs/REPLAY.md §5)',
  ),
  def(
    'POMELO_REPLAY_WINDOW_MB',
    'replayWindowMb',
    '256',
    int(1, 10_000_000, 256),
    'replay bytes stored per window at most; reaching it pauses the window',
  ),
  def(
    'POMELO_REPLAY_RECORDING_MB',
    'replayRecordingMb',
    '16',
    int(1, 1024, 16),
    'replay bytes stored per recording at most; past it the recording ends',
  ),
  def(
    'POMELO_REPLAY_RECORDING_CHUNKS',
    'replayRecordingChunks',
    '2000',
    int(10, 10_000, 2_000),
    'replay chunks stored per recording at most',
  ),
  def(
    'POMELO_REPLAY_START_RATE',
    'replayStartRate',
    '30',
    int(1, 100_000, 30),
    'replay starts and withdrawals per client per minute (in memory; the address is never stored)',
  ),
  def(
    'POMELO_REPLAY_CHUNK_RATE',
    'replayChunkRate',
    '120',
    int(1, 1_000_000, 120),
    'replay chunk uploads per client per minute',
  ),
  def(
    'POMELO_REPLAY_KEK',
    'replayKek',
    '',
    replayKek,
    'the key-encryption key of replay window keys: 32 random bytes as 64 hex digits or base64 (`openssl rand -base64 32`); unset, `<key dir>/replay.kek` is created at first start (`0600`). Set it on every node of a PostgreSQL deployment',
    true,
  ),
  def(
    'POMELO_REPLAY_KEY_DIR',
    'replayKeyDir',
    '<POMELO_DATA_DIR>/replay-keys',
    (raw, cwd, env) =>
      path.resolve(cwd, raw ?? path.join(env.POMELO_DATA_DIR || './data', 'replay-keys')),
    "the replay keyring (per-window secrets, and the KEK file): **keep it out of database and filesystem backups** — a purge deletes a window's secret, which is what makes old backups unreadable (docs/REPLAY.md §8); shared by all nodes",
  ),
  def(
    'POMELO_METRICS_TOKEN',
    'metricsToken',
    '',
    token,
    '`GET /metrics` answers loopback clients only, or clients sending `Authorization: Bearer <this token>` (at least 16 characters)',
    true,
  ),
  def(
    'POMELO_SMTP_URL',
    'smtpUrl',
    '',
    smtpUrl,
    'the mail server for scheduled reports and alerts: `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://user:pass@host:465` (implicit TLS); unset: no mail is sent and the dashboard says so (docs/DEPLOY.md, "Mail")',
    true,
  ),
  def(
    'POMELO_MAIL_FROM',
    'mailFrom',
    '',
    mailAddress,
    'the sender of reports and alerts, `Pomelo <stats@example.com>` or `stats@example.com`; required with `POMELO_SMTP_URL`',
  ),
  def(
    'POMELO_MAIL_LEASE_SECONDS',
    'mailLeaseSeconds',
    '300',
    int(2, 86_400, 300),
    'how long a node holds a message it claimed; a node that dies while sending leaves it to another (or to itself after a restart) once this has passed. Keep it above the SMTP timeouts (a third of it each)',
  ),
  def(
    'POMELO_MAIL_CHECK_SECONDS',
    'mailCheckSeconds',
    '60',
    int(1, 3_600, 60),
    'how often due reports, alerts and retries are looked for',
  ),
];

function read(variable: VariableDef, env: Env, cwd: string, t: CliText): Config[keyof Config] {
  const raw = env[variable.name];
  try {
    return variable.parse(raw === '' ? undefined : raw, cwd, env);
  } catch (err) {
    if (!(err instanceof Expected)) throw err;
    const shown = variable.secret ? t('configRedacted') : JSON.stringify(raw);
    throw new ConfigError(
      t('configInvalid', { name: variable.name, expected: t(err.key, err.values), value: shown }),
    );
  }
}

const langVariable = variables.find((v) => v.key === 'lang')!;

/**
 * The language of terminal messages, read before anything else (help is printed before the rest of
 * the configuration is checked). An invalid POMELO_LANG is refused in the POSIX locale's language.
 */
export function terminalLocale(env: Env = process.env): Locale {
  return read(langVariable, env, '/', cliText(posixLocale(env))) as Locale;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const t = cliText(terminalLocale(env));
  const values: Record<string, unknown> = {};
  for (const variable of variables) values[variable.key] = read(variable, env, cwd, t);
  const config = values as unknown as Config;
  if (config.cardinalityCap > config.maxCardinalityCap) {
    throw new ConfigError(
      t('configCapAboveMax', {
        cap: String(config.cardinalityCap),
        max: String(config.maxCardinalityCap),
      }),
    );
  }
  if (config.smtpUrl !== undefined && config.mailFrom === undefined) {
    throw new ConfigError(t('configMailFromMissing'));
  }
  if (config.requestTimeoutMs < config.headersTimeoutMs) {
    throw new ConfigError(
      t('configRequestBelowHeaders', {
        request: String(config.requestTimeoutMs),
        headers: String(config.headersTimeoutMs),
      }),
    );
  }
  return Object.freeze(config);
}

/** The effective configuration, one `NAME=value` line each; secrets show "(set)" only. */
export function describeConfig(config: Config, env: Env = process.env): string[] {
  const t = cliText(config.lang);
  return variables.map((variable) => {
    const value = config[variable.key];
    const fromEnv = env[variable.name] !== undefined && env[variable.name] !== '';
    const shown =
      value === undefined
        ? t('configUnset')
        : variable.secret
          ? t('configSetRedacted')
          : value instanceof AddressList
            ? value.entries.join(',') || t('configNone')
            : Array.isArray(value)
              ? value.join(',') || t('configNone')
              : String(value);
    return `${variable.name}=${shown}${fromEnv ? '' : `  ${t('configDefault')}`}`;
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
