CREATE TABLE "replay_offer_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"window_id" text NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "replay_recordings" ADD COLUMN "next_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replay_recordings" ADD COLUMN "seq_mask" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replay_windows" ADD COLUMN "stored_bytes" bigint DEFAULT 0 NOT NULL;