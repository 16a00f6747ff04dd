CREATE TABLE `annotations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`site_id` integer,
	`day` text NOT NULL,
	`text` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `annotations_org_day` ON `annotations` (`org_id`,`day`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `k` integer;--> statement-breakpoint
ALTER TABLE `shared_links` ADD `k` integer;