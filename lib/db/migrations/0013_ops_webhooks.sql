ALTER TABLE "webhook_events" ADD COLUMN "status" text DEFAULT 'done' NOT NULL;
--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "lease_until" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_status_known" CHECK ("status" in ('claimed', 'done'));
--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "heartbeat_at" timestamp with time zone;
