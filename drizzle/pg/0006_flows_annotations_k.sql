CREATE TABLE "annotations" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"site_id" integer,
	"day" text NOT NULL,
	"text" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "k" integer;--> statement-breakpoint
ALTER TABLE "shared_links" ADD COLUMN "k" integer;--> statement-breakpoint
CREATE INDEX "annotations_org_day" ON "annotations" USING btree ("org_id","day");