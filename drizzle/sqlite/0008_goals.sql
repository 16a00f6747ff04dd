CREATE TABLE `goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`page_pattern` text,
	`event_name` text,
	`prop_key` text,
	`prop_value` text,
	`currency` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `goals_site_name` ON `goals` (`site_id`,`name`);--> statement-breakpoint
CREATE TABLE `revenue_counters` (
	`site_id` integer NOT NULL,
	`day` text NOT NULL,
	`event` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	`conversions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `day`, `event`, `currency`)
);
--> statement-breakpoint
ALTER TABLE `api_keys` ADD `plausible_compat` integer DEFAULT 0 NOT NULL;