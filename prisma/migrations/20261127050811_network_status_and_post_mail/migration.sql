-- Networks can be marked no longer active; organizers and moderators are mailed the new posts in
-- their networks (src/lib/server/posts/network-mail.ts), which marks each post once it was counted.
-- AlterTable
ALTER TABLE "networks" ADD COLUMN     "inactive_since" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "network_notified_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "network_post_mail" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "posts_network_notified_at_idx" ON "posts"("network_notified_at");


-- Posts written before the mail existed are not news: only posts from now on are mailed.
UPDATE "posts" SET "network_notified_at" = "created_at";
