CREATE TABLE "replay_chunks" (
	"recording_id" text NOT NULL,
	"seq" integer NOT NULL,
	"window_id" text NOT NULL,
	"received_at" bigint NOT NULL,
	"quarantined" integer DEFAULT 0 NOT NULL,
	"data" "bytea",
	CONSTRAINT "replay_chunks_recording_id_seq_pk" PRIMARY KEY("recording_id","seq")
);
--> statement-breakpoint
CREATE TABLE "replay_recordings" (
	"id" text PRIMARY KEY NOT NULL,
	"window_id" text NOT NULL,
	"site_id" integer NOT NULL,
	"started_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"ended_at" bigint,
	"pages" integer DEFAULT 1 NOT NULL,
	"chunks" integer DEFAULT 0 NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"quarantined_chunks" integer DEFAULT 0 NOT NULL,
	"findings" text DEFAULT '[]' NOT NULL,
	"reviewed_at" bigint,
	"reviewed_by" integer
);
--> statement-breakpoint
CREATE TABLE "replay_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"secret" "bytea" NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replay_window_keys" (
	"window_id" text PRIMARY KEY NOT NULL,
	"key_bytes" "bytea" NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replay_windows" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"purpose_text" text,
	"ticket_url" text,
	"owner_id" integer NOT NULL,
	"created_at" bigint NOT NULL,
	"starts_at" bigint NOT NULL,
	"ends_at" bigint NOT NULL,
	"sample_ppm" integer NOT NULL,
	"max_sessions" integer NOT NULL,
	"max_minutes" integer NOT NULL,
	"max_pages" integer NOT NULL,
	"include_rules" text NOT NULL,
	"exclude_rules" text NOT NULL,
	"unmask_selectors" text NOT NULL,
	"viewer_ids" text NOT NULL,
	"retention_days" integer NOT NULL,
	"canary" text,
	"state" text NOT NULL,
	"last_change" text NOT NULL,
	"closed_at" bigint,
	"purged_at" bigint,
	"sessions_started" integer DEFAULT 0 NOT NULL,
	"flagged_chunks" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "replay_chunks_window" ON "replay_chunks" USING btree ("window_id");--> statement-breakpoint
CREATE INDEX "replay_recordings_window" ON "replay_recordings" USING btree ("window_id","started_at");--> statement-breakpoint
CREATE INDEX "replay_windows_site" ON "replay_windows" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "replay_windows_state" ON "replay_windows" USING btree ("state");