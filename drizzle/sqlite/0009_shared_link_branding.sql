ALTER TABLE `shared_links` ADD `logo_url` text;--> statement-breakpoint
ALTER TABLE `shared_links` ADD `accent` text;--> statement-breakpoint
ALTER TABLE `shared_links` ADD `frame_ancestors` text;