CREATE TABLE "claims" (
	"room" text NOT NULL,
	"kind" text NOT NULL,
	"identity" text NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_by_name" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "claims_room_kind_identity_pk" PRIMARY KEY("room","kind","identity"),
	CONSTRAINT "claims_kind_known" CHECK ("kind" in ('hand', 'lobby', 'participant'))
);
--> statement-breakpoint
CREATE INDEX "claims_room_identity" ON "claims" USING btree ("room","identity");
--> statement-breakpoint
CREATE TABLE "moderator_presence" (
	"room" text NOT NULL,
	"tab" text NOT NULL,
	"account_id" text NOT NULL,
	"name" text NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderator_presence_room_tab_pk" PRIMARY KEY("room","tab")
);
--> statement-breakpoint
CREATE TABLE "room_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"room" text NOT NULL,
	"identity" text NOT NULL,
	"kind" text NOT NULL,
	"detail" jsonb NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dismissed_at" timestamp with time zone,
	"dismissed_by" text,
	CONSTRAINT "room_alerts_kind_known" CHECK ("kind" in ('churn', 'ban_evasion'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "room_alerts_open" ON "room_alerts" USING btree ("room","identity","kind") WHERE "dismissed_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "webhook_events_identity_received_at" ON "webhook_events" USING btree ("identity","received_at");
