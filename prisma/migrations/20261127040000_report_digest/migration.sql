-- Moderators are mailed a digest of new reports (src/lib/server/moderation/reports.ts); this marks
-- the reports already counted in one.
-- AlterTable
ALTER TABLE "reports" ADD COLUMN "notified_at" TIMESTAMP(3);

-- Reports already dealt with before the digest existed need no mail.
UPDATE "reports" SET "notified_at" = COALESCE("resolved_at", "created_at") WHERE "status" <> 'OPEN';
