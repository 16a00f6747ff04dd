CREATE TABLE "goals" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"page_pattern" text,
	"event_name" text,
	"prop_key" text,
	"prop_value" text,
	"currency" text,
	"created_at" text NOT NULL,
	CONSTRAINT "goals_site_name" UNIQUE("site_id","name")
);
--> statement-breakpoint
CREATE TABLE "revenue_counters" (
	"site_id" integer NOT NULL,
	"day" text NOT NULL,
	"event" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "revenue_counters_site_id_day_event_currency_pk" PRIMARY KEY("site_id","day","event","currency")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "plausible_compat" integer DEFAULT 0 NOT NULL;