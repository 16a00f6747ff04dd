ALTER TABLE `api_keys` ADD `expires_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `instance_admin` integer DEFAULT 0 NOT NULL;