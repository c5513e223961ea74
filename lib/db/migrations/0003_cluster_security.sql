CREATE TABLE "hands_seen" (
	"room" text NOT NULL,
	"identity" text NOT NULL,
	"raised_value" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hands_seen_room_identity_pk" PRIMARY KEY("room","identity")
);
--> statement-breakpoint
CREATE TABLE "pending_ejections" (
	"room" text NOT NULL,
	"identity" text NOT NULL,
	"ban_id" bigint,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_ejections_room_identity_pk" PRIMARY KEY("room","identity")
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"room" text,
	"identity" text,
	"participant_sid" text,
	"created_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "sso_provider" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "sso_subject" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "sso_allowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "client_address" text;--> statement-breakpoint
CREATE INDEX "sign_in_failures_key_at" ON "sign_in_failures" USING btree ("key","at");--> statement-breakpoint
CREATE INDEX "webhook_events_room_identity" ON "webhook_events" USING btree ("room","identity");--> statement-breakpoint
CREATE INDEX "webhook_events_received_at" ON "webhook_events" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_sso_identity_unique" ON "accounts" USING btree ("sso_provider","sso_subject");--> statement-breakpoint
CREATE INDEX "audit_entries_outcome" ON "audit_entries" USING btree ("outcome");