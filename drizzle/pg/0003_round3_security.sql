CREATE TABLE "passkeys" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"public_key" text NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"transports" text DEFAULT '[]' NOT NULL,
	"created_at" text NOT NULL,
	"last_used_at" text
);
--> statement-breakpoint
CREATE TABLE "pending_logins" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" text NOT NULL,
	"expires_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"user_id" integer NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" text NOT NULL,
	"used_at" text,
	CONSTRAINT "recovery_codes_user_id_code_hash_pk" PRIMARY KEY("user_id","code_hash")
);
--> statement-breakpoint
CREATE TABLE "replay_latches" (
	"scope" text PRIMARY KEY NOT NULL,
	"latched_at" bigint NOT NULL,
	"latched_by" text NOT NULL,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replay_offer_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"window_id" text NOT NULL,
	"expires_at" bigint NOT NULL
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
CREATE TABLE "user_totp" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" text NOT NULL,
	"confirmed_at" text,
	"last_used_step" bigint
);
--> statement-breakpoint
CREATE TABLE "webauthn_challenges" (
	"subject" text PRIMARY KEY NOT NULL,
	"challenge" text NOT NULL,
	"expires_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "expires_at" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "require_second_factor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replay_recordings" ADD COLUMN "next_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replay_recordings" ADD COLUMN "seq_mask" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replay_recordings" ADD COLUMN "preview" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replay_windows" ADD COLUMN "safeguards" text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "replay_windows" ADD COLUMN "stored_bytes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "instance_admin" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "passkeys_user" ON "passkeys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "pending_logins_user" ON "pending_logins" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "replay_plays_window" ON "replay_plays" USING btree ("window_id");