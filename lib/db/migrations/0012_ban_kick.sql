ALTER TABLE "bans" ADD COLUMN "kick_audit_id" bigint;
--> statement-breakpoint
CREATE INDEX "bans_kick_audit_id" ON "bans" USING btree ("kick_audit_id");
