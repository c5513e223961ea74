ALTER TABLE "audit_entries" ADD COLUMN "parent_id" bigint;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "undoes_id" bigint;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "undone_by_id" bigint;--> statement-breakpoint
CREATE INDEX "audit_entries_parent_id" ON "audit_entries" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "audit_entries_undoes_id" ON "audit_entries" USING btree ("undoes_id");
