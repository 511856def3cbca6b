-- The scheduled mail jobs look for rows nobody was mailed about yet (mail/due.ts): each a small,
-- shrinking set in a table that only grows. A partial index holds just those rows, so a job that
-- finds nothing due reads next to nothing, and rows drop out of it once mailed. Prisma's schema
-- language cannot state a partial index, so they live here only (prisma-diff --check ignores them).

-- New-post digests (posts/network-mail.ts): unmailed posts, not held, by id. Replaces the index on
-- the whole column, where every mailed post sat forever.
DROP INDEX IF EXISTS "posts_network_notified_at_idx";
CREATE INDEX "posts_network_unnotified_idx" ON "posts" ("id")
  WHERE "network_notified_at" IS NULL AND "status" <> 'HELD';

-- Report digests (moderation/reports.ts): reports not yet counted in a mail.
CREATE INDEX "reports_unmailed_idx" ON "reports" ("post_id") WHERE "notified_at" IS NULL;

-- Check-ins (claims/lifecycle.ts): accepted claims not yet asked "did this happen?", by acceptance.
CREATE INDEX "claims_check_in_due_idx" ON "claims" ("accepted_at")
  WHERE "status" = 'ACCEPTED' AND "check_in_sent_at" IS NULL;
