-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'RELEASED', 'EXPIRED', 'COMPLETED');

-- AlterEnum
ALTER TYPE "PostStatus" ADD VALUE 'CLAIMED';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "share_contact" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "claims" (
    "id" SERIAL NOT NULL,
    "post_id" INTEGER NOT NULL,
    "claimant_id" TEXT NOT NULL,
    "note" VARCHAR(500) NOT NULL,
    "status" "ClaimStatus" NOT NULL DEFAULT 'PENDING',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted_at" TIMESTAMP(3),
    "closed_at" TIMESTAMP(3),
    "check_in_sent_at" TIMESTAMP(3),
    "poster_last_read_at" TIMESTAMP(3),
    "claimant_last_read_at" TIMESTAMP(3),
    "poster_notified_at" TIMESTAMP(3),
    "claimant_notified_at" TIMESTAMP(3),

    CONSTRAINT "claims_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" SERIAL NOT NULL,
    "claim_id" INTEGER NOT NULL,
    "sender_id" TEXT NOT NULL,
    "body" VARCHAR(2000) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "claims_post_id_status_idx" ON "claims"("post_id", "status");

-- CreateIndex
CREATE INDEX "claims_claimant_id_created_at_idx" ON "claims"("claimant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "claims_status_created_at_idx" ON "claims"("status", "created_at");

-- CreateIndex
CREATE INDEX "claims_status_closed_at_idx" ON "claims"("status", "closed_at");

-- CreateIndex
CREATE INDEX "messages_claim_id_created_at_idx" ON "messages"("claim_id", "created_at");

-- AddForeignKey
ALTER TABLE "claims" ADD CONSTRAINT "claims_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claims" ADD CONSTRAINT "claims_claimant_id_fkey" FOREIGN KEY ("claimant_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- One live claim per person per post. Prisma cannot declare a partial unique index, so it lives here.
CREATE UNIQUE INDEX "claims_one_live_per_person" ON "claims"("post_id", "claimant_id") WHERE "status" IN ('PENDING', 'ACCEPTED');
