CREATE TABLE "counter_journal" (
	"id" serial PRIMARY KEY NOT NULL,
	"writer" text NOT NULL,
	"write" text NOT NULL
);
