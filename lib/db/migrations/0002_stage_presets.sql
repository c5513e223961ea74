CREATE TABLE "stage_presets" (
	"name" text PRIMARY KEY NOT NULL,
	"permission" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
