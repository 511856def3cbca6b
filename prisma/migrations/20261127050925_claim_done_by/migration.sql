-- Who marked a claim done (the other one may say it didn't happen), and replies declined only because
-- the post filled, mailed once when a place opens again (src/lib/server/claims/).
-- CreateEnum
CREATE TYPE "ClaimParty" AS ENUM ('POSTER', 'CLAIMANT');

-- AlterTable
ALTER TABLE "claims" ADD COLUMN     "declined_full" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "done_by" "ClaimParty",
ADD COLUMN     "place_open_mailed_at" TIMESTAMP(3);

