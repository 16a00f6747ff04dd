CREATE TABLE "minute_counters" (
	"site_id" integer NOT NULL,
	"minute" integer NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "minute_counters_site_id_minute_kind_value_pk" PRIMARY KEY("site_id","minute","kind","value")
);
