-- AlterTable
ALTER TABLE "household_requests" ADD COLUMN     "post_id" INTEGER;

-- CreateTable
CREATE TABLE "take_in_offers" (
    "id" SERIAL NOT NULL,
    "post_id" INTEGER NOT NULL,
    "network_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMP(3),
    "accepted" BOOLEAN,

    CONSTRAINT "take_in_offers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "take_in_offers_post_id_key" ON "take_in_offers"("post_id");

-- CreateIndex
CREATE INDEX "take_in_offers_network_id_idx" ON "take_in_offers"("network_id");

-- CreateIndex
CREATE INDEX "household_requests_post_id_idx" ON "household_requests"("post_id");

-- AddForeignKey
ALTER TABLE "household_requests" ADD CONSTRAINT "household_requests_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "take_in_offers" ADD CONSTRAINT "take_in_offers_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "take_in_offers" ADD CONSTRAINT "take_in_offers_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

