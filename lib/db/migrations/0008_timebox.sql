CREATE TABLE "timeboxes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"room" text NOT NULL,
	"identity" text NOT NULL,
	"participant_sid" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"set_by_id" text,
	"set_by_email" text,
	"warned_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"ended_by" text,
	"end_note" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "timeboxes_running" ON "timeboxes" USING btree ("room","identity") WHERE "ended_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "timeboxes_due" ON "timeboxes" USING btree ("ends_at") WHERE "ended_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "timeboxes_room_ended" ON "timeboxes" USING btree ("room","ended_at");
