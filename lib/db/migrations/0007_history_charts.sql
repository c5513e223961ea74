CREATE TABLE "presence_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"room" text NOT NULL,
	"identity" text NOT NULL,
	"event" text NOT NULL,
	"participant_sid" text,
	"name" text,
	"at" timestamp with time zone NOT NULL,
	"webhook_id" text NOT NULL,
	CONSTRAINT "presence_events_event_known" CHECK ("event" in ('joined', 'left'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "presence_events_webhook_id" ON "presence_events" USING btree ("webhook_id");--> statement-breakpoint
CREATE INDEX "presence_events_room_identity_at" ON "presence_events" USING btree ("room","identity","at");--> statement-breakpoint
CREATE TABLE "activity_samples" (
	"room" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"participants" integer NOT NULL,
	"speakers" integer NOT NULL,
	"hands" integer NOT NULL,
	CONSTRAINT "activity_samples_room_at_pk" PRIMARY KEY("room","at")
);
--> statement-breakpoint
CREATE INDEX "activity_samples_at" ON "activity_samples" USING btree ("at");
