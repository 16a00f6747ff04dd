// SQLite tables for the logical model in model.ts. Generated migrations live in drizzle/sqlite/.
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  unique,
} from 'drizzle-orm/sqlite-core';

const counters = {
  pageviews: integer('pageviews').notNull().default(0),
  visits: integer('visits').notNull().default(0),
  bounces: integer('bounces').notNull().default(0),
  exits: integer('exits').notNull().default(0),
  engagedMs: integer('engaged_ms').notNull().default(0),
  engagements: integer('engagements').notNull().default(0),
  scrollSum: integer('scroll_sum').notNull().default(0),
  events: integer('events').notNull().default(0),
};

export const sites = sqliteTable('sites', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  domain: text('domain').notNull().unique(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  settings: text('settings').notNull().default('{}'),
  createdAt: text('created_at').notNull(),
  /** Null only for sites added by the CLI before any organisation existed; setup adopts them. */
  orgId: integer('org_id'),
});

// daily_counters and hourly_counters are WITHOUT ROWID tables (clustered on their primary key:
// cheaper upserts, smaller file), made so by the hand-written migration
// drizzle/sqlite/0003_counters_without_rowid.sql because drizzle cannot declare it. Keep it that
// way: a generated migration that recreates one of them (a change ALTER TABLE cannot make) drops
// WITHOUT ROWID silently; add it back by hand (test/store/counters-without-rowid.test.ts checks).
export const dailyCounters = sqliteTable(
  'daily_counters',
  {
    siteId: integer('site_id').notNull(),
    day: text('day').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    ...counters,
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day, t.dimension, t.value] })],
);

export const hourlyCounters = sqliteTable(
  'hourly_counters',
  {
    siteId: integer('site_id').notNull(),
    hour: text('hour').notNull(),
    ...counters,
  },
  (t) => [primaryKey({ columns: [t.siteId, t.hour] })],
);

/**
 * Counter writes committed but not yet added to the counters (SQLite: server/store/counter-journal.ts):
 * one row per group commit, its counter rows as JSON; the writer merges them into the counter
 * tables within a second, before any read, and at start-up after a crash. Unused on PostgreSQL
 * (kept for schema parity with the other dialect).
 */
export const counterJournal = sqliteTable('counter_journal', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The process that appended the row (random per store opened): see counter-journal.ts. */
  writer: text('writer').notNull(),
  write: text('write').notNull(),
});

/** Unused on SQLite (realtime stays in memory there: one process); kept for schema parity with pg.ts. */
export const minuteCounters = sqliteTable(
  'minute_counters',
  {
    siteId: integer('site_id').notNull(),
    minute: integer('minute').notNull(),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.minute, t.kind, t.value] })],
);

export const orgs = sqliteTable('orgs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  createdAt: text('created_at').notNull(),
  /** 1: every member must have a second factor before reaching anything of the org. */
  requireSecondFactor: integer('require_second_factor').notNull().default(0),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: text('locked_until'),
  createdAt: text('created_at').notNull(),
  /** 1: may create organisations under POMELO_ORG_CREATION=admins. */
  instanceAdmin: integer('instance_admin').notNull().default(0),
  /** The dashboard's language chosen by the user (server/i18n/locale.ts); null: the browser's. */
  locale: text('locale'),
});

export const memberships = sqliteTable(
  'memberships',
  {
    orgId: integer('org_id').notNull(),
    userId: integer('user_id').notNull(),
    role: text('role').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user').on(t.userId)],
);

/** Only a SHA-256 of the session token is stored: a copy of the table opens no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const invitations = sqliteTable('invitations', {
  id: text('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  role: text('role').notNull(),
  email: text('email'),
  createdBy: integer('created_by').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  acceptedAt: text('accepted_at'),
});

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    siteIds: text('site_ids').notNull(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
    expiresAt: text('expires_at'),
    k: integer('k'),
    /** 1: `visitors` and `visit_duration` answered with approximations, flagged (docs/API.md). */
    plausibleCompat: integer('plausible_compat').notNull().default(0),
  },
  (t) => [index('api_keys_user').on(t.userId)],
);

