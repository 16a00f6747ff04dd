CREATE TABLE `minute_counters` (
	`site_id` integer NOT NULL,
	`minute` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `minute`, `kind`, `value`)
);
