CREATE TABLE `replay_chunks` (
	`recording_id` text NOT NULL,
	`seq` integer NOT NULL,
	`window_id` text NOT NULL,
	`received_at` integer NOT NULL,
	`quarantined` integer DEFAULT 0 NOT NULL,
	`data` blob,
	PRIMARY KEY(`recording_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `replay_chunks_window` ON `replay_chunks` (`window_id`);--> statement-breakpoint
CREATE TABLE `replay_recordings` (
	`id` text PRIMARY KEY NOT NULL,
	`window_id` text NOT NULL,
	`site_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`ended_at` integer,
	`pages` integer DEFAULT 1 NOT NULL,
	`chunks` integer DEFAULT 0 NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`quarantined_chunks` integer DEFAULT 0 NOT NULL,
	`findings` text DEFAULT '[]' NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` integer
);
--> statement-breakpoint
CREATE INDEX `replay_recordings_window` ON `replay_recordings` (`window_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `replay_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`secret` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `replay_window_keys` (
	`window_id` text PRIMARY KEY NOT NULL,
	`key_bytes` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `replay_windows` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`purpose_text` text,
	`ticket_url` text,
	`owner_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`sample_ppm` integer NOT NULL,
	`max_sessions` integer NOT NULL,
	`max_minutes` integer NOT NULL,
	`max_pages` integer NOT NULL,
	`include_rules` text NOT NULL,
	`exclude_rules` text NOT NULL,
	`unmask_selectors` text NOT NULL,
	`viewer_ids` text NOT NULL,
	`retention_days` integer NOT NULL,
	`canary` text,
	`state` text NOT NULL,
	`last_change` text NOT NULL,
	`closed_at` integer,
	`purged_at` integer,
	`sessions_started` integer DEFAULT 0 NOT NULL,
	`flagged_chunks` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `replay_windows_site` ON `replay_windows` (`site_id`);--> statement-breakpoint
CREATE INDEX `replay_windows_state` ON `replay_windows` (`state`);