export const sharedLinks = sqliteTable(
  'shared_links',
  {
    siteId: integer('site_id').notNull(),
    id: text('id').notNull(),
    tokenHash: text('token_hash').notNull(),
    passwordHash: text('password_hash'),
    label: text('label').notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
    k: integer('k'),
    logoUrl: text('logo_url'),
    accent: text('accent'),
    frameAncestors: text('frame_ancestors'),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.id] }),
    unique('shared_links_site_token').on(t.siteId, t.tokenHash),
    index('shared_links_token').on(t.tokenHash),
  ],
);

/** Dated notes on a site's chart; siteId null: every site of the org. */
export const annotations = sqliteTable(
  'annotations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orgId: integer('org_id').notNull(),
    siteId: integer('site_id'),
    day: text('day').notNull(),
    text: text('text').notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('annotations_org_day').on(t.orgId, t.day)],
);

/** Append-only; each row's hash covers the previous row's hash (server/accounts/audit-chain.ts). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    orgId: integer('org_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    details: text('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_org').on(t.orgId, t.id)],
);

// Replay research window (DESIGN.md "Replay research window"; server/replay/). Times are epoch ms.

export const replayWindows = sqliteTable(
  'replay_windows',
  {
    id: text('id').primaryKey(),
    siteId: integer('site_id').notNull(),
    purpose: text('purpose').notNull(),
    purposeText: text('purpose_text'),
    ticketUrl: text('ticket_url'),
    ownerId: integer('owner_id').notNull(),
    createdAt: integer('created_at').notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    /** Sample rate in parts per million (0.1 → 100000): exact, no float column. */
    samplePpm: integer('sample_ppm').notNull(),
    maxSessions: integer('max_sessions').notNull(),
    maxMinutes: integer('max_minutes').notNull(),
    maxPages: integer('max_pages').notNull(),
    includeRules: text('include_rules').notNull(),
    excludeRules: text('exclude_rules').notNull(),
    unmaskSelectors: text('unmask_selectors').notNull(),
    viewerIds: text('viewer_ids').notNull(),
    retentionDays: integer('retention_days').notNull(),
    canary: text('canary'),
    state: text('state').notNull(),
    lastChange: text('last_change').notNull(),
    closedAt: integer('closed_at'),
    purgedAt: integer('purged_at'),
    sessionsStarted: integer('sessions_started').notNull().default(0),
    flaggedChunks: integer('flagged_chunks').notNull().default(0),
    /** JSON: downloads allowed, on-page notice hidden (with its reason) — server/replay/safeguards.ts. */
    safeguards: text('safeguards').notNull().default('{}'),
    /** Bytes of chunks stored for the window (its cap and the install's replay storage budget). */
    storedBytes: integer('stored_bytes').notNull().default(0),
  },
  (t) => [index('replay_windows_site').on(t.siteId), index('replay_windows_state').on(t.state)],
);

