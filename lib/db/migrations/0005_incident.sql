CREATE TABLE "incidents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"room" text NOT NULL,
	"audit_id" bigint,
	"started_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"access_before" text,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" text,
	"undo_audit_id" bigint
);
--> statement-breakpoint
CREATE INDEX "incidents_room_started_at" ON "incidents" USING btree ("room","started_at");
