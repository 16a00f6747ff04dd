-- Custom migration (drizzle-kit cannot express WITHOUT ROWID): rebuilds both counter tables
-- clustered on their primary key, so an upsert walks one B-tree instead of the key index plus the
-- rowid table. Same columns, defaults and key as 0000_foundation; rows copied in key order. The
-- migrator runs this inside its transaction: a failure leaves the old tables as they were.
CREATE TABLE `daily_counters_new` (
	`site_id` integer NOT NULL,
	`day` text NOT NULL,
	`dimension` text NOT NULL,
	`value` text NOT NULL,
	`pageviews` integer DEFAULT 0 NOT NULL,
	`visits` integer DEFAULT 0 NOT NULL,
	`bounces` integer DEFAULT 0 NOT NULL,
	`exits` integer DEFAULT 0 NOT NULL,
	`engaged_ms` integer DEFAULT 0 NOT NULL,
	`engagements` integer DEFAULT 0 NOT NULL,
	`scroll_sum` integer DEFAULT 0 NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `day`, `dimension`, `value`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `daily_counters_new` (`site_id`, `day`, `dimension`, `value`, `pageviews`, `visits`, `bounces`, `exits`, `engaged_ms`, `engagements`, `scroll_sum`, `events`)
	SELECT `site_id`, `day`, `dimension`, `value`, `pageviews`, `visits`, `bounces`, `exits`, `engaged_ms`, `engagements`, `scroll_sum`, `events`
	FROM `daily_counters` ORDER BY `site_id`, `day`, `dimension`, `value`;
--> statement-breakpoint
DROP TABLE `daily_counters`;
--> statement-breakpoint
ALTER TABLE `daily_counters_new` RENAME TO `daily_counters`;
--> statement-breakpoint
CREATE TABLE `hourly_counters_new` (
	`site_id` integer NOT NULL,
	`hour` text NOT NULL,
	`pageviews` integer DEFAULT 0 NOT NULL,
	`visits` integer DEFAULT 0 NOT NULL,
	`bounces` integer DEFAULT 0 NOT NULL,
	`exits` integer DEFAULT 0 NOT NULL,
	`engaged_ms` integer DEFAULT 0 NOT NULL,
	`engagements` integer DEFAULT 0 NOT NULL,
	`scroll_sum` integer DEFAULT 0 NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `hour`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `hourly_counters_new` (`site_id`, `hour`, `pageviews`, `visits`, `bounces`, `exits`, `engaged_ms`, `engagements`, `scroll_sum`, `events`)
	SELECT `site_id`, `hour`, `pageviews`, `visits`, `bounces`, `exits`, `engaged_ms`, `engagements`, `scroll_sum`, `events`
	FROM `hourly_counters` ORDER BY `site_id`, `hour`;
--> statement-breakpoint
DROP TABLE `hourly_counters`;
--> statement-breakpoint
ALTER TABLE `hourly_counters_new` RENAME TO `hourly_counters`;
