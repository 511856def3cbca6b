-- Indexes for each shape of board filter, in each sort order, and for the reminder job (see the Post
-- model). Without them a filter matching few or no posts walks every open post in date order.

-- DropIndex
DROP INDEX "posts_neighborhood_id_status_created_at_idx";

-- DropIndex
DROP INDEX "posts_network_id_status_created_at_idx";

-- CreateIndex
CREATE INDEX "posts_status_category_created_at_id_idx" ON "posts"("status", "category", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "posts_status_category_due_at_id_idx" ON "posts"("status", "category", "due_at", "id");

-- CreateIndex
CREATE INDEX "posts_status_kind_category_created_at_id_idx" ON "posts"("status", "kind", "category", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "posts_status_kind_category_due_at_id_idx" ON "posts"("status", "kind", "category", "due_at", "id");

-- CreateIndex
CREATE INDEX "posts_neighborhood_id_status_created_at_id_idx" ON "posts"("neighborhood_id", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "posts_neighborhood_id_status_due_at_id_idx" ON "posts"("neighborhood_id", "status", "due_at", "id");

-- CreateIndex
CREATE INDEX "posts_network_id_status_created_at_id_idx" ON "posts"("network_id", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "posts_network_id_status_due_at_id_idx" ON "posts"("network_id", "status", "due_at", "id");

-- CreateIndex
CREATE INDEX "posts_status_reminder_sent_at_expires_at_idx" ON "posts"("status", "reminder_sent_at", "expires_at");

