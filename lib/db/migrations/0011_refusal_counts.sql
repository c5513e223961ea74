CREATE TABLE "refusal_counts" (
	"actor_id" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"refusals" integer NOT NULL,
	CONSTRAINT "refusal_counts_actor_id_window_start_pk" PRIMARY KEY("actor_id","window_start")
);
--> statement-breakpoint
CREATE INDEX "refusal_counts_window_start" ON "refusal_counts" USING btree ("window_start");
--> statement-breakpoint
CREATE INDEX "audit_entries_actor_id_at" ON "audit_entries" USING btree ("actor_id","at");
