CREATE TABLE "bans" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"identity" text NOT NULL,
	"room" text,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"expires_at" timestamp with time zone,
	"lifted_at" timestamp with time zone,
	"lifted_by" text
);
--> statement-breakpoint
CREATE INDEX "bans_identity" ON "bans" USING btree ("identity");