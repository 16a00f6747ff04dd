CREATE TABLE `counter_journal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`writer` text NOT NULL,
	`write` text NOT NULL
);
