CREATE TABLE "import_daily" (
	"site_id" integer NOT NULL,
	"import_id" integer NOT NULL,
	"day" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"pageviews" integer DEFAULT 0 NOT NULL,
	"visits" integer DEFAULT 0 NOT NULL,
	"bounces" integer DEFAULT 0 NOT NULL,
	"exits" integer DEFAULT 0 NOT NULL,
	"engaged_ms" bigint DEFAULT 0 NOT NULL,
	"engagements" integer DEFAULT 0 NOT NULL,
	"scroll_sum" integer DEFAULT 0 NOT NULL,
	"events" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "import_daily_site_id_import_id_day_dimension_value_pk" PRIMARY KEY("site_id","import_id","day","dimension","value")
);
--> statement-breakpoint
CREATE TABLE "import_hourly" (
	"site_id" integer NOT NULL,
	"import_id" integer NOT NULL,
	"hour" text NOT NULL,
	"pageviews" integer DEFAULT 0 NOT NULL,
	"visits" integer DEFAULT 0 NOT NULL,
	"bounces" integer DEFAULT 0 NOT NULL,
	"exits" integer DEFAULT 0 NOT NULL,
	"engaged_ms" bigint DEFAULT 0 NOT NULL,
	"engagements" integer DEFAULT 0 NOT NULL,
	"scroll_sum" integer DEFAULT 0 NOT NULL,
	"events" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "import_hourly_site_id_import_id_hour_pk" PRIMARY KEY("site_id","import_id","hour")
);
--> statement-breakpoint
CREATE TABLE "import_revenue" (
	"site_id" integer NOT NULL,
	"import_id" integer NOT NULL,
	"day" text NOT NULL,
	"event" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "import_revenue_site_id_import_id_day_event_currency_pk" PRIMARY KEY("site_id","import_id","day","event","currency")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" integer NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"checksum" text NOT NULL,
	"rows" integer NOT NULL,
	"first_day" text,
	"last_day" text,
	"state" text NOT NULL,
	"created_by" integer,
	"origin" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "imports_site" ON "imports" USING btree ("site_id","checksum");