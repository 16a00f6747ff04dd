// PostgreSQL tables for the logical model in model.ts. Generated migrations live in drizzle/pg/.
import { bigint, integer, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core';

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
