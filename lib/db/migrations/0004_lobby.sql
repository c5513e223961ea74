CREATE TABLE "room_access" (
	"room" text PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" text,
	CONSTRAINT "room_access_mode_known" CHECK ("room_access"."mode" in ('open', 'knock', 'locked'))
);
--> statement-breakpoint
CREATE TABLE "room_admissions" (
	"room" text NOT NULL,
	"identity" text NOT NULL,
	"source" text NOT NULL,
	"admitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"admitted_by" text,
	CONSTRAINT "room_admissions_room_identity_pk" PRIMARY KEY("room","identity")
);
--> statement-breakpoint
CREATE TABLE "lobby_tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"room" text NOT NULL,
	"identity" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"metadata" text,
	"preset" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	CONSTRAINT "lobby_tickets_status_known" CHECK ("lobby_tickets"."status" in ('waiting', 'admitted', 'denied', 'locked', 'expired'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "lobby_tickets_one_waiting" ON "lobby_tickets" USING btree ("room","identity") WHERE "lobby_tickets"."status" = 'waiting';
--> statement-breakpoint
CREATE INDEX "lobby_tickets_room_status" ON "lobby_tickets" USING btree ("room","status");
