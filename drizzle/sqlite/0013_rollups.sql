-- Hand-edited after generation: rollup_counters is WITHOUT ROWID (clustered on its key, as
-- daily_counters: see 0003), which drizzle cannot declare.
CREATE TABLE `rollup_blocks` (
	`site_id` integer NOT NULL,
	`block` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	PRIMARY KEY(`site_id`, `block`)
);
--> statement-breakpoint
CREATE TABLE `rollup_counters` (
	`site_id` integer NOT NULL,
	`block` text NOT NULL,
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
	PRIMARY KEY(`site_id`, `block`, `dimension`, `value`)
) WITHOUT ROWID;
