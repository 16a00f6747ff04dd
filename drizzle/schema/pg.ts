// PostgreSQL tables for the logical model in model.ts. Generated migrations live in drizzle/pg/.
import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  unique,
} from 'drizzle-orm/pg-core';

const counters = {
  pageviews: integer('pageviews').notNull().default(0),
  visits: integer('visits').notNull().default(0),
  bounces: integer('bounces').notNull().default(0),
  exits: integer('exits').notNull().default(0),
  engagedMs: bigint('engaged_ms', { mode: 'number' }).notNull().default(0),
  engagements: integer('engagements').notNull().default(0),
  scrollSum: integer('scroll_sum').notNull().default(0),
  events: integer('events').notNull().default(0),
};

export const sites = pgTable('sites', {
  id: serial('id').primaryKey(),
  domain: text('domain').notNull().unique(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  settings: text('settings').notNull().default('{}'),
  createdAt: text('created_at').notNull(),
  /** Null only for sites added by the CLI before any organisation existed; setup adopts them. */
  orgId: integer('org_id'),
});

export const dailyCounters = pgTable(
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

export const hourlyCounters = pgTable(
  'hourly_counters',
  {
    siteId: integer('site_id').notNull(),
    hour: text('hour').notNull(),
    ...counters,
  },
  (t) => [primaryKey({ columns: [t.siteId, t.hour] })],
);

export const orgs = pgTable('orgs', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: text('created_at').notNull(),
});

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: text('locked_until'),
  createdAt: text('created_at').notNull(),
});

export const memberships = pgTable(
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
export const sessions = pgTable(
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

export const invitations = pgTable('invitations', {
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

export const apiKeys = pgTable(
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
  },
  (t) => [index('api_keys_user').on(t.userId)],
);

export const sharedLinks = pgTable(
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
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.id] }),
    unique('shared_links_site_token').on(t.siteId, t.tokenHash),
    index('shared_links_token').on(t.tokenHash),
  ],
);

/** Append-only; each row's hash covers the previous row's hash (server/accounts/audit-chain.ts). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
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
