CREATE TABLE "rollup_blocks" (
	"site_id" integer NOT NULL,
	"block" text NOT NULL,
	"from_day" text NOT NULL,
	"to_day" text NOT NULL,
	CONSTRAINT "rollup_blocks_site_id_block_pk" PRIMARY KEY("site_id","block")
);
--> statement-breakpoint
CREATE TABLE "rollup_counters" (
	"site_id" integer NOT NULL,
	"block" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"pageviews" bigint DEFAULT 0 NOT NULL,
	"visits" bigint DEFAULT 0 NOT NULL,
	"bounces" bigint DEFAULT 0 NOT NULL,
	"exits" bigint DEFAULT 0 NOT NULL,
	"engaged_ms" bigint DEFAULT 0 NOT NULL,
	"engagements" bigint DEFAULT 0 NOT NULL,
	"scroll_sum" bigint DEFAULT 0 NOT NULL,
	"events" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_counters_site_id_block_dimension_value_pk" PRIMARY KEY("site_id","block","dimension","value")
);
