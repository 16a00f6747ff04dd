CREATE TABLE "replay_latches" (
	"scope" text PRIMARY KEY NOT NULL,
	"latched_at" bigint NOT NULL,
	"latched_by" text NOT NULL,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replay_plays" (
	"recording_id" text NOT NULL,
	"user_id" integer NOT NULL,
	"window_id" text NOT NULL,
	"played_at" bigint NOT NULL,
	CONSTRAINT "replay_plays_recording_id_user_id_pk" PRIMARY KEY("recording_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "replay_windows" ADD COLUMN "safeguards" text DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX "replay_plays_window" ON "replay_plays" USING btree ("window_id");