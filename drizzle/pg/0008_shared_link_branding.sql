ALTER TABLE "shared_links" ADD COLUMN "logo_url" text;--> statement-breakpoint
ALTER TABLE "shared_links" ADD COLUMN "accent" text;--> statement-breakpoint
ALTER TABLE "shared_links" ADD COLUMN "frame_ancestors" text;