ALTER TABLE "presence_events" RENAME TO "attendance_events";--> statement-breakpoint
ALTER SEQUENCE "presence_events_id_seq" RENAME TO "attendance_events_id_seq";--> statement-breakpoint
ALTER TABLE "attendance_events" RENAME CONSTRAINT "presence_events_pkey" TO "attendance_events_pkey";--> statement-breakpoint
ALTER INDEX "presence_events_webhook_id" RENAME TO "attendance_events_webhook_id";--> statement-breakpoint
ALTER INDEX "presence_events_room_identity_at" RENAME TO "attendance_events_room_identity_at";--> statement-breakpoint
ALTER TABLE "attendance_events" RENAME CONSTRAINT "presence_events_event_known" TO "attendance_events_event_known";
