CREATE TABLE `replay_latches` (
	`scope` text PRIMARY KEY NOT NULL,
	`latched_at` integer NOT NULL,
	`latched_by` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `replay_plays` (
	`recording_id` text NOT NULL,
	`user_id` integer NOT NULL,
	`window_id` text NOT NULL,
	`played_at` integer NOT NULL,
	PRIMARY KEY(`recording_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `replay_plays_window` ON `replay_plays` (`window_id`);--> statement-breakpoint
ALTER TABLE `replay_windows` ADD `safeguards` text DEFAULT '{}' NOT NULL;