CREATE TABLE "mail_log" (
	"site_id" integer NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"recipient" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" bigint NOT NULL,
	"lease_owner" text,
	"message_id" text NOT NULL,
	"error" text,
	"created_at" text NOT NULL,
	"sent_at" text,
	CONSTRAINT "mail_log_site_id_kind_period_recipient_pk" PRIMARY KEY("site_id","kind","period","recipient")
);
--> statement-breakpoint
CREATE TABLE "mail_recipients" (
	"site_id" integer NOT NULL,
	"address" text NOT NULL,
	"locale" text NOT NULL,
	"reports" integer DEFAULT 1 NOT NULL,
	"alerts" integer DEFAULT 1 NOT NULL,
	"created_at" text NOT NULL,
	CONSTRAINT "mail_recipients_site_id_address_pk" PRIMARY KEY("site_id","address")
);
--> statement-breakpoint
CREATE TABLE "mail_settings" (
	"site_id" integer PRIMARY KEY NOT NULL,
	"weekly" integer DEFAULT 0 NOT NULL,
	"monthly" integer DEFAULT 0 NOT NULL,
	"hour" integer DEFAULT 8 NOT NULL,
	"spike_percent" integer DEFAULT 0 NOT NULL,
	"quiet_hours" integer DEFAULT 0 NOT NULL,
	"cooldown_hours" integer DEFAULT 24 NOT NULL,
	"updated_at" text NOT NULL
);
