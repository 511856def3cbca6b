-- AlterEnum
ALTER TYPE "PostStatus" ADD VALUE 'HELD';

-- AlterTable
ALTER TABLE "networks" ADD COLUMN     "hold_first_posts" BOOLEAN NOT NULL DEFAULT false;

