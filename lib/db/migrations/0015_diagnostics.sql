CREATE TABLE "webhook_refusals" (
	"hour" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_refusals_hour_reason_pk" PRIMARY KEY("hour","reason")
);
--> statement-breakpoint
CREATE TABLE "replica_heartbeats" (
	"replica_id" text PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"local_at" timestamp with time zone NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "replica_heartbeats_seen_at" ON "replica_heartbeats" USING btree ("seen_at");
