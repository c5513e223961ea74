CREATE TABLE "unmute_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"room" text NOT NULL,
	"identity" text NOT NULL,
	"track_sid" text NOT NULL,
	"track_source" text NOT NULL,
	"asked_by" text NOT NULL,
	"asked_by_email" text,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'asked' NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "unmute_requests_state_known" CHECK ("state" in ('asked', 'accepted', 'declined', 'expired'))
);
--> statement-breakpoint
CREATE INDEX "unmute_requests_room_asked_at" ON "unmute_requests" USING btree ("room","asked_at");
--> statement-breakpoint
CREATE INDEX "unmute_requests_state" ON "unmute_requests" USING btree ("state");
