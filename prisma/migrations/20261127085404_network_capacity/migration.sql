-- AlterTable
ALTER TABLE "networks" ADD COLUMN     "claim_cap" INTEGER,
ADD COLUMN     "pause_message" TEXT,
ADD COLUMN     "paused_until" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "away_until" TIMESTAMP(3);

