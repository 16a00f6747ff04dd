CREATE TABLE `replay_offer_nonces` (
	`nonce` text PRIMARY KEY NOT NULL,
	`window_id` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `replay_recordings` ADD `next_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `replay_recordings` ADD `seq_mask` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `replay_windows` ADD `stored_bytes` integer DEFAULT 0 NOT NULL;