-- CreateEnum
CREATE TYPE "RepeatRule" AS ENUM ('WEEKLY', 'BIWEEKLY', 'MONTHLY', 'WEEKDAYS');

-- AlterEnum
ALTER TYPE "PostStatus" ADD VALUE 'QUEUED';

-- AlterTable
ALTER TABLE "networks" ADD COLUMN     "daily_request_cap" INTEGER;

-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "intake_day" DATE,
ADD COLUMN     "occurs_on" DATE,
ADD COLUMN     "series_id" INTEGER;

-- CreateTable
CREATE TABLE "post_series" (
    "id" SERIAL NOT NULL,
    "author_id" TEXT NOT NULL,
    "network_id" INTEGER NOT NULL,
    "rule" "RepeatRule" NOT NULL,
    "weekdays" INTEGER[],
    "starts_on" DATE NOT NULL,
    "until" DATE,
    "count" INTEGER,
    "created" INTEGER NOT NULL DEFAULT 0,
    "last_occurs_on" DATE,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "ended_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "standing_claimant_id" TEXT,
    "standing_note" VARCHAR(500),
    "standing_accepted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "post_series_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "post_series_ended_at_finished_at_paused_last_occurs_on_idx" ON "post_series"("ended_at", "finished_at", "paused", "last_occurs_on");

-- CreateIndex
CREATE INDEX "post_series_author_id_idx" ON "post_series"("author_id");

-- CreateIndex
CREATE INDEX "post_series_standing_claimant_id_idx" ON "post_series"("standing_claimant_id");

-- CreateIndex
CREATE INDEX "posts_network_id_intake_day_idx" ON "posts"("network_id", "intake_day");

-- CreateIndex
CREATE UNIQUE INDEX "posts_series_id_occurs_on_key" ON "posts"("series_id", "occurs_on");

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "post_series"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_series" ADD CONSTRAINT "post_series_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_series" ADD CONSTRAINT "post_series_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_series" ADD CONSTRAINT "post_series_standing_claimant_id_fkey" FOREIGN KEY ("standing_claimant_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

