-- AlterTable
ALTER TABLE "networks" ADD COLUMN     "languages" TEXT[];