/** Who played which recording (only a player may mark it reviewed, issue 12 §8). */
export const replayPlays = sqliteTable(
  'replay_plays',
  {
    recordingId: text('recording_id').notNull(),
    userId: integer('user_id').notNull(),
    windowId: text('window_id').notNull(),
    playedAt: integer('played_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.recordingId, t.userId] }),
    index('replay_plays_window').on(t.windowId),
  ],
);

/** Kill-switch latches (issue 12 §10): `install` or `site:<id>`; no window opens while one is set. */
export const replayLatches = sqliteTable('replay_latches', {
  scope: text('scope').primaryKey(),
  latchedAt: integer('latched_at').notNull(),
  latchedBy: text('latched_by').notNull(),
  detail: text('detail').notNull(),
});

/** Apart from the chunks so that destroying a window's key is one row delete. */
export const replayWindowKeys = sqliteTable('replay_window_keys', {
  windowId: text('window_id').primaryKey(),
  keyBytes: blob('key_bytes', { mode: 'buffer' }).notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Install secrets shared by every node (the HMAC key of pageview offers). */
export const replaySecrets = sqliteTable('replay_secrets', {
  name: text('name').primaryKey(),
  secret: blob('secret', { mode: 'buffer' }).notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Offers already used to start a recording: an offer is single use. Pruned once expired. */
export const replayOfferNonces = sqliteTable('replay_offer_nonces', {
  nonce: text('nonce').primaryKey(),
  windowId: text('window_id').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/** No IP, no User-Agent, no link to analytics: a random id, times, counts and scanner findings. */
export const replayRecordings = sqliteTable(
  'replay_recordings',
  {
    id: text('id').primaryKey(),
    windowId: text('window_id').notNull(),
    siteId: integer('site_id').notNull(),
    startedAt: integer('started_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    endedAt: integer('ended_at'),
    pages: integer('pages').notNull().default(1),
    chunks: integer('chunks').notNull().default(0),
    bytes: integer('bytes').notNull().default(0),
    quarantinedChunks: integer('quarantined_chunks').notNull().default(0),
    /** Highest chunk sequence received + 1, and which of the 8 below it arrived (reorder window). */
    nextSeq: integer('next_seq').notNull().default(0),
    seqMask: integer('seq_mask').notNull().default(0),
    /** JSON list of {seq, type, path}: type and location only, never the value. */
    findings: text('findings').notNull().default('[]'),
    reviewedAt: integer('reviewed_at'),
    reviewedBy: integer('reviewed_by'),
    /** 1: an admin's own preview visit of a draft window (issue 12 §12), never a visitor's. */
    preview: integer('preview').notNull().default(0),
  },
  (t) => [index('replay_recordings_window').on(t.windowId, t.startedAt)],
);

/** Encrypted compressed rrweb events; a quarantined chunk keeps its row but not its bytes. */
export const replayChunks = sqliteTable(
  'replay_chunks',
  {
    recordingId: text('recording_id').notNull(),
    seq: integer('seq').notNull(),
    windowId: text('window_id').notNull(),
    receivedAt: integer('received_at').notNull(),
    quarantined: integer('quarantined').notNull().default(0),
    data: blob('data', { mode: 'buffer' }),
  },
  (t) => [
    primaryKey({ columns: [t.recordingId, t.seq] }),
    index('replay_chunks_window').on(t.windowId),
  ],
);

/** TOTP secret sealed with the install's second-factor key; last_used_step stops replays. */
export const userTotp = sqliteTable('user_totp', {
  userId: integer('user_id').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: text('created_at').notNull(),
  confirmedAt: text('confirmed_at'),
  lastUsedStep: integer('last_used_step'),
});

/** One-time recovery codes: SHA-256 of each (high-entropy random codes). */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    userId: integer('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: text('created_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/** WebAuthn credentials (second factor); the public key is base64url COSE. */
export const passkeys = sqliteTable(
  'passkeys',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    transports: text('transports').notNull().default('[]'),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [index('passkeys_user').on(t.userId)],
);

/** A correct password waiting for its second factor: SHA-256 of the token, a few minutes' life. */
export const pendingLogins = sqliteTable(
  'pending_logins',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('pending_logins_user').on(t.userId)],
);

export const webauthnChallenges = sqliteTable('webauthn_challenges', {
  subject: text('subject').primaryKey(),
  challenge: text('challenge').notNull(),
  expiresAt: text('expires_at').notNull(),
});

/** Conversion goals of a site (server/goals/): a page pattern, or an event (with one prop = value). */
export const goals = sqliteTable(
  'goals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id').notNull(),
    name: text('name').notNull(),
    /** 'page' | 'event' | 'revenue' */
    kind: text('kind').notNull(),
    pagePattern: text('page_pattern'),
    eventName: text('event_name'),
    propKey: text('prop_key'),
    propValue: text('prop_value'),
    /** ISO 4217 code of a revenue goal. */
    currency: text('currency'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [unique('goals_site_name').on(t.siteId, t.name)],
);

/**
 * Revenue of custom events per local day, event name and currency, written in the counters'
 * transaction. `amount` in thousandths of the currency unit (exact integers; docs/METRICS.md).
 */
export const revenueCounters = sqliteTable(
  'revenue_counters',
  {
    siteId: integer('site_id').notNull(),
    day: text('day').notNull(),
    event: text('event').notNull(),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull().default(0),
    conversions: integer('conversions').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day, t.event, t.currency] })],
);

/** Mail schedule and alert settings of a site (server/mail/). */
export const mailSettings = sqliteTable('mail_settings', {
  siteId: integer('site_id').primaryKey(),
  weekly: integer('weekly').notNull().default(0),
  monthly: integer('monthly').notNull().default(0),
  hour: integer('hour').notNull().default(8),
  spikePercent: integer('spike_percent').notNull().default(0),
  quietHours: integer('quiet_hours').notNull().default(0),
  cooldownHours: integer('cooldown_hours').notNull().default(24),
  updatedAt: text('updated_at').notNull(),
});

/** Who receives a site's reports and alerts: any address (no account needed), in its language. */
export const mailRecipients = sqliteTable(
  'mail_recipients',
  {
    siteId: integer('site_id').notNull(),
    address: text('address').notNull(),
    locale: text('locale').notNull(),
    reports: integer('reports').notNull().default(1),
    alerts: integer('alerts').notNull().default(1),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.address] })],
);

/** The send log: one row per (site, kind, period, recipient), the claim that makes a send once. */
export const mailLog = sqliteTable(
  'mail_log',
  {
    siteId: integer('site_id').notNull(),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    recipient: text('recipient').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: integer('lease_until').notNull(),
    leaseOwner: text('lease_owner'),
    messageId: text('message_id').notNull(),
    error: text('error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.kind, t.period, t.recipient] })],
);

/**
 * Imports (issue 15, server/imports/): one row per import batch. `state` is 'staged' while its
 * ledger rows are being written, 'applied' once they were added to the counters in one transaction.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id').notNull(),
    /** 'plausible' | 'goatcounter' | 'pomelo' */
    source: text('source').notNull(),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the uploaded file, hex. */
    checksum: text('checksum').notNull(),
    rows: integer('rows').notNull(),
    firstDay: text('first_day'),
    lastDay: text('last_day'),
    state: text('state').notNull(),
    createdBy: integer('created_by'),
    /** 'cli' | 'api' */
    origin: text('origin').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('imports_site').on(t.siteId, t.checksum)],
);

/** What each import added to daily_counters, row for row (removal and "exclude imports" read it). */
export const importDaily = sqliteTable(
  'import_daily',
  {
    siteId: integer('site_id').notNull(),
    importId: integer('import_id').notNull(),
    day: text('day').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    ...counters,
  },
  (t) => [primaryKey({ columns: [t.siteId, t.importId, t.day, t.dimension, t.value] })],
);

/** What each import added to hourly_counters. */
export const importHourly = sqliteTable(
  'import_hourly',
  {
    siteId: integer('site_id').notNull(),
    importId: integer('import_id').notNull(),
    hour: text('hour').notNull(),
    ...counters,
  },
  (t) => [primaryKey({ columns: [t.siteId, t.importId, t.hour] })],
);

/** What each import added to revenue_counters. */
export const importRevenue = sqliteTable(
  'import_revenue',
  {
    siteId: integer('site_id').notNull(),
    importId: integer('import_id').notNull(),
    day: text('day').notNull(),
    event: text('event').notNull(),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull().default(0),
    conversions: integer('conversions').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.importId, t.day, t.event, t.currency] })],
);

/**
 * Closed blocks of days rolled up by the rollups job (server/jobs/rollups.ts): a whole month or an
 * aligned block of 2–16 days (report-pieces.ts). A row means rollup_counters holds the block's
 * sums, exact against daily_counters; writes that change a closed day delete the blocks over it.
 * `block` is `from_day/to_day`.
 */
export const rollupBlocks = sqliteTable(
  'rollup_blocks',
  {
    siteId: integer('site_id').notNull(),
    block: text('block').notNull(),
    fromDay: text('from_day').notNull(),
    toDay: text('to_day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.block] })],
);

/** daily_counters summed over each block of rollup_blocks, per dimension and value. */
export const rollupCounters = sqliteTable(
  'rollup_counters',
  {
    siteId: integer('site_id').notNull(),
    block: text('block').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    pageviews: integer('pageviews').notNull().default(0),
    visits: integer('visits').notNull().default(0),
    bounces: integer('bounces').notNull().default(0),
    exits: integer('exits').notNull().default(0),
    engagedMs: integer('engaged_ms').notNull().default(0),
    engagements: integer('engagements').notNull().default(0),
    scrollSum: integer('scroll_sum').notNull().default(0),
    events: integer('events').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.block, t.dimension, t.value] })],
);
