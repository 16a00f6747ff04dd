CREATE TABLE `passkeys` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`public_key` text NOT NULL,
	`counter` integer DEFAULT 0 NOT NULL,
	`transports` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text
);
--> statement-breakpoint
CREATE INDEX `passkeys_user` ON `passkeys` (`user_id`);--> statement-breakpoint
CREATE TABLE `pending_logins` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pending_logins_user` ON `pending_logins` (`user_id`);--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`user_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`used_at` text,
	PRIMARY KEY(`user_id`, `code_hash`)
);
--> statement-breakpoint
CREATE TABLE `replay_latches` (
	`scope` text PRIMARY KEY NOT NULL,
	`latched_at` integer NOT NULL,
	`latched_by` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `replay_offer_nonces` (
	`nonce` text PRIMARY KEY NOT NULL,
	`window_id` text NOT NULL,
	`expires_at` integer NOT NULL
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
CREATE TABLE `user_totp` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`secret` text NOT NULL,
	`created_at` text NOT NULL,
	`confirmed_at` text,
	`last_used_step` integer
);
--> statement-breakpoint
CREATE TABLE `webauthn_challenges` (
	`subject` text PRIMARY KEY NOT NULL,
	`challenge` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `api_keys` ADD `expires_at` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `require_second_factor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `replay_recordings` ADD `next_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `replay_recordings` ADD `seq_mask` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `replay_recordings` ADD `preview` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `replay_windows` ADD `safeguards` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `replay_windows` ADD `stored_bytes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `instance_admin` integer DEFAULT 0 NOT NULL;