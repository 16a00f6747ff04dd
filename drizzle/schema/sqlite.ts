// SQLite tables for the logical model in model.ts. Generated migrations live in drizzle/sqlite/.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
});

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
