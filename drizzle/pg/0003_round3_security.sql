ALTER TABLE "api_keys" ADD COLUMN "expires_at" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "instance_admin" integer DEFAULT 0 NOT NULL;